//! Bounds on rendering. A user's template can loop for minutes or build gigabytes of text, and
//! Tera has no way to stop it from inside; so every page render is tracked here, and a watchdog
//! thread that finds one running too long, or the process's memory grown too far since the
//! page began, stops the process with a message naming the template and the page.
//!
//! `build` then removes its staging folder and exits 2; the preview renders in a worker process,
//! whose end the server reports in the overlay while it keeps serving the last good site.

use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// How long one page may take, and how much memory a render may add, before it is stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub seconds: u64,
    pub memory_mib: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        seconds: 20,
        memory_mib: 2048,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// A page being rendered.
struct Job {
    template: String,
    page: String,
    started: Instant,
    /// The resident memory sampled last before it started (KiB).
    memory_at_start: Option<u64>,
}

struct State {
    jobs: Vec<(ThreadId, Job)>,
    /// Resident memory (KiB) at the watchdog's last look: jobs start from it, at no cost.
    sampled: Option<u64>,
    limits: Limits,
}

static STATE: Mutex<State> = Mutex::new(State {
    jobs: Vec::new(),
    sampled: None,
    limits: Limits::DEFAULT,
});
static WATCHDOG: OnceLock<()> = OnceLock::new();

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Tracks one page render on this thread until dropped.
pub struct Tracked(());

impl Drop for Tracked {
    fn drop(&mut self) {
        let mut state = state();
        let me = std::thread::current().id();
        state.jobs.retain(|(thread, _)| *thread != me);
    }
}

/// Marks the start of rendering `page` with `template` on this thread.
pub fn track(template: &str, page: &str) -> Tracked {
    let mut state = state();
    // Before the watchdog's first look, measure once (only when there is a watchdog to care).
    if state.sampled.is_none() && WATCHDOG.get().is_some() {
        state.sampled = resident_kib();
    }
    let memory_at_start = state.sampled;
    let me = std::thread::current().id();
    state.jobs.retain(|(thread, _)| *thread != me);
    state.jobs.push((
        me,
        Job {
            template: template.to_owned(),
            page: page.to_owned(),
            started: Instant::now(),
            memory_at_start,
        },
    ));
    Tracked(())
}

/// Sets the limits renders are held to (the renderer does, from plan.toml).
pub fn set(limits: Limits) {
    state().limits = limits;
}

/// Starts the watchdog (once per process): `stop` is called with the message when a render
/// goes over its limits, and must end the process. Without a watchdog, nothing is stopped.
pub fn watch(stop: fn(&str) -> !) {
    WATCHDOG.get_or_init(|| {
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(50));
                if let Some(message) = over_limits() {
                    stop(&message);
                }
            }
        });
    });
}

/// Samples memory; the message for a render over its limits, if there is one. Memory is
/// measured from the sample before the oldest running page began: the growth of one render, not
/// of the pages kept so far.
fn over_limits() -> Option<String> {
    let now = resident_kib();
    let mut state = state();
    state.sampled = now;
    let oldest = state.jobs.iter().map(|(_, j)| j).min_by_key(|j| j.started)?;
    let what = format!("template `{}` (rendering `{}`)", oldest.template, oldest.page);
    let limits = state.limits;
    if oldest.started.elapsed() > Duration::from_secs(limits.seconds) {
        return Some(format!(
            "template error: {what} ran for more than {} s and was stopped; look for a loop \
             that never ends or grows with every step (the limit is `[limits] render_seconds` in plan.toml)",
            limits.seconds
        ));
    }
    let (Some(before), Some(now)) = (oldest.memory_at_start, now) else {
        return None;
    };
    (now.saturating_sub(before) > limits.memory_mib * 1024).then(|| {
        format!(
            "template error: {what} used more than {} MiB of memory and was stopped; look for text \
             that doubles in a loop (the limit is `[limits] render_memory_mb` in plan.toml)",
            limits.memory_mib
        )
    })
}

/// The process's resident memory in KiB (Linux; elsewhere no memory limit applies).
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_over_time_is_named() {
        let _job = track("goal.html", "goals/a.html");
        state().limits = Limits {
            seconds: 0,
            memory_mib: 1 << 20,
        };
        std::thread::sleep(Duration::from_millis(1100));
        let message = over_limits().expect("over the limit");
        assert!(
            message.contains("template `goal.html` (rendering `goals/a.html`)"),
            "{message}"
        );
        state().limits = Limits::default();
    }

    #[test]
    fn reads_resident_memory_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(resident_kib().is_some_and(|k| k > 0));
        }
    }
}
