//! The typed plan documents — goal, strategy, tactic, evaluation, page — and how each kind's front
//! matter is read. Every field a rule points at keeps its byte span in the file.

use std::ops::Range;

use jiff::civil::Date;

use super::definitions::{self, sub_names};
use super::fields::Fields;
use super::practices::PracticeName;
pub use super::revisions::{Revision, RevisionValue};
pub use super::vocabulary::{Direction, GoalStatus, RevisedField, TacticStatus, Vocabulary};
use crate::diagnostic::SourceRef;
use crate::markdown::Link;
use crate::markdown::page::PageBody;

/// A value with the byte range it came from in its file.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Spanned { value, span }
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The kinds of plan document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Goal,
    Strategy,
    Tactic,
    Evaluation,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Goal, Kind::Strategy, Kind::Tactic, Kind::Evaluation, Kind::Page];
    pub const NAMES: [&'static str; 5] = ["goal", "strategy", "tactic", "evaluation", "page"];

    pub fn name(self) -> &'static str {
        Kind::NAMES[self as usize]
    }

    /// The top folder that holds documents of this kind.
    pub fn folder(self) -> &'static str {
        ["goals", "strategies", "tactics", "evaluations", "pages"][self as usize]
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        <Kind as Vocabulary>::parse(name)
    }

    pub fn from_folder(folder: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == folder)
    }

    /// `a goal`, `an evaluation` …
    pub fn with_article(self) -> &'static str {
        ["a goal", "a strategy", "a tactic", "an evaluation", "a page"][self as usize]
    }

    /// The keys this kind's front matter may hold besides the common ones, from the
    /// [definitions table](super::definitions).
    pub fn fields(self) -> impl Iterator<Item = &'static str> {
        definitions::of_kind(self).iter().map(|f| f.name)
    }
}

impl Vocabulary for Kind {
    const ALL: &'static [Kind] = &Kind::ALL;

    fn name(self) -> &'static str {
        Kind::name(self)
    }
}

/// One plan document: common fields, its kind's fields, and what its Markdown body links to.
#[derive(Clone, Debug)]
pub struct Document {
    /// Relative to the plan folder, `/`-separated.
    pub path: String,
    pub id: String,
    pub kind: Kind,
    /// The file's text, without a BOM.
    pub text: String,
    /// The TOML between the `+++` lines, and the Markdown body, as ranges of `text`.
    pub toml: Range<usize>,
    pub body: Range<usize>,
    pub title: Option<Spanned<String>>,
    pub owner: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub tags: Vec<Spanned<String>>,
    pub weight: Option<i64>,
    /// The language the document is written in, when it says (a BCP 47 tag).
    pub language: Option<Spanned<String>>,
    /// Top-level keys present in the front matter, with the span of each key.
    pub keys: Vec<(String, Range<usize>)>,
    /// Keys present with an invalid value, already reported as `wrong-type`.
    pub invalid: Vec<String>,
    pub links: Vec<Link>,
    /// Heading anchors of the body, in order.
    pub anchors: Vec<String>,
    /// The body rendered for its page, when the plan was loaded with [`super::Bodies::Render`].
    pub page: Option<PageBody>,
    pub data: KindData,
    /// `[lint.allow]`: the rules silenced in this file, with their reasons.
    pub allow: Vec<super::allow::Allowance>,
}

/// The fields particular to a document's kind.
#[derive(Clone, Debug)]
pub enum KindData {
    Goal(Goal),
    Strategy(Strategy),
    Tactic(Tactic),
    Evaluation(Evaluation),
    Page,
}

#[derive(Clone, Debug, Default)]
pub struct Goal {
    pub metric: Option<Spanned<String>>,
    pub unit: Option<Spanned<String>>,
    pub baseline: Option<Spanned<f64>>,
    pub target: Option<Spanned<f64>>,
    pub direction: Option<Spanned<Direction>>,
    pub deadline: Option<Spanned<Date>>,
    pub start: Option<Spanned<Date>>,
    pub data_source: Option<Spanned<String>>,
    pub business_outcome: Option<Spanned<String>>,
    pub benchmark: Option<Spanned<Benchmark>>,
    pub channels: Vec<Spanned<String>>,
    pub status: Option<Spanned<GoalStatus>>,
    /// `[[revisions]]`: changes of the goal's own fields, documented with a reason.
    pub revisions: Vec<Revision>,
}

