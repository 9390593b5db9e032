//! The page of each document: its fields, its body, and every reference in both directions — a
//! goal lists the strategies that serve it with their tactics, and the evaluations that measure
//! it; a tactic shows its strategy and the goals above it.

use serde_json::{Value, json};

use super::Job;
use crate::plan::{Benchmark, Kind, Spanned};
use crate::site::model::{Model, budget_text};
use crate::site::svg::chart::{ChartInput, chart};
use crate::site::svg::number;

/// One row of a document's facts: a label and a text value, or a list of links.
fn fact(label: &str, value: impl Into<Option<String>>) -> Option<Value> {
    value.into().map(|v| json!({ "label": label, "value": v }))
}

fn text(s: &Option<Spanned<String>>) -> Option<String> {
    s.as_ref().map(|s| s.value.clone())
}

fn benchmark_text(b: &Option<Spanned<Benchmark>>) -> Option<String> {
    let b = &b.as_ref()?.value;
    let value = b.value.as_ref().map(|v| number(v.value));
    match (value, &b.source) {
        (Some(v), Some(s)) => Some(format!("{v} ({})", s.value)),
        (Some(v), None) => Some(v),
        (None, Some(s)) => Some(s.value.clone()),
        (None, None) => None,
    }
}

fn channel_names(model: &Model<'_>, ids: &[Spanned<String>]) -> Option<String> {
    let names: Vec<_> = ids
        .iter()
        .map(|c| {
            model
                .plan
                .settings
                .channel(&c.value)
                .map_or(c.value.clone(), |ch| ch.value.name.clone())
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

pub(super) fn page(model: &Model<'_>, i: usize, base_url: Option<&str>) -> Job {
    let doc = model.doc(i);
    let template = match doc.kind {
        Kind::Goal => "goal.html",
        Kind::Strategy => "strategy.html",
        Kind::Tactic => "tactic.html",
        Kind::Evaluation => "evaluation.html",
        Kind::Page => "page.html",
    };
    let section = if doc.kind == Kind::Page {
        "pages"
    } else {
        doc.kind.folder()
    };
    let mut job = Job::new(
        model.urls.doc(i).to_owned(),
        template,
        doc.display_title(),
        section,
        base_url,
    );
    let t = |key: &str| model.t(key).to_owned();
    let mut facts = vec![fact(&t("owner"), text(&doc.owner))];
    let mut extra = json!({});
    match doc.kind {
        Kind::Goal => {
            let goal = doc.goal().cloned().unwrap_or_default();
            let direction = goal
                .direction()
                .map(|d| t(&format!("direction_{}", format!("{d:?}").to_lowercase())));
            facts.extend([
                fact(&t("metric"), text(&goal.metric)),
                fact(&t("unit"), text(&goal.unit)),
                fact(&t("direction"), direction),
                fact(&t("start"), goal.start.as_ref().map(|d| d.value.to_string())),
                fact(&t("deadline"), goal.deadline.as_ref().map(|d| d.value.to_string())),
                fact(&t("data_source"), text(&goal.data_source)),
                fact(&t("business_outcome"), text(&goal.business_outcome)),
                fact(&t("benchmark"), benchmark_text(&goal.benchmark)),
                fact(&t("channels"), channel_names(model, &goal.channels)),
            ]);
            let strategies: Vec<Value> = model
                .graph
                .strategies_of_goal(i)
                .iter()
                .map(|&s| {
                    let tactics: Vec<Value> = model
                        .graph
                        .tactics_of_strategy(s)
                        .iter()
                        .map(|&x| tactic_item(model, x))
                        .collect();
                    json!({ "link": model.link(s), "tactics": tactics })
                })
                .collect();
            let points = model.graph.measurements_of(i);
            let svg = chart(&ChartInput {
                id: &format!("chart-{}", doc.id),
                title: &format!("{}: {}", t("progress_chart"), doc.display_title()),
                description: &t("chart_description"),
                baseline: goal.baseline.as_ref().map(|b| b.value),
                target: goal.target.as_ref().map(|b| b.value),
                start: goal.start.as_ref().map(|s| s.value).or(model.period().map(|p| p.0)),
                deadline: goal.deadline.as_ref().map(|d| d.value),
                today: model.today,
                points,
                labels: [
                    model.t("baseline"),
                    model.t("target"),
                    model.t("deadline"),
                    model.t("today"),
                    model.t("point_in_future"),
                ],
            });
            let measurements: Vec<Value> = points
                .iter()
                .map(|p| json!({ "date": p.date.to_string(), "value": number(p.value), "note": p.note, "future": p.is_after(model.today), "evaluation": model.link(p.evaluation) }))
                .collect();
            extra = json!({
                "summary": model.goal_summary(i),
                "strategies": strategies,
                "evaluations": model.links(model.graph.evaluations_of_goal(i)),
                "chart": svg,
                "measurements": measurements,
            });
        }
        Kind::Strategy => {
            let strategy = doc.strategy().cloned().unwrap_or_default();
            facts.push(fact(&t("channels"), channel_names(model, &strategy.channels)));
            let goals: Vec<Value> = model
                .graph
                .goals_of_strategy(i)
                .iter()
                .map(|&g| model.goal_summary(g))
                .collect();
            let tactics: Vec<Value> = model
                .graph
                .tactics_of_strategy(i)
                .iter()
                .map(|&x| tactic_item(model, x))
                .collect();
            extra = json!({ "goals": goals, "tactics": tactics });
        }
        Kind::Tactic => {
            let tactic = doc.tactic().cloned().unwrap_or_default();
            let (_, status_label) = model.tactic_status(i);
            let practices: Vec<&str> = tactic.practices.iter().map(|p| p.value.as_str()).collect();
            facts.extend([
                fact(&t("status"), Some(status_label.to_owned())),
                fact(&t("channel"), channel_names(model, &tactic.channels)),
                fact(&t("start"), tactic.start.as_ref().map(|d| d.value.to_string())),
                fact(&t("end"), tactic.end.as_ref().map(|d| d.value.to_string())),
                fact(&t("cadence"), text(&tactic.cadence)),
                fact(&t("budget"), tactic.budget.as_ref().and_then(|b| budget_text(&b.value))),
                fact(&t("response_time"), text(&tactic.response_time)),
                fact(&t("practices"), (!practices.is_empty()).then(|| practices.join(", "))),
            ]);
            let goals: Vec<Value> = model
                .graph
                .goals_of_tactic(i)
                .iter()
                .map(|&g| model.goal_summary(g))
                .collect();
            extra = json!({ "strategies": model.links(model.graph.strategies_of_tactic(i)), "goals": goals, "status": model.tactic_status(i).0 });
        }
        Kind::Evaluation => {
            let evaluation = doc.evaluation().cloned().unwrap_or_default();
            facts.extend([
                fact(&t("metric"), text(&evaluation.metric)),
                fact(&t("method"), text(&evaluation.method)),
                fact(&t("data_source"), text(&evaluation.data_source)),
                fact(&t("cadence"), text(&evaluation.cadence)),
                fact(
                    &t("next_review"),
                    evaluation.next_review.as_ref().map(|d| d.value.to_string()),
                ),
                fact(&t("benchmark"), benchmark_text(&evaluation.benchmark)),
            ]);
            let goals: Vec<Value> = model
                .graph
                .goals_of_evaluation(i)
                .iter()
                .map(|&g| model.goal_summary(g))
                .collect();
            let measurements: Vec<Value> = evaluation
                .measurements
                .iter()
                .map(|m| {
                    let goal = m
                        .value
                        .goal
                        .as_ref()
                        .map(|g| g.value.as_str())
                        .or(match evaluation.goals.as_slice() {
                            [only] => Some(only.value.as_str()),
                            _ => None,
                        });
                    json!({
                        "date": m.value.date.as_ref().map(|d| d.value.to_string()),
                        "value": m.value.value.as_ref().map(|v| number(v.value)),
                        "note": text(&m.value.note),
                        "goal": goal.and_then(|id| model.plan.index_of(id)).map(|g| model.link(g)),
                    })
                })
                .collect();
            extra = json!({ "goals": goals, "measurements": measurements });
        }
        Kind::Page => facts.clear(),
    }
    let tags: Vec<&str> = doc.tags.iter().map(|t| t.value.as_str()).collect();
    facts.push(fact(&t("tags"), (!tags.is_empty()).then(|| tags.join(", "))));
    let facts: Vec<Value> = facts.into_iter().flatten().collect();
    job.insert("doc", json!({ "link": model.link(i), "description": text(&doc.description), "body": model.bodies[i].html, "facts": facts }));
    job.insert("rel", extra);
    job
}

fn tactic_item(model: &Model<'_>, i: usize) -> Value {
    let (status, label) = model.tactic_status(i);
    json!({ "link": model.link(i), "status": status, "status_label": label, "owner": model.doc(i).owner.as_ref().map(|o| &o.value) })
}
