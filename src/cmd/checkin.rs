//! `stratagem checkin GOAL VALUE`: records a measurement of a goal by appending a
//! `[[measurements]]` entry to the evaluation that measures it (see [`splice`]), then prints what
//! was added and the goal's new status and pace.

mod splice;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use jiff::civil::Date;

use crate::ExitStatus;
use crate::cli::CheckinArgs;
use crate::diagnostic::did_you_mean;
use crate::plan::fields::{MAX_MAGNITUDE, MIN_MAGNITUDE};
use crate::plan::graph::Graph;
use crate::plan::progress::{Progress, Reason};
use crate::plan::{Confidence, Document, Kind, Plan, checkin};
use crate::{plan, today};
use splice::{Entry, Number};

pub fn run(args: &CheckinArgs) -> anyhow::Result<ExitStatus> {
    let loaded = plan::load(&args.plan, plan::Purpose::Lint)?;
    let plan = &loaded.plan;
    let today = today::resolve(args.today, &plan.settings)?;
    let graph = Graph::new(plan);
    let (g, goal) = find_goal(plan, &args.goal)?;
    let e = evaluation_of(plan, &graph, g, args.evaluation.as_deref())?;
    let evaluation = &plan.documents[e];
    let unit = goal.goal().and_then(|x| x.unit.as_ref()).map(|u| u.value.as_str());
    let value = parse_value(&args.value, unit)?;
    let confidence = args.confidence.as_deref().map(str::parse::<Confidence>).transpose();
    let confidence = confidence.map_err(|e| anyhow::anyhow!("--confidence: {e}"))?;
    let date = args.date.unwrap_or(today);
    if date > today {
        bail!(
            "{date} is after today ({today}): a check-in records a value already measured; \
             pass `--date` with the day it was taken (or `--today` if today is not {today})"
        );
    }
    if let Some(same) = graph
        .measurements_of(g)
        .iter()
        .find(|p| p.date == date && p.value == value.value())
    {
        bail!(
            "`{}` already has the value {} on {date}, in `{}`; to change that entry, edit it there",
            goal.id,
            args.value.trim(),
            plan.documents[same.evaluation].path
        );
    }
    let alone = evaluation.evaluation().is_some_and(|x| match x.goals.as_slice() {
        [only] => only.value == goal.id,
        _ => false,
    });
    let entry = Entry {
        goal: (!alone).then(|| goal.id.clone()),
        date,
        value,
        confidence,
        note: args
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned),
    };
    let path = file_of(plan, evaluation)?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let edited = splice::append(&text, &entry).with_context(|| format!("cannot add to `{}`", evaluation.path))?;
    splice::write_atomically(&path, &edited)?;
    println!(
        "Added to {}: {}",
        evaluation.path,
        describe(&goal.id, &entry, &args.value)
    );
    report(&args.plan, &goal.id, today)?;
    Ok(ExitStatus::Success)
}

/// The goal with id `id`, with its index, or why there is none.
fn find_goal<'p>(plan: &'p Plan, id: &str) -> anyhow::Result<(usize, &'p Document)> {
    let found = plan.documents.iter().enumerate().find(|(_, d)| d.id == id);
    match found {
        Some((i, doc)) if doc.kind == Kind::Goal => Ok((i, doc)),
        Some((_, doc)) => bail!("`{id}` is {} (`{}`), not a goal", doc.kind.with_article(), doc.path),
        None => {
            let goals = plan.of_kind(Kind::Goal).map(|d| d.id.as_str());
            match did_you_mean(id, goals) {
                Some(near) => bail!("the plan has no goal `{id}`; did you mean `{near}`?"),
                None => bail!("the plan has no goal `{id}`; `stratagem new goal \"…\"` adds one"),
            }
        }
    }
}

