//! `goal-moved-goalpost` on real git repositories built in temporary folders: a goal's target
//! made easier or its deadline pushed later after its start, found from the history (committed,
//! or an edit not committed yet), silenced by a matching `[[revisions]]` entry; a plan outside
//! git, a shallow clone, a plan in a subfolder and a renamed goal file.

mod support;

use std::path::Path;

use serde_json::Value;
use support::git::{commit_all, git, init, short_head};
use support::{fixtures, lint_json, run};

const TODAY: &str = "2027-03-15";
const RULE: &str = "goal-moved-goalpost";
const PLAN_TOML: &str = "title = \"Plan\"\nowner = \"Head\"\nperiod = { start = 2027-01-01, end = 2027-12-31 }\n";

/// A goal file: `target` on line 7, `deadline` on line 9, then `extra` (e.g. `[[revisions]]`).
fn goal(target: &str, deadline: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"Grow qualified leads\"\nowner = \"Mai\"\nmetric = \"qualified leads per month\"\n\
         unit = \"leads\"\nbaseline = 40\ntarget = {target}\nstart = 2027-01-01\ndeadline = {deadline}\n{extra}+++\n\nBody.\n"
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A repository in `dir` whose plan (in `dir/sub`) has the goal at 120 by 2027-06-30, committed
/// on 2026-12-15, before the goal starts.
fn planned(dir: &Path, sub: &str) {
    write(dir, &format!("{sub}plan.toml"), PLAN_TOML);
    write(dir, &format!("{sub}goals/leads.md"), &goal("120", "2027-06-30", ""));
    init(dir);
    commit_all(dir, "Mai Tran", "2026-12-15", "Plan the year");
}

/// The findings of the rule: `(line, column, message, help)`.
fn moved(json: &Value) -> Vec<(u64, u64, String, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == RULE)
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
                d["help"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn lint(plan: &Path) -> Vec<(u64, u64, String, String)> {
    moved(&lint_json(plan, &["--today", TODAY]).0)
}

#[test]
fn a_target_lowered_after_the_start_fires_with_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    planned(dir.path(), "");
    write(dir.path(), "goals/leads.md", &goal("90", "2027-06-30", ""));
    commit_all(dir.path(), "Lan Nguyen", "2027-02-01", "Lower the leads target");
    let short = short_head(dir.path());
    let found = lint(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    let (line, column, message, help) = &found[0];
    assert_eq!((*line, *column), (7, 1), "at the current `target`");
    for part in ["from 120 to 90", &short, "2027-02-01", "Lan Nguyen", "2027-01-01"] {
        assert!(message.contains(part), "{part} not in {message}");
    }
    assert!(
        help.ends_with("[[revisions]]\ndate = 2027-02-01\nfield = \"target\"\nfrom = 120\nto = 90\nreason = \"…\""),
        "{help}"
    );
}

#[test]
fn a_change_before_the_start_is_no_finding_and_the_same_change_after_it_is() {
    let dir = tempfile::tempdir().unwrap();
    planned(dir.path(), "");
    write(dir.path(), "goals/leads.md", &goal("90", "2027-06-30", ""));
    commit_all(dir.path(), "Lan Nguyen", "2026-12-20", "Draft: a lower target");
    assert!(lint(dir.path()).is_empty(), "changed while drafting");
    write(dir.path(), "goals/leads.md", &goal("80", "2027-06-30", ""));
    commit_all(dir.path(), "Lan Nguyen", "2027-01-02", "Lower it again");
    let found = lint(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].2.contains("from 90 to 80"), "{}", found[0].2);
}

#[test]
fn a_deadline_pushed_later_fires_and_one_brought_forward_does_not() {
    let dir = tempfile::tempdir().unwrap();
    planned(dir.path(), "");
    write(dir.path(), "goals/leads.md", &goal("120", "2027-05-31", ""));
    commit_all(dir.path(), "Lan Nguyen", "2027-01-10", "Earlier deadline");
    assert!(lint(dir.path()).is_empty(), "tightened");
    write(dir.path(), "goals/leads.md", &goal("120", "2027-09-30", ""));
    commit_all(dir.path(), "Lan Nguyen", "2027-02-10", "Later deadline");
    let found = lint(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, 9, "at `deadline`");
    assert!(
        found[0].2.contains("pushed later from 2027-05-31 to 2027-09-30"),
        "{}",
        found[0].2
    );
    assert!(
        found[0]
            .3
            .contains("field = \"deadline\"\nfrom = 2027-05-31\nto = 2027-09-30")
    );
}

#[test]
fn a_raised_target_of_a_goal_to_decrease_fires() {
    let dir = tempfile::tempdir().unwrap();
    let hours = |target: &str| goal(target, "2027-06-30", "").replace("baseline = 40", "baseline = 48");
    write(dir.path(), "plan.toml", PLAN_TOML);
    write(dir.path(), "goals/leads.md", &hours("24"));
    init(dir.path());
    commit_all(dir.path(), "Mai Tran", "2026-12-15", "Plan");
    write(dir.path(), "goals/leads.md", &hours("36"));
    commit_all(dir.path(), "Lan Nguyen", "2027-02-01", "Answer in 36 hours");
    let found = lint(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].2.contains("raised (the goal is to decrease it) from 24 to 36"),
        "{}",
        found[0].2
    );
}

