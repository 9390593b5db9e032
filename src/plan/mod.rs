//! The plan model and its loading: discover files, read them in parallel, index documents by id.
//!
//! Loading never fails because of a bad document — each problem becomes a [`Diagnostic`] and the
//! rest of the plan still loads. It fails (an `Err`) only when there is no plan to speak of: a
//! missing folder or a missing plan.toml.
//!
//! Imports: `diagnostic` only — nothing of `lint`, `maturity`, `site`, `serve` or `cmd`. Each
//! fact of the model has one owner here: a document's links and anchors come from loading, its
//! closed vocabularies are [`vocab`] enums, its resolved relations are in [`graph::Graph`].

pub mod allow;
pub mod cadence;
pub mod checkin;
pub mod definitions;
pub mod discover;
pub mod fields;
pub mod front_matter;
pub mod graph;
pub mod language;
pub mod load;
pub mod measurement;
pub mod model;
pub mod paths;
pub mod practices;
pub mod progress;
pub mod repair;
pub mod revisions;
pub mod rules;
pub mod settings;
pub mod syntax_help;
pub mod unparsed;
mod values;
pub mod vocabulary;
pub mod workload;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::bail;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
pub use model::{
    Benchmark, Budget, Confidence, ConfidenceLevel, Document, Evaluation, Goal, Kind, KindData, Measurement, Revision,
    RevisionValue, Spanned, Strategy, Tactic,
};
pub use practices::{Practice, PracticeName};
use rules::DUPLICATE_ID;
pub use settings::{Channel, SETTINGS_FILE, Settings};
use unparsed::{RefField, Unparsed};
pub use vocabulary::{Direction, GoalStatus, RevisedField, TacticStatus, Vocabulary};

/// A loaded plan: settings, documents sorted by path, and an index by id.
#[derive(Debug, Default)]
pub struct Plan {
    pub root: PathBuf,
    pub settings: Settings,
    pub documents: Vec<Document>,
    /// How many files were read (plan.toml and every Markdown candidate).
    pub files: usize,
    /// The files of `static/`, copied into the site as they are.
    pub assets: Vec<discover::PlanFile>,
    /// The files of `templates/`: the plan's own templates and assets.
    pub templates: Vec<discover::PlanFile>,
    /// Folders linked to other folders of the plan, `(link, target)`.
    pub linked_folders: Vec<(String, String)>,
    /// Documents that failed to load, with what could be read of them: rules about other
    /// documents hold back what depends on them.
    pub unparsed: Vec<Unparsed>,
    ids: HashMap<String, usize>,
    /// Index by path: links between documents are resolved by path, tens of thousands of times.
    paths: HashMap<String, usize>,
}

/// A plan and what loading it found wrong.
#[derive(Debug)]
pub struct Loaded {
    pub plan: Plan,
    pub diagnostics: Vec<Diagnostic>,
}

impl Plan {
    /// Builds a plan from loaded parts; the first document with an id wins the index.
    pub fn new(
        root: PathBuf,
        settings: Settings,
        mut documents: Vec<Document>,
        files: usize,
    ) -> (Plan, Vec<Diagnostic>) {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let mut ids = HashMap::with_capacity(documents.len());
        let mut diagnostics = Vec::new();
        for (i, doc) in documents.iter().enumerate() {
            if let Some(&first) = ids.get(&doc.id) {
                let first: &Document = &documents[first];
                let message = format!("id `{}` is already used by `{}`", doc.id, first.path);
                let help = "give one of them a unique `id = \"…\"` in its front matter, or rename the file";
                diagnostics.push(
                    Diagnostic::new(&DUPLICATE_ID, doc.source(), doc.key_or_front_matter("id"), message)
                        .with_help(help),
                );
            } else {
                ids.insert(doc.id.clone(), i);
            }
        }
        let paths = documents.iter().enumerate().map(|(i, d)| (d.path.clone(), i)).collect();
        (
            Plan {
                root,
                settings,
                documents,
                files,
                ids,
                paths,
                ..Plan::default()
            },
            diagnostics,
        )
    }

