//! Completion: the field names of the document's kind, ids of the right kind in reference
//! fields, channels, practices, statuses and directions, `kind`, rule ids in `[lint]` and
//! `[lint.allow]` (and levels in `[lint]`), and ids after `@` in a body.

use std::ops::Range;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionResponse, CompletionTextEdit, Documentation, Position, TextEdit,
};

use super::context::{self, Spot};
use super::fields;
use super::hover::{is_rule_table, kind_of};
use super::navigate::{Name, reference_key};
use super::server::At;
use crate::diagnostic::Level;
use crate::lint;
use crate::plan::{Kind, SETTINGS_FILE};

/// A suggestion before it is placed: what to show, what it means, and its kind.
struct Offer {
    label: String,
    detail: Option<String>,
    kind: CompletionItemKind,
}

fn offer(label: impl Into<String>, detail: Option<String>, kind: CompletionItemKind) -> Offer {
    Offer {
        label: label.into(),
        detail,
        kind,
    }
}

pub fn complete(at: &At<'_>, position: Position) -> Option<CompletionResponse> {
    let text = at.text();
    let index = at.index(&text);
    let offset = index.offset(position);
    let settings = at.rel == SETTINGS_FILE;
    let cursor = context::at(&text, offset, settings)?;
    // What the suggestion replaces, and whether it must bring its own quotes.
    let (offers, replace, quote): (Vec<Offer>, Range<usize>, bool) = match &cursor.spot {
        Spot::Key { span, .. } if is_rule_table(&cursor.table, settings) => (rules(), span.clone(), false),
        Spot::Key { span, .. } => (keys(at, &cursor.table, settings), span.clone(), false),
        Spot::Value { key, string } => {
            let offers = values(at, &cursor.table, key, settings);
            match string {
                Some(s) => (offers, s.inner.clone(), false),
                None => (offers, word_at(&text, offset), true),
            }
        }
        Spot::Link { span, .. } => (ids(at, None), span.clone(), false),
        _ => return None,
    };
    if offers.is_empty() {
        return None;
    }
    let range = index.range(replace);
    let items = offers
        .into_iter()
        .map(|o| {
            let new_text = if quote {
                format!("\"{}\"", o.label)
            } else {
                o.label.clone()
            };
            CompletionItem {
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
                documentation: o.detail.clone().map(Documentation::String),
                detail: o.detail,
                kind: Some(o.kind),
                label: o.label,
                ..CompletionItem::default()
            }
        })
        .collect();
    Some(CompletionResponse::Array(items))
}

fn word_at(text: &str, offset: usize) -> Range<usize> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let word = context::word_around(&text[line_start..line_end], offset - line_start);
    line_start + word.start..line_start + word.end
}

fn rules() -> Vec<Offer> {
    lint::registry()
        .into_iter()
        .map(|r| offer(r.id, Some(r.summary.to_owned()), CompletionItemKind::PROPERTY))
        .collect()
}

/// The keys a table of this document (or of plan.toml) may hold; at the top, only those it
/// does not hold yet.
fn keys(at: &At<'_>, table: &str, settings: bool) -> Vec<Offer> {
    let kind = if settings {
        None
    } else {
        let Some(kind) = kind_of(at) else {
            return Vec::new();
        };
        Some(kind)
    };
    // Read from the text: the buffer being typed in rarely parses.
    let present = if table.is_empty() && !settings {
        context::top_keys(&at.text())
    } else {
        Vec::new()
    };
    fields::keys(kind, table)
        .into_iter()
        .filter(|def| !present.iter().any(|k| k == def.name))
        .map(|def| offer(def.name, Some(def.doc.to_owned()), CompletionItemKind::FIELD))
        .collect()
}

fn values(at: &At<'_>, table: &str, key: &str, settings: bool) -> Vec<Offer> {
    let words = |names: Vec<&'static str>| -> Vec<Offer> {
        names
            .into_iter()
            .map(|n| offer(n, None, CompletionItemKind::ENUM_MEMBER))
            .collect()
    };
    if settings {
        return if table == "lint" {
            words(Level::NAMES.to_vec())
        } else {
            Vec::new()
        };
    }
    if let Some(name) = reference_key(table, key) {
        return match name(String::new()) {
            Name::Id(_) => ids(
                at,
                Some(if key.starts_with("strateg") {
                    Kind::Strategy
                } else {
                    Kind::Goal
                }),
            ),
            Name::Channel(_) => at
                .workspace
                .plan
                .settings
                .channels
                .iter()
                .map(|c| offer(&c.value.id, Some(c.value.name.clone()), CompletionItemKind::VALUE))
                .collect(),
        };
    }
    kind_of(at)
        .and_then(|kind| fields::vocabulary(Some(kind), table, key))
        .map_or_else(Vec::new, |vocab| words(vocab.names()))
}

/// The ids of the plan's documents (of one kind), each with its title.
fn ids(at: &At<'_>, kind: Option<Kind>) -> Vec<Offer> {
    at.workspace
        .plan
        .documents
        .iter()
        .filter(|d| kind.is_none_or(|k| d.kind == k))
        .map(|d| {
            let detail = format!("{} — {}", d.kind.name(), d.display_title());
            offer(&d.id, Some(detail), CompletionItemKind::REFERENCE)
        })
        .collect()
}
