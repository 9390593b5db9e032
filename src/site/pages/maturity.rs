//! The Maturity page: the plan's stage among the three, the share of criteria passed per stage and
//! per factor, every criterion grouped by factor with links to its evidence, and the next steps.

use serde_json::{Value, json};

use super::Job;
use crate::maturity::{Evidence, Factor, Stage};
use crate::site::markdown::{RenderOptions, render};
use crate::site::model::Model;

pub(super) fn page(model: &Model<'_>, base_url: Option<&str>) -> Job {
    let texts = &model.maturity_texts;
    let report = &model.maturity;
    let mut job = Job::new(
        "maturity.html".into(),
        "maturity.html",
        model.t("maturity"),
        "maturity",
        base_url,
    );
    let stages: Vec<Value> = Stage::ALL
        .iter()
        .map(|&stage| {
            let tally = (stage != Stage::Emerging).then(|| report.by_stage(stage));
            json!({
                "key": stage.key(),
                "name": texts.stage(stage.key()),
                "description": texts.stage_descriptions.get(stage.key()),
                "current": stage == report.stage,
                "reached": stage <= report.stage,
                "passed": tally.map(|t| t.passed),
                "total": tally.map(|t| t.total),
                "percent": tally.map_or(100, |t| (t.passed * 100).checked_div(t.total).unwrap_or(100)),
            })
        })
        .collect();
    let evidence = |items: &[Evidence]| -> Vec<Value> {
        items
            .iter()
            .map(|e| match e {
                Evidence::Document(i) => json!({ "link": model.link(*i) }),
                Evidence::Setting { key, value } => json!({ "setting": format!("plan.toml · {key} = {value}") }),
            })
            .collect()
    };
    let factors: Vec<Value> = Factor::ALL
        .iter()
        .map(|&factor| {
            let tally = report.by_factor(factor);
            let criteria: Vec<Value> = report
                .criteria
                .iter()
                .filter(|a| a.criterion.factor == factor)
                .map(|a| {
                    json!({
                        "id": a.criterion.id,
                        "title": texts.title(a.criterion.id),
                        "how": inline_markdown(texts.how(a.criterion.id)),
                        "stage": a.criterion.stage.key(),
                        "stage_name": texts.stage(a.criterion.stage.key()),
                        "passed": a.finding.passed,
                        "evidence": evidence(&a.finding.evidence),
                    })
                })
                .collect();
            json!({ "key": factor.key(), "name": texts.factor(factor.key()), "passed": tally.passed, "total": tally.total, "criteria": criteria })
        })
        .collect();
    let steps: Vec<Value> = report
        .next_steps(3)
        .iter()
        .map(|a| json!({ "id": a.criterion.id, "title": texts.title(a.criterion.id), "how": inline_markdown(texts.how(a.criterion.id)) }))
        .collect();
    job.insert("stages", Value::from(stages));
    job.insert("factors", Value::from(factors));
    job.insert("steps", Value::from(steps));
    job.insert(
        "stage",
        json!({ "key": report.stage.key(), "name": texts.stage(report.stage.key()) }),
    );
    job
}

/// The stage as the overview shows it.
pub(super) fn summary(model: &Model<'_>) -> Value {
    let stage = model.maturity.stage;
    json!({ "key": stage.key(), "name": model.maturity_texts.stage(stage.key()) })
}

/// A one-line text with Markdown code spans (`` `practices` ``), as HTML without the paragraph.
fn inline_markdown(text: &str) -> String {
    let html = render(text, 0, &RenderOptions::plain()).html;
    html.trim()
        .trim_start_matches("<p>")
        .trim_end_matches("</p>")
        .to_owned()
}
