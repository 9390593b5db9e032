//! What the cursor is on, read from the text alone (so that it works on a half-typed buffer
//! that does not parse): a key of a TOML table, a value (and the quoted string in it), a table
//! header, or an `@id` link of a Markdown body.

use std::ops::Range;

use crate::plan::front_matter::{self, Split};

/// Where in a file the cursor is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// The TOML table the line is in: `""` at the top, `lint.allow`, `measurements` …
    pub table: String,
    pub spot: Spot,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spot {
    /// On a key (or a word typed where a key goes), with the key's span.
    Key { key: String, span: Range<usize> },
    /// In the value of `key`, inside `string` when the cursor is in a quoted string.
    Value { key: String, string: Option<Quoted> },
    /// On a `[table]` line.
    Header,
    /// On the id of an `@id` link in the body; `span` is the id's, without the `@`.
    Link { id: String, span: Range<usize> },
    /// Elsewhere in the body.
    Body,
}

/// A quoted TOML string on one line: its text, its span with the quotes, and without.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    pub value: String,
    pub span: Range<usize>,
    pub inner: Range<usize>,
}

/// What is at `offset` of `text`; `settings` says the file is plan.toml (all TOML).
pub fn at(text: &str, offset: usize, settings: bool) -> Option<Cursor> {
    if settings {
        return Some(in_toml(text, 0..text.len(), offset));
    }
    match front_matter::split(text) {
        Split::Found { toml, .. } if offset >= toml.start && offset <= toml.end => Some(in_toml(text, toml, offset)),
        Split::Found { body, .. } if offset >= body.start => Some(in_body(text, offset)),
        Split::Unclosed { open } if offset >= open.end => Some(in_toml(text, open.end..text.len(), offset)),
        Split::Missing { .. } => Some(in_body(text, offset)),
        _ => None,
    }
}

fn in_toml(text: &str, region: Range<usize>, offset: usize) -> Cursor {
    let mut table = String::new();
    let mut open_array: Option<String> = None;
    let mut start = region.start;
    while start <= region.end {
        let end = text[start..region.end].find('\n').map_or(region.end, |i| start + i);
        let line = &text[start..end];
        if offset >= start && offset <= end {
            let spot = classify(line, start, offset, open_array.as_deref());
            return Cursor { table, spot };
        }
        let code = strip_comment(line);
        let trimmed = code.trim();
        if open_array.is_some() {
            if depth(code) < 0 {
                open_array = None;
            }
        } else if trimmed.starts_with('[') {
            table = header_name(trimmed);
        } else if let Some(eq) = find_outside_quotes(code, '=') {
            let value = code[eq + 1..].trim_start();
            if value.starts_with('[') && depth(value) > 0 {
                open_array = Some(code[..eq].trim().trim_matches('"').to_owned());
            }
        }
        start = end + 1;
    }
    Cursor {
        table,
        spot: Spot::Header,
    }
}

/// The keys at the top of a front matter (before its first table), read from the text.
pub fn top_keys(text: &str) -> Vec<String> {
    let region = match front_matter::split(text) {
        Split::Found { toml, .. } => toml,
        Split::Unclosed { open } => open.end..text.len(),
        Split::Missing { .. } => return Vec::new(),
    };
    let mut keys = Vec::new();
    let mut open_array = false;
    for line in text[region].lines() {
        let code = strip_comment(line);
        if open_array {
            open_array = depth(code) >= 0;
            continue;
        }
        if code.trim_start().starts_with('[') {
            break;
        }
        if let Some(eq) = find_outside_quotes(code, '=') {
            keys.push(code[..eq].trim().trim_matches('"').to_owned());
            let value = code[eq + 1..].trim_start();
            open_array = value.starts_with('[') && depth(value) > 0;
        }
    }
    keys
}

fn classify(line: &str, start: usize, offset: usize, open_array: Option<&str>) -> Spot {
    let at = offset - start;
    let string = quoted_at(line, start, offset);
    if let Some(key) = open_array {
        return Spot::Value {
            key: key.to_owned(),
            string,
        };
    }
    let code = strip_comment(line);
    if code.trim_start().starts_with('[') {
        return Spot::Header;
    }
    match find_outside_quotes(code, '=') {
        Some(eq) if at > eq => {
            let key = code[..eq].trim().trim_matches('"').to_owned();
            Spot::Value { key, string }
        }
        Some(eq) => {
            let lead = code.len() - code.trim_start().len();
            let key = code[..eq].trim();
            Spot::Key {
                key: key.trim_matches('"').to_owned(),
                span: start + lead..start + lead + key.len(),
            }
        }
        None => {
            let word = word_around(line, at);
            Spot::Key {
                key: line[word.clone()].to_owned(),
                span: start + word.start..start + word.end,
            }
        }
    }
}

