//! Every rule fires on its `fires` fixture exactly at the marked lines, with the messages and
//! helps snapshotted in `tests/snapshots/rules/`, and a plan with its `clean` fixture lints with
//! no diagnostics at all: one test per rule, named after it. See `tests/fixtures/rules/README.md`.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use support::{copy_tree, fixtures, lint_json};

const TODAY: &str = "2027-03-15";

/// Rules that read the git history. Their overlay is a change of the base plan: the base is
/// committed on 2026-12-15 (before its goal starts), then the overlay on 2027-02-01 (after),
/// each with a set author, in a repository made in the temporary folder.
const HISTORY_RULES: &[&str] = &["goal-moved-goalpost"];

/// Lays `overlay` over the base plan in a temporary folder and lints it; for a rule of
/// [`HISTORY_RULES`], the base and the overlay are two commits.
fn lint_overlay(overlay: &Path, rule: &str) -> (tempfile::TempDir, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    let history = HISTORY_RULES.contains(&rule);
    if history {
        support::git::init(dir.path());
        support::git::commit_all(dir.path(), "Mai Tran", "2026-12-15", "Plan the year");
    }
    copy_tree(overlay, dir.path());
    let _ = std::fs::remove_file(dir.path().join("expect.txt"));
    let _ = std::fs::remove_file(dir.path().join(".keep"));
    if history {
        support::git::commit_all(dir.path(), "Lan Nguyen", "2027-02-01", "Change the plan");
    }
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

/// A rule's diagnostics on its `fires` fixture as the binary prints them in JSON: where, how
/// severe, the message and the help (the plan's temporary path shown as `[ROOT]`).
fn messages(json: &serde_json::Value, rule: &str, root: &Path) -> String {
    let mut out = String::new();
    for d in json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
    {
        out.push_str(&format!(
            "{}:{}:{} {}\n  {}\n  help: {}\n",
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["severity"].as_str().unwrap(),
            d["message"].as_str().unwrap(),
            d["help"].as_str().unwrap_or("(none)"),
        ));
        if !d["fix"].is_null() {
            let edits: Vec<String> = d["fix"]["edits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let (start, end) = (&e["start"], &e["end"]);
                    format!(
                        "{}:{}-{}:{} {:?}",
                        start["line"],
                        start["column"],
                        end["line"],
                        end["column"],
                        e["replacement"].as_str().unwrap()
                    )
                })
                .collect();
            out.push_str(&format!(
                "  fix ({}): {}: {}\n",
                d["fix"]["applicability"].as_str().unwrap(),
                d["fix"]["title"].as_str().unwrap(),
                edits.join(", ")
            ));
        }
    }
    out.replace(root.to_str().unwrap(), "[ROOT]")
}

/// The rule fires on its `fires` fixture exactly where marked, with the messages and helps of
/// its snapshot, and a plan with its `clean` fixture lints with no diagnostics at all.
fn check_rule(rule: &str) {
    let dir = fixtures().join("rules").join(rule);
    let (fires, clean) = (dir.join("fires"), dir.join("clean"));
    assert!(
        fires.is_dir() && clean.is_dir(),
        "{rule}: missing fixtures {}/{{fires,clean}}",
        dir.display()
    );
    let want = expected(&fires, rule);
    assert!(!want.is_empty(), "{rule}: fires fixture has no `~{rule}` marker");
    let (tmp, json) = lint_overlay(&fires, rule);
    assert_eq!(
        found(&json, rule),
        want,
        "{rule}: where it fires (left) and where marked (right)"
    );
    check_fixes(&json, rule);
    insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(rule, messages(&json, rule, tmp.path()));
    });
    let (_tmp, json) = lint_overlay(&clean, rule);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let list: Vec<_> = diagnostics
        .iter()
        .map(|d| format!("{} {}:{}", d["rule"], d["file"], d["line"]))
        .collect();
    assert!(list.is_empty(), "{rule}: clean fixture is not clean: {list:?}");
}

