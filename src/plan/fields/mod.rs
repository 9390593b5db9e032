//! Typed reading of a TOML table with spans: each getter checks a field's type, reports
//! `wrong-type` (recovering the value when the intent is plain, e.g. a quoted date), and at the
//! end `unknown-field` for every key nobody asked for, with a did-you-mean.

use std::ops::Range;

use jiff::civil::Date;
use toml::de::{DeTable, DeValue};

mod tables;

use super::Spanned;
use super::repair;
use super::rules::{UNKNOWN_FIELD, WRONG_TYPE};
pub(super) use super::values::describe;
pub use super::values::quote_list;
use super::values::shape;
use super::vocabulary::Vocabulary;
use crate::diagnostic::{Diagnostic, SourceRef, did_you_mean};

type TomlSpanned<T> = toml::Spanned<T>;

/// Reads one table (front matter, plan.toml or a sub-table such as `budget`).
pub struct Fields<'t, 'i> {
    source: SourceRef<'t>,
    /// Offset of the TOML text inside the file, added to every span the parser gives.
    base: usize,
    table: &'t DeTable<'i>,
    /// `budget.` for a sub-table, so messages name the full key.
    prefix: String,
    used: Vec<&'t str>,
    /// Every key a getter asked for, present or not: in tests, each must be in the definitions
    /// table (see [`Fields::check_defined`]).
    #[cfg(test)]
    asked: Vec<String>,
    /// Keys present with a value of the wrong type (their `missing-*` rules stay quiet).
    pub invalid: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The largest magnitude a plan's number may have, and the smallest besides zero. Beyond them
/// a value is a typo or an attack, and sums, ratios and charts of it would overflow into `inf`.
pub const MAX_MAGNITUDE: f64 = 1e15;
pub const MIN_MAGNITUDE: f64 = 1e-9;

fn in_range(n: f64) -> bool {
    n.is_finite() && n.abs() <= MAX_MAGNITUDE && (n == 0.0 || n.abs() >= MIN_MAGNITUDE)
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn new(source: SourceRef<'t>, base: usize, table: &'t DeTable<'i>) -> Self {
        Fields {
            source,
            base,
            table,
            prefix: String::new(),
            used: Vec::new(),
            #[cfg(test)]
            asked: Vec::new(),
            invalid: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// `key` as messages name it (`budget.amount` in a sub-table).
    pub(super) fn full_key(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    fn get(&mut self, key: &str) -> Option<&'t TomlSpanned<DeValue<'i>>> {
        #[cfg(test)]
        self.asked.push(key.to_owned());
        let (k, v) = self.table.iter().find(|(k, _)| k.get_ref() == key)?;
        self.used.push(k.get_ref());
        Some(v)
    }

    fn wrong_type(&mut self, key: &str, span: Range<usize>, expected: &str, found: &DeValue<'_>, help: String) {
        let full = format!("{}{key}", self.prefix);
        let message = format!("`{full}` should be {expected}, found {}", describe(found));
        let span = self.span(span);
        self.reject(full, span, message, help);
    }

    /// A non-empty string (surrounding spaces trimmed). An empty string reads as absent.
    pub fn string(&mut self, key: &str) -> Option<Spanned<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                let s = s.trim();
                (!s.is_empty()).then(|| Spanned::new(s.to_owned(), self.span(value.span())))
            }
            other => {
                let help = format!("put the value in quotes, e.g. `{key} = \"{}\"`", shape(key));
                self.wrong_type(key, value.span(), "a string", other, help);
                None
            }
        }
    }

    /// A value of the right type that is not one the field takes: `wrong-type` at `span` (in
    /// the file), and the key counts as invalid.
    pub(super) fn reject(&mut self, full: String, span: Range<usize>, message: String, help: String) {
        self.invalid.push(full);
        self.diagnostics
            .push(Diagnostic::new(&WRONG_TYPE, self.source, span, message).with_help(help));
    }

    /// A string that must be one of `allowed`; anything else is `wrong-type` with a did-you-mean.
    pub fn one_of<V: Vocabulary>(&mut self, key: &str) -> Option<Spanned<V>> {
        let allowed: Vec<&str> = V::names().collect();
        let allowed = allowed.as_slice();
        let spanned = self.get(key)?;
        let value = match spanned.get_ref() {
            DeValue::String(s) => s.trim().to_lowercase(),
            other => {
                let help = format!("use one of {}", quote_list(allowed));
                self.wrong_type(key, spanned.span(), "a string", other, help);
                return None;
            }
        };
        if let Some(known) = V::parse(&value) {
            return Some(Spanned::new(known, self.span(spanned.span())));
        }
        let full = format!("{}{key}", self.prefix);
        let near = did_you_mean(&value, allowed.iter().copied());
        let help = match near {
            Some(near) => format!("did you mean `{key} = \"{near}\"`? allowed: {}", quote_list(allowed)),
            None => format!("use one of {}", quote_list(allowed)),
        };
        let span = self.span(spanned.span());
        let message = format!("`{full}` has an unknown value `{value}`");
        self.reject(full, span.clone(), message, help);
        repair::attach(
            &mut self.diagnostics,
            self.source,
            near.map(|near| repair::near_word_fix(near, span)),
        );
        None
    }

    /// A number (integer or float). A quoted number is reported and still used.
    pub fn number(&mut self, key: &str) -> Option<Spanned<f64>> {
        let spanned = self.get(key)?;
        let span = spanned.span();
        let value = spanned.get_ref();
        let number = match value {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|f| f.is_finite()),
            DeValue::String(s) => {
                let recovered = s
                    .trim()
                    .replace(['_', ','], "")
                    .parse::<f64>()
                    .ok()
                    .filter(|f| in_range(*f));
                let help = match recovered {
                    Some(n) => format!("remove the quotes: `{key} = {n}`"),
                    None => format!("write a number without quotes, e.g. `{key} = 120`"),
                };
                self.wrong_type(key, span.clone(), "a number", value, help);
                let fix = recovered.map(|n| repair::number_fix(s, n, self.span(span.clone())));
                repair::attach(&mut self.diagnostics, self.source, fix);
                return recovered.map(|n| Spanned::new(n, self.span(span)));
            }
            _ => None,
        };
        let Some(number) = number else {
            let help = format!("write a finite number without quotes, e.g. `{key} = 120`");
            self.wrong_type(key, span, "a number", value, help);
            return None;
        };
        if !in_range(number) {
            self.out_of_range(key, span, value);
            return None;
        }
        Some(Spanned::new(number, self.span(spanned.span())))
    }

