//! The strategy map page: the drawing, a band per goal (from `svg::map`, called in one function
//! here, [`map_svg`]); its legend of the goal and tactic statuses it shows; the goals the focus
//! control lists (the bands'); and the same tree as nested lists, for screen readers and narrow
//! screens.

use serde::Serialize;

use super::{Head, Job, Shared};
use crate::plan::progress::Status as GoalStatus;
use crate::plan::{Kind, Spanned, TacticStatus, Vocabulary};
use crate::site::edit::{Edit, Field};
use crate::site::model::{Link, Model};
use crate::site::svg::map::{Map, MapInput, Node, Status, Words, band_anchor, map};

/// The map shows the titles of goals, strategies, tactics and evaluations, the references
/// between them, goal statuses (and so progress) and tactic statuses.
pub(super) fn affected_by(edit: &Edit) -> bool {
    use Field::{References, Status, Title};
    [Kind::Goal, Kind::Strategy, Kind::Tactic, Kind::Evaluation]
        .iter()
        .any(|&k| edit.changed(k, &[Title, References]))
        || edit.progress_moved()
        || edit.changed(Kind::Tactic, &[Status])
}

#[derive(Serialize)]
struct OutlineTactic<'a> {
    link: Link<'a>,
    status: &'static str,
    status_label: &'a str,
}

#[derive(Serialize)]
struct OutlineStrategy<'a> {
    link: Link<'a>,
    tactics: Vec<OutlineTactic<'a>>,
}

#[derive(Serialize)]
struct OutlineGoal<'a> {
    link: Link<'a>,
    /// The id of its band in the map.
    anchor: String,
    status: &'static str,
    strategies: Vec<OutlineStrategy<'a>>,
    evaluations: Vec<Link<'a>>,
}

/// One entry of the legend: the CSS classes of its swatch and what it means.
#[derive(Serialize)]
struct Key<'a> {
    class: String,
    label: &'a str,
}

/// The statuses the map shows, goals' (most urgent first) and tactics', and whether it has
/// cross-references.
#[derive(Serialize)]
struct Legend<'a> {
    goals: Vec<Key<'a>>,
    tactics: Vec<Key<'a>>,
    cross: bool,
}

#[derive(Serialize)]
struct StrategyMap<'a> {
    /// The picture's geometry, drawn by `svg/map.html`.
    map: Map,
    legend: Legend<'a>,
    /// The same tree as nested lists.
    outline: Vec<OutlineGoal<'a>>,
}

pub(super) fn page(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let map = map_svg(model);
    let context = StrategyMap {
        legend: legend(model, &map),
        map,
        outline: outline(model),
    };
    let head = Head::at_root("map.html", model.t("map"), "map");
    Job::new(head, shared, &context)
}

fn outline<'a>(model: &'a Model<'_>) -> Vec<OutlineGoal<'a>> {
    let graph = model.graph;
    let tactic = |t: usize| {
        let (status, status_label) = model.tactic_status(t);
        OutlineTactic {
            link: model.link(t),
            status,
            status_label,
        }
    };
    model
        .of_kind(Kind::Goal)
        .iter()
        .map(|&g| OutlineGoal {
            link: model.link(g),
            anchor: band_anchor(&key(model.urls.doc(g))),
            status: model.status(g).key(),
            strategies: graph
                .strategies_of_goal(g)
                .iter()
                .map(|&s| OutlineStrategy {
                    link: model.link(s),
                    tactics: graph.tactics_of_strategy(s).iter().map(|&t| tactic(t)).collect(),
                })
                .collect(),
            evaluations: model.links(graph.evaluations_of_goal(g)),
        })
        .collect()
}

