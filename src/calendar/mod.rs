//! The plan's dates as a calendar: evaluation reviews repeating on their cadence from
//! `next_review`, goal deadlines, and tactic starts and ends — for `stratagem calendar` and the
//! site's `calendar.ics`, which a team subscribes to so reviews come to them.
//!
//! Each event's UID is made of its kind of date, its document's id and the plan, never of its
//! date or text: a subscribed calendar updates an event that moved instead of adding a second.
//!
//! Imports: `plan` only.

mod ics;
mod words;

use jiff::civil::Date;

use crate::plan::cadence::Cadence;
use crate::plan::{Document, GoalStatus, Kind, KindData, Plan, TacticStatus};
pub use ics::render;

/// What a date in the plan is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Occasion {
    /// An evaluation's review: its `next_review`, repeating on its `cadence`.
    Review,
    /// A goal's `deadline`.
    Deadline,
    /// A tactic's `start`.
    Start,
    /// A tactic's `end`.
    End,
}

impl Occasion {
    /// The word a UID starts with (stable: changing it duplicates every subscriber's events).
    fn key(self) -> &'static str {
        match self {
            Occasion::Review => "review",
            Occasion::Deadline => "deadline",
            Occasion::Start => "start",
            Occasion::End => "end",
        }
    }
}

/// How an event repeats: on a cadence, up to a last day (inclusive) if there is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repeat {
    pub cadence: Cadence,
    pub until: Option<Date>,
}

/// One all-day event of the calendar.
#[derive(Clone, Debug)]
pub struct Event<'p> {
    pub occasion: Occasion,
    pub document: &'p Document,
    pub date: Date,
    pub repeat: Option<Repeat>,
}

/// The plan's events, by date, then kind of date, then document path. Dropped goals and
/// tactics have none.
pub fn events(plan: &Plan) -> Vec<Event<'_>> {
    let mut events = Vec::new();
    for document in &plan.documents {
        let event = |occasion, date, repeat| Event {
            occasion,
            document,
            date,
            repeat,
        };
        match &document.data {
            KindData::Goal(goal) if goal.status() != GoalStatus::Dropped => {
                events.extend(goal.deadline.as_ref().map(|d| event(Occasion::Deadline, d.value, None)));
            }
            KindData::Tactic(tactic) if tactic.status() != TacticStatus::Dropped => {
                events.extend(tactic.start.as_ref().map(|d| event(Occasion::Start, d.value, None)));
                events.extend(tactic.end.as_ref().map(|d| event(Occasion::End, d.value, None)));
            }
            KindData::Evaluation(evaluation) => {
                if let Some(next) = &evaluation.next_review {
                    let repeat = evaluation
                        .cadence
                        .as_ref()
                        .and_then(|c| Cadence::parse(&c.value))
                        .map(|cadence| Repeat {
                            cadence,
                            until: last_review(plan, document),
                        });
                    events.push(event(Occasion::Review, next.value, repeat));
                }
            }
            _ => {}
        }
    }
    events.sort_by(|a, b| (a.date, a.occasion, &a.document.path).cmp(&(b.date, b.occasion, &b.document.path)));
    events
}

/// The last day an evaluation's reviews repeat to: the latest deadline of the goals it
/// evaluates, else the end of the plan's period; none when neither is known.
fn last_review(plan: &Plan, evaluation: &Document) -> Option<Date> {
    let KindData::Evaluation(data) = &evaluation.data else {
        return None;
    };
    let deadlines = data
        .goals
        .iter()
        .filter_map(|id| plan.get(&id.value))
        .filter(|d| d.kind == Kind::Goal)
        .filter_map(|d| d.goal()?.deadline.as_ref().map(|d| d.value));
    deadlines
        .max()
        .or_else(|| plan.settings.period.as_ref()?.value.end.as_ref().map(|d| d.value))
}

/// The part of every UID that names the plan: the host and path of `base_url`
/// (`plan.team.example.org`), else the plan's title as a slug, else `plan`.
pub fn plan_key(plan: &Plan) -> String {
    let published = plan
        .settings
        .base_url
        .as_ref()
        .and_then(|u| url::Url::parse(&u.value).ok());
    let host = published.as_ref().and_then(|url| {
        let host = url.host_str()?;
        let mut segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
        segments.reverse();
        segments.push(host);
        Some(segments.join("."))
    });
    let title = plan.settings.title.as_ref().map(|t| slug::slugify(&t.value));
    host.or(title)
        .filter(|k| !k.is_empty())
        .unwrap_or_else(|| "plan".to_owned())
}

/// The event's UID: `review.monthly-report@example.org`.
pub fn uid(event: &Event<'_>, plan_key: &str) -> String {
    format!("{}.{}@{plan_key}", event.occasion.key(), event.document.id)
}
