//! The page of each document: its fields, its body, and every reference in both directions — a
//! goal lists the strategies that serve it with their tactics, and the evaluations that measure
//! it; a tactic shows its strategy and the goals above it. Each kind's facts and relations are
//! built by their own function ([`goal`], [`strategy`], [`tactic`], [`evaluation`]). Every page
//! says when its file last changed, and a goal's its history (see `history`).

use std::borrow::Cow;

use serde::Serialize;

use super::health::Finding;
use super::history::{GoalHistory, LastChange, goal_history, last_change, target_moves};
use super::{Head, Job, Nothing, Shared};
use crate::plan::practices::PracticeName;
use crate::plan::{Benchmark, Evaluation, Goal, KindData, Spanned, Strategy, Tactic};
use crate::site::edit::Edit;
use crate::site::i18n::ConfidenceLabels;
use crate::site::model::{Day, GoalSummary, Link, Model, Num, budget_text};
use crate::site::svg::chart::{Chart, ChartInput, ChartLabels, Size, chart};
use crate::site::svg::number;

/// A document's page shows the document and its neighbours, which the edit lists, and the
/// document's own lint findings.
pub(super) fn affected_by(i: usize, edit: &Edit) -> bool {
    edit.pages.binary_search(&i).is_ok() || edit.findings.binary_search(&i).is_ok()
}

/// One row of a document's facts.
#[derive(Serialize)]
struct Fact<'a> {
    label: &'a str,
    value: Cow<'a, str>,
}

/// `doc` in a document's context.
#[derive(Serialize)]
struct Doc<'a> {
    link: Link<'a>,
    description: Option<&'a str>,
    body: String,
    facts: Vec<Fact<'a>>,
    /// The document's own lint findings, shown at the top of its page.
    findings: Vec<Finding<'a>>,
    /// The last commit that changed its file, from git.
    changed: Option<LastChange<'a>>,
}

/// A document page's context: the document, and its relations (`rel`), which depend on its kind.
#[derive(Serialize)]
struct DocPage<'a, R> {
    doc: Doc<'a>,
    rel: R,
}

/// A tactic in a list under a goal or strategy.
#[derive(Serialize)]
struct TacticItem<'a> {
    link: Link<'a>,
    status: &'static str,
    status_label: &'a str,
    owner: Option<&'a str>,
}

#[derive(Serialize)]
struct StrategyTree<'a> {
    link: Link<'a>,
    tactics: Vec<TacticItem<'a>>,
}

#[derive(Serialize)]
struct GoalMeasurement<'a> {
    date: Day,
    value: Num,
    note: Option<&'a str>,
    confidence: Option<String>,
    future: bool,
    evaluation: Link<'a>,
}

#[derive(Serialize)]
struct GoalRel<'a> {
    summary: GoalSummary<'a>,
    strategies: Vec<StrategyTree<'a>>,
    evaluations: Vec<Link<'a>>,
    /// The progress chart, wide and narrow (none without dates or values).
    charts: Vec<Chart>,
    measurements: Vec<GoalMeasurement<'a>>,
    /// Its target, baseline and deadline over time.
    history: GoalHistory<'a>,
}

#[derive(Serialize)]
struct StrategyRel<'a> {
    goals: Vec<GoalSummary<'a>>,
    tactics: Vec<TacticItem<'a>>,
}

#[derive(Serialize)]
struct TacticRel<'a> {
    strategies: Vec<Link<'a>>,
    goals: Vec<GoalSummary<'a>>,
    status: &'static str,
}

#[derive(Serialize)]
struct EvaluationMeasurement<'a> {
    date: Option<Day>,
    value: Option<Num>,
    note: Option<&'a str>,
    goal: Option<Link<'a>>,
}

/// The progress chart of a goal an evaluation measures.
#[derive(Serialize)]
struct GoalCharts<'a> {
    link: Link<'a>,
    charts: Vec<Chart>,
}

