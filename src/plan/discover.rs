//! Finds a plan's files with one walk (walkdir): the Markdown files that may be documents, the
//! files of `static/` and of `templates/`. Only what lies inside the plan folder is read: a
//! symbolic link that resolves outside it is reported and not followed, and FIFOs, sockets and
//! devices are reported and skipped (reading one would hang or never end).

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use super::Kind;
use super::rules::{SYMLINK_OUTSIDE_PLAN, UNREADABLE_FILE};
use crate::diagnostic::Diagnostic;

/// Top-level folders that never hold plan documents.
pub const SKIPPED_TOP_FOLDERS: &[&str] = &["public", "node_modules", "target"];

/// Top-level folders whose files are the site's assets and templates, not documents.
pub const STATIC_FOLDER: &str = "static";
pub const TEMPLATES_FOLDER: &str = "templates";

/// A Markdown file that may be a plan document.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub abs: PathBuf,
    /// Relative to the plan folder, `/`-separated (lossy for non-UTF-8 names).
    pub rel: String,
    /// The kind its top folder implies (`goals/…` → goal), if any.
    pub folder_kind: Option<Kind>,
}

impl Candidate {
    /// The candidate at `rel` under `root`.
    pub fn new(root: &Path, rel: &str) -> Candidate {
        Candidate {
            abs: root.join(rel),
            rel: rel.to_owned(),
            folder_kind: folder_kind(rel),
        }
    }
}

/// A file of `static/` or `templates/`: where it is, and its path inside that folder.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlanFile {
    pub abs: PathBuf,
    /// Relative to its folder (`static/img/a.png` → `img/a.png`), `/`-separated.
    pub rel: String,
}

/// What one walk of the plan found.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Sorted by path.
    pub documents: Vec<Candidate>,
    pub assets: Vec<PlanFile>,
    pub templates: Vec<PlanFile>,
    /// Folders that are symbolic links to another folder of the plan: `(link, target)`, both
    /// plan-relative. A change under the target is a change under the link.
    pub linked_folders: Vec<(String, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks the plan folder.
pub fn discover(root: &Path) -> Discovered {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let refused = RefCell::new(Vec::new());
    let linked = RefCell::new(Vec::new());
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let rel = relative(root, e.path());
            if e.depth() > 0 && is_skipped(&rel, e.file_type().is_dir()) {
                return false;
            }
            if e.path_is_symlink() {
                match e.path().canonicalize() {
                    Ok(real) if !real.starts_with(&canonical) => {
                        refused.borrow_mut().push(outside_link(e.path(), &rel));
                        return false;
                    }
                    Ok(real) if e.file_type().is_dir() => {
                        linked.borrow_mut().push((rel, relative(&canonical, &real)));
                    }
                    _ => {}
                }
            }
            true
        });
    let mut found = Discovered::default();
    for entry in walker {
        match entry {
            Ok(entry) => found.add(root, &entry),
            Err(error) => found.diagnostics.push(walk_error(root, &error)),
        }
    }
    found.diagnostics.extend(refused.into_inner());
    found.linked_folders = linked.into_inner();
    found
}

impl Discovered {
    fn add(&mut self, root: &Path, entry: &DirEntry) {
        let kind = entry.file_type();
        if kind.is_dir() {
            return;
        }
        let rel = relative(root, entry.path());
        if !kind.is_file() {
            let message = format!("`{rel}` is {}, not a regular file: it is skipped", special_kind(&kind));
            self.diagnostics.push(
                Diagnostic::for_file(&UNREADABLE_FILE, &rel, message)
                    .with_help("move it out of the plan folder; a plan holds only regular files"),
            );
            return;
        }
        let abs = entry.path().to_path_buf();
        let (top, rest) = rel.split_once('/').unwrap_or(("", &rel));
        match top {
            STATIC_FOLDER => self.assets.push(PlanFile {
                abs,
                rel: rest.to_owned(),
            }),
            TEMPLATES_FOLDER => self.templates.push(PlanFile {
                abs,
                rel: rest.to_owned(),
            }),
            _ if is_markdown(entry.file_name().to_string_lossy().as_ref()) => self.documents.push(Candidate {
                abs,
                folder_kind: folder_kind(&rel),
                rel,
            }),
            _ => {}
        }
    }
}

/// `goals/…` → goal; a file at the top of the plan has no folder kind.
pub fn folder_kind(rel: &str) -> Option<Kind> {
    rel.split_once('/').and_then(|(top, _)| Kind::from_folder(top))
}

/// Whether the walk leaves out `rel` (plan-relative): hidden entries and editors' files
/// (`static/` keeps its hidden files, such as `.well-known/` or `.nojekyll`), and the output
/// and tool folders at the top.
pub fn is_skipped(rel: &str, is_dir: bool) -> bool {
    let mut parts = rel.split('/');
    let top = parts.next().unwrap_or_default();
    let name = rel.rsplit('/').next().unwrap_or_default();
    if !rel.contains('/') && is_dir && SKIPPED_TOP_FOLDERS.contains(&top) {
        return true;
    }
    if top == STATIC_FOLDER {
        return false;
    }
    rel.split('/').any(|p| p.starts_with('.')) || (!is_dir && is_editor_temp(name))
}

/// Whether `path` resolves (links followed) to a regular place inside the plan folder `root`.
pub fn resolves_inside(root: &Path, path: &Path) -> bool {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    inside(&root, path) && std::fs::metadata(path).is_ok_and(|m| m.is_file() || m.is_dir())
}