    fn out_of_range(&mut self, key: &str, span: Range<usize>, found: &DeValue<'_>) {
        let help = "write the value in a larger unit (thousands, millions) or check it for a typo".to_owned();
        let expected = format!(
            "a number between -{MAX_MAGNITUDE:e} and {MAX_MAGNITUDE:e} (0, or at least {MIN_MAGNITUDE:e} in size)"
        );
        self.wrong_type(key, span, &expected, found, help);
    }

    /// A whole number of at least 1.
    pub fn positive_integer(&mut self, key: &str) -> Option<Spanned<u64>> {
        let spanned = self.get(key)?;
        match spanned.get_ref() {
            DeValue::Integer(i) => match u64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if n > 0 && in_range(n as f64) => Some(Spanned::new(n, self.span(spanned.span()))),
                _ => {
                    let help = format!("write a whole number of at least 1, e.g. `{key} = 60`");
                    self.wrong_type(
                        key,
                        spanned.span(),
                        "a whole number of at least 1",
                        spanned.get_ref(),
                        help,
                    );
                    None
                }
            },
            other => {
                let help = format!("write a whole number without quotes, e.g. `{key} = 60`");
                self.wrong_type(key, spanned.span(), "a whole number of at least 1", other, help);
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, key: &str) -> Option<Spanned<bool>> {
        let spanned = self.get(key)?;
        match spanned.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(*b, self.span(spanned.span()))),
            other => {
                let help = format!("write `{key} = true` or `{key} = false`, without quotes");
                self.wrong_type(key, spanned.span(), "true or false", other, help);
                None
            }
        }
    }

    /// A calendar date. A quoted `"2027-06-30"` is reported and still used.
    pub fn date(&mut self, key: &str) -> Option<Spanned<Date>> {
        let spanned = self.get(key)?;
        let span = spanned.span();
        let value = spanned.get_ref();
        let help = format!("write a TOML date without quotes, e.g. `{key} = 2027-06-30`");
        match value {
            DeValue::Datetime(dt) => match dt
                .date
                .and_then(|d| Date::new(d.year as i16, d.month as i8, d.day as i8).ok())
            {
                Some(date) => Some(Spanned::new(date, self.span(span))),
                None => {
                    self.wrong_type(key, span, "a date", value, help);
                    None
                }
            },
            DeValue::String(s) => {
                let recovered = s.trim().parse::<Date>().ok();
                let fix = repair::date_fix(s, self.span(span.clone()));
                let help = match (recovered, &fix) {
                    (Some(date), _) => format!("remove the quotes: `{key} = {date}`"),
                    (None, Some(fix)) => format!("write it as a TOML date: `{key} = {}`", fix.edits[0].replacement),
                    (None, None) => help,
                };
                self.wrong_type(key, span.clone(), "a date", value, help);
                repair::attach(&mut self.diagnostics, self.source, fix);
                recovered.map(|date| Spanned::new(date, self.span(span)))
            }
            _ => {
                self.wrong_type(key, span, "a date", value, help);
                None
            }
        }
    }

    /// A list of strings; a single string is accepted as a list of one.
    pub fn string_list(&mut self, key: &str) -> Vec<Spanned<String>> {
        let Some(spanned) = self.get(key) else {
            return Vec::new();
        };
        let help = || {
            let held = match shape(key) {
                "<goal id>" | "<strategy id>" | "<channel id>" => {
                    "; findings about the documents it may name are held back until it is fixed"
                }
                _ => "",
            };
            format!("write a list of strings, e.g. `{key} = [\"{}\", …]`{held}", shape(key))
        };
        match spanned.get_ref() {
            DeValue::String(s) => match s.trim() {
                "" => Vec::new(),
                s => vec![Spanned::new(s.to_owned(), self.span(spanned.span()))],
            },
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) if !s.trim().is_empty() => {
                            out.push(Spanned::new(s.trim().to_owned(), self.span(item.span())));
                        }
                        DeValue::String(_) => {}
                        other => self.wrong_type(key, item.span(), "a list of strings", other, help()),
                    }
                }
                out
            }
            other => {
                self.wrong_type(key, spanned.span(), "a list of strings", other, help());
                Vec::new()
            }
        }
    }

    /// An integer.
    pub fn integer(&mut self, key: &str) -> Option<Spanned<i64>> {
        let spanned = self.get(key)?;
        match spanned.get_ref() {
            DeValue::Integer(i) if i64::from_str_radix(i.as_str(), i.radix()).is_ok() => {
                let n = i64::from_str_radix(i.as_str(), i.radix()).unwrap_or_default();
                if !in_range(n as f64) {
                    self.out_of_range(key, spanned.span(), spanned.get_ref());
                    return None;
                }
                Some(Spanned::new(n, self.span(spanned.span())))
            }
            other => {
                let help = format!("write a whole number, e.g. `{key} = 10`");
                self.wrong_type(key, spanned.span(), "a whole number", other, help);
                None
            }
        }
    }

    /// The value of `key` as TOML gave it, for a field whose type depends on another.
    pub(super) fn raw(&mut self, key: &str) -> Option<&'t TomlSpanned<DeValue<'i>>> {
        self.get(key)
    }

    /// Marks a key as known without reading it (e.g. `extra`, which holds anything).
    pub fn skip(&mut self, key: &str) {
        let _ = self.get(key);
    }

    /// Offset a value's TOML span into file offsets.
    pub fn file_span(&self, span: Range<usize>) -> Range<usize> {
        self.span(span)
    }

    pub fn source(&self) -> SourceRef<'t> {
        self.source
    }

    fn child(&self, key: &str, table: &'t DeTable<'i>) -> Fields<'t, 'i> {
        Fields {
            source: self.source,
            base: self.base,
            table,
            prefix: format!("{}{key}.", self.prefix),
            used: Vec::new(),
            #[cfg(test)]
            asked: Vec::new(),
            invalid: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn adopt(&mut self, mut sub: Fields<'t, 'i>, key: &str, known: &[&str]) {
        #[cfg(test)]
        sub.check_defined(known);
        sub.report_unknown(&format!("`{}{key}`", self.prefix), known, |_| None);
        self.invalid.extend(sub.invalid);
        self.diagnostics.extend(sub.diagnostics);
    }

    /// Reports `unknown-field` for each key not read, and hands back what was found. `known` are
    /// this table's keys; `elsewhere` names, for a key known to another kind, which kinds use it.
    pub fn finish(mut self, what: &str, known: &[&str], elsewhere: impl Fn(&str) -> Option<String>) -> FieldsResult {
        #[cfg(test)]
        self.check_defined(known);
        self.report_unknown(what, known, elsewhere);
        FieldsResult {
            invalid: self.invalid,
            diagnostics: self.diagnostics,
        }
    }

    /// In tests: every key the loader asked for is one of `known` (which comes from the
    /// definitions table), so the table cannot miss a key the loader reads.
    #[cfg(test)]
    fn check_defined(&self, known: &[&str]) {
        let undefined: Vec<_> = self.asked.iter().filter(|k| !known.contains(&k.as_str())).collect();
        assert!(
            undefined.is_empty(),
            "the loader reads {undefined:?} under `{}`, which the known keys {known:?} lack",
            self.prefix
        );
    }

    fn report_unknown(&mut self, what: &str, known: &[&str], elsewhere: impl Fn(&str) -> Option<String>) {
        let unused: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !self.used.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (k.get_ref().to_string(), k.span()))
            .collect();
        for (key, span) in unused {
            let full = format!("{}{key}", self.prefix);
            let (message, help) = match (elsewhere(&key), did_you_mean(&key, known.iter().copied())) {
                (_, Some(near)) => (
                    format!("unknown field `{full}` in {what}"),
                    format!("did you mean `{}{near}`?", self.prefix),
                ),
                (Some(owners), None) => (
                    format!("`{full}` is not a field of {what}; it belongs to {owners}"),
                    "move it to the right document, or remove it".to_owned(),
                ),
                (None, None) => (
                    format!("unknown field `{full}` in {what}"),
                    format!(
                        "known fields: {}; free-form data goes under `[extra]`",
                        known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    ),
                ),
            };
            let span = self.span(span);
            // A rename to a key the table already has would set it twice.
            let fix = did_you_mean(&key, known.iter().copied())
                .filter(|near| !self.table.iter().any(|(k, _)| k.get_ref() == near))
                .map(|near| repair::rename_fix(near, span.clone()));
            let diagnostic = Diagnostic::new(&UNKNOWN_FIELD, self.source, span, message).with_help(help);
            self.diagnostics.push(diagnostic.with_fix_opt(self.source, fix));
        }
    }
}

/// What a finished reader hands back.
pub struct FieldsResult {
    pub invalid: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
}
