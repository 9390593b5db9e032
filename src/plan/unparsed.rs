//! Documents whose front matter could not be read, and what a tolerant line scan still recovers
//! from them (their references), so that rules about *other* documents do not report findings
//! that only follow from the broken file.
//!
//! The scan is deliberately forgiving: it reads `key = …` lines one by one and takes every quoted
//! (or bare) word after the `=`, across lines for an array. It never decides what is valid; it
//! only keeps rules from claiming that nothing refers to a goal, strategy or channel.

use super::model::Kind;

/// A reference field a broken document may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefField {
    /// `goals = [...]` of a strategy or evaluation, `goal = "…"` of a measurement.
    Goals,
    /// `strategy` / `strategies` of a tactic.
    Strategies,
    /// `channel` / `channels` of a goal, strategy or tactic.
    Channels,
}

impl RefField {
    fn of_key(key: &str) -> Option<RefField> {
        match key {
            "goals" | "goal" => Some(RefField::Goals),
            "strategy" | "strategies" => Some(RefField::Strategies),
            "channel" | "channels" => Some(RefField::Channels),
            _ => None,
        }
    }
}

/// A plan document that failed to load.
#[derive(Clone, Debug)]
pub struct Unparsed {
    pub path: String,
    /// The id it most likely has: its `id = "…"` line, else its file name.
    pub id: String,
    /// Its folder's kind, or the kind its `kind = "…"` line names.
    pub kind: Option<Kind>,
    /// The references recovered; `None` when nothing could be read (an unreadable file).
    pub refs: Option<Vec<(RefField, String)>>,
}

impl Unparsed {
    /// Whether this document may list `id` in `field`: it does, or its references are unknown.
    pub fn may_reference(&self, field: RefField, id: &str) -> bool {
        match &self.refs {
            None => true,
            Some(refs) => refs.iter().any(|(f, v)| *f == field && v == id),
        }
    }
}

/// What a tolerant scan of broken front matter finds.
#[derive(Debug, Default, PartialEq)]
pub struct Scan {
    pub id: Option<String>,
    pub kind: Option<Kind>,
    pub refs: Vec<(RefField, String)>,
}

/// Scans front matter that is not valid TOML, line by line.
pub fn scan(toml: &str) -> Scan {
    let mut found = Scan::default();
    let mut lines = toml.lines();
    while let Some(line) = lines.next() {
        let Some((key, rest)) = line.split_once(['=', ':']) else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        let mut value = rest.trim().to_owned();
        // An array may run over several lines: read until its `]`, or a line that is a new key.
        if value.starts_with('[') && !value.contains(']') {
            for next in lines.by_ref() {
                value.push(' ');
                value.push_str(next.trim());
                if next.contains(']') || next.contains('=') {
                    break;
                }
            }
        }
        let words = words(&value);
        match key {
            "id" => found.id = words.into_iter().next(),
            "kind" => found.kind = words.first().and_then(|k| Kind::from_name(k)),
            _ => {
                if let Some(field) = RefField::of_key(key) {
                    found.refs.extend(words.into_iter().map(|w| (field, w)));
                }
            }
        }
    }
    found
}

/// The quoted strings of a value, or its bare words when it has no quotes; comments dropped.
fn words(value: &str) -> Vec<String> {
    let value = value.trim();
    if value.contains('"') || value.contains('\'') {
        let mut out = Vec::new();
        let mut rest = value;
        while let Some(open) = rest.find(['"', '\'']) {
            let quote = rest.as_bytes()[open] as char;
            let after = &rest[open + 1..];
            let (word, next) = match after.find(quote) {
                Some(close) => (&after[..close], &after[close + 1..]),
                // An unclosed quote: the word runs to a comment or the end of the line.
                None => (after.split('#').next().unwrap_or(after), ""),
            };
            let word = word.trim();
            if !word.is_empty() {
                out.push(word.to_owned());
            }
            rest = next;
        }
        return out;
    }
    let value = value.split('#').next().unwrap_or("");
    value
        .split(|c: char| c == ',' || c == '[' || c == ']' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(toml: &str) -> Vec<(RefField, String)> {
        scan(toml).refs
    }

    #[test]
    fn recovers_references_around_a_syntax_error() {
        let toml = "title = \"Weekly digest\nowner = Sam\nstrategy = \"advocacy\"\nchannel = \"linkedin\"\n";
        assert_eq!(
            refs(toml),
            [
                (RefField::Strategies, "advocacy".to_owned()),
                (RefField::Channels, "linkedin".to_owned())
            ]
        );
    }

    #[test]
    fn reads_arrays_over_several_lines_and_unclosed_ones() {
        let toml = "goals = [\n  \"leads\",\n  \"reach\",\n]\nchannels = [\"linkedin\"\n";
        assert_eq!(
            refs(toml),
            [
                (RefField::Goals, "leads".to_owned()),
                (RefField::Goals, "reach".to_owned()),
                (RefField::Channels, "linkedin".to_owned())
            ]
        );
    }

    #[test]
    fn reads_bare_words_unclosed_quotes_yaml_and_the_id_and_kind() {
        let found = scan("id: \"digest\"\nkind = \"tactic\"\nstrategy = advocacy # note\nchannel = \"linkedin\n");
        assert_eq!(found.id.as_deref(), Some("digest"));
        assert_eq!(found.kind, Some(Kind::Tactic));
        assert_eq!(
            found.refs,
            [
                (RefField::Strategies, "advocacy".to_owned()),
                (RefField::Channels, "linkedin".to_owned())
            ]
        );
    }

    #[test]
    fn unknown_references_may_reference_anything() {
        let doc = Unparsed {
            path: "tactics/a.md".into(),
            id: "a".into(),
            kind: Some(Kind::Tactic),
            refs: None,
        };
        assert!(doc.may_reference(RefField::Channels, "x"));
    }
}
