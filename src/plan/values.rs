//! How messages and help examples name TOML values: a value's type and text, a list of allowed
//! words, the shape of a key's strings.

use toml::de::DeValue;

/// What a string of this key holds, as help examples show it: `<goal id>` for a reference, so that
/// an example never names an id the plan does not have.
pub fn shape(key: &str) -> &'static str {
    match key {
        "goals" | "goal" => "<goal id>",
        "strategy" | "strategies" => "<strategy id>",
        "channel" | "channels" => "<channel id>",
        "practices" => "<practice>",
        "tags" => "<tag>",
        _ => "…",
    }
}

pub fn describe(value: &DeValue<'_>) -> String {
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