impl Goal {
    /// The declared direction, else the one implied by baseline → target.
    pub fn direction(&self) -> Option<Direction> {
        if let Some(declared) = &self.direction {
            return Some(declared.value);
        }
        let (b, t) = (self.baseline.as_ref()?.value, self.target.as_ref()?.value);
        Some(match t.partial_cmp(&b)? {
            std::cmp::Ordering::Greater => Direction::Increase,
            std::cmp::Ordering::Less => Direction::Decrease,
            std::cmp::Ordering::Equal => Direction::Maintain,
        })
    }

    /// The declared status; `active` when none is.
    pub fn status(&self) -> GoalStatus {
        self.status.as_ref().map_or(GoalStatus::Active, |s| s.value)
    }
}

#[derive(Clone, Debug, Default)]
pub struct Benchmark {
    pub value: Option<Spanned<f64>>,
    pub source: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Default)]
pub struct Strategy {
    pub goals: Vec<Spanned<String>>,
    pub channels: Vec<Spanned<String>>,
}

#[derive(Clone, Debug, Default)]
pub struct Tactic {
    /// `strategy` and `strategies` together.
    pub strategies: Vec<Spanned<String>>,
    /// `channel` and `channels` together.
    pub channels: Vec<Spanned<String>>,
    pub start: Option<Spanned<Date>>,
    pub end: Option<Spanned<Date>>,
    pub cadence: Option<Spanned<String>>,
    pub budget: Option<Spanned<Budget>>,
    pub response_time: Option<Spanned<String>>,
    pub status: Option<Spanned<TacticStatus>>,
    pub practices: Vec<Spanned<PracticeName>>,
}

impl Tactic {
    /// The declared status; `planned` when none is.
    pub fn status(&self) -> TacticStatus {
        self.status.as_ref().map_or(TacticStatus::Planned, |s| s.value)
    }

    /// Planned or running: what still needs people and a channel.
    pub fn is_live(&self) -> bool {
        self.status().is_live()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Budget {
    pub amount: Option<Spanned<f64>>,
    pub currency: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    pub goals: Vec<Spanned<String>>,
    pub metric: Option<Spanned<String>>,
    pub method: Option<Spanned<String>>,
    pub data_source: Option<Spanned<String>>,
    pub cadence: Option<Spanned<String>>,
    pub next_review: Option<Spanned<Date>>,
    pub benchmark: Option<Spanned<Benchmark>>,
    pub measurements: Vec<Spanned<Measurement>>,
}

impl Evaluation {
    /// The goal a measurement is of: the one it names, else the evaluation's only goal. A
    /// measurement without `goal` in an evaluation of several goals (or none) is of no goal.
    pub fn goal_of<'a>(&'a self, measurement: &'a Measurement) -> Option<&'a Spanned<String>> {
        measurement.goal.as_ref().or(match self.goals.as_slice() {
            [only] => Some(only),
            _ => None,
        })
    }
}

#[derive(Clone, Debug, Default)]
pub struct Measurement {
    pub goal: Option<Spanned<String>>,
    pub date: Option<Spanned<Date>>,
    pub value: Option<Spanned<f64>>,
    pub note: Option<Spanned<String>>,
}

impl Document {
    pub fn source(&self) -> SourceRef<'_> {
        SourceRef {
            path: &self.path,
            text: &self.text,
        }
    }

    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// The title, or the id when there is none.
    pub fn display_title(&self) -> &str {
        self.title.as_ref().map_or(&self.id, |t| &t.value)
    }

    /// Where to point when a key is missing: the first key of the front matter (usually
    /// `title`), else the front matter's first line.
    pub fn front_matter_span(&self) -> Range<usize> {
        if let Some((_, span)) = self.keys.iter().min_by_key(|(_, span)| span.start) {
            return span.clone();
        }
        let start = self.toml.start;
        let line_end = self.text[start..]
            .find(['\r', '\n'])
            .map_or(self.text.len(), |i| start + i);
        start..line_end
    }

    /// The span of `key` if present (e.g. `owner = ""`), else the front matter's first line.
    pub fn key_or_front_matter(&self, key: &str) -> Range<usize> {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| self.front_matter_span(), |(_, span)| span.clone())
    }

    /// A key was present but had an invalid value (already reported).
    pub fn is_invalid(&self, key: &str) -> bool {
        self.invalid.iter().any(|k| k == key)
    }

    pub fn goal(&self) -> Option<&Goal> {
        match &self.data {
            KindData::Goal(g) => Some(g),
            _ => None,
        }
    }

    pub fn strategy(&self) -> Option<&Strategy> {
        match &self.data {
            KindData::Strategy(s) => Some(s),
            _ => None,
        }
    }

