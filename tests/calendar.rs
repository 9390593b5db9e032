//! `stratagem calendar` and the site's `calendar.ics`, read back by the Python `icalendar`
//! package (`tests/calendar/read_ics.py`) as a calendar application would read them: one event
//! per review, deadline, tactic start and end; reviews repeating on their cadence; UIDs that stay
//! when dates and titles change; a file replaced only when stratagem wrote it.
//!
//! The parser lives in the virtualenv `scripts/test` makes in target/ci-tools; without it these
//! tests fail and say so.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The events of an iCalendar file, as the Python parser reads them, after its header line.
fn read_ics(path: &Path) -> (Value, Vec<Value>) {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools/bin/python");
    assert!(
        python.is_file(),
        "the calendar tests need the Python `icalendar` package in target/ci-tools: run scripts/test"
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/calendar/read_ics.py");
    let output = Command::new(python).arg(script).arg(path).output().expect("run python");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "icalendar could not read {}:\n{stdout}{}",
        path.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let mut lines = stdout.lines().map(|l| serde_json::from_str::<Value>(l).unwrap());
    let header = lines.next().expect("a header line");
    (header, lines.collect())
}

/// Writes the plan's calendar with `stratagem calendar -o` and reads it back.
fn calendar_of(plan: &Path, dir: &Path) -> Vec<Value> {
    let file = dir.join("plan.ics");
    let output = support::run(
        &[
            "calendar",
            plan.to_str().unwrap(),
            "-o",
            file.to_str().unwrap(),
            "--today",
            "2027-05-20",
        ],
        None,
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    read_ics(&file).1
}

/// The front matter of every Markdown file in `folder` of `plan`, by file stem.
fn front_matters(plan: &Path, folder: &str) -> Vec<(String, toml::Table)> {
    let mut all: Vec<(String, toml::Table)> = std::fs::read_dir(plan.join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let toml = text.split("+++").nth(1).unwrap();
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                toml.parse().unwrap(),
            )
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn uids(events: &[Value]) -> BTreeSet<String> {
    events.iter().map(|e| e["uid"].as_str().unwrap().to_owned()).collect()
}

fn event<'e>(events: &'e [Value], uid_start: &str) -> &'e Value {
    events
        .iter()
        .find(|e| e["uid"].as_str().unwrap().starts_with(uid_start))
        .unwrap_or_else(|| panic!("no event {uid_start}…: {events:#?}"))
}

#[test]
fn every_review_deadline_and_tactic_date_of_the_plan_is_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    let events = calendar_of(&plan, dir.path());

    // Expected from the files themselves, read here with the toml crate.
    let live = |t: &toml::Table| t.get("status").and_then(|s| s.as_str()) != Some("dropped");
    let mut expected = BTreeSet::new();
    for (id, goal) in front_matters(&plan, "goals") {
        if goal.contains_key("deadline") && live(&goal) {
            expected.insert(format!("deadline.{id}@"));
        }
    }
    for (id, tactic) in front_matters(&plan, "tactics") {
        for key in ["start", "end"] {
            if tactic.contains_key(key) && live(&tactic) {
                expected.insert(format!("{key}.{id}@"));
            }
        }
    }
    for (id, evaluation) in front_matters(&plan, "evaluations") {
        if evaluation.contains_key("next_review") {
            expected.insert(format!("review.{id}@"));
        }
    }
    let found: BTreeSet<String> = uids(&events)
        .iter()
        .map(|u| format!("{}@", u.split('@').next().unwrap()))
        .collect();
    assert_eq!(found, expected);
    assert_eq!(events.len(), expected.len(), "one event per date");
    let key = "ridgeline-outfitters-social-media-plan-2027";
    assert!(
        uids(&events).iter().all(|u| u.ends_with(&format!("@{key}"))),
        "{:?}",
        uids(&events)
    );

    let deadline = event(&events, "deadline.corporate-leads@");
    assert_eq!(deadline["start"], "2027-09-30");
    assert_eq!(deadline["end"], "2027-10-01", "an all-day event ends the next day");
    assert_eq!(deadline["stamp"], "2027-05-20T00:00:00+00:00");
    assert!(
        deadline["summary"].as_str().unwrap().starts_with("Deadline: "),
        "{deadline}"
    );
    assert!(
        deadline["description"].as_str().unwrap().starts_with("Owner: "),
        "{deadline}"
    );
}

