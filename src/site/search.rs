//! The search index: one entry per document with its title, kind, URL, the text of its fields and
//! the start of its body, written as a script (`search-index.js`) so that search works from
//! `file://` as well as from a server.

use serde::Serialize;

use super::model::Model;
use crate::plan::{Document, KindData};

/// How much of each body goes into the index; enough to find a document by what it is about
/// while keeping the index small for plans of thousands of documents.
pub const BODY_CHARS: usize = 1500;
const _: () = assert!(
    BODY_CHARS * 4 <= super::markdown::TEXT_LIMIT,
    "the renderer keeps enough text"
);

#[derive(Serialize)]
struct Entry<'a> {
    /// Title.
    t: &'a str,
    /// Kind, as the reader's language names it.
    k: &'a str,
    /// URL relative to the site root.
    u: &'a str,
    /// Field values: id, owner, metric, channels, tags …
    f: String,
    /// The start of the body text.
    b: String,
}

fn fields<'a>(doc: &'a Document) -> String {
    let mut parts: Vec<&str> = vec![&doc.id];
    let mut push = |s: &'a Option<crate::plan::Spanned<String>>| {
        if let Some(s) = s {
            parts.push(&s.value);
        }
    };
    push(&doc.owner);
    push(&doc.description);
    let mut lists: Vec<&str> = doc.tags.iter().map(|t| t.value.as_str()).collect();
    match &doc.data {
        KindData::Goal(g) => {
            for s in [&g.metric, &g.unit, &g.data_source, &g.business_outcome, &g.status] {
                push(s);
            }
            lists.extend(g.channels.iter().map(|c| c.value.as_str()));
        }
        KindData::Strategy(s) => lists.extend(s.channels.iter().chain(&s.goals).map(|c| c.value.as_str())),
        KindData::Tactic(t) => {
            for s in [&t.cadence, &t.response_time, &t.status] {
                push(s);
            }
            lists.extend(
                t.channels
                    .iter()
                    .chain(&t.strategies)
                    .chain(&t.practices)
                    .map(|c| c.value.as_str()),
            );
        }
        KindData::Evaluation(e) => {
            for s in [&e.metric, &e.method, &e.data_source, &e.cadence] {
                push(s);
            }
        }
        KindData::Page => {}
    }
    parts.extend(lists);
    parts.join(" · ")
}

/// `window.STRATAGEM_SEARCH = [...]`.
pub fn index_script(model: &Model<'_>) -> String {
    let entries: Vec<Entry<'_>> = model
        .plan
        .documents
        .iter()
        .enumerate()
        .map(|(i, doc)| Entry {
            t: doc.display_title(),
            k: model.t(doc.kind.name()),
            u: model.urls.doc(i),
            f: fields(doc),
            b: model.bodies[i].text.chars().take(BODY_CHARS).collect(),
        })
        .collect();
    let json = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_owned());
    format!("window.STRATAGEM_SEARCH = {json};\n")
}
