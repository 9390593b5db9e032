//! `stratagem lint`: load, check, write or apply a baseline, render in the chosen format, and
//! pick the exit status.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::ExitStatus;
use crate::cli::{ColorChoice, LintArgs};
use crate::diagnostic::Summary;
use crate::diagnostic::render::{self, Format, Report};
use crate::history::{Repo, changed};
use crate::lint::baseline::{Baseline, Compared};
use crate::plan::graph::Graph;
use crate::{lint, plan, today};

pub fn run(args: &LintArgs) -> anyhow::Result<ExitStatus> {
    // A bad baseline is a usage error, found before the plan is read.
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    if args.diff {
        return super::fix::diff(args);
    }
    let fixed = if args.fix { Some(super::fix::fix(args)?) } else { None };
    let (loaded, mut outcome) = check(args, fixed.is_none())?;
    if let Some(path) = &args.write_baseline {
        let baseline = Baseline::of(&outcome.diagnostics);
        baseline.write(path)?;
        let n = baseline.findings.len();
        println!(
            "Wrote {n} finding{} to the baseline `{}`; `stratagem lint --baseline {}` reports only new ones.",
            if n == 1 { "" } else { "s" },
            path.display(),
            path.display()
        );
        return Ok(ExitStatus::Success);
    }
    let compared = baseline.map(|baseline| {
        let (new, compared) = baseline.compare(std::mem::take(&mut outcome.diagnostics));
        outcome.diagnostics = new;
        compared
    });
    let summary = Summary::new(outcome.files, &outcome.diagnostics);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => color_by_default(&std::io::stdout()),
    };
    let mut out = std::io::stdout().lock();
    print_diagnostics(&outcome, compared.as_ref(), &args.plan, args.format, color, &mut out)?;
    let wanted = super::fix::wanted(args);
    let line = super::fix::summary_line(fixed, &outcome.diagnostics, wanted);
    match line {
        Some(line) if args.format == Format::Human => writeln!(out, "{line}")?,
        Some(line) => eprintln!("{line}"),
        None => {}
    }
    out.flush()?;
    // Freeing ten thousand documents one by one only delays the exit; the OS reclaims it at once.
    std::mem::forget(loaded.plan);
    Ok(exit_status(summary, args.deny_warnings))
}

/// Loads and lints the plan as `args` say (keeping only the findings `--changed` asks for);
/// `notes` prints what the user should know about the run on stderr.
pub fn check(args: &LintArgs, notes: bool) -> anyhow::Result<(plan::Loaded, lint::Outcome)> {
    let mut loaded = plan::load(&args.plan, plan::Purpose::Lint).map_err(|error| changed_hint(args, error))?;
    let today = today::resolve(args.today, &loaded.plan.settings)?;
    let history = crate::history::History::read(&loaded.plan);
    // A plan outside git is normal for lint; a shallow clone checks less than the user expects.
    if let (Some(read), Some(note)) = (&history.history, &history.note)
        && read.repo.shallow
        && notes
    {
        eprintln!("note: {note}");
    }
    let graph = Graph::new(&loaded.plan);
    let mut outcome = lint::lint(
        &loaded.plan,
        &graph,
        std::mem::take(&mut loaded.diagnostics),
        today,
        history.history.as_ref(),
    );
    if let Some(base) = &args.changed {
        only_changed(&loaded.plan, base, &mut outcome, notes)?;
    }
    Ok((loaded, outcome))
}

/// Keeps the findings on the documents a review of the change since `base` must see (see
/// [`changed::review`]), and says on stderr what was checked.
fn only_changed(plan: &plan::Plan, base: &str, outcome: &mut lint::Outcome, notes: bool) -> anyhow::Result<()> {
    let repo =
        Repo::discover(&plan.root).map_err(|why| anyhow::anyhow!("`--changed` compares with a git revision: {why}"))?;
    let base = changed::resolve_base(&repo, Some(base), "HEAD")?;
    let files = changed::files_since(&repo, &base)?;
    let review = changed::review(&repo, &base, &files, plan)?;
    let keep = |file: &str| review.everything || review.paths.contains(file);
    outcome.diagnostics.retain(|d| keep(&d.file));
    outcome.suppressed.retain(|s| keep(&s.diagnostic.file));
    if !review.everything {
        outcome.files = review.paths.len();
    }
    let since = format!("since {} ({})", base.named, base.short());
    let what = if review.everything {
        format!("plan.toml changed {since}: every document is checked")
    } else {
        let related = review.paths.len() - review.changed;
        format!(
            "checked {} document{} changed {since} and {related} that reference{} them or that they reference",
            review.changed,
            if review.changed == 1 { "" } else { "s" },
            if related == 1 { "s" } else { "" }
        )
    };
    if notes {
        eprintln!("note: {what}");
    }
    Ok(())
}

/// `lint --changed origin/main` reads `origin/main` as the plan folder: say how to name a base.
fn changed_hint(args: &LintArgs, error: anyhow::Error) -> anyhow::Error {
    let plan = args.plan.to_string_lossy();
    if args.changed.as_deref() == Some("") && !args.plan.exists() {
        return error.context(format!(
            "no plan folder `{plan}`; to compare with a revision of that name, write `--changed={plan}`"
        ));
    }
    error
}

/// Colour when writing to a terminal and `NO_COLOR` is unset.
pub fn color_by_default(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Renders a lint outcome (and what it found against a baseline) in `format`, with paths as the
/// user named the plan folder.
pub fn print_diagnostics(
    outcome: &lint::Outcome,
    baseline: Option<&Compared>,
    plan: &Path,
    format: Format,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let rules = lint::registry();
    let prefix = path_prefix(plan);
    let summary = Summary::new(outcome.files, &outcome.diagnostics);
    let report = Report {
        diagnostics: &outcome.diagnostics,
        suppressed: &outcome.suppressed,
        fixed: baseline.map(|b| b.fixed.as_slice()),
        known: baseline.map_or(0, |b| b.known),
        summary,
        path_prefix: &prefix,
        rules: &rules,
        color,
    };
    render::render(format, &report, out)
}

pub fn exit_status(summary: Summary, deny_warnings: bool) -> ExitStatus {
    if summary.errors > 0 || (deny_warnings && summary.warnings > 0) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// The plan folder as the user typed it, `/`-separated, for clickable paths; empty for `.`.
pub fn path_prefix(plan: &Path) -> String {
    let text = plan.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches("./").trim_end_matches('/');
    if text == "." { String::new() } else { text.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_paths_with_the_plan_folder_as_typed() {
        assert_eq!(path_prefix(Path::new(".")), "");
        assert_eq!(path_prefix(Path::new("./example-plan/")), "example-plan");
        assert_eq!(path_prefix(Path::new("/tmp/p")), "/tmp/p");
    }
}
