//! `stratagem checkin`: the exact text it writes (comments, key order, BOM and CRLF kept), the
//! `goal` key only in an evaluation of several goals, its refusals and their exit codes, a plan
//! that lints as before afterwards, and rule `checkin-stale` on either side of its grace.

mod support;

use std::path::Path;

use support::{copy_tree, fixtures, lint_json, run};

const TODAY: &str = "2027-03-15";

/// The rule fixtures' base plan in a temporary folder.
fn base() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    dir
}

fn checkin(plan: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["checkin"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--plan", plan.to_str().unwrap()]);
    let output = run(&all, None);
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn review(plan: &Path) -> String {
    std::fs::read_to_string(plan.join("evaluations/review.md")).unwrap()
}

fn rules(plan: &Path, today: &str) -> Vec<String> {
    let (json, _) = lint_json(plan, &["--today", today]);
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect()
}

const COMMENTED: &str = "+++\n\
title = \"Monthly lead review\" # shown on the site\n\
goals = [\"leads\"]\n\
owner = \"Analyst\"\n\
next_review = 2027-04-01\n\
cadence = \"monthly\"\n\
\n\
# From the CRM export.\n\
[[measurements]]\n\
value = 52 # value first, on purpose\n\
date = 2027-02-28\n\
+++\n\
\n\
## How we count\n\
\n\
Qualified leads only.\n";

#[test]
fn appends_a_measurement_keeping_comments_and_key_order_then_lints_clean() {
    let dir = base();
    std::fs::write(dir.path().join("evaluations/review.md"), COMMENTED).unwrap();
    let (code, out, err) = checkin(
        dir.path(),
        &[
            "leads",
            "60",
            "--today",
            TODAY,
            "--confidence",
            "medium",
            "--note",
            "webinar week",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let added = "\n\
[[measurements]]\n\
date = 2027-03-15\n\
value = 60\n\
confidence = \"medium\"\n\
note = \"webinar week\"\n";
    let expected = COMMENTED.replace("date = 2027-02-28\n+++", &format!("date = 2027-02-28\n{added}+++"));
    assert_eq!(review(dir.path()), expected);
    assert!(
        out.contains("Added to evaluations/review.md: leads = 60 on 2027-03-15 (confidence medium) — \"webinar week\""),
        "{out}"
    );
    // 40 → 120 from 2027-01-01 to 2027-06-30: 41% of the time gone, 25% of the way.
    assert!(
        out.contains(
            "Grow qualified leads from LinkedIn (`leads`): at risk · expected 41% of the way by today, actual 25%"
        ),
        "{out}"
    );
    assert_eq!(rules(dir.path(), TODAY), Vec::<String>::new());
}

#[test]
fn keeps_a_bom_and_crlf_line_endings() {
    let dir = base();
    let crlf = format!("\u{feff}{}", COMMENTED.replace('\n', "\r\n"));
    std::fs::write(dir.path().join("evaluations/review.md"), &crlf).unwrap();
    let (code, _, err) = checkin(dir.path(), &["leads", "61.5", "--date", "2027-03-01", "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    let expected = crlf.replace(
        "date = 2027-02-28\r\n+++",
        "date = 2027-02-28\r\n\r\n[[measurements]]\r\ndate = 2027-03-01\r\nvalue = 61.5\r\n+++",
    );
    assert_eq!(review(dir.path()), expected);
    assert_eq!(rules(dir.path(), TODAY), Vec::<String>::new());
}

/// A second goal measured by the same evaluation, and a second evaluation of `leads`.
fn two_goals(plan: &Path) {
    let goal = std::fs::read_to_string(plan.join("goals/leads.md")).unwrap();
    std::fs::write(
        plan.join("goals/signups.md"),
        goal.replace("Grow qualified leads from LinkedIn", "Grow newsletter sign-ups"),
    )
    .unwrap();
    support::edit(
        &plan.join("evaluations/review.md"),
        "goals = [\"leads\"]",
        "goals = [\"leads\", \"signups\"]",
    );
    support::edit(
        &plan.join("evaluations/review.md"),
        "date = 2027-02-28\n",
        "goal = \"leads\"\ndate = 2027-02-28\n",
    );
}

#[test]
fn names_the_goal_in_an_evaluation_of_several() {
    let dir = base();
    two_goals(dir.path());
    let before = review(dir.path());
    let (code, _, err) = checkin(dir.path(), &["signups", "12", "--today", TODAY]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        review(dir.path()),
        before.replace(
            "value = 52\n+++",
            "value = 52\n\n[[measurements]]\ngoal = \"signups\"\ndate = 2027-03-15\nvalue = 12\n+++"
        )
    );
}

#[test]
fn several_evaluations_need_evaluation_and_are_listed() {
    let dir = base();
    let second = review(dir.path())
        .replace("Monthly lead review", "Quarterly lead audit")
        .replace("cadence = \"monthly\"", "cadence = \"quarterly\"");
    std::fs::write(dir.path().join("evaluations/audit.md"), second).unwrap();
    let (code, _, err) = checkin(dir.path(), &["leads", "60", "--today", TODAY]);
    assert_eq!(code, 2);
    assert!(
        err.contains("goal `leads` is measured by 2 evaluations; say which with `--evaluation ID`"),
        "{err}"
    );
    assert!(
        err.contains("  audit (evaluations/audit.md)\n  review (evaluations/review.md)"),
        "{err}"
    );
    let (code, _, err) = checkin(dir.path(), &["leads", "60", "--today", TODAY, "--evaluation", "audit"]);
    assert_eq!(code, 0, "{err}");
    let audit = std::fs::read_to_string(dir.path().join("evaluations/audit.md")).unwrap();
    assert!(
        audit.ends_with("value = 52\n\n[[measurements]]\ndate = 2027-03-15\nvalue = 60\n+++\n"),
        "{audit}"
    );
    assert!(!review(dir.path()).contains("2027-03-15"));
}

#[test]
fn refusals_exit_2_and_leave_the_file_alone() {
    let dir = base();
    let before = review(dir.path());
    let cases: &[(&[&str], &str)] = &[
        (
            &["leads", "60", "--date", "2027-03-16"],
            "2027-03-16 is after today (2027-03-15)",
        ),
        (
            &["leads", "52", "--date", "2027-02-28"],
            "`leads` already has the value 52 on 2027-02-28, in `evaluations/review.md`; to change that entry, edit it there",
        ),
        (&["leads", "lots"], "`lots` is not a number"),
        (&["leads", "1,200"], "has a comma"),
        (&["leads", "12%"], "the goal's unit is not a percentage (leads/month)"),
        (&["lead", "60"], "the plan has no goal `lead`; did you mean `leads`?"),
        (
            &["review", "60"],
            "`review` is an evaluation (`evaluations/review.md`), not a goal",
        ),
        (
            &["leads", "60", "--evaluation", "nope"],
            "`nope` does not evaluate goal `leads`",
        ),
    ];
    for (args, message) in cases {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--today", TODAY]);
        let (code, _, err) = checkin(dir.path(), &all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    let (code, _, err) = checkin(dir.path(), &["leads", "60", "--confidence", "sure", "--today", TODAY]);
    assert_eq!(code, 2);
    assert!(err.contains("`sure` is not a confidence"), "{err}");
    assert_eq!(review(dir.path()), before);
}

#[test]
fn a_goal_without_an_evaluation_says_how_to_add_one() {
    let dir = base();
    std::fs::remove_file(dir.path().join("evaluations/review.md")).unwrap();
    let (code, _, err) = checkin(dir.path(), &["leads", "60", "--today", TODAY]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no evaluation measures goal `leads`: add one with `stratagem new evaluation"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_symlink() {
    let dir = base();
    let real = dir.path().join("review-real.md");
    std::fs::rename(dir.path().join("evaluations/review.md"), &real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("evaluations/review.md")).unwrap();
    let before = std::fs::read_to_string(&real).unwrap();
    let (code, _, err) = checkin(dir.path(), &["leads", "60", "--today", TODAY]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&real).unwrap(), before);
}

/// The base plan measures `leads` monthly, last on 2027-02-28: a month (31 days) and half a
/// month of grace (15) run to 2027-04-15. A check-in starts the count again.
#[test]
fn checkin_stale_fires_after_the_grace_and_a_checkin_silences_it() {
    let dir = base();
    let stale = |today: &str| rules(dir.path(), today).contains(&"checkin-stale".to_owned());
    assert!(!stale("2027-04-15"), "46 days: within the grace");
    assert!(stale("2027-04-16"), "47 days: late");
    let (code, _, err) = checkin(dir.path(), &["leads", "70", "--today", "2027-04-16"]);
    assert_eq!(code, 0, "{err}");
    assert!(!stale("2027-04-16"));
    assert!(
        !stale("2027-06-01") && stale("2027-06-02"),
        "46 and 47 days after 2027-04-16"
    );
}

#[test]
fn closed_goals_are_never_stale() {
    let dir = base();
    assert!(rules(dir.path(), "2027-05-01").contains(&"checkin-stale".to_owned()));
    support::edit(
        &dir.path().join("goals/leads.md"),
        "channels = [\"linkedin\"]",
        "channels = [\"linkedin\"]\nstatus = \"dropped\"",
    );
    assert!(!rules(dir.path(), "2027-05-01").contains(&"checkin-stale".to_owned()));
}
