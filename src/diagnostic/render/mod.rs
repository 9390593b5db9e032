//! Output formats for a list of diagnostics: one small renderer per format over the same slice.

mod github;
mod gitlab;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use super::{Diagnostic, Fingerprint, Rule, Summary, Suppressed};

/// The `--format` values of `stratagem lint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style messages with the source line underlined, and a summary
    Human,
    /// `{"diagnostics": [{"rule", "severity", "file", "line", "column", "message", "help"}], "summary"}`, a stable contract (plus `suppressed` and, with --baseline, `fixed`)
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests)
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards
    Sarif,
    /// GitLab Code Quality report (a JSON array), for `artifacts: reports: codequality`
    Gitlab,
}

/// Everything a renderer may need besides the diagnostics themselves.
pub struct Report<'a> {
    pub diagnostics: &'a [Diagnostic],
    /// Findings silenced by `[lint.allow]` (not counted in the summary).
    pub suppressed: &'a [Suppressed],
    /// With `--baseline`: the recorded findings that are fixed since.
    pub fixed: Option<&'a [Fingerprint]>,
    /// With `--baseline`: how many recorded findings are still there (and not shown).
    pub known: usize,
    pub summary: Summary,
    /// Prepended to each file path in human, github, sarif and gitlab output (the plan folder as the user
    /// named it), so that paths are clickable from the working directory. Empty for `.`.
    pub path_prefix: &'a str,
    /// Every rule, for formats that describe the rules they report (SARIF).
    pub rules: &'a [&'static Rule],
    pub color: bool,
}

impl Report<'_> {
    fn display_path(&self, file: &str) -> String {
        if self.path_prefix.is_empty() {
            file.to_owned()
        } else {
            format!("{}/{}", self.path_prefix.trim_end_matches('/'), file)
        }
    }
}

pub fn render(format: Format, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, out),
        Format::Json => json::render(report, out),
        Format::Github => github::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Gitlab => gitlab::render(report, out),
    }
}
