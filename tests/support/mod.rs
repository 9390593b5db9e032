//! Helpers shared by the integration tests: run the real binary, copy fixture plans; the preview
//! server's harness is `serve` (shared with the benchmarks).

#![allow(dead_code, reason = "each test file uses part of the support code")]

pub mod edits;
pub mod git;
pub mod serve;
pub mod site;

use std::path::{Path, PathBuf};
use std::process::Output;

#[allow(unused_imports, reason = "each test file uses part of the support code")]
pub use serve::{Events, Server, http, stratagem};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn example_plan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-plan")
}

pub fn run(args: &[&str], dir: Option<&Path>) -> Output {
    let mut command = stratagem();
    command.args(args);
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    command.output().expect("run stratagem")
}

/// Copies `from` into `to` recursively, overwriting files that exist. Symbolic links are
/// copied as links; a top-level `public/` (a site built from the plan) is left out.
pub fn copy_tree(from: &Path, to: &Path) {
    let walker = walkdir::WalkDir::new(from)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == "public"));
    for entry in walker {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if entry.file_type().is_symlink() {
            let _ = std::fs::remove_file(&target);
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the example plan (without build output) in `dir/plan`.
pub fn plan_in(dir: &Path) -> PathBuf {
    let plan = dir.join("plan");
    copy_tree(&example_plan(), &plan);
    plan
}

/// Replaces `from` by `to` in a file, which must contain it.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// Waits until `check` holds, polling, for at most ten seconds.
pub fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !check() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

/// A page template that renders for minutes: ten billion empty loop turns.
pub const RUNAWAY_PAGE: &str = "{% extends \"base.html\" %}{% block content %}{% for i in range(end=100000) %}\
    {% for j in range(end=100000) %}{% endfor %}{% endfor %}{% endblock %}";

/// Appends `[limits]` lines to the plan's plan.toml.
pub fn set_limits(plan: &Path, lines: &str) {
    let settings = std::fs::read_to_string(plan.join("plan.toml")).unwrap();
    std::fs::write(plan.join("plan.toml"), format!("{settings}\n[limits]\n{lines}\n")).unwrap();
}

/// Lints `plan` and returns the parsed JSON output and the exit code.
pub fn lint_json(plan: &Path, extra: &[&str]) -> (serde_json::Value, i32) {
    let mut args = vec!["lint", plan.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let output = run(&args, None);
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "lint output is not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (json, output.status.code().unwrap_or(-1))
}
