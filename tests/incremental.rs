//! The preview re-renders only the pages an edit can change. This checks that this is enough:
//! after each edit, the incrementally rebuilt site equals a site built from scratch, byte for
//! byte, and the rebuild really was incremental.

mod support;

use std::collections::BTreeMap;

use stratagem::serve::session::Session;
use stratagem::serve::watch::Change;
use support::edits::EDITS;
use support::{copy_tree, example_plan};

fn pages(session: &Session) -> BTreeMap<String, Vec<u8>> {
    session
        .snapshot()
        .pages
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_vec()))
        .collect()
}

#[test]
fn incremental_rebuilds_equal_full_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&example_plan(), dir.path());
    assert_eq!(edits_equal_full_rebuilds(dir.path()), EDITS.len());
}

/// With a git history, the pages an edit renders show the history read as the preview started,
/// as a full build of the same commit does.
#[test]
fn with_a_git_history_incremental_rebuilds_equal_full_rebuilds() {
    let dir = tempfile::tempdir().unwrap();
    let plan = support::git::example_history(dir.path());
    let session = Session::new(plan.clone(), None, None).unwrap();
    let goal = &session.snapshot().pages["goals/corporate-leads.html"];
    assert!(
        String::from_utf8_lossy(goal).contains("Last changed on 2027-04-20 by Ana Costa"),
        "the history is on the pages"
    );
    assert_eq!(session.history_note(), None);
    // The history moved the leads goal's deadline: that edit does not apply.
    assert_eq!(edits_equal_full_rebuilds(&plan), EDITS.len() - 1);
    // An edit does not run git again: a commit made meanwhile shows on the next start.
    let mut session = Session::new(plan.clone(), None, None).unwrap();
    support::git::commit_all(dir.path(), "Chen Wei", "2027-05-18T11:00:00Z", "Edits");
    support::edit(
        &plan.join("goals/corporate-leads.md"),
        "Win corporate trips",
        "Win trips",
    );
    let rebuilt = session
        .apply(&[Change::Document("goals/corporate-leads.md".into())])
        .unwrap();
    assert!(!rebuilt.full());
    let goal = String::from_utf8_lossy(&session.snapshot().pages["goals/corporate-leads.html"]).into_owned();
    assert!(goal.contains("Win trips") && goal.contains("by Ana Costa"), "{goal}");
    let restarted = Session::new(plan, None, None).unwrap();
    let goal = String::from_utf8_lossy(&restarted.snapshot().pages["goals/corporate-leads.html"]).into_owned();
    assert!(goal.contains("Last changed on 2027-05-18 by Chen Wei"), "{goal}");
}

/// Applies each of [`EDITS`] whose text the plan has, and checks that the preview's pages then
/// equal a full build's; returns how many applied.
fn edits_equal_full_rebuilds(plan: &std::path::Path) -> usize {
    let today = Some(jiff::civil::date(2027, 5, 20));
    let mut session = Session::new(plan.to_path_buf(), today, None).unwrap();
    let mut applied = 0;
    for (file, from, to) in EDITS {
        let path = plan.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        if !text.contains(from) {
            continue;
        }
        applied += 1;
        std::fs::write(&path, text.replace(from, to)).unwrap();
        let rebuilt = session.apply(&[Change::Document((*file).to_owned())]).unwrap();
        assert!(!rebuilt.full(), "editing {file} rebuilt everything");
        let full = Session::new(plan.to_path_buf(), today, None).unwrap();
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
    applied
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
    // The roadmap filters tactics by owner; the calendar names each event's owner.
    assert_eq!(
        owner,
        [
            "calendar.ics",
            "owners.html",
            "roadmap.html",
            "search-index.js",
            "tactics/index.html"
        ]
    );
    let dates = rendered_after(s, d, "tactics/saved-replies.md", "end = 2027-06-30", "end = 2027-08-31");
    assert_eq!(dates, ["calendar.ics", "index.html", "roadmap.html", "search-index.js"]);
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
