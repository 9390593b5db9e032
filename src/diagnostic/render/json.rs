//! `--format json`: the stable machine-readable contract documented in the README.
//!
//! `suppressed` appears when `[lint.allow]` silenced something, `fixed` with `--baseline`; the
//! other keys are always there.

use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::diagnostic::{Diagnostic, Fingerprint, Severity, Summary};

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<Item<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressed: Vec<SuppressedItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed: Option<&'a [Fingerprint]>,
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

impl<'a> Item<'a> {
    fn of(d: &'a Diagnostic) -> Item<'a> {
        Item {
            rule: d.rule.id,
            severity: d.severity,
            file: &d.file,
            line: d.line,
            column: d.column,
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct SuppressedItem<'a> {
    #[serde(flatten)]
    item: Item<'a>,
    reason: &'a str,
    until: Option<String>,
}

pub(super) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let output = Output {
        diagnostics: report.diagnostics.iter().map(Item::of).collect(),
        suppressed: report
            .suppressed
            .iter()
            .map(|s| SuppressedItem {
                item: Item::of(&s.diagnostic),
                reason: &s.reason,
                until: s.until.map(|d| d.to_string()),
            })
            .collect(),
        fixed: report.fixed,
        summary: report.summary,
    };
    serde_json::to_writer_pretty(&mut *out, &output)?;
    writeln!(out)
}
