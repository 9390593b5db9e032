//! The diff as JSON: the [`Diff`] itself and a summary of counts, a stable contract.

use std::io::{self, Write};

use serde::Serialize;

use crate::diff::{Diff, Status};

#[derive(Serialize)]
struct Summary {
    added: usize,
    removed: usize,
    renamed: usize,
    modified: usize,
    findings_introduced: usize,
    findings_fixed: usize,
}

#[derive(Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    diff: &'a Diff,
    summary: Summary,
}

pub fn render(diff: &Diff, out: &mut dyn Write) -> io::Result<()> {
    let summary = Summary {
        added: diff.count(Status::Added),
        removed: diff.count(Status::Removed),
        renamed: diff.count(Status::Renamed),
        modified: diff.count(Status::Modified),
        findings_introduced: diff.findings_introduced.len(),
        findings_fixed: diff.findings_fixed.len(),
    };
    serde_json::to_writer_pretty(&mut *out, &Output { diff, summary })?;
    writeln!(out)
}
