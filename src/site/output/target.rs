//! Where a site may be written. A build replaces its output folder as a whole, so the folder
//! must be new, empty, or a site that stratagem wrote (it carries a marker file); anything else
//! is refused unless `--force`, and no output may be or hold the plan's own sources.

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::bail;

use crate::plan::{Kind, discover};

/// The file every site stratagem writes carries at its root.
pub const MARKER: &str = ".stratagem-site";

/// What the marker says to whoever opens it.
pub const MARKER_TEXT: &str = "This folder is a site written by stratagem.\n\
`stratagem build` replaces it as a whole: do not keep other files here.\n";

/// Folders of a plan that hold its sources, besides the document folders.
const SOURCE_FOLDERS: &[&str] = &[discover::STATIC_FOLDER, discover::TEMPLATES_FOLDER];

/// What the output folder holds before the build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Nothing there yet.
    Missing,
    /// An empty folder.
    Empty,
    /// A site stratagem wrote: its files may be hard-linked into the new one.
    Site,
    /// Files stratagem did not write, replaced only because of `--force`.
    Forced,
}

/// An output folder that passed the checks.
#[derive(Clone, Debug)]
pub struct Target {
    /// Absolute, with symbolic links resolved (a link to a folder writes into that folder).
    pub path: PathBuf,
    pub existing: Existing,
}

/// Checks that `output` may receive the site of the plan in `plan_root`. `ignore` says which
/// entries of the folder are a build's own leftovers (cleaned separately, never "foreign").
pub fn check(output: &Path, plan_root: &Path, force: bool, ignore: impl Fn(&str) -> bool) -> anyhow::Result<Target> {
    let shown = output.display();
    let path = resolve(output)?;
    if path.parent().is_none() {
        bail!("refusing to build into `{shown}`: it is the root of the file system");
    }
    let plan = resolve(plan_root)?;
    if path == plan {
        bail!(
            "refusing to build into `{shown}`: it is the plan folder itself, and a build replaces \
             its whole output folder (the default output is `{}`)",
            plan_root.join("public").display()
        );
    }
    if plan.starts_with(&path) {
        bail!(
            "refusing to build into `{shown}`: it contains the plan `{}`, and a build replaces its \
             whole output folder",
            plan_root.display()
        );
    }
    if let Some(folder) = source_folder(&plan, &path) {
        bail!(
            "refusing to build into `{shown}`: it is inside the plan's `{folder}/` folder, which \
             holds the plan's sources (the default output is `{}`)",
            plan_root.join("public").display()
        );
    }
    let metadata = match fs::metadata(&path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Target {
                path,
                existing: Existing::Missing,
            });
        }
        Err(error) => bail!("cannot read `{shown}`: {error}"),
    };
    if !metadata.is_dir() {
        bail!("refusing to build into `{shown}`: it is a file, not a folder; nothing was changed");
    }
    let existing = classify(&path, &shown.to_string(), force, ignore)?;
    Ok(Target { path, existing })
}

