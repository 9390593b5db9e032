//! Rules about what a goal's words count, in English, Vietnamese, Chinese and Welsh: goals that
//! count nothing, and metrics that count attention with no business outcome behind them. Both read
//! the metric's grammar (`lint::reading`), not which words appear somewhere in it.

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::lint::reading::{self, Field, Reading};
use crate::plan::{Document, Kind, Spanned};

declare_rule!(
    pub GOAL_VAGUE, "goal-vague", Warn,
    "goal's title and metric name nothing counted: no countable noun, rate, amount or time"
);
declare_rule!(
    pub VANITY_METRIC, "vanity-metric", Warn,
    "metric counts attention (followers, likes, views, reach, posts) and the goal has no `business_outcome`"
);

pub(super) static RULES: &[&Rule] = &[&GOAL_VAGUE, &VANITY_METRIC];

pub(super) fn check(cx: &mut Cx<'_>) {
    for doc in cx.plan.of_kind(Kind::Goal) {
        let Some(goal) = doc.goal() else { continue };
        let vague = cx.enabled(&GOAL_VAGUE) && goal.unit.is_none();
        let vanity = cx.enabled(&VANITY_METRIC) && goal.business_outcome.is_none();
        if !vague && !vanity {
            // Reading costs (Chinese loads a dictionary): only read what a rule will judge.
            continue;
        }
        let has_target = goal.target.is_some();
        let metric = non_empty(goal.metric.as_ref()).map(|m| (m, reading::read(&m.value, Field::Metric, has_target)));
        let title = non_empty(doc.title.as_ref()).map(|t| (t, reading::read(&t.value, Field::Title, has_target)));
        if vague {
            check_vague(cx, doc, metric.as_ref(), title.as_ref());
        }
        if vanity {
            // What a goal counts is its metric's; a goal with no metric counts what its title says.
            if let Some((field, reading)) = metric.as_ref().or(title.as_ref()) {
                report_vanity(
                    cx,
                    doc,
                    "goal",
                    field,
                    reading,
                    "add `business_outcome = \"…\"` saying what the count leads to",
                );
            }
        }
    }
    if cx.enabled(&VANITY_METRIC) {
        check_evaluations(cx);
    }
}

fn non_empty(field: Option<&Spanned<String>>) -> Option<&Spanned<String>> {
    field.filter(|f| !f.value.trim().is_empty())
}

fn check_vague(
    cx: &mut Cx<'_>,
    doc: &Document,
    metric: Option<&(&Spanned<String>, Reading)>,
    title: Option<&(&Spanned<String>, Reading)>,
) {
    let readings: Vec<&Reading> = metric.iter().chain(title.iter()).map(|(_, r)| r).collect();
    if readings.is_empty() || readings.iter().any(|r| r.counts_something()) {
        return;
    }
    let mut seen: Vec<String> = Vec::new();
    for word in readings.iter().flat_map(|r| r.vague.iter()) {
        if !seen.contains(word) {
            seen.push(word.clone());
        }
    }
    let mut message = format!("goal `{}` is vague: its title and metric name nothing counted", doc.id);
    if !seen.is_empty() {
        let quoted: Vec<_> = seen.iter().map(|w| format!("“{w}”")).collect();
        message.push_str(&format!(" (only {})", quoted.join(", ")));
    }
    let dates: Vec<String> = readings
        .iter()
        .flat_map(|r| r.dates.iter())
        .map(|d| format!("“{d}”"))
        .collect();
    match dates.as_slice() {
        [] => {}
        [one] => message.push_str(&format!("; {one} is a date or a version, not a measure")),
        many => message.push_str(&format!("; {} are dates or versions, not measures", many.join(", "))),
    }
    let span = metric
        .or(title)
        .map_or_else(|| doc.front_matter_span(), |(f, _)| f.span.clone());
    cx.report(
        &GOAL_VAGUE,
        doc.source(),
        span,
        message,
        "say what you will count: `metric = \"qualified leads per month\"` (people, orders, money, time, a rate), with a `target`",
    );
}

fn report_vanity(cx: &mut Cx<'_>, doc: &Document, kind: &str, field: &Spanned<String>, reading: &Reading, add: &str) {
    let Some(counted) = reading.attention_only() else {
        return;
    };
    cx.report(
        &VANITY_METRIC,
        doc.source(),
        field.span.clone(),
        format!(
            "{kind} `{}` counts: {} — attention, not an outcome — and names no `business_outcome`",
            doc.id, counted.phrase
        ),
        format!("measure what the attention leads to (visits, sign-ups, leads, sales, response time), or {add}"),
    );
}

/// An evaluation's metric is vanity when it counts attention for goals none of which says what
/// that attention leads to.
fn check_evaluations(cx: &mut Cx<'_>) {
    for doc in cx.plan.of_kind(Kind::Evaluation) {
        let Some(evaluation) = doc.evaluation() else { continue };
        let Some(metric) = non_empty(evaluation.metric.as_ref()) else {
            continue;
        };
        let explained = evaluation.goals.iter().any(|g| {
            cx.plan
                .get(&g.value)
                .and_then(Document::goal)
                .is_some_and(|goal| goal.business_outcome.is_some())
        });
        if !explained {
            let reading = reading::read(&metric.value, Field::Metric, true);
            report_vanity(
                cx,
                doc,
                "evaluation",
                metric,
                &reading,
                "give the goal it evaluates a `business_outcome`",
            );
        }
    }
}