/// Whether `path` (a symbolic link) resolves to somewhere inside the plan folder `root`.
fn inside(root: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|real| real.starts_with(root))
}

fn outside_link(path: &Path, rel: &str) -> Diagnostic {
    let to = std::fs::read_link(path).map_or_else(|_| "?".to_owned(), |t| t.display().to_string());
    let message = format!("`{rel}` is a symbolic link to `{to}`, outside the plan folder: it is not followed");
    Diagnostic::for_file(&SYMLINK_OUTSIDE_PLAN, rel, message)
        .with_help("copy what it points to into the plan folder, or remove the link")
}

fn walk_error(root: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().map_or_else(|| root.to_path_buf(), Path::to_path_buf);
    let rel = relative(root, &path);
    let message = if error.loop_ancestor().is_some() {
        format!("`{rel}` is a symbolic link that loops back to a folder above it")
    } else {
        let cause = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
        format!("cannot read `{rel}`: {cause}")
    };
    Diagnostic::for_file(&UNREADABLE_FILE, &rel, message)
        .with_help("fix the permissions or the link, or move it out of the plan folder")
}

/// `a FIFO`, `a socket`, `a device`.
fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

fn is_markdown(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".md") && !is_editor_temp(name)
}

/// Editors' swap, backup and lock files: `.x.md.swp`, `x.md~`, `#x.md#`, `.#x.md`, `x.md.tmp`.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with(".orig")
}

/// `root/goals/a.md` → `goals/a.md`, with `/` separators.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Editors' files named after a Markdown file, one for each way `is_editor_temp` knows one.
    const TEMP_NAMES: [&str; 10] = [
        ".leads.md",     // hidden (also vim's `.leads.md.swp` below)
        ".#leads.md",    // emacs lock
        "#leads.md",     // emacs auto-save, before it gets its closing `#`
        "#leads.md#",    // emacs auto-save
        "leads.md~",     // vim, emacs, gedit backup
        ".leads.md.swp", // vim swap
        "leads.md.swx",  // vim swap, when `.swp` is taken
        "leads.md.tmp",  // atomic save
        "leads.md.bak",  // backup
        "leads.md.orig", // merge and patch leftovers
    ];

    #[test]
    fn recognises_each_kind_of_editor_temporary_file() {
        for name in TEMP_NAMES {
            assert!(is_editor_temp(name), "{name}");
        }
        // Near misses: the marks in the middle of a name, or before the extension.
        for name in [
            "leads.md",
            "a#b.md",
            "a~b.md",
            "swp.md",
            "leads.tmp.md",
            "bak.md",
            "orig.md",
        ] {
            assert!(!is_editor_temp(name), "{name}");
        }
    }

    #[test]
    fn a_temporary_file_ending_in_md_is_not_markdown() {
        for name in [".leads.md", ".#leads.md", "#leads.md"] {
            assert!(name.ends_with(".md"));
            assert!(!is_markdown(name), "{name}");
        }
        assert!(is_markdown("leads.md"));
        assert!(is_markdown("README.MD"));
        assert!(!is_markdown("leads.markdown.txt"));
    }

    #[test]
    fn editors_files_are_skipped_but_not_folders_named_alike() {
        for name in TEMP_NAMES {
            assert!(is_skipped(&format!("goals/{name}"), false), "goals/{name}");
            assert!(is_skipped(&format!("templates/{name}"), false), "templates/{name}");
        }
        assert!(!is_skipped("goals/2027~", true), "a folder is not an editor's file");
        assert!(!is_skipped("goals/#2027", true));
        assert!(!is_skipped("static/#leads.md", false), "static/ keeps every file");
    }

    #[test]
    fn a_plan_with_editors_files_has_only_its_documents_and_templates() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let names = TEMP_NAMES
            .iter()
            .flat_map(|n| [format!("goals/{n}"), format!("templates/{n}")]);
        for rel in names.chain(["goals/leads.md".into(), "templates/goal.html".into()]) {
            std::fs::create_dir_all(root.join(&rel).parent().unwrap()).unwrap();
            std::fs::write(root.join(&rel), "x").unwrap();
        }
        let found = discover(root);
        let docs: Vec<_> = found.documents.iter().map(|c| c.rel.as_str()).collect();
        assert_eq!(docs, ["goals/leads.md"]);
        let templates: Vec<_> = found.templates.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(templates, ["goal.html"]);
    }

    #[test]
    fn skips_hidden_entries_and_output_folders_at_the_top_only() {
        assert!(is_skipped(".git", true));
        assert!(is_skipped("goals/.drafts", true));
        assert!(is_skipped("public", true));
        assert!(!is_skipped("goals/public", true));
        assert!(!is_skipped("goals", true));
        assert!(!is_skipped("static/.well-known", true));
        assert!(is_skipped("templates/.goal.html.swp", false));
    }

    #[test]
    fn sorts_files_into_documents_assets_and_templates() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "goals/a.md",
            "static/img/logo.png",
            "static/.nojekyll",
            "templates/goal.html",
            "notes.txt",
        ] {
            std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
            std::fs::write(root.join(rel), "x").unwrap();
        }
        let found = discover(root);
        let docs: Vec<_> = found.documents.iter().map(|c| c.rel.as_str()).collect();
        assert_eq!(docs, ["goals/a.md"]);
        let assets: Vec<_> = found.assets.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(assets, [".nojekyll", "img/logo.png"]);
        assert_eq!(found.templates[0].rel, "goal.html");
        assert!(found.diagnostics.is_empty());
    }
}
