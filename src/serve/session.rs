//! The preview's rebuild engine: the plan, its rendered bodies, lint findings and every page held
//! in memory. An edit to one document re-reads that file, renders its body, lints the plan and
//! re-renders only the pages that can show it: what changed (fields by kind, the documents
//! within reach, lint findings, maturity) is one `site::Edit`, computed here from the old and
//! the new document, from which each view decides. Anything else (plan.toml, templates, a document
//! added, removed or renamed) rebuilds everything. A file that no longer parses keeps its last
//! good page, and a template error keeps the last good site: both show in the overlay.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use bytes::Bytes;
use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::history::{self, History};
use crate::lint::{self, Outcome};
use crate::maturity::{self, Stage};
use crate::plan::discover::{self, Candidate};
use crate::plan::graph::Graph;
use crate::plan::rules::DUPLICATE_ID;
use crate::plan::{self, Document, Plan, load};
use crate::site::{self, Edit, Field, Fields, Prepared, Renderer, Selection, Sink};

use super::findings::{findings_changed, same_findings};
pub use super::snapshot::{Delta, Files, Pages, Problem, Snapshot};
use super::watch::Change;

/// How far an edit reaches: a page shows its own document, its neighbours, and their
/// neighbours' titles and progress (a tactic's page shows the goals above its strategy).
const REACH: usize = 3;

/// What one rebuild did, for the log line.
pub struct Rebuilt {
    pub pages: usize,
    pub millis: u128,
    /// For an edit of some documents: when their own pages were ready (shown before the rest).
    /// `None` when everything was rendered again.
    pub first_millis: Option<u128>,
}

impl Rebuilt {
    /// Whether every page was rendered again.
    pub fn full(&self) -> bool {
        self.first_millis.is_none()
    }
}

/// What reading a changed file again came to.
enum Reloaded {
    /// A document added, removed, renamed, or its id or kind changed: everything renders again.
    Structural,
    /// The document at this index was replaced.
    Document(usize),
    /// Nothing of the plan changed (a broken file keeps its last good version).
    Nothing,
}

struct MemorySink(Mutex<Files>);

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.0
            .lock()
            .map_err(|_| anyhow::anyhow!("page store poisoned"))?
            .push((Arc::from(path), Bytes::from(bytes)));
        Ok(())
    }
}

pub struct Session {
    root: PathBuf,
    /// `--today`, if given; else plan.toml's `today`, SOURCE_DATE_EPOCH or the system date.
    today_flag: Option<Date>,
    today: Date,
    base_url: Option<String>,
    /// The path the preview serves the site under (its `--base-path`, `/` by default).
    served_at: String,
    plan: Plan,
    /// The plan's graph, kept between rebuilds: an edit's reach is measured on the old and the new.
    graph: Graph,
    /// The plan's git history, read once by the first build and kept for the session: an edit
    /// changes no commit, and the pages it renders show the same history as a full build.
    history: Option<history::Read>,
    prepared: Prepared,
    /// Findings of loading, by file: replaced file by file on incremental rebuilds.
    load_findings: BTreeMap<String, Vec<Diagnostic>>,
    outcome: Outcome,
    renderer: Option<Renderer>,
    template_error: Option<String>,
    /// The maturity assessment of the last build (the overview shows its stage).
    maturity: maturity::Report,
    snapshot: Snapshot,
    delta: Delta,
}

impl Session {
    /// Loads, lints and renders the whole plan. Errors only when there is no plan at all.
    pub fn new(root: PathBuf, today_flag: Option<Date>, base_url: Option<String>) -> anyhow::Result<Session> {
        Session::serving(root, today_flag, base_url, "/")
    }

    /// As `new`, for a site the preview serves under `served_at` (its `--base-path`).
    pub fn serving(
        root: PathBuf,
        today_flag: Option<Date>,
        base_url: Option<String>,
        served_at: &str,
    ) -> anyhow::Result<Session> {
        let empty = Plan::default();
        let mut session = Session {
            root,
            today_flag,
            today: Date::default(),
            base_url,
            served_at: served_at.to_owned(),
            plan: empty,
            graph: Graph::default(),
            history: None,
            prepared: site::prepare(&Plan::default()),
            load_findings: BTreeMap::new(),
            outcome: Outcome::default(),
            renderer: None,
            template_error: None,
            maturity: maturity::Report {
                stage: Stage::Emerging,
                criteria: Vec::new(),
            },
            snapshot: Snapshot::default(),
            delta: Delta::default(),
        };
        session.rebuild_all()?;
        Ok(session)
    }

