//! `cargo bench --bench lint`: times `stratagem lint` (the real binary, process start included) on
//! generated plans of 1,000 and 10,000 documents. The target is under 0.3 s for 10,000.

mod support;

use std::process::Command;

fn main() {
    let binary = env!("CARGO_BIN_EXE_stratagem");
    println!("stratagem lint, {} runs each after a warm-up (wall clock)", RUNS);
    for n in [1_000, 10_000] {
        let plan = support::plan(n);
        let times = support::time_command(RUNS, || {
            let mut command = Command::new(binary);
            command
                .arg("lint")
                .arg(&plan)
                .args(["--today", "2027-03-15", "--format", "json"]);
            command
        });
        println!("  {n:>6} documents: {}", support::summary(&times));
    }
}

const RUNS: usize = 10;
