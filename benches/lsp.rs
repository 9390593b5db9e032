//! `cargo bench --bench lsp`: `stratagem lsp` (the real binary, over stdio) on a generated plan
//! of 10,000 documents. One tactic is opened, and after its first diagnostics each of 10 edits
//! (a word typed into its body, after a warm-up edit) is timed from `didChange` to the
//! `publishDiagnostics` for that file and version: debounce, re-parse, the whole plan's lint
//! and the publish. The target is under 100 ms.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;
use support::lsp::{Client, uri};

const EDITS: usize = 10;

fn main() {
    let plan = support::plan(10_000);
    let file = first_tactic(&plan);
    let text = std::fs::read_to_string(&file).expect("read the tactic");
    let mut lsp = Client::start(Path::new(env!("CARGO_BIN_EXE_stratagem")));
    let started = Instant::now();
    lsp.initialize(Some(&plan), true);
    lsp.open(&file, &text);
    lsp.diagnostics(&file);
    println!(
        "stratagem lsp, 10,000 documents: first diagnostics {:.0} ms after initialize",
        ms(started.elapsed())
    );
    let end = text.lines().count();
    let mut times: Vec<Duration> = (0..=EDITS)
        .map(|n| {
            let version = n as i64 + 2;
            let start = Instant::now();
            lsp.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri(&file), "version": version },
                    "contentChanges": [{
                        "range": { "start": { "line": end, "character": 0 }, "end": { "line": end, "character": 0 } },
                        "text": "word ",
                    }],
                }),
            );
            lsp.diagnostics_of_version(&file, version);
            start.elapsed()
        })
        .skip(1)
        .collect();
    times.sort();
    println!(
        "  didChange → publishDiagnostics, {EDITS} edits: {}",
        support::summary(&times)
    );
    assert!(lsp.shutdown(), "the server exits cleanly");
}

fn first_tactic(plan: &Path) -> std::path::PathBuf {
    let mut files: Vec<_> = walkdir::WalkDir::new(plan.join("tactics"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files.into_iter().next().expect("a tactic")
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
