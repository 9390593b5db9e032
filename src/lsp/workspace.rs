//! One plan as the editor sees it: loaded once from disk, with the open buffers laid over the
//! files. A change re-parses only the changed buffers (their documents replace the old ones in
//! memory); the whole plan is then linted again, so cross-file rules see every buffer.
//!
//! Imports: `plan`, `lint`, `history` and `diagnostic`.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::lint::{self, Outcome};
use crate::plan::discover::{self, Candidate, STATIC_FOLDER, TEMPLATES_FOLDER};
use crate::plan::graph::Graph;
use crate::plan::load::{self, Bodies};
use crate::plan::rules::DUPLICATE_ID;
use crate::plan::{self, Document, Plan, SETTINGS_FILE, Settings, front_matter, settings};

/// What "today" is for a plan's settings (the command resolves it as `lint` does).
pub type Today = std::rc::Rc<dyn Fn(&Settings) -> Date>;

/// An open editor buffer: its text as the client holds it, and the client's version.
#[derive(Clone, Debug)]
pub struct Buffer {
    pub text: String,
    pub version: i32,
}

/// A loaded plan with its open buffers and the outcome of the last lint.
pub struct Workspace {
    pub root: PathBuf,
    pub plan: Plan,
    pub graph: Graph,
    pub outcome: Outcome,
    pub buffers: HashMap<String, Buffer>,
    /// Load findings by file (duplicate ids aside: they follow from the whole plan).
    findings: HashMap<String, Vec<Diagnostic>>,
    duplicates: Vec<Diagnostic>,
    history: Option<History>,
    today: Today,
    /// Files whose text changed since they were last parsed.
    dirty: BTreeSet<String>,
    /// Whether the plan changed since it was last linted.
    stale: bool,
}

impl Workspace {
    /// Loads and lints the plan in `root` (a folder with a plan.toml).
    pub fn load(root: &Path, today: Today) -> anyhow::Result<Workspace> {
        let loaded = plan::load(root, plan::Purpose::Lint)?;
        let history = History::read(&loaded.plan).history;
        let mut findings: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        let mut duplicates = Vec::new();
        for d in loaded.diagnostics {
            if d.is(&DUPLICATE_ID) {
                duplicates.push(d);
            } else {
                findings.entry(d.file.clone()).or_default().push(d);
            }
        }
        let mut workspace = Workspace {
            root: root.to_path_buf(),
            graph: Graph::new(&loaded.plan),
            plan: loaded.plan,
            outcome: Outcome::default(),
            buffers: HashMap::new(),
            findings,
            duplicates,
            history,
            today,
            dirty: BTreeSet::new(),
            stale: true,
        };
        workspace.lint();
        Ok(workspace)
    }

    /// The plan-relative path of a file inside the plan folder.
    pub fn relative(&self, path: &Path) -> Option<String> {
        path.starts_with(&self.root)
            .then(|| discover::relative(&self.root, path))
            .filter(|rel| !rel.is_empty())
    }

    /// A buffer opened: parsed again only if it differs from what was loaded.
    pub fn open(&mut self, rel: &str, text: String, version: i32) {
        if self.text_of(rel).as_deref() != Some(front_matter::strip_bom(&text)) {
            self.dirty.insert(rel.to_owned());
        }
        self.buffers.insert(rel.to_owned(), Buffer { text, version });
    }

    /// A buffer changed (its text already updated by the caller, see [`Workspace::buffer_mut`]).
    pub fn changed(&mut self, rel: &str) {
        self.dirty.insert(rel.to_owned());
    }

    pub fn buffer_mut(&mut self, rel: &str) -> Option<&mut Buffer> {
        self.buffers.get_mut(rel)
    }

    /// A buffer closed: the file on disk counts again.
    pub fn close(&mut self, rel: &str) {
        if self.buffers.remove(rel).is_some() {
            self.dirty.insert(rel.to_owned());
        }
    }

    /// A file changed on disk; an open buffer of it still wins.
    pub fn disk_changed(&mut self, rel: &str) {
        if !self.buffers.contains_key(rel) {
            self.dirty.insert(rel.to_owned());
        }
    }

    pub fn needs_parse(&self) -> bool {
        !self.dirty.is_empty()
    }

    pub fn needs_lint(&self) -> bool {
        self.stale || !self.dirty.is_empty()
    }

