//! One line on what each front-matter field means, for hover and completion. The names are the
//! plan's own (`COMMON_FIELDS`, `Kind::fields()`); a field the table does not describe is
//! still shown with its kind.

use crate::plan::Kind;
use crate::plan::model::COMMON_FIELDS;

/// `(table, field, meaning)`: `table` is `""` for a top-level field.
const MEANINGS: &[(&str, &str, &str)] = &[
    ("", "id", "The document's id, which references use; defaults to the file name without `.md`."),
    ("", "kind", "goal, strategy, tactic, evaluation or page; defaults to the top folder's kind."),
    ("", "title", "What the document is called on every page that shows it."),
    ("", "owner", "The person or role accountable for it."),
    ("", "description", "A sentence shown under the title."),
    ("", "tags", "Free labels, as a list of strings."),
    ("", "weight", "An integer that orders documents in lists (lower first)."),
    ("", "language", "The BCP 47 tag of the language it is written in (`en`, `vi`, `zh`, `cy`)."),
    ("", "extra", "A table of free-form data, never checked."),
    ("", "lint", "`[lint.allow]`: rules silenced in this file, each with a reason."),
    ("", "metric", "What is counted, in words (`qualified leads from LinkedIn`)."),
    ("", "unit", "The unit of the metric's values (`leads`, `%`, `hours`)."),
    ("", "baseline", "The metric's value when the goal starts."),
    ("", "target", "The value the goal aims to reach by its deadline."),
    ("", "direction", "increase, decrease or maintain; inferred from baseline → target if absent."),
    ("", "deadline", "The date the target is due (a TOML date, `2027-12-31`)."),
    ("", "start", "The date the goal or tactic starts; a goal's pace line starts here."),
    ("", "end", "The date the tactic ends."),
    ("", "data_source", "Where the numbers come from (a tool, a report)."),
    ("", "business_outcome", "What reaching the goal does for the organisation."),
    ("", "benchmark", "`{ value, source }`: a reference value and where it comes from."),
    ("", "channels", "Ids of channels declared in plan.toml `[[channels]]`."),
    ("", "channel", "The id of a channel declared in plan.toml `[[channels]]`."),
    ("", "status", "A goal: active, achieved, missed or dropped; a tactic: planned, active, done or dropped."),
    ("", "revisions", "`[[revisions]]`: a change of the goal once it started, and why."),
    ("", "goals", "Ids of the goals this document serves or measures."),
    ("", "strategy", "The id of the strategy this tactic carries out."),
    ("", "strategies", "Ids of the strategies this tactic carries out."),
    ("", "cadence", "How often it happens or is reviewed (`weekly`, `every 2 weeks`)."),
    ("", "budget", "`{ amount, currency }`: what the tactic may spend."),
    ("", "response_time", "How fast the team promises to answer (`2h`, `1 day`)."),
    ("", "practices", "What kind of social-media work the tactic is, from a fixed list."),
    ("", "method", "How the evaluation measures (a survey, a dashboard)."),
    ("", "next_review", "The date of the evaluation's next review."),
    ("", "measurements", "`[[measurements]]`: recorded values of a goal's metric."),
    ("measurements", "goal", "The goal measured (optional when the evaluation has one goal)."),
    ("measurements", "date", "The day the value was measured."),
    ("measurements", "value", "The measured value, in the goal's unit."),
    ("measurements", "note", "A remark on the measurement."),
    ("revisions", "date", "The day the goal was changed."),
    ("revisions", "field", "The field changed: target, baseline, deadline, start, metric, unit, direction or owner."),
    ("revisions", "from", "The value before."),
    ("revisions", "to", "The value after."),
    ("revisions", "reason", "Why the goal was changed."),
];

/// What a field of `kind` means, as Markdown; `None` for a key the kind does not have.
pub fn describe(kind: Kind, table: &str, key: &str) -> Option<String> {
    let known = table.is_empty() && (COMMON_FIELDS.contains(&key) || kind.fields().contains(&key));
    let meaning = MEANINGS.iter().find(|(t, k, _)| *t == table && *k == key).map(|m| m.2);
    if !known && meaning.is_none() {
        return None;
    }
    let name = if table.is_empty() { key.to_owned() } else { format!("{table}.{key}") };
    Some(format!(
        "**`{name}`** — a field of {}\n\n{}",
        kind.with_article(),
        meaning.unwrap_or("")
    ))
}

/// The keys a front matter of `kind` may hold, with their one-line meanings.
pub fn keys(kind: Kind) -> impl Iterator<Item = (&'static str, &'static str)> {
    COMMON_FIELDS.iter().chain(kind.fields()).map(|&key| {
        let meaning = MEANINGS.iter().find(|(t, k, _)| t.is_empty() && *k == key).map_or("", |m| m.2);
        (key, meaning)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_every_kind_has_a_meaning() {
        for kind in Kind::ALL {
            for (key, meaning) in keys(kind) {
                assert!(!meaning.is_empty(), "`{key}` of {} has no meaning", kind.name());
            }
        }
    }
}
