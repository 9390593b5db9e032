//! Reading the tables of a table: a sub-table, an array of tables, a table of named tables,
//! and the free-form entries of tables such as `[lint]`.

use toml::de::DeValue;

use super::{Fields, TomlSpanned};
use crate::plan::Spanned;

impl<'t, 'i> Fields<'t, 'i> {
    /// A sub-table (inline `{ … }` or `[key]`), read by `read` with its own field reader.
    pub fn table<T>(
        &mut self,
        key: &str,
        known: &[&str],
        example: &str,
        read: impl FnOnce(&mut Fields<'t, 'i>) -> T,
    ) -> Option<Spanned<T>> {
        let spanned = self.get(key)?;
        match spanned.get_ref() {
            DeValue::Table(table) => {
                let mut sub = self.child(key, table);
                let value = read(&mut sub);
                self.adopt(sub, key, known);
                Some(Spanned::new(value, self.span(spanned.span())))
            }
            other => {
                let help = format!("write a table, e.g. `{key} = {example}`");
                self.wrong_type(key, spanned.span(), "a table", other, help);
                None
            }
        }
    }

    /// An array of tables (`[[key]]`), each read by `read`.
    pub fn tables<T>(
        &mut self,
        key: &str,
        known: &[&str],
        mut read: impl FnMut(&mut Fields<'t, 'i>) -> T,
    ) -> Vec<Spanned<T>> {
        let Some(spanned) = self.get(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        match spanned.get_ref() {
            DeValue::Array(items) => {
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::Table(table) => {
                            let mut sub = self.child(key, table);
                            let value = read(&mut sub);
                            self.adopt(sub, key, known);
                            out.push(Spanned::new(value, self.span(item.span())));
                        }
                        other => {
                            let help = format!("write each entry as a `[[{key}]]` table");
                            self.wrong_type(key, item.span(), "a table", other, help);
                        }
                    }
                }
            }
            other => {
                let help = format!("write each entry as a `[[{key}]]` table");
                self.wrong_type(key, spanned.span(), "an array of tables", other, help);
            }
        }
        out
    }

    /// A table of tables keyed by any name (`[owners."Social lead"]`), each read by `read`.
    pub fn named_tables<T>(
        &mut self,
        key: &str,
        known: &[&str],
        mut read: impl FnMut(&mut Fields<'t, 'i>) -> T,
    ) -> Vec<(Spanned<String>, T)> {
        let mut out = Vec::new();
        for (name, value) in self.entries(key).unwrap_or_default() {
            match value.get_ref() {
                DeValue::Table(table) => {
                    let mut sub = self.child(key, table);
                    let read = read(&mut sub);
                    self.adopt(sub, key, known);
                    out.push((name, read));
                }
                other => {
                    let help = format!("write it as a table: `[{key}.\"{}\"]`", name.value);
                    self.wrong_type(key, value.span(), "a table", other, help);
                }
            }
        }
        out
    }

    /// Every key of the table with its value span, for free-form tables such as `[lint]`.
    pub fn entries(&mut self, key: &str) -> Option<Vec<(Spanned<String>, &'t TomlSpanned<DeValue<'i>>)>> {
        let spanned = self.get(key)?;
        match spanned.get_ref() {
            DeValue::Table(table) => Some(
                table
                    .iter()
                    .map(|(k, v)| (Spanned::new(k.get_ref().to_string(), self.span(k.span())), v))
                    .collect(),
            ),
            other => {
                let help = format!("write it as a `[{key}]` table");
                self.wrong_type(key, spanned.span(), "a table", other, help);
                None
            }
        }
    }
}
