//! `--format json`: the stable machine-readable contract documented in the README.

use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::diagnostic::{Severity, Summary};

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<Item<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Item<'a> {
    rule: &'a str,
    severity: Severity,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
}

pub(super) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let output = Output {
        diagnostics: report
            .diagnostics
            .iter()
            .map(|d| Item {
                rule: d.rule.id,
                severity: d.severity,
                file: &d.file,
                line: d.line,
                column: d.column,
                message: &d.message,
                help: d.help.as_deref(),
            })
            .collect(),
        summary: report.summary,
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
