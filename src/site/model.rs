//! What every page of the site draws on, computed once per build: the plan graph, page URLs,
//! UI strings, each goal's progress, each body rendered to HTML, and small view helpers that
//! turn documents into the values templates show.

use std::collections::HashMap;

use jiff::civil::Date;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::i18n::{self, Strings};
use super::markdown::Rendered;
use super::svg::number;
use super::urls::{self, Urls};
use crate::lint::Outcome;
use crate::maturity;
use crate::plan::graph::Graph;
use crate::plan::markdown::{Target, parse_target, resolve_path};
use crate::plan::progress::{self, Progress, Status};
use crate::plan::{Budget, Document, Kind, Plan};

pub struct Model<'a> {
    pub plan: &'a Plan,
    pub lint: &'a Outcome,
    pub graph: &'a Graph,
    pub urls: &'a Urls,
    pub t: Strings,
    /// `[strings]` keys that no UI text has (reported by the build).
    pub unknown_strings: Vec<String>,
    pub today: Date,
    /// Progress of every goal, by document index.
    pub progress: HashMap<usize, Progress>,
    /// Every body rendered, by document index.
    pub bodies: &'a [Rendered],
    /// The link and, for goals, the summary of every document, computed once: pages repeat
    /// them many times over.
    links: Vec<Value>,
    summaries: Vec<Value>,
    /// The maturity assessment, and its texts in the site's language.
    pub maturity: &'a maturity::Report,
    pub maturity_texts: maturity::texts::Texts,
}

