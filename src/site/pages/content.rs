//! The content calendar: every tactic's cadence laid out week by week per channel, over the
//! plan's period, with the gaps (a week a channel with content elsewhere has none) and the
//! clashes (two tactics on one channel on the same weekday) marked. Items a week come from the
//! plan's own reading of a cadence (`plan::workload`), the one capacity counts with.

use jiff::civil::Date;
use serde::Serialize;

use super::{Head, Job, Shared};
use crate::plan::workload;
use crate::plan::{Kind, TacticStatus};
use crate::site::edit::{Edit, Field};
use crate::site::model::{Link, Model};

/// The most weeks the page lays out (two years).
const MAX_WEEKS: usize = 104;

/// The page shows tactics' titles, dates, statuses, channels and cadences.
pub(super) fn affected_by(edit: &Edit) -> bool {
    use Field::{Channels, Dates, Status, Title, Workload};
    edit.changed(Kind::Tactic, &[Title, Dates, Status, Channels, Workload])
}

/// A tactic on a channel: its items a week, and the weekdays it names.
struct Slot {
    tactic: usize,
    channel: usize,
    start: Date,
    end: Date,
    per_week: f64,
    days: Vec<usize>,
}

#[derive(Serialize)]
struct Entry<'a> {
    link: Link<'a>,
    /// `3×`, or the cadence of one that makes less than one item a week.
    count: String,
    /// `Mon, Wed, Fri`.
    days: String,
}

#[derive(Serialize)]
struct Cell<'a> {
    entries: Vec<Entry<'a>>,
    gap: bool,
    /// `clash on Tue`: the weekdays two of the tactics share.
    clash: Option<String>,
}

#[derive(Serialize)]
struct Row<'a> {
    /// The week's Monday, `2027-03-01`.
    week: String,
    current: bool,
    cells: Vec<Cell<'a>>,
}

#[derive(Serialize)]
struct ContentPage<'a> {
    channels: Vec<&'a str>,
    rows: Vec<Row<'a>>,
    summary: String,
}

pub(super) fn page(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let channels = channel_names(model);
    let slots = slots(model, &channels);
    let rows = weeks(model, &slots)
        .into_iter()
        .map(|monday| row(model, &slots, channels.len(), monday))
        .collect::<Vec<_>>();
    let gaps = rows.iter().flat_map(|r| &r.cells).filter(|c| c.gap).count();
    let clashes = rows.iter().flat_map(|r| &r.cells).filter(|c| c.clash.is_some()).count();
    let summary = model
        .t("content_summary")
        .replace("{gaps}", &gaps.to_string())
        .replace("{clashes}", &clashes.to_string())
        .replace("{weeks}", &rows.len().to_string());
    let context = ContentPage {
        channels: channels.iter().map(|c| c.1).collect(),
        rows,
        summary,
    };
    let head = Head::at_root("content.html", model.t("content"), "content");
    Job::new(head, shared, &context)
}

/// Every channel: plan.toml's, then those only tactics name. `(id, name)`.
fn channel_names<'a>(model: &Model<'a>) -> Vec<(&'a str, &'a str)> {
    let mut channels: Vec<(&str, &str)> = model
        .plan
        .settings
        .channels
        .iter()
        .map(|c| (c.value.id.as_str(), c.value.name.as_str()))
        .collect();
    for doc in model.plan.of_kind(Kind::Tactic) {
        for channel in doc.tactic().map(|t| t.channels.as_slice()).unwrap_or_default() {
            if !channels.iter().any(|c| c.0 == channel.value) {
                channels.push((&channel.value, &channel.value));
            }
        }
    }
    channels
}

