//! Human output: rustc-style diagnostics (annotate-snippets) and a closing summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::Report;
use crate::diagnostic::{Diagnostic, Severity};

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
    writeln!(out, "{}", summary_line(report))
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
    if s.errors == 0 && s.warnings == 0 {
        return format!("All checks passed: {files}, no problems.");
    }
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(plural(s.errors, "error"));
    }
    if s.warnings > 0 {
        parts.push(plural(s.warnings, "warning"));
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