#[test]
fn reviews_repeat_on_their_cadence_until_their_goals_last_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    let events = calendar_of(&plan, dir.path());
    let goals = front_matters(&plan, "goals");
    let last_deadline = |evaluation: &str| {
        let (_, front) = front_matters(&plan, "evaluations")
            .into_iter()
            .find(|(id, _)| id == evaluation)
            .unwrap();
        let ids: Vec<&str> = front["goals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g.as_str().unwrap())
            .collect();
        let deadlines = goals
            .iter()
            .filter(|(id, _)| ids.contains(&id.as_str()))
            .map(|(_, g)| g["deadline"].as_datetime().unwrap().to_string().replace('-', ""));
        deadlines.max().unwrap()
    };

    let weekly = event(&events, "review.care-dashboard@");
    assert_eq!(weekly["start"], "2027-05-24");
    assert_eq!(weekly["rrule"]["FREQ"], serde_json::json!(["WEEKLY"]));
    let until = weekly["rrule"]["UNTIL"][0].as_str().unwrap().replace('-', "");
    assert!(until.starts_with(&last_deadline("care-dashboard")), "{weekly}");
    let quarterly = event(&events, "review.listening-review@");
    assert_eq!(quarterly["rrule"]["FREQ"], serde_json::json!(["MONTHLY"]));
    assert_eq!(quarterly["rrule"]["INTERVAL"], serde_json::json!(["3"]));
    let monthly = event(&events, "review.monthly-lead-review@");
    assert_eq!(monthly["rrule"]["FREQ"], serde_json::json!(["MONTHLY"]));
    assert!(monthly["rrule"].get("INTERVAL").is_none(), "{monthly}");

    // A cadence with no rhythm in it is one review, not a series.
    let file = plan.join("evaluations/care-dashboard.md");
    support::edit(&file, "cadence = \"weekly\"", "cadence = \"as complaints arrive\"");
    let events = calendar_of(&plan, dir.path());
    assert!(event(&events, "review.care-dashboard@")["rrule"].is_null());
}

#[test]
fn an_event_keeps_its_uid_when_its_date_and_title_change() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    let before = calendar_of(&plan, dir.path());
    let goal = plan.join("goals/corporate-leads.md");
    let text = std::fs::read_to_string(&goal).unwrap();
    let title_line = text.lines().find(|l| l.starts_with("title = ")).unwrap().to_owned();
    support::edit(&goal, &title_line, "title = \"Win corporate group bookings\"");
    support::edit(&goal, "deadline = 2027-09-30", "deadline = 2027-10-31");
    let after = calendar_of(&plan, dir.path());

    assert_eq!(uids(&before), uids(&after));
    let moved = event(&after, "deadline.corporate-leads@");
    assert_eq!(moved["start"], "2027-10-31");
    assert_eq!(moved["summary"], "Deadline: Win corporate group bookings");
}

#[test]
fn the_site_publishes_the_calendar_with_links_to_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    support::edit(
        &plan.join("plan.toml"),
        "base_url = \"/\"",
        "base_url = \"https://example.org/plan/\"",
    );
    let site = dir.path().join("site");
    let output = support::run(
        &[
            "build",
            plan.to_str().unwrap(),
            "-o",
            site.to_str().unwrap(),
            "--today",
            "2027-05-20",
        ],
        None,
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (header, events) = read_ics(&site.join("calendar.ics"));
    assert_eq!(header["name"], "Ridgeline Outfitters — social media plan 2027");
    assert_eq!(
        events,
        calendar_of(&plan, dir.path()),
        "the site's calendar is the command's"
    );
    let deadline = event(&events, "deadline.corporate-leads@plan.example.org");
    assert_eq!(deadline["url"], "https://example.org/plan/goals/corporate-leads.html");
    assert!(site.join("goals/corporate-leads.html").is_file());
    let roadmap = std::fs::read_to_string(site.join("roadmap.html")).unwrap();
    assert!(
        roadmap.contains("href=\"calendar.ics\""),
        "the roadmap links the calendar"
    );
}

#[test]
fn calendar_replaces_only_a_file_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::plan_in(dir.path());
    let notes: PathBuf = dir.path().join("notes.ics");
    std::fs::write(&notes, "my own calendar\n").unwrap();
    let write = |path: &Path| {
        support::run(
            &["calendar", plan.to_str().unwrap(), "-o", path.to_str().unwrap()],
            None,
        )
    };

    let refused = write(&notes);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a calendar stratagem wrote"));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my own calendar\n");

    let ours = dir.path().join("plan.ics");
    assert!(write(&ours).status.success());
    assert!(write(&ours).status.success(), "its own calendar is replaced");
    #[cfg(unix)]
    {
        let link = dir.path().join("link.ics");
        std::os::unix::fs::symlink(&ours, &link).unwrap();
        assert_eq!(write(&link).status.code(), Some(2), "never written through a link");
    }
}
