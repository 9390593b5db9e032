//! The overview (goal cards, status counts, plan health, maturity stage) and the list of each
//! kind's documents.

use crate::plan::progress::Status;

use serde::Serialize;

use super::attention::{Attention, attention};
use super::maturity::StageName;
use super::{Head, Job, Shared};
use crate::plan::Kind;
use crate::site::edit::{Edit, Field};
use crate::site::model::{Day, GoalSummary, Link, Model};
use crate::site::urls;

/// The overview shows goal cards (or the goal table), lint counts, the maturity stage and what
/// needs attention: the worst findings, reviews and tactic dates, goals' measurements against
/// their evaluations' cadence.
pub(super) fn overview_affected_by(edit: &Edit) -> bool {
    use Field::{Dates, References, Status, Title};
    list_affected_by(Kind::Goal, edit)
        || edit.counts
        || edit.stage
        || edit.lint
        || edit.changed(Kind::Tactic, &[Title, Dates, Status])
        || edit.changed(Kind::Evaluation, &[Title, Dates, References])
}

/// A list shows its documents' titles, owners and descriptions, and what each kind adds: goal
/// cards, the documents referred to, a tactic's status, an evaluation's next review.
pub(super) fn list_affected_by(kind: Kind, edit: &Edit) -> bool {
    use Field::{Dates, Description, Owner, References, Status, Title, Weight};
    match kind {
        Kind::Goal => edit.progress_moved() || edit.changed(Kind::Goal, &[Title, Owner, Field::Channels]),
        Kind::Strategy => {
            edit.changed(kind, &[Title, Owner, Description, References]) || edit.changed(Kind::Goal, &[Title])
        }
        Kind::Tactic => {
            edit.changed(kind, &[Title, Owner, Description, References, Status])
                || edit.changed(Kind::Strategy, &[Title])
        }
        Kind::Evaluation => {
            edit.changed(kind, &[Title, Owner, Description, References, Dates]) || edit.changed(Kind::Goal, &[Title])
        }
        Kind::Page => edit.changed(kind, &[Title, Description, Weight]),
    }
}

/// Over this many goals, the overview lists them in a table.
const TABLE_OVER: usize = 12;

#[derive(Serialize)]
struct StatusCount<'a> {
    status: &'static str,
    label: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct KindCount<'a> {
    label: &'a str,
    count: usize,
    url: String,
}

#[derive(Serialize)]
struct Overview<'a> {
    goals: Vec<GoalSummary<'a>>,
    statuses: Vec<StatusCount<'a>>,
    kinds: Vec<KindCount<'a>>,
    maturity: StageName<'a>,
    attention: Attention<'a>,
    /// Many goals: one compact table rather than a card each.
    goal_table: bool,
}

pub(super) fn overview(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let settings = &model.plan.settings;
    let title = settings
        .title
        .as_ref()
        .map_or(model.t("overview"), |t| t.value.as_str());
    // The most urgent goals first (a stable sort: in path order within a status).
    let mut goals = model.of_kind(Kind::Goal).to_vec();
    goals.sort_by_key(|&g| model.status(g).urgency());
    let statuses = Status::BY_URGENCY
        .into_iter()
        .map(|status| StatusCount {
            status: status.key(),
            label: model.status_label(status),
            count: goals.iter().filter(|&&g| model.status(g) == status).count(),
        })
        .filter(|s| s.count > 0)
        .collect();
    let context = Overview {
        attention: attention(model),
        goal_table: goals.len() > TABLE_OVER,
        statuses,
        kinds: [Kind::Goal, Kind::Strategy, Kind::Tactic, Kind::Evaluation]
            .into_iter()
            .map(|k| KindCount {
                label: model.t(k.folder()),
                count: model.of_kind(k).len(),
                url: urls::list(k),
            })
            .collect(),
        maturity: StageName::of(model, model.maturity.stage),
        goals: model.goal_summaries(&goals),
    };
    let head = Head::at_root("index.html", title, "overview");
    Job::new(head, shared, &context)
}

/// `kind` in a list's context.
#[derive(Serialize)]
struct KindName<'a> {
    key: &'static str,
    folder: &'static str,
    label: &'a str,
}

#[derive(Serialize)]
struct Badge<'a> {
    key: &'static str,
    label: &'a str,
}

/// A row of a list; what a kind does not show is empty.
#[derive(Serialize)]
struct Item<'a> {
    link: Link<'a>,
    owner: Option<&'a str>,
    description: Option<&'a str>,
    /// A goal's card.
    goal: Option<GoalSummary<'a>>,
    /// The goals a strategy serves or an evaluation measures, a tactic's strategies.
    related: Vec<Link<'a>>,
    /// A tactic's status.
    status: Option<Badge<'a>>,
    next_review: Option<Day>,
}

#[derive(Serialize)]
struct List<'a> {
    kind: KindName<'a>,
    items: Vec<Item<'a>>,
}

pub(super) fn list(model: &Model<'_>, kind: Kind, shared: &Shared<'_>) -> Job {
    let section = kind.folder();
    let mut documents = model.of_kind(kind).to_vec();
    if kind == Kind::Page {
        // Pages by `weight`, then title: the order a reader meets them in.
        documents.sort_by_key(|&i| {
            let doc = model.doc(i);
            (doc.weight.unwrap_or(i64::MAX), doc.display_title())
        });
    }
    let items = documents.into_iter().map(|i| item(model, kind, i)).collect();
    let context = List {
        kind: KindName {
            key: kind.name(),
            folder: kind.folder(),
            label: model.t(section),
        },
        items,
    };
    let head = Head {
        path: urls::list(kind),
        template: "list.html",
        title: model.t(section),
        section,
    };
    Job::new(head, shared, &context)
}

fn item<'a>(model: &'a Model<'_>, kind: Kind, i: usize) -> Item<'a> {
    let doc = model.doc(i);
    let text = |s: &'a Option<crate::plan::Spanned<String>>| s.as_ref().map(|s| s.value.as_str());
    let graph = model.graph;
    let mut item = Item {
        link: model.link(i),
        owner: text(&doc.owner),
        description: text(&doc.description),
        goal: None,
        related: Vec::new(),
        status: None,
        next_review: None,
    };
    match kind {
        Kind::Goal => item.goal = Some(model.goal_summary(i)),
        Kind::Strategy => item.related = model.links(graph.goals_of_strategy(i)),
        Kind::Tactic => {
            let (key, label) = model.tactic_status(i);
            item.related = model.links(graph.strategies_of_tactic(i));
            item.status = Some(Badge { key, label });
        }
        Kind::Evaluation => {
            item.related = model.links(graph.goals_of_evaluation(i));
            item.next_review = doc
                .evaluation()
                .and_then(|e| e.next_review.as_ref())
                .map(|d| Day(d.value));
        }
        Kind::Page => {}
    }
    item
}
