//! What every page of the site draws on, computed once per render: the plan graph, page URLs,
//! UI strings, each goal's progress and card, each body rendered to HTML, and the small values
//! templates show (links, dates, numbers), which borrow from the plan.
//!
//! May import the plan, its history, lint outcome, maturity report and the site's own modules.

use std::collections::HashMap;
use std::sync::OnceLock;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::{Serialize, Serializer};
use tera::Value;

use super::fingerprint::Digest;
use super::i18n::{self, Strings};
use super::numbers::Numbers;
use super::svg::sparkline::{SparkInput, Sparkline, sparkline};
use super::urls::{self, Urls};
use crate::lint::Outcome;
use crate::markdown::{Target, parse_target};
use crate::maturity;
use crate::plan::graph::Graph;
use crate::plan::paths::resolve_path;
use crate::plan::progress::{self, Progress, Reason, Status};
use crate::plan::{Budget, Document, Kind, Plan, TacticStatus};

/// A date as templates show it: `2027-03-15`.
#[derive(Clone, Copy, Debug)]
pub struct Day(pub Date);

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A number as templates show it, in the site's language: `1,200`, `3.1` (see [`Numbers`]).
#[derive(Clone, Copy, Debug)]
pub struct Num(pub f64, pub Numbers);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.1.format(self.0))
    }
}

/// A link to a document's page; `url` is relative to the site root.
///
/// Pages show the same links many times (a tactic is in its list, the map's outline, its
/// owner's list and the pages of its strategy and goals), so each document's link is turned
/// into a template value once per render, when first needed, and the pages share it.
#[derive(Clone, Copy)]
pub struct Link<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub kind: &'static str,
    pub kind_label: &'a str,
    /// The document's language where it is not the site's (`lang` of its title and text).
    pub lang: Option<&'a str>,
    value: &'a OnceLock<Value>,
}

/// What a link shows templates.
#[derive(Serialize)]
struct LinkFields<'a> {
    id: &'a str,
    title: &'a str,
    url: &'a str,
    kind: &'static str,
    kind_label: &'a str,
    lang: Option<&'a str>,
}

impl Serialize for Link<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = || LinkFields {
            id: self.id,
            title: self.title,
            url: self.url,
            kind: self.kind,
            kind_label: self.kind_label,
            lang: self.lang,
        };
        // Inside a template context, Tera takes the value made once as it is (a shared
        // clone). Any other serializer (a page's fingerprint) gets the fields in their order:
        // Tera's maps iterate in an order that changes from run to run.
        if into_template::<S>() {
            let value = self.value.get_or_init(|| Value::from_serializable(&fields()));
            return value.serialize(serializer);
        }
        fields().serialize(serializer)
    }
}

impl std::fmt::Debug for Link<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Link")
            .field("id", &self.id)
            .field("url", &self.url)
            .finish()
    }
}

/// Whether `S` serializes into a template context (else it is a fingerprint's serializer).
fn into_template<S: Serializer>() -> bool {
    std::any::type_name::<S>().starts_with("tera::")
}

/// A goal's card, as pages show it: made once per render, when first shown, and shared by every
/// page that shows it (a goal's card is on the overview, its list, and the pages of its
/// strategies, tactics and evaluations), as a template value and, for fingerprints, as a digest
/// of its fields.
#[derive(Clone, Copy)]
pub struct GoalSummary<'m> {
    model: &'m Model<'m>,
    i: usize,
}

impl Serialize for GoalSummary<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (value, digest) = self.model.cards[self.i].get_or_init(|| {
            let fields = self.model.card_fields(self.i);
            let mut digest = Digest::default();
            digest.add(&fields);
            (Value::from_serializable(&fields), digest.finish())
        });
        // As for links: Tera takes the shared value; any other serializer (a fingerprint) the
        // digest of the fields.
        if into_template::<S>() {
            return value.serialize(serializer);
        }
        serializer.serialize_u64(*digest)
    }
}

impl std::fmt::Debug for GoalSummary<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GoalSummary").field("goal", &self.i).finish()
    }
}

