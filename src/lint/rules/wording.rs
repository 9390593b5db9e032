//! Rules about what a goal's words say, in English, Vietnamese, Chinese and Welsh: vague aims that
//! name nothing countable, and vanity metrics with no business outcome behind them.

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::lint::words::{self, Haystack};
use crate::plan::Kind;

declare_rule!(
    pub GOAL_VAGUE, "goal-vague", Warn,
    "goal's title and metric name nothing countable: no number, unit or countable noun"
);
declare_rule!(
    pub VANITY_METRIC, "vanity-metric", Warn,
    "goal's metric counts followers, likes, views, impressions or posts and has no `business_outcome`"
);

pub(super) static RULES: &[&Rule] = &[&GOAL_VAGUE, &VANITY_METRIC];

pub(super) fn check(cx: &mut Cx<'_>) {
    let lists = words::all();
    for doc in cx.plan.of_kind(Kind::Goal) {
        let Some(goal) = doc.goal() else { continue };
        if cx.enabled(&GOAL_VAGUE) && goal.unit.is_none() {
            let text = [doc.title.as_ref(), goal.metric.as_ref()]
                .into_iter()
                .flatten()
                .map(|s| s.value.as_str())
                .collect::<Vec<_>>()
                .join(" · ");
            let hay = Haystack::new(&text);
            let countable = lists
                .iter()
                .any(|w| !hay.find(&w.countable).is_empty() || !hay.find(&w.vanity).is_empty());
            if !text.is_empty() && !hay.has_number() && !countable {
                let found: Vec<_> = lists.iter().flat_map(|w| hay.find(&w.vague)).collect();
                // "thương hiệu" adds nothing when "nhận diện thương hiệu" was found too.
                let vague: Vec<_> = found
                    .iter()
                    .filter(|w| {
                        !found
                            .iter()
                            .any(|longer| longer.len() > w.len() && longer.contains(**w))
                    })
                    .map(|w| format!("“{w}”"))
                    .collect();
                let wording = if vague.is_empty() {
                    String::new()
                } else {
                    format!(" (only {})", vague.join(", "))
                };
                let span = goal
                    .metric
                    .as_ref()
                    .or(doc.title.as_ref())
                    .map_or_else(|| doc.front_matter_span(), |s| s.span.clone());
                cx.report(
                    &GOAL_VAGUE,
                    doc.source(),
                    span,
                    format!("goal `{}` is vague: its title and metric name nothing countable{wording}", doc.id),
                    "say what you will count and how much, e.g. `metric = \"qualified leads per month\"`, `unit = \"leads\"`, `target = 120`",
                );
            }
        }
        if cx.enabled(&VANITY_METRIC) && goal.business_outcome.is_none() {
            let Some(metric) = &goal.metric else { continue };
            let hay = Haystack::new(&metric.value);
            let found: Vec<_> = lists.iter().flat_map(|w| hay.find(&w.vanity)).collect();
            if let Some(word) = found.first() {
                cx.report(
                    &VANITY_METRIC,
                    doc.source(),
                    metric.span.clone(),
                    format!("goal `{}` counts “{word}”, a vanity metric, and names no `business_outcome`", doc.id),
                    "measure an outcome (leads, sales, response time), or add `business_outcome = \"…\"` saying what the count leads to",
                );
            }
        }
    }
}
