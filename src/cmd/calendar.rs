//! `stratagem calendar [PLAN] [-o FILE]`: the plan's reviews, deadlines and tactic dates as an
//! iCalendar file, to import or subscribe to.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

use crate::ExitStatus;
use crate::cli::CalendarArgs;
use crate::plan::{Document, Plan};
use crate::site::urls::{Published, Urls};
use crate::{calendar, plan, today};

/// The line by which a calendar stratagem wrote is known, and may be replaced.
const MARK: &str = "PRODID:-//stratagem//plan calendar//EN";

pub fn run(args: &CalendarArgs) -> anyhow::Result<ExitStatus> {
    let loaded = plan::load(&args.plan, plan::Purpose::Lint)?;
    let plan = &loaded.plan;
    let today = today::resolve(args.today, &plan.settings)?;
    let text = calendar::render(plan, today, &page_url(plan));
    match &args.output {
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
        Some(path) => {
            if let Err(refusal) = write(path, &text) {
                eprintln!("error: {refusal:#}");
                return Ok(ExitStatus::Error);
            }
            let events = text.matches("BEGIN:VEVENT").count();
            eprintln!("Wrote {events} events to {}", path.display());
        }
    }
    Ok(ExitStatus::Success)
}

/// Each document's page on the published site, when plan.toml gives an absolute `base_url`.
pub fn page_url(plan: &Plan) -> impl Fn(&Document) -> Option<String> + '_ {
    let base = Published::from_base_url(plan.settings.base_url.as_ref().map(|u| u.value.as_str())).url;
    let urls = base.as_ref().map(|_| Urls::new(plan));
    move |document: &Document| {
        let index = plan.index_of_path(&document.path)?;
        Some(format!("{}{}", base.as_ref()?, urls.as_ref()?.doc(index)))
    }
}

/// Writes `text` to `path` through a temporary file beside it, replacing only a calendar
/// stratagem wrote, never through a symbolic link.
fn write(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            bail!("`{}` is a symbolic link; give the path of a file", path.display());
        }
        let existing = std::fs::read(path).unwrap_or_default();
        let ours = String::from_utf8_lossy(&existing).lines().any(|l| l.trim_end() == MARK);
        if !meta.is_file() || !ours {
            bail!(
                "`{}` exists and is not a calendar stratagem wrote; choose another path or remove it",
                path.display()
            );
        }
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file =
        tempfile::NamedTempFile::new_in(folder).with_context(|| format!("cannot write in `{}`", folder.display()))?;
    file.write_all(text.as_bytes())?;
    file.persist(path)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}
