//! `stratagem lint --format gitlab`: a Code Quality report GitLab accepts, with fingerprints that
//! follow the finding and not its line.

use std::path::Path;

use serde_json::Value;

use super::{fixture_plan, streams, support};
use crate::support::fixtures;

/// Lints `dir/plan` from `dir` (as CI runs it, from the repository root): the report.
fn report(dir: &Path) -> Value {
    let output = support::run(&["lint", "plan", "--format", "gitlab"], Some(dir));
    assert!(output.status.code().is_some_and(|c| c <= 1), "{}", streams(&output));
    assert_eq!(output.stdout.first(), Some(&b'['), "a JSON array, no byte order mark");
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", streams(&output)))
}

fn issues(report: &Value) -> &Vec<Value> {
    report.as_array().expect("an array")
}

#[test]
fn gitlab_report_validates_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    fixture_plan(dir.path(), &["dangling-reference/fires", "tactic-missing-budget/fires"]);
    let report = report(dir.path());
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("gitlab-code-quality-schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{report:#}");

    let (json, _) = support::lint_json(&dir.path().join("plan"), &[]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(issues(&report).len(), diagnostics.len());
    for (issue, d) in issues(&report).iter().zip(diagnostics) {
        assert_eq!(issue["check_name"], d["rule"]);
        assert_eq!(issue["description"], d["message"]);
        assert_eq!(issue["content"]["body"], d["help"]);
        assert_eq!(issue["location"]["lines"]["begin"], d["line"]);
        let path = format!("plan/{}", d["file"].as_str().unwrap());
        assert_eq!(issue["location"]["path"], path.as_str(), "relative to where lint runs");
        let severity = if d["severity"] == "error" { "major" } else { "minor" };
        assert_eq!(issue["severity"], severity);
    }
    let severities: Vec<&Value> = issues(&report).iter().map(|i| &i["severity"]).collect();
    assert!(severities.contains(&&Value::from("major")) && severities.contains(&&Value::from("minor")));
}

/// The issue of `rule` in `file` (the only one).
fn issue<'a>(report: &'a Value, rule: &str, file: &str) -> &'a Value {
    let found: Vec<&Value> = issues(report)
        .iter()
        .filter(|i| i["check_name"] == rule && i["location"]["path"] == file)
        .collect();
    assert_eq!(found.len(), 1, "one {rule} in {file}: {report:#}");
    found[0]
}

#[test]
fn gitlab_fingerprints_survive_a_line_shift_and_differ_between_findings() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture_plan(dir.path(), &["dangling-reference/fires", "tactic-missing-budget/fires"]);
    let before = report(dir.path());
    let budget = issue(&before, "tactic-missing-budget", "plan/tactics/digest.md");

    let file = plan.join("tactics/digest.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("+++\n", "+++\n\n", 1)).unwrap();
    let after = report(dir.path());
    let moved = issue(&after, "tactic-missing-budget", "plan/tactics/digest.md");
    assert_eq!(
        moved["location"]["lines"]["begin"].as_u64(),
        budget["location"]["lines"]["begin"].as_u64().map(|l| l + 1),
        "the finding moved down a line"
    );
    assert_eq!(moved["fingerprint"], budget["fingerprint"]);

    let fingerprints: std::collections::HashSet<&str> = issues(&after)
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert!(issues(&after).len() >= 2, "{after:#}");
    assert_eq!(fingerprints.len(), issues(&after).len(), "every finding has its own");
    assert!(
        fingerprints
            .iter()
            .all(|f| f.len() == 16 && f.bytes().all(|b| b.is_ascii_hexdigit()))
    );
}

#[test]
fn gitlab_fingerprints_of_a_repeated_finding_are_unique() {
    let dir = tempfile::tempdir().unwrap();
    let plan = fixture_plan(dir.path(), &[]);
    let page = plan.join("pages/about.md");
    let once = "+++\ntitle = \"About\"\n+++\n\nSee [the goal](../goals/lead.md).\n";
    std::fs::write(&page, once).unwrap();
    let single = report(dir.path());
    let first = issue(&single, "broken-link", "plan/pages/about.md")["fingerprint"].clone();

    std::fs::write(&page, format!("{once}\nAgain, [the goal](../goals/lead.md).\n")).unwrap();
    let twice = report(dir.path());
    let links: Vec<&Value> = issues(&twice)
        .iter()
        .filter(|i| i["check_name"] == "broken-link")
        .collect();
    assert_eq!(links.len(), 2, "{twice:#}");
    assert_eq!(
        links[0]["description"], links[1]["description"],
        "the same finding twice"
    );
    assert_eq!(links[0]["fingerprint"], first, "the first keeps its fingerprint");
    assert_ne!(
        links[0]["fingerprint"], links[1]["fingerprint"],
        "GitLab would drop one"
    );
    assert_eq!(report(dir.path()), twice, "deterministic");
}

#[test]
fn gitlab_report_of_a_clean_plan_is_an_empty_array() {
    let dir = tempfile::tempdir().unwrap();
    fixture_plan(dir.path(), &[]);
    let output = support::run(&["lint", "plan", "--format", "gitlab"], Some(dir.path()));
    assert_eq!(output.status.code(), Some(0), "{}", streams(&output));
    assert_eq!(super::text(&output.stdout), "[]\n");
}