#[test]
fn a_matching_revision_silences_it_and_one_with_another_value_does_not() {
    let entry = |to: &str| {
        format!(
            "[[revisions]]\ndate = 2027-01-28\nfield = \"target\"\nfrom = 120\nto = {to}\nreason = \"Budget cut\"\n"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    planned(dir.path(), "");
    write(dir.path(), "goals/leads.md", &goal("90", "2027-06-30", &entry("90")));
    commit_all(
        dir.path(),
        "Lan Nguyen",
        "2027-02-01",
        "Lower the target, with the reason",
    );
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    assert!(moved(&json).is_empty(), "{json:#}");
    write(dir.path(), "goals/leads.md", &goal("90", "2027-06-30", &entry("100")));
    let found = lint(dir.path());
    assert_eq!(found.len(), 1, "an entry for another value: {found:#?}");
}

#[test]
fn an_uncommitted_or_staged_change_fires() {
    let dir = tempfile::tempdir().unwrap();
    planned(dir.path(), "");
    write(dir.path(), "goals/leads.md", &goal("90", "2027-06-30", ""));
    for stage in [false, true] {
        if stage {
            git(dir.path(), &["add", "goals/leads.md"]);
        }
        let found = lint(dir.path());
        assert_eq!(found.len(), 1, "staged: {stage}: {found:#?}");
        assert!(found[0].2.contains("from 120 to 90 in the work tree"), "{}", found[0].2);
        assert!(found[0].3.contains(&format!("date = {TODAY}")), "{}", found[0].3);
    }
}

#[test]
fn outside_git_lint_says_nothing_and_build_notes_it_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plan.toml", PLAN_TOML);
    write(dir.path(), "goals/leads.md", &goal("90", "2027-06-30", ""));
    let plan = dir.path().to_str().unwrap();
    let output = run(&["lint", plan, "--today", TODAY, "--format", "json"], None);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "lint prints no note");
    assert!(moved(&serde_json::from_slice(&output.stdout).unwrap()).is_empty());
    let out = dir.path().join("out");
    let output = run(
        &[
            "build",
            plan,
            "--today",
            TODAY,
            "--output",
            out.to_str().unwrap(),
            "--allow-errors",
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("note: the plan is not in a git repository").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_shallow_clone_notes_what_is_missing_and_a_full_clone_checks_all() {
    let dir = tempfile::tempdir().unwrap();
    let origin = dir.path().join("origin");
    // The rule fixtures' base plan, which lints clean: a shallow clone of it must pass.
    support::copy_tree(&fixtures().join("rules/_base"), &origin);
    init(&origin);
    commit_all(&origin, "Mai Tran", "2026-12-15", "Plan the year");
    support::edit(&origin.join("goals/leads.md"), "target = 120", "target = 90");
    commit_all(&origin, "Lan Nguyen", "2027-02-01", "Lower the target");
    let url = format!("file://{}", origin.display());
    git(dir.path(), &["clone", "-q", "--depth", "1", &url, "shallow"]);
    git(dir.path(), &["clone", "-q", &url, "full"]);
    let shallow = dir.path().join("shallow");
    let output = run(&["lint", shallow.to_str().unwrap(), "--today", TODAY], None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("note: this is a shallow clone") && stderr.contains("git fetch --unshallow"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("note:").count(), 1, "{stderr}");
    assert!(output.status.success(), "the shallow clone lints clean: {stderr}");
    assert!(lint(&shallow).is_empty(), "only one commit at hand");
    assert_eq!(lint(&dir.path().join("full")).len(), 1);
}

#[test]
fn a_plan_in_a_subfolder_of_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "README.md", "The team's repository.\n");
    planned(dir.path(), "strategy/plan/");
    write(
        dir.path(),
        "strategy/plan/goals/leads.md",
        &goal("90", "2027-06-30", ""),
    );
    commit_all(dir.path(), "Lan Nguyen", "2027-02-01", "Lower the target");
    let found = lint(&dir.path().join("strategy/plan"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].2.contains(&short_head(dir.path())));
}

#[test]
fn a_renamed_goal_file_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    planned(dir.path(), "");
    write(dir.path(), "goals/leads.md", &goal("90", "2027-06-30", ""));
    commit_all(dir.path(), "Lan Nguyen", "2027-02-01", "Lower the target");
    let lowered = short_head(dir.path());
    git(dir.path(), &["mv", "goals/leads.md", "goals/qualified-leads.md"]);
    commit_all(dir.path(), "Mai Tran", "2027-02-15", "Rename the goal");
    let found = lint(dir.path());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].2.contains(&format!(
        "goal `qualified-leads`: `target` was lowered from 120 to 90 in {lowered}"
    )));
}

