//! `stratagem lint --fix`, `--unsafe-fixes` and `--diff` through the real binary, on temporary
//! copies of the rule fixtures' base plan: the exact text of each file after fixing (comments,
//! BOM and CRLF kept), what is left, and that `--diff` writes nothing.

mod support;

use std::path::Path;

use support::{copy_tree, fixtures, lint_json, run};

const TODAY: &str = "2027-03-15";

/// The base plan in a temporary folder, with `goals/leads.md` replaced by `goal`.
fn plan_with_goal(goal: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    std::fs::write(dir.path().join("goals/leads.md"), goal).unwrap();
    dir
}

fn lint(plan: &Path, extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["lint", plan.to_str().unwrap(), "--today", TODAY, "--color", "never"];
    args.extend_from_slice(extra);
    let output = run(&args, None);
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap(),
    )
}

fn read(plan: &Path, rel: &str) -> String {
    std::fs::read_to_string(plan.join(rel)).unwrap()
}

const MISTAKES: &str = "+++
title = \"Grow qualified leads from LinkedIn\" # the headline
owner = \"Content lead\"
metric = \"qualified leads per month attributed to LinkedIn\"
unit = \"leads/month\"
baseline = \"40\"   # from the CRM
target = 120
start = \"2027-01-01\"
deadline = \"30/06/2027\"
data_sorce = \"CRM\"
business_outcome = \"pipeline for the enterprise plan\"
channels = [\"linkedin\"]
+++

## Risks

Posting too much.
";

const FIXED_SAFE: &str = "+++
title = \"Grow qualified leads from LinkedIn\" # the headline
owner = \"Content lead\"
metric = \"qualified leads per month attributed to LinkedIn\"
unit = \"leads/month\"
baseline = 40   # from the CRM
target = 120
start = 2027-01-01
deadline = 2027-06-30
data_sorce = \"CRM\"
business_outcome = \"pipeline for the enterprise plan\"
channels = [\"linkedin\"]
+++

## Risks

Posting too much.
";

#[test]
fn fix_applies_safe_fixes_keeping_comments_and_reports_what_is_left() {
    let plan = plan_with_goal(MISTAKES);
    let (stdout, _, code) = lint(plan.path(), &["--fix"]);
    assert_eq!(read(plan.path(), "goals/leads.md"), FIXED_SAFE);
    assert!(
        stdout.contains("Fixed 3 findings (1 remaining; 1 more with --unsafe-fixes)."),
        "{stdout}"
    );
    assert!(
        stdout.contains("unknown field `data_sorce`"),
        "the unsafe one is left: {stdout}"
    );
    assert_eq!(code, 0, "a warning is left");
    let (stdout, _, _) = lint(plan.path(), &["--fix", "--unsafe-fixes"]);
    assert_eq!(
        read(plan.path(), "goals/leads.md"),
        FIXED_SAFE.replace("data_sorce", "data_source")
    );
    assert!(stdout.contains("Fixed 1 finding (0 remaining)."), "{stdout}");
    assert!(stdout.contains("All checks passed"), "{stdout}");
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let plan = plan_with_goal(
        &MISTAKES
            .replace("\"40\"", "40")
            .replace("\"2027-01-01\"", "2027-01-01")
            .replace("\"30/06/2027\"", "2027-06-30"),
    );
    let before = read(plan.path(), "goals/leads.md");
    let (stdout, _, _) = lint(plan.path(), &[]);
    assert!(
        stdout.contains("1 finding fixable with `stratagem lint --fix --unsafe-fixes`"),
        "{stdout}"
    );
    let (stdout, _, _) = lint(plan.path(), &["--fix"]);
    assert_eq!(
        read(plan.path(), "goals/leads.md"),
        before,
        "an unsafe fix waits for --unsafe-fixes"
    );
    assert!(
        stdout.contains("Fixed 0 findings (1 remaining; 1 more with --unsafe-fixes)."),
        "{stdout}"
    );
}

#[test]
fn fix_keeps_a_bom_and_crlf_line_endings() {
    let crlf = format!("\u{feff}{}", MISTAKES.replace('\n', "\r\n"));
    let plan = plan_with_goal(&crlf);
    lint(plan.path(), &["--fix", "--unsafe-fixes"]);
    let want = format!(
        "\u{feff}{}",
        FIXED_SAFE.replace("data_sorce", "data_source").replace('\n', "\r\n")
    );
    assert_eq!(read(plan.path(), "goals/leads.md"), want);
}

#[test]
fn diff_prints_the_change_writes_nothing_and_exits_1() {
    let plan = plan_with_goal(MISTAKES);
    let (stdout, stderr, code) = lint(plan.path(), &["--diff"]);
    assert_eq!(read(plan.path(), "goals/leads.md"), MISTAKES, "--diff writes nothing");
    assert_eq!(code, 1);
    let prefix = plan.path().to_str().unwrap();
    assert!(
        stdout.starts_with(&format!("--- {prefix}/goals/leads.md\n+++ {prefix}/goals/leads.md\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n-deadline = \"30/06/2027\"\n") && stdout.contains("\n+deadline = 2027-06-30\n"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("data_source"),
        "unsafe fixes are not shown without the flag"
    );
    assert!(
        stderr.contains("Would fix 3 findings (1 more with --unsafe-fixes)."),
        "{stderr}"
    );
    let (stdout, _, _) = lint(plan.path(), &["--diff", "--unsafe-fixes"]);
    assert!(stdout.contains("+data_source = \"CRM\"\n"), "{stdout}");
    lint(plan.path(), &["--fix", "--unsafe-fixes"]);
    let (stdout, stderr, code) = lint(plan.path(), &["--diff"]);
    assert_eq!((stdout.as_str(), code), ("", 0), "nothing left to change");
    assert!(stderr.contains("No fixes to apply."), "{stderr}");
}

#[test]
fn a_second_syntax_error_is_fixed_in_the_next_pass() {
    // The parser stops at the first error: the second shows only once the first is fixed.
    let goal = read(&fixtures().join("rules/_base"), "goals/leads.md")
        .replace("owner = \"Content lead\"", "owner = Content lead")
        .replace("deadline = 2027-06-30", "deadline = 2027-6-30");
    let plan = plan_with_goal(&goal);
    let (stdout, _, code) = lint(plan.path(), &["--fix"]);
    assert_eq!(
        read(plan.path(), "goals/leads.md"),
        read(&fixtures().join("rules/_base"), "goals/leads.md")
    );
    assert!(stdout.contains("Fixed 2 findings (0 remaining)."), "{stdout}");
    assert_eq!(code, 0);
}

#[test]
fn fix_with_json_reports_what_is_left_and_keeps_stdout_json() {
    let plan = plan_with_goal(MISTAKES);
    let (json, code) = lint_json(plan.path(), &["--today", TODAY, "--fix"]);
    assert_eq!(code, 0);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{json:#}");
    let fix = &diagnostics[0]["fix"];
    assert_eq!(fix["applicability"], "unsafe");
    assert_eq!(fix["title"], "Rename to `data_source`");
    assert_eq!(
        fix["edits"],
        serde_json::json!([{ "start": { "line": 10, "column": 1 }, "end": { "line": 10, "column": 11 }, "replacement": "data_source" }])
    );
}

#[test]
fn sarif_carries_fixes_and_still_validates() {
    let plan = plan_with_goal(MISTAKES);
    let output = run(
        &[
            "lint",
            plan.path().to_str().unwrap(),
            "--today",
            TODAY,
            "--format",
            "sarif",
        ],
        None,
    );
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(support::sarif_errors(&sarif), Vec::<String>::new());
    let fixes: Vec<&serde_json::Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.get("fixes"))
        .collect();
    assert_eq!(fixes.len(), 4, "{sarif:#}");
    let change = &fixes[0][0]["artifactChanges"][0];
    assert!(
        change["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("goals/leads.md")
    );
    assert!(change["replacements"][0]["deletedRegion"]["startLine"].is_u64());
}

#[test]
fn fix_never_writes_through_a_symbolic_link() {
    let plan = plan_with_goal(&read(&fixtures().join("rules/_base"), "goals/leads.md"));
    // `static/` is not read as documents, so the file is reached only through the link.
    std::fs::create_dir_all(plan.path().join("static")).unwrap();
    let real = plan.path().join("static/notes.md");
    std::fs::write(&real, "+++\ntitle = \"Notes\"\nkind = \"page\"\nownr = \"A\"\n+++\n").unwrap();
    std::os::unix::fs::symlink(&real, plan.path().join("pages/notes.md")).unwrap();
    let before = read(plan.path(), "static/notes.md");
    let (stdout, stderr, _) = lint(plan.path(), &["--fix", "--unsafe-fixes"]);
    assert!(stdout.contains("unknown field `ownr`"), "{stdout}");
    assert!(
        stderr.contains("not fixing `pages/notes.md`: it is reached through a symbolic link"),
        "{stderr}"
    );
    assert_eq!(read(plan.path(), "static/notes.md"), before);
    assert!(
        std::fs::symlink_metadata(plan.path().join("pages/notes.md"))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
}

#[test]
fn fix_rewrites_plan_toml_and_only_files_that_change() {
    let plan = plan_with_goal(&read(&fixtures().join("rules/_base"), "goals/leads.md"));
    let settings = plan.path().join("plan.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(
        &settings,
        format!("{text}\n[lint]\ngoal-vauge = \"allow\" # not for this plan\n"),
    )
    .unwrap();
    let untouched = plan.path().join("tactics/digest.md");
    let modified = std::fs::metadata(&untouched).unwrap().modified().unwrap();
    let (stdout, _, _) = lint(plan.path(), &["--fix", "--unsafe-fixes"]);
    assert!(stdout.contains("Fixed 1 finding (0 remaining)."), "{stdout}");
    assert!(read(plan.path(), "plan.toml").ends_with("\n[lint]\ngoal-vague = \"allow\" # not for this plan\n"));
    assert_eq!(std::fs::metadata(&untouched).unwrap().modified().unwrap(), modified);
    let leftovers: Vec<_> = std::fs::read_dir(plan.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".stratagem-fix"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}
