//! Splits a document into its `+++` TOML front matter and Markdown body, keeping byte offsets.
//!
//! The opening `+++` must be the first line; the front matter runs to the next line that is
//! exactly `+++` (trailing spaces and `\r` allowed). The caller strips a UTF-8 BOM first.

use std::ops::Range;

/// Where the parts of a document lie, as byte ranges into its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Split {
    /// Front matter found: the TOML between the delimiters, and the body after the closing one.
    Found { toml: Range<usize>, body: Range<usize> },
    /// The file does not start with `+++`.
    Missing { yaml: bool },
    /// The file opens with `+++` but never closes it; `open` is the opening line.
    Unclosed { open: Range<usize> },
}

/// Splits `text` (already without BOM) into front matter and body.
pub fn split(text: &str) -> Split {
    let mut lines = Lines { text, pos: 0 };
    let Some(first) = lines.next() else {
        return Split::Missing { yaml: false };
    };
    let first_line = &text[first.clone()];
    if !is_delimiter(first_line, "+++") {
        return Split::Missing {
            yaml: is_delimiter(first_line, "---"),
        };
    }
    let toml_start = lines.pos;
    while let Some(line) = lines.next() {
        if is_delimiter(&text[line.clone()], "+++") {
            return Split::Found {
                toml: toml_start..line.start,
                body: lines.pos..text.len(),
            };
        }
    }
    Split::Unclosed {
        open: first.start..first.start + 3,
    }
}

fn is_delimiter(line: &str, delimiter: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == delimiter
}

/// Lines with their terminators, as byte ranges.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Lines<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        self.pos = memchr_newline(&self.text.as_bytes()[start..]).map_or(self.text.len(), |i| start + i + 1);
        Some(start..self.pos)
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Removes a leading UTF-8 byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parts(text: &str) -> (String, String) {
        match split(text) {
            Split::Found { toml, body } => (text[toml].to_owned(), text[body].to_owned()),
            other => panic!("expected front matter, got {other:?}"),
        }
    }

    #[test]
    fn splits_lf_front_matter() {
        let (toml, body) = parts("+++\ntitle = \"a\"\n+++\nBody\n");
        assert_eq!(toml, "title = \"a\"\n");
        assert_eq!(body, "Body\n");
    }

    #[test]
    fn splits_crlf_front_matter() {
        let (toml, body) = parts("+++\r\ntitle = \"a\"\r\n+++\r\n\r\nBody\r\n");
        assert_eq!(toml, "title = \"a\"\r\n");
        assert_eq!(body, "\r\nBody\r\n");
    }

    #[test]
    fn accepts_empty_front_matter_and_no_trailing_newline() {
        let (toml, body) = parts("+++\n+++");
        assert_eq!((toml.as_str(), body.as_str()), ("", ""));
    }

    #[test]
    fn accepts_trailing_spaces_on_delimiters() {
        let (toml, _) = parts("+++  \nx = 1\n+++ \t\n");
        assert_eq!(toml, "x = 1\n");
    }

    #[test]
    fn does_not_close_on_plus_signs_inside_a_line() {
        assert!(matches!(split("+++\nx = \"+++\"\n"), Split::Unclosed { .. }));
    }

    #[test]
    fn reports_missing_and_yaml() {
        assert_eq!(split("# Title\n"), Split::Missing { yaml: false });
        assert_eq!(split(""), Split::Missing { yaml: false });
        assert_eq!(split("---\ntitle: a\n---\n"), Split::Missing { yaml: true });
    }

    #[test]
    fn strips_bom_only_at_start() {
        assert_eq!(strip_bom("\u{feff}+++\n"), "+++\n");
        assert_eq!(strip_bom("a\u{feff}"), "a\u{feff}");
    }

    proptest! {
        #[test]
        fn never_panics_and_ranges_are_in_bounds(text in "\\PC*(\\+\\+\\+[ \r\n]*)?\\PC*") {
            match split(&text) {
                Split::Found { toml, body } => {
                    prop_assert!(toml.end <= body.start && body.end == text.len());
                    prop_assert!(text.is_char_boundary(toml.start) && text.is_char_boundary(body.start));
                }
                Split::Unclosed { open } => prop_assert!(open.end <= text.len()),
                Split::Missing { .. } => {}
            }
        }
    }
}
