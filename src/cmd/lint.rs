//! `stratagem lint`: load, check, render in the chosen format, and pick the exit status.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::ExitStatus;
use crate::cli::{ColorChoice, LintArgs};
use crate::diagnostic::Summary;
use crate::diagnostic::render::{self, Format, Report};
use crate::{lint, plan, today};

pub fn run(args: &LintArgs) -> anyhow::Result<ExitStatus> {
    let loaded = plan::load(&args.plan)?;
    let today = today::resolve(args.today, &loaded.plan.settings)?;
    let outcome = lint::lint(&loaded.plan, loaded.diagnostics, today);
    let summary = Summary::new(outcome.files, &outcome.diagnostics);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => color_by_default(&std::io::stdout()),
    };
    let mut out = std::io::stdout().lock();
    print_diagnostics(&outcome, &args.plan, args.format, color, &mut out)?;
    out.flush()?;
    // Freeing ten thousand documents one by one only delays the exit; the OS reclaims it at once.
    std::mem::forget(loaded.plan);
    Ok(exit_status(summary, args.deny_warnings))
}

/// Colour when writing to a terminal and `NO_COLOR` is unset.
pub fn color_by_default(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Renders a lint outcome in `format`, with paths as the user named the plan folder.
pub fn print_diagnostics(
    outcome: &lint::Outcome,
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
