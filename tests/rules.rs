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

/// The ids a help shows: values of `goals = […]`, `strategy = "…"`, `channel = "…"`, `id = "…"`
/// in its code spans, and what `did you mean` suggests.
fn ids_in_help(help: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for code in help.split('`').skip(1).step_by(2) {
        let Some((key, value)) = code.split_once(" = ") else {
            continue;
        };
        let key = key.rsplit([' ', '{', ',']).next().unwrap_or(key);
        if ["goals", "goal", "strategy", "strategies", "channel", "channels", "id"].contains(&key) {
            ids.extend(value.split('"').skip(1).step_by(2).map(str::to_owned));
        }
    }
    for (i, _) in help.match_indices("did you mean `") {
        let rest = &help[i + "did you mean `".len()..];
        let word = rest.split('`').next().unwrap_or("");
        ids.push(word.trim_start_matches(['@', '#']).trim_matches('"').to_owned());
    }
    ids
}

/// Lints a copy of the base plan after `change`, and checks every help against the plan's ids.
fn helps_name_only_real_ids(change: impl FnOnce(&Path)) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    change(dir.path());
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    let mut real: BTreeSet<String> = walkdir::WalkDir::new(dir.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".md").map(str::to_owned))
        .collect();
    real.extend(["linkedin".to_owned(), "instagram".to_owned()]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() >= 4, "{diagnostics:#?}");
    for d in diagnostics {
        let (help, message) = (d["help"].as_str().unwrap_or(""), d["message"].as_str().unwrap());
        for id in ids_in_help(help) {
            // The user's own word (quoted in the message) may be repeated; a shape is no id.
            let own = message.contains(&format!("`{id}`"));
            let shape = id.starts_with('<') || id == "…";
            assert!(
                real.contains(&id) || own || shape,
                "help names `{id}`, not in the plan: {d}"
            );
        }
    }
    json
}

fn write(root: &Path, rel: &str, text: &str) {
    std::fs::write(root.join(rel), text).unwrap();
}

#[test]
fn a_help_never_suggests_an_id_that_is_not_in_the_plan() {
    helps_name_only_real_ids(|root| {
        write(
            root,
            "strategies/lonely.md",
            "+++\ntitle = \"Lonely\"\nowner = \"A\"\n+++\n",
        );
        write(
            root,
            "tactics/orphan.md",
            "+++\ntitle = \"Orphan\"\nowner = \"A\"\nchannel = \"linkdin\"\nbudget = { amount = 0 }\n+++\n",
        );
        write(
            root,
            "tactics/typed.md",
            "+++\ntitle = \"Typed\"\nowner = \"A\"\nstrategy = 3\nchannels = [4]\nbudget = { amount = 0 }\n+++\n",
        );
        write(root, "goals/reach.md", "+++\ntitle = \"Reach\"\nowner = \"A\"\n+++\n");
        write(
            root,
            "evaluations/mixed.md",
            "+++\ntitle = \"Mixed\"\nowner = \"A\"\ngoals = [\"advocacy\", \"leeds\"]\ncadence = \"weekly\"\n\n[[measurements]]\ngoal = 5\ndate = 2027-02-01\nvalue = 1\n+++\n",
        );
        let plan = std::fs::read_to_string(root.join("plan.toml")).unwrap();
        write(
            root,
            "plan.toml",
            &format!("{plan}\n[[channels]]\nurl = \"https://example.org\"\n"),
        );
    });
}

#[test]
fn a_help_shows_the_fields_shape_when_the_plan_has_no_id_of_its_kind() {
    let json = helps_name_only_real_ids(|root| {
        std::fs::remove_file(root.join("goals/leads.md")).unwrap();
        std::fs::remove_file(root.join("evaluations/review.md")).unwrap();
        write(
            root,
            "strategies/lonely.md",
            "+++\ntitle = \"Lonely\"\nowner = \"A\"\n+++\n",
        );
        write(
            root,
            "tactics/orphan.md",
            "+++\ntitle = \"Orphan\"\nowner = \"A\"\nchannel = 5\nbudget = { amount = 0 }\n+++\n",
        );
    });
    let help_of = |rule: &str| {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == rule)
            .and_then(|d| d["help"].as_str())
            .unwrap_or_else(|| panic!("no {rule}"))
            .to_owned()
    };
    assert!(help_of("strategy-without-goal").contains("`goals = [\"<goal id>\"]`"));
}
