//! `stratagem diff` and `lint --changed` on real git repositories made in the test: a plan in a
//! subfolder, committed on `main`, changed on a branch.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::git::Git;
use support::{copy_tree, edit, fixtures, run};

/// A repository with the rule fixtures' base plan in `plan/` on `main` (its tactic `stories`
/// has no owner: a finding nobody touches), and a branch `change` checked out.
fn repository() -> (tempfile::TempDir, Git, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let git = Git::init(&dir.path().join("repo"));
    let plan = git.dir.join("plan");
    copy_tree(&fixtures().join("rules/_base"), &plan);
    edit(
        &plan.join("plan.toml"),
        "owner = \"Head of Social\"",
        "owner = \"Head of Social\"\ntoday = 2027-03-15",
    );
    edit(&plan.join("tactics/stories.md"), "owner = \"Community manager\"\n", "");
    git.commit("The plan", "2027-01-05");
    git.run(&["checkout", "-q", "-b", "change"]);
    (dir, git, plan)
}

fn stratagem(args: &[&str], dir: &Path) -> (String, String, i32) {
    let output = run(args, Some(dir));
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// The branch's change: a goal's target and deadline, measurements added and edited, a tactic
/// moved to a new file under the same id (and given its owner back: a finding fixed), a new
/// strategy with no tactic (a finding introduced), a page removed.
fn change_the_plan(git: &Git, plan: &Path) {
    let goal = plan.join("goals/leads.md");
    edit(&goal, "target = 120", "target = 90");
    edit(&goal, "deadline = 2027-06-30", "deadline = 2027-09-30");
    edit(
        &plan.join("evaluations/review.md"),
        "value = 52",
        "value = 55\n\n[[measurements]]\ndate = 2027-03-10\nvalue = 61",
    );
    let digest = std::fs::read_to_string(plan.join("tactics/digest.md")).unwrap();
    std::fs::remove_file(plan.join("tactics/digest.md")).unwrap();
    std::fs::write(
        plan.join("tactics/weekly-digest.md"),
        digest.replacen("+++\n", "+++\nid = \"digest\"\n", 1),
    )
    .unwrap();
    edit(
        &plan.join("tactics/stories.md"),
        "strategy = ",
        "owner = \"Community manager\"\nstrategy = ",
    );
    std::fs::write(
        plan.join("strategies/events.md"),
        "+++\ntitle = \"Meetups\"\nowner = \"Events lead\"\ngoals = [\"leads\"]\n+++\n",
    )
    .unwrap();
    std::fs::remove_file(plan.join("pages/about.md")).unwrap();
    git.commit_as("Ease the lead goal, add meetups", "Lan Pham", "2027-03-01");
}

fn document<'a>(diff: &'a Value, id: &str) -> &'a Value {
    diff["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no change of `{id}` in {diff:#}"))
}

#[test]
fn diff_json_tells_fields_measurements_renames_references_and_findings() {
    let (_dir, git, plan) = repository();
    change_the_plan(&git, &plan);
    let (out, err, code) = stratagem(&["diff", "--plan", "plan", "--format", "json"], &git.dir);
    assert_eq!(code, 0, "{err}");
    let diff: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(diff["base"]["revision"], "main");
    assert_eq!(diff["head"]["commit"], Value::Null, "the work tree");
    let goal = document(&diff, "leads");
    assert_eq!(goal["change"], "modified");
    assert_eq!(
        goal["fields"][0],
        serde_json::json!({"field": "target", "from": "120", "to": "90", "effect": "easier"})
    );
    assert_eq!(
        goal["fields"][1],
        serde_json::json!({"field": "deadline", "from": "2027-06-30", "to": "2027-09-30", "effect": "easier"})
    );
    let review = document(&diff, "review");
    assert_eq!(
        review["measurements_added"],
        serde_json::json!([{"goal": null, "date": "2027-03-10", "value": 61.0}])
    );
    assert_eq!(review["measurements_changed"][0]["from"], 52.0);
    assert_eq!(review["measurements_changed"][0]["to"], 55.0);
    let digest = document(&diff, "digest");
    assert_eq!(digest["change"], "renamed");
    assert_eq!(digest["renamed_from"], "tactics/digest.md");
    assert_eq!(digest["path"], "tactics/weekly-digest.md");
    let events = document(&diff, "events");
    assert_eq!(
        (events["change"].as_str(), events["goals"][0].as_str()),
        (Some("added"), Some("leads"))
    );
    assert_eq!(document(&diff, "about")["change"], "removed");
    let rules = |key: &str| -> Vec<String> {
        diff[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["rule"], f["file"]))
            .collect()
    };
    assert_eq!(
        rules("findings_introduced"),
        ["\"strategy-without-tactic\" \"strategies/events.md\""]
    );
    // The owner given back fixes the tactic's finding and the plan's (one owner for two channels).
    assert_eq!(
        rules("findings_fixed"),
        [
            "\"channel-spread\" \"plan.toml\"",
            "\"missing-owner\" \"tactics/stories.md\""
        ]
    );
    assert_eq!(diff["summary"]["added"], 1);
    assert_eq!(diff["summary"]["renamed"], 1);
}

