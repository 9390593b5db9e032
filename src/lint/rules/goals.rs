//! Rules that make a goal specific, measurable and time-bound: a metric, numbers that move the
//! right way by a plausible amount, and a deadline inside the plan's period that has not passed.

use crate::declare_rule;
use crate::diagnostic::{Rule, RuleOption};
use crate::lint::Cx;
use crate::plan::{Direction, Document, Goal, Kind};

declare_rule!(pub GOAL_MISSING_METRIC, "goal-missing-metric", Deny, "goal has no `metric`, so it cannot be measured");
declare_rule!(pub GOAL_MISSING_TARGET, "goal-missing-target", Deny, "goal has no numeric `target`, so it cannot be measured");
declare_rule!(pub GOAL_MISSING_BASELINE, "goal-missing-baseline", Warn, "goal has no numeric `baseline`, so progress cannot be judged");
declare_rule!(pub GOAL_MISSING_DEADLINE, "goal-missing-deadline", Deny, "goal has no `deadline` date, so it is not time-bound");
declare_rule!(
    pub GOAL_TARGET_EQUALS_BASELINE, "goal-target-equals-baseline", Deny,
    "goal's `target` equals its `baseline` and its direction is not `maintain`"
);
declare_rule!(pub GOAL_DIRECTION_MISMATCH, "goal-direction-mismatch", Deny, "goal's `direction` contradicts its baseline → target");
declare_rule!(
    pub GOAL_DEADLINE_OUTSIDE_PERIOD, "goal-deadline-outside-period", Warn,
    "goal's `deadline` lies outside the plan's `period`"
);
declare_rule!(pub GOAL_DATES_INVERTED, "goal-dates-inverted", Deny, "goal's `deadline` is before its `start`");
declare_rule!(pub GOAL_DEADLINE_PASSED, "goal-deadline-passed", Warn, "goal's `deadline` has passed and it is not marked achieved");
declare_rule!(
    pub GOAL_IMPLAUSIBLE_TARGET, "goal-implausible-target", Warn,
    "goal's target grows more than `max-growth` times its baseline, or a percentage exceeds 100",
    options: &[RuleOption { name: "max-growth", default: 10.0, summary: "largest plausible target/baseline factor" }],
);

pub(super) static RULES: &[&Rule] = &[
    &GOAL_MISSING_METRIC,
    &GOAL_MISSING_TARGET,
    &GOAL_MISSING_BASELINE,
    &GOAL_MISSING_DEADLINE,
    &GOAL_TARGET_EQUALS_BASELINE,
    &GOAL_DIRECTION_MISMATCH,
    &GOAL_DEADLINE_OUTSIDE_PERIOD,
    &GOAL_DEADLINE_PASSED,
    &GOAL_DATES_INVERTED,
    &GOAL_IMPLAUSIBLE_TARGET,
];

pub(super) fn check(cx: &mut Cx<'_>) {
    for doc in cx.plan.of_kind(Kind::Goal) {
        let Some(goal) = doc.goal() else { continue };
        missing_fields(cx, doc, goal);
        numbers(cx, doc, goal);
        dates(cx, doc, goal);
    }
}