    /// The document with this id (the first, if the id is duplicated).
    pub fn get(&self, id: &str) -> Option<&Document> {
        self.ids.get(id).map(|&i| &self.documents[i])
    }

    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.kind == kind)
    }

    /// The document at a plan-relative path (`goals/leads.md`).
    pub fn by_path(&self, path: &str) -> Option<&Document> {
        self.index_of_path(path).map(|i| &self.documents[i])
    }

    /// Whether a document that failed to load, of one of `kinds`, may list `id` in `field`.
    pub fn unparsed_may_reference(&self, kinds: &[Kind], field: RefField, id: &str) -> bool {
        self.unparsed
            .iter()
            .filter(|u| u.kind.is_none_or(|k| kinds.contains(&k)))
            .any(|u| u.may_reference(field, id))
    }

    /// Whether a document that failed to load may have this id and kind.
    pub fn unparsed_has_id(&self, id: &str, kind: Option<Kind>) -> bool {
        self.unparsed
            .iter()
            .any(|u| u.id == id && (kind.is_none() || u.kind.is_none() || u.kind == kind))
    }

    /// Whether the file at this plan-relative path is a document that failed to load.
    pub fn unparsed_at(&self, path: &str) -> bool {
        self.unparsed.iter().any(|u| u.path == path)
    }

    /// The index in `documents` of the document with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// The index in `documents` of the document at a plan-relative path.
    pub fn index_of_path(&self, path: &str) -> Option<usize> {
        self.paths.get(path).copied()
    }
}

/// Checks that `root` is a plan folder: a folder with a plan.toml.
pub fn check_root(root: &Path) -> anyhow::Result<()> {
    if !root.is_dir() {
        bail!("no plan folder at `{}`", root.display());
    }
    if !root.join(SETTINGS_FILE).is_file() {
        bail!(
            "no {SETTINGS_FILE} in `{}`: run `stratagem init {}` to start a plan there",
            root.display(),
            root.display()
        );
    }
    Ok(())
}

/// What a plan is loaded for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Checking it: each body's links and heading anchors are read.
    Lint,
    /// Checking it and building its site: each body is also rendered for its page, in the same
    /// pass.
    Site,
}

/// Loads the plan in `root`, each document with the links and heading anchors of its body (and
/// its page's HTML, for a site). Errors only when `root` or its plan.toml is missing or
/// unreadable.
pub fn load(root: &Path, purpose: Purpose) -> anyhow::Result<Loaded> {
    check_root(root)?;
    let settings_path = root.join(SETTINGS_FILE);
    // An unreadable plan.toml is a finding like any other: the documents are still checked.
    let (settings, mut diagnostics) = match load::read_text(&settings_path, SETTINGS_FILE) {
        Ok(text) => settings::parse(front_matter::strip_bom(&text).to_owned()),
        Err(diagnostic) => (
            Settings {
                broken: true,
                ..Settings::default()
            },
            vec![*diagnostic],
        ),
    };

    let found = discover::discover(root);
    diagnostics.extend(found.diagnostics);
    let candidates = found.documents;
    // The Markdown dialect's settings are read first: bodies are rendered as they load.
    let bodies = match purpose {
        Purpose::Site => load::Bodies::Render {
            raw_html: settings.markdown.raw_html,
        },
        Purpose::Lint => load::Bodies::Scan,
    };
    let results: Vec<_> = candidates.par_iter().map(|c| load::load_file(c, bodies)).collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut unparsed = Vec::new();
    for result in results {
        diagnostics.extend(result.diagnostics);
        documents.extend(result.document);
        unparsed.extend(result.unparsed);
    }
    let (mut plan, id_diagnostics) = Plan::new(root.to_path_buf(), settings, documents, candidates.len() + 1);
    plan.assets = found.assets;
    plan.templates = found.templates;
    plan.linked_folders = found.linked_folders;
    plan.unparsed = unparsed;
    diagnostics.extend(id_diagnostics);
    Ok(Loaded { plan, diagnostics })
}
