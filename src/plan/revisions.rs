//! A goal's `[[revisions]]`: the changes of its own fields the team recorded, each with the date,
//! the field, the values before and after, and the reason. Read with spans; a malformed entry is
//! `wrong-type` (with a correct entry as its help) and the rest of the goal still loads.

use std::ops::Range;

use jiff::civil::Date;
use toml::de::DeValue;

use super::Spanned;
use super::definitions;
use super::fields::{Fields, describe};
use super::model::Kind;
use super::vocabulary::RevisedField;

/// One `[[revisions]]` entry of a goal: on `date`, `field` went `from` → `to`, for `reason`.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub date: Option<Spanned<Date>>,
    pub field: Option<Spanned<RevisedField>>,
    pub from: Option<Spanned<RevisionValue>>,
    pub to: Option<Spanned<RevisionValue>>,
    pub reason: Option<Spanned<String>>,
    /// The entry's table in the file.
    pub span: Range<usize>,
}

/// A value a revision names: a number (target, baseline), a date (deadline, start) or text.
#[derive(Clone, Debug, PartialEq)]
pub enum RevisionValue {
    Number(f64),
    Date(Date),
    Text(String),
}

impl std::fmt::Display for RevisionValue {
    /// As the value is written in TOML: `120`, `2027-06-30`, `"leads"`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RevisionValue::Number(n) => write!(f, "{n}"),
            RevisionValue::Date(d) => write!(f, "{d}"),
            RevisionValue::Text(t) => write!(f, "{}", toml::Value::String(t.clone())),
        }
    }
}

/// What kind of value a revised field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ValueKind {
    Number,
    Date,
    Text,
}

fn kind_of(field: RevisedField) -> ValueKind {
    match field {
        RevisedField::Target | RevisedField::Baseline => ValueKind::Number,
        RevisedField::Deadline | RevisedField::Start => ValueKind::Date,
        RevisedField::Metric | RevisedField::Unit | RevisedField::Direction | RevisedField::Owner => ValueKind::Text,
    }
}

/// A correct entry, as the helps show it.
pub const EXAMPLE: &str = "[[revisions]]\ndate = 2027-04-01\nfield = \"target\"\nfrom = 120\nto = 100\nreason = \"…\"";

/// The keys an entry must have (`from` may be left out: a field set for the first time), from
/// the definitions table.
fn required() -> impl Iterator<Item = &'static str> {
    entry_fields()
        .iter()
        .filter(|f| f.required_in(Some(Kind::Goal)))
        .map(|f| f.name)
}

fn entry_fields() -> &'static [definitions::FieldDef] {
    definitions::field(Some(Kind::Goal), "revisions").map_or(&[], |f| f.sub_fields())
}

/// Reads `[[revisions]]` of a goal's front matter.
pub(super) fn read(f: &mut Fields<'_, '_>) -> Vec<Revision> {
    let entries = f.tables("revisions", &definitions::names(entry_fields()), |m| {
        let before = m.diagnostics.len();
        let entry = read_entry(m);
        for d in &mut m.diagnostics[before..] {
            let help = d.help.take().unwrap_or_default();
            d.help = Some(format!("{help}; a revision entry reads\n{EXAMPLE}"));
        }
        entry
    });
    let mut out = Vec::new();
    for entry in entries {
        let (mut revision, missing) = entry.value;
        revision.span = entry.span;
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
            let message = format!("a `[[revisions]]` entry has no {}", list.join(", "));
            let help =
                format!("a revision records when, which field, from what to what and why; write it as\n{EXAMPLE}");
            f.reject("revisions".to_owned(), revision.span.clone(), message, help);
        }
        out.push(revision);
    }
    out
}

/// One entry, and the required keys it lacks (an empty `reason` counts as lacking).
fn read_entry(m: &mut Fields<'_, '_>) -> (Revision, Vec<&'static str>) {
    let date = m.date("date");
    let field = m.one_of::<RevisedField>("field");
    let kind = field.as_ref().map(|f| kind_of(f.value));
    let from = value(m, "from", kind);
    let to = value(m, "to", kind);
    let reason = m.string("reason");
    let missing = required()
        .filter(|&key| match m.raw(key).map(|v| v.get_ref()) {
            None => true,
            Some(DeValue::String(s)) => key == "reason" && s.trim().is_empty(),
            Some(_) => false,
        })
        .collect();
    let revision = Revision {
        date,
        field,
        from,
        to,
        reason,
        span: 0..0,
    };
    (revision, missing)
}

