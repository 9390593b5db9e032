//! The search index: one entry per document with its title, kind, URL, owner, the text of its
//! fields and the start of its body, written as a script (`search-index.js`) so that search works from
//! `file://` as well as from a server. Entries are serialised once per document and kept, so that
//! the preview re-serialises only the documents an edit changed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::plan::{Document, Kind, KindData};

/// How much of each body goes into the index; enough to find a document by what it is about
/// while keeping the index small for plans of thousands of documents.
pub const BODY_CHARS: usize = 1500;
const _: () = assert!(
    BODY_CHARS < crate::markdown::render::TEXT_CHARS,
    "the renderer keeps enough text"
);

#[derive(Serialize)]
struct Entry<'a> {
    /// Title.
    t: &'a str,
    /// Kind: `goal`, `strategy` … (the script shows it in the reader's language).
    k: &'a str,
    /// URL relative to the site root.
    u: &'a str,
    /// Owner, shown under the title of a result (and searched as a field); absent when none.
    #[serde(skip_serializing_if = "str::is_empty")]
    o: &'a str,
    /// Other field values: id, description, metric, channels, tags …
    f: String,
    /// The start of the body text.
    b: &'a str,
}

fn fields<'a>(doc: &'a Document) -> String {
    let mut parts: Vec<&str> = vec![&doc.id];
    let text = |s: &'a Option<crate::plan::Spanned<String>>| s.as_ref().map(|s| s.value.as_str());
    parts.extend(text(&doc.description));
    let mut lists: Vec<&str> = doc.tags.iter().map(|t| t.value.as_str()).collect();
    match &doc.data {
        KindData::Goal(g) => {
            let status = g.status.as_ref().map(|s| s.value.name());
            let texts = [&g.metric, &g.unit, &g.data_source, &g.business_outcome].map(text);
            parts.extend(texts.into_iter().chain([status]).flatten());
            lists.extend(g.channels.iter().map(|c| c.value.as_str()));
        }
        KindData::Strategy(s) => lists.extend(s.channels.iter().chain(&s.goals).map(|c| c.value.as_str())),
        KindData::Tactic(t) => {
            let status = t.status.as_ref().map(|s| s.value.name());
            parts.extend([text(&t.cadence), text(&t.response_time), status].into_iter().flatten());
            lists.extend(t.channels.iter().chain(&t.strategies).map(|c| c.value.as_str()));
            lists.extend(t.practices.iter().map(|p| p.value.as_str()));
        }
        KindData::Evaluation(e) => {
            parts.extend(
                [&e.metric, &e.method, &e.data_source, &e.cadence]
                    .map(text)
                    .into_iter()
                    .flatten(),
            );
        }
        KindData::Page => {}
    }
    parts.extend(lists);
    parts.join(" · ")
}

/// One document's entry, as JSON.
pub fn entry(doc: &Document, url: &str, text: &str) -> String {
    let entry = Entry {
        t: doc.display_title(),
        k: doc.kind.name(),
        u: url,
        o: doc.owner.as_ref().map_or("", |o| o.value.as_str()),
        f: fields(doc),
        b: text
            .char_indices()
            .nth(BODY_CHARS)
            .map_or(text, |(end, _)| &text[..end]),
    };
    script_safe(serde_json::to_string(&entry).unwrap_or_else(|_| "{}".to_owned()))
}

/// `window.STRATAGEM_SEARCH = [...]` from the entries, and the kinds' names in the UI language.
/// JSON that stays inert wherever the script ends up, even inlined in a page: `<` only ever
/// occurs inside JSON strings, where `\u003c` means the same.
fn script_safe(json: String) -> String {
    if json.contains('<') {
        json.replace('<', "\\u003c")
    } else {
        json
    }
}

pub fn index_script(entries: &[String], kind_names: impl Fn(&str) -> String) -> String {
    let names: BTreeMap<&str, String> = Kind::NAMES.iter().map(|k| (*k, kind_names(k))).collect();
    let mut out = String::with_capacity(entries.iter().map(|e| e.len() + 1).sum::<usize>() + 256);
    out.push_str("window.STRATAGEM_KINDS = ");
    out.push_str(&script_safe(
        serde_json::to_string(&names).unwrap_or_else(|_| "{}".to_owned()),
    ));
    out.push_str(";\nwindow.STRATAGEM_SEARCH = [");
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(entry);
    }
    out.push_str("];\n");
    out
}