#[test]
fn diff_markdown_is_a_short_comment_grouped_by_goal() {
    let (_dir, git, plan) = repository();
    change_the_plan(&git, &plan);
    let (out, err, code) = stratagem(&["diff", "--plan", "plan", "--format", "markdown"], &git.dir);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<!-- stratagem diff -->\n"), "{out}");
    let goal = out
        .find("#### Goal: Grow qualified leads from LinkedIn (`leads`)")
        .expect(&out);
    let loose = out.find("#### Not under any goal").expect(&out);
    assert!(goal < loose, "{out}");
    let section = &out[goal..loose];
    for line in [
        "- goal **Grow qualified leads from LinkedIn** (`leads`): edited",
        "  - target: `120` → `90` (easier to meet)",
        "  - deadline: `2027-06-30` → `2027-09-30` (easier to meet)",
        "- strategy **Meetups** (`events`): added",
        "- tactic **Weekly advocacy digest** (`digest`): renamed",
        "  - moved from `tactics/digest.md`",
        "  - measurement added, 2027-03-10: 61",
    ] {
        assert!(section.contains(line), "missing {line:?} in\n{section}");
    }
    assert!(out[loose..].contains("- page **About** (`about`): removed"), "{out}");
    assert!(
        out.contains("<details><summary>Findings introduced: 1</summary>"),
        "{out}"
    );
    assert!(
        out.contains("\n| warning | `strategy-without-tactic` | `strategies/events.md:"),
        "{out}"
    );
    assert!(out.contains("<details><summary>Findings fixed: 2</summary>"), "{out}");
}

#[test]
fn diff_human_and_explicit_revisions() {
    let (_dir, git, plan) = repository();
    let base = git.run(&["rev-parse", "main"]).trim().to_owned();
    change_the_plan(&git, &plan);
    let head = git.run(&["rev-parse", "HEAD"]).trim().to_owned();
    // An edit not committed: the work tree shows it, the commit does not.
    edit(
        &plan.join("goals/leads.md"),
        "owner = \"Content lead\"",
        "owner = \"Lan Pham\"",
    );
    let (work_tree, _, code) = stratagem(&["diff", "--plan", "plan"], &git.dir);
    assert_eq!(code, 0);
    assert!(
        work_tree.contains("    target: 120 → 90 (easier to meet)\n"),
        "{work_tree}"
    );
    assert!(
        work_tree.contains("    owner: Content lead → Lan Pham\n"),
        "{work_tree}"
    );
    assert!(work_tree.starts_with("Plan changes from main ("), "{work_tree}");
    let (committed, _, code) = stratagem(&["diff", &base, &head, "--plan", "plan"], &git.dir);
    assert_eq!(code, 0);
    assert!(
        committed.contains("    target: 120 → 90 (easier to meet)\n") && !committed.contains("Lan Pham"),
        "{committed}"
    );
    // No change at all.
    let (same, _, code) = stratagem(&["diff", &head, &head, "--plan", "plan"], &git.dir);
    assert_eq!(code, 0);
    assert!(same.contains("No change to the plan."), "{same}");
}

#[test]
fn a_plan_added_by_the_change_is_all_added() {
    let dir = tempfile::tempdir().unwrap();
    let git = Git::init(&dir.path().join("repo"));
    std::fs::write(git.dir.join("README.md"), "Team repository\n").unwrap();
    git.commit("Start", "2027-01-02");
    git.run(&["checkout", "-q", "-b", "plan"]);
    copy_tree(&fixtures().join("rules/_base"), &git.dir.join("plan"));
    let (out, err, code) = stratagem(
        &[
            "diff",
            "main",
            "--plan",
            "plan",
            "--format",
            "json",
            "--today",
            "2027-03-15",
        ],
        &git.dir,
    );
    assert_eq!(code, 0, "{err}");
    let diff: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(diff["summary"]["added"], 6, "{diff:#}");
    assert_eq!(diff["summary"]["removed"], 0);
}

