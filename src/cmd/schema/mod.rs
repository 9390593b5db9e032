//! `stratagem schema [--kind K] [-o DIR]`: the JSON Schemas of plan.toml and of each kind's front
//! matter, for TOML editors (Taplo, Even Better TOML). One is printed, or all are written into DIR;
//! a file there is replaced only when it is a schema stratagem wrote.

mod json;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

pub use json::{MARK, schema};

use crate::ExitStatus;
use crate::cli::{SchemaArgs, SchemaKind};
use crate::plan::Kind;

pub fn run(args: &SchemaArgs) -> anyhow::Result<ExitStatus> {
    let Some(dir) = &args.output else {
        let kind = args.kind.unwrap_or(SchemaKind::Plan);
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, &schema(target(kind)))?;
        writeln!(out)?;
        return Ok(ExitStatus::Success);
    };
    let kinds = match args.kind {
        Some(kind) => vec![kind],
        None => SchemaKind::ALL.to_vec(),
    };
    let files: Vec<(PathBuf, String)> = kinds
        .iter()
        .map(|&kind| {
            let text = serde_json::to_string_pretty(&schema(target(kind))).expect("a schema serialises");
            (dir.join(file_name(kind)), text + "\n")
        })
        .collect();
    // Every file is checked before any is written: a refusal writes nothing.
    for (path, _) in &files {
        check_replaceable(path)?;
    }
    fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    for (path, text) in &files {
        fs::write(path, text).with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    eprintln!(
        "wrote {} schema{} into `{}`",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        dir.display()
    );
    Ok(ExitStatus::Success)
}

/// plan.toml is None; each kind of document is itself.
fn target(kind: SchemaKind) -> Option<Kind> {
    match kind {
        SchemaKind::Plan => None,
        SchemaKind::Goal => Some(Kind::Goal),
        SchemaKind::Strategy => Some(Kind::Strategy),
        SchemaKind::Tactic => Some(Kind::Tactic),
        SchemaKind::Evaluation => Some(Kind::Evaluation),
        SchemaKind::Page => Some(Kind::Page),
    }
}

/// `plan.schema.json`, `goal.schema.json` …
pub fn file_name(kind: SchemaKind) -> String {
    format!("{}.schema.json", target(kind).map_or("plan", Kind::name))
}

/// A path may be written when nothing is there, or when it is a schema stratagem wrote (a JSON
/// object whose `$comment` starts with [`MARK`]). Anything else — a user's file, a folder, a
/// symbolic link — is left alone.
fn check_replaceable(path: &Path) -> anyhow::Result<()> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
    };
    if metadata.is_file() && is_ours(path) {
        return Ok(());
    }
    bail!(
        "`{}` exists and is not a schema stratagem wrote; nothing was written (move it, or write the schemas elsewhere with -o)",
        path.display()
    )
}

fn is_ours(path: &Path) -> bool {
    let Ok(text) = fs::read_to_string(path) else {
        return false;
    };
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("$comment")?.as_str().map(|c| c.starts_with(MARK)))
        .unwrap_or(false)
}
