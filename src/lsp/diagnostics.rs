//! A lint outcome as the protocol's diagnostics, one list per file: range from the finding's
//! byte span, severity, the rule id as code, `stratagem` as source, the help line after the
//! message.

use std::collections::HashMap;

use lsp_types::{DiagnosticSeverity, DiagnosticTag, NumberOrString};

use super::position::{Encoding, LineIndex};
use super::workspace::Workspace;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::suppress::UNUSED_SUPPRESSION;

pub const SOURCE: &str = "stratagem";

/// One finding, positioned in `index` (its file's text).
pub fn to_lsp(d: &Diagnostic, index: &LineIndex<'_>) -> lsp_types::Diagnostic {
    let message = match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    };
    lsp_types::Diagnostic {
        range: index.range(d.span.clone()),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.id.to_owned())),
        source: Some(SOURCE.to_owned()),
        message,
        tags: d.is(&UNUSED_SUPPRESSION).then(|| vec![DiagnosticTag::UNNECESSARY]),
        ..lsp_types::Diagnostic::default()
    }
}

/// Every file's findings of the last lint, positioned in the file's text as the editor has it.
pub fn by_file(workspace: &Workspace, encoding: Encoding) -> HashMap<String, Vec<lsp_types::Diagnostic>> {
    let mut out: HashMap<String, Vec<lsp_types::Diagnostic>> = HashMap::new();
    let all = &workspace.outcome.diagnostics;
    let mut start = 0;
    while start < all.len() {
        let file = &all[start].file;
        let end = start + all[start..].iter().take_while(|d| &d.file == file).count();
        let text = workspace.text_of(file).unwrap_or_default();
        let index = LineIndex::new(&text, encoding);
        let list = out.entry(file.clone()).or_default();
        list.extend(all[start..end].iter().map(|d| to_lsp(d, &index)));
        start = end;
    }
    out
}

/// The findings of one file whose range meets `[start, end]` (byte offsets).
pub fn at<'a>(workspace: &'a Workspace, rel: &str, start: usize, end: usize) -> Vec<&'a Diagnostic> {
    workspace
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.file == rel && d.span.start <= end && start <= d.span.end)
        .collect()
}
