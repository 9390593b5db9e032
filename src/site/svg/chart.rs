//! The progress chart of a goal: its measurements as a line over time, with the baseline and
//! target as horizontal lines, the deadline (and today) as vertical ones.

use std::fmt::Write as _;

use jiff::civil::Date;

use super::{days, esc, number, open};
use crate::plan::graph::Point;

const W: f64 = 640.0;
const H: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// What the chart shows.
pub struct ChartInput<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub start: Option<Date>,
    pub deadline: Option<Date>,
    pub today: Date,
    pub points: &'a [Point],
    /// Labels, already translated: baseline, target, deadline, today, and the note on a point
    /// dated after today.
    pub labels: [&'a str; 5],
}

/// The SVG, or `None` when there is nothing to draw on a time axis.
pub fn chart(input: &ChartInput<'_>) -> Option<String> {
    let dates: Vec<Date> = input
        .points
        .iter()
        .map(|p| p.date)
        .chain(input.start)
        .chain(input.deadline)
        .collect();
    let (first, last) = (*dates.iter().min()?, *dates.iter().max()?);
    let (first, last) = if first == last {
        (
            first.saturating_sub(jiff::Span::new().days(15)),
            last.saturating_add(jiff::Span::new().days(15)),
        )
    } else {
        (first, last)
    };
    let values: Vec<f64> = input
        .points
        .iter()
        .map(|p| p.value)
        .chain(input.baseline)
        .chain(input.target)
        .collect();
    let (mut low, mut high) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
        (lo.min(v), hi.max(v))
    });
    if !low.is_finite() {
        return None;
    }
    let pad = ((high - low) * 0.12).max(high.abs().max(1.0) * 0.05);
    low -= pad;
    high += pad;
    if low > 0.0 && low < (high - low) * 0.5 {
        low = 0.0;
    }
    let span_days = days(first, last).max(1.0);
    let x = |d: Date| LEFT + (W - LEFT - RIGHT) * days(first, d) / span_days;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - (v - low) / (high - low));

    let mut out = String::with_capacity(2048);
    open(&mut out, input.id, W, H, input.title, input.description, "chart");
    let [baseline_label, target_label, deadline_label, today_label, _] = input.labels;
    // Axes.
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/><line class=\"axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{b}\"/>",
        b = number(H - BOTTOM),
        r = number(W - RIGHT)
    );
    let _ = write!(
        out,
        "<text class=\"tick\" x=\"{LEFT}\" y=\"{}\" text-anchor=\"start\">{first}</text>",
        number(H - 12.0)
    );
    let _ = write!(
        out,
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{last}</text>",
        number(W - RIGHT),
        number(H - 12.0)
    );
    for (value, class, label) in [
        (input.baseline, "baseline", baseline_label),
        (input.target, "target", target_label),
    ] {
        if let Some(v) = value {
            let yv = number(y(v));
            let _ = write!(
                out,
                "<line class=\"{class}\" x1=\"{LEFT}\" y1=\"{yv}\" x2=\"{}\" y2=\"{yv}\"/><text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
                 <text class=\"label {class}-label\" x=\"{}\" y=\"{}\" text-anchor=\"start\">{}</text>",
                number(W - RIGHT),
                number(LEFT - 6.0),
                number(y(v) + 4.0),
                number(v),
                number(LEFT + 6.0),
                number(y(v) - 5.0),
                esc(label),
            );
        }
    }
    for (date, class, label) in [
        (input.deadline, "deadline", deadline_label),
        (Some(input.today), "today", today_label),
    ] {
        let Some(d) = date.filter(|d| (first..=last).contains(d)) else {
            continue;
        };
        let xd = number(x(d));
        // Labels near an edge are anchored inwards so that they are not cut off.
        let anchor = if x(d) > W - RIGHT - 40.0 {
            "end"
        } else if x(d) < LEFT + 40.0 {
            "start"
        } else {
            "middle"
        };
        let _ = write!(
            out,
            "<line class=\"{class}\" x1=\"{xd}\" y1=\"{TOP}\" x2=\"{xd}\" y2=\"{}\"/><text class=\"label {class}-label\" x=\"{xd}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            number(H - BOTTOM),
            number(TOP - 4.0),
            esc(label)
        );
    }
    if !input.points.is_empty() {
        // A measurement dated after today is not progress: it is drawn hollow, off the line.
        let path: Vec<String> = input
            .points
            .iter()
            .filter(|p| !p.is_after(input.today))
            .map(|p| format!("{},{}", number(x(p.date)), number(y(p.value))))
            .collect();
        let _ = write!(out, "<polyline class=\"series\" points=\"{}\"/>", path.join(" "));
        for p in input.points {
            let future = p.is_after(input.today);
            let note = p.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default();
            let _ = write!(
                out,
                "<circle class=\"point{}\" cx=\"{}\" cy=\"{}\" r=\"4\"><title>{}: {}{}{}</title></circle>",
                if future { " future" } else { "" },
                number(x(p.date)),
                number(y(p.value)),
                p.date,
                number(p.value),
                esc(&note),
                if future {
                    format!(" ({})", esc(input.labels[4]))
                } else {
                    String::new()
                }
            );
        }
    }
    out.push_str("</svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn draws_points_lines_and_labels() {
        let points = [Point {
            date: date(2027, 1, 31),
            value: 21.0,
            note: Some("a & b".into()),
            evaluation: 0,
        }];
        let svg = chart(&ChartInput {
            id: "c",
            title: "Leads",
            description: "d",
            baseline: Some(18.0),
            target: Some(45.0),
            start: Some(date(2027, 1, 1)),
            deadline: Some(date(2027, 9, 30)),
            today: date(2027, 5, 20),
            points: &points,
            labels: [
                "Baseline",
                "Target",
                "Deadline",
                "Today",
                "dated after today, not counted",
            ],
        })
        .unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        for part in [
            "class=\"baseline\"",
            "class=\"target\"",
            "class=\"deadline\"",
            "class=\"today\"",
            "<circle",
            "a &amp; b",
            "<title id=\"c-title\">Leads</title>",
        ] {
            assert!(svg.contains(part), "{part} in {svg}");
        }
    }

    #[test]
    fn a_point_dated_after_today_is_hollow_and_off_the_line() {
        let point = |m, value| Point {
            date: date(2027, m, 1),
            value,
            note: None,
            evaluation: 0,
        };
        let points = [point(2, 10.0), point(3, 12.0), point(8, 30.0)];
        let svg = chart(&ChartInput {
            id: "c",
            title: "Leads",
            description: "d",
            baseline: Some(8.0),
            target: Some(40.0),
            start: Some(date(2027, 1, 1)),
            deadline: Some(date(2027, 9, 30)),
            today: date(2027, 5, 20),
            points: &points,
            labels: [
                "Baseline",
                "Target",
                "Deadline",
                "Today",
                "dated after today, not counted",
            ],
        })
        .unwrap();
        let line = svg.split("<polyline class=\"series\" points=\"").nth(1).unwrap();
        let line = &line[..line.find('"').unwrap()];
        assert_eq!(line.split(' ').count(), 2, "{line}");
        assert_eq!(svg.matches("class=\"point future\"").count(), 1);
        assert!(svg.contains("2027-08-01: 30 (dated after today, not counted)"), "{svg}");
    }

    #[test]
    fn nothing_to_draw_without_dates_or_values() {
        let input = ChartInput {
            id: "c",
            title: "",
            description: "",
            baseline: None,
            target: None,
            start: None,
            deadline: None,
            today: date(2027, 1, 1),
            points: &[],
            labels: ["", "", "", "", ""],
        };
        assert!(chart(&input).is_none());
    }
}
