//! Hover: a reference's target (title, kind, owner, status, a goal's progress), a channel, what
//! a field means, and a rule's documentation (on a rule id in `[lint]` or `[lint.allow]`, or
//! anywhere a finding points).

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::context::{self, Spot};
use super::diagnostics;
use super::fields;
use super::navigate::{self, Name};
use super::server::At;
use crate::diagnostic::Rule;
use crate::lint;
use crate::plan::{Document, Kind, SETTINGS_FILE, progress};

pub fn hover(at: &At<'_>, position: Position) -> Option<Hover> {
    let text = at.text();
    let offset = at.index(&text).offset(position);
    let settings = at.rel == SETTINGS_FILE;
    let mut parts = Vec::new();
    if let Some(cursor) = context::at(&text, offset, settings) {
        match &cursor.spot {
            Spot::Key { key, .. } | Spot::Value { key, .. } if is_rule_table(&cursor.table, settings) => {
                parts.extend(lint::find_rule(key).map(rule_docs));
            }
            Spot::Key { key, .. } if settings => parts.extend(fields::describe(None, &cursor.table, key)),
            Spot::Key { key, .. } => {
                parts.extend(kind_of(at).and_then(|kind| fields::describe(Some(kind), &cursor.table, key)));
            }
            _ => {}
        }
    }
    if let Some((name, _)) = navigate::name_at(at, position, false) {
        parts.extend(describe_name(at, &name));
    }
    for d in diagnostics::at(at.workspace, &at.rel, offset, offset) {
        let docs = rule_docs(d.rule);
        if !parts.contains(&docs) {
            parts.push(docs);
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: None,
    })
}

/// Whether keys of `table` are rule ids: plan.toml `[lint]`, a document's `[lint.allow]`.
pub fn is_rule_table(table: &str, settings: bool) -> bool {
    if settings {
        table == "lint"
    } else {
        table == "lint.allow"
    }
}

fn rule_docs(rule: &Rule) -> String {
    format!(
        "**`{}`** ({} by default): {}\n\n{}",
        rule.id,
        rule.default.as_str(),
        rule.summary,
        rule.docs.trim()
    )
}

/// The kind of the document being edited: parsed, else its folder's.
pub fn kind_of(at: &At<'_>) -> Option<Kind> {
    match at.workspace.document(&at.rel) {
        Some(doc) => Some(doc.kind),
        None => crate::plan::discover::folder_kind(&at.rel),
    }
}

fn describe_name(at: &At<'_>, name: &Name) -> Option<String> {
    let plan = &at.workspace.plan;
    match name {
        Name::Id(id) => plan
            .index_of(id)
            .map(|i| describe_document(at, i))
            .or_else(|| Some(format!("No document has the id `{id}`."))),
        Name::Channel(id) => {
            let Some(channel) = plan.settings.channel(id) else {
                return Some(format!("No channel `{id}` in plan.toml `[[channels]]`."));
            };
            let owner = channel.value.owner.as_ref().map_or("no owner", |o| o.value.as_str());
            let tactics = at.workspace.graph.tactics_on_channel(id).len();
            Some(format!(
                "**{}** — channel `{id}`\n\nOwner: {owner} · {tactics} tactic{}",
                channel.value.name,
                if tactics == 1 { "" } else { "s" }
            ))
        }
    }
}

fn describe_document(at: &At<'_>, i: usize) -> String {
    let doc: &Document = &at.workspace.plan.documents[i];
    let mut facts = vec![format!(
        "Owner: {}",
        doc.owner.as_ref().map_or("none", |o| o.value.as_str())
    )];
    if let Some(goal) = doc.goal() {
        let graph = &at.workspace.graph;
        let start = at
            .workspace
            .plan
            .settings
            .period
            .as_ref()
            .and_then(|p| p.value.start.as_ref());
        let assessed = progress::assess(
            goal,
            graph.measurements_of(i),
            at.workspace.today(),
            start.map(|s| s.value),
        );
        facts.push(format!("Status: {}", goal.status().name()));
        let mut line = format!("Progress: {}", assessed.status.key().replace('_', " "));
        if let Some(fraction) = assessed.fraction {
            line.push_str(&format!(", {:.0}% of the way to the target", fraction * 100.0));
        }
        if let Some(latest) = &assessed.latest {
            line.push_str(&format!(" (latest {} on {})", latest.value, latest.date));
        }
        facts.push(line);
    }
    if let Some(tactic) = doc.tactic() {
        facts.push(format!("Status: {}", tactic.status().name()));
    }
    format!(
        "**{}** — {} `{}`\n\n{}\n\n`{}`",
        doc.display_title(),
        doc.kind.name(),
        doc.id,
        facts.join(" · "),
        doc.path
    )
}
