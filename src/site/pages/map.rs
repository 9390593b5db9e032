//! The strategy map (goals → strategies → tactics, as a drawing and as nested lists). The
//! drawing comes from `svg::map`, called in one function here ([`map_svg`]).

use serde::Serialize;

use super::{Head, Job, Shared};
use crate::plan::Kind;
use crate::site::edit::{Edit, Field};
use crate::site::model::{Link, Model};
use crate::site::svg::map::{Map, MapInput, Node, map};

/// The map shows the titles of goals, strategies and tactics, goal and tactic statuses, and
/// the references between them.
pub(super) fn map_affected_by(edit: &Edit) -> bool {
    use Field::{References, Status, Title};
    [Kind::Goal, Kind::Strategy, Kind::Tactic]
        .iter()
        .any(|&k| edit.changed(k, &[Title, References]))
        || edit.progress_moved()
        || edit.changed(Kind::Tactic, &[Status])
}

#[derive(Serialize)]
struct OutlineStrategy<'a> {
    link: Link<'a>,
    tactics: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct OutlineGoal<'a> {
    link: Link<'a>,
    status: &'static str,
    strategies: Vec<OutlineStrategy<'a>>,
}

#[derive(Serialize)]
struct StrategyMap<'a> {
    /// The picture's geometry, drawn by `svg/map.html`.
    map: Map,
    /// The same tree as nested lists, for screen readers and narrow screens.
    outline: Vec<OutlineGoal<'a>>,
}

pub(super) fn strategy_map(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let graph = model.graph;
    let outline = model
        .of_kind(Kind::Goal)
        .iter()
        .map(|&g| OutlineGoal {
            link: model.link(g),
            status: model.status(g).key(),
            strategies: graph
                .strategies_of_goal(g)
                .iter()
                .map(|&s| OutlineStrategy {
                    link: model.link(s),
                    tactics: model.links(graph.tactics_of_strategy(s)),
                })
                .collect(),
        })
        .collect();
    let context = StrategyMap {
        map: map_svg(model),
        outline,
    };
    let head = Head::at_root("map.html", model.t("map"), "map");
    Job::new(head, shared, &context)
}

/// The edges from the nodes `from` to the nodes `to`, as positions in the two lists.
fn edges<'g>(from: &[usize], to: &[usize], of: impl Fn(usize) -> &'g [usize]) -> Vec<(usize, usize)> {
    from.iter()
        .enumerate()
        .flat_map(|(a, &x)| {
            of(x)
                .iter()
                .filter_map(|y| to.binary_search(y).ok())
                .map(move |b| (a, b))
        })
        .collect()
}

/// The drawing of the map: the one call into `svg::map`.
fn map_svg(model: &Model<'_>) -> Map {
    let (goals, strategies, tactics) = (
        model.of_kind(Kind::Goal),
        model.of_kind(Kind::Strategy),
        model.of_kind(Kind::Tactic),
    );
    let node = |i: usize, class: String| Node {
        title: model.doc(i).display_title().to_owned(),
        url: model.urls.doc(i).to_owned(),
        class,
    };
    map(&MapInput {
        id: "strategy-map",
        title: model.t("map"),
        description: &format!(
            "{} → {} → {}",
            model.t("goals"),
            model.t("strategies"),
            model.t("tactics")
        ),
        goals: goals
            .iter()
            .map(|&g| node(g, format!("goal {}", model.status(g).key())))
            .collect(),
        strategies: strategies.iter().map(|&s| node(s, "strategy".into())).collect(),
        tactics: tactics
            .iter()
            .map(|&t| node(t, format!("tactic {}", model.tactic_status(t).0)))
            .collect(),
        goal_strategies: edges(goals, strategies, |g| model.graph.strategies_of_goal(g)),
        strategy_tactics: edges(strategies, tactics, |s| model.graph.tactics_of_strategy(s)),
        headings: [model.t("goals"), model.t("strategies"), model.t("tactics")],
    })
}
