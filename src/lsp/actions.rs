//! Code actions: each finding's fix as a quick fix (preferred when it is safe), and silencing a
//! finding in its document's `[lint.allow]` with a reason to fill in.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, WorkspaceEdit};

use super::diagnostics::{self, to_lsp};
use super::server::At;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::lint::config::UNKNOWN_RULE;
use crate::lint::suppress::UNUSED_SUPPRESSION;
use crate::plan::Document;

/// What a new suppression says until its author writes why.
pub const PLACEHOLDER_REASON: &str = "TODO: why this is fine here";

pub fn actions(at: &At<'_>, range: lsp_types::Range) -> Vec<CodeActionOrCommand> {
    let text = at.text();
    let index = at.index(&text);
    let (start, end) = (index.offset(range.start), index.offset(range.end));
    let Some(uri) = at.uri(&at.rel) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in diagnostics::at(at.workspace, &at.rel, start, end) {
        let diagnostic = to_lsp(d, &index);
        let edit = |edits: Vec<TextEdit>| WorkspaceEdit::new(HashMap::from([(uri.clone(), edits)]));
        if let Some(fix) = &d.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(index.range(e.range.clone()), e.replacement.clone()))
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit(edits)),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
        let doc = at.workspace.document(&at.rel);
        if let Some((offset, insert)) = doc.and_then(|doc| suppression(doc, d)) {
            let position = index.position(offset);
            let edits = vec![TextEdit::new(lsp_types::Range::new(position, position), insert)];
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Suppress `{}` in this file, with a reason", d.rule.id),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: Some(edit(edits)),
                is_preferred: Some(false),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// Where to insert a `[lint.allow]` entry for the finding's rule, and the text: after the
/// table's header, or a new table at the end of the front matter. `None` when the rule is
/// already allowed, the front matter writes `lint` another way, or the finding is about
/// suppressions themselves.
pub fn suppression(doc: &Document, d: &Diagnostic) -> Option<(usize, String)> {
    if d.is(&UNUSED_SUPPRESSION) || d.is(&UNKNOWN_RULE) || doc.allow.iter().any(|a| a.rule.value == d.rule.id) {
        return None;
    }
    let entry = format!("{} = \"{PLACEHOLDER_REASON}\"\n", d.rule.id);
    let toml = &doc.text[doc.toml.clone()];
    let mut offset = doc.toml.start;
    for line in toml.split_inclusive('\n') {
        offset += line.len();
        if line.trim() == "[lint.allow]" {
            return Some((offset, entry));
        }
    }
    if doc.keys.iter().any(|(k, _)| k == "lint") {
        return None;
    }
    let newline = if toml.is_empty() || toml.ends_with('\n') { "" } else { "\n" };
    Some((doc.toml.end, format!("{newline}[lint.allow]\n{entry}")))
}
