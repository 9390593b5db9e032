//! Diagnostics: what a rule found, in which file, at which line and column, and how to fix it.
//!
//! A [`Diagnostic`] is self-contained (it carries the source line it points at), so every renderer
//! in [`render`] works from the slice of diagnostics alone.
//!
//! Imports: nothing of the crate's other modules.

mod fingerprint;
pub mod render;
mod rule;

use std::ops::Range;

use serde::Serialize;

pub use fingerprint::Fingerprint;
pub use rule::{FixAvailability, Level, Rule, RuleOption};

/// The severity a finding is reported with, once its rule's level is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn from_level(level: Level) -> Option<Severity> {
        match level {
            Level::Allow => None,
            Level::Warn => Some(Severity::Warning),
            Level::Deny => Some(Severity::Error),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A file's path (relative to the plan, `/`-separated) and its text (without a BOM).
#[derive(Clone, Copy, Debug)]
pub struct SourceRef<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// The source line a diagnostic points at, with the underlined byte range inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub line_text: String,
    pub underline: Range<usize>,
}

/// One finding of one rule.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    /// Relative to the plan folder, `/`-separated.
    pub file: String,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
    pub snippet: Option<Snippet>,
    /// The id of the document the finding concerns, if it lies in one (for baselines).
    pub document: Option<String>,
    /// The front-matter key it concerns, if any (for baselines, which ignore line numbers).
    pub field: Option<String>,
    /// The byte range of the file's text the finding points at (empty for a whole file).
    pub span: Range<usize>,
    /// An exact change that resolves the finding, if the rule knows one.
    pub fix: Option<Fix>,
    /// Where each of the fix's edits starts and ends as line and column (same order as
    /// `fix.edits`), for output formats that locate edits by lines.
    pub fix_at: Vec<EditAt>,
}

/// A 1-based line and a 1-based column counted in characters, as [`Diagnostic::line`] and
/// [`Diagnostic::column`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// Where an edit's range starts and ends in lines and columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EditAt {
    pub start: LineColumn,
    pub end: LineColumn,
}

impl LineColumn {
    /// The line and column of byte `offset` of `text`.
    pub fn of(text: &str, offset: usize) -> LineColumn {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        LineColumn {
            line: text[..offset].bytes().filter(|&b| b == b'\n').count() + 1,
            column: text[line_start..offset].chars().count() + 1,
        }
    }
}

/// Whether a fix may be applied without a person reading it first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the file's meaning as its author intended: `lint --fix` applies it.
    Safe,
    /// May change what the plan says (a guessed field name, a guessed date): applied only with
    /// `--unsafe-fixes`, offered in the editor.
    Unsafe,
}

/// One replacement in a file's text: `range` is in bytes of the text the diagnostic was made
/// from (`SourceRef::text`, without a byte-order mark).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// A change that resolves a finding: one or more non-overlapping edits of the finding's file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in the imperative: "Unquote the date".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that replaces one range.
    pub fn replace(
        title: impl Into<String>,
        applicability: Applicability,
        range: Range<usize>,
        replacement: impl Into<String>,
    ) -> Fix {
        Fix {
            title: title.into(),
            applicability,
            edits: vec![Edit {
                range,
                replacement: replacement.into(),
            }],
        }
    }
}

impl Diagnostic {
    /// A finding at `span` (byte offsets into `source.text`), at the rule's default severity.
    pub fn new(
        rule: &'static Rule,
        source: SourceRef<'_>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let (line, column, snippet) = locate(source.text, span.clone());
        Diagnostic {
            rule,
            severity: Severity::from_level(rule.default).unwrap_or(Severity::Warning),
            file: source.path.to_owned(),
            line,
            column,
            message: message.into(),
            help: None,
            snippet,
            document: None,
            field: None,
            span,
            fix: None,
            fix_at: Vec::new(),
        }
    }