    pub fn snapshot(&self) -> Snapshot {
        self.snapshot.clone()
    }

    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// What the last rebuild rendered (taken: the next call returns nothing until a rebuild).
    pub fn take_delta(&mut self) -> Delta {
        std::mem::take(&mut self.delta)
    }

    /// What is missing from the plan's git history, and why (read when the session started).
    pub fn history_note(&self) -> Option<&str> {
        self.history.as_ref()?.note.as_deref()
    }

    pub fn template_error(&self) -> Option<&str> {
        self.template_error.as_deref()
    }

    /// Applies a batch of changes in one go (see [`Session::apply_in_steps`]).
    pub fn apply(&mut self, changes: &[Change]) -> anyhow::Result<Rebuilt> {
        self.apply_in_steps(changes, |_| Ok(()))
    }

    /// Applies a batch of changes. An edit of some documents renders their own pages first and
    /// then calls `first`, which may take the delta and show it, before it renders the other
    /// pages the edit changes; anything else renders everything in one step. Either way the
    /// delta left at the end holds what was rendered since `first` took it.
    pub fn apply_in_steps(
        &mut self,
        changes: &[Change],
        first: impl FnOnce(&mut Session) -> anyhow::Result<()>,
    ) -> anyhow::Result<Rebuilt> {
        let started = Instant::now();
        let mut all_documents = true;
        let mut documents: Vec<String> = Vec::new();
        for change in changes {
            match change {
                Change::Document(rel) => documents.extend(self.as_seen_in_plan(rel)),
                Change::Everything => all_documents = false,
            }
        }
        let documents: Vec<&str> = documents.iter().map(String::as_str).collect();
        let incremental = if all_documents && self.renderer.is_some() {
            self.rebuild_documents(&documents, started, first)?
        } else {
            None
        };
        let (pages, first_millis) = match incremental {
            Some(done) => done,
            None => {
                self.rebuild_all()?;
                (self.snapshot.pages.len(), None)
            }
        };
        Ok(Rebuilt {
            pages,
            millis: started.elapsed().as_millis(),
            first_millis,
        })
    }

    /// The plan paths of a changed file: itself, and the same file seen through each folder
    /// link that points at a folder holding it.
    fn as_seen_in_plan(&self, rel: &str) -> Vec<String> {
        let mut paths = vec![rel.to_owned()];
        for (link, target) in &self.plan.linked_folders {
            if let Some(rest) = rel.strip_prefix(target.as_str()).and_then(|r| r.strip_prefix('/')) {
                paths.push(format!("{link}/{rest}"));
            }
        }
        paths
    }

