//! Appends one `[[measurements]]` entry to an evaluation's front matter with `toml_edit`, keeping
//! its comments, key order and layout, its BOM and its line endings (only the front matter is
//! parsed; the `+++` lines and the body are copied as they are); and writes a file atomically.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use jiff::civil::Date;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

use crate::plan::Confidence;
use crate::plan::front_matter::{Split, split};

/// A number as the command line wrote it: a whole number stays one (`52`, not `52.0`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Whole(i64),
    Fraction(f64),
}

impl Number {
    pub fn value(self) -> f64 {
        match self {
            Number::Whole(n) => n as f64,
            Number::Fraction(x) => x,
        }
    }
}

/// The measurement to add.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Written only when the evaluation does not measure this goal alone.
    pub goal: Option<String>,
    pub date: Date,
    pub value: Number,
    pub confidence: Option<Confidence>,
    pub note: Option<String>,
}

impl Entry {
    /// The entry's keys, in the order a plan writes them.
    fn fields(&self) -> Vec<(&'static str, Value)> {
        let date = toml_edit::Date {
            year: self.date.year() as u16,
            month: self.date.month() as u8,
            day: self.date.day() as u8,
        };
        let mut fields: Vec<(&str, Value)> = Vec::new();
        if let Some(goal) = &self.goal {
            fields.push(("goal", goal.as_str().into()));
        }
        fields.push(("date", toml_edit::Datetime::from(date).into()));
        fields.push((
            "value",
            match self.value {
                Number::Whole(n) => n.into(),
                Number::Fraction(x) => x.into(),
            },
        ));
        match self.confidence {
            Some(Confidence::Level(level)) => fields.push(("confidence", level.name().into())),
            Some(Confidence::Share(share)) => fields.push(("confidence", share.into())),
            None => {}
        }
        if let Some(note) = &self.note {
            fields.push(("note", note.as_str().into()));
        }
        fields
    }
}

/// `text` (a whole evaluation file) with `entry` appended to its `measurements`.
pub fn append(text: &str, entry: &Entry) -> anyhow::Result<String> {
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let Split::Found { toml, .. } = split(rest) else {
        bail!("the file has no `+++` front matter; run `stratagem lint` to see why");
    };
    let front = &rest[toml.clone()];
    let crlf = front.contains("\r\n");
    let mut doc: DocumentMut = front
        .replace("\r\n", "\n")
        .parse()
        .context("the front matter is not valid TOML; run `stratagem lint` to see where")?;
    push(&mut doc, entry)?;
    let mut out = doc.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    Ok(format!("{bom}{}{out}{}", &rest[..toml.start], &rest[toml.end..]))
}

fn push(doc: &mut DocumentMut, entry: &Entry) -> anyhow::Result<()> {
    let fields = entry.fields();
    match doc.get_mut("measurements") {
        None => {
            let mut list = ArrayOfTables::new();
            list.push(table(fields, None));
            doc.insert("measurements", Item::ArrayOfTables(list));
        }
        Some(Item::ArrayOfTables(list)) => {
            let position = list.iter().filter_map(Table::position).max();
            list.push(table(fields, position));
        }
        Some(Item::Value(Value::Array(list))) => {
            let mut inline = InlineTable::new();
            for (key, value) in fields {
                inline.insert(key, value);
            }
            list.push(inline);
        }
        Some(_) => bail!("`measurements` is not a list of `[[measurements]]` tables; fix it first (`stratagem lint`)"),
    }
    Ok(())
}

/// A `[[measurements]]` table after a blank line, placed after the last one (`position`), so
/// that a table that follows the measurements (`[lint.allow]`) stays after them.
fn table(fields: Vec<(&str, Value)>, position: Option<isize>) -> Table {
    let mut table = Table::new();
    for (key, value) in fields {
        table.insert(key, Item::Value(value));
    }
    table.decor_mut().set_prefix("\n");
    if position.is_some() {
        table.set_position(position);
    }
    table
}

/// Writes `contents` to `path` through a temporary file in the same folder, renamed over it,
/// with the old file's permissions: a reader sees the old file or the new one, never half.
pub fn write_atomically(path: &Path, contents: &str) -> anyhow::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?
        .permissions();
    let mut temp = tempfile::NamedTempFile::new_in(folder)
        .with_context(|| format!("cannot create a temporary file in `{}`", folder.display()))?;
    temp.write_all(contents.as_bytes())?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), permissions)?;
    temp.persist(path)
        .with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn entry(goal: Option<&str>) -> Entry {
        Entry {
            goal: goal.map(str::to_owned),
            date: date(2027, 3, 15),
            value: Number::Whole(60),
            confidence: Some(Confidence::Share(0.8)),
            note: Some("webinar \"week\"".into()),
        }
    }

    #[test]
    fn appends_after_the_last_measurement_keeping_everything_else() {
        let text = "\u{feff}+++\r\ntitle = \"Review\" # the title\r\ngoals = [\"leads\"]\r\n\r\n# first\r\n[[measurements]]\r\ndate = 2027-02-28\r\nvalue = 52\r\n\r\n[lint.allow]\r\nvanity-metric = \"why\"\r\n+++\r\n\r\nBody\r\n";
        let out = append(text, &entry(None)).unwrap();
        assert_eq!(
            out,
            "\u{feff}+++\r\ntitle = \"Review\" # the title\r\ngoals = [\"leads\"]\r\n\r\n# first\r\n[[measurements]]\r\ndate = 2027-02-28\r\nvalue = 52\r\n\r\n[[measurements]]\r\ndate = 2027-03-15\r\nvalue = 60\r\nconfidence = 0.8\r\nnote = 'webinar \"week\"'\r\n\r\n[lint.allow]\r\nvanity-metric = \"why\"\r\n+++\r\n\r\nBody\r\n"
        );
    }

    #[test]
    fn starts_the_list_and_names_the_goal_when_asked() {
        let out = append("+++\ntitle = \"Review\"\n+++\n", &entry(Some("leads"))).unwrap();
        assert_eq!(
            out,
            "+++\ntitle = \"Review\"\n\n[[measurements]]\ngoal = \"leads\"\ndate = 2027-03-15\nvalue = 60\nconfidence = 0.8\nnote = 'webinar \"week\"'\n+++\n"
        );
    }

    #[test]
    fn an_inline_list_gets_an_inline_entry() {
        let text = "+++\nmeasurements = [{ date = 2027-02-28, value = 52 }]\n+++\n";
        let mut e = entry(None);
        e.confidence = None;
        e.note = None;
        assert_eq!(
            append(text, &e).unwrap(),
            "+++\nmeasurements = [{ date = 2027-02-28, value = 52 }, { date = 2027-03-15, value = 60 }]\n+++\n"
        );
    }
}
