//! A document's past as its page shows it: the last commit that changed its file, and for a goal
//! every change of target, baseline and deadline over time — from the goal's versions in git and
//! its documented `[[revisions]]` — newest first, and the moves of its target for the chart.

use serde::Serialize;

use crate::history::{Commit, History, Version};
use crate::plan::{Goal, RevisedField, Revision, RevisionValue, Spanned};
use crate::site::model::{Day, Model};
use crate::site::svg::chart::TargetMove;

/// "Last changed on DATE by AUTHOR" and the commit, from git.
#[derive(Serialize)]
pub(super) struct LastChange<'a> {
    text: String,
    short: &'a str,
    id: &'a str,
}

/// The last commit that changed document `i`'s file, if git knows one.
pub(super) fn last_change<'a>(model: &'a Model<'_>, i: usize) -> Option<LastChange<'a>> {
    let commit = model.history?.log.last_change(&model.doc(i).path)?;
    Some(LastChange {
        text: model
            .t("last_changed")
            .replace("{date}", &commit.date.to_string())
            .replace("{author}", &commit.author),
        short: &commit.short,
        id: &commit.id,
    })
}

/// Where a change of a goal is known from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Source {
    /// A commit that changed the goal's file.
    Git,
    /// A `[[revisions]]` entry of the goal.
    Revision,
}

/// A commit as a history row names it.
#[derive(Serialize)]
pub(super) struct CommitRef<'a> {
    date: Day,
    author: &'a str,
    short: &'a str,
    id: &'a str,
}

impl<'a> CommitRef<'a> {
    fn of(commit: &'a Commit) -> CommitRef<'a> {
        CommitRef {
            date: Day(commit.date),
            author: &commit.author,
            short: &commit.short,
            id: &commit.id,
        }
    }
}

/// One change of one field.
#[derive(Serialize)]
pub(super) struct Row<'a> {
    date: Option<Day>,
    field: &'a str,
    from: String,
    to: String,
    source: Source,
    /// The commit, for a change from git.
    commit: Option<CommitRef<'a>>,
    /// Why, for a documented revision.
    reason: Option<&'a str>,
}

/// A goal's history section.
#[derive(Serialize)]
pub(super) struct GoalHistory<'a> {
    /// Newest first.
    rows: Vec<Row<'a>>,
    /// The commit that first added the goal, when git has it.
    created: Option<CommitRef<'a>>,
    /// "Unchanged since DATE", when nothing changed since it was first committed.
    unchanged: Option<String>,
    /// Whether the history is known at all (the site was built with git).
    known: bool,
}

/// Goal `i`'s history: its changes from git and from `[[revisions]]`, newest first.
pub(super) fn goal_history<'a>(model: &'a Model<'_>, i: usize, goal: &'a Goal) -> GoalHistory<'a> {
    let history = model.history;
    let versions = history
        .and_then(|h| h.goals.get(&model.doc(i).path))
        .map_or(&[][..], Vec::as_slice);
    let unit = goal.unit.as_ref().map(|u| u.value.as_str());
    let mut rows = match history {
        Some(history) => git_rows(model, history, versions, unit),
        None => Vec::new(),
    };
    rows.extend(goal.revisions.iter().rev().filter_map(|r| revision_row(model, r, unit)));
    // Newest first; an undated revision last. The sort is stable: git's order within a day.
    rows.sort_by(|a, b| b.date.map(|d| d.0).cmp(&a.date.map(|d| d.0)));
    let created = history
        .zip(versions.first())
        .map(|(h, v)| CommitRef::of(&h.log.commits[v.commit]));
    let unchanged = match (&created, rows.is_empty()) {
        (Some(first), true) => Some(
            model
                .t("history_unchanged")
                .replace("{date}", &first.date.0.to_string()),
        ),
        _ => None,
    };
    GoalHistory {
        rows,
        created,
        unchanged,
        known: history.is_some(),
    }
}

