//! Adopting stratagem on a plan that does not lint clean yet: suppressions with a reason in a
//! document's `[lint.allow]`, and a baseline of today's findings. Every test runs the real binary.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{copy_tree, edit, fixtures, lint_json, plan_in, run};

const TODAY: &str = "2027-03-15";

/// A temporary copy of the base fixture plan with `goals/leads.md` replaced by `leads`.
fn base_with_goal(leads: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    std::fs::write(dir.path().join("goals/leads.md"), leads).unwrap();
    dir
}

/// The base plan's goal with a vanity metric and no `business_outcome`, then `allow` as its
/// `[lint.allow]` lines.
fn vanity_goal(allow: &str) -> String {
    format!(
        "+++\ntitle = \"Grow qualified leads from LinkedIn\"\nowner = \"Content lead\"\n\
         metric = \"LinkedIn followers\"\nunit = \"leads/month\"\nbaseline = 40\ntarget = 120\n\
         start = 2027-01-01\ndeadline = 2027-06-30\ndata_source = \"CRM\"\nchannels = [\"linkedin\"]\n\
         \n[lint.allow]\n{allow}\n+++\n\n## Risks\n\nPosting too much.\n"
    )
}

fn rules_of(json: &Value, key: &str) -> Vec<String> {
    json[key]
        .as_array()
        .map(|a| a.iter().map(|d| d["rule"].as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

fn lint_human(plan: &Path, extra: &[&str]) -> (String, String, i32) {
    let mut args = vec!["lint", plan.to_str().unwrap(), "--color", "never"];
    args.extend_from_slice(extra);
    let output = run(&args, None);
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn suppressed_findings_are_listed_in_json_and_summarised_in_human_output() {
    let dir = base_with_goal(&vanity_goal(
        "vanity-metric = { reason = \"the board asked for follower counts\", until = 2027-06-30 }",
    ));
    let (json, code) = lint_json(dir.path(), &["--today", TODAY]);
    assert_eq!(code, 0);
    assert_eq!(rules_of(&json, "diagnostics"), Vec::<String>::new(), "{json:#}");
    let suppressed = &json["suppressed"][0];
    assert_eq!(suppressed["rule"], "vanity-metric");
    assert_eq!(suppressed["file"], "goals/leads.md");
    assert_eq!(suppressed["line"], 4);
    assert_eq!(suppressed["reason"], "the board asked for follower counts");
    assert_eq!(suppressed["until"], "2027-06-30");
    assert_eq!(json["summary"]["warnings"], 0, "suppressed findings are not counted");

    let (text, _, _) = lint_human(dir.path(), &["--today", TODAY]);
    assert!(text.contains("All checks passed"), "{text}");
    assert!(
        text.contains("1 finding was suppressed by `[lint.allow]` (see --format json)."),
        "{text}"
    );
}

#[test]
fn sarif_marks_suppressed_results_in_source_with_the_reason() {
    let dir = base_with_goal(&vanity_goal("vanity-metric = \"the board asked for follower counts\""));
    let output = run(
        &[
            "lint",
            dir.path().to_str().unwrap(),
            "--format",
            "sarif",
            "--today",
            TODAY,
        ],
        None,
    );
    let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
    let errors = support::sarif_errors(&sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "vanity-metric");
    assert_eq!(result["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        result["suppressions"][0]["justification"],
        "the board asked for follower counts"
    );
}

#[test]
fn an_expired_suppression_brings_the_finding_back_and_says_since_when() {
    let dir = base_with_goal(&vanity_goal(
        "vanity-metric = { reason = \"the board asked\", until = \"2027-02-28\" }",
    ));
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    assert_eq!(rules_of(&json, "diagnostics"), ["vanity-metric"], "{json:#}");
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("(its suppression in `[lint.allow]` expired on 2027-02-28)"),
        "{message}"
    );
    // The day itself is still covered.
    let (json, _) = lint_json(dir.path(), &["--today", "2027-02-28"]);
    assert_eq!(rules_of(&json, "suppressed"), ["vanity-metric"], "{json:#}");
}

#[test]
fn a_suppression_without_a_reason_is_wrong_type_with_the_shape_typed_out() {
    let dir = base_with_goal(&vanity_goal(
        "vanity-metric = \"\"\ngoal-vague = 3\nmissing-owner = { reason = \"r\", until = \"soon\" }\n\
         broken-link = { until = 2027-06-30 }",
    ));
    let (json, code) = lint_json(dir.path(), &["--today", TODAY]);
    assert_eq!(code, 1);
    let found: Vec<(u64, u64, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "wrong-type")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["help"].as_str().unwrap(),
            )
        })
        .collect();
    let at: Vec<_> = found.iter().map(|&(line, column, _)| (line, column)).collect();
    assert_eq!(at, [(14, 17), (15, 14), (16, 41), (17, 15)], "{json:#}");
    for (_, _, help) in &found {
        assert!(
            help.contains("= { reason = \"why\", until = 2027-06-30 }") || help.contains("until = 2027-06-30"),
            "{help}"
        );
    }
    let first = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "wrong-type")
        .unwrap();
    assert!(first["message"].as_str().unwrap().contains("empty reason"), "{json:#}");
    assert_eq!(
        rules_of(&json, "diagnostics")
            .iter()
            .filter(|r| *r == "vanity-metric")
            .count(),
        1,
        "not silenced"
    );
}