fn legend<'a>(model: &'a Model<'_>, map: &Map) -> Legend<'a> {
    let goal_statuses: Vec<GoalStatus> = model.of_kind(Kind::Goal).iter().map(|&g| model.status(g)).collect();
    let goals = GoalStatus::BY_URGENCY
        .into_iter()
        .filter(|s| goal_statuses.contains(s))
        .map(|s| Key {
            class: format!("goal {}", s.key()),
            label: model.status_label(s),
        })
        .collect();
    let tactic_statuses: Vec<&str> = model
        .of_kind(Kind::Tactic)
        .iter()
        .map(|&t| model.tactic_status(t).0)
        .collect();
    let tactics = TacticStatus::names()
        .filter(|s| tactic_statuses.contains(s))
        .map(|s| Key {
            class: format!("tactic {s}"),
            label: model.t(&format!("tactic_{s}")),
        })
        .collect();
    Legend {
        goals,
        tactics,
        cross: map.bands.iter().any(|b| b.nodes.iter().any(|n| n.cross)),
    }
}

/// A goal's key in the map (`goal-<key>` is its band): its page's name, unique among goals.
fn key(url: &str) -> String {
    let name = url.rsplit('/').next().unwrap_or(url);
    name.strip_suffix(".html").unwrap_or(name).to_owned()
}

/// Positions in `to` (sorted document indices) of the documents `of` lists.
fn positions(of: &[usize], to: &[usize]) -> Vec<usize> {
    of.iter().filter_map(|i| to.binary_search(i).ok()).collect()
}

/// The documents a reference field resolved to (`resolved`, in document order), in the order
/// the field names them (`named`), so that the first is the one the author put first; any the
/// field does not name (goals only a measurement names) after them.
fn as_named(model: &Model<'_>, named: &[Spanned<String>], resolved: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(resolved.len());
    let first = named.iter().filter_map(|id| model.plan.index_of(&id.value));
    for i in first.chain(resolved.iter().copied()) {
        if resolved.contains(&i) && !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// The drawing of the map: the one call into `svg::map`.
fn map_svg(model: &Model<'_>) -> Map {
    let graph = model.graph;
    let [goals, strategies, tactics, evaluations] =
        [Kind::Goal, Kind::Strategy, Kind::Tactic, Kind::Evaluation].map(|k| model.of_kind(k));
    let node = |i: usize, status: Option<Status>| Node {
        title: model.doc(i).display_title().to_owned(),
        url: model.urls.doc(i).to_owned(),
        status,
    };
    let goal_status = |g: usize| {
        let status = model.status(g);
        Status {
            key: status.key(),
            label: model.status_label(status).to_owned(),
        }
    };
    let tactic_status = |t: usize| {
        let (key, label) = model.tactic_status(t);
        Status {
            key,
            label: label.to_owned(),
        }
    };
    map(&MapInput {
        id: "strategy-map",
        goals: goals.iter().map(|&g| node(g, Some(goal_status(g)))).collect(),
        goal_keys: goals.iter().map(|&g| key(model.urls.doc(g))).collect(),
        strategies: strategies.iter().map(|&s| node(s, None)).collect(),
        tactics: tactics.iter().map(|&t| node(t, Some(tactic_status(t)))).collect(),
        evaluations: evaluations.iter().map(|&e| node(e, None)).collect(),
        strategy_goals: strategies
            .iter()
            .map(|&s| {
                let named = model.doc(s).strategy().map_or(&[][..], |d| &d.goals);
                positions(&as_named(model, named, graph.goals_of_strategy(s)), goals)
            })
            .collect(),
        tactic_strategies: tactics
            .iter()
            .map(|&t| positions(graph.strategies_of_tactic(t), strategies))
            .collect(),
        evaluation_goals: evaluations
            .iter()
            .map(|&e| {
                let named = model.doc(e).evaluation().map_or(&[][..], |d| &d.goals);
                positions(&as_named(model, named, graph.goals_of_evaluation(e)), goals)
            })
            .collect(),
        words: Words {
            headings: [
                model.t("goals"),
                model.t("strategies"),
                model.t("tactics"),
                model.t("evaluations"),
            ],
            unlinked: model.t("map_unlinked"),
            drawn_in: model.t("map_drawn_in"),
        },
    })
}
