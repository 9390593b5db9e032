//! The diff's output formats: one small renderer each, over the same [`Diff`].

mod human;
mod json;
mod markdown;

use std::io::{self, Write};

use super::{Diff, DocChange, Status};

/// The `--format` values of `stratagem diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// per goal, each document's change and each field's old → new value, then the findings
    Human,
    /// a pull-request comment: short, grouped by goal, findings introduced and fixed
    Markdown,
    /// `{"base", "head", "documents": [{"id", "kind", "change", "fields", …}], "settings", "findings_introduced", "findings_fixed", "summary"}`, a stable contract
    Json,
}

pub fn render(format: Format, diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(diff, out),
        Format::Markdown => markdown::render(diff, out),
        Format::Json => json::render(diff, out),
    }
}

/// `origin/main (a1b2c3d)`, `work tree`.
fn revision_label(revision: &super::Revision) -> String {
    let short = revision.commit.as_deref().map(|c| c.get(..7).unwrap_or(c));
    match (&revision.revision, short) {
        (Some(name), Some(short)) if name.starts_with(short) => short.to_owned(),
        (Some(name), Some(short)) => format!("{name} ({short})"),
        (Some(name), None) => name.clone(),
        (None, Some(short)) => short.to_owned(),
        (None, None) => "the work tree".to_owned(),
    }
}

/// `1 added, 2 modified` — the counts that are not zero.
fn counts(diff: &Diff) -> String {
    let parts: Vec<String> = [
        (Status::Added, "added"),
        (Status::Removed, "removed"),
        (Status::Renamed, "renamed"),
        (Status::Modified, "edited"),
    ]
    .into_iter()
    .map(|(status, word)| (diff.count(status), word))
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| format!("{n} {word}"))
    .collect();
    if parts.is_empty() {
        "no document changed".to_owned()
    } else {
        format!(
            "{} document{}: {}",
            diff.documents.len(),
            plural(diff.documents.len()),
            parts.join(", ")
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The lines that describe one document's change below its heading: fields, references,
/// measurements, body.
fn details(change: &DocChange, code: fn(&str) -> String) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(from) = &change.renamed_from {
        lines.push(format!("moved from {}", code(from)));
    }
    for field in &change.compared.fields {
        let line = match (&field.from, &field.to) {
            (Some(from), Some(to)) => {
                let effect = match field.effect {
                    Some(super::Effect::Easier) => " (easier to meet)",
                    Some(super::Effect::Harder) => " (harder to meet)",
                    None => "",
                };
                format!("{}: {} → {}{effect}", field.field, code(from), code(to))
            }
            (None, Some(to)) => format!("{}: added, {}", field.field, code(to)),
            (Some(from), None) => format!("{}: removed (was {})", field.field, code(from)),
            (None, None) => continue,
        };
        lines.push(line);
    }
    for reference in &change.compared.references_gained {
        lines.push(format!("{} + {}", reference.field, code(&reference.id)));
    }
    for reference in &change.compared.references_lost {
        lines.push(format!("{} − {}", reference.field, code(&reference.id)));
    }
    let measurement = |m: &super::MeasurementChange| {
        let value = m.value.map_or_else(|| "?".to_owned(), |v| v.to_string());
        let date = m.date.clone().unwrap_or_else(|| "undated".into());
        let goal = m
            .goal
            .as_deref()
            .map(|g| format!(" for {}", code(g)))
            .unwrap_or_default();
        format!("{date}: {value}{goal}")
    };
    for m in &change.compared.measurements_added {
        lines.push(format!("measurement added, {}", measurement(m)));
    }
    for m in &change.compared.measurements_removed {
        lines.push(format!("measurement removed, {}", measurement(m)));
    }
    for m in &change.compared.measurements_changed {
        let show = |v: Option<f64>| v.map_or_else(|| "?".to_owned(), |v| v.to_string());
        let date = m.date.clone().unwrap_or_default();
        let goal = m
            .goal
            .as_deref()
            .map(|g| format!(" for {}", code(g)))
            .unwrap_or_default();
        lines.push(format!(
            "measurement of {date}{goal}: {} → {}",
            show(m.from),
            show(m.to)
        ));
    }
    if change.body_changed {
        lines.push("text edited".to_owned());
    }
    lines
}
