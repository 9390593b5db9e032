//! The roadmap's time axis: where a date falls on the track, a row of quarters over a row of
//! months (named in the site's language, thinned out so that no label overlaps the next), and
//! the label for today.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::super::ticks::text_width;
use super::super::{Label, days, number};

/// The width of the track, the part of a row that dates are drawn on.
pub const TRACK: f64 = 710.0;
/// Room at either end of the track, so that a bar or a label at an end is not cut off.
const PAD: f64 = 8.0;
/// The axis rows: quarters, months, today.
const QUARTER_Y: f64 = 14.0;
const MONTH_Y: f64 = 33.0;
const TODAY_Y: f64 = 52.0;
pub const HEIGHT: f64 = 58.0;
/// The size of the axis labels, in px (the style sheet's `svg .tick`).
const SIZE: f64 = 11.0;
/// The space kept between a label and the next boundary.
const GAP: f64 = 6.0;

/// How the axis names months and quarters, in the site's language.
#[derive(Clone, Copy, Debug)]
pub struct Calendar<'a> {
    /// Short month names, January first.
    pub months: [&'a str; 12],
    /// A quarter's label, with `{q}` (1–4), `{q_name}` (one of `quarter_names`) and `{year}`.
    pub quarter: &'a str,
    /// The shorter form, for a quarter too narrow for the long one.
    pub quarter_short: &'a str,
    pub quarter_names: [&'a str; 4],
}

impl Calendar<'_> {
    /// The two labels of the quarter that starts at `start`, long then short.
    fn quarter_labels(&self, start: Date) -> [String; 2] {
        let q = (start.month() as usize - 1) / 3;
        [self.quarter, self.quarter_short].map(|format| {
            format
                .replace("{q_name}", self.quarter_names[q])
                .replace("{q}", &(q + 1).to_string())
                .replace("{year}", &start.year().to_string())
        })
    }
}

/// Where a date falls on a track over `range`, clamped to it.
pub fn x(range: (Date, Date), d: Date) -> f64 {
    let span = days(range.0, range.1).max(1.0);
    PAD + (TRACK - 2.0 * PAD) * (days(range.0, d) / span).clamp(0.0, 1.0)
}

/// A boundary on the axis (the start of a month or a quarter) and its label, if it has room.
#[derive(Debug, PartialEq, Serialize)]
pub struct Tick {
    pub x: String,
    pub label: Option<Label>,
}

/// The axis, laid out.
#[derive(Debug, Serialize)]
pub struct Axis {
    pub quarters: Vec<Tick>,
    pub months: Vec<Tick>,
    /// Where today is, and its label, when today is in the range.
    pub today: Option<Label>,
    /// The x of every month start and quarter start, for the lines behind the rows.
    pub month_lines: Vec<String>,
    pub quarter_lines: Vec<String>,
}

/// The axis over `range`.
pub fn axis(range: (Date, Date), today: Date, calendar: &Calendar<'_>, today_label: &str) -> Axis {
    let quarters = quarters(range, calendar);
    let months = months(range, calendar);
    let today = (range.0..=range.1).contains(&today).then(|| {
        let at = x(range, today);
        let half = text_width(today_label, SIZE) / 2.0 + 1.0;
        Label {
            x: number(at.clamp(half, TRACK - half)),
            y: number(TODAY_Y),
            anchor: "middle",
            text: today_label.to_owned(),
        }
    });
    Axis {
        month_lines: months.iter().map(|m| m.x.clone()).collect(),
        quarter_lines: quarters.iter().map(|q| q.x.clone()).collect(),
        quarters,
        months,
        today,
    }
}

/// Every boundary from the one at or before `range.0` on, `step` apart, while in the range;
/// each as its date and the x of where it (or the range) starts and where the next one does.
fn segments(range: (Date, Date), first: Date, step: jiff::Span) -> Vec<(Date, f64, f64)> {
    let mut out = Vec::new();
    let mut start = first;
    while start <= range.1 {
        let next = start.saturating_add(step);
        out.push((start, x(range, start.max(range.0)), x(range, next.min(range.1))));
        if next == start {
            break;
        }
        start = next;
    }
    out
}

/// A label at the start of a segment from `x1` to `x2` that fits in it (with a gap before the
/// next boundary and inside the track), else none.
fn fitted(x1: f64, x2: f64, y: f64, text: &str) -> Option<Label> {
    let left = x1 + GAP / 2.0;
    (left + text_width(text, SIZE) + GAP / 2.0 <= x2.min(TRACK)).then(|| Label {
        x: number(left),
        y: number(y),
        anchor: "start",
        text: text.to_owned(),
    })
}

/// The quarters, each labelled in its long form when it fits, else in its short form.
fn quarters(range: (Date, Date), calendar: &Calendar<'_>) -> Vec<Tick> {
    let first = range.0.first_of_month();
    let first = first
        .saturating_sub(((first.month() as i64 - 1) % 3).months())
        .first_of_month();
    segments(range, first, 3.months())
        .into_iter()
        .map(|(start, x1, x2)| {
            let [long, short] = calendar.quarter_labels(start);
            let label = fitted(x1, x2, QUARTER_Y, &long).or_else(|| fitted(x1, x2, QUARTER_Y, &short));
            Tick { x: number(x1), label }
        })
        .collect()
}

/// The months, every one labelled when the widest name fits in the narrowest month; else
/// every second, third, sixth or twelfth (the first of a quarter or a year among them).
fn months(range: (Date, Date), calendar: &Calendar<'_>) -> Vec<Tick> {
    let all = segments(range, range.0.first_of_month(), 1.months());
    let widest = calendar.months.iter().map(|m| text_width(m, SIZE)).fold(0.0, f64::max);
    let full = (TRACK - 2.0 * PAD) / (days(range.0, range.1).max(1.0) / 28.0);
    let every = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|&n| widest + GAP <= full * n as f64)
        .unwrap_or(12);
    all.iter()
        .map(|&(start, x1, x2)| {
            let labelled = (start.month() as usize - 1).is_multiple_of(every);
            // A labelled month has the room of the months up to the next labelled one.
            let end = all
                .iter()
                .find(|(d, ..)| *d > start && (d.month() as usize - 1).is_multiple_of(every))
                .map_or(x(range, range.1), |&(_, next, _)| next)
                .max(x2);
            let name = calendar.months[start.month() as usize - 1];
            Tick {
                x: number(x1),
                label: labelled.then(|| fitted(x1, end, MONTH_Y, name)).flatten(),
            }
        })
        .collect()
}
