//! TOML syntax errors in a planner's words: the common mistakes (unquoted text, a missing quote
//! or `]`, a key set twice, YAML's `key: value`, a date without leading zeros) are named with
//! the fix typed out, at the parser's own position. Anything else keeps the parser's message.

use std::ops::Range;

use super::repair;
use crate::diagnostic::{Applicability, Fix};

/// A syntax error explained: what is wrong, how to fix it, and where (a range of the TOML text).
#[derive(Debug, PartialEq)]
pub struct Explained {
    pub message: String,
    pub help: String,
    pub span: Range<usize>,
    /// The fix typed out, when it is an exact edit (ranges of the TOML text, as `span`).
    pub fix: Option<Fix>,
}

/// The mistakes recognised, each with what is needed to type the fix.
#[derive(Debug, PartialEq)]
enum Mistake {
    Unquoted { key: String, text: String },
    UnclosedQuote { key: String, text: String },
    UnclosedArray { key: String, items: String },
    DuplicateKey { key: String },
    Yaml { key: String, value: String },
    Date { key: String, date: String },
}

/// Explains a TOML parse error of `toml`; `what` names the text (`front matter`, `plan.toml`).
pub fn explain(toml: &str, what: &str, error: &toml::de::Error) -> Explained {
    let span = error.span().unwrap_or(0..0);
    let mistake = recognise(toml, span.start, error.message());
    let (message, help) = match &mistake {
        Some(mistake) => words(mistake, what),
        None => (parser_message(error), "fix the TOML syntax".to_owned()),
    };
    let fix = mistake.and_then(|mistake| fix_of(toml, span.start, &mistake));
    Explained {
        message,
        help,
        span,
        fix,
    }
}