    pub fn tactic(&self) -> Option<&Tactic> {
        match &self.data {
            KindData::Tactic(t) => Some(t),
            _ => None,
        }
    }

    pub fn evaluation(&self) -> Option<&Evaluation> {
        match &self.data {
            KindData::Evaluation(e) => Some(e),
            _ => None,
        }
    }
}

/// Reads the fields particular to `kind`.
pub(super) fn read_kind_data(kind: Kind, f: &mut Fields<'_, '_>) -> KindData {
    match kind {
        Kind::Goal => KindData::Goal(Goal {
            metric: f.string("metric"),
            unit: f.string("unit"),
            baseline: f.number("baseline"),
            target: f.number("target"),
            direction: f.one_of("direction"),
            deadline: f.date("deadline"),
            start: f.date("start"),
            data_source: f.string("data_source"),
            business_outcome: f.string("business_outcome"),
            benchmark: read_benchmark(kind, f),
            channels: f.string_list("channels"),
            status: f.one_of("status"),
            revisions: super::revisions::read(f),
        }),
        Kind::Strategy => KindData::Strategy(Strategy {
            goals: f.string_list("goals"),
            channels: f.string_list("channels"),
        }),
        Kind::Tactic => {
            let mut strategies = f.string_list("strategy");
            strategies.extend(f.string_list("strategies"));
            let mut channels = f.string_list("channel");
            channels.extend(f.string_list("channels"));
            KindData::Tactic(Tactic {
                strategies,
                channels,
                start: f.date("start"),
                end: f.date("end"),
                cadence: f.string("cadence"),
                budget: f.table(
                    "budget",
                    &sub_names(Some(kind), "budget"),
                    "{ amount = 1200, currency = \"EUR\" }",
                    |b| Budget {
                        amount: b.number("amount"),
                        currency: b.string("currency"),
                    },
                ),
                response_time: f.string("response_time"),
                status: f.one_of("status"),
                practices: f
                    .string_list("practices")
                    .into_iter()
                    .map(|p| Spanned::new(PracticeName::new(p.value), p.span))
                    .collect(),
            })
        }
        Kind::Evaluation => KindData::Evaluation(Evaluation {
            goals: f.string_list("goals"),
            metric: f.string("metric"),
            method: f.string("method"),
            data_source: f.string("data_source"),
            cadence: f.string("cadence"),
            next_review: f.date("next_review"),
            benchmark: read_benchmark(kind, f),
            measurements: f.tables("measurements", &sub_names(Some(kind), "measurements"), |m| {
                Measurement {
                    goal: m.string("goal"),
                    date: m.date("date"),
                    value: m.number("value"),
                    note: m.string("note"),
                }
            }),
        }),
        Kind::Page => KindData::Page,
    }
}

fn read_benchmark(kind: Kind, f: &mut Fields<'_, '_>) -> Option<Spanned<Benchmark>> {
    f.table(
        "benchmark",
        &sub_names(Some(kind), "benchmark"),
        "{ value = 95, source = \"industry report\" }",
        |b| Benchmark {
            value: b.number("value"),
            source: b.string("source"),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Spanned<String> {
        Spanned::new(s.to_owned(), 0..0)
    }

    fn measurement(goal: Option<&str>) -> Measurement {
        Measurement {
            goal: goal.map(id),
            ..Measurement::default()
        }
    }

    fn evaluation(goals: &[&str]) -> Evaluation {
        Evaluation {
            goals: goals.iter().map(|g| id(g)).collect(),
            ..Evaluation::default()
        }
    }

    fn goal_of(goals: &[&str], named: Option<&str>) -> Option<String> {
        evaluation(goals).goal_of(&measurement(named)).map(|g| g.value.clone())
    }

    #[test]
    fn a_measurement_without_goal_belongs_to_the_only_goal() {
        assert_eq!(goal_of(&["leads"], None).as_deref(), Some("leads"));
    }

    #[test]
    fn a_named_goal_wins_over_the_evaluations_goals() {
        assert_eq!(goal_of(&["leads"], Some("reach")).as_deref(), Some("reach"));
        assert_eq!(goal_of(&["a", "b"], Some("b")).as_deref(), Some("b"));
        assert_eq!(goal_of(&[], Some("b")).as_deref(), Some("b"));
    }

    #[test]
    fn without_a_named_goal_several_or_no_goals_give_none() {
        assert_eq!(goal_of(&["a", "b"], None), None);
        assert_eq!(goal_of(&[], None), None);
    }
}