    /// The text of a file as the editor sees it: the open buffer, else the loaded document or
    /// plan.toml, else the file on disk. Without a byte-order mark, as spans are counted.
    pub fn text_of(&self, rel: &str) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        if let Some(buffer) = self.buffers.get(rel) {
            return Some(Cow::Borrowed(front_matter::strip_bom(&buffer.text)));
        }
        if let Some(doc) = self.plan.by_path(rel) {
            return Some(Cow::Borrowed(&doc.text));
        }
        if rel == SETTINGS_FILE && !self.plan.settings.broken {
            return Some(Cow::Borrowed(&self.plan.settings.text));
        }
        let text = load::read_text(&self.root.join(rel), rel).ok()?;
        Some(Cow::Owned(front_matter::strip_bom(&text).to_owned()))
    }

    /// Parses the changed files again and rebuilds the plan's indexes and graph from the
    /// documents in memory (no other file is read). Returns the files parsed.
    pub fn parse(&mut self) -> Vec<String> {
        let dirty: Vec<String> = std::mem::take(&mut self.dirty).into_iter().collect();
        if dirty.is_empty() {
            return dirty;
        }
        for rel in &dirty {
            let text = match self.buffers.get(rel) {
                Some(buffer) => Some(buffer.text.clone()),
                None => load::read_text(&self.root.join(rel), rel).ok(),
            };
            if rel == SETTINGS_FILE {
                self.parse_settings(text);
            } else if is_candidate(rel) {
                self.parse_document(rel, text);
            }
        }
        self.rebuild();
        self.stale = true;
        dirty
    }

    fn parse_settings(&mut self, text: Option<String>) {
        let Some(text) = text else {
            return;
        };
        let (settings, diagnostics) = settings::parse(front_matter::strip_bom(&text).to_owned());
        self.plan.settings = settings;
        self.set_findings(SETTINGS_FILE, diagnostics);
    }

    /// Replaces the document (or broken document) at `rel` by what `text` holds; no text (a
    /// deleted file) removes it.
    fn parse_document(&mut self, rel: &str, text: Option<String>) {
        let existing = self.plan.index_of_path(rel);
        self.plan.unparsed.retain(|u| u.path != rel);
        let Some(text) = text else {
            if let Some(i) = existing {
                self.plan.documents.remove(i);
                self.plan.files -= 1;
            }
            self.findings.remove(rel);
            return;
        };
        let candidate = Candidate::new(&self.root, rel);
        let result = load::parse_file(&candidate, text, Bodies::Scan);
        match (result.document, existing) {
            (Some(doc), Some(i)) => self.plan.documents[i] = doc,
            (Some(doc), None) => {
                self.plan.documents.push(doc);
                self.plan.files += 1;
            }
            (None, Some(i)) => {
                self.plan.documents.remove(i);
            }
            (None, None) => {}
        }
        self.plan.unparsed.extend(result.unparsed);
        self.set_findings(rel, result.diagnostics);
    }

    fn set_findings(&mut self, rel: &str, diagnostics: Vec<Diagnostic>) {
        if diagnostics.is_empty() {
            self.findings.remove(rel);
        } else {
            self.findings.insert(rel.to_owned(), diagnostics);
        }
    }

    /// Indexes the documents in memory again (ids, paths, duplicate ids) and the graph.
    fn rebuild(&mut self) {
        let old = std::mem::take(&mut self.plan);
        let (mut plan, duplicates) = Plan::new(old.root, old.settings, old.documents, old.files);
        plan.assets = old.assets;
        plan.templates = old.templates;
        plan.linked_folders = old.linked_folders;
        plan.unparsed = old.unparsed;
        self.plan = plan;
        self.duplicates = duplicates;
        self.graph = Graph::new(&self.plan);
    }

    /// Lints the whole plan as it is in memory.
    pub fn lint(&mut self) {
        let findings: Vec<Diagnostic> = self
            .findings
            .values()
            .flatten()
            .chain(&self.duplicates)
            .cloned()
            .collect();
        let today = (self.today)(&self.plan.settings);
        self.outcome = lint::lint(&self.plan, &self.graph, findings, today, self.history.as_ref());
        self.stale = false;
    }

    /// What "today" is for the plan as it is now.
    pub fn today(&self) -> Date {
        (self.today)(&self.plan.settings)
    }

    /// The document of a file, if it is one that parsed.
    pub fn document(&self, rel: &str) -> Option<&Document> {
        self.plan.by_path(rel)
    }
}

/// Whether a plan-relative path is one the plan's walk would read as a possible document.
pub fn is_candidate(rel: &str) -> bool {
    let top = rel.split('/').next().unwrap_or_default();
    rel.to_ascii_lowercase().ends_with(".md")
        && top != STATIC_FOLDER
        && top != TEMPLATES_FOLDER
        && !(rel.contains('/') && discover::SKIPPED_TOP_FOLDERS.contains(&top))
        && !discover::is_skipped(rel, false)
}

/// The plan folder a file lies in: the nearest folder above it with a plan.toml, looking no
/// higher than the workspace folder that holds the file (if one does).
pub fn find_root(file: &Path, folders: &[PathBuf]) -> Option<PathBuf> {
    let ceiling = folders
        .iter()
        .filter(|f| file.starts_with(f))
        .max_by_key(|f| f.components().count());
    for dir in file.ancestors().skip(1) {
        if dir.join(SETTINGS_FILE).is_file() {
            return Some(dir.to_path_buf());
        }
        if ceiling.is_some_and(|c| c == dir) {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_markdown_outside_static_templates_and_output() {
        assert!(is_candidate("goals/a.md"));
        assert!(is_candidate("README.md"));
        assert!(!is_candidate("static/a.md"));
        assert!(!is_candidate("templates/page.md"));
        assert!(!is_candidate("public/goals/a.md"));
        assert!(!is_candidate(".git/a.md"));
        assert!(!is_candidate("goals/a.toml"));
    }
}
