//! Shared by the benchmarks: a deterministic generator of large, valid plans (and of a git
//! history for one), timing, and the preview server's harness (`serve`, the same file the
//! integration tests use).

#![allow(dead_code, reason = "each benchmark uses part of the support code")]

pub mod generator;
pub mod history;
pub mod lsp;
#[path = "../../tests/support/serve.rs"]
pub mod serve;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A generated plan under `target/bench-plans/<n>`, written once and reused while valid.
pub fn plan(n: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-plans")
        .join(n.to_string());
    let stamp = dir.join(".generated");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(generator::VERSION) {
        let _ = std::fs::remove_dir_all(&dir);
        generator::write_plan(&dir, n).expect("write benchmark plan");
        std::fs::write(&stamp, generator::VERSION).expect("write stamp");
    }
    dir
}

/// Runs a command `runs` times after one warm-up, and returns the sorted wall-clock times.
pub fn time_command(runs: usize, mut make: impl FnMut() -> Command) -> Vec<Duration> {
    let run = |command: &mut Command| {
        let start = Instant::now();
        let output = command.output().expect("run benchmarked command");
        let elapsed = start.elapsed();
        // A benchmark of a plan with errors would measure the wrong thing: require a clean run.
        assert!(
            output.status.success(),
            "benchmarked command failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        elapsed
    };
    run(&mut make());
    let mut times: Vec<_> = (0..runs).map(|_| run(&mut make())).collect();
    times.sort();
    times
}

/// `min / median / max` in milliseconds.
pub fn summary(times: &[Duration]) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "min {:7.1} ms   median {:7.1} ms   max {:7.1} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    )
}
