//! `stratagem diff`: what a change did to the plan, in the plan's own terms — documents added,
//! removed, renamed and edited, each field's old → new value, measurements and references
//! gained or lost, findings introduced and fixed — grouped by the goal each change serves.
//!
//! Imports: `plan`, `lint`, `diagnostic`; the revisions themselves are read by `history`.

mod fields;
pub mod render;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Fingerprint, Severity};
use crate::lint::Outcome;
use crate::plan::graph::Graph;
use crate::plan::{Document, Kind, Plan};
pub use fields::{Compared, Effect, FieldChange};

/// One side of the comparison: the plan as it was (or is), its graph and its findings.
pub struct Side<'a> {
    pub plan: &'a Plan,
    pub graph: &'a Graph,
    pub lint: &'a Outcome,
}

/// Which revision a side is.
#[derive(Clone, Debug, Serialize)]
pub struct Revision {
    /// As named (`origin/main`, `HEAD~3`), or `null` for the work tree.
    pub revision: Option<String>,
    /// The full commit id, `null` for the work tree.
    pub commit: Option<String>,
}

/// What happened to a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Renamed,
    Modified,
}

/// A reference one document makes to another, gained or lost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    /// The front-matter field (`goals`, `strategy`, `measurements`).
    pub field: String,
    pub id: String,
}

/// A measurement added to (or removed from) an evaluation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasurementChange {
    pub goal: Option<String>,
    pub date: Option<String>,
    pub value: Option<f64>,
}

/// A measurement whose value changed (same goal and date).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasurementEdit {
    pub goal: Option<String>,
    pub date: Option<String>,
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// One document's change.
#[derive(Clone, Debug, Serialize)]
pub struct DocChange {
    pub id: String,
    #[serde(serialize_with = "kind_name")]
    pub kind: Kind,
    pub title: String,
    /// Its path at the head (at the base, when removed).
    pub path: String,
    pub change: Status,
    /// Its path at the base, when renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// Its fields, references and measurements that changed.
    #[serde(flatten)]
    pub compared: Compared,
    /// The Markdown text below the front matter changed.
    pub body_changed: bool,
    /// The ids of the goals this document serves (itself, for a goal), at the head, or at the
    /// base when removed: the change is listed under each.
    pub goals: Vec<String>,
}

/// A finding one side has and the other has not.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub document: Option<String>,
}

/// A semantic diff of the plan.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub base: Revision,
    pub head: Revision,
    pub documents: Vec<DocChange>,
    /// plan.toml's keys that changed.
    pub settings: Vec<FieldChange>,
    pub findings_introduced: Vec<Finding>,
    pub findings_fixed: Vec<Finding>,
    /// The title of every goal a change is listed under, by id (from the head, else the base).
    #[serde(skip)]
    pub goal_titles: BTreeMap<String, String>,
}

