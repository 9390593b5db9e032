//! How field readers put values and keys into words: a value's type as a message names it, a key's
//! shape in help examples, a quoted list.

use toml::de::DeValue;

/// What a string of this key holds, as help examples show it: `<goal id>` for a reference, so that
/// an example never names an id the plan does not have.
pub(super) fn shape(key: &str) -> &'static str {
    match key {
        "goals" | "goal" => "<goal id>",
        "strategy" | "strategies" => "<strategy id>",
        "channel" | "channels" => "<channel id>",
        "practices" => "<practice>",
        "tags" => "<tag>",
        _ => "…",
    }
}

pub(in crate::plan) fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => {
            let short: String = s.chars().take(40).collect();
            format!("string \"{short}\"")
        }
        DeValue::Integer(i) => format!("integer {i}"),
        DeValue::Float(f) => format!("float {f}"),
        DeValue::Boolean(b) => format!("boolean {b}"),
        DeValue::Datetime(d) => format!("datetime {d}"),
        DeValue::Array(_) => "an array".to_owned(),
        DeValue::Table(_) => "a table".to_owned(),
    }
}

pub fn quote_list(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}
