//! Front matter compared key by key: the TOML of both versions of a document (or of plan.toml)
//! read as tables, each value shown as the plan writes it.

use serde::Serialize;
use toml::{Table, Value};

use super::{MeasurementChange, MeasurementEdit, Reference};
use crate::plan::{Direction, Document, Kind, KindData};

/// One field whose value changed; `from` is `null` for a new field, `to` for a removed one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// For a goal's `target` and `deadline`: whether the change makes the goal easier to meet
    /// (a lower target to increase, a later deadline) or harder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<Effect>,
}

/// Which way a change moves a goal's bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    Easier,
    Harder,
}

/// What changed in one document's front matter.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Compared {
    /// Front-matter fields whose value changed, in the order the file lists them (a goal's
    /// numbers and dates first).
    pub fields: Vec<FieldChange>,
    pub references_gained: Vec<Reference>,
    pub references_lost: Vec<Reference>,
    pub measurements_added: Vec<MeasurementChange>,
    pub measurements_removed: Vec<MeasurementChange>,
    pub measurements_changed: Vec<MeasurementEdit>,
}

impl Compared {
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
            && self.references_gained.is_empty()
            && self.references_lost.is_empty()
            && self.measurements_added.is_empty()
            && self.measurements_removed.is_empty()
            && self.measurements_changed.is_empty()
    }
}

/// The fields a reviewer reads first, in this order; the others follow in the file's order.
const FIRST: &[&str] = &[
    "target",
    "baseline",
    "deadline",
    "owner",
    "metric",
    "unit",
    "direction",
    "status",
    "start",
];

/// The fields that name other documents.
fn reference_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Strategy | Kind::Evaluation => &["goals"],
        Kind::Tactic => &["strategy", "strategies"],
        Kind::Goal | Kind::Page => &[],
    }
}

pub fn compare_documents(old: &Document, new: &Document) -> Compared {
    let (before, after) = (table(&old.text[old.toml.clone()]), table(&new.text[new.toml.clone()]));
    let mut compared = Compared::default();
    let references = reference_fields(new.kind);
    for field in references {
        let (was, is) = (ids(before.get(*field)), ids(after.get(*field)));
        let reference = |id: &String| Reference {
            field: (*field).to_owned(),
            id: id.clone(),
        };
        compared
            .references_gained
            .extend(is.iter().filter(|id| !was.contains(id)).map(reference));
        compared
            .references_lost
            .extend(was.iter().filter(|id| !is.contains(id)).map(reference));
    }
    if new.kind == Kind::Evaluation {
        let (was, is) = (entries(before.get("measurements")), entries(after.get("measurements")));
        let added: Vec<_> = is.iter().filter(|m| !was.contains(m)).map(measurement).collect();
        let removed: Vec<_> = was.iter().filter(|m| !is.contains(m)).map(measurement).collect();
        pair_edits(&mut compared, added, removed);
    }
    let skip = |key: &str| references.contains(&key) || (new.kind == Kind::Evaluation && key == "measurements");
    let order: Vec<&str> = new.keys.iter().chain(&old.keys).map(|(k, _)| k.as_str()).collect();
    compared.fields = changed_keys(&before, &after, &order, skip);
    if let KindData::Goal(goal) = &new.data {
        judge(&mut compared.fields, &before, &after, goal.direction());
    }
    compared
}

/// A measurement removed and one added with the same goal and date are one measurement edited.
fn pair_edits(compared: &mut Compared, added: Vec<MeasurementChange>, mut removed: Vec<MeasurementChange>) {
    for new in added {
        let same = removed
            .iter()
            .position(|old| old.goal == new.goal && old.date == new.date && new.date.is_some());
        match same {
            Some(i) => {
                let old = removed.remove(i);
                compared.measurements_changed.push(MeasurementEdit {
                    goal: new.goal,
                    date: new.date,
                    from: old.value,
                    to: new.value,
                });
            }
            None => compared.measurements_added.push(new),
        }
    }
    compared.measurements_removed = removed;
}

/// plan.toml's keys that changed, in alphabetical order (tables such as `[lint]` compared as a
/// whole).
pub fn compare_tables(old: &str, new: &str) -> Vec<FieldChange> {
    changed_keys(&table(old), &table(new), &[], |_| false)
}

