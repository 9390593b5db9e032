//! `--format sarif`: SARIF 2.1.0 with one `rule` entry per rule id, for code-scanning tools; a
//! finding with a fix carries it as a SARIF `fix` (`artifactChanges` with `replacements`).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Report;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Level, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(super) fn render(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "name": rule.id,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.summary },
                "help": { "text": rule.docs, "markdown": rule.docs },
                "defaultConfiguration": { "level": sarif_level(rule.default) },
            })
        })
        .collect();
    let mut results: Vec<Value> = report.diagnostics.iter().map(|d| result(report, d)).collect();
    // Suppressed findings are results too, marked as suppressed in source with the reason.
    results.extend(report.suppressed.iter().map(|s| {
        let mut result = result(report, &s.diagnostic);
        let mut justification = s.reason.clone();
        if let Some(until) = s.until {
            justification.push_str(&format!(" (until {until})"));
        }
        result["suppressions"] = json!([{ "kind": "inSource", "justification": justification }]);
        result
    }));
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "stratagem",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn result(report: &Report<'_>, d: &Diagnostic) -> Value {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let mut result = json!({
        "ruleId": d.rule.id,
        "level": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": report.display_path(&d.file) },
                "region": { "startLine": d.line, "startColumn": d.column },
            }
        }],
    });
    if let Some(index) = report.rules.iter().position(|r| r.id == d.rule.id) {
        result["ruleIndex"] = json!(index);
    }
    if let Some(fix) = &d.fix {
        result["fixes"] = json!([fix_object(report, d, fix)]);
    }
    result
}

/// A SARIF `fix`: the finding's edits as replacements of regions of its file, with the fix's
/// applicability as a property (SARIF has no word for it).
fn fix_object(report: &Report<'_>, d: &Diagnostic, fix: &Fix) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .zip(&d.fix_at)
        .map(|(edit, at)| {
            json!({
                "deletedRegion": {
                    "startLine": at.start.line,
                    "startColumn": at.start.column,
                    "endLine": at.end.line,
                    "endColumn": at.end.column,
                },
                "insertedContent": { "text": edit.replacement },
            })
        })
        .collect();
    let applicability = match fix.applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    };
    json!({
        "description": { "text": fix.title },
        "artifactChanges": [{
            "artifactLocation": { "uri": report.display_path(&d.file) },
            "replacements": replacements,
        }],
        "properties": { "applicability": applicability },
    })
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Allow => "none",
        Level::Warn => "warning",
        Level::Deny => "error",
    }
}
