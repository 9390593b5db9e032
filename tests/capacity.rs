//! `owner-overloaded` through the real binary, on copies of the example plan: an owner's
//! capacity in plan.toml against the weekly demand of the live tactics they own, in items (from
//! each tactic's cadence) and in hours (from its effort); malformed amounts are `wrong-type`.

mod support;

use std::path::Path;

use serde_json::Value;

fn findings<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

/// Sets the Insights analyst's capacity, which the example plan gives as 10 a week.
fn analyst_capacity(plan: &Path, capacity: &str) {
    support::edit(
        &plan.join("plan.toml"),
        "capacity = \"10/week\"",
        &format!("capacity = \"{capacity}\""),
    );
}

fn with_owners(plan: &Path, owners: &str) {
    let settings = std::fs::read_to_string(plan.join("plan.toml")).unwrap();
    std::fs::write(plan.join("plan.toml"), format!("{settings}\n{owners}\n")).unwrap();
}

#[test]
fn an_owner_asked_for_more_items_a_week_than_their_capacity_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    // The Insights analyst runs a daily dashboard (7 a week) and a weekly report (1).
    analyst_capacity(&plan, "7/week");
    let (report, code) = support::lint_json(&plan, &["--today", "2027-05-20"]);
    assert_eq!(code, 0, "a warning: {report:#}");
    let found = findings(&report, "owner-overloaded");
    assert_eq!(found.len(), 1, "{report:#}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`Insights analyst` is asked for up to 8/week"),
        "{message}"
    );
    assert!(message.contains("over a capacity of 7/week"), "{message}");
    assert!(
        message.contains("`listening-dashboard` 7/week") && message.contains("`weekly-listening-report` 1/week"),
        "{message}"
    );
    assert!(message.contains("from 2027-02-01 to 2027-12-19"), "{message}");
    assert_eq!(found[0]["file"], "plan.toml");

    // Exactly at capacity is not over it.
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    analyst_capacity(&plan, "8/week");
    let (report, _) = support::lint_json(&plan, &["--today", "2027-05-20"]);
    assert!(findings(&report, "owner-overloaded").is_empty(), "{report:#}");
}

#[test]
fn hours_come_from_each_tactics_effort_and_only_overlapping_weeks_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    with_owners(&plan, "[owners.\"Customer care lead\"]\ncapacity = \"10h/week\"");
    // Without `effort` the tactics ask for no hours the rule can count.
    let (report, _) = support::lint_json(&plan, &[]);
    assert!(findings(&report, "owner-overloaded").is_empty(), "{report:#}");

    // saved-replies runs 2027-01-10..06-30 and complaint-follow-up 2027-02-01..12-31.
    support::edit(
        &plan.join("tactics/saved-replies.md"),
        "cadence = \"reviewed monthly\"",
        "cadence = \"reviewed monthly\"\neffort = \"6h/week\"",
    );
    support::edit(
        &plan.join("tactics/complaint-follow-up.md"),
        "cadence = \"within a day of each public complaint\"",
        "cadence = \"3/week: mon, wed, fri\"\neffort = \"1.5h\"",
    );
    let (report, _) = support::lint_json(&plan, &[]);
    let found = findings(&report, "owner-overloaded");
    assert_eq!(found.len(), 1, "{report:#}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(
        message.contains("up to 10.5 h/week from 2027-02-01 to 2027-07-04"),
        "{message}"
    );
    assert!(message.contains("over a capacity of 10 h/week"), "{message}");

    // The same tactics one after the other fit.
    support::edit(
        &plan.join("tactics/saved-replies.md"),
        "end = 2027-06-30",
        "end = 2027-01-31",
    );
    let (report, _) = support::lint_json(&plan, &[]);
    assert!(findings(&report, "owner-overloaded").is_empty(), "{report:#}");
}

#[test]
fn amounts_that_cannot_be_read_are_wrong_type_with_the_forms_that_can() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    analyst_capacity(&plan, "a lot");
    support::edit(
        &plan.join("tactics/saved-replies.md"),
        "cadence = \"reviewed monthly\"",
        "cadence = \"reviewed monthly\"\neffort = \"some\"",
    );
    let (report, code) = support::lint_json(&plan, &[]);
    assert_eq!(code, 1);
    let wrong = findings(&report, "wrong-type");
    let capacity = wrong
        .iter()
        .find(|d| d["file"] == "plan.toml")
        .expect("capacity reported");
    assert!(
        capacity["help"].as_str().unwrap().contains("capacity = \"20h/week\""),
        "{capacity}"
    );
    let effort = wrong
        .iter()
        .find(|d| d["file"] == "tactics/saved-replies.md")
        .expect("effort reported");
    assert!(
        effort["help"].as_str().unwrap().contains("effort = \"6h/week\""),
        "{effort}"
    );
    assert!(
        findings(&report, "unknown-field").is_empty(),
        "owners and effort are known keys: {report:#}"
    );
}

#[test]
fn the_owners_page_shows_each_months_load_against_the_capacity() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    analyst_capacity(&plan, "7/week");
    let site = dir.path().join("site");
    let output = support::run(&["build", plan.to_str().unwrap(), "-o", site.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let owners = std::fs::read_to_string(site.join("owners.html")).unwrap();
    assert!(owners.contains("Capacity: 7/week"), "{owners}");
    // Over from the week of 2027-02-01 to the week of 2027-12-13.
    assert!(owners.contains("46 weeks over capacity"), "{owners}");
    assert!(
        owners.contains("<tr><th scope=\"row\">Jan 2027</th>"),
        "January fits: {owners}"
    );
    assert!(
        owners.contains("<tr class=\"over\"><th scope=\"row\">Feb 2027</th>"),
        "{owners}"
    );
    assert!(
        !owners.contains("Dec 2026"),
        "weeks before the plan count in its first month"
    );
}