/// Empty, a stratagem site, or foreign (refused without `force`).
fn classify(path: &Path, shown: &str, force: bool, ignore: impl Fn(&str) -> bool) -> anyhow::Result<Existing> {
    let mut names = Vec::new();
    for entry in fs::read_dir(path).map_err(|e| anyhow::anyhow!("cannot read `{shown}`: {e}"))? {
        let entry = entry.map_err(|e| anyhow::anyhow!("cannot read `{shown}`: {e}"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if ignore(&name) {
            continue;
        }
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        names.push(if is_dir { format!("{name}/") } else { name });
    }
    if names.is_empty() {
        return Ok(Existing::Empty);
    }
    if is_site(path) {
        return Ok(Existing::Site);
    }
    if path.join(crate::plan::SETTINGS_FILE).is_file() {
        bail!("refusing to build into `{shown}`: it holds a plan (plan.toml); nothing was changed");
    }
    if force {
        return Ok(Existing::Forced);
    }
    names.sort();
    bail!(
        "refusing to build into `{shown}`: it holds files stratagem did not write ({}); nothing \
         was changed. Choose a new or empty folder, or pass --force to replace the folder and \
         everything in it",
        list_some(&names)
    )
}

/// A site stratagem wrote: it has the marker, or (sites from before the marker) the generator
/// tag in its overview and the search index beside it.
pub fn is_site(path: &Path) -> bool {
    if path.join(MARKER).is_file() {
        return true;
    }
    let legacy = path.join("search-index.js").is_file() && path.join("assets/search.js").is_file();
    legacy
        && fs::read_to_string(path.join("index.html"))
            .is_ok_and(|html| html.contains("<meta name=\"generator\" content=\"stratagem"))
}

/// `a, b, c and 4 more`.
fn list_some(names: &[String]) -> String {
    const SHOWN: usize = 4;
    let head = names.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    match names.len() {
        n if n > SHOWN => format!("{head} and {} more", n - SHOWN),
        _ => head,
    }
}

/// The plan folder holding sources that `path` is inside, if any (`goals`, `static` …).
fn source_folder(plan: &Path, path: &Path) -> Option<String> {
    let rest = path.strip_prefix(plan).ok()?;
    let first = rest.components().next()?.as_os_str().to_string_lossy().into_owned();
    let is_source = Kind::from_folder(&first).is_some() || SOURCE_FOLDERS.contains(&first.as_str());
    is_source.then_some(first)
}

/// An absolute path with every existing part's symbolic links resolved and `.`/`..` applied,
/// for a path that may not exist yet.
pub fn resolve(path: &Path) -> anyhow::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let components: Vec<Component<'_>> = absolute.components().collect();
    // The longest prefix that exists, resolved by the file system; the rest applied by hand.
    for split in (1..=components.len()).rev() {
        let prefix: PathBuf = components[..split].iter().collect();
        if let Ok(mut resolved) = prefix.canonicalize() {
            for part in &components[split..] {
                match part {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::Normal(name) => resolved.push(name),
                    _ => {}
                }
            }
            return Ok(resolved);
        }
    }
    Ok(absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(output: &Path, plan: &Path) -> String {
        check(output, plan, true, |_| false).unwrap_err().to_string()
    }

    #[test]
    fn refuses_the_plan_its_sources_and_what_contains_it() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        fs::create_dir_all(plan.join("goals/2027")).unwrap();
        assert!(refusal(&plan, &plan).contains("the plan folder itself"));
        assert!(refusal(dir.path(), &plan).contains("contains the plan"));
        assert!(refusal(&plan.join("goals"), &plan).contains("inside the plan's `goals/` folder"));
        assert!(refusal(&plan.join("goals/2027/new"), &plan).contains("`goals/`"));
        assert!(refusal(&plan.join("static/site"), &plan).contains("`static/`"));
        assert!(refusal(Path::new("/"), &plan).contains("root of the file system"));
        assert!(refusal(&plan.join("goals/../.."), &plan).contains("contains the plan"));
        let target = check(&plan.join("public"), &plan, false, |_| false).unwrap();
        assert_eq!(target.existing, Existing::Missing);
    }

    #[test]
    fn foreign_folders_need_force_and_name_what_they_hold() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        fs::create_dir_all(&plan).unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(out.join(".git")).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let error = check(&out, &plan, false, |_| false).unwrap_err().to_string();
        assert!(error.contains(".git/, notes.txt"), "{error}");
        assert!(error.contains("--force"), "{error}");
        assert_eq!(check(&out, &plan, true, |_| false).unwrap().existing, Existing::Forced);
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(check(&out, &plan, false, |_| false).unwrap().existing, Existing::Site);
    }

    #[test]
    fn resolves_paths_that_do_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(resolve(&dir.path().join("a/b/../c")).unwrap(), real.join("a/c"));
    }

    #[test]
    fn lists_a_few_names_and_counts_the_rest() {
        let names: Vec<String> = (1..=6).map(|n| format!("f{n}")).collect();
        assert_eq!(list_some(&names), "f1, f2, f3, f4 and 2 more");
        assert_eq!(list_some(&names[..2]), "f1, f2");
    }
}
