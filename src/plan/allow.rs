//! A document's `[lint.allow]` table: the rules its author silenced in this file, each with a
//! reason and an optional `until` date. Shapes are checked here; rule ids are checked by the
//! linter, which knows the rules.

use jiff::civil::Date;
use toml::de::DeValue;

use super::Spanned;
use super::fields::Fields;
use super::rules::{UNKNOWN_FIELD, WRONG_TYPE};
use crate::diagnostic::Diagnostic;

/// The shape of an entry, typed out for help messages.
pub const SHAPE: &str =
    "write `rule-id = \"why it is fine here\"` or `rule-id = { reason = \"why\", until = 2027-06-30 }`";

/// One entry of `[lint.allow]`: `rule = "reason"` or `rule = { reason = "…", until = DATE }`.
#[derive(Clone, Debug)]
pub struct Allowance {
    /// The rule id as written, with the span of the key.
    pub rule: Spanned<String>,
    pub reason: String,
    /// The last day the suppression applies; after it, the findings come back.
    pub until: Option<Spanned<Date>>,
}

/// Reads the `[lint]` table of a front matter (marking `lint` as a known key).
pub fn read(f: &mut Fields<'_, '_>) -> Vec<Allowance> {
    let Some(entries) = f.entries("lint") else {
        return Vec::new();
    };
    let known = super::definitions::sub_names_of(super::definitions::common(), "lint");
    let mut out = Vec::new();
    for (key, value) in entries {
        if !known.contains(&key.value.as_str()) {
            let message = format!("unknown field `lint.{}` in a document's front matter", key.value);
            let help = "a document's `[lint]` holds only `allow`; levels for the whole plan go in plan.toml `[lint]`";
            f.diagnostics
                .push(Diagnostic::new(&UNKNOWN_FIELD, f.source(), key.span, message).with_help(help));
            continue;
        }
        let DeValue::Table(table) = value.get_ref() else {
            let span = f.file_span(value.span());
            let help = format!("write it as a `[lint.allow]` table: {SHAPE}");
            f.diagnostics
                .push(Diagnostic::new(&WRONG_TYPE, f.source(), span, "`lint.allow` should be a table").with_help(help));
            continue;
        };
        for (rule, entry) in table.iter() {
            let rule = Spanned::new(rule.get_ref().to_string(), f.file_span(rule.span()));
            if let Some(allowance) = read_entry(f, rule, entry) {
                out.push(allowance);
            }
        }
    }
    out
}

/// One entry; a wrong shape or an empty reason is reported as `wrong-type`.
fn read_entry(f: &mut Fields<'_, '_>, rule: Spanned<String>, value: &toml::Spanned<DeValue<'_>>) -> Option<Allowance> {
    let span = f.file_span(value.span());
    let (reason, until) = match value.get_ref() {
        DeValue::String(s) => (Some(s.trim().to_owned()), None),
        DeValue::Table(table) => {
            let mut reason = None;
            let mut until = None;
            for (key, v) in table.iter() {
                match (key.get_ref().as_ref(), v.get_ref()) {
                    ("reason", DeValue::String(s)) => reason = Some(s.trim().to_owned()),
                    ("until", value) => match date(value) {
                        Some(date) => until = Some(Spanned::new(date, f.file_span(v.span()))),
                        None => {
                            let message = format!("`lint.allow.{}.until` should be a date", rule.value);
                            let help = "write a TOML date, e.g. `until = 2027-06-30`";
                            push_wrong_type(f, v.span(), message, help.to_owned());
                            return None;
                        }
                    },
                    (name, _) => {
                        let message = format!("`lint.allow.{}.{name}` is not a field of a suppression", rule.value);
                        push_wrong_type(f, key.span(), message, SHAPE.to_owned());
                        return None;
                    }
                }
            }
            (reason, until)
        }
        _ => (None, None),
    };
    match reason {
        Some(reason) if !reason.is_empty() => Some(Allowance { rule, reason, until }),
        Some(_) => {
            let message = format!("the suppression of `{}` has an empty reason", rule.value);
            let help = format!("say why the rule does not apply here: {SHAPE}");
            f.diagnostics
                .push(Diagnostic::new(&WRONG_TYPE, f.source(), span, message).with_help(help));
            None
        }
        None => {
            let message = format!("the suppression of `{}` needs a reason", rule.value);
            f.diagnostics
                .push(Diagnostic::new(&WRONG_TYPE, f.source(), span, message).with_help(SHAPE));
            None
        }
    }
}

fn push_wrong_type(f: &mut Fields<'_, '_>, toml_span: std::ops::Range<usize>, message: String, help: String) {
    let span = f.file_span(toml_span);
    f.diagnostics
        .push(Diagnostic::new(&WRONG_TYPE, f.source(), span, message).with_help(help));
}

/// A TOML date, or a string holding one (`"2027-06-30"`).
fn date(value: &DeValue<'_>) -> Option<Date> {
    match value {
        DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            Date::new(d.year as i16, d.month as i8, d.day as i8).ok()
        }
        DeValue::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