/// `[lint.allow]` → `lint.allow`; `[[measurements]]` → `measurements`.
fn header_name(line: &str) -> String {
    line.trim_start_matches('[')
        .split(']')
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// How many `[` more than `]` a line opens, outside strings.
fn depth(code: &str) -> i32 {
    let mut depth = 0;
    let mut quote = None;
    for c in code.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '[') => depth += 1,
            (None, ']') => depth -= 1,
            _ => {}
        }
    }
    depth
}

fn find_outside_quotes(code: &str, wanted: char) -> Option<usize> {
    let mut quote = None;
    for (i, c) in code.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c == wanted => return Some(i),
            _ => {}
        }
    }
    None
}

fn strip_comment(line: &str) -> &str {
    find_outside_quotes(line, '#').map_or(line, |i| &line[..i])
}

/// The quoted string of `line` (which starts at `start`) that the cursor is in.
fn quoted_at(line: &str, start: usize, offset: usize) -> Option<Quoted> {
    let mut rest = 0;
    while let Some(open) = line[rest..].find(['"', '\'']).map(|i| rest + i) {
        let quote = line.as_bytes()[open] as char;
        let close = line[open + 1..].find(quote).map(|i| open + 1 + i);
        let end = close.map_or(line.trim_end().len(), |c| c + 1);
        let inner_end = close.unwrap_or(end);
        if offset > start + open && offset <= start + inner_end {
            return Some(Quoted {
                value: line[open + 1..inner_end].to_owned(),
                span: start + open..start + end,
                inner: start + open + 1..start + inner_end,
            });
        }
        close?;
        rest = end;
    }
    None
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// The run of word characters (letters, digits, `_`, `-`, `.`) around byte `at` of `line`.
pub fn word_around(line: &str, at: usize) -> Range<usize> {
    let at = at.min(line.len());
    let start = line[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = line[at..].find(|c: char| !is_word(c)).map_or(line.len(), |i| at + i);
    start..end
}

fn in_body(text: &str, offset: usize) -> Cursor {
    let line_start = text[..offset.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
    let line = &text[line_start..line_end];
    let word = word_around(line, offset - line_start);
    let at_sign = word.start.checked_sub(1).filter(|&i| line.as_bytes()[i] == b'@');
    let spot = match at_sign {
        Some(at) if at == 0 || matches!(line.as_bytes()[at - 1], b'(' | b' ' | b'<') => {
            // `@leads#risks`: the id stops at the fragment, and `.` ends a sentence.
            let id = line[word.clone()].trim_end_matches('.');
            Spot::Link {
                id: id.to_owned(),
                span: line_start + word.start..line_start + word.start + id.len(),
            }
        }
        _ => Spot::Body,
    };
    Cursor {
        table: String::new(),
        spot,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "+++\ntitle = \"Reply\"\nstrategy = \"listen-first\" # why\ngoals = [\n  \"a\",\n  \"b\",\n]\n\
                       sta\n[lint.allow]\nweak-title = \"ok\"\n+++\nSee [it](@listen-first#x) and @leads.\n";

    fn at_text(needle: &str, plus: usize) -> Cursor {
        at(DOC, DOC.find(needle).unwrap() + plus, false).unwrap()
    }

    #[test]
    fn finds_keys_values_and_strings() {
        let cursor = at_text("strategy", 2);
        assert!(matches!(cursor.spot, Spot::Key { ref key, .. } if key == "strategy"));
        let Spot::Value { key, string } = at_text("listen-first\"", 3).spot else {
            panic!()
        };
        assert_eq!(key, "strategy");
        let string = string.unwrap();
        assert_eq!(string.value, "listen-first");
        assert_eq!(&DOC[string.span], "\"listen-first\"");
    }

    #[test]
    fn follows_multiline_arrays_and_tables() {
        let Spot::Value { key, string } = at_text("\"b\"", 1).spot else {
            panic!()
        };
        assert_eq!((key.as_str(), string.unwrap().value.as_str()), ("goals", "b"));
        assert!(matches!(at_text("sta\n", 3).spot, Spot::Key { ref key, .. } if key == "sta"));
        let cursor = at_text("weak-title", 1);
        assert_eq!(cursor.table, "lint.allow");
        assert!(matches!(cursor.spot, Spot::Key { ref key, .. } if key == "weak-title"));
    }

    #[test]
    fn finds_id_links_in_the_body() {
        let Spot::Link { id, span } = at_text("listen-first#x", 2).spot else {
            panic!()
        };
        assert_eq!((id.as_str(), &DOC[span]), ("listen-first", "listen-first"));
        let Spot::Link { id, .. } = at_text("leads.", 1).spot else {
            panic!()
        };
        assert_eq!(id, "leads");
        assert_eq!(at_text("See", 1).spot, Spot::Body);
    }
}
