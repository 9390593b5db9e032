//! `stratagem lint --fix` and `--diff`: lint, apply the fixes the findings carry, lint again
//! until nothing more applies (a bounded number of passes), and write each changed file
//! atomically; or print what would change as a unified diff.

use std::fs;
use std::io::Write;
use std::path::{Component, Path};

use anyhow::{Context, bail};

use crate::ExitStatus;
use crate::cli::LintArgs;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::lint::fix::{self, Wanted};
use crate::plan::SETTINGS_FILE;

/// At most this many rounds of lint and fix: a fix may bring to light a finding that the next
/// round fixes (a second syntax error), but a chain this long is a loop.
const MAX_PASSES: usize = 10;

pub fn wanted(args: &LintArgs) -> Wanted {
    if args.unsafe_fixes {
        Wanted::SafeAndUnsafe
    } else {
        Wanted::Safe
    }
}

/// Applies fixes until none is left to apply; returns how many were applied.
pub fn fix(args: &LintArgs) -> anyhow::Result<usize> {
    let mut fixed = 0;
    for pass in 0..MAX_PASSES {
        let (loaded, outcome) = super::lint::check(args, pass == 0)?;
        let root = &loaded.plan.root;
        let mut applied = 0;
        for (file, fixes) in fix::select(&outcome.diagnostics, wanted(args)) {
            let Some(text) = read(root, &file)? else { continue };
            let result = fix::apply(&text, &fixes, file == SETTINGS_FILE);
            if result.fixed > 0 && result.text != text {
                write(root, &file, &result.text)?;
                applied += result.fixed;
            }
        }
        std::mem::forget(loaded.plan);
        if applied == 0 {
            break;
        }
        fixed += applied;
    }
    Ok(fixed)
}

/// `--diff`: what one round of fixes would change, as a unified diff; writes nothing. Exit 1
/// when there is a change.
pub fn diff(args: &LintArgs) -> anyhow::Result<ExitStatus> {
    let (loaded, outcome) = super::lint::check(args, true)?;
    let root = &loaded.plan.root;
    let prefix = super::lint::path_prefix(&args.plan);
    let mut out = std::io::stdout().lock();
    let mut fixed = 0;
    for (file, fixes) in fix::select(&outcome.diagnostics, wanted(args)) {
        let Some(text) = read(root, &file)? else { continue };
        let result = fix::apply(&text, &fixes, file == SETTINGS_FILE);
        if result.text == text {
            continue;
        }
        fixed += result.fixed;
        let shown = if prefix.is_empty() {
            file.clone()
        } else {
            format!("{prefix}/{file}")
        };
        let diff = similar::TextDiff::from_lines(&text, &result.text);
        write!(out, "{}", diff.unified_diff().header(&shown, &shown))?;
    }
    out.flush()?;
    let more = unsafe_left(&outcome.diagnostics, wanted(args));
    if fixed == 0 {
        eprintln!("No fixes to apply{}.", more_unsafe(more));
        Ok(ExitStatus::Success)
    } else {
        eprintln!("Would fix {}{}.", findings(fixed), more_unsafe(more));
        Ok(ExitStatus::Failure)
    }
}

/// The line said after a run: what `--fix` did and what is left, or, without `--fix`, how many
/// findings it would fix. `None` when there is nothing to say.
pub fn summary_line(fixed: Option<usize>, left: &[Diagnostic], wanted: Wanted) -> Option<String> {
    let more = unsafe_left(left, wanted);
    match fixed {
        Some(fixed) => {
            let mut line = format!("Fixed {} ({} remaining", findings(fixed), left.len());
            if more > 0 {
                line.push_str(&format!("; {more} more with --unsafe-fixes"));
            }
            line.push_str(").");
            Some(line)
        }
        None => {
            let safe = left
                .iter()
                .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe))
                .count();
            match (safe, more) {
                (0, 0) => None,
                (0, more) => Some(format!(
                    "{} fixable with `stratagem lint --fix --unsafe-fixes` (review what it changes).",
                    findings(more)
                )),
                (safe, 0) => Some(format!("{} fixable with `stratagem lint --fix`.", findings(safe))),
                (safe, more) => Some(format!(
                    "{} fixable with `stratagem lint --fix` ({more} more with `--unsafe-fixes`).",
                    findings(safe)
                )),
            }
        }
    }
}

/// Findings with an unsafe fix that `wanted` leaves alone.
fn unsafe_left(diagnostics: &[Diagnostic], wanted: Wanted) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| !wanted.takes(f.applicability)))
        .count()
}

fn more_unsafe(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" ({n} more with --unsafe-fixes)")
    }
}

fn findings(n: usize) -> String {
    if n == 1 {
        "1 finding".to_owned()
    } else {
        format!("{n} findings")
    }
}

/// The path of a plan file that may be rewritten: inside the plan, reached without a symbolic
/// link, a regular file. Anything else is skipped with a note (`None`).
fn checked_path(root: &Path, rel: &str) -> anyhow::Result<Option<std::path::PathBuf>> {
    let relative = Path::new(rel);
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        eprintln!("note: not fixing `{rel}`: it is not a path inside the plan");
        return Ok(None);
    }
    let path = root.join(relative);
    let metadata = fs::symlink_metadata(&path).with_context(|| format!("cannot read `{rel}`"))?;
    let real_root = fs::canonicalize(root).with_context(|| format!("cannot resolve `{}`", root.display()))?;
    let through_link = fs::canonicalize(&path).map_or(true, |real| real != real_root.join(relative));
    if !metadata.file_type().is_file() || through_link {
        eprintln!("note: not fixing `{rel}`: it is reached through a symbolic link");
        return Ok(None);
    }
    Ok(Some(path))
}

fn read(root: &Path, rel: &str) -> anyhow::Result<Option<String>> {
    let Some(path) = checked_path(root, rel)? else {
        return Ok(None);
    };
    let bytes = fs::read(&path).with_context(|| format!("cannot read `{rel}`"))?;
    Ok(String::from_utf8(bytes).ok())
}

/// Replaces a plan file by `text` atomically: a temporary file in the same folder, with the
/// file's permissions, renamed over it.
fn write(root: &Path, rel: &str, text: &str) -> anyhow::Result<()> {
    let Some(path) = checked_path(root, rel)? else {
        return Ok(());
    };
    let Some(folder) = path.parent() else {
        bail!("`{rel}` has no folder")
    };
    let permissions = fs::metadata(&path)?.permissions();
    let mut temp = tempfile::Builder::new()
        .prefix(".stratagem-fix-")
        .tempfile_in(folder)
        .with_context(|| format!("cannot write beside `{rel}`"))?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().set_permissions(permissions)?;
    temp.as_file().sync_all()?;
    temp.persist(&path).with_context(|| format!("cannot replace `{rel}`"))?;
    Ok(())
}
