//! What a change on disk means for the preview: which file events matter and how much they
//! rebuild. Pure functions over paths (unit-tested), and the notify watcher that feeds them.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::event::{MetadataKind, ModifyKind};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, RecommendedCache, new_debouncer, notify::RecommendedWatcher,
};

use crate::plan::SETTINGS_FILE;
use crate::plan::discover::{SKIPPED_TOP_FOLDERS, STATIC_FOLDER, TEMPLATES_FOLDER, is_editor_temp, relative};

/// How long the watcher waits for a burst of events (an editor's save is several) to end.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// What a changed path asks for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Change {
    /// One Markdown document (plan-relative path): re-read it, re-render what it touches.
    Document(String),
    /// plan.toml, a template, a static file, a folder: rebuild everything.
    Everything,
}

/// Classifies one changed path under `root`; `None` for what the preview ignores: hidden files
/// and folders (`.git/`), editors' swap and backup files, the output folder, other files.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = relative(root, path);
    if rel.is_empty() || rel.starts_with("..") || path.strip_prefix(root).is_err() {
        return None;
    }
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.iter().any(|p| p.starts_with('.')) || SKIPPED_TOP_FOLDERS.contains(&parts[0]) {
        return None;
    }
    let name = *parts.last()?;
    if is_editor_temp(name) {
        return None;
    }
    if rel == SETTINGS_FILE || parts[0] == TEMPLATES_FOLDER || parts[0] == STATIC_FOLDER {
        return Some(Change::Everything);
    }
    if name.to_ascii_lowercase().ends_with(".md") {
        return Some(Change::Document(rel));
    }
    // vim probes whether it can write in a folder by creating and deleting a file `4913`.
    if name == "4913" {
        return None;
    }
    // A folder created, removed or moved away: its documents came or went.
    if !name.contains('.') && (path.is_dir() || !path.exists()) {
        return Some(Change::Everything);
    }
    None
}

/// Classifies a batch of changed paths: `Everything` wins, else the documents, without repeats.
pub fn classify_all(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Vec<Change> {
    let mut changes: Vec<Change> = paths.into_iter().filter_map(|p| classify(root, &p)).collect();
    if changes.contains(&Change::Everything) {
        return vec![Change::Everything];
    }
    changes.sort();
    changes.dedup();
    changes
}

pub type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Whether an event can change what the site shows. Reading a file (as every rebuild does) is
/// an event too, and must not start another rebuild.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Any | EventKind::Other => true,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    }
}

/// Watches `root` recursively and sends each debounced batch of changed paths.
pub fn watch(root: &Path, sender: Sender<Vec<PathBuf>>) -> anyhow::Result<Watcher> {
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        if let Ok(events) = result {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| changes_content(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .collect();
            if !paths.is_empty() {
                let _ = sender.send(paths);
            }
        }
    })?;
    debouncer.watch(root, RecursiveMode::Recursive)?;
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(rel: &str) -> Option<Change> {
        classify(Path::new("/plan"), &Path::new("/plan").join(rel))
    }

    #[test]
    fn documents_are_rebuilt_one_by_one() {
        assert_eq!(
            change("goals/leads.md"),
            Some(Change::Document("goals/leads.md".into()))
        );
        assert_eq!(
            change("goals/2027/Leads.MD"),
            Some(Change::Document("goals/2027/Leads.MD".into()))
        );
    }

    #[test]
    fn settings_templates_static_and_folders_rebuild_everything() {
        for rel in [
            "plan.toml",
            "templates/goal.html",
            "static/logo.png",
            "goals",
            "goals/2027",
        ] {
            assert_eq!(change(rel), Some(Change::Everything), "{rel}");
        }
    }

    #[test]
    fn ignores_hidden_folders_the_output_and_other_files() {
        for rel in [
            ".git/index",
            ".git/objects/ab/cdef",
            "goals/.drafts/leads.md",
            "public/index.html",
            "node_modules/x/README.md",
            "target/x.md",
            "notes.txt",
        ] {
            assert_eq!(change(rel), None, "{rel}");
        }
    }

    #[test]
    fn ignores_editors_files_where_a_change_would_rebuild() {
        // Each would be a change without the editor-file check: a document (`.md`), a template
        // or an asset (everything), a folder (a name without a dot that is not there).
        for rel in [
            "goals/#leads.md",
            "goals/2027~",
            "templates/goal.html~",
            "templates/goal.html.swp",
            "templates/goal.html.swx",
            "templates/goal.html.tmp",
            "static/logo.png.bak",
            "static/style.css.orig",
        ] {
            assert_eq!(change(rel), None, "{rel}");
        }
        // vim's probe whether it may write in a folder, which would look like a folder.
        assert_eq!(change("goals/4913"), None);
        assert_eq!(change("goals/4914"), Some(Change::Everything));
    }

    #[test]
    fn reading_files_is_not_a_change() {
        use notify_debouncer_full::notify::event::{AccessKind, CreateKind, DataChange};
        assert!(!changes_content(&EventKind::Access(AccessKind::Any)));
        assert!(!changes_content(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Content
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn a_batch_with_a_settings_change_is_a_full_rebuild() {
        let root = Path::new("/plan");
        let batch = ["goals/a.md", "goals/a.md", "goals/b.md"].map(|p| root.join(p));
        assert_eq!(
            classify_all(root, batch.clone()),
            [
                Change::Document("goals/a.md".into()),
                Change::Document("goals/b.md".into())
            ]
        );
        let with_settings = batch.into_iter().chain([root.join("plan.toml")]);
        assert_eq!(classify_all(root, with_settings), [Change::Everything]);
    }
}
