//! Rules about the plan's shape, goal → strategy → tactic → evaluation: every link of the chain
//! is present, so no goal is left without a way to reach it or a way to judge it.

use std::collections::HashSet;

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::plan::graph::Graph;
use crate::plan::unparsed::RefField;
use crate::plan::{GoalStatus, Kind, Plan};

declare_rule!(pub GOAL_WITHOUT_STRATEGY, "goal-without-strategy", Deny, "no strategy lists the goal");
declare_rule!(pub GOAL_WITHOUT_EVALUATION, "goal-without-evaluation", Deny, "no evaluation covers the goal");
declare_rule!(pub STRATEGY_WITHOUT_GOAL, "strategy-without-goal", Deny, "strategy lists no goal");
declare_rule!(pub STRATEGY_WITHOUT_TACTIC, "strategy-without-tactic", Warn, "no tactic serves the strategy");
declare_rule!(pub TACTIC_WITHOUT_STRATEGY, "tactic-without-strategy", Deny, "tactic names no strategy");

pub(super) static RULES: &[&Rule] = &[
    &GOAL_WITHOUT_STRATEGY,
    &GOAL_WITHOUT_EVALUATION,
    &STRATEGY_WITHOUT_GOAL,
    &STRATEGY_WITHOUT_TACTIC,
    &TACTIC_WITHOUT_STRATEGY,
];

/// The ids some document lists in a reference field (from the plan's graph), and whether a
/// document that failed to load, or holds a value of the wrong type there, may list more.
struct Listed<'a> {
    ids: &'a HashSet<String>,
    /// A document of this kind has the field with a value that could not be read.
    unread: bool,
    kinds: &'static [Kind],
    field: RefField,
}

impl<'a> Listed<'a> {
    fn new(ids: &'a HashSet<String>, kinds: &'static [Kind], field: RefField) -> Self {
        Listed {
            ids,
            unread: false,
            kinds,
            field,
        }
    }

    /// Whether `id` is (or, as far as can be told, may be) listed.
    fn may_list(&self, plan: &Plan, id: &str) -> bool {
        self.unread || self.ids.contains(id) || plan.unparsed_may_reference(self.kinds, self.field, id)
    }
}

/// What the plan's strategies, evaluations and tactics list: the goals served, the goals
/// evaluated, the strategies served; and whether a document's field could not be read.
fn listings<'a>(plan: &Plan, graph: &'a Graph) -> [Listed<'a>; 3] {
    let listed = &graph.listed;
    let mut served_goals = Listed::new(&listed.goals_served, &[Kind::Strategy], RefField::Goals);
    let mut evaluated_goals = Listed::new(&listed.goals_evaluated, &[Kind::Evaluation], RefField::Goals);
    let mut served_strategies = Listed::new(&listed.strategies_served, &[Kind::Tactic], RefField::Strategies);
    for doc in &plan.documents {
        match doc.kind {
            Kind::Strategy => served_goals.unread |= doc.is_invalid("goals"),
            Kind::Evaluation => {
                evaluated_goals.unread |= doc.is_invalid("goals") || doc.is_invalid("measurements.goal");
            }
            Kind::Tactic => served_strategies.unread |= doc.is_invalid("strategy") || doc.is_invalid("strategies"),
            Kind::Goal | Kind::Page => {}
        }
    }
    [served_goals, evaluated_goals, served_strategies]
}

pub(super) fn check(cx: &mut Cx<'_>) {
    let [served_goals, evaluated_goals, served_strategies] = listings(cx.plan, cx.graph);
    goals(cx, &served_goals, &evaluated_goals);
    strategies(cx, &served_strategies);
    tactics(cx);
}

/// Each goal that is not dropped is served by a strategy and covered by an evaluation.
fn goals(cx: &mut Cx<'_>, served_goals: &Listed<'_>, evaluated_goals: &Listed<'_>) {
    let plan = cx.plan;
    for doc in plan.of_kind(Kind::Goal) {
        let dropped = doc.goal().is_some_and(|g| g.status() == GoalStatus::Dropped);
        // A strategy or evaluation that failed to parse may list the goal: say nothing yet.
        if !served_goals.may_list(plan, &doc.id) && !dropped {
            cx.report(
                &GOAL_WITHOUT_STRATEGY,
                doc.source(),
                doc.front_matter_span(),
                format!(
                    "no strategy lists goal `{}`: nothing in the plan says how it will be reached",
                    doc.id
                ),
                format!(
                    "add `goals = [\"{}\"]` to the strategy that serves it, or write one under `strategies/`",
                    doc.id
                ),
            );
        }
        if !evaluated_goals.may_list(plan, &doc.id) && !dropped {
            cx.report(
                &GOAL_WITHOUT_EVALUATION,
                doc.source(),
                doc.front_matter_span(),
                format!(
                    "no evaluation covers goal `{}`: nobody will check whether it was reached",
                    doc.id
                ),
                format!(
                    "add `goals = [\"{}\"]` to an evaluation, or write one under `evaluations/`",
                    doc.id
                ),
            );
        }
    }
}

/// Each strategy lists a goal and is served by a tactic.
fn strategies(cx: &mut Cx<'_>, served_strategies: &Listed<'_>) {
    let plan = cx.plan;
    for doc in plan.of_kind(Kind::Strategy) {
        let Some(strategy) = doc.strategy() else {
            continue;
        };
        if strategy.goals.is_empty() && !doc.is_invalid("goals") {
            cx.report_key(
                &STRATEGY_WITHOUT_GOAL,
                doc,
                "goals",
                format!("strategy `{}` lists no goal: a strategy must serve a goal", doc.id),
                format!(
                    "add the goals it serves, e.g. `goals = [\"{}\"]`",
                    super::example_id(plan, Kind::Goal, &doc.id)
                ),
            );
        }
        if !served_strategies.may_list(plan, &doc.id) {
            cx.report(
                &STRATEGY_WITHOUT_TACTIC,
                doc.source(),
                doc.front_matter_span(),
                format!(
                    "no tactic serves strategy `{}`: it is an idea with no work behind it",
                    doc.id
                ),
                format!(
                    "add `strategy = \"{}\"` to a tactic, or write one under `tactics/`",
                    doc.id
                ),
            );
        }
    }
}

/// Each tactic names a strategy.
fn tactics(cx: &mut Cx<'_>) {
    let plan = cx.plan;
    for doc in plan.of_kind(Kind::Tactic) {
        let Some(tactic) = doc.tactic() else { continue };
        if tactic.strategies.is_empty() && !doc.is_invalid("strategy") && !doc.is_invalid("strategies") {
            cx.report_key(
                &TACTIC_WITHOUT_STRATEGY,
                doc,
                "strategy",
                format!(
                    "tactic `{}` names no strategy: activity with no strategy above it",
                    doc.id
                ),
                format!(
                    "add the strategy it serves, e.g. `strategy = \"{}\"`",
                    super::example_id(plan, Kind::Strategy, &doc.id)
                ),
            );
        }
    }
}