impl Diff {
    /// Compares two sides, documents matched by id (a document whose id stayed while its file
    /// moved is renamed, not removed and added).
    pub fn new(base: &Side<'_>, head: &Side<'_>, revisions: (Revision, Revision)) -> Diff {
        let mut documents = Vec::new();
        for new in &head.plan.documents {
            match base.plan.get(&new.id) {
                None => documents.push(added_or_removed(new, head, Status::Added)),
                Some(old) => {
                    if let Some(change) = modified(old, new, head) {
                        documents.push(change);
                    }
                }
            }
        }
        for old in &base.plan.documents {
            if head.plan.get(&old.id).is_none() {
                documents.push(added_or_removed(old, base, Status::Removed));
            }
        }
        documents.sort_by(|a, b| (a.kind, &a.path).cmp(&(b.kind, &b.path)));
        let settings = fields::compare_tables(&base.plan.settings.text, &head.plan.settings.text);
        let (findings_introduced, findings_fixed) = findings(base.lint, head.lint);
        let goal_titles = documents
            .iter()
            .flat_map(|d| &d.goals)
            .filter_map(|id| {
                let goal = head.plan.get(id).or_else(|| base.plan.get(id))?;
                Some((id.clone(), goal.display_title().to_owned()))
            })
            .collect();
        Diff {
            base: revisions.0,
            head: revisions.1,
            documents,
            settings,
            findings_introduced,
            findings_fixed,
            goal_titles,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty() && self.settings.is_empty()
    }

    /// The changes grouped by goal, in goal order (by id), then those of no goal.
    pub fn by_goal(&self) -> Vec<(Option<&str>, Vec<&DocChange>)> {
        let mut groups: BTreeMap<&str, Vec<&DocChange>> = BTreeMap::new();
        let mut loose = Vec::new();
        for change in &self.documents {
            if change.goals.is_empty() {
                loose.push(change);
            }
            for goal in &change.goals {
                groups.entry(goal.as_str()).or_default().push(change);
            }
        }
        // Each goal's own change first, then the others by kind.
        let mut all: Vec<(Option<&str>, Vec<&DocChange>)> = groups
            .into_iter()
            .map(|(goal, mut list)| {
                list.sort_by_key(|c| (c.kind != Kind::Goal, c.kind, c.path.as_str()));
                (Some(goal), list)
            })
            .collect();
        if !loose.is_empty() {
            all.push((None, loose));
        }
        all
    }

    /// How many documents had each kind of change.
    pub fn count(&self, status: Status) -> usize {
        self.documents.iter().filter(|d| d.change == status).count()
    }
}

fn kind_name<S: serde::Serializer>(kind: &Kind, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(kind.name())
}

fn added_or_removed(doc: &Document, side: &Side<'_>, status: Status) -> DocChange {
    DocChange {
        id: doc.id.clone(),
        kind: doc.kind,
        title: doc.display_title().to_owned(),
        path: doc.path.clone(),
        change: status,
        renamed_from: None,
        compared: Compared::default(),
        body_changed: false,
        goals: goals_of(doc, side),
    }
}

fn modified(old: &Document, new: &Document, head: &Side<'_>) -> Option<DocChange> {
    let compared = fields::compare_documents(old, new);
    let body_changed = old.body_text().trim() != new.body_text().trim();
    let renamed = old.path != new.path;
    if compared.is_empty() && !body_changed && !renamed {
        return None;
    }
    Some(DocChange {
        id: new.id.clone(),
        kind: new.kind,
        title: new.display_title().to_owned(),
        path: new.path.clone(),
        change: if renamed { Status::Renamed } else { Status::Modified },
        renamed_from: renamed.then(|| old.path.clone()),
        compared,
        body_changed,
        goals: goals_of(new, head),
    })
}

/// The goals a document serves on its side of the diff.
fn goals_of(doc: &Document, side: &Side<'_>) -> Vec<String> {
    let Some(index) = side.plan.documents.iter().position(|d| std::ptr::eq(d, doc)) else {
        return Vec::new();
    };
    let graph = side.graph;
    let indexes: Vec<usize> = match doc.kind {
        Kind::Goal => vec![index],
        Kind::Strategy => graph.goals_of_strategy(index).to_vec(),
        Kind::Tactic => graph.goals_of_tactic(index),
        Kind::Evaluation => graph.goals_of_evaluation(index).to_vec(),
        Kind::Page => Vec::new(),
    };
    indexes.into_iter().map(|i| side.plan.documents[i].id.clone()).collect()
}

/// Findings of the head that the base has not (introduced), and of the base that the head has
/// not (fixed), matched by fingerprint — rule, document, field and message, never the line.
fn findings(base: &Outcome, head: &Outcome) -> (Vec<Finding>, Vec<Finding>) {
    fn count(list: &[Diagnostic]) -> HashMap<Fingerprint, usize> {
        let mut counts = HashMap::new();
        for d in list {
            *counts.entry(Fingerprint::of(d)).or_insert(0) += 1;
        }
        counts
    }
    fn only_in(list: &[Diagnostic], mut other: HashMap<Fingerprint, usize>) -> Vec<Finding> {
        let mut found = Vec::new();
        for d in list {
            match other.get_mut(&Fingerprint::of(d)) {
                Some(n) if *n > 0 => *n -= 1,
                _ => found.push(Finding {
                    rule: d.rule.id,
                    severity: d.severity,
                    file: d.file.clone(),
                    line: d.line,
                    column: d.column,
                    message: d.message.clone(),
                    document: d.document.clone(),
                }),
            }
        }
        found
    }
    (
        only_in(&head.diagnostics, count(&base.diagnostics)),
        only_in(&base.diagnostics, count(&head.diagnostics)),
    )
}
