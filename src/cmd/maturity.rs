//! `stratagem maturity [PLAN]`: the plan's stage on the maturity model, the checklist of criteria
//! with their evidence, and the next three steps — in the plan's language, or as JSON.

use std::io::Write;

use serde_json::{Value, json};

use crate::ExitStatus;
use crate::cli::{MaturityArgs, MaturityFormat};
use crate::maturity::{self, Evidence, Factor, Report, Stage, texts};
use crate::plan::Plan;
use crate::plan::graph::Graph;
use crate::{lint, plan, today};

pub fn run(args: &MaturityArgs) -> anyhow::Result<ExitStatus> {
    let loaded = plan::load(&args.plan, plan::Purpose::Lint)?;
    let today = today::resolve(args.today, &loaded.plan.settings)?;
    let graph = Graph::new(&loaded.plan);
    let history = crate::history::History::read(&loaded.plan);
    let outcome = lint::lint(
        &loaded.plan,
        &graph,
        loaded.diagnostics,
        today,
        history.history.as_ref(),
    );
    let report = maturity::assess(&loaded.plan, &outcome.diagnostics);
    let mut out = std::io::stdout().lock();
    match args.format {
        MaturityFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &to_json(&loaded.plan, &report))?;
            writeln!(out)?;
        }
        MaturityFormat::Human => human(&loaded.plan, &report, &mut out)?,
    }
    Ok(ExitStatus::Success)
}

/// Evidence as text: a document's path, or `plan.toml key = value`.
fn evidence_text(plan: &Plan, evidence: &Evidence) -> String {
    match evidence {
        Evidence::Document(i) => plan.documents[*i].path.clone(),
        Evidence::Setting { key, value } => format!("plan.toml {key} = {value:?}"),
    }
}

pub fn to_json(plan: &Plan, report: &Report) -> Value {
    let criteria: Vec<Value> = report
        .criteria
        .iter()
        .map(|a| {
            json!({
                "id": a.criterion.id,
                "stage": a.criterion.stage,
                "factor": a.criterion.factor,
                "passed": a.finding.passed,
                "evidence": a.finding.evidence.iter().map(|e| evidence_text(plan, e)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let by_stage: serde_json::Map<String, Value> = [Stage::Evolving, Stage::Mastering]
        .iter()
        .map(|s| (s.key().to_owned(), json!(report.by_stage(*s))))
        .collect();
    let by_factor: serde_json::Map<String, Value> = Factor::ALL
        .iter()
        .map(|f| (f.key().to_owned(), json!(report.by_factor(*f))))
        .collect();
    json!({
        "stage": report.stage,
        "criteria": criteria,
        "by_stage": by_stage,
        "by_factor": by_factor,
        "next_steps": report.next_steps(3).iter().map(|a| a.criterion.id).collect::<Vec<_>>(),
    })
}

fn human(plan: &Plan, report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let texts = texts::load(plan.settings.language());
    let title = plan.settings.title.as_ref().map_or("The plan", |t| t.value.as_str());
    writeln!(out, "{title}: {}", texts.stage(report.stage.key()))?;
    writeln!(
        out,
        "{}\n",
        texts
            .stage_descriptions
            .get(report.stage.key())
            .map_or("", String::as_str)
    )?;
    let width = maturity::CRITERIA.iter().map(|c| c.id.len()).max().unwrap_or(0);
    for stage in [Stage::Evolving, Stage::Mastering] {
        let tally = report.by_stage(stage);
        writeln!(out, "{} ({}/{})", texts.stage(stage.key()), tally.passed, tally.total)?;
        for a in report.criteria.iter().filter(|a| a.criterion.stage == stage) {
            let mark = if a.finding.passed { "✓" } else { "✗" };
            writeln!(
                out,
                "  {mark} {:width$}  {}",
                a.criterion.id,
                texts.title(a.criterion.id)
            )?;
            let items: Vec<String> = a.finding.evidence.iter().map(|e| evidence_text(plan, e)).collect();
            if !items.is_empty() {
                let shown = items.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
                let more = if items.len() > 3 {
                    format!(" and {} more", items.len() - 3)
                } else {
                    String::new()
                };
                let label = if a.finding.passed { "" } else { "falls short: " };
                writeln!(out, "    {:width$}  {label}{shown}{more}", "")?;
            }
        }
        writeln!(out)?;
    }
    let factors: Vec<String> = Factor::ALL
        .iter()
        .map(|f| {
            let t = report.by_factor(*f);
            format!("{} {}/{}", texts.factor(f.key()), t.passed, t.total)
        })
        .collect();
    writeln!(out, "{}", factors.join(" · "))?;
    let steps = report.next_steps(3);
    if let Some(next) = report.next_stage()
        && !steps.is_empty()
    {
        writeln!(out, "\nNext steps towards {}:", texts.stage(next.key()))?;
        for (n, a) in steps.iter().enumerate() {
            writeln!(
                out,
                "  {}. {} — {}",
                n + 1,
                texts.title(a.criterion.id),
                texts.how(a.criterion.id)
            )?;
        }
    }
    Ok(())
}
