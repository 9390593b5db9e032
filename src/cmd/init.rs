//! `stratagem init [DIR]`: writes a small plan that lints clean, to be edited into the real one.

use std::fs;

use anyhow::{Context, bail};

use super::scaffold::{self, Dates};
use crate::ExitStatus;
use crate::cli::InitArgs;
use crate::plan::SETTINGS_FILE;

pub fn run(args: &InitArgs) -> anyhow::Result<ExitStatus> {
    let dir = &args.dir;
    if dir.join(SETTINGS_FILE).exists() {
        bail!(
            "`{}` already holds a plan ({SETTINGS_FILE} exists); nothing was written",
            dir.display()
        );
    }
    let dates = Dates {
        today: crate::today::resolve(None, &Default::default())?,
    };
    let files = scaffold::init_files(&dates);
    for (path, _) in &files {
        if dir.join(path).exists() {
            bail!("`{}` already exists; nothing was written", dir.join(path).display());
        }
    }
    for (path, content) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        fs::write(&target, content).with_context(|| format!("cannot write `{}`", target.display()))?;
    }
    println!(
        "Created a plan in `{}` with one goal, strategy, tactic, evaluation and page.",
        dir.display()
    );
    println!(
        "Next: edit plan.toml and goals/, then run `stratagem lint {}`.",
        dir.display()
    );
    Ok(ExitStatus::Success)
}
