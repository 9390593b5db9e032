//! Which document and which front-matter key a finding concerns, worked out from its file and
//! line when the rule did not say (baselines match findings by these, never by line numbers).

use crate::diagnostic::Diagnostic;
use crate::plan::{Document, Plan};

/// Fills in `document` and `field` of each finding that lacks them.
pub(super) fn fill(plan: &Plan, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics {
        let Some(doc) = plan.by_path(&d.file) else {
            continue;
        };
        if d.document.is_none() {
            d.document = Some(doc.id.clone());
        }
        if d.field.is_none() {
            d.field = field_at_line(doc, d.line).map(str::to_owned);
        }
    }
}

/// The top-level front-matter key whose value spans `line` (1-based), if the line lies in the
/// front matter.
fn field_at_line(doc: &Document, line: usize) -> Option<&str> {
    let text = &doc.text;
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)?
    };
    if line_start < doc.toml.start || line_start >= doc.toml.end {
        return None;
    }
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    doc.keys
        .iter()
        .filter(|(_, span)| span.start < line_end)
        .max_by_key(|(_, span)| span.start)
        .map(|(key, _)| key.as_str())
}
