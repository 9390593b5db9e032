//! `stratagem new KIND NAME [PLAN]`: writes one new document with every field, commented.

use std::fs;
use std::io::Write;

use anyhow::{Context, bail};

use super::scaffold::{self, Dates};
use crate::ExitStatus;
use crate::cli::{NewArgs, NewKind};
use crate::plan::{Kind, SETTINGS_FILE};

pub fn run(args: &NewArgs) -> anyhow::Result<ExitStatus> {
    if !args.plan.join(SETTINGS_FILE).is_file() {
        bail!(
            "`{}` is not a plan folder (no {SETTINGS_FILE}); run `stratagem init` first or pass the plan folder",
            args.plan.display()
        );
    }
    let title = args.name.trim();
    let slug = slug::slugify(title);
    if slug.is_empty() {
        bail!(
            "`{}` makes no file name; give the document a title with letters or digits",
            args.name
        );
    }
    let kind = match args.kind {
        NewKind::Goal => Kind::Goal,
        NewKind::Strategy => Kind::Strategy,
        NewKind::Tactic => Kind::Tactic,
        NewKind::Evaluation => Kind::Evaluation,
        NewKind::Page => Kind::Page,
    };
    let folder = args.plan.join(kind.folder());
    fs::create_dir_all(&folder).with_context(|| format!("cannot create `{}`", folder.display()))?;
    let path = folder.join(format!("{slug}.md"));
    let today = crate::today::resolve(None, &Default::default())?;
    let content = scaffold::new_document(args.kind, title, &Dates { today });
    // `create_new` refuses to overwrite, even if the file appeared since the check above.
    let mut file = match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!("`{}` already exists; choose another name", path.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot write `{}`", path.display())),
    };
    file.write_all(content.as_bytes())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    println!(
        "Created {} `{}` (id `{slug}`): fill in its fields, then run `stratagem lint`.",
        kind.name(),
        path.display()
    );
    Ok(ExitStatus::Success)
}
