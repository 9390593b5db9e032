//! What a field means and which keys a table may hold, for hover and completion, from the plan's
//! one table of field definitions (`plan::definitions`).

use crate::plan::Kind;
use crate::plan::definitions::{self, FieldDef, FieldType, Vocab};

/// The definition of `key` in `table` (`""` at the top, `budget`, `measurements` …) of `kind`'s
/// front matter, or of plan.toml for `None`.
pub fn definition(kind: Option<Kind>, table: &str, key: &str) -> Option<&'static FieldDef> {
    let name = if table.is_empty() {
        key.to_owned()
    } else {
        format!("{table}.{key}")
    };
    definitions::field(kind, &name)
}

/// What a field means, as Markdown: its name, type, whether it is required, and its doc.
pub fn describe(kind: Option<Kind>, table: &str, key: &str) -> Option<String> {
    let def = definition(kind, table, key)?;
    let name = if table.is_empty() {
        key.to_owned()
    } else {
        format!("{table}.{key}")
    };
    let whose = kind.map_or("plan.toml", Kind::with_article);
    let required = if def.required_in(kind) { ", required" } else { "" };
    Some(format!(
        "**`{name}`** — {} ({whose}{required})\n\n{}",
        type_name(&def.ty),
        def.doc
    ))
}

/// The keys `table` may hold (`""`: the top level), each with its doc.
pub fn keys(kind: Option<Kind>, table: &str) -> Vec<&'static FieldDef> {
    if table.is_empty() {
        return definitions::top_level(kind).collect();
    }
    definitions::field(kind, table).map_or_else(Vec::new, |d| d.sub_fields().iter().collect())
}

/// The words a field's value may be, when it takes them from a closed vocabulary.
pub fn vocabulary(kind: Option<Kind>, table: &str, key: &str) -> Option<Vocab> {
    match definition(kind, table, key)?.ty {
        FieldType::OneOf(vocab) | FieldType::ListOf(vocab) | FieldType::OneOfOrShare(vocab) => Some(vocab),
        _ => None,
    }
}

fn type_name(ty: &FieldType) -> String {
    match ty {
        FieldType::String => "a string".into(),
        FieldType::WeeklyAmount => "an amount a week (`20h/week`, `12/week`, `1.5h` per item)".into(),
        FieldType::OneOfOrShare(vocab) => format!("one of {}, or a share from 0 to 1", words(*vocab)),
        FieldType::LanguageTag => "a BCP 47 language tag".into(),
        FieldType::Date => "a date (`2027-06-30`)".into(),
        FieldType::Number => "a number".into(),
        FieldType::Integer => "a whole number".into(),
        FieldType::PositiveInteger => "a whole number of at least 1".into(),
        FieldType::Bool => "`true` or `false`".into(),
        FieldType::Strings => "a list of strings".into(),
        FieldType::OneOf(vocab) => format!("one of {}", words(*vocab)),
        FieldType::ListOf(vocab) => format!("a list of {}", words(*vocab)),
        FieldType::Scalar => "a number, a date or a string".into(),
        FieldType::Table(fields) => format!("a table of {}", keys_of(fields)),
        FieldType::Tables(fields) => format!("tables (`[[…]]`) of {}", keys_of(fields)),
        FieldType::NamedTables(fields) => format!("named tables (`[key.\"name\"]`) of {}", keys_of(fields)),
        FieldType::StringMap => "a table of strings".into(),
        FieldType::Free => "anything (never checked)".into(),
        FieldType::RuleLevels => "rule ids → `\"allow\"`, `\"warn\"` or `\"deny\"`".into(),
        FieldType::RuleAllowances => "rule ids → a reason".into(),
    }
}

fn words(vocab: Vocab) -> String {
    vocab
        .names()
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn keys_of(fields: &[FieldDef]) -> String {
    fields
        .iter()
        .map(|f| format!("`{}`", f.name))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_top_level_nested_and_settings_fields() {
        let text = describe(Some(Kind::Tactic), "", "status").unwrap();
        assert!(text.contains("`planned`") && text.contains("a tactic"), "{text}");
        let text = describe(Some(Kind::Evaluation), "measurements", "value").unwrap();
        assert!(text.starts_with("**`measurements.value`** — a number"), "{text}");
        assert!(describe(None, "", "channels").unwrap().contains("plan.toml"));
        assert_eq!(describe(Some(Kind::Goal), "", "strategy"), None);
        assert_eq!(vocabulary(Some(Kind::Goal), "", "direction"), Some(Vocab::Direction));
    }
}
