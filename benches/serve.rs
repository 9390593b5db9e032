//! `cargo bench --bench serve`: with `stratagem serve` running on generated plans of 1,000 and
//! 10,000 documents, the time from saving one tactic to the reload event reaching an open page.
//! Targets: under 100 ms and under 300 ms. The tactic is restored afterwards.

mod support;

use std::time::{Duration, Instant};

use support::serve::{Events, Server};

const EDITS: usize = 15;

fn main() {
    println!("save → reload event, {EDITS} edits of one tactic each after a warm-up (wall clock)");
    for n in [1_000, 10_000] {
        let plan = support::plan(n);
        let file = plan.join("tactics/t00042.md");
        let original = std::fs::read_to_string(&file).unwrap();
        let server = Server::start(&plan, &["--today", "2027-03-15"]);
        let mut events = Events::connect(server.port, "/__stratagem/events").with_timeout(Duration::from_secs(30));
        events.wait("hello");
        let mut times = Vec::new();
        // The first save after the initial build is a warm-up, as in the other benchmarks.
        for i in 0..=EDITS {
            let text = original.replacen("title = \"", &format!("title = \"Edit {i}: "), 1);
            let started = Instant::now();
            std::fs::write(&file, text).unwrap();
            events.wait("reload");
            if i > 0 {
                times.push(started.elapsed());
            }
            // Let the watcher settle between saves, as between an author's saves.
            std::thread::sleep(Duration::from_millis(100));
        }
        std::fs::write(&file, &original).unwrap();
        drop(server);
        times.sort();
        println!("  {n:>6} documents: {}", support::summary(&times));
    }
}
