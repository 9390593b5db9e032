//! `cargo bench --bench serve`: with `stratagem serve` running on generated plans of 1,000 and
//! 10,000 documents, the time from saving one tactic (a new title) to the reload event that
//! reaches its open page, and to the one that reaches the tactics list (the last pages of the
//! edit to render: the map, the roadmap, the lists). Targets for the tactic's page: under 40 ms
//! and under 150 ms. The tactic is restored afterwards.

mod support;

use std::time::{Duration, Instant};

use support::serve::{Events, Server};

const EDITS: usize = 15;

fn main() {
    println!("save → reload event, {EDITS} edits of one tactic's title after a warm-up (wall clock)");
    for n in [1_000, 10_000] {
        let plan = support::plan(n);
        let file = plan.join("tactics/t00042.md");
        let original = std::fs::read_to_string(&file).unwrap();
        let server = Server::start(&plan, &["--today", "2027-03-15"]);
        let mut events = Events::connect(server.port, "/__stratagem/events").with_timeout(Duration::from_secs(30));
        events.wait("hello");
        let (mut page, mut across) = (Vec::new(), Vec::new());
        // The first save after the initial build is a warm-up, as in the other benchmarks.
        for i in 0..=EDITS {
            let text = original.replacen("title = \"", &format!("title = \"Edit {i}: "), 1);
            let started = Instant::now();
            std::fs::write(&file, text).unwrap();
            events.reload_of("tactics/t00042.html");
            let shown = started.elapsed();
            events.reload_of("tactics/index.html");
            if i > 0 {
                page.push(shown);
                across.push(started.elapsed());
            }
            // Let the watcher settle between saves, as between an author's saves.
            std::thread::sleep(Duration::from_millis(100));
        }
        std::fs::write(&file, &original).unwrap();
        drop(server);
        page.sort();
        across.sort();
        println!("  {n:>6} documents, the tactic's page: {}", support::summary(&page));
        println!("  {n:>6} documents, the tactics list:  {}", support::summary(&across));
    }
}
