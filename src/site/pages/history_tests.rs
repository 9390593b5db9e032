//! Tests of the history on pages: a goal's rows from git and from a hand-built `[[revisions]]`
//! entry (the loader does not read them yet), newest first; the target's moves for the chart;
//! and the Changes page of a real repository — every template rendered with strict variables.

use std::path::Path;
use std::process::Command;

use super::tests::strict_tera;
use super::{Shared, View, history};
use crate::history::History;
use crate::plan::graph::Graph;
use crate::plan::{KindData, Plan, Purpose, RevisedField, Revision, RevisionValue, Spanned, load};
use crate::site::Input;
use crate::site::model::Model;
use crate::site::urls::Published;

fn git(dir: &Path, author: &str, date: &str, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", &format!("user.name={author}"), "-c", "user.email=a@example.org"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn goal(target: u32, deadline: &str) -> String {
    format!(
        "+++\ntitle = \"Leads\"\nunit = \"leads\"\nbaseline = 40\ntarget = {target}\nstart = 2027-01-01\ndeadline = {deadline}\n+++\nBody.\n"
    )
}

/// A repository whose goal's target moved twice and deadline once, a tactic renamed and a page
/// deleted.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for folder in ["goals", "tactics", "pages"] {
        std::fs::create_dir_all(d.join(folder)).unwrap();
    }
    std::fs::write(d.join("plan.toml"), "title = \"P\"\nlanguage = \"en\"\n").unwrap();
    std::fs::write(d.join("goals/leads.md"), goal(120, "2027-12-31")).unwrap();
    std::fs::write(
        d.join("tactics/old.md"),
        "+++\ntitle = \"Ads\"\ngoals = [\"leads\"]\n+++\n",
    )
    .unwrap();
    std::fs::write(d.join("pages/gone.md"), "+++\ntitle = \"Gone\"\n+++\n").unwrap();
    git(d, "Mai", "2027-01-05T10:00:00+07:00", &["init", "-q"]);
    git(d, "Mai", "2027-01-05T10:00:00+07:00", &["add", "."]);
    git(d, "Mai", "2027-01-05T10:00:00+07:00", &["commit", "-qm", "Plan"]);
    std::fs::write(d.join("goals/leads.md"), goal(90, "2027-12-31")).unwrap();
    git(
        d,
        "Ana",
        "2027-03-02T09:00:00+00:00",
        &["commit", "-qam", "Lower the target"],
    );
    std::fs::write(d.join("goals/leads.md"), goal(100, "2027-10-31")).unwrap();
    git(
        d,
        "Bảo",
        "2027-04-10T09:00:00+00:00",
        &["mv", "tactics/old.md", "tactics/new.md"],
    );
    git(d, "Bảo", "2027-04-10T09:00:00+00:00", &["rm", "-q", "pages/gone.md"]);
    git(d, "Bảo", "2027-04-10T09:00:00+00:00", &["commit", "-qam", "Tidy up"]);
    dir
}

fn at<T>(value: T) -> Option<Spanned<T>> {
    Some(Spanned::new(value, 0..0))
}

fn revision() -> Revision {
    Revision {
        date: at(jiff::civil::date(2027, 5, 1)),
        field: at(RevisedField::Target),
        from: at(RevisionValue::Number(100.0)),
        to: at(RevisionValue::Number(80.0)),
        reason: at("budget <cut>".to_owned()),
        span: 0..0,
    }
}