    /// A finding about a whole file that has no text to show (unreadable, binary …).
    pub fn for_file(rule: &'static Rule, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::from_level(rule.default).unwrap_or(Severity::Warning),
            file: path.to_owned(),
            line: 1,
            column: 1,
            message: message.into(),
            help: None,
            snippet: None,
            document: None,
            field: None,
            span: 0..0,
            fix: None,
            fix_at: Vec::new(),
        }
    }

    /// Whether this finding is one of `rule`'s: rules are compared as the statics they are, so a
    /// misspelt rule is a compile error rather than a comparison that is never true.
    pub fn is(&self, rule: &Rule) -> bool {
        self.rule == rule
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Attaches `fix`, its edits located in `source` (the text the finding was made from).
    pub fn with_fix(mut self, source: SourceRef<'_>, fix: Fix) -> Diagnostic {
        self.fix_at = fix
            .edits
            .iter()
            .map(|e| EditAt {
                start: LineColumn::of(source.text, e.range.start),
                end: LineColumn::of(source.text, e.range.end),
            })
            .collect();
        self.fix = Some(fix);
        self
    }

    /// [`Diagnostic::with_fix`] when there is a fix.
    pub fn with_fix_opt(self, source: SourceRef<'_>, fix: Option<Fix>) -> Diagnostic {
        match fix {
            Some(fix) => self.with_fix(source, fix),
            None => self,
        }
    }

    /// Sort key: file, then position, then rule id, so output is stable.
    pub fn sort_key(&self) -> (&str, usize, usize, &str) {
        (&self.file, self.line, self.column, self.rule.id)
    }
}

/// A finding silenced by its document's `[lint.allow]`, with the reason given there.
#[derive(Clone, Debug)]
pub struct Suppressed {
    pub diagnostic: Diagnostic,
    pub reason: String,
    /// The last day the suppression applies.
    pub until: Option<jiff::civil::Date>,
}

/// 1-based line and character column of `span.start`, and the line it lies on.
fn locate(text: &str, span: Range<usize>) -> (usize, usize, Option<Snippet>) {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[..start].bytes().filter(|&b| b == b'\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    let line_text = text[line_start..line_end].trim_end_matches('\r');
    let underline_end = end.min(line_start + line_text.len()).max(start);
    let snippet = Snippet {
        line_text: line_text.to_owned(),
        underline: (start - line_start)..(underline_end - line_start),
    };
    (line, column, Some(snippet))
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Counts of a run, for summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn new(files: usize, diagnostics: &[Diagnostic]) -> Summary {
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        Summary {
            files,
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// The nearest candidate to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word_lower, &c.to_lowercase()), c))
        .filter(|&(distance, c)| {
            let budget = (c.chars().count().max(word.chars().count()) / 3).max(1);
            distance <= budget || c.starts_with(word) || word.starts_with(c)
        })
        .min_by_key(|&(distance, c)| (distance, c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::declare_rule!(TEST_RULE, "missing-title", Deny, "test");

    #[test]
    fn locates_line_and_character_column() {
        let text = "+++\ntitle = \"Tăng\"\nowner = 3\n+++\n";
        let offset = text.find("owner").unwrap();
        let d = Diagnostic::new(
            &TEST_RULE,
            SourceRef {
                path: "goals/a.md",
                text,
            },
            offset..offset + 5,
            "m",
        );
        assert_eq!((d.line, d.column), (3, 1));
        let offset = text.find('"').unwrap() + 4; // the `n` after the two-byte `ă`
        let d = Diagnostic::new(&TEST_RULE, SourceRef { path: "a", text }, offset..offset, "m");
        assert_eq!((d.line, d.column), (2, 12));
    }

    #[test]
    fn snippet_stops_at_end_of_line_and_drops_cr() {
        let text = "a = 1\r\nb = [\r\n  2,\r\n]\r\n";
        let start = text.find('b').unwrap();
        let d = Diagnostic::new(&TEST_RULE, SourceRef { path: "p", text }, start..text.len(), "m");
        let snippet = d.snippet.unwrap();
        assert_eq!(snippet.line_text, "b = [");
        assert_eq!(snippet.underline, 0..5);
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["deadline", "baseline", "target", "owner"];
        assert_eq!(did_you_mean("dealine", keys), Some("deadline"));
        assert_eq!(did_you_mean("Target", keys), Some("target"));
        assert_eq!(did_you_mean("colour", keys), None);
    }
}
