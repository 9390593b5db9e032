//! Ids across the plan: what the cursor names (a reference value, an `@id` link, `id = "…"`, or
//! the file's own document), where that is defined, every place that names it, and renaming it
//! everywhere (front matter and `@id` links), refused when the new id is taken.

use std::collections::HashMap;
use std::ops::Range;

use lsp_server::ErrorCode;
use lsp_types::{Location, Position, PrepareRenameResponse, TextEdit, Url, WorkspaceEdit};

use super::context::{self, Spot};
use super::server::{At, Failure};
use crate::markdown::{Target, parse_target};
use crate::plan::{Document, SETTINGS_FILE};

/// What a reference names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Name {
    /// A document, by id.
    Id(String),
    /// A channel of plan.toml, by id.
    Channel(String),
}

/// Whether a key (in `table`) holds references, and to what.
pub fn reference_key(table: &str, key: &str) -> Option<fn(String) -> Name> {
    match (table, key) {
        ("", "strategy" | "strategies" | "goals") | ("measurements", "goal") => Some(Name::Id),
        ("", "channel" | "channels") => Some(Name::Channel),
        _ => None,
    }
}

/// What the cursor names, with the span of the name in the file; with `whole_file`, a cursor on
/// nothing in particular names the file's own document.
pub fn name_at(at: &At<'_>, position: Position, whole_file: bool) -> Option<(Name, Option<Range<usize>>)> {
    let text = at.text();
    let offset = at.index(&text).offset(position);
    let settings = at.rel == SETTINGS_FILE;
    let cursor = context::at(&text, offset, settings);
    let named = cursor.and_then(|c| match c.spot {
        Spot::Link { id, span } if !id.is_empty() => Some((Name::Id(id), Some(span))),
        Spot::Value { key, string: Some(s) } if !settings => {
            let name = if c.table.is_empty() && key == "id" {
                Name::Id
            } else {
                reference_key(&c.table, &key)?
            };
            Some((name(s.value.trim().to_owned()), Some(s.inner)))
        }
        Spot::Value { key, string: Some(s) } if c.table == "channels" && key == "id" => {
            Some((Name::Channel(s.value.trim().to_owned()), Some(s.inner)))
        }
        _ => None,
    });
    named.or_else(|| {
        let doc = at.workspace.document(&at.rel).filter(|_| whole_file)?;
        Some((Name::Id(doc.id.clone()), None))
    })
}

/// Where a document's id is declared: its `id = "…"` value (inside the quotes), if it has one.
pub fn id_value(doc: &Document) -> Option<Range<usize>> {
    let (_, key) = doc.keys.iter().find(|(k, _)| k == "id")?;
    let line_end = doc.text[key.end..].find('\n').map_or(doc.text.len(), |i| key.end + i);
    let rest = &doc.text[key.end..line_end];
    let open = rest.find(['"', '\''])?;
    let quote = rest.as_bytes()[open] as char;
    let close = rest[open + 1..].find(quote)? + open + 1;
    Some(key.end + open + 1..key.end + close)
}

/// The inside of a quoted value's span (`"leads"` → `leads`).
fn inner(text: &str, span: &Range<usize>) -> Range<usize> {
    let quoted = text
        .get(span.clone())
        .is_some_and(|s| s.len() >= 2 && (s.starts_with('"') || s.starts_with('\'')));
    if quoted {
        span.start + 1..span.end - 1
    } else {
        span.clone()
    }
}

/// Every place in the plan's documents that names document `id`: `(path, span of the id)`.
pub fn id_references(at: &At<'_>, id: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for doc in &at.workspace.plan.documents {
        let mut values: Vec<&Range<usize>> = Vec::new();
        if let Some(s) = doc.strategy() {
            values.extend(s.goals.iter().filter(|g| g.value == id).map(|g| &g.span));
        }
        if let Some(t) = doc.tactic() {
            values.extend(t.strategies.iter().filter(|s| s.value == id).map(|s| &s.span));
        }
        if let Some(e) = doc.evaluation() {
            values.extend(e.goals.iter().filter(|g| g.value == id).map(|g| &g.span));
            let goals = e.measurements.iter().filter_map(|m| m.value.goal.as_ref());
            values.extend(goals.filter(|g| g.value == id).map(|g| &g.span));
        }
        out.extend(
            values
                .into_iter()
                .map(|span| (doc.path.clone(), inner(&doc.text, span))),
        );
        for link in &doc.links {
            if let Some(Target::Id { id: linked, .. }) = parse_target(&link.dest)
                && linked == id
                && let Some(span) = link_id_span(&doc.text, &link.span, id)
            {
                out.push((doc.path.clone(), span));
            }
        }
    }
    out
}

/// The `id` of `@id` inside a link's text.
fn link_id_span(text: &str, link: &Range<usize>, id: &str) -> Option<Range<usize>> {
    let source = text.get(link.clone())?;
    let at = source.rfind(&format!("@{id}"))?;
    let start = link.start + at + 1;
    Some(start..start + id.len())
}