#[test]
fn malformed_revisions_are_reported_where_they_are_and_the_goal_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    planned(dir.path(), "");
    let entries = "[[revisions]]\ndate = 2027-02-01\nfield = \"target\"\nto = \"ninety\"\nreason = \"Cut\"\n\
                   [[revisions]]\ndate = 2027-02-01\nfield = \"target\"\nto = 90\n";
    write(dir.path(), "goals/leads.md", &goal("90", "2027-06-30", entries));
    commit_all(dir.path(), "Lan Nguyen", "2027-02-01", "Lower the target");
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    let wrong: Vec<(u64, u64, &str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "wrong-type")
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap();
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                text("message"),
                text("help"),
            )
        })
        .collect();
    assert_eq!(wrong.len(), 2, "{wrong:#?}");
    assert_eq!((wrong[0].0, wrong[0].1), (13, 6), "{wrong:#?}");
    assert!(wrong[0].2.contains("`revisions.to` should be a number"), "{wrong:#?}");
    assert!(
        wrong[0].3.contains("[[revisions]]\ndate = "),
        "a correct entry: {wrong:#?}"
    );
    assert_eq!(
        (wrong[1].0, wrong[1].1),
        (15, 1),
        "at the entry's `[[revisions]]`: {wrong:#?}"
    );
    assert!(wrong[1].2.contains("has no `reason`"), "{wrong:#?}");
    assert_eq!(lint(dir.path()).len(), 1, "neither entry documents the change");
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(
        !rules.contains(&"goal-missing-metric") && !rules.contains(&"unknown-field"),
        "{rules:?}"
    );
}

#[test]
fn json_and_sarif_stay_valid_with_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    planned(dir.path(), "");
    write(dir.path(), "goals/leads.md", &goal("90", "2027-09-30", ""));
    commit_all(
        dir.path(),
        "Lan Nguyen",
        "2027-02-01",
        "Lower the target, push the deadline",
    );
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    assert_eq!(moved(&json).len(), 2);
    assert!(json["summary"]["warnings"].as_u64().unwrap() >= 2, "{json:#}");
    let output = run(
        &[
            "lint",
            dir.path().to_str().unwrap(),
            "--today",
            TODAY,
            "--format",
            "sarif",
        ],
        None,
    );
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = support::sarif_errors(&sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.iter().filter(|r| r["ruleId"] == RULE).count(), 2);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == RULE));
}

#[test]
fn the_preview_checks_each_edit_against_the_history_it_read_at_start() {
    let dir = tempfile::tempdir().unwrap();
    support::copy_tree(&fixtures().join("rules/_base"), dir.path());
    init(dir.path());
    commit_all(dir.path(), "Mai Tran", "2026-12-15", "Plan the year");
    let today = Some(jiff::civil::date(2027, 3, 15));
    let mut session = stratagem::serve::session::Session::new(dir.path().to_path_buf(), today, None).unwrap();
    let count = |session: &stratagem::serve::session::Session| {
        session
            .outcome()
            .diagnostics
            .iter()
            .filter(|d| d.rule.id == RULE)
            .count()
    };
    assert_eq!(count(&session), 0);
    support::edit(&dir.path().join("goals/leads.md"), "target = 120", "target = 90");
    let change = stratagem::serve::watch::Change::Document("goals/leads.md".to_owned());
    session.apply(&[change]).unwrap();
    assert_eq!(count(&session), 1, "the edit lowers the committed target");
}
