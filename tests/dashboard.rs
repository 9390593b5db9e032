//! The site as a dashboard, through the real binary: every goal status says why (pace, days
//! overdue, the day it was reached), bars take their status colour, the overview puts the most
//! urgent goals first, numbers are written as the plan's language writes them, charts show the
//! pace line with round ticks and units (on goal and evaluation pages), and a document's own
//! lint findings show on its page; goal cards carry a sparkline.

mod support;

use support::site::{build, example_site, read};
use support::{edit, plan_in};

/// The byte offset of `needle` in `haystack`, which must contain it.
fn at(haystack: &str, needle: &str) -> usize {
    haystack.find(needle).unwrap_or_else(|| panic!("no {needle:?}"))
}

#[test]
fn every_status_says_why_and_the_bar_takes_its_colour() {
    let (_dir, site) = example_site();
    let goal = read(&site.join("goals/social-store-visits.html"));
    // Baseline 8,000 at the start (2027-03-01), target 10,000 at the deadline (2027-11-30):
    // today, 2027-05-20, is day 80 of 274, so 29% of the way is expected; 8,260 is 13%.
    assert!(
        goal.contains("expected 29% by today · actual 13%"),
        "the pace, in words"
    );
    assert!(
        goal.contains("class=\"status-at_risk\""),
        "the bar is coloured by status"
    );
    assert!(
        goal.contains("class=\"pace-mark\" style=\"left: 29%\""),
        "the pace mark"
    );
    assert!(goal.contains("8,260") && goal.contains("10,000 <small>sessions/week</small>"));
    assert!(
        goal.contains("8,000 <small>sessions/week</small>"),
        "the unit on every value"
    );
}

#[test]
fn overdue_and_achieved_goals_say_since_when() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    edit(&plan.join("plan.toml"), "today = 2027-05-20", "today = 2027-12-12");
    let out = dir.path().join("site");
    let output = build(&plan, &out, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let index = read(&out.join("index.html"));
    assert!(index.contains("overdue by 12 days"), "the deadline was 2027-11-30");
    let phan_hoi = read(&out.join("goals/phan-hoi-nhanh.html"));
    assert!(
        phan_hoi.contains("class=\"badge overdue\""),
        "deadline 2027-06-30 passed at 3.1 hours"
    );
    // Its deadline, 2027-12-31, is still ahead: judged by the pace, not overdue.
    let complaints = read(&out.join("goals/complaint-recovery.html"));
    assert!(!complaints.contains("class=\"badge overdue\""));
}

#[test]
fn the_overview_puts_the_most_urgent_goals_first() {
    let (_dir, site) = example_site();
    let index = read(&site.join("index.html"));
    let grid = &index[at(&index, "class=\"goal-grid\"")..];
    assert!(
        at(grid, "status-at_risk") < at(grid, "status-on_track"),
        "the goal at risk comes before those on track"
    );
    let counts = &index[at(&index, "class=\"status-counts\"")..];
    assert!(
        at(counts, "badge at_risk") < at(counts, "badge on_track"),
        "counts in the same order"
    );
    // Within a status, goals keep their path order.
    let on_track: Vec<usize> = [
        "complaint-recovery",
        "corporate-leads",
        "listening-fixes",
        "phan-hoi-nhanh",
    ]
    .iter()
    .map(|id| at(grid, &format!("goals/{id}.html")))
    .collect();
    assert!(on_track.is_sorted(), "{on_track:?}");
}

#[test]
fn numbers_are_written_as_the_language_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    edit(&plan.join("plan.toml"), "language = \"en\"", "language = \"vi\"");
    let out = dir.path().join("site");
    let output = build(&plan, &out, &[]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let goal = read(&out.join("goals/social-store-visits.html"));
    assert!(
        goal.contains("10.000 <small>sessions/week</small>"),
        "Vietnamese groups with a dot"
    );
    assert!(
        goal.contains("dự kiến 29% đến hôm nay · thực tế 13%"),
        "the reason, translated"
    );
    assert!(
        read(&out.join("goals/phan-hoi-nhanh.html")).contains("3,1"),
        "and writes a decimal comma"
    );
    assert!(read(&out.join("channels.html")).contains("240.000.000 VND"));
}

#[test]
fn charts_show_the_pace_with_round_ticks_and_units_on_goal_and_evaluation_pages() {
    let (_dir, site) = example_site();
    let goal = read(&site.join("goals/social-store-visits.html"));
    for part in [
        "class=\"pace\"",
        "class=\"chart-wide\"",
        "class=\"chart-narrow\"",
        ">9,000</text>",
        ">sessions/week</text>",
        ">Target 10,000 sessions/week</text>",
        ">Mar 2027</text>",
        "class=\"dot last\" tabindex=\"0\"",
        "class=\"legend\"",
    ] {
        assert!(goal.contains(part), "{part}");
    }
    let evaluation = read(&site.join("evaluations/outside-day-tracking.html"));
    assert!(
        evaluation.contains("id=\"chart-social-store-visits-wide-title\""),
        "the evaluation page charts the goal it measures"
    );
}

#[test]
fn a_document_shows_its_own_lint_findings() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(dir.path());
    // A broken link is an error; the site built anyway shows it on the strategy's page, and only
    // there.
    let strategy = plan.join("strategies/employee-voices.md");
    let text = read(&strategy);
    std::fs::write(&strategy, format!("{text}\nSee [the brief](@no-such-brief).\n")).unwrap();
    let out = dir.path().join("site");
    let output = build(&plan, &out, &["--allow-errors"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = read(&out.join("strategies/employee-voices.html"));
    let banner = &page[at(&page, "class=\"findings\"")..];
    assert!(
        banner.contains("<code>broken-link</code>") && banner.contains("no-such-brief"),
        "{banner}"
    );
    assert!(
        banner.contains("strategies/employee-voices.md:"),
        "with the line in the file"
    );
    assert!(!read(&out.join("goals/corporate-leads.html")).contains("class=\"findings\""));
}

#[test]
fn goal_cards_have_a_sparkline_and_zero_counts_are_neutral() {
    let (_dir, site) = example_site();
    let index = read(&site.join("index.html"));
    let grid = &index[at(&index, "class=\"goal-grid\"")..];
    assert_eq!(
        grid.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\"")
            .count(),
        5,
        "every goal has a measurement"
    );
    assert!(grid.contains("class=\"spark\" viewBox=\"0 0 240 40\" width=\"240\" height=\"40\" aria-hidden=\"true\""));
    let health = read(&site.join("health.html"));
    assert!(
        health.contains("<span class=\"badge none\">Errors: 0</span>"),
        "no red for no errors"
    );
}