/// A goal's link with its numbers, progress and status, as the cards show it.
#[derive(Debug, Serialize)]
pub struct CardFields<'a> {
    pub link: Link<'a>,
    pub owner: Option<&'a str>,
    pub metric: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub baseline: Option<Num>,
    pub target: Option<Num>,
    pub latest: Option<Num>,
    pub latest_date: Option<Day>,
    pub deadline: Option<Day>,
    pub status: &'static str,
    pub status_label: &'a str,
    /// Where the status comes in the overview's order, the most urgent first (for sorting).
    pub urgency: usize,
    pub channels: Vec<&'a str>,
    /// Why the goal has its status: `expected 29% by today · actual 13%`, `overdue by 12 days`.
    pub why: String,
    pub percent: u32,
    /// Where the pace line is today, as a share of the way (0–100), for the mark on the bar.
    pub pace_percent: Option<u32>,
    pub progress_known: bool,
    pub future_note: Option<String>,
    /// The latest measurement's confidence (`high confidence`), its level for the colour, and
    /// its note.
    pub confidence: Option<String>,
    pub confidence_level: Option<&'static str>,
    pub latest_note: Option<&'a str>,
    /// The measurements and the pace as a small line, when something was measured.
    pub spark: Option<Sparkline>,
}

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
    /// The documents of each kind, in path order (`Kind as usize`).
    kinds: [Vec<usize>; 5],
    /// Each document's link as a template value, made when first shown (see [`Link`]).
    link_values: Vec<OnceLock<Value>>,
    /// The maturity assessment, and its texts in the site's language.
    pub maturity: &'a maturity::Report,
    pub maturity_texts: maturity::texts::Texts,
    /// How the site's language writes numbers.
    pub numbers: Numbers,
    /// The plan's git history, and the note on what is missing from it.
    pub history: Option<&'a crate::history::History>,
    pub history_note: Option<&'a str>,
    /// The lint findings on each document (indices into the outcome's diagnostics), by
    /// document index.
    findings: HashMap<usize, Vec<usize>>,
    /// Each goal's card as a template value and a digest, made when first shown (see
    /// [`GoalSummary`]).
    cards: Vec<OnceLock<(Value, u64)>>,
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
            history,
            history_note,
        } = *input;
        let (t, unknown_strings) = i18n::strings(plan.settings.language(), &plan.settings.strings);
        let period_start = plan.settings.period_start();
        let progress = plan
            .documents
            .par_iter()
            .enumerate()
            .filter_map(|(i, d)| {
                Some((
                    i,
                    progress::assess(d.goal()?, graph.measurements_of(i), today, period_start),
                ))
            })
            .collect();
        let kinds = Kind::ALL.map(|kind| {
            (0..plan.documents.len())
                .filter(|&i| plan.documents[i].kind == kind)
                .collect()
        });
        Model {
            plan,
            lint,
            graph,
            urls: &prepared.urls,
            t,
            unknown_strings,
            today,
            progress,
            kinds,
            link_values: (0..plan.documents.len()).map(|_| OnceLock::new()).collect(),
            maturity,
            maturity_texts: maturity::texts::load(plan.settings.language()),
            numbers: Numbers::for_language(plan.settings.language()),
            history,
            history_note,
            findings: findings_by_document(plan, lint),
            cards: (0..plan.documents.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// A UI string. Every key exists in the English table, which fills the others.
    pub fn t(&self, key: &str) -> &str {
        debug_assert!(self.t.contains_key(key), "no UI string `{key}`");
        self.t.get(key).map_or("", String::as_str)
    }

    /// Short month names, January first (the UI string `months_short`, comma-separated).
    pub fn months(&self) -> [&str; 12] {
        let mut names = self.t("months_short").split(',').map(str::trim);
        std::array::from_fn(|_| names.next().unwrap_or("?"))
    }

    /// The lint findings on document `i` (indices into the outcome's diagnostics), in the
    /// outcome's order.
    pub fn findings_of(&self, i: usize) -> &[usize] {
        self.findings.get(&i).map_or(&[], Vec::as_slice)
    }

    /// `value` as templates show it.
    pub fn num(&self, value: f64) -> Num {
        Num(value, self.numbers)
    }

    pub fn doc(&self, i: usize) -> &'a Document {
        &self.plan.documents[i]
    }

    /// Document `i`'s body as its page shows it.
    pub fn body_html(&self, i: usize) -> String {
        super::body_html(self.plan, self.urls, i)
    }

    pub fn link(&self, i: usize) -> Link<'_> {
        let doc = self.doc(i);
        Link {
            id: &doc.id,
            title: doc.display_title(),
            url: self.urls.doc(i),
            kind: doc.kind.name(),
            kind_label: self.t(doc.kind.name()),
            lang: self.lang_of(i),
            value: &self.link_values[i],
        }
    }

    /// The language of document `i` where it differs from the site's: its `language`, else the
    /// one its title's script gives away (Chinese characters, Vietnamese letters).
    pub fn lang_of(&self, i: usize) -> Option<&'a str> {
        let doc = self.doc(i);
        let lang = match &doc.language {
            Some(tag) => tag.value.as_str(),
            None => crate::lint::written_in(doc.display_title())?.code(),
        };
        (lang != self.plan.settings.language()).then_some(lang)
    }

    pub fn links(&self, indices: &[usize]) -> Vec<Link<'_>> {
        indices.iter().map(|&i| self.link(i)).collect()
    }

    pub fn status(&self, goal: usize) -> Status {
        self.progress.get(&goal).map_or(Status::Unknown, |p| p.status)
    }

    /// The label of a goal status: `On track` …
    pub fn status_label(&self, status: Status) -> &str {
        self.t(&format!("status_{}", status.key()))
    }

    /// The card of goal `i` (which must be a goal).
    pub fn goal_summary(&'a self, i: usize) -> GoalSummary<'a> {
        GoalSummary { model: self, i }
    }

    /// The fields of goal `i`'s card.
    fn card_fields(&self, i: usize) -> CardFields<'_> {
        let doc = self.doc(i);
        let goal = doc.goal();
        let progress = self.progress.get(&i);
        let latest = progress.and_then(|p| p.latest.as_ref());
        let status = self.status(i);
        let text = |f: Option<&'a crate::plan::Spanned<String>>| f.map(|s| s.value.as_str());
        CardFields {
            link: self.link(i),
            owner: text(doc.owner.as_ref()),
            metric: text(goal.and_then(|g| g.metric.as_ref())),
            unit: text(goal.and_then(|g| g.unit.as_ref())),
            baseline: goal.and_then(|g| g.baseline.as_ref()).map(|b| self.num(b.value)),
            target: goal.and_then(|g| g.target.as_ref()).map(|t| self.num(t.value)),
            latest: latest.map(|p| self.num(p.value)),
            latest_date: latest.map(|p| Day(p.date)),
            deadline: goal.and_then(|g| g.deadline.as_ref()).map(|d| Day(d.value)),
            status: status.key(),
            status_label: self.status_label(status),
            urgency: status.urgency(),
            channels: goal.map_or_else(Vec::new, |g| g.channels.iter().map(|c| c.value.as_str()).collect()),
            why: progress.map_or_else(String::new, |p| self.why(p)),
            percent: progress.map_or(0, |p| percent(p.bar())),
            pace_percent: progress.and_then(|p| match p.reason {
                Reason::Pace { expected, .. } => Some(percent(expected.clamp(0.0, 1.0))),
                _ => None,
            }),
            progress_known: progress.is_some_and(|p| p.fraction.is_some()),
            future_note: progress.and_then(|p| self.future_note(&p.future)),
            confidence: (latest.and_then(|p| p.confidence)).map(|c| i18n::ConfidenceLabels::new(&self.t).text(c)),
            confidence_level: latest.and_then(|p| p.confidence).map(|c| c.level().name()),
            latest_note: latest.and_then(|p| p.note.as_deref()),
            spark: goal.and_then(|g| {
                sparkline(&SparkInput {
                    baseline: g.baseline.as_ref().map(|b| b.value),
                    target: g.target.as_ref().map(|t| t.value),
                    start: progress.and_then(|p| p.start),
                    deadline: g.deadline.as_ref().map(|d| d.value),
                    today: self.today,
                    points: self.graph.measurements_of(i),
                })
            }),
        }
    }

    pub fn goal_summaries(&'a self, goals: &[usize]) -> Vec<GoalSummary<'a>> {
        goals.iter().map(|&g| self.goal_summary(g)).collect()
    }

    /// Why a goal's progress gives its status, in the site's language.
    pub fn why(&self, progress: &Progress) -> String {
        let pct = |share: f64| percent(share).to_string();
        match progress.reason {
            Reason::Pace { expected, actual } => self
                .t("why_pace")
                .replace("{expected}", &pct(expected.clamp(0.0, 1.0)))
                .replace("{actual}", &self.numbers.format((actual * 100.0).round())),
            Reason::NotMeasured { elapsed: Some(e) } if e > 0.0 => {
                self.t("why_not_measured").replace("{elapsed}", &pct(e))
            }
            Reason::NotMeasured { .. } => self.t("why_not_measured_early").to_owned(),
            Reason::Holding { within } => {
                let key = if within { "why_holding" } else { "why_not_holding" };
                self.t(key).replace("{band}", &pct(progress::MAINTAIN_BAND))
            }
            Reason::Overdue { days: 1 } => self.t("why_overdue_one").to_owned(),
            Reason::Overdue { days } => self.t("why_overdue_many").replace("{days}", &days.to_string()),
            Reason::Reached { on } => self.t("why_reached").replace("{date}", &on.to_string()),
            Reason::Declared => self.t("why_declared").to_owned(),
            Reason::NoNumbers => self.t("why_no_numbers").to_owned(),
        }
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
        let key = self
            .doc(i)
            .tactic()
            .map_or(TacticStatus::Planned, |t| t.status())
            .name();
        (key, self.t(&format!("tactic_{key}")))
    }

    /// The documents of a kind, in path order.
    pub fn of_kind(&self, kind: Kind) -> &[usize] {
        &self.kinds[kind as usize]
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

fn findings_by_document(plan: &Plan, lint: &Outcome) -> HashMap<usize, Vec<usize>> {
    let mut by_document: HashMap<usize, Vec<usize>> = HashMap::new();
    for (d, diagnostic) in lint.diagnostics.iter().enumerate() {
        if let Some(i) = plan.index_of_path(&diagnostic.file) {
            by_document.entry(i).or_default().push(d);
        }
    }
    by_document
}

/// A share (1.0 is all of it) as a whole percentage.
fn percent(share: f64) -> u32 {
    (share * 100.0).round().clamp(0.0, u32::MAX as f64) as u32
}

/// `1,200 EUR`; an unknown currency is left out.
pub fn budget_text(budget: &Budget, numbers: Numbers) -> Option<String> {
    let amount = numbers.format(budget.amount.as_ref()?.value);
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
