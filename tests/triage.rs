//! The overview as a triage, through the real binary: "Needs attention" (top findings, reviews
//! due or overdue, tactics starting or ending soon, goals measured less often than their
//! evaluation's cadence), a goal table once a plan has many goals, rule messages with their code
//! spans as code, the navigation's "More" group, and `lang` on documents in another language.

mod support;

use support::site::{build, example_site, read};
use support::{edit, plan_in};

/// The "Needs attention" section of an overview.
fn attention(index: &str) -> &str {
    let start = index
        .find("class=\"attention\"")
        .expect("the overview has a Needs attention section");
    &index[start..start + index[start..].find("</section>").unwrap()]
}

fn build_at(today: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = build(&support::example_plan(), &out, &["--today", today]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let index = read(&out.join("index.html"));
    (dir, index)
}

#[test]
fn needs_attention_lists_reviews_due_and_measurements_out_of_date() {
    let (_dir, index) = build_at("2027-05-20");
    let panel = attention(&index);
    // The weekly dashboard's next review is 2027-05-24: four days away.
    let reviews = &panel[panel.find("Reviews due").expect("reviews due")..];
    assert!(
        reviews.contains("evaluations/care-dashboard.html\">Weekly customer-care dashboard</a> <span class=\"when\">review due in 4 days"),
        "{panel}"
    );
    // The complaint-recovery goal was last measured on 2027-04-30, and its evaluation is weekly.
    assert!(panel.contains("Measurements out of date"), "{panel}");
    assert!(
        panel.contains("Win back customers who complain in public</a> <span class=\"when\">last measured 20 days ago · cadence: weekly"),
        "{panel}"
    );
    // The monthly goals were measured within their month: not listed.
    assert!(!panel.contains("goals/corporate-leads.html"), "{panel}");
}

#[test]
fn needs_attention_lists_tactics_starting_soon_and_findings_first() {
    let (_dir, index) = build_at("2027-08-10");
    let panel = attention(&index);
    let findings = panel.find("Plan health").expect("the findings come first");
    let tactics = panel.find("Tactics starting or ending").expect("tactics");
    assert!(findings < tactics, "{panel}");
    assert!(
        panel.contains("Trail-event sign-ups with partner clubs</a> <span class=\"when\">starts in 5 days"),
        "{panel}"
    );
    // Reviews long overdue are flagged as late.
    assert!(
        panel.contains("<li class=\"late\"><a href=\"evaluations/care-dashboard.html\">"),
        "{panel}"
    );
    // Rule messages show their code spans as code.
    assert!(
        panel.contains("evaluation <code>care-dashboard</code> was due for review"),
        "{panel}"
    );
}

#[test]
fn over_twelve_goals_the_overview_adds_a_sortable_table() {
    let (_dir, index) = build_at("2027-05-20");
    assert!(!index.contains("class=\"goal-table\""), "five goals need no table");

    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let source = read(&plan.join("goals/corporate-leads.md"));
    for n in 1..=8 {
        let copy = source
            .replace("id = \"corporate-leads\"", &format!("id = \"corporate-leads-{n}\""))
            .replace("title = \"", &format!("title = \"Region {n}: "));
        std::fs::write(plan.join(format!("goals/corporate-leads-{n}.md")), copy).unwrap();
    }
    let out = dir.path().join("site");
    let output = build(&plan, &out, &["--allow-errors"]);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let index = read(&out.join("index.html"));
    let table = &index[index.find("class=\"goal-table\"").expect("a goal table")..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr data-owner=").count(), 13, "one row per goal");
    assert!(table.contains("data-sort=\"number\"") && table.contains("data-label-owner=\"Owner\""));
    assert!(
        index.contains("assets/goal-table.js"),
        "sorting and filters are a script on top"
    );
}

#[test]
fn the_navigation_groups_what_a_team_reads_less_often() {
    let (_dir, index) = build_at("2027-05-20");
    let nav = &index[index.find("class=\"site-nav\"").unwrap()..index.find("</nav>").unwrap()];
    let more = &nav[nav.find("class=\"nav-more\"").expect("a More group")..];
    for page in ["health.html", "owners.html", "channels.html", "maturity.html"] {
        assert!(more.contains(page), "{page} is under More");
    }
    let main = &nav[..nav.find("class=\"nav-more\"").unwrap()];
    assert_eq!(main.matches("<li>").count(), 7, "{main}");
}

#[test]
fn a_document_in_another_language_is_marked_with_its_lang() {
    let (_dir, site) = example_site();
    // Written in Vietnamese in an English plan: detected by its letters.
    let goal = read(&site.join("goals/phan-hoi-nhanh.html"));
    assert!(goal.contains("<html lang=\"en\">"), "the site's own words stay English");
    assert!(
        goal.contains("<h1 lang=\"vi\">Trả lời tin nhắn"),
        "the title is Vietnamese"
    );
    let index = read(&site.join("index.html"));
    assert!(index.contains("<a href=\"goals/phan-hoi-nhanh.html\" lang=\"vi\">"));
    assert!(!read(&site.join("goals/corporate-leads.html")).contains("<h1 lang="));

    // A Welsh goal says so: its script cannot.
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    let file = plan.join("goals/corporate-leads.md");
    edit(&file, "title = \"", "language = \"cy\"\ntitle = \"");
    let out = dir.path().join("site");
    let output = build(&plan, &out, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(read(&out.join("goals/corporate-leads.html")).contains("<h1 lang=\"cy\">"));

    // A language's name is not a tag: a finding that gives the tag.
    edit(&file, "language = \"cy\"", "language = \"Welsh\"");
    let (json, _) = support::lint_json(&plan, &[]);
    let findings = json["diagnostics"].as_array().unwrap();
    let finding = findings
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("`language` should be a language tag")
        })
        .unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!(finding["rule"], "wrong-type");
    assert!(
        finding["help"].as_str().unwrap().contains("`language = \"cy\"`"),
        "{finding}"
    );
}

#[test]
fn practices_are_named_in_the_plans_language() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    edit(&plan.join("plan.toml"), "language = \"en\"", "language = \"vi\"");
    let out = dir.path().join("site");
    let output = build(&plan, &out, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tactic = read(&out.join("tactics/saved-replies.html"));
    assert!(tactic.contains("Chăm sóc khách hàng"), "customer-care in Vietnamese");
    assert!(!tactic.contains("customer-care"), "not the vocabulary's word");
}

#[test]
fn findings_of_one_rule_in_one_file_are_one_line() {
    // Three measurements of the weekly dashboard are after 2027-03-15: one thing to fix.
    let (_dir, index) = build_at("2027-03-15");
    let panel = attention(&index);
    assert_eq!(panel.matches("evaluations/care-dashboard.html").count(), 1, "{panel}");
    assert!(
        panel.contains("<span class=\"alike\">(and 2 more like it in this file)</span>"),
        "{panel}"
    );
}
