//! Human output: rustc-style diagnostics (annotate-snippets) and a closing summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::Report;
use crate::diagnostic::{Diagnostic, Fingerprint, Severity};

pub(super) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if report.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for diagnostic in report.diagnostics {
        let path = report.display_path(&diagnostic.file);
        writeln!(out, "{}\n", renderer.render(&[group(diagnostic, &path)]))?;
    }
    if let Some(fixed) = report.fixed {
        write_fixed(fixed, out)?;
    }
    writeln!(out, "{}", summary_line(report))?;
    if report.fixed.is_some() && report.known > 0 {
        writeln!(
            out,
            "{} in the baseline not shown.",
            plural(report.known, "known finding")
        )?;
    }
    if !report.suppressed.is_empty() {
        let n = report.suppressed.len();
        let verb = if n == 1 { "was" } else { "were" };
        writeln!(
            out,
            "{} {verb} suppressed by `[lint.allow]` (see --format json).",
            plural(n, "finding")
        )?;
    }
    Ok(())
}

/// At most this many fixed baseline entries are listed; the rest are counted.
const FIXED_SHOWN: usize = 10;

fn write_fixed(fixed: &[Fingerprint], out: &mut dyn Write) -> io::Result<()> {
    if fixed.is_empty() {
        return Ok(());
    }
    writeln!(out, "Fixed since the baseline ({}):", fixed.len())?;
    for entry in fixed.iter().take(FIXED_SHOWN) {
        writeln!(out, "  - {}", entry.describe())?;
    }
    if fixed.len() > FIXED_SHOWN {
        writeln!(out, "  … and {} more (see --format json)", fixed.len() - FIXED_SHOWN)?;
    }
    writeln!(out, "Run `--write-baseline` again to drop them from the baseline.\n")
}

fn group<'a>(d: &'a Diagnostic, path: &'a str) -> Group<'a> {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level.primary_title(d.message.as_str()).id(d.rule.id);
    let mut group = match &d.snippet {
        Some(snippet) => title.element(
            Snippet::source(snippet.line_text.as_str())
                .line_start(d.line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(snippet.underline.clone())),
        ),
        None => title.element(Origin::path(path).line(d.line).char_column(d.column)),
    };
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    group
}

fn summary_line(report: &Report<'_>) -> String {
    let s = report.summary;
    let files = plural(s.files, "file");
    // Against a baseline, only new findings are shown and counted.
    let new = if report.fixed.is_some() { "new " } else { "" };
    if s.errors == 0 && s.warnings == 0 {
        return format!("All checks passed: {files}, no {new}problems.");
    }
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(plural(s.errors, &format!("{new}error")));
    }
    if s.warnings > 0 {
        parts.push(plural(s.warnings, &format!("{new}warning")));
    }
    format!(
        "Found {} in {files}. `stratagem explain RULE` tells why a rule matters and how to fix it.",
        parts.join(" and ")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