/// The changes of target, baseline and deadline between a goal's versions in git, newest first
/// (within a commit: target, baseline, deadline).
fn git_rows<'a>(model: &'a Model<'_>, history: &'a History, versions: &[Version], unit: Option<&str>) -> Vec<Row<'a>> {
    let number = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| model.numbers.with_unit(v, unit));
    let day = |d: Option<jiff::civil::Date>| d.map_or_else(|| "—".to_owned(), |d| d.to_string());
    let mut rows = Vec::new();
    // Oldest first in git: each version against the one before it.
    for pair in versions.windows(2).rev() {
        let (old, new) = (&pair[0], &pair[1]);
        let commit = &history.log.commits[new.commit];
        let changes = [
            (
                "target",
                old.target != new.target,
                number(old.target),
                number(new.target),
            ),
            (
                "baseline",
                old.baseline != new.baseline,
                number(old.baseline),
                number(new.baseline),
            ),
            (
                "deadline",
                old.deadline != new.deadline,
                day(old.deadline),
                day(new.deadline),
            ),
        ];
        for (field, _, from, to) in changes.into_iter().filter(|c| c.1) {
            rows.push(Row {
                date: Some(Day(commit.date)),
                field: model.t(field),
                from,
                to,
                source: Source::Git,
                commit: Some(CommitRef::of(commit)),
                reason: None,
            });
        }
    }
    rows
}

/// A `[[revisions]]` entry as a row (none without a field it names).
fn revision_row<'a>(model: &'a Model<'_>, r: &'a Revision, unit: Option<&str>) -> Option<Row<'a>> {
    let field = r.field.as_ref()?.value;
    let shown = |v: &Option<Spanned<RevisionValue>>| match v.as_ref().map(|v| &v.value) {
        Some(RevisionValue::Number(n)) if matches!(field, RevisedField::Target | RevisedField::Baseline) => {
            model.numbers.with_unit(*n, unit)
        }
        Some(RevisionValue::Number(n)) => model.numbers.format(*n),
        Some(RevisionValue::Date(d)) => d.to_string(),
        Some(RevisionValue::Text(t)) => t.clone(),
        None => "—".to_owned(),
    };
    Some(Row {
        date: r.date.as_ref().map(|d| Day(d.value)),
        field: model.t(field.name()),
        from: shown(&r.from),
        to: shown(&r.to),
        source: Source::Revision,
        commit: None,
        reason: r.reason.as_ref().map(|s| s.value.as_str()),
    })
}

/// Where goal `i`'s target moved, by date: from git (the date of the commit that changed it) and
/// from `[[revisions]]` of the target; the same move known from both is drawn once.
pub(super) fn target_moves(model: &Model<'_>, i: usize, goal: &Goal) -> Vec<TargetMove> {
    let mut moves: Vec<TargetMove> = Vec::new();
    if let Some(history) = model.history
        && let Some(versions) = history.goals.get(&model.doc(i).path)
    {
        for pair in versions.windows(2) {
            if let (Some(from), Some(to)) = (pair[0].target, pair[1].target)
                && from != to
            {
                let date = history.log.commits[pair[1].commit].date;
                moves.push(TargetMove { date, from, to });
            }
        }
    }
    for r in &goal.revisions {
        let number = |v: &Option<Spanned<RevisionValue>>| match v.as_ref()?.value {
            RevisionValue::Number(n) => Some(n),
            _ => None,
        };
        if let (Some(RevisedField::Target), Some(date), Some(from), Some(to)) = (
            r.field.as_ref().map(|f| f.value),
            r.date.as_ref(),
            number(&r.from),
            number(&r.to),
        ) {
            moves.push(TargetMove {
                date: date.value,
                from,
                to,
            });
        }
    }
    moves.sort_by(|a, b| a.date.cmp(&b.date).then(a.to.total_cmp(&b.to)));
    moves.dedup_by(|a, b| a.date == b.date && a.to == b.to);
    moves
}