impl<'a> Model<'a> {
    pub fn new(input: &super::Input<'a>) -> Model<'a> {
        let super::Input {
            plan,
            graph,
            prepared,
            lint,
            today,
            maturity,
        } = *input;
        let (t, unknown_strings) = i18n::strings(plan.settings.language(), &plan.settings.strings);
        let period_start = plan
            .settings
            .period
            .as_ref()
            .and_then(|p| p.value.start.as_ref())
            .map(|s| s.value);
        let progress = plan
            .documents
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                Some((
                    i,
                    progress::assess(d.goal()?, graph.measurements_of(i), today, period_start),
                ))
            })
            .collect();
        let (urls, bodies) = (&prepared.urls, prepared.bodies.as_slice());
        let mut model = Model {
            plan,
            lint,
            graph,
            urls,
            t,
            unknown_strings,
            today,
            progress,
            bodies,
            links: Vec::new(),
            summaries: Vec::new(),
            maturity,
            maturity_texts: maturity::texts::load(plan.settings.language()),
        };
        let count = plan.documents.len();
        model.links = (0..count).into_par_iter().map(|i| model.make_link(i)).collect();
        model.summaries = (0..count).into_par_iter().map(|i| model.make_goal_summary(i)).collect();
        model
    }

    /// A UI string. Every key exists in the English table, which fills the others.
    pub fn t(&self, key: &str) -> &str {
        debug_assert!(self.t.contains_key(key), "no UI string `{key}`");
        self.t.get(key).map_or("", String::as_str)
    }

    pub fn doc(&self, i: usize) -> &'a Document {
        &self.plan.documents[i]
    }

    /// `{id, title, url, kind, kind_label}` of a document; `url` is relative to the site root.
    pub fn link(&self, i: usize) -> Value {
        self.links[i].clone()
    }

    fn make_link(&self, i: usize) -> Value {
        let doc = self.doc(i);
        json!({
            "id": doc.id,
            "title": doc.display_title(),
            "url": self.urls.doc(i),
            "kind": doc.kind.name(),
            "kind_label": self.t(doc.kind.name()),
        })
    }

    pub fn links(&self, indices: &[usize]) -> Vec<Value> {
        indices.iter().map(|&i| self.link(i)).collect()
    }

    pub fn status(&self, goal: usize) -> Status {
        self.progress.get(&goal).map_or(Status::Unknown, |p| p.status)
    }

    /// A goal's link with its numbers, progress and status, as the overview and lists show it.
    pub fn goal_summary(&self, i: usize) -> Value {
        self.summaries[i].clone()
    }

    fn make_goal_summary(&self, i: usize) -> Value {
        let doc = self.doc(i);
        let Some(goal) = doc.goal() else { return Value::Null };
        let progress = self.progress.get(&i);
        let latest = progress.and_then(|p| p.latest.as_ref());
        let status = self.status(i);
        json!({
            "link": self.make_link(i),
            "owner": doc.owner.as_ref().map(|o| &o.value),
            "metric": goal.metric.as_ref().map(|m| &m.value),
            "unit": goal.unit.as_ref().map(|u| &u.value),
            "baseline": goal.baseline.as_ref().map(|b| number(b.value)),
            "target": goal.target.as_ref().map(|t| number(t.value)),
            "latest": latest.map(|p| number(p.value)),
            "latest_date": latest.map(|p| p.date.to_string()),
            "deadline": goal.deadline.as_ref().map(|d| d.value.to_string()),
            "status": status.key(),
            "status_label": self.t(&format!("status_{}", status.key())),
            "percent": progress.map_or(0, |p| (p.bar() * 100.0).round() as u32),
            "progress_known": progress.is_some_and(|p| p.fraction.is_some()),
            "future_note": progress.and_then(|p| self.future_note(&p.future)),
        })
    }

    /// `1 measurement dated after today (2027-05-01) is not counted`, or `None` when none is.
    fn future_note(&self, dates: &[Date]) -> Option<String> {
        let key = match dates.len() {
            0 => return None,
            1 => "future_measurement_one",
            _ => "future_measurement_many",
        };
        let list: Vec<String> = dates.iter().map(Date::to_string).collect();
        Some(
            self.t(key)
                .replace("{count}", &dates.len().to_string())
                .replace("{dates}", &list.join(", ")),
        )
    }

    /// A tactic's status key and label.
    pub fn tactic_status(&self, i: usize) -> (&'static str, &str) {
        let key = match self.doc(i).tactic().map_or("planned", |t| t.status()) {
            "active" => "active",
            "done" => "done",
            "dropped" => "dropped",
            _ => "planned",
        };
        (key, self.t(&format!("tactic_{key}")))
    }

    /// The documents of a kind, in path order.
    pub fn of_kind(&self, kind: Kind) -> Vec<usize> {
        (0..self.plan.documents.len())
            .filter(|&i| self.doc(i).kind == kind)
            .collect()
    }

    /// The page a diagnostic concerns, if its file is a document.
    pub fn page_of_file(&self, file: &str) -> Option<usize> {
        self.plan.index_of_path(file)
    }

    pub fn period(&self) -> Option<(Date, Date)> {
        let period = &self.plan.settings.period.as_ref()?.value;
        Some((period.start.as_ref()?.value, period.end.as_ref()?.value))
    }
}

/// `1200 EUR`; an unknown currency is left out.
pub fn budget_text(budget: &Budget) -> Option<String> {
    let amount = number(budget.amount.as_ref()?.value);
    Some(match &budget.currency {
        Some(c) => format!("{amount} {}", c.value),
        None => amount,
    })
}

/// Where a link in the body of document `from` points on the site: other plan documents become
/// their pages, files under `static/` are re-based; anything else is left as written.
pub(super) fn rewrite_link(plan: &Plan, urls: &Urls, from: usize, dest: &str) -> Option<String> {
    let doc = &plan.documents[from];
    let page = urls.doc(from);
    let to_page = |target: usize, fragment: Option<&str>| {
        let url = urls::relative(page, urls.doc(target));
        Some(match fragment.filter(|f| !f.is_empty()) {
            Some(f) => format!("{url}#{f}"),
            None => url,
        })
    };
    match parse_target(dest) {
        Some(Target::Fragment(_)) => None,
        Some(Target::Id { id, fragment }) => to_page(plan.index_of(id)?, fragment),
        Some(Target::File { path, fragment }) => {
            to_page(plan.index_of_path(&resolve_path(&doc.path, path)?)?, fragment)
        }
        None => {
            let external = dest.starts_with("//") || dest.starts_with('#') || dest.contains(':');
            let resolved = if external { None } else { resolve_path(&doc.path, dest) }?;
            resolved.starts_with("static/").then(|| urls::relative(page, &resolved))
        }
    }
}