    /// Everything again. Documents that no longer parse keep their last good version.
    fn rebuild_all(&mut self) -> anyhow::Result<()> {
        let mut loaded = plan::load(&self.root, plan::Purpose::Site)?;
        let broken: Vec<&str> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.file.as_str())
            .collect();
        let keep: Vec<Document> = self
            .plan
            .documents
            .iter()
            .filter(|old| loaded.plan.by_path(&old.path).is_none() && broken.contains(&old.path.as_str()))
            .cloned()
            .collect();
        if !keep.is_empty() {
            let mut documents = std::mem::take(&mut loaded.plan.documents);
            documents.extend(keep);
            let settings = std::mem::take(&mut loaded.plan.settings);
            let (mut plan, duplicates) = Plan::new(loaded.plan.root.clone(), settings, documents, loaded.plan.files);
            plan.assets = std::mem::take(&mut loaded.plan.assets);
            plan.templates = std::mem::take(&mut loaded.plan.templates);
            plan.linked_folders = std::mem::take(&mut loaded.plan.linked_folders);
            plan.unparsed = std::mem::take(&mut loaded.plan.unparsed);
            loaded.plan = plan;
            loaded.diagnostics.retain(|d| !d.is(&DUPLICATE_ID));
            loaded.diagnostics.extend(duplicates);
        }
        self.plan = loaded.plan;
        if self.history.is_none() {
            self.history = Some(History::read(&self.plan));
        }
        self.today = crate::today::resolve(self.today_flag, &self.plan.settings)?;
        self.load_findings = BTreeMap::new();
        for d in loaded.diagnostics {
            self.load_findings.entry(d.file.clone()).or_default().push(d);
        }
        self.prepared = site::prepare(&self.plan);
        self.graph = Graph::new(&self.plan);
        self.lint();
        self.maturity = maturity::assess(&self.plan, &self.outcome.diagnostics);
        match Renderer::new(&self.plan, self.base_url.clone()) {
            Ok(renderer) => self.renderer = Some(renderer.served_at(&self.served_at)),
            Err(error) => {
                self.template_error = Some(format!("{error:#}"));
                self.delta = Delta::default();
                self.publish(None);
                return Ok(());
            }
        }
        let rendered = self.render(Selection::All)?;
        self.delta = Delta {
            full: rendered.is_some(),
            files: rendered.clone().unwrap_or_default(),
        };
        self.publish(rendered.map(|pages| pages.into_iter().collect()));
        Ok(())
    }

    /// Only the changed documents and the pages that can show them, in two steps (the edited
    /// documents' own pages, `first`, then the rest). Returns how many pages were rendered and
    /// when the first step was ready; `None` when the change is structural (a document added,
    /// removed, renamed, or its id or kind changed).
    fn rebuild_documents(
        &mut self,
        paths: &[&str],
        started: Instant,
        first: impl FnOnce(&mut Session) -> anyhow::Result<()>,
    ) -> anyhow::Result<Option<(usize, Option<u128>)>> {
        let mut edit = Edit::default();
        let mut changed = Vec::new();
        for &rel in paths {
            match self.reload(rel, &mut edit) {
                Reloaded::Structural => return Ok(None),
                Reloaded::Document(i) => changed.push(i),
                Reloaded::Nothing => {}
            }
        }
        changed.sort_unstable();
        changed.dedup();
        self.prepared.refresh(&self.plan, &changed);
        self.measure(&mut edit, &changed);
        edit.edited = changed;
        let edited = self.render(Selection::Edited(&edit))?;
        let mut count = edited.as_ref().map_or(0, Vec::len);
        self.delta = Delta::default();
        self.publish_pages(edited);
        let first_millis = started.elapsed().as_millis();
        first(self)?;
        let error = self.template_error.take();
        let reached = self.render(Selection::Reached(&edit))?;
        // A template that failed for the edited pages still fails, whatever the rest did.
        if error.is_some() {
            self.template_error = error;
        }
        count += reached.as_ref().map_or(0, Vec::len);
        self.publish_pages(reached);
        Ok(Some((count, Some(first_millis))))
    }

    /// Adds rendered pages (if a render produced any) to the delta and to what is shown.
    fn publish_pages(&mut self, rendered: Option<Files>) {
        self.delta.files.extend(rendered.iter().flatten().cloned());
        let pages = rendered.map(|new| {
            let mut pages = (*self.snapshot.pages).clone();
            pages.extend(new);
            pages
        });
        self.publish(pages);
    }

    /// Reads one changed file again: its document replaces the old one (what changed is
    /// recorded in `edit`) and its load findings replace the file's.
    fn reload(&mut self, rel: &str, edit: &mut Edit) -> Reloaded {
        let candidate = Candidate::new(&self.root, rel);
        let existing = self.plan.index_of_path(rel);
        // A link out of the plan, or a FIFO: the full walk reports it.
        if !discover::resolves_inside(&self.root, &candidate.abs) && candidate.abs.exists() {
            return Reloaded::Structural;
        }
        if !candidate.abs.is_file() {
            if existing.is_some() {
                return Reloaded::Structural;
            }
            // Gone (or never a document): its findings go with it.
            self.load_findings.remove(rel);
            return Reloaded::Nothing;
        }
        let bodies = load::Bodies::Render {
            raw_html: self.plan.settings.markdown.raw_html,
        };
        let result = load::load_file(&candidate, bodies);
        let reloaded = match (result.document, existing) {
            (Some(doc), Some(i)) => {
                let old = &self.plan.documents[i];
                if old.id != doc.id || old.kind != doc.kind {
                    return Reloaded::Structural;
                }
                edit.record(doc.kind, Fields::between(old, &doc));
                self.plan.documents[i] = doc;
                Reloaded::Document(i)
            }
            (Some(_), None) => return Reloaded::Structural,
            // A new document that does not parse: the full load records what it refers to.
            (None, None) if result.unparsed.is_some() && !self.plan.unparsed_at(rel) => {
                return Reloaded::Structural;
            }
            // Broken: the last good version stays; not a plan document: nothing to do.
            (None, _) => Reloaded::Nothing,
        };
        // Keep the plan-level findings of this file (duplicate ids) and replace the rest.
        let kept: Vec<Diagnostic> = self
            .load_findings
            .remove(rel)
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.is(&DUPLICATE_ID))
            .collect();
        let findings: Vec<Diagnostic> = kept.into_iter().chain(result.diagnostics).collect();
        if !findings.is_empty() {
            self.load_findings.insert(rel.to_owned(), findings);
        }
        reloaded
    }

    /// Lints and assesses the edited plan again, and completes `edit`: the pages within reach
    /// of the `changed` documents (in the old graph and the new), and whether the findings,
    /// their counts or the maturity assessment moved.
    fn measure(&mut self, edit: &mut Edit, changed: &[usize]) {
        // One graph for the rebuild: lint reads it, and so do the pages.
        // The graph follows from ids and kinds (which an incremental edit keeps), owners,
        // references, channels and measurements: an edit of none of them leaves it as it was.
        let relations = [Field::Owner, Field::References, Field::Channels, Field::Measurements];
        let old_graph = if edit.changed_any(&relations) {
            Some(std::mem::replace(&mut self.graph, Graph::new(&self.plan)))
        } else {
            debug_assert!(
                self.graph == Graph::new(&self.plan),
                "an edit of no relation kept the graph"
            );
            None
        };
        let findings: Vec<Diagnostic> = self.load_findings.values().flatten().cloned().collect();
        let outcome = lint::lint(&self.plan, &self.graph, findings, self.today, self.history());
        let mut reach = self.graph.neighbourhood(changed, REACH);
        if let Some(old) = &old_graph {
            reach.extend(old.neighbourhood(changed, REACH));
        }
        edit.pages = reach.into_iter().collect();
        let before = std::mem::replace(&mut self.outcome, outcome);
        edit.lint = !same_findings(&before, &self.outcome);
        if edit.lint {
            edit.findings = findings_changed(&self.plan, &before, &self.outcome);
        }
        let counts = |o: &Outcome| {
            let s = Summary::new(o.files, &o.diagnostics);
            (s.errors, s.warnings)
        };
        edit.counts = counts(&before) != counts(&self.outcome);
        let assessed = maturity::assess(&self.plan, &self.outcome.diagnostics);
        let old = std::mem::replace(&mut self.maturity, assessed);
        edit.stage = old.stage != self.maturity.stage;
        let findings = |r: &maturity::Report| r.criteria.iter().map(|a| a.finding.clone()).collect::<Vec<_>>();
        edit.maturity = edit.stage || findings(&old) != findings(&self.maturity);
    }

    fn lint(&mut self) {
        let findings: Vec<Diagnostic> = self.load_findings.values().flatten().cloned().collect();
        self.outcome = lint::lint(&self.plan, &self.graph, findings, self.today, self.history());
    }

    fn history(&self) -> Option<&crate::history::History> {
        self.history.as_ref()?.history.as_ref()
    }

    /// Renders into memory; a template error keeps the last good pages (and is shown instead).
    fn render(&mut self, selection: Selection<'_>) -> anyhow::Result<Option<Files>> {
        let Some(renderer) = &self.renderer else {
            return Ok(None);
        };
        let sink = MemorySink(Mutex::new(Vec::new()));
        let input = site::Input {
            plan: &self.plan,
            graph: &self.graph,
            prepared: &self.prepared,
            lint: &self.outcome,
            today: self.today,
            maturity: &self.maturity,
            history: self.history.as_ref().and_then(|h| h.history.as_ref()),
            history_note: self.history_note(),
        };
        match renderer.render(&input, selection, &sink) {
            Ok(_) => {
                self.template_error = None;
                Ok(Some(
                    sink.0
                        .into_inner()
                        .map_err(|_| anyhow::anyhow!("page store poisoned"))?,
                ))
            }
            Err(error) => {
                self.template_error = Some(format!("{error:#}"));
                Ok(None)
            }
        }
    }

    /// Makes the new pages (if any) and the current problems what the server shows.
    fn publish(&mut self, pages: Option<Pages>) {
        let mut problems: Vec<Problem> = self
            .outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| Problem {
                location: format!("{}:{}:{}", d.file, d.line, d.column),
                rule: d.rule.id.to_owned(),
                message: d.message.clone(),
            })
            .collect();
        if let Some(error) = &self.template_error {
            problems.insert(
                0,
                Problem {
                    location: "templates".into(),
                    rule: "template-error".into(),
                    message: error.clone(),
                },
            );
        }
        let warnings = self
            .outcome
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        self.snapshot = Snapshot {
            pages: pages.map_or_else(|| self.snapshot.pages.clone(), Arc::new),
            problems: Arc::new(problems),
            warnings,
            generation: self.snapshot.generation + 1,
            assets: Arc::new(self.plan.assets.clone()),
        };
    }
}