/// Every place that names channel `id`, and where plan.toml declares it.
fn channel_references(at: &At<'_>, id: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for doc in &at.workspace.plan.documents {
        let lists = [
            doc.goal().map(|g| &g.channels),
            doc.strategy().map(|s| &s.channels),
            doc.tactic().map(|t| &t.channels),
        ];
        for channel in lists.into_iter().flatten().flatten().filter(|c| c.value == id) {
            out.push((doc.path.clone(), inner(&doc.text, &channel.span)));
        }
    }
    out
}

fn location(at: &At<'_>, rel: &str, span: Range<usize>) -> Option<Location> {
    let text = at.workspace.text_of(rel)?;
    let range = at.index(&text).range(span);
    Some(Location::new(at.uri(rel)?, range))
}

/// Where the name under the cursor is defined.
pub fn definition(at: &At<'_>, position: Position) -> Option<lsp_types::GotoDefinitionResponse> {
    let (name, _) = name_at(at, position, false)?;
    let found = match name {
        Name::Id(id) => {
            let doc = at.workspace.plan.get(&id)?;
            location(at, &doc.path, id_value(doc).unwrap_or(0..0))?
        }
        Name::Channel(id) => {
            let channel = at.workspace.plan.settings.channel(&id)?;
            location(at, SETTINGS_FILE, channel.span.start..channel.span.start)?
        }
    };
    Some(lsp_types::GotoDefinitionResponse::Scalar(found))
}

/// Every place that names what the cursor names (or, elsewhere in a document, the document).
pub fn references(at: &At<'_>, position: Position, declaration: bool) -> Option<Vec<Location>> {
    let (name, _) = name_at(at, position, true)?;
    let mut places = match &name {
        Name::Id(id) => id_references(at, id),
        Name::Channel(id) => channel_references(at, id),
    };
    if declaration {
        match &name {
            Name::Id(id) => {
                if let Some(doc) = at.workspace.plan.get(id) {
                    places.insert(0, (doc.path.clone(), id_value(doc).unwrap_or(0..0)));
                }
            }
            Name::Channel(id) => {
                if let Some(c) = at.workspace.plan.settings.channel(id) {
                    places.insert(0, (SETTINGS_FILE.to_owned(), c.span.start..c.span.start));
                }
            }
        }
    }
    Some(
        places
            .into_iter()
            .filter_map(|(rel, span)| location(at, &rel, span))
            .collect(),
    )
}

/// The id that a rename at the cursor would change, if the cursor is on one of a document.
pub fn prepare_rename(at: &At<'_>, position: Position) -> Option<PrepareRenameResponse> {
    let (Name::Id(id), Some(span)) = name_at(at, position, false)? else {
        return None;
    };
    at.workspace.plan.get(&id)?;
    let text = at.text();
    Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: at.index(&text).range(span),
        placeholder: id,
    })
}

/// Renames the document id under the cursor everywhere it is named.
pub fn rename(at: &At<'_>, position: Position, new: &str) -> Result<WorkspaceEdit, Failure> {
    let failed = |message: String| (ErrorCode::RequestFailed, message);
    let Some((Name::Id(id), Some(_))) = name_at(at, position, false) else {
        return Err(failed(
            "put the cursor on a document's id or a reference to one to rename it".into(),
        ));
    };
    let plan = &at.workspace.plan;
    let Some(doc) = plan.get(&id) else {
        return Err(failed(format!("no document has the id `{id}`")));
    };
    let new = new.trim();
    if new.is_empty() || new.contains(|c: char| c.is_whitespace() || "\"'#@/\\[]()".contains(c)) {
        return Err(failed(format!(
            "`{new}` cannot be an id: use letters, digits, `-` and `_`"
        )));
    }
    if let Some(other) = plan.get(new).filter(|_| new != id) {
        return Err(failed(format!("the id `{new}` is already used by `{}`", other.path)));
    }
    let mut places = id_references(at, &id);
    let mut inserts = Vec::new();
    match id_value(doc) {
        Some(span) => places.push((doc.path.clone(), span)),
        None => inserts.push((doc.path.clone(), doc.toml.start, format!("id = \"{new}\"\n"))),
    }
    let mut changes: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    let edits = places
        .into_iter()
        .map(|(rel, span)| (rel, span, new.to_owned()))
        .chain(inserts.into_iter().map(|(rel, at, text)| (rel, at..at, text)));
    for (rel, span, text) in edits {
        let (Some(uri), Some(source)) = (at.uri(&rel), at.workspace.text_of(&rel)) else {
            continue;
        };
        let range = at.index(&source).range(span);
        changes.entry(uri).or_default().push(TextEdit::new(range, text));
    }
    Ok(WorkspaceEdit::new(changes))
}
