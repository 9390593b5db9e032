//! A check-in's confidence and note on the site: beside the goal's status on its page and its
//! overview card, in the chart's tooltip and the measurements table, in the site's language.

mod support;

use support::site::{build, read};
use support::{copy_tree, fixtures, run};

const TODAY: &str = "2027-03-15";

fn site_after_checkin(language: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_tree(&fixtures().join("rules/_base"), &plan);
    if let Some(language) = language {
        support::edit(
            &plan.join("plan.toml"),
            "owner = \"Head of Social\"",
            &format!("owner = \"Head of Social\"\nlanguage = \"{language}\""),
        );
    }
    let plan_arg = plan.to_str().unwrap();
    let args = [
        "checkin",
        "leads",
        "60",
        "--confidence",
        "medium",
        "--note",
        "webinar week",
        "--today",
        TODAY,
        "--plan",
        plan_arg,
    ];
    let output = run(&args, None);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let out = dir.path().join("site");
    let output = build(&plan, &out, &["--today", TODAY]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (dir, out)
}

#[test]
fn the_latest_confidence_and_note_show_beside_the_status() {
    let (_dir, site) = site_after_checkin(None);
    let shown = "<span class=\"confidence confidence-medium\">medium confidence</span> <q class=\"checkin-note\">webinar week</q>";
    let goal = read(&site.join("goals/leads.html"));
    let status = &goal[goal.find("class=\"status-line\"").unwrap()..];
    assert!(status[..status.find("</p>").unwrap()].contains(shown), "{status}");
    assert!(
        goal.contains("<td>webinar week</td><td>medium confidence</td>"),
        "the measurements table"
    );
    assert!(
        goal.contains("2027-03-15: 60 leads/month — webinar week · medium confidence</title>"),
        "the chart's tooltip"
    );
    let index = read(&site.join("index.html"));
    let card = &index[index.find("<article class=\"goal-card").unwrap()..];
    assert!(
        card[..card.find("</article>").unwrap()].contains(shown),
        "the overview card"
    );
}

#[test]
fn the_confidence_is_in_the_sites_language() {
    let (_dir, site) = site_after_checkin(Some("vi"));
    let goal = read(&site.join("goals/leads.html"));
    assert!(
        goal.contains("<span class=\"confidence confidence-medium\">độ tin cậy trung bình</span>"),
        "Vietnamese"
    );
}
