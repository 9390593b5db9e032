//! The progress chart of a goal: its measurements as a line over time, beside the pace line
//! (from the baseline at the start to the target at the deadline), with the baseline and target
//! as horizontal lines, the deadline and today as vertical ones, round value ticks with the unit
//! and month ticks; where the target moved (from git or `[[revisions]]`), the earlier targets as
//! steps and each move marked and labelled. This module computes where everything goes, at two sizes (wide, and narrow
//! for small screens), keeping labels apart; the markup is the template `svg/chart.html`.

use jiff::civil::Date;
use serde::Serialize;

use super::ticks::{month_ticks, text_width, value_ticks};
use super::{Frame, Label, days, number};
use crate::plan::graph::Point;
use crate::site::i18n::ConfidenceLabels;
use crate::site::numbers::Numbers;
use labels::{Box, levels, markers, moves, value_label};

mod labels;

const H: f64 = 280.0;
const TOP: f64 = 44.0;
const BOTTOM: f64 = 30.0;
const RIGHT: f64 = 16.0;
/// Font sizes of labels and ticks (as the style sheet sets them).
const LABEL_PX: f64 = 12.0;
const TICK_PX: f64 = 11.0;
/// Height of one row of labels above the plot.
const ROW: f64 = 15.0;

/// How wide the chart is drawn: pages show the wide one, and the narrow one on small screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    Wide,
    Narrow,
}

impl Size {
    fn width(self) -> f64 {
        match self {
            Size::Wide => 760.0,
            Size::Narrow => 360.0,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Size::Wide => "wide",
            Size::Narrow => "narrow",
        }
    }
}

/// Texts of the chart, already translated.
pub struct ChartLabels<'a> {
    pub baseline: &'a str,
    pub target: &'a str,
    pub deadline: &'a str,
    pub today: &'a str,
    /// The note on a point dated after today.
    pub future: &'a str,
    /// Short month names, January first.
    pub months: [&'a str; 12],
    /// A move of the target: `{from}` and `{to}` are its old and new values.
    pub moved: &'a str,
    /// A measurement's confidence, shown after its note.
    pub confidence: ConfidenceLabels<'a>,
}

/// A date where the goal's target moved, and from what to what.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TargetMove {
    pub date: Date,
    pub from: f64,
    pub to: f64,
}

/// What the chart shows.
pub struct ChartInput<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// Where the pace line starts: the goal's start, else the plan period's.
    pub start: Option<Date>,
    pub deadline: Option<Date>,
    pub today: Date,
    /// The measurements, by date.
    pub points: &'a [Point],
    pub unit: Option<&'a str>,
    pub numbers: Numbers,
    pub labels: ChartLabels<'a>,
    /// Where the target moved, by date.
    pub moves: &'a [TargetMove],
}

/// The chart, laid out: what the template `svg/chart.html` draws.
#[derive(Debug, Serialize)]
pub struct Chart {
    pub size: &'static str,
    pub frame: Frame,
    /// The plot area: the axes are its left and bottom edges.
    pub plot: Plot,
    /// Round values on the value axis, with a grid line each.
    pub values: Vec<Tick>,
    /// The unit, above the value axis.
    pub unit: Option<Label>,
    /// Month starts on the time axis.
    pub months: Vec<Tick>,
    /// Baseline and target, as horizontal lines.
    pub levels: Vec<Level>,
    /// Deadline and today, as vertical lines.
    pub markers: Vec<Marker>,
    /// The moves of the target within the time axis.
    pub moves: Vec<Move>,
    /// The earlier targets as steps (`x,y` pairs), up to the last move.
    pub earlier: Option<String>,
    /// The pace line, from the baseline at the start to the target at the deadline.
    pub pace: Option<Segment>,
    /// The line through the measurements up to today (`x,y` pairs), when there are any.
    pub series: Option<String>,
    pub points: Vec<Dot>,
}

/// The edges of the plot area.
#[derive(Debug, Serialize)]
pub struct Plot {
    pub left: String,
    pub right: String,
    pub top: String,
    pub bottom: String,
    /// Where the month ticks below the time axis end.
    pub tick: String,
}

/// A tick on an axis: where its grid line is, and its label.
#[derive(Debug, Serialize)]
pub struct Tick {
    pub at: String,
    pub label: Label,
}

/// A straight line.
#[derive(Debug, Serialize)]
pub struct Segment {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
}

/// A horizontal line at a value, labelled with its name and value at the right end.
#[derive(Debug, Serialize)]
pub struct Level {
    pub class: &'static str,
    pub y: String,
    pub label: Label,
}

/// A vertical line at a date, labelled above the plot.
#[derive(Debug, Serialize)]
pub struct Marker {
    pub class: &'static str,
    pub x: String,
    pub label: Label,
}