/// A rule that declares no fix never offers one; a rule that declares one offers it on its
/// `fires` fixture, and only of the applicability it declares.
fn check_fixes(json: &serde_json::Value, rule: &str) {
    use stratagem::diagnostic::{Applicability, FixAvailability};
    let declared = stratagem::lint::find_rule(rule).unwrap().fix;
    let offered: Vec<Applicability> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule && !d["fix"].is_null())
        .map(|d| match d["fix"]["applicability"].as_str().unwrap() {
            "safe" => Applicability::Safe,
            "unsafe" => Applicability::Unsafe,
            other => panic!("{rule}: unknown applicability {other}"),
        })
        .collect();
    match declared {
        FixAvailability::None => assert!(offered.is_empty(), "{rule} declares no fix but offers {offered:?}"),
        declared => {
            assert!(
                !offered.is_empty(),
                "{rule} declares a {declared:?} fix but offers none on its fixture"
            );
            for applicability in &offered {
                assert!(
                    declared.allows(*applicability),
                    "{rule} declares {declared:?} but offers {applicability:?}"
                );
            }
            if declared == FixAvailability::Sometimes {
                assert!(
                    offered.contains(&Applicability::Safe) && offered.contains(&Applicability::Unsafe),
                    "{rule} declares safe and unsafe fixes: its fixture shows both"
                );
            }
        }
    }
    let docs = stratagem::lint::find_rule(rule).unwrap().docs;
    assert_eq!(
        docs.contains("\n## Fix\n"),
        declared != FixAvailability::None,
        "docs/rules/{rule}.md has a `## Fix` section exactly when the rule has a fix"
    );
}

/// One test per rule, named after it (`cargo test vanity_metric`), and the list of rules tested.
macro_rules! rule_tests {
    ($($name:ident => $id:literal,)*) => {
        const TESTED: &[&str] = &[$($id),*];
        $(
            #[test]
            fn $name() {
                check_rule($id);
            }
        )*
    };
}

rule_tests! {
    owner_overloaded => "owner-overloaded",
    broken_link => "broken-link",
    channel_spread => "channel-spread",
    channel_unused => "channel-unused",
    channel_without_owner => "channel-without-owner",
    checkin_stale => "checkin-stale",
    dangling_reference => "dangling-reference",
    duplicate_id => "duplicate-id",
    evaluation_missing_cadence => "evaluation-missing-cadence",
    evaluation_review_overdue => "evaluation-review-overdue",
    front_matter_missing => "front-matter-missing",
    front_matter_syntax => "front-matter-syntax",
    goal_dates_inverted => "goal-dates-inverted",
    goal_deadline_outside_period => "goal-deadline-outside-period",
    goal_deadline_passed => "goal-deadline-passed",
    goal_direction_mismatch => "goal-direction-mismatch",
    goal_implausible_target => "goal-implausible-target",
    goal_missing_baseline => "goal-missing-baseline",
    goal_missing_deadline => "goal-missing-deadline",
    goal_missing_metric => "goal-missing-metric",
    goal_missing_target => "goal-missing-target",
    goal_moved_goalpost => "goal-moved-goalpost",
    goal_target_equals_baseline => "goal-target-equals-baseline",
    goal_vague => "goal-vague",
    goal_without_evaluation => "goal-without-evaluation",
    goal_without_strategy => "goal-without-strategy",
    measurement_in_future => "measurement-in-future",
    measurement_out_of_window => "measurement-out-of-window",
    missing_owner => "missing-owner",
    missing_title => "missing-title",
    strategy_without_goal => "strategy-without-goal",
    strategy_without_tactic => "strategy-without-tactic",
    symlink_outside_plan => "symlink-outside-plan",
    tactic_dates_inverted => "tactic-dates-inverted",
    tactic_missing_budget => "tactic-missing-budget",
    tactic_without_strategy => "tactic-without-strategy",
    unknown_field => "unknown-field",
    unknown_practice => "unknown-practice",
    unknown_rule => "unknown-rule",
    unreadable_file => "unreadable-file",
    unused_suppression => "unused-suppression",
    vanity_metric => "vanity-metric",
    wrong_type => "wrong-type",
}

/// The rules `stratagem explain` lists.
fn listed_rules() -> BTreeSet<String> {
    let output = support::run(&["explain"], None);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    // A header line and a blank line, then one line per rule: its id first.
    text.lines()
        .skip_while(|line| !line.is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_rule_listed_has_a_test_and_every_test_a_rule() {
    let listed = listed_rules();
    assert!(listed.len() >= 40, "{listed:?}");
    let tested: BTreeSet<String> = TESTED.iter().map(|&id| id.to_owned()).collect();
    let untested: Vec<_> = listed.difference(&tested).collect();
    assert!(
        untested.is_empty(),
        "rules without a test: add them to `rule_tests!`: {untested:?}"
    );
    let unknown: Vec<_> = tested.difference(&listed).collect();
    assert!(
        unknown.is_empty(),
        "tests for rules `stratagem explain` does not list: {unknown:?}"
    );
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