fn missing_fields(cx: &mut Cx<'_>, doc: &Document, goal: &Goal) {
    let id = &doc.id;
    let checks: [(&'static Rule, &str, bool, String); 4] = [
        (
            &GOAL_MISSING_METRIC,
            "metric",
            goal.metric.is_none(),
            "say what you will count, e.g. `metric = \"qualified leads per month from LinkedIn\"`".to_owned(),
        ),
        (
            &GOAL_MISSING_TARGET,
            "target",
            goal.target.is_none(),
            "add the number to reach, e.g. `target = 120` with a `unit`".to_owned(),
        ),
        (
            &GOAL_MISSING_BASELINE,
            "baseline",
            goal.baseline.is_none(),
            "add today's value of the metric, e.g. `baseline = 40`".to_owned(),
        ),
        (
            &GOAL_MISSING_DEADLINE,
            "deadline",
            goal.deadline.is_none(),
            "add the date it must be reached by, e.g. `deadline = 2027-06-30`".to_owned(),
        ),
    ];
    for (rule, key, missing, help) in checks {
        if missing && !doc.is_invalid(key) && cx.enabled(rule) {
            let what = match key {
                "metric" => format!("goal `{id}` has no `metric`: it cannot be measured"),
                "target" => format!("goal `{id}` has no numeric `target`: it cannot be measured"),
                "baseline" => {
                    format!("goal `{id}` has no numeric `baseline`: progress cannot be judged")
                }
                _ => format!("goal `{id}` has no `deadline`: it is not time-bound"),
            };
            cx.report_key(rule, doc, key, what, help);
        }
    }
}

fn numbers(cx: &mut Cx<'_>, doc: &Document, goal: &Goal) {
    let (Some(baseline), Some(target)) = (&goal.baseline, &goal.target) else {
        percent_over_100(cx, doc, goal);
        return;
    };
    let (b, t) = (baseline.value, target.value);
    let declared = goal.direction.as_ref().map(|d| d.value);
    if b == t && declared != Some(Direction::Maintain) {
        cx.report(
            &GOAL_TARGET_EQUALS_BASELINE,
            doc.source(),
            target.span.clone(),
            format!(
                "goal `{}` has `target` = `baseline` = {t}: nothing would change",
                doc.id
            ),
            "set the value you aim for, or write `direction = \"maintain\"` if holding the level is the goal",
        );
    }
    if let Some(direction) = &goal.direction {
        let contradicts = match direction.value {
            Direction::Increase => t < b,
            Direction::Decrease => t > b,
            Direction::Maintain => false,
        };
        if contradicts {
            cx.report(
                &GOAL_DIRECTION_MISMATCH,
                doc.source(),
                direction.span.clone(),
                format!(
                    "goal `{}` says `{}` but its target {t} is {} its baseline {b}",
                    doc.id,
                    direction.value.name(),
                    if t < b { "below" } else { "above" }
                ),
                "fix the direction, or swap baseline and target",
            );
        }
    }
    if !percent_over_100(cx, doc, goal) && cx.enabled(&GOAL_IMPLAUSIBLE_TARGET) {
        let max = cx.config.option(&GOAL_IMPLAUSIBLE_TARGET, "max-growth");
        let factor = match goal.direction() {
            Some(Direction::Increase) if b > 0.0 => t / b,
            Some(Direction::Decrease) if t > 0.0 => b / t,
            _ => return,
        };
        if factor > max {
            cx.report(
                &GOAL_IMPLAUSIBLE_TARGET,
                doc.source(),
                target.span.clone(),
                format!(
                    "goal `{}` aims for a {}× change from {b} to {t}, more than the plausible {max}×",
                    doc.id,
                    // 100× and 12.5×, not 100.0×.
                    format!("{:.1}", factor).trim_end_matches(".0")
                ),
                "start smaller and raise the target once the first step is reached, or set `max-growth` in `[lint]`",
            );
        }
    }
}

/// Reports a percentage target above 100; returns whether it did.
fn percent_over_100(cx: &mut Cx<'_>, doc: &Document, goal: &Goal) -> bool {
    let (Some(unit), Some(target)) = (&goal.unit, &goal.target) else {
        return false;
    };
    let is_percent = Goal::is_percent_unit(&unit.value);
    if is_percent && target.value > 100.0 {
        cx.report(
            &GOAL_IMPLAUSIBLE_TARGET,
            doc.source(),
            target.span.clone(),
            format!(
                "goal `{}` aims for {}{} but a share cannot exceed 100%",
                doc.id,
                target.value,
                goal.unit.as_ref().map_or("", |u| u.value.as_str())
            ),
            "use a share of at most 100, or a count with another unit",
        );
        return true;
    }
    false
}

fn dates(cx: &mut Cx<'_>, doc: &Document, goal: &Goal) {
    let Some(deadline) = &goal.deadline else {
        return;
    };
    if let Some(start) = &goal.start
        && deadline.value < start.value
    {
        cx.report(
            &GOAL_DATES_INVERTED,
            doc.source(),
            deadline.span.clone(),
            format!(
                "goal `{}` is due {} before it starts {}: no progress can be expected",
                doc.id, deadline.value, start.value
            ),
            "swap `start` and `deadline`, or correct the year",
        );
    }
    if let Some(period) = &cx.plan.settings.period {
        let start = period.value.start.as_ref().map(|s| s.value);
        let end = period.value.end.as_ref().map(|e| e.value);
        let outside = start.is_some_and(|s| deadline.value < s) || end.is_some_and(|e| deadline.value > e);
        if outside {
            let range = super::date_range(start, end);
            cx.report(
                &GOAL_DEADLINE_OUTSIDE_PERIOD,
                doc.source(),
                deadline.span.clone(),
                format!(
                    "goal `{}` is due {} outside the plan period {range}",
                    doc.id, deadline.value
                ),
                "move the deadline into the period, or widen `period` in plan.toml",
            );
        }
    }
    if deadline.value < cx.today && !goal.status().is_closed() {
        cx.report(
            &GOAL_DEADLINE_PASSED,
            doc.source(),
            deadline.span.clone(),
            format!(
                "goal `{}` was due {} and is not marked achieved (today is {})",
                doc.id, deadline.value, cx.today
            ),
            "record the outcome with `status = \"achieved\"` or `status = \"missed\"`, or set a new deadline",
        );
    }
}