/// The edit that mends `mistake` on the line of `at`: quotes around unquoted text (safe; a date
/// written as text becomes a date when its order is certain), zeros in a short date (safe), a
/// closing quote before a comment (unsafe: the `#` may belong to the text), `:` as `=` (unsafe:
/// YAML and TOML quote differently). A missing `]` or a key set twice gets none: where the list
/// ends and which value to keep are the author's to say.
fn fix_of(toml: &str, at: usize, mistake: &Mistake) -> Option<Fix> {
    let at = at.min(toml.len());
    let start = toml[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = toml[at..].find('\n').map_or(toml.len(), |i| at + i);
    let line = toml[start..end].trim_end_matches('\r');
    let value_at = |separator: char| {
        let after = start + line.find(separator)? + 1;
        let value = &toml[after..start + line.len()];
        Some(after + value.len() - value.trim_start().len())
    };
    match mistake {
        Mistake::Unquoted { text, .. } => {
            let from = value_at('=')?;
            let range = from..from + text.len();
            (toml.get(range.clone())? == text).then_some(())?;
            Some(match repair::date_in(text) {
                Some((date, applicability)) if !text.contains(char::is_alphabetic) => Fix::replace(
                    "Write the date as a TOML date (YYYY-MM-DD)",
                    applicability,
                    range,
                    date.to_string(),
                ),
                _ => Fix::replace(
                    "Put the text in quotes",
                    Applicability::Safe,
                    range,
                    repair::quoted(text),
                ),
            })
        }
        Mistake::Date { date, .. } => {
            let from = value_at('=')?;
            let token = toml[from..start + line.len()].split([' ', '#']).next()?;
            Some(Fix::replace(
                "Write the date with two-digit month and day",
                Applicability::Safe,
                from..from + token.len(),
                date.clone(),
            ))
        }
        Mistake::UnclosedQuote { text, .. } => {
            let from = value_at('=')? + 1;
            (toml.get(from..from + text.len())? == text).then_some(())?;
            let close = from + text.len();
            Some(Fix::replace(
                "Close the quote",
                Applicability::Unsafe,
                close..close,
                "\"",
            ))
        }
        Mistake::Yaml { value, .. } => {
            let colon = start + line.find(':')?;
            let range = colon..start + line.len();
            Some(Fix::replace(
                "Write the line as TOML (`=`)",
                Applicability::Unsafe,
                range,
                format!(" = {value}"),
            ))
        }
        Mistake::UnclosedArray { .. } | Mistake::DuplicateKey { .. } => None,
    }
}

/// The parser's message on one line, without its own rendering of the source.
pub fn parser_message(error: &toml::de::Error) -> String {
    let message = error.message().trim();
    let first = message.lines().next().unwrap_or("invalid TOML");
    format!("invalid TOML: {first}")
}

fn words(mistake: &Mistake, what: &str) -> (String, String) {
    match mistake {
        Mistake::Unquoted { key, text } => (
            format!("text needs quotes: `{key} = \"{text}\"`"),
            "put text values in double quotes; numbers, dates and `true`/`false` go without".to_owned(),
        ),
        Mistake::UnclosedQuote { key, text } => (
            format!("the text of `{key}` has no closing quote: `{key} = \"{text}\"`"),
            "end the text with `\"` on the same line".to_owned(),
        ),
        Mistake::UnclosedArray { key, items } => (
            format!("the list `{key}` is never closed with `]`: `{key} = [{items}]`"),
            "end the list with `]`, with a comma between its items".to_owned(),
        ),
        Mistake::DuplicateKey { key } => (
            format!("`{key}` is set twice; keep one"),
            format!("delete one of the `{key} = …` lines"),
        ),
        Mistake::Yaml { key, value } => (
            format!("{what} is TOML: write `{key} = {value}`"),
            format!("TOML sets a key with `=`, not `:`; text goes in double quotes: `{key} = \"…\"`"),
        ),
        Mistake::Date { key, date } => (
            format!("dates are written YYYY-MM-DD: `{key} = {date}`"),
            "write the month and the day with two digits each".to_owned(),
        ),
    }
}

/// Which mistake, if any, the error at `at` is.
fn recognise(toml: &str, at: usize, message: &str) -> Option<Mistake> {
    let at = at.min(toml.len());
    let start = toml[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = toml[at..].find('\n').map_or(toml.len(), |i| at + i);
    let line = toml[start..end].trim_end_matches('\r');
    if message.starts_with("duplicate key") {
        let key = line.split('=').next()?.trim().trim_matches(['"', '\'']);
        return Some(Mistake::DuplicateKey { key: key.to_owned() });
    }
    if message.starts_with("missing comma between array elements") || message.starts_with("unclosed array") {
        // The parser notices at the next key, so the list runs to the line before.
        return unclosed_array(&toml[..at]);
    }
    let Some((key, value)) = line.split_once('=') else {
        let (key, value) = line.split_once(':')?;
        let key = bare_key(key)?;
        return Some(Mistake::Yaml {
            key,
            value: toml_value(value.trim()),
        });
    };
    let key = bare_key(key)?;
    let value = value.trim();
    if message.starts_with("invalid date") || message.starts_with("invalid time") {
        let date = padded_date(value.split([' ', '#']).next()?)?;
        return Some(Mistake::Date { key, date });
    }
    if message.starts_with("string values must be quoted") {
        let text = value.split(" #").next()?.trim().to_owned();
        return Some(Mistake::Unquoted { key, text });
    }
    if message.starts_with("invalid basic string") && value.starts_with('"') {
        // Without its closing quote, a comment on the line became part of the text.
        let text = value[1..].split(" #").next()?.trim_end().to_owned();
        return Some(Mistake::UnclosedQuote { key, text });
    }
    None
}

/// The array whose `[` is the last one opened before `upto` and never closed, as its items.
fn unclosed_array(upto: &str) -> Option<Mistake> {
    let open = upto.rfind('[')?;
    if upto[open..].contains(']') {
        return None;
    }
    let key_start = upto[..open].rfind('\n').map_or(0, |i| i + 1);
    let key = bare_key(upto[key_start..open].trim().strip_suffix('=')?)?;
    let items: Vec<&str> = upto[open + 1..]
        .split([',', '\n'])
        .map(|item| item.split(" #").next().unwrap_or("").trim())
        .take_while(|item| !item.contains('='))
        .filter(|item| !item.is_empty())
        .collect();
    Some(Mistake::UnclosedArray {
        key,
        items: items.join(", "),
    })
}

/// A plain key (`owner`, `data_source`, `max-growth`), or `None` for anything else.
fn bare_key(key: &str) -> Option<String> {
    let key = key.trim();
    let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain.then(|| key.to_owned())
}

/// A YAML value as TOML: numbers, dates, booleans, lists and quoted text as they are; other text
/// quoted.
fn toml_value(value: &str) -> String {
    let plain = value.parse::<f64>().is_ok()
        || matches!(value, "true" | "false")
        || value.starts_with(['"', '[', '{', '\''])
        || jiff::civil::Date::strptime("%Y-%m-%d", value).is_ok();
    match value {
        "" => "\"…\"".to_owned(),
        _ if plain => value.to_owned(),
        _ => format!("\"{}\"", value.trim_matches(['"', '\''])),
    }
}

/// `2027-1-5` → `2027-01-05`, when it names a real date.
fn padded_date(value: &str) -> Option<String> {
    let mut parts = value.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() > 2 || day.len() > 2 {
        return None;
    }
    let date = jiff::civil::Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()?;
    Some(date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(toml: &str) -> Explained {
        let error = toml::de::DeTable::parse(toml).unwrap_err();
        explain(toml, "front matter", &error)
    }

    #[test]
    fn unquoted_text_gets_its_quotes() {
        let e = explained("title = \"A\"\nowner = Sam\n");
        assert_eq!(e.message, "text needs quotes: `owner = \"Sam\"`");
        assert_eq!(e.span.start, "title = \"A\"\nowner = ".len());
    }

    #[test]
    fn missing_closing_quote_is_closed_before_a_comment() {
        let e = explained("title = \"Fixture plan # a note\nowner = \"A\"\n");
        assert_eq!(
            e.message,
            "the text of `title` has no closing quote: `title = \"Fixture plan\"`"
        );
    }

    #[test]
    fn missing_bracket_closes_the_list() {
        let e = explained("goals = [\"leads\"\nowner = \"A\"\n");
        assert_eq!(
            e.message,
            "the list `goals` is never closed with `]`: `goals = [\"leads\"]`"
        );
        let e = explained("goals = [\n  \"leads\",\n  \"reach\"\nowner = \"A\"\n");
        assert_eq!(
            e.message,
            "the list `goals` is never closed with `]`: `goals = [\"leads\", \"reach\"]`"
        );
    }

    #[test]
    fn duplicate_key_says_keep_one() {
        let e = explained("owner = \"a\"\ntitle = \"t\"\nowner = \"b\"\n");
        assert_eq!(e.message, "`owner` is set twice; keep one");
        assert_eq!(e.span.start, "owner = \"a\"\ntitle = \"t\"\n".len());
    }

    #[test]
    fn yaml_style_is_written_as_toml() {
        assert_eq!(
            explained("title: Hello\n").message,
            "front matter is TOML: write `title = \"Hello\"`"
        );
        assert_eq!(
            explained("target: 120\n").message,
            "front matter is TOML: write `target = 120`"
        );
    }

    #[test]
    fn short_dates_get_their_zeros() {
        let e = explained("deadline = 2027-1-5\n");
        assert_eq!(e.message, "dates are written YYYY-MM-DD: `deadline = 2027-01-05`");
        assert_eq!(e.span, 11..19);
    }

    /// The fixed text of `toml`, by its explained error's fix.
    fn fixed(toml: &str) -> Option<(String, Applicability)> {
        let fix = explained(toml).fix?;
        let mut out = toml.to_owned();
        for edit in fix.edits.iter().rev() {
            out.replace_range(edit.range.clone(), &edit.replacement);
        }
        Some((out, fix.applicability))
    }

    #[test]
    fn fixes_are_typed_out_edits() {
        let safe = |s: &str| Some((s.to_owned(), Applicability::Safe));
        let unsafe_ = |s: &str| Some((s.to_owned(), Applicability::Unsafe));
        assert_eq!(
            fixed("title = \"A\"\nowner = Sam Lee # x\n"),
            safe("title = \"A\"\nowner = \"Sam Lee\" # x\n")
        );
        assert_eq!(fixed("deadline = 2027-1-5 # x\n"), safe("deadline = 2027-01-05 # x\n"));
        assert_eq!(fixed("deadline = 30/06/2027\n"), safe("deadline = 2027-06-30\n"));
        assert_eq!(fixed("deadline = 03/06/2027\n"), safe("deadline = \"03/06/2027\"\n"));
        assert_eq!(
            fixed("title = \"Plan # a note\r\nowner = \"A\"\r\n"),
            unsafe_("title = \"Plan\" # a note\r\nowner = \"A\"\r\n")
        );
        assert_eq!(fixed("title: Hello\n"), unsafe_("title = \"Hello\"\n"));
        assert_eq!(fixed("goals = [\"a\"\nowner = \"A\"\n"), None);
        assert_eq!(fixed("a = 1\na = 2\n"), None);
    }

    #[test]
    fn other_errors_keep_the_parser_message() {
        let e = explained("x = 1.\n");
        assert_eq!(e.message, "invalid TOML: invalid fraction, expected digits");
        assert_eq!(e.span, 6..6);
        assert!(explained("[budget\n").message.starts_with("invalid TOML: "));
    }
}
