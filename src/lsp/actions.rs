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
    let newline = if toml.is_empty() || toml.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Some((doc.toml.end, format!("{newline}[lint.allow]\n{entry}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Fix, SourceRef};
    use crate::lsp::position::Encoding;
    use crate::lsp::workspace::Workspace;
    use crate::plan::rules::WRONG_TYPE;

    fn example() -> Workspace {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-plan");
        let today = std::rc::Rc::new(|_: &crate::plan::Settings| jiff::civil::date(2027, 5, 20));
        Workspace::load(&root, today).unwrap()
    }

    #[test]
    fn a_fix_is_a_quick_fix_preferred_when_safe_beside_a_suppression() {
        let mut workspace = example();
        let rel = "goals/phan-hoi-nhanh.md";
        let text = workspace.document(rel).unwrap().text.clone();
        let span = text.find("\"giờ\"").unwrap()..text.find("\"giờ\"").unwrap() + "\"giờ\"".len();
        for applicability in [Applicability::Safe, Applicability::Unsafe] {
            let fix = Fix::replace("Say hours", applicability, span.clone(), "\"hours\"");
            let source = SourceRef { path: rel, text: &text };
            let d = Diagnostic::new(&WRONG_TYPE, source, span.clone(), "m").with_fix(source, fix);
            workspace.outcome.diagnostics = vec![d];
            let at = At {
                workspace: &workspace,
                rel: rel.to_owned(),
                encoding: Encoding::Utf16,
            };
            let index = at.index(&text);
            let found = actions(&at, index.range(span.clone()));
            let [
                CodeActionOrCommand::CodeAction(fix),
                CodeActionOrCommand::CodeAction(suppress),
            ] = &found[..]
            else {
                panic!("a fix and a suppression: {found:?}");
            };
            assert_eq!(fix.title, "Say hours");
            assert_eq!(fix.is_preferred, Some(applicability == Applicability::Safe));
            let edits = &fix
                .edit
                .as_ref()
                .unwrap()
                .changes
                .as_ref()
                .unwrap()
                .values()
                .next()
                .unwrap()[0];
            assert_eq!(edits.range, index.range(span.clone()));
            assert_eq!(edits.new_text, "\"hours\"");
            assert!(suppress.title.starts_with("Suppress `wrong-type`"));
        }
    }

    #[test]
    fn a_suppression_goes_into_an_existing_lint_allow_table() {
        let workspace = example();
        let mut doc = workspace.document("tactics/saved-replies.md").unwrap().clone();
        doc.text = doc.text.replacen("+++\n\n", "[lint.allow]\nx = \"y\"\n+++\n\n", 1);
        doc.toml.end += "[lint.allow]\nx = \"y\"\n".len();
        let d = Diagnostic::new(&WRONG_TYPE, doc.source(), 0..0, "m");
        let (offset, entry) = suppression(&doc, &d).unwrap();
        assert_eq!(&doc.text[offset - "[lint.allow]\n".len()..offset], "[lint.allow]\n");
        assert_eq!(entry, format!("wrong-type = \"{PLACEHOLDER_REASON}\"\n"));
    }
}
