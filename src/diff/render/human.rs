//! The diff for a terminal: per goal, each changed document and its fields, then the findings.

use std::io::{self, Write};

use super::{counts, details, revision_label};
use crate::diff::{Diff, DocChange, Finding};

pub fn render(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Plan changes from {} to {}",
        revision_label(&diff.base),
        revision_label(&diff.head)
    )?;
    if diff.is_empty() {
        writeln!(out, "No change to the plan.")?;
    }
    for (goal, changes) in diff.by_goal() {
        writeln!(out)?;
        match goal {
            Some(id) => match diff.goal_titles.get(id) {
                Some(title) => writeln!(out, "Goal `{id}` — {title}")?,
                None => writeln!(out, "Goal `{id}`")?,
            },
            None => writeln!(out, "Not under any goal")?,
        }
        for change in changes {
            document(change, out)?;
        }
    }
    if !diff.settings.is_empty() {
        writeln!(out, "\nplan.toml")?;
        for field in &diff.settings {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
            writeln!(out, "    {}: {} → {}", field.field, show(&field.from), show(&field.to))?;
        }
    }
    findings(out, "Findings introduced", &diff.findings_introduced)?;
    findings(out, "Findings fixed", &diff.findings_fixed)?;
    writeln!(
        out,
        "\n{}; {} finding{} introduced, {} fixed.",
        counts(diff),
        diff.findings_introduced.len(),
        super::plural(diff.findings_introduced.len()),
        diff.findings_fixed.len()
    )
}

fn document(change: &DocChange, out: &mut dyn Write) -> io::Result<()> {
    let status = match change.change {
        crate::diff::Status::Added => "added",
        crate::diff::Status::Removed => "removed",
        crate::diff::Status::Renamed => "renamed",
        crate::diff::Status::Modified => "edited",
    };
    writeln!(
        out,
        "  {} `{}` {} ({}): {status}",
        change.kind.name(),
        change.id,
        change.title,
        change.path
    )?;
    for line in details(change, |s| s.to_owned()) {
        writeln!(out, "    {line}")?;
    }
    Ok(())
}

fn findings(out: &mut dyn Write, heading: &str, list: &[Finding]) -> io::Result<()> {
    if list.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{heading}")?;
    for f in list {
        let severity = match f.severity {
            crate::diagnostic::Severity::Error => "error",
            crate::diagnostic::Severity::Warning => "warning",
        };
        writeln!(
            out,
            "  {severity}[{}] {}:{}:{}: {}",
            f.rule, f.file, f.line, f.column, f.message
        )?;
    }
    Ok(())
}