#[derive(Serialize)]
struct EvaluationRel<'a> {
    goals: Vec<GoalSummary<'a>>,
    charts: Vec<GoalCharts<'a>>,
    measurements: Vec<EvaluationMeasurement<'a>>,
}

type Facts<'a> = Vec<Option<Fact<'a>>>;

pub(super) fn page(model: &Model<'_>, i: usize, shared: &Shared<'_>) -> Job {
    let doc = model.doc(i);
    let section = match doc.data {
        KindData::Page => "pages",
        _ => doc.kind.folder(),
    };
    let head = |template| Head {
        path: model.urls.doc(i).to_owned(),
        template,
        title: doc.display_title(),
        section,
    };
    let owner = || fact(model.t("owner"), shown(&doc.owner));
    match &doc.data {
        KindData::Goal(g) => {
            let (facts, rel) = goal(model, i, g);
            job(head("goal.html"), shared, model, i, with_owner(owner(), facts), rel)
        }
        KindData::Strategy(s) => {
            let (facts, rel) = strategy(model, i, s);
            job(head("strategy.html"), shared, model, i, with_owner(owner(), facts), rel)
        }
        KindData::Tactic(t) => {
            let (facts, rel) = tactic(model, i, t);
            job(head("tactic.html"), shared, model, i, with_owner(owner(), facts), rel)
        }
        KindData::Evaluation(e) => {
            let (facts, rel) = evaluation(model, i, e);
            job(
                head("evaluation.html"),
                shared,
                model,
                i,
                with_owner(owner(), facts),
                rel,
            )
        }
        KindData::Page => job(head("page.html"), shared, model, i, Vec::new(), Nothing {}),
    }
}

fn with_owner<'a>(owner: Option<Fact<'a>>, facts: Facts<'a>) -> Facts<'a> {
    std::iter::once(owner).chain(facts).collect()
}

/// The job of document `i`'s page, with its `facts` (tags added) and relations.
fn job<'a>(
    head: Head<'_>,
    shared: &Shared<'_>,
    model: &'a Model<'_>,
    i: usize,
    mut facts: Facts<'a>,
    rel: impl Serialize,
) -> Job {
    let doc = model.doc(i);
    let tags: Vec<&str> = doc.tags.iter().map(|t| t.value.as_str()).collect();
    facts.push(fact(
        model.t("tags"),
        (!tags.is_empty()).then(|| tags.join(", ").into()),
    ));
    let doc = Doc {
        link: model.link(i),
        description: text(&doc.description),
        body: model.body_html(i),
        facts: facts.into_iter().flatten().collect(),
        findings: model
            .findings_of(i)
            .iter()
            .map(|&d| Finding::new(model, &model.lint.diagnostics[d], None))
            .collect(),
        changed: last_change(model, i),
    };
    Job::new(head, shared, &DocPage { doc, rel })
}

fn goal<'a>(model: &'a Model<'_>, i: usize, goal: &'a Goal) -> (Facts<'a>, GoalRel<'a>) {
    let t = |key: &str| model.t(key);
    let direction = goal.direction().map(|d| t(&format!("direction_{}", d.name())).into());
    let facts = vec![
        fact(t("metric"), shown(&goal.metric)),
        fact(t("unit"), shown(&goal.unit)),
        fact(t("direction"), direction),
        fact(t("start"), date(&goal.start)),
        fact(t("deadline"), date(&goal.deadline)),
        fact(t("data_source"), shown(&goal.data_source)),
        fact(t("business_outcome"), shown(&goal.business_outcome)),
        fact(t("benchmark"), benchmark_text(&goal.benchmark)),
        fact(t("channels"), channel_names(model, &goal.channels)),
    ];
    let strategies = model
        .graph
        .strategies_of_goal(i)
        .iter()
        .map(|&s| StrategyTree {
            link: model.link(s),
            tactics: tactic_items(model, model.graph.tactics_of_strategy(s)),
        })
        .collect();
    let measurements = model
        .graph
        .measurements_of(i)
        .iter()
        .map(|p| GoalMeasurement {
            date: Day(p.date),
            value: model.num(p.value),
            note: p.note.as_deref(),
            confidence: p.confidence.map(|c| ConfidenceLabels::new(&model.t).text(c)),
            future: p.is_after(model.today),
            evaluation: model.link(p.evaluation),
        })
        .collect();
    let rel = GoalRel {
        summary: model.goal_summary(i),
        strategies,
        evaluations: model.links(model.graph.evaluations_of_goal(i)),
        charts: charts(model, i, goal),
        measurements,
        history: goal_history(model, i, goal),
    };
    (facts, rel)
}