/// The keys whose value differs: those of [`FIRST`] first, then in `order` (the file's), then
/// the rest alphabetically.
fn changed_keys(before: &Table, after: &Table, order: &[&str], skip: impl Fn(&str) -> bool) -> Vec<FieldChange> {
    let mut keys: Vec<&String> = after
        .keys()
        .chain(before.keys().filter(|k| !after.contains_key(*k)))
        .collect();
    let rank = |k: &str| match FIRST.iter().position(|f| *f == k) {
        Some(i) => (0, i),
        None => (1, order.iter().position(|o| *o == k).unwrap_or(order.len())),
    };
    keys.sort_by_key(|k| rank(k));
    keys.into_iter()
        .filter(|key| !skip(key) && before.get(*key) != after.get(*key))
        .map(|key| FieldChange {
            field: key.clone(),
            from: before.get(key).map(show),
            to: after.get(key).map(show),
            effect: None,
        })
        .collect()
}

/// Marks a goal's target and deadline changes easier or harder, by the goal's direction now.
fn judge(fields: &mut [FieldChange], before: &Table, after: &Table, direction: Option<Direction>) {
    for field in fields {
        let (Some(old), Some(new)) = (before.get(&field.field), after.get(&field.field)) else {
            continue;
        };
        let harder = match field.field.as_str() {
            "target" => match (number(old), number(new), direction) {
                (Some(a), Some(b), Some(Direction::Increase)) => Some(b > a),
                (Some(a), Some(b), Some(Direction::Decrease)) => Some(b < a),
                _ => None,
            },
            "deadline" => match (old.as_datetime(), new.as_datetime()) {
                (Some(a), Some(b)) => {
                    let day = |d: &toml::value::Datetime| d.date.map(|d| (d.year, d.month, d.day));
                    day(a).zip(day(b)).map(|(a, b)| b < a)
                }
                _ => None,
            },
            _ => None,
        };
        field.effect = harder.map(|harder| if harder { Effect::Harder } else { Effect::Easier });
    }
}

fn number(value: &Value) -> Option<f64> {
    value.as_float().or_else(|| value.as_integer().map(|i| i as f64))
}

/// A front matter that does not parse compares as empty: its syntax error is a finding.
fn table(text: &str) -> Table {
    text.parse::<Table>().unwrap_or_default()
}

fn ids(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(id)) => vec![id.clone()],
        Some(Value::Array(list)) => list.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        _ => Vec::new(),
    }
}

fn entries(value: Option<&Value>) -> Vec<Table> {
    match value {
        Some(Value::Array(list)) => list.iter().filter_map(|v| v.as_table().cloned()).collect(),
        _ => Vec::new(),
    }
}

fn measurement(entry: &Table) -> MeasurementChange {
    MeasurementChange {
        goal: entry.get("goal").and_then(Value::as_str).map(str::to_owned),
        date: entry.get("date").map(show),
        value: entry
            .get("value")
            .and_then(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64))),
    }
}

/// A value as a reader of the plan would write it: text without quotes, lists with commas,
/// anything else as TOML.
pub fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(list) if list.iter().all(|v| !v.is_table() && !v.is_array()) => {
            list.iter().map(show).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_keys_put_a_goals_numbers_first_and_show_values_plainly() {
        let before = table("title = \"Leads\"\nowner = \"Mai\"\ntarget = 120\nchannels = [\"li\"]\n");
        let after = table(
            "title = \"More leads\"\nowner = \"Mai\"\ntarget = 90\nchannels = [\"li\", \"fb\"]\ndeadline = 2027-06-30\n",
        );
        let order = ["title", "owner", "target", "channels", "deadline"];
        let changes = changed_keys(&before, &after, &order, |_| false);
        let shown: Vec<_> = changes
            .iter()
            .map(|c| format!("{}: {:?} → {:?}", c.field, c.from, c.to))
            .collect();
        assert_eq!(
            shown,
            [
                "target: Some(\"120\") → Some(\"90\")",
                "deadline: None → Some(\"2027-06-30\")",
                "title: Some(\"Leads\") → Some(\"More leads\")",
                "channels: Some(\"li\") → Some(\"li, fb\")",
            ]
        );
    }

    #[test]
    fn an_unparsable_front_matter_compares_as_empty() {
        assert!(table("title = ").is_empty());
    }
}