/// A move of the target: a vertical line at its date, a point at the new target, and a label
/// above the plot when there is room for it apart from the others (else the point's tooltip
/// says it).
#[derive(Debug, Serialize)]
pub struct Move {
    pub x: String,
    pub y: String,
    pub label: Option<Label>,
    pub title: String,
}

/// A measurement (measurements of the same date are combined into one); one dated after today
/// is drawn hollow, off the line. Its value shows on hover and focus, and always for the
/// latest one counted.
#[derive(Debug, Serialize)]
pub struct Dot {
    pub future: bool,
    /// The latest measurement counted: its value is always shown.
    pub last: bool,
    pub cx: String,
    pub cy: String,
    pub value: Label,
    /// The tooltip and accessible name: date, value, notes and, for a future one, why it is
    /// not counted.
    pub title: String,
}

/// The dates and values the plot area spans, and where a date or value falls in it.
#[derive(Clone, Copy, Debug)]
struct Scale {
    first: Date,
    last: Date,
    low: f64,
    high: f64,
    left: f64,
    right: f64,
}

impl Scale {
    /// The scale fitting the input's dates and values, or `None` when there are no dates or
    /// no values. A single date gets a month around it; values get some room above and below,
    /// and the value axis starts at zero when that costs less than half the height.
    fn fit(input: &ChartInput<'_>, size: Size) -> Option<Scale> {
        let dates = input
            .points
            .iter()
            .map(|p| p.date)
            .chain(input.start)
            .chain(input.deadline);
        let (first, last) = dates.fold(None, |range: Option<(Date, Date)>, d| match range {
            None => Some((d, d)),
            Some((lo, hi)) => Some((lo.min(d), hi.max(d))),
        })?;
        let (first, last) = if first == last {
            let half_month = jiff::Span::new().days(15);
            (first.saturating_sub(half_month), last.saturating_add(half_month))
        } else {
            (first, last)
        };
        let values = input
            .points
            .iter()
            .map(|p| p.value)
            .chain(input.baseline)
            .chain(input.target)
            .chain(input.moves.iter().flat_map(|m| [m.from, m.to]));
        let (mut low, mut high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if !low.is_finite() {
            return None;
        }
        let pad = ((high - low) * 0.12).max(high.abs().max(1.0) * 0.05);
        low -= pad;
        high += pad;
        if low > 0.0 && low < (high - low) * 0.5 {
            low = 0.0;
        }
        // The value axis is as wide as its longest tick label.
        let widest = value_ticks(low, high)
            .into_iter()
            .map(|v| text_width(&input.numbers.format(v), TICK_PX))
            .fold(0.0, f64::max);
        let left = (widest + 14.0).max(36.0);
        Some(Scale {
            first,
            last,
            low,
            high,
            left,
            right: size.width() - RIGHT,
        })
    }

    fn x(&self, d: Date) -> f64 {
        self.left + (self.right - self.left) * days(self.first, d) / days(self.first, self.last).max(1.0)
    }

    fn y(&self, v: f64) -> f64 {
        TOP + (H - TOP - BOTTOM) * (1.0 - (v - self.low) / (self.high - self.low))
    }
}

/// The chart laid out at `size`, or `None` when there is nothing to draw on a time axis.
pub fn chart(input: &ChartInput<'_>, size: Size) -> Option<Chart> {
    let scale = Scale::fit(input, size)?;
    let frame = Frame::new(
        &format!("{}-{}", input.id, size.key()),
        "chart",
        (size.width(), H),
        input.title,
        input.description,
    );
    let unit = input.unit.filter(|u| !u.trim().is_empty()).map(|unit| Label {
        x: number(scale.left - 6.0),
        y: number(TOP - 6.0),
        anchor: "start",
        text: unit.trim().to_owned(),
    });
    // Labels are placed in turn, each kept off those placed before it.
    let mut boxes: Vec<Box> = unit.iter().map(|u| Box::of(u, TICK_PX)).collect();
    let markers = markers(input, &scale, boxes.clone());
    boxes.extend(markers.iter().map(|m| Box::of(&m.label, LABEL_PX)));
    let (moves, earlier) = moves(input, &scale, &mut boxes);
    let levels = levels(input, &scale, &boxes);
    boxes.extend(levels.iter().map(|l| Box::of(&l.label, LABEL_PX)));
    Some(Chart {
        size: size.key(),
        frame,
        plot: Plot {
            left: number(scale.left),
            right: number(scale.right),
            top: number(TOP),
            bottom: number(H - BOTTOM),
            tick: number(H - BOTTOM + 4.0),
        },
        values: values(input, &scale),
        months: months(input, &scale, size),
        markers,
        moves,
        earlier,
        unit,
        levels,
        pace: pace(input, &scale),
        series: series(input, &scale),
        points: dots(input, &scale, &boxes),
    })
}

/// Round values on the value axis, in the site's language.
fn values(input: &ChartInput<'_>, scale: &Scale) -> Vec<Tick> {
    value_ticks(scale.low, scale.high)
        .into_iter()
        .map(|v| {
            let y = scale.y(v);
            Tick {
                at: number(y),
                label: Label {
                    x: number(scale.left - 6.0),
                    y: number(y + 4.0),
                    anchor: "end",
                    text: input.numbers.format(v),
                },
            }
        })
        .collect()
}

/// Month starts on the time axis, as many as fit side by side, with the year on January's and
/// on the first.
fn months(input: &ChartInput<'_>, scale: &Scale, size: Size) -> Vec<Tick> {
    let widest = input
        .labels
        .months
        .iter()
        .map(|m| text_width(&format!("{m} 2027"), TICK_PX))
        .fold(0.0, f64::max);
    let room = ((scale.right - scale.left) / (widest + 10.0)).floor().max(1.0) as usize;
    let max = match size {
        Size::Wide => room.min(12),
        Size::Narrow => room.min(4),
    };
    month_ticks(scale.first, scale.last, max)
        .into_iter()
        .enumerate()
        .map(|(n, d)| {
            let x = scale.x(d);
            let name = input.labels.months[usize::from(d.month().unsigned_abs()) - 1];
            let text = if n == 0 || d.month() == 1 {
                format!("{name} {}", d.year())
            } else {
                name.to_owned()
            };
            let anchor = if x - text_width(&text, TICK_PX) / 2.0 < scale.left - 8.0 {
                "start"
            } else {
                "middle"
            };
            Tick {
                at: number(x),
                label: Label {
                    x: number(x),
                    y: number(H - BOTTOM + 16.0),
                    anchor,
                    text,
                },
            }
        })
        .collect()
}

/// The pace line, when baseline, target, start and deadline are known.
fn pace(input: &ChartInput<'_>, scale: &Scale) -> Option<Segment> {
    let (start, deadline) = (input.start?, input.deadline?);
    let (baseline, target) = (input.baseline?, input.target?);
    (deadline > start).then(|| Segment {
        x1: number(scale.x(start)),
        y1: number(scale.y(baseline)),
        x2: number(scale.x(deadline)),
        y2: number(scale.y(target)),
    })
}

/// The measurements, those of one date combined (their mean, each listed in the tooltip).
fn combined(points: &[Point]) -> Vec<(Date, f64, Vec<&Point>)> {
    let mut out: Vec<(Date, f64, Vec<&Point>)> = Vec::new();
    for p in points {
        match out.last_mut() {
            Some((date, _, same)) if *date == p.date => same.push(p),
            _ => out.push((p.date, 0.0, vec![p])),
        }
    }
    for (_, value, same) in &mut out {
        *value = same.iter().map(|p| p.value).sum::<f64>() / same.len() as f64;
    }
    out
}

/// The line through the measurements dated up to today: a measurement dated after today is
/// not progress.
fn series(input: &ChartInput<'_>, scale: &Scale) -> Option<String> {
    let pairs: Vec<String> = combined(input.points)
        .into_iter()
        .filter(|(date, ..)| *date <= input.today)
        .map(|(date, value, _)| format!("{},{}", number(scale.x(date)), number(scale.y(value))))
        .collect();
    (!pairs.is_empty()).then(|| pairs.join(" "))
}

fn dots(input: &ChartInput<'_>, scale: &Scale, taken: &[Box]) -> Vec<Dot> {
    let points = combined(input.points);
    let last = points.iter().rposition(|(date, ..)| *date <= input.today);
    points
        .iter()
        .enumerate()
        .map(|(n, (date, value, same))| {
            let future = *date > input.today;
            let shown = input.numbers.with_unit(*value, input.unit);
            let mut title = format!("{date}: {shown}");
            for p in same {
                if same.len() > 1 {
                    title.push_str(&format!("; {}", input.numbers.format(p.value)));
                }
                if let Some(note) = &p.note {
                    title.push_str(&format!(" — {note}"));
                }
                if let Some(confidence) = p.confidence {
                    title.push_str(&format!(" · {}", input.labels.confidence.text(confidence)));
                }
            }
            if future {
                title.push_str(&format!(" ({})", input.labels.future));
            }
            let (cx, cy) = (scale.x(*date), scale.y(*value));
            Dot {
                future,
                last: Some(n) == last,
                cx: number(cx),
                cy: number(cy),
                value: value_label(cx, cy, shown, scale, taken),
                title,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