/// Builds the model of `plan` with `history` and hands `check` the model and a function that
/// renders a view with strict variables.
fn with_model(plan: &Plan, history: Option<&History>, check: impl FnOnce(&Model<'_>, &dyn Fn(View) -> String)) {
    let (prepared, graph) = (crate::site::prepare(plan), Graph::new(plan));
    let today = jiff::civil::date(2027, 6, 1);
    let lint = crate::lint::lint(plan, &graph, Vec::new(), today, None);
    let maturity = crate::maturity::assess(plan, &lint.diagnostics);
    let input = Input {
        plan,
        graph: &graph,
        prepared: &prepared,
        lint: &lint,
        today,
        maturity: &maturity,
        history,
        history_note: None,
    };
    let model = Model::new(&input);
    let published = Published::from_base_url(None);
    let shared = Shared::new(&model, &published);
    let mut tera = strict_tera();
    *tera.global_context() = super::global(&model, &published).0;
    let render = |view: View| {
        let job = view.build(&model, &shared);
        tera.render(job.template, job.context.as_ref().unwrap())
            .unwrap_or_else(|e| panic!("{view:?}: {}", crate::site::templates::describe(&e, &[])))
    };
    check(&model, &render);
}

#[test]
fn a_goal_page_shows_its_changes_from_git_and_its_documented_revisions_newest_first() {
    let dir = repository();
    let mut loaded = load(dir.path(), Purpose::Site).unwrap();
    let read = History::read(&loaded.plan);
    assert_eq!(read.note, None);
    let goal = loaded.plan.index_of_path("goals/leads.md").unwrap();
    if let KindData::Goal(g) = &mut loaded.plan.documents[goal].data {
        g.revisions.push(revision());
    }
    with_model(&loaded.plan, read.history.as_ref(), |model, render| {
        let moves = history::target_moves(model, goal, model.doc(goal).goal().unwrap());
        let moved: Vec<(String, f64, f64)> = moves.iter().map(|m| (m.date.to_string(), m.from, m.to)).collect();
        let expected = [
            ("2027-03-02", 120.0, 90.0),
            ("2027-04-10", 90.0, 100.0),
            ("2027-05-01", 100.0, 80.0),
        ];
        assert_eq!(moved, expected.map(|(d, f, t)| (d.to_owned(), f, t)));
        let page = render(View::Document(goal));
        let rows: Vec<&str> = page.split("<li class=\"history-row").skip(1).collect();
        let texts = [
            "Target</strong> 100 leads → 80 leads",
            "Target</strong> 90 leads → 100 leads",
            "Deadline</strong> 2027-12-31 → 2027-10-31",
            "Target</strong> 120 leads → 90 leads",
            "First committed",
        ];
        assert_eq!(rows.len(), texts.len(), "{page}");
        for (row, text) in rows.iter().zip(texts) {
            assert!(row.contains(text), "`{text}` in {row}");
        }
        let reason = "documented revision: <span class=\"reason\">budget &lt;cut&gt;</span>";
        assert!(rows[0].contains(reason), "{}", rows[0]);
        assert!(
            rows[2].contains("Bảo · <code") && rows[3].contains("Ana · <code"),
            "{page}"
        );
        assert!(page.contains("class=\"earlier-target\"") && page.contains(">Target 120 → 90</text>"));
        assert!(
            page.contains(
                "<p class=\"last-changed\">Last changed on 2027-04-10 by Bảo <span class=\"commit-id\">· <code"
            )
        );
    });
}

#[test]
fn without_git_a_goal_shows_its_documented_revisions_alone() {
    let dir = repository();
    let mut loaded = load(dir.path(), Purpose::Site).unwrap();
    let goal = loaded.plan.index_of_path("goals/leads.md").unwrap();
    if let KindData::Goal(g) = &mut loaded.plan.documents[goal].data {
        g.revisions.push(revision());
    }
    with_model(&loaded.plan, None, |_, render| {
        let page = render(View::Document(goal));
        assert_eq!(page.matches("<li class=\"history-row").count(), 1, "{page}");
        assert!(page.contains("Target</strong> 100 leads → 80 leads") && !page.contains("last-changed"));
        let changes = render(View::Changes);
        assert!(changes.contains("class=\"note history-note\""), "{changes}");
    });
}

#[test]
fn the_changes_page_of_a_real_repository_lists_renamed_and_deleted_files_by_month() {
    let dir = repository();
    let loaded = load(dir.path(), Purpose::Site).unwrap();
    let read = History::read(&loaded.plan);
    with_model(&loaded.plan, read.history.as_ref(), |_, render| {
        let changes = render(View::Changes);
        let april = changes.find("April 2027").unwrap();
        let (march, january) = (
            changes.find("March 2027").unwrap(),
            changes.find("January 2027").unwrap(),
        );
        assert!(april < march && march < january, "newest month first");
        let renamed = "<span class=\"did\">renamed</span> <a href=\"tactics/new.html\">Ads</a> <span class=\"path\">tactics/new.md</span> <span class=\"from\">(from tactics/old.md)</span>";
        let deleted = "<span class=\"did\">deleted</span> <span class=\"path\">pages/gone.md</span>";
        let old_name = "<span class=\"did\">added</span> <a href=\"tactics/new.html\">Ads</a> <span class=\"path\">tactics/old.md</span>";
        for part in [renamed, deleted, old_name] {
            assert!(changes.contains(part), "{part} in {changes}");
        }
        assert!(!changes.contains("history-note"), "nothing missing: {changes}");
    });
}
