//! Applying fixes to a file's text: which fixes of one lint run go together (no two overlap),
//! and the edit itself, which keeps a file's byte-order mark and line endings and never makes
//! front matter (or plan.toml) that parsed stop parsing.
//!
//! Reading and writing files is the caller's (`stratagem lint --fix`); this works on text.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Fix, LineColumn};
use crate::plan::front_matter::{self, Split};

/// Which fixes to apply: the safe ones, or the unsafe ones too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wanted {
    Safe,
    SafeAndUnsafe,
}

impl Wanted {
    pub fn takes(self, applicability: Applicability) -> bool {
        self == Wanted::SafeAndUnsafe || applicability == Applicability::Safe
    }
}

/// The fixes to apply to each file (by its plan-relative path): of `diagnostics`, those `wanted`
/// takes, in order of position, leaving out any that overlaps one taken before it (the next
/// pass, after a new lint, gets to it).
pub fn select(diagnostics: &[Diagnostic], wanted: Wanted) -> BTreeMap<String, Vec<&Diagnostic>> {
    let mut by_file: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diagnostics {
        if d.fix
            .as_ref()
            .is_some_and(|f| wanted.takes(f.applicability) && !f.edits.is_empty())
        {
            by_file.entry(d.file.clone()).or_default().push(d);
        }
    }
    for fixes in by_file.values_mut() {
        fixes.sort_by_key(|d| envelope(fix_of(d)).start);
        let mut taken: Vec<Range<usize>> = Vec::new();
        fixes.retain(|d| {
            let range = envelope(fix_of(d));
            let free = taken.iter().all(|t| !overlaps(t, &range));
            if free {
                taken.push(range);
            }
            free
        });
    }
    by_file
}

fn fix_of(d: &Diagnostic) -> &Fix {
    d.fix.as_ref().expect("select keeps findings with a fix")
}

/// From the first edit's start to the last edit's end.
fn envelope(fix: &Fix) -> Range<usize> {
    let start = fix.edits.iter().map(|e| e.range.start).min().unwrap_or(0);
    let end = fix.edits.iter().map(|e| e.range.end).max().unwrap_or(0);
    start..end
}

/// Two ranges overlap when they share a byte, or when both insert at the same place.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// What applying fixes to one file gave.
#[derive(Debug, PartialEq, Eq)]
pub struct Applied {
    /// The new text, with the file's byte-order mark if it had one.
    pub text: String,
    /// How many fixes were applied.
    pub fixed: usize,
}

/// Applies `fixes` (found by [`select`] on this file) to `file_text`, the file as read (with its
/// BOM, if any). A fix is left out when the file no longer matches the finding (it changed since
/// the lint), when its edits fall outside the text, or when it would make TOML that parsed stop
/// parsing. `toml_file` says the whole file is TOML (plan.toml) rather than front matter.
pub fn apply(file_text: &str, fixes: &[&Diagnostic], toml_file: bool) -> Applied {
    let bom = file_text.starts_with('\u{feff}');
    let mut text = front_matter::strip_bom(file_text).to_owned();
    let crlf = text.contains("\r\n");
    let parsed_before = parses(&text, toml_file);
    let mut fixed = 0;
    // Last first, so that the offsets of the ones before stay right.
    for d in fixes.iter().rev() {
        let at = LineColumn::of(&text, d.span.start);
        if (at.line, at.column) != (d.line, d.column) {
            continue;
        }
        let Some(candidate) = edited(&text, fix_of(d), crlf) else {
            continue;
        };
        if parsed_before && !parses(&candidate, toml_file) {
            continue;
        }
        text = candidate;
        fixed += 1;
    }
    if bom {
        text.insert(0, '\u{feff}');
    }
    Applied { text, fixed }
}

/// `text` with `fix`'s edits made, or `None` if one falls outside it or inside a character.
fn edited(text: &str, fix: &Fix, crlf: bool) -> Option<String> {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_owned();
    for edit in edits {
        let range = edit.range.clone();
        if range.start > range.end || !out.is_char_boundary(range.start) || !out.is_char_boundary(range.end) {
            return None;
        }
        let replacement = if crlf {
            edit.replacement.replace("\r\n", "\n").replace('\n', "\r\n")
        } else {
            edit.replacement.clone()
        };
        out.get(range.clone())?;
        out.replace_range(range, &replacement);
    }
    Some(out)
}

/// Whether the TOML of `text` parses: the whole text for plan.toml, the front matter of a
/// document (a document without a closed front matter does not parse).
pub fn parses(text: &str, toml_file: bool) -> bool {
    let toml = if toml_file {
        text
    } else {
        match front_matter::split(text) {
            Split::Found { toml, .. } => &text[toml],
            _ => return false,
        }
    };
    toml::de::DeTable::parse(toml).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceRef;

    crate::declare_rule!(TEST_RULE, "wrong-type", Deny, "test", fix: Sometimes);

    fn finding(text: &str, from: &str, to: &str, applicability: Applicability) -> Diagnostic {
        let start = front_matter::strip_bom(text).find(from).unwrap();
        let range = start..start + from.len();
        let source = SourceRef {
            path: "goals/a.md",
            text: front_matter::strip_bom(text),
        };
        Diagnostic::new(&TEST_RULE, source, range.clone(), "m")
            .with_fix(source, Fix::replace("t", applicability, range, to))
    }

    #[test]
    fn applies_fixes_keeping_bom_crlf_and_comments() {
        let text = "\u{feff}+++\r\ntitle = \"A\" # kept\r\ndeadline = \"2027-06-30\"\r\nstart = \"2027-01-01\"\r\n+++\r\nBody\r\n";
        let a = finding(text, "\"2027-06-30\"", "2027-06-30", Applicability::Safe);
        let b = finding(text, "\"2027-01-01\"", "2027-01-01", Applicability::Safe);
        let diagnostics = [a, b];
        let selected = select(&diagnostics, Wanted::Safe);
        let applied = apply(text, &selected["goals/a.md"], false);
        assert_eq!(applied.fixed, 2);
        assert_eq!(
            applied.text,
            "\u{feff}+++\r\ntitle = \"A\" # kept\r\ndeadline = 2027-06-30\r\nstart = 2027-01-01\r\n+++\r\nBody\r\n"
        );
    }

    #[test]
    fn overlapping_and_unsafe_fixes_wait() {
        let text = "+++\nowner = \"abc\"\n+++\n";
        let a = finding(text, "\"abc\"", "\"x\"", Applicability::Safe);
        let b = finding(text, "abc", "y", Applicability::Safe);
        let c = finding(text, "owner", "own", Applicability::Unsafe);
        let diagnostics = [a, b, c];
        let selected = select(&diagnostics, Wanted::Safe);
        assert_eq!(selected["goals/a.md"].len(), 1);
        assert_eq!(select(&diagnostics, Wanted::SafeAndUnsafe)["goals/a.md"].len(), 2);
    }

    #[test]
    fn never_breaks_toml_that_parsed() {
        let text = "+++\nowner = \"abc\"\n+++\n";
        let broken = finding(text, "\"abc\"", "\"abc", Applicability::Safe);
        let applied = apply(text, &[&broken], false);
        assert_eq!((applied.fixed, applied.text.as_str()), (0, text));
    }
}
