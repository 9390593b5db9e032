//! Exact repairs of values that loading rejects: a quoted date, a date in another order, a quoted
//! number, a word close to an allowed one. Each is a [`Fix`] of the value's span, safe when the
//! intent is certain and unsafe when it is a guess.

use std::ops::Range;

use jiff::civil::Date;

use crate::diagnostic::{Applicability, Diagnostic, Fix, SourceRef};

/// Attaches `fix` (if any) to the last finding of `diagnostics`, located in `source`.
pub fn attach(diagnostics: &mut [Diagnostic], source: SourceRef<'_>, fix: Option<Fix>) {
    if let (Some(last), Some(fix)) = (diagnostics.last_mut(), fix) {
        *last = last.clone().with_fix(source, fix);
    }
}

/// A string that names a date, as a TOML date: `"2027-06-30"`, `"2027/06/30"`, `"30/06/2027"`,
/// `"30.06.2027"`, `"06/30/2027"`. Safe when only one reading is a real date (a day above 12, a
/// year first, or day and month equal) or the separator is `.` (always day first); a slashed date
/// whose day and month are both 12 or less is ambiguous and gets no date at all.
pub fn date_in(text: &str) -> Option<(Date, Applicability)> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some((date, Applicability::Safe));
    }
    let separator = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let number = |p: &str| p.parse::<i16>().ok();
    let date = |y: &str, m: &str, d: &str| Date::new(number(y)?, number(m)? as i8, number(d)? as i8).ok();
    if a.len() == 4 {
        return date(a, b, c).map(|d| (d, Applicability::Safe));
    }
    if c.len() != 4 {
        return None;
    }
    let day_first = date(c, b, a);
    let month_first = date(c, a, b);
    match (day_first, month_first) {
        (Some(d), _) if separator == '.' => Some((d, Applicability::Safe)),
        (Some(d), Some(m)) if d == m => Some((d, Applicability::Safe)),
        (Some(_), Some(_)) => None,
        (Some(d), None) | (None, Some(d)) => Some((d, Applicability::Safe)),
        (None, None) => None,
    }
}

/// The fix of a date written as a string at `span` (quotes included).
pub fn date_fix(text: &str, span: Range<usize>) -> Option<Fix> {
    let (date, applicability) = date_in(text)?;
    let title = if text.trim().parse::<Date>().is_ok() {
        "Remove the quotes around the date"
    } else {
        "Write the date as a TOML date (YYYY-MM-DD)"
    };
    Some(Fix::replace(title, applicability, span, date.to_string()))
}

/// The fix of a number written as a string at `span`: safe when the text is a plain number,
/// unsafe when it holds a `,` (a thousands separator in some languages, a decimal one in others).
pub fn number_fix(text: &str, number: f64, span: Range<usize>) -> Fix {
    let applicability = if text.contains(',') {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    Fix::replace(
        "Remove the quotes around the number",
        applicability,
        span,
        format!("{number}"),
    )
}

/// The unsafe fix that replaces a string value at `span` by the close word `near`.
pub fn near_word_fix(near: &str, span: Range<usize>) -> Fix {
    Fix::replace(
        format!("Replace with `\"{near}\"`"),
        Applicability::Unsafe,
        span,
        quoted(near),
    )
}

/// `fix` with every edit moved `by` bytes later (from a range of the TOML text to one of the file).
pub fn shifted(mut fix: Fix, by: usize) -> Fix {
    for edit in &mut fix.edits {
        edit.range = edit.range.start + by..edit.range.end + by;
    }
    fix
}

/// The unsafe fix that renames a key at `span` to the close key `near`.
pub fn rename_fix(near: &str, span: Range<usize>) -> Fix {
    Fix::replace(format!("Rename to `{near}`"), Applicability::Unsafe, span, near)
}

/// `text` as a TOML basic string.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, Applicability)> {
        date_in(text).map(|(d, a)| (d.to_string(), a))
    }

    #[test]
    fn reads_dates_whose_order_is_certain() {
        let safe = |d: &str| Some((d.to_owned(), Applicability::Safe));
        assert_eq!(read("2027-06-30"), safe("2027-06-30"));
        assert_eq!(read(" 2027/6/30 "), safe("2027-06-30"));
        assert_eq!(read("30/06/2027"), safe("2027-06-30"));
        assert_eq!(read("06/30/2027"), safe("2027-06-30"));
        assert_eq!(read("05/05/2027"), safe("2027-05-05"));
        assert_eq!(read("03.06.2027"), safe("2027-06-03"));
    }

    #[test]
    fn leaves_ambiguous_and_impossible_dates_alone() {
        assert_eq!(read("03/06/2027"), None);
        assert_eq!(read("31/02/2027"), None);
        assert_eq!(read("30/06/27"), None);
        assert_eq!(read("next June"), None);
        assert_eq!(read("1/2/3/4"), None);
    }

    #[test]
    fn quotes_text_as_toml() {
        assert_eq!(quoted("Sam \"S\" \\ Lee"), "\"Sam \\\"S\\\" \\\\ Lee\"");
    }
}
