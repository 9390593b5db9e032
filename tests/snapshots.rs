//! Snapshots of the human output for a few fixtures, with the temporary plan path shown as
//! `[ROOT]`. Review changes with `cargo insta review` (or accept with `INSTA_UPDATE=always`).

mod support;

use support::{copy_tree, fixtures, run};

/// Lints the base plan with `overlay` laid over it; returns stdout with the path redacted.
fn human(overlay: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    copy_tree(&fixtures().join("rules").join(overlay), dir.path());
    let _ = std::fs::remove_file(dir.path().join("expect.txt"));
    let root = dir.path().to_str().unwrap();
    let output = run(&["lint", root, "--today", "2027-03-15", "--color", "never"], None);
    String::from_utf8(output.stdout).unwrap().replace(root, "[ROOT]")
}

#[test]
fn vague_goals_in_four_languages() {
    insta::assert_snapshot!(human("goal-vague/fires"));
}

#[test]
fn wrong_types_with_recovery_hints() {
    insta::assert_snapshot!(human("wrong-type/fires"));
}

#[test]
fn broken_links_with_suggestions() {
    insta::assert_snapshot!(human("broken-link/fires"));
}

#[test]
fn clean_plan_summary() {
    insta::assert_snapshot!(human("unknown-rule/clean"));
}
