//! The preview re-renders only the pages an edit can change. This checks that this is enough:
//! after each edit, the incrementally rebuilt site equals a site built from scratch, byte for
//! byte, and the rebuild really was incremental.

mod support;

use std::collections::BTreeMap;

use stratagem::serve::session::Session;
use stratagem::serve::watch::Change;
use support::{copy_tree, example_plan};

fn pages(session: &Session) -> BTreeMap<String, Vec<u8>> {
    session
        .snapshot()
        .pages
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_vec()))
        .collect()
}

/// Edits of the example plan, one after the other: each reaches different pages.
const EDITS: &[(&str, &str, &str)] = &[
    (
        "goals/corporate-leads.md",
        "title = \"Grow corporate team-trip leads from LinkedIn\"",
        "title = \"Win corporate trips\"",
    ),
    (
        "goals/corporate-leads.md",
        "deadline = 2027-09-30",
        "deadline = 2027-05-01",
    ),
    ("evaluations/care-dashboard.md", "value = 3.1", "value = 1.9"),
    (
        "tactics/advocacy-digest.md",
        "strategy = \"employee-voices\"",
        "strategy = \"listen-first\"",
    ),
    (
        "tactics/guide-trip-stories.md",
        "status = \"active\"",
        "status = \"done\"",
    ),
    (
        "tactics/saved-replies.md",
        "owner = \"Customer care lead\"",
        "owner = \"Somebody new\"",
    ),
    (
        "strategies/listen-first.md",
        "goals = [\"listening-fixes\"]",
        "goals = [\"listening-fixes\", \"corporate-leads\"]",
    ),
    (
        "pages/about.md",
        "This is Ridgeline Outfitters'",
        "This is, for now, Ridgeline Outfitters'",
    ),
    (
        "tactics/outside-day-film.md",
        "budget = { amount = 15000, currency = \"EUR\" }",
        "budget = { amount = 9000, currency = \"GBP\" }",
    ),
    // A new warning changes the health counts the overview shows.
    (
        "tactics/best-in-class-review.md",
        "budget = { amount = 800, currency = \"EUR\" }\n",
        "",
    ),
    // Without training, the plan falls back to emerging: the overview shows the stage.
    (
        "tactics/advocacy-training.md",
        "practices = [\"training\"]",
        "practices = [\"employee-advocacy\"]",
    ),
    // Tactic dates move its bar on the roadmap.
    ("tactics/saved-replies.md", "end = 2027-06-30", "end = 2027-08-31"),
    // A tactic moved to another channel leaves one channel's list for another's.
    (
        "tactics/saved-replies.md",
        "channel = \"facebook\"",
        "channel = \"instagram\"",
    ),
    // A strategy's owner shows on its list and on the owners page.
    (
        "strategies/answer-like-a-phone-call.md",
        "owner = \"Trưởng nhóm chăm sóc khách hàng\"",
        "owner = \"Customer care lead\"",
    ),
    // A page's weight orders the pages list.
    ("pages/glossary.md", "weight = 2", "weight = 0"),
    // An evaluation's next review shows on the evaluations list.
    (
        "evaluations/listening-review.md",
        "next_review = 2027-06-30",
        "next_review = 2027-07-15",
    ),
    // A body alone changes the document's page and the search index, nothing across the plan.
    (
        "strategies/close-doors-open-trails.md",
        "A campaign that says",
        "A campaign, first of its kind, that says",
    ),
];

#[test]
fn incremental_rebuilds_equal_full_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example_plan(), dir.path());
    let today = Some(jiff::civil::date(2027, 5, 20));
    let mut session = Session::new(dir.path().to_path_buf(), today, None).unwrap();
    for (file, from, to) in EDITS {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
        let rebuilt = session.apply(&[Change::Document((*file).to_owned())]).unwrap();
        assert!(!rebuilt.full(), "editing {file} rebuilt everything");
        let full = Session::new(dir.path().to_path_buf(), today, None).unwrap();
        let (incremental, expected) = (pages(&session), pages(&full));
        assert_eq!(
            incremental.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "after editing {file}"
        );
        let stale: Vec<&String> = expected
            .iter()
            .filter(|(k, v)| incremental.get(*k) != Some(v))
            .map(|(k, _)| k)
            .collect();
        assert!(
            stale.is_empty(),
            "after editing {file} ({from} → {to}), these pages are stale: {stale:?}"
        );
        assert!(rebuilt.pages < expected.len(), "only some pages were rendered");
    }
}

#[test]
fn structural_changes_rebuild_everything() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example_plan(), dir.path());
    let mut session = Session::new(dir.path().to_path_buf(), None, None).unwrap();
    std::fs::write(dir.path().join("goals/new.md"), "+++\ntitle = \"New\"\n+++\n").unwrap();
    assert!(
        session
            .apply(&[Change::Document("goals/new.md".into())])
            .unwrap()
            .full(),
        "a new document"
    );
    let path = dir.path().join("goals/new.md");
    std::fs::write(&path, "+++\nid = \"renamed\"\ntitle = \"New\"\n+++\n").unwrap();
    assert!(
        session
            .apply(&[Change::Document("goals/new.md".into())])
            .unwrap()
            .full(),
        "an id change"
    );
    assert!(session.snapshot().pages.contains_key("goals/renamed.html"));
    std::fs::remove_file(&path).unwrap();
    assert!(
        session
            .apply(&[Change::Document("goals/new.md".into())])
            .unwrap()
            .full(),
        "a removed document"
    );
    assert!(!session.snapshot().pages.contains_key("goals/renamed.html"));
}

/// The pages across the plan (not a document's own) that rendering `file` after an edit wrote.
fn rendered_after(session: &mut Session, dir: &std::path::Path, file: &str, from: &str, to: &str) -> Vec<String> {
    support::edit(&dir.join(file), from, to);
    session.take_delta();
    let rebuilt = session.apply(&[Change::Document(file.to_owned())]).unwrap();
    assert!(!rebuilt.full(), "editing {file} rebuilt everything");
    let mut paths: Vec<String> = session
        .take_delta()
        .files
        .iter()
        .map(|(path, _)| path.to_string())
        .filter(|p| !p.contains('/') || p.ends_with("/index.html"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn an_edit_renders_again_the_pages_that_show_what_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example_plan(), dir.path());
    let today = Some(jiff::civil::date(2027, 5, 20));
    let mut session = Session::new(dir.path().to_path_buf(), today, None).unwrap();
    let s = &mut session;
    let d = dir.path();
    let owner = rendered_after(
        s,
        d,
        "tactics/saved-replies.md",
        "owner = \"Customer care lead\"",
        "owner = \"Ana\"",
    );
    assert_eq!(owner, ["owners.html", "search-index.js", "tactics/index.html"]);
    let dates = rendered_after(s, d, "tactics/saved-replies.md", "end = 2027-06-30", "end = 2027-08-31");
    assert_eq!(dates, ["roadmap.html", "search-index.js"]);
    let value = rendered_after(s, d, "evaluations/care-dashboard.md", "value = 3.1", "value = 2.9");
    assert_eq!(value, ["goals/index.html", "index.html", "map.html", "search-index.js"]);
    let body = rendered_after(
        s,
        d,
        "strategies/close-doors-open-trails.md",
        "A campaign that says",
        "A campaign, first, that says",
    );
    assert_eq!(body, ["search-index.js"]);
}