#[test]
fn lint_is_a_known_front_matter_key_and_holds_only_allow() {
    let dir = base_with_goal(&vanity_goal("vanity-metric = \"the board asked\""));
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    assert!(
        !rules_of(&json, "diagnostics").contains(&"unknown-field".to_owned()),
        "{json:#}"
    );
    edit(
        &dir.path().join("goals/leads.md"),
        "[lint.allow]",
        "[lint]\nlevel = \"warn\"\n\n[lint.allow]",
    );
    let (json, _) = lint_json(dir.path(), &["--today", TODAY]);
    let d = &json["diagnostics"][0];
    assert_eq!(d["rule"], "unknown-field", "{json:#}");
    assert_eq!(d["message"], "unknown field `lint.level` in a document's front matter");
}

/// A copy of the example plan with three findings: a tactic without a budget (warn), a tactic
/// without an owner (deny), and a broken link in a page's body (deny).
fn plan_with_findings(dir: &Path) -> std::path::PathBuf {
    let plan = plan_in(dir);
    edit(
        &plan.join("tactics/advocacy-digest.md"),
        "budget = { amount = 1800, currency = \"EUR\" }\n",
        "",
    );
    edit(
        &plan.join("tactics/saved-replies.md"),
        "owner = \"Customer care lead\"\n",
        "",
    );
    edit(&plan.join("pages/about.md"), "(glossary.md)", "(glosary.md)");
    plan
}

fn write_baseline(plan: &Path, file: &Path) -> String {
    let (text, stderr, code) = lint_human(plan, &["--write-baseline", file.to_str().unwrap()]);
    assert_eq!(code, 0, "writing a baseline exits 0 even with errors: {text}{stderr}");
    assert!(text.contains("Wrote 3 findings to the baseline"), "{text}");
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn a_baseline_records_findings_by_rule_document_and_field_sorted_without_lines() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with_findings(dir.path());
    let file = dir.path().join("baseline.json");
    let text = write_baseline(&plan, &file);
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["version"], 1);
    let findings = json["findings"].as_array().unwrap();
    let keys: Vec<_> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["document"].as_str().unwrap(),
                f["field"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        keys,
        [
            ("broken-link", "about", None),
            ("missing-owner", "saved-replies", Some("owner")),
            ("tactic-missing-budget", "advocacy-digest", Some("budget")),
        ],
        "{text}"
    );
    assert!(!text.contains("\"line\""), "no line numbers: {text}");
    // Written twice, byte for byte the same.
    assert_eq!(write_baseline(&plan, &file), text);
}