/// Goal `i`'s progress chart, wide and narrow: the one call into `svg::chart`.
fn charts(model: &Model<'_>, i: usize, goal: &Goal) -> Vec<Chart> {
    let doc = model.doc(i);
    let moves = target_moves(model, i, goal);
    let input = ChartInput {
        id: &format!("chart-{}", doc.id),
        title: &format!("{}: {}", model.t("progress_chart"), doc.display_title()),
        description: model.t("chart_description"),
        baseline: goal.baseline.as_ref().map(|b| b.value),
        target: goal.target.as_ref().map(|b| b.value),
        start: model.progress.get(&i).and_then(|p| p.start),
        deadline: goal.deadline.as_ref().map(|d| d.value),
        today: model.today,
        points: model.graph.measurements_of(i),
        unit: goal.unit.as_ref().map(|u| u.value.as_str()),
        numbers: model.numbers,
        labels: ChartLabels {
            baseline: model.t("baseline"),
            target: model.t("target"),
            deadline: model.t("deadline"),
            today: model.t("today"),
            future: model.t("point_in_future"),
            months: model.months(),
            moved: model.t("chart_target_moved"),
            confidence: ConfidenceLabels::new(&model.t),
        },
        moves: &moves,
    };
    [Size::Wide, Size::Narrow]
        .into_iter()
        .filter_map(|size| chart(&input, size))
        .collect()
}

fn strategy<'a>(model: &'a Model<'_>, i: usize, strategy: &'a Strategy) -> (Facts<'a>, StrategyRel<'a>) {
    let facts = vec![fact(model.t("channels"), channel_names(model, &strategy.channels))];
    let rel = StrategyRel {
        goals: model.goal_summaries(model.graph.goals_of_strategy(i)),
        tactics: tactic_items(model, model.graph.tactics_of_strategy(i)),
    };
    (facts, rel)
}

/// A practice in the site's language; a word outside the vocabulary as written.
fn practice_label<'a>(model: &'a Model<'_>, practice: &'a PracticeName) -> &'a str {
    match practice.known() {
        Some(known) => model.t(&format!("practice_{}", known.name().replace('-', "_"))),
        None => practice.as_str(),
    }
}

fn tactic<'a>(model: &'a Model<'_>, i: usize, tactic: &'a Tactic) -> (Facts<'a>, TacticRel<'a>) {
    let t = |key: &str| model.t(key);
    let (status, status_label) = model.tactic_status(i);
    let practices: Vec<&str> = tactic
        .practices
        .iter()
        .map(|p| practice_label(model, &p.value))
        .collect();
    let budget = tactic
        .budget
        .as_ref()
        .and_then(|b| budget_text(&b.value, model.numbers));
    let facts = vec![
        fact(t("status"), Some(status_label.into())),
        fact(t("channel"), channel_names(model, &tactic.channels)),
        fact(t("start"), date(&tactic.start)),
        fact(t("end"), date(&tactic.end)),
        fact(t("cadence"), shown(&tactic.cadence)),
        fact(t("budget"), budget.map(Cow::Owned)),
        fact(t("response_time"), shown(&tactic.response_time)),
        fact(
            t("practices"),
            (!practices.is_empty()).then(|| practices.join(", ").into()),
        ),
    ];
    let rel = TacticRel {
        strategies: model.links(model.graph.strategies_of_tactic(i)),
        goals: model.goal_summaries(&model.graph.goals_of_tactic(i)),
        status,
    };
    (facts, rel)
}

