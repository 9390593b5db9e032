//! Finds a plan's Markdown files with walkdir: every `*.md` below the plan folder except hidden
//! entries, output and asset folders, and editors' temporary files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::Kind;
use super::rules::UNREADABLE_FILE;
use crate::diagnostic::Diagnostic;

/// Top-level folders that never hold plan documents.
const SKIPPED_TOP_FOLDERS: &[&str] = &["public", "static", "templates", "node_modules", "target"];

/// A Markdown file that may be a plan document.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub abs: PathBuf,
    /// Relative to the plan folder, `/`-separated (lossy for non-UTF-8 names).
    pub rel: String,
    /// The kind its top folder implies (`goals/…` → goal), if any.
    pub folder_kind: Option<Kind>,
}

/// Lists candidate documents, sorted by path, and diagnostics for what could not be walked.
pub fn discover(root: &Path) -> (Vec<Candidate>, Vec<Diagnostic>) {
    let mut candidates = Vec::new();
    let mut diagnostics = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !is_skipped(
                    e.file_name().to_string_lossy().as_ref(),
                    e.depth(),
                    e.file_type().is_dir(),
                )
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_markdown(&entry.file_name().to_string_lossy()) => {
                let rel = relative(root, entry.path());
                let folder_kind = rel
                    .split('/')
                    .next()
                    .filter(|_| rel.contains('/'))
                    .and_then(Kind::from_folder);
                candidates.push(Candidate {
                    abs: entry.into_path(),
                    rel,
                    folder_kind,
                });
            }
            Ok(_) => {}
            Err(error) => {
                let path = error.path().map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let rel = relative(root, &path);
                let message = if error.loop_ancestor().is_some() {
                    format!("`{rel}` is a symbolic link that loops back to a folder above it")
                } else {
                    let cause = error.io_error().map_or_else(|| error.to_string(), ToString::to_string);
                    format!("cannot read `{rel}`: {cause}")
                };
                diagnostics.push(
                    Diagnostic::for_file(&UNREADABLE_FILE, &rel, message)
                        .with_help("fix the permissions or the link, or move it out of the plan folder"),
                );
            }
        }
    }
    (candidates, diagnostics)
}

fn is_skipped(name: &str, depth: usize, is_dir: bool) -> bool {
    name.starts_with('.') || (is_dir && depth == 1 && SKIPPED_TOP_FOLDERS.contains(&name))
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

    #[test]
    fn recognises_editor_temporary_files() {
        for name in [".leads.md.swp", "leads.md~", "#leads.md#", ".#leads.md", "leads.md.tmp"] {
            assert!(is_editor_temp(name) || !is_markdown(name), "{name}");
        }
        assert!(is_markdown("leads.md"));
        assert!(is_markdown("README.MD"));
    }

    #[test]
    fn skips_hidden_and_output_folders_at_the_top_only() {
        assert!(is_skipped(".git", 1, true));
        assert!(is_skipped("public", 1, true));
        assert!(!is_skipped("public", 2, true));
        assert!(!is_skipped("goals", 1, true));
    }
}