#[test]
fn with_a_baseline_only_new_findings_count_and_fixed_ones_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with_findings(dir.path());
    let file = dir.path().join("baseline.json");
    write_baseline(&plan, &file);
    let baseline = ["--baseline", file.to_str().unwrap()];

    let (json, code) = lint_json(&plan, &baseline);
    assert_eq!((rules_of(&json, "diagnostics").len(), code), (0, 0), "{json:#}");
    assert_eq!(json["fixed"], serde_json::json!([]));

    // Lines inserted above every finding move them, and change nothing.
    let lines = "tags = [\"care\"]\ndescription = \"Replies we reuse\"\n";
    edit(
        &plan.join("tactics/saved-replies.md"),
        "+++\ntitle",
        &format!("+++\n{lines}title"),
    );
    edit(
        &plan.join("tactics/advocacy-digest.md"),
        "+++\ntitle",
        &format!("+++\n{lines}title"),
    );
    edit(
        &plan.join("pages/about.md"),
        "Start with",
        "A new paragraph.\n\nAnother one.\n\nStart with",
    );
    let (json, code) = lint_json(&plan, &baseline);
    assert_eq!((rules_of(&json, "diagnostics").len(), code), (0, 0), "{json:#}");

    // A new problem is the only one reported, and the exit code counts it alone.
    edit(
        &plan.join("tactics/advocacy-training.md"),
        "owner = \"People & Learning\"\n",
        "",
    );
    let (json, code) = lint_json(&plan, &baseline);
    assert_eq!(rules_of(&json, "diagnostics"), ["missing-owner"], "{json:#}");
    assert_eq!(json["diagnostics"][0]["file"], "tactics/advocacy-training.md");
    assert_eq!((json["summary"]["errors"].as_u64(), code), (Some(1), 1));
    let (text, _, _) = lint_human(&plan, &baseline);
    assert!(text.contains("Found 1 new error in 29 files."), "{text}");

    // A fixed one is listed as fixed.
    edit(
        &plan.join("tactics/advocacy-training.md"),
        "title =",
        "owner = \"People & Learning\"\ntitle =",
    );
    edit(
        &plan.join("tactics/advocacy-digest.md"),
        "status =",
        "budget = { amount = 1800, currency = \"EUR\" }\nstatus =",
    );
    let (json, code) = lint_json(&plan, &baseline);
    assert_eq!((rules_of(&json, "diagnostics").len(), code), (0, 0), "{json:#}");
    assert_eq!(rules_of(&json, "fixed"), ["tactic-missing-budget"]);
    assert_eq!(json["fixed"][0]["document"], "advocacy-digest");
    let (text, _, _) = lint_human(&plan, &baseline);
    assert!(
        text.contains("Fixed since the baseline (1):\n  - tactic-missing-budget in `advocacy-digest` (`budget`): "),
        "{text}"
    );
    assert!(text.contains("All checks passed: 29 files, no new problems."), "{text}");
    assert!(text.contains("2 known findings in the baseline not shown."), "{text}");
}

#[test]
fn a_missing_or_malformed_baseline_is_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let missing = dir.path().join("nothing.json");
    let (_, stderr, code) = lint_human(&plan, &["--baseline", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("cannot read the baseline") && stderr.contains("--write-baseline"),
        "{stderr}"
    );
    let malformed = dir.path().join("bad.json");
    std::fs::write(&malformed, "{\"findings\": 3}").unwrap();
    let (_, stderr, code) = lint_human(&plan, &["--baseline", malformed.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("is not a stratagem baseline"), "{stderr}");
}

#[test]
fn write_baseline_replaces_only_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let notes = dir.path().join("notes.json");
    std::fs::write(&notes, "{\"mine\": true}\n").unwrap();
    let (_, stderr, code) = lint_human(&plan, &["--write-baseline", notes.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("is not a stratagem baseline") && stderr.contains("left as it is"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "{\"mine\": true}\n");
    let baseline = dir.path().join("baseline.json");
    for _ in 0..2 {
        let (_, stderr, code) = lint_human(&plan, &["--write-baseline", baseline.to_str().unwrap()]);
        assert_eq!(code, 0, "an earlier baseline is replaced: {stderr}");
    }
    let (_, stderr, code) = lint_human(&plan, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn the_health_page_lists_suppressed_findings_with_document_reason_and_until() {
    let dir = base_with_goal(&vanity_goal(
        "vanity-metric = { reason = \"the board asked for follower counts\", until = 2027-06-30 }",
    ));
    let out = dir.path().join("public");
    let output = run(
        &[
            "build",
            dir.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--today",
            TODAY,
        ],
        None,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let health = std::fs::read_to_string(out.join("health.html")).unwrap();
    let section = health
        .split_once("id=\"suppressed-heading\"")
        .expect("a section of suppressed findings")
        .1;
    for part in [
        "rules/vanity-metric.html",
        "<code>vanity-metric</code>",
        "href=\"goals/leads.html\"",
        "the board asked for follower counts",
        "2027-06-30",
    ] {
        assert!(section.contains(part), "missing {part}:\n{section}");
    }
}

#[test]
fn a_finding_inside_the_front_matter_is_fingerprinted_by_the_key_it_lies_in() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("rules/_base"), dir.path());
    copy_tree(&fixtures().join("rules/dangling-reference/fires"), dir.path());
    let file = dir.path().join("baseline.json");
    let (_, _, code) = lint_human(
        dir.path(),
        &["--today", TODAY, "--write-baseline", file.to_str().unwrap()],
    );
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let keys: Vec<_> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "dangling-reference")
        .map(|f| (f["document"].as_str().unwrap(), f["field"].as_str().unwrap()))
        .collect();
    // `"digest"` is on the second line of a multi-line `goals = [ … ]`.
    assert_eq!(
        keys,
        [("advocacy", "goals"), ("digest", "channel"), ("digest", "strategy")],
        "{json:#}"
    );
}
