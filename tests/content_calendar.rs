//! The content calendar page (`content.html`) through the real binary: every tactic's cadence
//! week by week per channel, gaps between a channel's first and last content, and clashes where
//! two tactics on one channel name the same weekday.

mod support;

use std::path::Path;

fn build(plan: &Path, dir: &Path) -> String {
    let site = dir.join("site");
    let output = support::run(&["build", plan.to_str().unwrap(), "-o", site.to_str().unwrap()], None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    std::fs::read_to_string(site.join("content.html")).unwrap()
}

/// The rows of the week starting on `monday`.
fn week<'a>(page: &'a str, monday: &str) -> &'a str {
    let start = page
        .find(&format!("<time datetime=\"{monday}\">"))
        .unwrap_or_else(|| panic!("no week {monday}"));
    let end = page[start..].find("</tr>").unwrap() + start;
    &page[start..end]
}

#[test]
fn the_content_calendar_lays_out_cadences_and_marks_gaps_and_clashes() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    let stories = plan.join("tactics/guide-trip-stories.md");
    // Trip stories on Instagram on Tuesdays, March to May; trail-event sign-ups three times a
    // week from 2027-08-15 (a Sunday, so from the week of 9 August), on Tuesdays too.
    support::edit(&stories, "cadence = \"weekly\"", "cadence = \"weekly: tue\"");
    support::edit(&stories, "channel = \"linkedin\"", "channel = \"instagram\"");
    support::edit(&stories, "end = 2027-09-30", "end = 2027-05-31");
    let sign_ups = plan.join("tactics/outside-day-sign-ups.md");
    support::edit(
        &sign_ups,
        "cadence = \"three posts a week in the run-up\"",
        "cadence = \"3/week: mon, tue, fri\"",
    );
    let page = build(&plan, dir.path());

    let march = week(&page, "2027-03-01");
    assert!(
        march.contains("1×") && march.contains("Guides tell one trip story a week"),
        "{march}"
    );
    assert!(!march.contains("class=\"gap\""), "{march}");
    // June to mid-August Instagram is silent between its content: gaps.
    let july = week(&page, "2027-07-05");
    assert!(july.contains("<td class=\"gap\">"), "{july}");
    // No gap before a channel's first content.
    assert!(!week(&page, "2027-01-04").contains("class=\"gap\""));
    let august = week(&page, "2027-08-16");
    assert!(august.contains("3×") && august.contains("Mon, Tue, Fri"), "{august}");
    assert!(!august.contains("clash"), "the stories ended in May: {august}");

    support::edit(&stories, "end = 2027-05-31", "end = 2027-09-30");
    let page = build(&plan, &dir.path().join("again"));
    let august = week(&page, "2027-08-16");
    assert!(
        august.contains("<td class=\"clash\">") && august.contains("clash on Tue"),
        "{august}"
    );
    assert!(
        page.contains("0 gaps and 8 clashes in 53 weeks"),
        "{}",
        &page[..page.find("<table").unwrap_or(0)]
    );
}