/// Each tactic that makes items on a channel, over its dates (else the period's).
fn slots(model: &Model<'_>, channels: &[(&str, &str)]) -> Vec<Slot> {
    let period = model.plan.settings.period.as_ref().map(|p| &p.value);
    let opens = period.and_then(|p| p.start.as_ref()).map(|d| d.value);
    let closes = period.and_then(|p| p.end.as_ref()).map(|d| d.value);
    let mut slots = Vec::new();
    for (i, doc) in model.plan.documents.iter().enumerate() {
        let Some(tactic) = doc.tactic().filter(|t| t.status() != TacticStatus::Dropped) else {
            continue;
        };
        let Some(cadence) = &tactic.cadence else { continue };
        let Some(per_week) = workload::items_per_week(&cadence.value) else {
            continue;
        };
        let (Some(start), Some(end)) = (
            tactic.start.as_ref().map(|d| d.value).or(opens),
            tactic.end.as_ref().map(|d| d.value).or(closes),
        ) else {
            continue;
        };
        for channel in &tactic.channels {
            if let Some(c) = channels.iter().position(|c| c.0 == channel.value) {
                let days = workload::weekdays(&cadence.value);
                slots.push(Slot {
                    tactic: i,
                    channel: c,
                    start,
                    end,
                    per_week,
                    days,
                });
            }
        }
    }
    slots
}

/// The Mondays from the first week of the plan (its period, else its tactics) to the last.
fn weeks(model: &Model<'_>, slots: &[Slot]) -> Vec<Date> {
    let period = model.plan.settings.period.as_ref().map(|p| &p.value);
    let first = period
        .and_then(|p| p.start.as_ref())
        .map(|d| d.value)
        .or(slots.iter().map(|s| s.start).min());
    let last = period
        .and_then(|p| p.end.as_ref())
        .map(|d| d.value)
        .or(slots.iter().map(|s| s.end).max());
    let (Some(first), Some(last)) = (first, last) else {
        return Vec::new();
    };
    let back = jiff::Span::new().days(i64::from(first.weekday().to_monday_zero_offset()));
    let mut monday = first.checked_sub(back).unwrap_or(first);
    let mut out = Vec::new();
    while monday <= last && out.len() < MAX_WEEKS {
        out.push(monday);
        let Ok(next) = monday.checked_add(jiff::Span::new().days(7)) else {
            break;
        };
        monday = next;
    }
    out
}

fn row<'a>(model: &'a Model<'_>, slots: &[Slot], channels: usize, monday: Date) -> Row<'a> {
    let sunday = monday.checked_add(jiff::Span::new().days(6)).unwrap_or(monday);
    let names = model.t("weekdays_short").split(',').map(str::trim).collect::<Vec<_>>();
    let day = |d: usize| names.get(d).copied().unwrap_or("?");
    let cells = (0..channels)
        .map(|c| {
            let on = |s: &&Slot| s.channel == c;
            let here: Vec<&Slot> = slots
                .iter()
                .filter(on)
                .filter(|s| s.start <= sunday && s.end >= monday)
                .collect();
            // A gap is a silent week between a channel's first content and its last.
            let before = slots.iter().filter(on).any(|s| s.end < monday);
            let after = slots.iter().filter(on).any(|s| s.start > sunday);
            let shared_days: Vec<usize> = (0..7)
                .filter(|d| here.iter().filter(|s| s.days.contains(d)).count() > 1)
                .collect();
            Cell {
                entries: here
                    .iter()
                    .map(|s| Entry {
                        link: model.link(s.tactic),
                        count: count(s.per_week, model.doc(s.tactic)),
                        days: s.days.iter().map(|&d| day(d)).collect::<Vec<_>>().join(", "),
                    })
                    .collect(),
                gap: here.is_empty() && before && after,
                clash: (!shared_days.is_empty()).then(|| {
                    let days = shared_days.iter().map(|&d| day(d)).collect::<Vec<_>>().join(", ");
                    model.t("content_clash").replace("{days}", &days)
                }),
            }
        })
        .collect();
    Row {
        week: monday.to_string(),
        current: monday <= model.today && model.today <= sunday,
        cells,
    }
}

/// `3×` a week; a tactic that makes less than one item a week shows its cadence (`monthly`).
fn count(per_week: f64, doc: &crate::plan::Document) -> String {
    let cadence = doc.tactic().and_then(|t| t.cadence.as_ref()).map(|c| c.value.clone());
    match cadence {
        Some(cadence) if per_week < 1.0 => cadence,
        _ if per_week.fract() == 0.0 => format!("{per_week:.0}×"),
        _ => format!("{per_week:.1}×"),
    }
}