#[test]
fn diff_refuses_clearly_outside_git_and_on_unknown_revisions() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), &dir.path().join("plan"));
    let (_, err, code) = stratagem(&["diff", "--plan", "plan"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("compares git revisions") && err.contains("not in a git repository"),
        "{err}"
    );
    let (_dir, git, _plan) = repository();
    let (_, err, code) = stratagem(&["diff", "no-such-branch", "--plan", "plan"], &git.dir);
    assert_eq!(code, 2);
    assert!(err.contains("no revision `no-such-branch`"), "{err}");
}

/// A shallow clone of the branch, as `actions/checkout` makes by default.
fn shallow_clone(git: &Git, into: &Path) -> Git {
    let url = format!("file://{}", git.dir.display());
    let clone = Git { dir: into.to_owned() };
    let output = git
        .command(&[
            "clone",
            "-q",
            "--depth",
            "1",
            "--branch",
            "change",
            &url,
            &into.display().to_string(),
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    clone
}

#[test]
fn a_shallow_clone_without_the_base_says_how_to_fetch_it() {
    let (dir, git, plan) = repository();
    change_the_plan(&git, &plan);
    let clone = shallow_clone(&git, &dir.path().join("clone"));
    for args in [
        vec!["lint", "plan", "--changed"],
        vec!["lint", "plan", "--changed=origin/main"],
        vec!["diff", "--plan", "plan"],
    ] {
        let (_, err, code) = stratagem(&args, &clone.dir);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("shallow clone") && err.contains("fetch-depth: 0"),
            "{args:?}: {err}"
        );
    }
}

fn findings(plan_args: &[&str], dir: &Path) -> Vec<String> {
    let mut args = vec!["lint", "plan", "--format", "json"];
    args.extend_from_slice(plan_args);
    let (out, err, code) = stratagem(&args, dir);
    assert!(code == 0 || code == 1, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}", d["rule"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect()
}

#[test]
fn lint_changed_reports_only_the_changed_documents_and_their_neighbours() {
    let (_dir, git, plan) = repository();
    edit(&plan.join("goals/leads.md"), "owner = \"Content lead\"\n", "");
    git.commit("Leads: no owner", "2027-03-01");
    assert_eq!(
        findings(&[], &git.dir),
        [
            "missing-owner goals/leads.md",
            "channel-spread plan.toml",
            "missing-owner tactics/stories.md"
        ]
    );
    assert_eq!(findings(&["--changed"], &git.dir), ["missing-owner goals/leads.md"]);
    assert_eq!(
        findings(&["--changed=main"], &git.dir),
        ["missing-owner goals/leads.md"]
    );
    // An untracked new document is part of the change.
    std::fs::write(
        plan.join("tactics/new.md"),
        "+++\ntitle = \"Polls\"\nstrategy = \"advocacy\"\nchannel = \"linkedin\"\n+++\n",
    )
    .unwrap();
    let found = findings(&["--changed"], &git.dir);
    assert!(found.contains(&"missing-owner tactics/new.md".to_owned()), "{found:?}");
    // GitHub annotations cover only those files; the note says what was checked.
    let output = run(&["lint", "plan", "--changed", "--format", "github"], Some(&git.dir));
    let annotations = String::from_utf8_lossy(&output.stdout);
    assert!(annotations.contains("file=plan/goals/leads.md"), "{annotations}");
    assert!(!annotations.contains("stories.md"), "{annotations}");
    let note = String::from_utf8_lossy(&output.stderr);
    assert!(
        note.contains("note: checked 2 documents changed since main ("),
        "{note}"
    );
}

#[test]
fn lint_changed_includes_what_a_removed_strategy_leaves_behind() {
    let (_dir, git, plan) = repository();
    std::fs::remove_file(plan.join("strategies/advocacy.md")).unwrap();
    git.commit("Drop advocacy", "2027-03-01");
    let found = findings(&["--changed"], &git.dir);
    for expected in [
        "goal-without-strategy goals/leads.md",
        "dangling-reference tactics/digest.md",
        "dangling-reference tactics/stories.md",
    ] {
        assert!(found.contains(&expected.to_owned()), "{expected} not in {found:?}");
    }
}

#[test]
fn lint_changed_explains_a_base_written_without_equals() {
    let (_dir, git, _plan) = repository();
    let (_, err, code) = stratagem(&["lint", "--changed", "main"], &git.dir);
    assert_eq!(code, 2);
    assert!(err.contains("write `--changed=main`"), "{err}");
}
