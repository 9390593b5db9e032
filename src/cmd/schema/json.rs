//! The JSON Schema (draft-07) of one table of the plan format, made from the plan's definitions
//! table and, for `[lint]` and `[lint.allow]`, the rule registry.

use serde_json::{Map, Value, json};

use crate::diagnostic::{Level, Rule};
use crate::plan::Kind;
use crate::plan::definitions::{self, FieldDef, FieldType, Vocab};
use crate::plan::fields::MAX_MAGNITUDE;

/// What `$comment` of every schema stratagem writes starts with: how `schema -o` knows a file
/// is one of its own, which it may replace.
pub const MARK: &str = "Written by `stratagem schema`";

/// The schema of plan.toml (None) or of `kind`'s front matter.
pub fn schema(kind: Option<Kind>) -> Value {
    let (title, description) = match kind {
        None => (
            "stratagem plan.toml".to_owned(),
            "The settings of a stratagem plan: its title, owner, period, channels and lint levels.".to_owned(),
        ),
        Some(kind) => (
            format!("stratagem {} front matter", kind.name()),
            format!(
                "The TOML front matter (between `+++` lines) of {} of a stratagem plan, in `{}/`.",
                kind.with_article(),
                kind.folder()
            ),
        ),
    };
    let fields: Vec<&'static FieldDef> = definitions::top_level(kind).collect();
    let mut root = object(kind, &fields);
    let root_map = root.as_object_mut().expect("an object schema");
    let mut head = Map::new();
    head.insert("$schema".into(), json!("http://json-schema.org/draft-07/schema#"));
    head.insert(
        "$comment".into(),
        json!(format!(
            "{MARK} from the plan format's definitions; regenerate it rather than edit it."
        )),
    );
    head.insert("title".into(), json!(title));
    head.insert("description".into(), json!(description));
    head.append(root_map);
    Value::Object(head)
}

/// A table with exactly these keys: other keys are `unknown-field` for the loader, so the
/// schema does not allow them either (free-form data goes under `extra`).
fn object(kind: Option<Kind>, fields: &[&'static FieldDef]) -> Value {
    let properties: Map<String, Value> = fields.iter().map(|f| (f.name.to_owned(), property(kind, f))).collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.required_in(kind)).map(|f| f.name).collect();
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

/// A field's schema: its doc as title, and as description with how to write it.
fn property(kind: Option<Kind>, def: &'static FieldDef) -> Value {
    let mut schema = value(kind, &def.ty);
    let mut description = def.doc.to_owned();
    if let Some(hint) = hint(&def.ty) {
        description = format!("{description} {hint}");
    }
    if def.required_in(kind) {
        description.push_str(" Required: lint reports its absence as an error.");
    }
    if let Value::Object(map) = &mut schema {
        map.insert("title".into(), json!(def.doc.trim_end_matches('.')));
        map.insert("description".into(), json!(description));
    }
    schema
}

/// How a value of the type is written, where the JSON type alone does not say.
fn hint(ty: &FieldType) -> Option<&'static str> {
    Some(match ty {
        FieldType::Date => "A TOML date without quotes, e.g. `2027-06-30`.",
        FieldType::LanguageTag => "A BCP 47 tag such as `vi`, `zh-Hans` or `en-GB`.",
        FieldType::Strings => "A list of strings; one string reads as a list of one.",
        FieldType::Number | FieldType::Integer => "Within ±10¹⁵.",
        FieldType::Free => "Anything: never checked.",
        _ => return None,
    })
}

fn value(kind: Option<Kind>, ty: &FieldType) -> Value {
    match ty {
        FieldType::String => json!({ "type": "string" }),
        FieldType::WeeklyAmount => json!({
            "type": "string",
            "pattern": "^\\s*(\\d+(\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\b"
        }),
        FieldType::OneOfOrShare(vocab) => {
            json!({ "anyOf": [words(*vocab), { "type": "number", "minimum": 0, "maximum": 1 }] })
        }
        FieldType::LanguageTag => json!({ "type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$" }),
        FieldType::Date => date(),
        FieldType::Number => json!({ "type": "number", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE }),
        FieldType::Integer => json!({ "type": "integer", "minimum": -MAX_MAGNITUDE, "maximum": MAX_MAGNITUDE }),
        FieldType::PositiveInteger => json!({ "type": "integer", "minimum": 1, "maximum": MAX_MAGNITUDE }),
        FieldType::Bool => json!({ "type": "boolean" }),
        FieldType::Strings => json!({ "type": ["string", "array"], "items": { "type": "string" } }),
        FieldType::OneOf(Vocab::Kind) => match kind {
            Some(kind) => json!({ "type": "string", "enum": [kind.name()] }),
            None => words(Vocab::Kind),
        },
        FieldType::OneOf(vocab) => words(*vocab),
        FieldType::ListOf(vocab) => json!({ "anyOf": [words(*vocab), { "type": "array", "items": words(*vocab) }] }),
        FieldType::Scalar => json!({ "type": ["number", "string"] }),
        FieldType::Table(fields) => object(kind, &fields.iter().collect::<Vec<_>>()),
        FieldType::Tables(fields) => {
            json!({ "type": "array", "items": object(kind, &fields.iter().collect::<Vec<_>>()) })
        }
        FieldType::NamedTables(fields) => json!({
            "type": "object",
            "additionalProperties": object(kind, &fields.iter().collect::<Vec<_>>())
        }),
        FieldType::StringMap => json!({ "type": "object", "additionalProperties": { "type": "string" } }),
        FieldType::Free => json!({}),
        FieldType::RuleLevels => by_rule(rule_level),
        FieldType::RuleAllowances => by_rule(|_| allowance()),
    }
}

/// A TOML local date: editors that convert TOML to JSON give it as a string.
fn date() -> Value {
    json!({ "type": "string", "format": "date" })
}

fn words(vocab: Vocab) -> Value {
    json!({ "type": "string", "enum": vocab.names() })
}

/// A table keyed by rule id, every rule of the registry described by its summary; another key
/// is `unknown-rule` for lint.
fn by_rule(entry: fn(&'static Rule) -> Value) -> Value {
    let properties: Map<String, Value> = crate::lint::registry()
        .into_iter()
        .map(|rule| {
            let mut schema = entry(rule);
            schema["description"] = json!(rule.summary);
            (rule.id.to_owned(), schema)
        })
        .collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

/// plan.toml `rule = "warn"`, or `rule = { level = "warn", option = 5.0 }` with the rule's
/// options.
fn rule_level(rule: &'static Rule) -> Value {
    let level = json!({ "type": "string", "enum": Level::NAMES });
    let mut options = Map::new();
    options.insert("level".into(), level.clone());
    for option in rule.options {
        let schema = json!({ "type": "number", "description": option.summary, "default": option.default });
        options.insert(option.name.to_owned(), schema);
    }
    let table = json!({ "type": "object", "properties": options, "additionalProperties": false });
    json!({ "anyOf": [level, table] })
}

/// A document's `rule = "reason"`, or `rule = { reason = "…", until = DATE }`.
fn allowance() -> Value {
    let reason = json!({ "type": "string", "pattern": "\\S", "description": "Why the rule does not apply here." });
    let mut until = date();
    until["description"] = json!("The last day the suppression applies; after it, the findings come back.");
    json!({ "anyOf": [
        reason.clone(),
        {
            "type": "object",
            "properties": { "reason": reason, "until": until },
            "required": ["reason"],
            "additionalProperties": false,
        },
    ] })
}
