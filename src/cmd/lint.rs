//! `stratagem lint`: load, check, render in the chosen format, and pick the exit status.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::ExitStatus;
use crate::cli::{ColorChoice, LintArgs};
use crate::diagnostic::Summary;
use crate::diagnostic::render::{self, Report};
use crate::{lint, plan, today};

pub fn run(args: &LintArgs) -> anyhow::Result<ExitStatus> {
    let loaded = plan::load(&args.plan)?;
    let today = today::resolve(args.today, &loaded.plan.settings)?;
    let outcome = lint::lint(&loaded.plan, loaded.diagnostics, today);
    let summary = Summary::new(outcome.files, &outcome.diagnostics);
    let rules = lint::registry();
    let prefix = path_prefix(&args.plan);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let report = Report {
        diagnostics: &outcome.diagnostics,
        summary,
        path_prefix: &prefix,
        rules: &rules,
        color,
    };
    let mut out = std::io::stdout().lock();
    render::render(args.format, &report, &mut out)?;
    out.flush()?;
    // Freeing ten thousand documents one by one only delays the exit; the OS reclaims it at once.
    std::mem::forget(loaded.plan);
    Ok(exit_status(summary, args.deny_warnings))
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
