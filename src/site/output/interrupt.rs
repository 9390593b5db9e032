//! Leaving nothing behind when a build is stopped: the folders a build is writing are
//! registered here, and a signal (Ctrl-C, CI cancelling a job) or a runaway template removes
//! them before the process exits.
//!
//! File writes and the final swap happen inside a [`Gate`] held for reading; stopping takes it
//! for writing, so it waits for the write in progress to finish, and no write starts after it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError, RwLock, RwLockReadGuard};

static GATE: RwLock<()> = RwLock::new(());
static STOPPING: AtomicBool = AtomicBool::new(false);
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held while one file is written or the site is swapped in.
pub struct Gate(#[allow(dead_code, reason = "held for its drop")] RwLockReadGuard<'static, ()>);

/// Enters the gate, or fails once the process is stopping.
pub fn enter() -> anyhow::Result<Gate> {
    let guard = GATE.read().unwrap_or_else(PoisonError::into_inner);
    if STOPPING.load(Ordering::SeqCst) {
        anyhow::bail!("the build was stopped");
    }
    Ok(Gate(guard))
}

/// A folder to remove if the process stops before it is done with it.
pub fn register(path: &Path) {
    PENDING
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(path.to_path_buf());
}

/// The folder is finished with (removed, or swapped in as the site).
pub fn unregister(path: &Path) {
    PENDING
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|p| p != path);
}

/// Removes every registered folder, says why on stderr, and exits with `code`.
pub fn stop(message: &str, code: i32) -> ! {
    STOPPING.store(true, Ordering::SeqCst);
    let _gate = GATE.write().unwrap_or_else(PoisonError::into_inner);
    let pending = std::mem::take(&mut *PENDING.lock().unwrap_or_else(PoisonError::into_inner));
    for path in pending {
        let _ = std::fs::remove_dir_all(&path);
    }
    eprintln!("{message}");
    std::process::exit(code)
}

/// Stops cleanly on SIGINT, SIGTERM and SIGHUP: the build's folders are removed, the previous
/// site stays as it was, and the exit code is 128 + the signal's number, as shells report it.
pub fn on_signals() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                stop(
                    "stopped: the build was interrupted; the previous site is unchanged",
                    128 + signal,
                );
            }
        });
    }
    Ok(())
}