/// `from` or `to`: of the kind its `field` holds, else whichever of a number, a date or a string
/// it is. A quoted number or date is reported and still used (as for the field itself).
fn value(m: &mut Fields<'_, '_>, key: &str, kind: Option<ValueKind>) -> Option<Spanned<RevisionValue>> {
    let raw = m.raw(key)?;
    let found = match raw.get_ref() {
        DeValue::Integer(_) | DeValue::Float(_) => ValueKind::Number,
        DeValue::Datetime(_) => ValueKind::Date,
        DeValue::String(_) => ValueKind::Text,
        other => {
            let message = format!(
                "`{}` should be a number, a date or a string, found {}",
                m.full_key(key),
                describe(other)
            );
            let help = format!("write the value as the field has it, e.g. `{key} = 100`");
            let span = m.file_span(raw.span());
            m.reject(m.full_key(key), span, message, help);
            return None;
        }
    };
    match kind.unwrap_or(found) {
        ValueKind::Number => m
            .number(key)
            .map(|n| Spanned::new(RevisionValue::Number(n.value), n.span)),
        ValueKind::Date => m.date(key).map(|d| Spanned::new(RevisionValue::Date(d.value), d.span)),
        ValueKind::Text => m
            .string(key)
            .map(|t| Spanned::new(RevisionValue::Text(t.value), t.span)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceRef;

    fn read_text(toml: &str) -> (Vec<Revision>, Vec<crate::diagnostic::Diagnostic>) {
        let table = toml::de::DeTable::parse(toml).unwrap();
        let source = SourceRef {
            path: "goals/a.md",
            text: toml,
        };
        let mut f = Fields::new(source, 0, table.get_ref());
        let revisions = read(&mut f);
        let result = f.finish("a goal", &["revisions"], |_| None);
        (revisions, result.diagnostics)
    }

    #[test]
    fn reads_each_entry_with_its_values() {
        let (revisions, diagnostics) = read_text(
            "[[revisions]]\ndate = 2027-03-01\nfield = \"target\"\nfrom = 120\nto = 90.5\nreason = \"Budget cut\"\n\n\
             [[revisions]]\ndate = 2027-04-01\nfield = \"deadline\"\nfrom = 2027-06-30\nto = 2027-09-30\nreason = \"Launch moved\"\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(revisions.len(), 2);
        assert_eq!(revisions[0].field.as_ref().unwrap().value, RevisedField::Target);
        assert_eq!(revisions[0].to.as_ref().unwrap().value, RevisionValue::Number(90.5));
        assert_eq!(revisions[0].reason.as_ref().unwrap().value, "Budget cut");
        let to = &revisions[1].to.as_ref().unwrap().value;
        assert_eq!(to, &RevisionValue::Date(jiff::civil::date(2027, 9, 30)));
        assert_eq!(to.to_string(), "2027-09-30");
    }

    #[test]
    fn a_malformed_entry_is_reported_and_the_rest_is_read() {
        let (revisions, diagnostics) = read_text(
            "[[revisions]]\ndate = \"soon\"\nfield = \"targett\"\nto = [1]\n\n\
             [[revisions]]\ndate = 2027-04-01\nfield = \"target\"\nto = \"90\"\nreason = \"Cut\"\nwhy = 1\n",
        );
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(diagnostics.len(), 6, "{messages:#?}");
        assert!(messages.iter().any(|m| m.contains("`revisions.date` should be a date")));
        assert!(messages.iter().any(|m| m.contains("unknown value `targett`")));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`revisions.to` should be a number, a date"))
        );
        assert!(messages.iter().any(|m| m.contains("has no `reason`")));
        assert!(messages.iter().any(|m| m.contains("`revisions.to` should be a number")));
        assert!(messages.iter().any(|m| m.contains("unknown field `revisions.why`")));
        assert!(
            diagnostics[0]
                .help
                .as_deref()
                .unwrap()
                .contains("[[revisions]]\ndate = ")
        );
        assert_eq!(revisions.len(), 2);
        assert_eq!(
            revisions[1].to.as_ref().unwrap().value,
            RevisionValue::Number(90.0),
            "recovered"
        );
    }
}
