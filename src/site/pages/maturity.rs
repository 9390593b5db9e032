//! The Maturity page: the plan's stage among the three, the share of criteria passed per stage and
//! per factor, every criterion grouped by factor with links to its evidence, and the next steps.

use serde::Serialize;

use super::{Head, Job, Shared};
use crate::markdown::render::{RenderOptions, render};
use crate::maturity::{Evidence, Factor, Stage};
use crate::site::edit::{Edit, Field};
use crate::site::model::{Link, Model};

/// The page shows every finding, and the titles of the documents given as evidence.
pub(super) fn affected_by(edit: &Edit) -> bool {
    edit.maturity || edit.changed_any(&[Field::Title])
}

/// A stage's key and name (the overview shows the plan's).
#[derive(Serialize)]
pub(super) struct StageName<'a> {
    key: &'static str,
    name: &'a str,
}

impl<'a> StageName<'a> {
    pub(super) fn of(model: &'a Model<'_>, stage: Stage) -> StageName<'a> {
        StageName {
            key: stage.key(),
            name: model.maturity_texts.stage(stage.key()),
        }
    }
}

#[derive(Serialize)]
struct StageRow<'a> {
    key: &'static str,
    name: &'a str,
    description: Option<&'a str>,
    current: bool,
    reached: bool,
    passed: Option<usize>,
    total: Option<usize>,
    percent: usize,
}

/// One piece of evidence: a document, or a setting.
#[derive(Serialize)]
struct Proof<'a> {
    link: Option<Link<'a>>,
    setting: Option<String>,
}

#[derive(Serialize)]
struct CriterionRow<'a> {
    id: &'static str,
    title: &'a str,
    how: String,
    stage: &'static str,
    stage_name: &'a str,
    passed: bool,
    evidence: Vec<Proof<'a>>,
}

#[derive(Serialize)]
struct FactorRow<'a> {
    key: &'static str,
    name: &'a str,
    passed: usize,
    total: usize,
    criteria: Vec<CriterionRow<'a>>,
}

#[derive(Serialize)]
struct Step<'a> {
    id: &'static str,
    title: &'a str,
    how: String,
}

#[derive(Serialize)]
struct Maturity<'a> {
    stages: Vec<StageRow<'a>>,
    factors: Vec<FactorRow<'a>>,
    steps: Vec<Step<'a>>,
    stage: StageName<'a>,
}

pub(super) fn page(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let (texts, report) = (&model.maturity_texts, model.maturity);
    let stages = Stage::ALL
        .iter()
        .map(|&stage| {
            let tally = (stage != Stage::Emerging).then(|| report.by_stage(stage));
            StageRow {
                key: stage.key(),
                name: texts.stage(stage.key()),
                description: texts.stage_descriptions.get(stage.key()).map(String::as_str),
                current: stage == report.stage,
                reached: stage <= report.stage,
                passed: tally.map(|t| t.passed),
                total: tally.map(|t| t.total),
                percent: tally.map_or(100, |t| (t.passed * 100).checked_div(t.total).unwrap_or(100)),
            }
        })
        .collect();
    let steps = report
        .next_steps(3)
        .iter()
        .map(|a| Step {
            id: a.criterion.id,
            title: texts.title(a.criterion.id),
            how: inline_markdown(texts.how(a.criterion.id)),
        })
        .collect();
    let context = Maturity {
        stages,
        factors: Factor::ALL.iter().map(|&f| factor(model, f)).collect(),
        steps,
        stage: StageName::of(model, report.stage),
    };
    let head = Head::at_root("maturity.html", model.t("maturity"), "maturity");
    Job::new(head, shared, &context)
}

fn factor<'a>(model: &'a Model<'_>, factor: Factor) -> FactorRow<'a> {
    let (texts, report) = (&model.maturity_texts, model.maturity);
    let tally = report.by_factor(factor);
    let evidence = |items: &[Evidence]| -> Vec<Proof<'a>> {
        items
            .iter()
            .map(|e| match e {
                Evidence::Document(i) => Proof {
                    link: Some(model.link(*i)),
                    setting: None,
                },
                Evidence::Setting { key, value } => Proof {
                    link: None,
                    setting: Some(format!("plan.toml · {key} = {value}")),
                },
            })
            .collect()
    };
    let criteria = report
        .criteria
        .iter()
        .filter(|a| a.criterion.factor == factor)
        .map(|a| CriterionRow {
            id: a.criterion.id,
            title: texts.title(a.criterion.id),
            how: inline_markdown(texts.how(a.criterion.id)),
            stage: a.criterion.stage.key(),
            stage_name: texts.stage(a.criterion.stage.key()),
            passed: a.finding.passed,
            evidence: evidence(&a.finding.evidence),
        })
        .collect();
    FactorRow {
        key: factor.key(),
        name: texts.factor(factor.key()),
        passed: tally.passed,
        total: tally.total,
        criteria,
    }
}

/// A one-line text with Markdown code spans (`` `practices` ``), as HTML without the paragraph.
fn inline_markdown(text: &str) -> String {
    let html = render(text, &RenderOptions::plain()).html;
    html.trim()
        .trim_start_matches("<p>")
        .trim_end_matches("</p>")
        .to_owned()
}
