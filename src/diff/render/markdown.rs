//! The diff as a pull-request comment: a one-line summary, a short section per goal, and the
//! findings the change introduced and fixed. It starts with a hidden marker, so that a CI job
//! can find its earlier comment and update it instead of adding another.

use std::io::{self, Write};

use super::{counts, details, revision_label};
use crate::diff::{Diff, DocChange, Finding, Status};

/// The first line of every comment, for CI jobs that update it.
pub const MARKER: &str = "<!-- stratagem diff -->";
/// Past this many documents, or findings, the rest is counted, not listed: a comment stays
/// readable (and far below GitHub's 65,536 characters).
const MAX_DOCUMENTS: usize = 40;
const MAX_FINDINGS: usize = 15;

pub fn render(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{MARKER}")?;
    writeln!(out, "### Plan changes\n")?;
    writeln!(
        out,
        "{} · findings: {} introduced, {} fixed · {} → {}",
        counts(diff),
        diff.findings_introduced.len(),
        diff.findings_fixed.len(),
        escape(&revision_label(&diff.base)),
        escape(&revision_label(&diff.head))
    )?;
    let mut shown = 0;
    let mut hidden = 0;
    for (goal, changes) in diff.by_goal() {
        let heading = match goal {
            Some(id) => match diff.goal_titles.get(id) {
                Some(title) => format!("Goal: {} (`{id}`)", escape(title)),
                None => format!("Goal `{id}`"),
            },
            None => "Not under any goal".to_owned(),
        };
        let room = MAX_DOCUMENTS.saturating_sub(shown);
        if room == 0 {
            hidden += changes.len();
            continue;
        }
        writeln!(out, "\n#### {heading}\n")?;
        for change in changes.iter().take(room) {
            document(change, out)?;
        }
        shown += changes.len().min(room);
        hidden += changes.len().saturating_sub(room);
    }
    if hidden > 0 {
        writeln!(out, "\n…and {hidden} more (run `stratagem diff` for all of them).")?;
    }
    if !diff.settings.is_empty() {
        let keys: Vec<String> = diff.settings.iter().map(|f| format!("`{}`", f.field)).collect();
        writeln!(out, "\n**plan.toml**: {} changed.", keys.join(", "))?;
    }
    findings(out, "Findings introduced", &diff.findings_introduced)?;
    findings(out, "Findings fixed", &diff.findings_fixed)
}

fn document(change: &DocChange, out: &mut dyn Write) -> io::Result<()> {
    let status = match change.change {
        Status::Added => "added",
        Status::Removed => "removed",
        Status::Renamed => "renamed",
        Status::Modified => "edited",
    };
    writeln!(
        out,
        "- {} **{}** (`{}`): {status}",
        change.kind.name(),
        escape(&change.title),
        change.id
    )?;
    for line in details(change, code) {
        writeln!(out, "  - {line}")?;
    }
    Ok(())
}

fn findings(out: &mut dyn Write, heading: &str, list: &[Finding]) -> io::Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n<details><summary>{heading}: {}</summary>\n", list.len())?;
    writeln!(out, "| | rule | where | finding |\n| --- | --- | --- | --- |")?;
    for f in list.iter().take(MAX_FINDINGS) {
        let icon = match f.severity {
            crate::diagnostic::Severity::Error => "error",
            crate::diagnostic::Severity::Warning => "warning",
        };
        writeln!(
            out,
            "| {icon} | `{}` | `{}:{}` | {} |",
            f.rule,
            f.file,
            f.line,
            escape(&f.message)
        )?;
    }
    if list.len() > MAX_FINDINGS {
        writeln!(out, "\n…and {} more.", list.len() - MAX_FINDINGS)?;
    }
    writeln!(out, "\n</details>")
}

/// A value as inline code, with backticks inside it made safe.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {} ``", text.replace("``", "` `"))
    } else {
        format!("`{text}`")
    }
}

/// Text from the plan with Markdown's and HTML's special characters escaped, so that a title
/// cannot format (or break) the comment.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_text_cannot_format_the_comment() {
        assert_eq!(
            escape("*Big* <b>win</b> | [x]"),
            "\\*Big\\* &lt;b\\>win&lt;/b\\> \\| \\[x\\]"
        );
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
