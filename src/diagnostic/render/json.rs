//! `--format json`: the stable machine-readable contract documented in the README.
//!
//! Each diagnostic carries `fix` (its title, applicability and edits by line and column) or
//! `null`. `suppressed` appears when `[lint.allow]` silenced something, `fixed` with `--baseline`; the
//! other keys are always there.

use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use crate::diagnostic::{Applicability, Diagnostic, Fingerprint, LineColumn, Severity, Summary};

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
    /// The finding's fix, or `null`.
    fix: Option<FixItem<'a>>,
}

#[derive(Serialize)]
struct FixItem<'a> {
    title: &'a str,
    applicability: Applicability,
    edits: Vec<EditItem<'a>>,
}

/// An edit located as the finding is: 1-based lines and character columns, `end` exclusive.
#[derive(Serialize)]
struct EditItem<'a> {
    start: LineColumn,
    end: LineColumn,
    replacement: &'a str,
}

impl<'a> FixItem<'a> {
    fn of(d: &'a Diagnostic) -> Option<FixItem<'a>> {
        let fix = d.fix.as_ref()?;
        Some(FixItem {
            title: &fix.title,
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .zip(&d.fix_at)
                .map(|(edit, at)| EditItem {
                    start: at.start,
                    end: at.end,
                    replacement: &edit.replacement,
                })
                .collect(),
        })
    }
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
            fix: FixItem::of(d),
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