fn evaluation<'a>(model: &'a Model<'_>, i: usize, evaluation: &'a Evaluation) -> (Facts<'a>, EvaluationRel<'a>) {
    let t = |key: &str| model.t(key);
    let facts = vec![
        fact(t("metric"), shown(&evaluation.metric)),
        fact(t("method"), shown(&evaluation.method)),
        fact(t("data_source"), shown(&evaluation.data_source)),
        fact(t("cadence"), shown(&evaluation.cadence)),
        fact(t("next_review"), date(&evaluation.next_review)),
        fact(t("benchmark"), benchmark_text(&evaluation.benchmark)),
    ];
    let measurements = evaluation
        .measurements
        .iter()
        .map(|m| {
            let m = &m.value;
            let goal = evaluation.goal_of(m).map(|g| g.value.as_str());
            EvaluationMeasurement {
                date: m.date.as_ref().map(|d| Day(d.value)),
                value: m.value.as_ref().map(|v| model.num(v.value)),
                note: m.note.as_ref().map(|n| n.value.as_str()),
                goal: goal.and_then(|id| model.plan.index_of(id)).map(|g| model.link(g)),
            }
        })
        .collect();
    let goals = model.graph.goals_of_evaluation(i);
    let charts = goals
        .iter()
        .filter_map(|&g| {
            let charts = charts(model, g, model.doc(g).goal()?);
            (!charts.is_empty()).then(|| GoalCharts {
                link: model.link(g),
                charts,
            })
        })
        .collect();
    let rel = EvaluationRel {
        goals: model.goal_summaries(goals),
        charts,
        measurements,
    };
    (facts, rel)
}

fn tactic_items<'a>(model: &'a Model<'_>, tactics: &[usize]) -> Vec<TacticItem<'a>> {
    tactics
        .iter()
        .map(|&x| {
            let (status, status_label) = model.tactic_status(x);
            TacticItem {
                link: model.link(x),
                status,
                status_label,
                owner: text(&model.doc(x).owner),
            }
        })
        .collect()
}

fn fact<'a>(label: &'a str, value: Option<Cow<'a, str>>) -> Option<Fact<'a>> {
    value.map(|value| Fact { label, value })
}

fn text(s: &Option<Spanned<String>>) -> Option<&str> {
    s.as_ref().map(|s| s.value.as_str())
}

fn shown(s: &Option<Spanned<String>>) -> Option<Cow<'_, str>> {
    text(s).map(Cow::Borrowed)
}

fn date<'a>(d: &Option<Spanned<jiff::civil::Date>>) -> Option<Cow<'a, str>> {
    d.as_ref().map(|d| d.value.to_string().into())
}

fn benchmark_text<'a>(b: &Option<Spanned<Benchmark>>) -> Option<Cow<'a, str>> {
    let b = &b.as_ref()?.value;
    let value = b.value.as_ref().map(|v| number(v.value));
    Some(Cow::Owned(match (value, &b.source) {
        (Some(v), Some(s)) => format!("{v} ({})", s.value),
        (Some(v), None) => v,
        (None, Some(s)) => s.value.clone(),
        (None, None) => return None,
    }))
}

fn channel_names<'a>(model: &Model<'_>, ids: &[Spanned<String>]) -> Option<Cow<'a, str>> {
    let names: Vec<&str> = ids
        .iter()
        .map(|c| {
            model
                .plan
                .settings
                .channel(&c.value)
                .map_or(c.value.as_str(), |ch| ch.value.name.as_str())
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", ").into())
}
