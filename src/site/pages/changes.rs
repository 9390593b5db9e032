//! The Changes page: the commits that changed the plan, newest first, grouped by month — date,
//! author, subject, short id, and the files each one changed (a link where the document still
//! exists, added / modified / renamed / deleted as words). A long history is cut to the newest
//! [`MAX_COMMITS`] commits (and [`MAX_FILES`] files a commit) with a count of the rest, so that the
//! page stays small; a site built without git, or from a shallow clone, says so at the top.

use serde::Serialize;

use super::{Head, Job, Shared};
use crate::history::{Change, FileChange, History};
use crate::site::edit::{Edit, Field};
use crate::site::model::{Day, Model};

/// The most commits the page lists.
pub(super) const MAX_COMMITS: usize = 200;
/// The most files listed under one commit.
pub(super) const MAX_FILES: usize = 12;

/// What a commit did to a file, as a word (and a class for the style sheet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Did {
    Added,
    Modified,
    Renamed,
    Deleted,
}

/// The history is read once, as the preview starts: an edit changes only the titles (and their
/// language) the page shows for the files that still exist.
pub(super) fn affected_by(edit: &Edit) -> bool {
    edit.changed_any(&[Field::Title])
}

#[derive(Serialize)]
struct FileRow<'a> {
    path: &'a str,
    /// The document's page and title, where the document still exists.
    url: Option<&'a str>,
    title: Option<&'a str>,
    /// The title's language, when it is not the site's.
    lang: Option<&'a str>,
    did: Did,
    /// `added`, `renamed` … in the site's language.
    word: &'a str,
    /// For a rename: `from goals/old.md`.
    from: Option<String>,
}

#[derive(Serialize)]
struct CommitRow<'a> {
    date: Day,
    author: &'a str,
    subject: &'a str,
    short: &'a str,
    id: &'a str,
    files: Vec<FileRow<'a>>,
    /// "and 12 more files".
    more: Option<String>,
}

#[derive(Serialize)]
struct Month<'a> {
    heading: String,
    /// "3 commits".
    count: String,
    commits: Vec<CommitRow<'a>>,
}

/// Why the history is missing or incomplete: the site's words, and git's.
#[derive(Serialize)]
struct Note<'a> {
    text: String,
    detail: Option<&'a str>,
}

#[derive(Serialize)]
struct ChangesPage<'a> {
    note: Option<Note<'a>>,
    months: Vec<Month<'a>>,
    /// "…and 312 older commits", when some are not listed.
    older: Option<String>,
    /// Whether git has any commit of the plan.
    empty: bool,
}

pub(super) fn page(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let history = model.history;
    let commits = history.map_or(0, |h| h.log.commits.len());
    let shown = commits.min(MAX_COMMITS);
    let months = history.map_or_else(Vec::new, |h| months(model, h, shown));
    let older = (commits > shown).then(|| counted(model, "changes_older", commits - shown));
    let context = ChangesPage {
        note: note(model),
        months,
        older,
        empty: commits == 0,
    };
    let head = Head::at_root("changes.html", model.t("changes"), "changes");
    Job::new(head, shared, &context)
}

/// `{count}` in the `_one` or `_many` form of `key`.
fn counted(model: &Model<'_>, key: &str, count: usize) -> String {
    let form = if count == 1 { "one" } else { "many" };
    model.t(&format!("{key}_{form}")).replace("{count}", &count.to_string())
}

fn note<'a>(model: &'a Model<'_>) -> Option<Note<'a>> {
    let detail = model.history_note;
    let text = match model.history {
        None => model.t("history_missing").to_owned(),
        Some(h) if h.repo.shallow => {
            let since = h.log.commits.last().map_or_else(String::new, |c| c.date.to_string());
            model.t("history_shallow").replace("{date}", &since)
        }
        Some(_) => return None,
    };
    Some(Note { text, detail })
}

/// The newest `shown` commits, by month, each with the files it changed.
fn months<'a>(model: &'a Model<'_>, history: &'a History, shown: usize) -> Vec<Month<'a>> {
    // The log files changes by file; the page lists them by commit. Each file's changes are
    // under its newest path, which is the document's path when it still exists.
    let mut by_commit: Vec<Vec<(&str, &FileChange)>> = vec![Vec::new(); shown];
    for (key, changes) in &history.log.files {
        for change in changes.iter().filter(|c| c.commit < shown) {
            by_commit[change.commit].push((key.as_str(), change));
        }
    }
    let names: Vec<&str> = model.t("months_long").split(',').map(str::trim).collect();
    let mut months: Vec<Month<'a>> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    for (n, mut files) in by_commit.into_iter().enumerate() {
        let commit = &history.log.commits[n];
        let (year, month) = (commit.date.year(), commit.date.month());
        let heading = model
            .t("changes_month")
            .replace("{month}", names.get(month as usize - 1).copied().unwrap_or("?"))
            .replace("{year}", &year.to_string());
        if months.last().is_none_or(|m| m.heading != heading) {
            months.push(Month {
                heading,
                count: String::new(),
                commits: Vec::new(),
            });
            counts.push(0);
        }
        files.sort_by(|a, b| a.1.path.cmp(&b.1.path));
        let more = files.len().saturating_sub(MAX_FILES);
        let row = CommitRow {
            date: Day(commit.date),
            author: &commit.author,
            subject: &commit.subject,
            short: &commit.short,
            id: &commit.id,
            files: files
                .into_iter()
                .take(MAX_FILES)
                .map(|(key, change)| file_row(model, key, change))
                .collect(),
            more: (more > 0).then(|| model.t("changes_more_files").replace("{count}", &more.to_string())),
        };
        months.last_mut().expect("a month was pushed").commits.push(row);
        *counts.last_mut().expect("a count was pushed") += 1;
    }
    for (month, count) in months.iter_mut().zip(counts) {
        month.count = counted(model, "changes_commits", count);
    }
    months
}

fn file_row<'a>(model: &'a Model<'_>, key: &str, change: &'a FileChange) -> FileRow<'a> {
    let (did, word) = match &change.change {
        Change::Added => (Did::Added, "change_added"),
        Change::Modified => (Did::Modified, "change_modified"),
        Change::Deleted => (Did::Deleted, "change_deleted"),
        Change::Renamed { .. } => (Did::Renamed, "change_renamed"),
    };
    let from = match &change.change {
        Change::Renamed { from } => Some(model.t("change_renamed_from").replace("{from}", from)),
        _ => None,
    };
    let now = model.plan.index_of_path(key);
    FileRow {
        path: &change.path,
        url: now.map(|i| model.urls.doc(i)),
        title: now.map(|i| model.plan.documents[i].display_title()),
        lang: now.and_then(|i| model.lang_of(i)),
        did,
        word: model.t(word),
        from,
    }
}