/// The evaluation a measurement of goal `g` goes to: its only one, or the one `--evaluation`
/// names among several.
fn evaluation_of(plan: &Plan, graph: &Graph, g: usize, named: Option<&str>) -> anyhow::Result<usize> {
    let goal = &plan.documents[g].id;
    let all = graph.evaluations_of_goal(g);
    let list = || {
        all.iter()
            .map(|&e| format!("  {} ({})", plan.documents[e].id, plan.documents[e].path))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match (all, named) {
        ([], _) => bail!(
            "no evaluation measures goal `{goal}`: add one with `stratagem new evaluation \"…\"` \
             and list the goal in it (`goals = [\"{goal}\"]`), then check in again"
        ),
        (_, Some(id)) => all
            .iter()
            .copied()
            .find(|&e| plan.documents[e].id == id)
            .with_context(|| format!("`{id}` does not evaluate goal `{goal}`; these do:\n{}", list())),
        ([only], None) => Ok(*only),
        (_, None) => bail!(
            "goal `{goal}` is measured by {} evaluations; say which with `--evaluation ID`:\n{}",
            all.len(),
            list()
        ),
    }
}

/// The evaluation's file, refused when it is (or is reached through) a symbolic link: the
/// command writes only the plan's own files.
fn file_of(plan: &Plan, doc: &Document) -> anyhow::Result<PathBuf> {
    let path = plan.root.join(&doc.path);
    let meta = std::fs::symlink_metadata(&path).with_context(|| format!("cannot read `{}`", path.display()))?;
    let root = std::fs::canonicalize(&plan.root)?;
    let real = std::fs::canonicalize(&path)?;
    if meta.file_type().is_symlink() || real != root.join(&doc.path) {
        bail!(
            "`{}` is a symbolic link (or inside a linked folder); edit the file it points to by hand",
            doc.path
        );
    }
    Ok(path)
}

/// VALUE as a number: `52`, `3.1`, `-4`, `1_200`; with a `%` at the end for a goal whose unit is
/// a percentage. A comma is refused (it is a decimal mark in some languages).
fn parse_value(text: &str, unit: Option<&str>) -> anyhow::Result<Number> {
    let trimmed = text.trim();
    let percent = unit.is_some_and(crate::plan::Goal::is_percent_unit);
    let digits = match trimmed.strip_suffix('%') {
        Some(rest) if percent => rest.trim_end(),
        Some(_) => bail!(
            "`{trimmed}`: the goal's unit is not a percentage ({}); give the number alone",
            unit.unwrap_or("none")
        ),
        None => trimmed,
    };
    if digits.contains(',') {
        bail!("`{trimmed}` has a comma; write the number with `.` for decimals, e.g. `1200` or `3.5`");
    }
    let digits = digits.replace('_', "");
    let in_range = |n: f64| n.is_finite() && n.abs() <= MAX_MAGNITUDE && (n == 0.0 || n.abs() >= MIN_MAGNITUDE);
    let number = match digits.parse::<i64>() {
        Ok(n) => Number::Whole(n),
        Err(_) => match digits.parse::<f64>() {
            Ok(x) if digits.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) => Number::Fraction(x),
            _ => bail!("`{trimmed}` is not a number; write it as `52` or `3.5`"),
        },
    };
    if !in_range(number.value()) {
        bail!("`{trimmed}` is out of range: a plan's numbers are at most {MAX_MAGNITUDE:e} in size");
    }
    Ok(number)
}

/// `leads = 60 on 2027-03-15 (confidence medium) — "webinar week"`.
fn describe(goal: &str, entry: &Entry, value: &str) -> String {
    let mut out = format!("{goal} = {} on {}", value.trim(), entry.date);
    if let Some(c) = entry.confidence {
        out.push_str(&format!(" (confidence {c})"));
    }
    if let Some(note) = &entry.note {
        out.push_str(&format!(" — \"{note}\""));
    }
    out
}

/// Reloads the plan and prints the goal's status and pace as of `today`.
fn report(root: &Path, goal: &str, today: Date) -> anyhow::Result<()> {
    let loaded = plan::load(root, plan::Purpose::Lint)?;
    let graph = Graph::new(&loaded.plan);
    let Some(g) = loaded.plan.documents.iter().position(|d| d.id == goal) else {
        return Ok(());
    };
    if let Some(progress) = checkin::progress_of(&loaded.plan, &graph, g, today) {
        let doc = &loaded.plan.documents[g];
        println!("{} (`{goal}`): {}", doc.display_title(), status_line(&progress));
    }
    Ok(())
}

/// `on track · expected 41% of the way by today, actual 25%`.
fn status_line(progress: &Progress) -> String {
    let status = progress.status.key().replace('_', " ");
    let pct = |share: f64| format!("{:.0}%", share * 100.0);
    let why = match progress.reason {
        Reason::Pace { expected, actual } => {
            format!("expected {} of the way by today, actual {}", pct(expected), pct(actual))
        }
        Reason::NotMeasured { .. } => "not measured yet".to_owned(),
        Reason::Holding { within: true } => "holding the target".to_owned(),
        Reason::Holding { within: false } => "off the target it should hold".to_owned(),
        Reason::Overdue { days } => format!("past its deadline by {days} days"),
        Reason::Reached { on } => format!("target reached on {on}"),
        Reason::Declared => "as its `status` says".to_owned(),
        Reason::NoNumbers => "no baseline or target to judge progress by".to_owned(),
    };
    format!("{status} · {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_numbers_with_a_percent_sign_only_for_shares() {
        assert_eq!(parse_value("52", None).unwrap(), Number::Whole(52));
        assert_eq!(parse_value("1_200", None).unwrap(), Number::Whole(1200));
        assert_eq!(parse_value("3.5", None).unwrap(), Number::Fraction(3.5));
        assert_eq!(parse_value("12%", Some("%")).unwrap(), Number::Whole(12));
        assert!(parse_value("12%", Some("leads")).is_err());
        assert!(parse_value("1,200", None).is_err());
        assert!(parse_value("inf", None).is_err());
        assert!(parse_value("lots", None).is_err());
        assert!(parse_value("1e20", None).is_err());
    }
}
