//! Every rule fires on its `fires` fixture exactly at the marked lines, and a plan with its
//! `clean` fixture lints with no diagnostics at all. See `tests/fixtures/rules/README.md`.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::{copy_tree, fixtures, lint_json};

const TODAY: &str = "2027-03-15";

/// Lays `overlay` over the base plan in a temporary folder and lints it.
fn lint_overlay(overlay: &Path) -> (tempfile::TempDir, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    copy_tree(overlay, dir.path());
    let _ = std::fs::remove_file(dir.path().join("expect.txt"));
    let _ = std::fs::remove_file(dir.path().join(".keep"));
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    (dir, json)
}

/// `(file, line)` pairs marked with `~rule` in the overlay's files, plus its `expect.txt`.
fn expected(overlay: &Path, rule: &str) -> BTreeSet<(String, u64)> {
    let marker = format!("~{rule}");
    let mut out = BTreeSet::new();
    for entry in walkdir::WalkDir::new(overlay)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry
            .path()
            .strip_prefix(overlay)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(entry.path()).unwrap();
        if rel == "expect.txt" {
            for line in String::from_utf8(bytes).unwrap().lines() {
                let (location, id) = line.split_once(' ').expect("expect.txt lines are `path:line rule`");
                let (file, number) = location.rsplit_once(':').unwrap();
                if id == rule {
                    out.insert((file.to_owned(), number.parse().unwrap()));
                }
            }
            continue;
        }
        for (i, line) in String::from_utf8_lossy(&bytes).lines().enumerate() {
            for _ in line.match_indices(&marker).filter(|(at, _)| {
                // `~goal-vague` must not match inside `~goal-vague-x`.
                !line[at + marker.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
            }) {
                out.insert((rel.clone(), i as u64 + 1));
            }
        }
    }
    out
}

fn found(json: &serde_json::Value, rule: &str) -> BTreeSet<(String, u64)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| (d["file"].as_str().unwrap().to_owned(), d["line"].as_u64().unwrap()))
        .collect()
}

#[test]
fn base_plan_lints_clean() {
    let (json, code) = lint_json(&fixtures().join("rules/_base"), &["--today", TODAY]);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{json:#}");
    assert_eq!(code, 0);
}

#[test]
fn every_rule_fires_where_marked_and_stays_quiet_on_clean_plans() {
    let mut failures = Vec::new();
    for rule in stratagem::lint::registry() {
        let dir = fixtures().join("rules").join(rule.id);
        let (fires, clean) = (dir.join("fires"), dir.join("clean"));
        if !fires.is_dir() || !clean.is_dir() {
            failures.push(format!(
                "{}: missing fixtures {}/{{fires,clean}}",
                rule.id,
                dir.display()
            ));
            continue;
        }
        let want = expected(&fires, rule.id);
        if want.is_empty() {
            failures.push(format!("{}: fires fixture has no `~{}` marker", rule.id, rule.id));
        }
        let (_tmp, json) = lint_overlay(&fires);
        let got = found(&json, rule.id);
        if got != want {
            failures.push(format!("{}: expected at {want:?}, fired at {got:?}", rule.id));
        }
        let (_tmp, json) = lint_overlay(&clean);
        let diagnostics = json["diagnostics"].as_array().unwrap();
        if !diagnostics.is_empty() {
            let list: Vec<_> = diagnostics
                .iter()
                .map(|d| format!("{} {}:{}", d["rule"], d["file"], d["line"]))
                .collect();
            failures.push(format!("{}: clean fixture is not clean: {list:?}", rule.id));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn every_fixture_folder_names_a_rule() {
    for entry in std::fs::read_dir(fixtures().join("rules")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type().unwrap().is_dir() && name != "_base" {
            assert!(
                stratagem::lint::find_rule(&name).is_some(),
                "fixtures for unknown rule `{name}`"
            );
        }
    }
}
