//! The progress chart of a goal: its measurements as a line over time, with the baseline and
//! target as horizontal lines, the deadline (and today) as vertical ones. This module computes
//! where everything goes; the markup is the template `svg/chart.html`.

use jiff::civil::Date;
use serde::Serialize;

use super::{Frame, Label, days, number};
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

/// The chart, laid out: what the template `svg/chart.html` draws.
#[derive(Debug, Serialize)]
pub struct Chart {
    pub frame: Frame,
    /// The plot area: the axes are its left and bottom edges.
    pub plot: Plot,
    /// The first and last dates, under the time axis.
    pub range: [Label; 2],
    /// Baseline and target, as horizontal lines.
    pub levels: Vec<Level>,
    /// Deadline and today, as vertical lines.
    pub markers: Vec<Marker>,
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
}

/// A horizontal line at a value, with the value on the axis and a label above the line.
#[derive(Debug, Serialize)]
pub struct Level {
    pub class: &'static str,
    pub y: String,
    pub value: Label,
    pub label: Label,
}

/// A vertical line at a date, labelled above the plot.
#[derive(Debug, Serialize)]
pub struct Marker {
    pub class: &'static str,
    pub x: String,
    pub label: Label,
}

/// A measurement; one dated after today is drawn hollow, off the line.
#[derive(Debug, Serialize)]
pub struct Dot {
    pub future: bool,
    pub cx: String,
    pub cy: String,
    /// The tooltip: date, value, note and, for a future one, why it is not counted.
    pub title: String,
}

/// The dates and values the plot area spans, and where a date or value falls in it.
#[derive(Clone, Copy, Debug)]
struct Scale {
    first: Date,
    last: Date,
    low: f64,
    high: f64,
}

impl Scale {
    /// The scale fitting the input's dates and values, or `None` when there are no dates or
    /// no values. A single date gets a month around it; values get some room above and below,
    /// and the value axis starts at zero when that costs less than half the height.
    fn fit(input: &ChartInput<'_>) -> Option<Scale> {
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
            .chain(input.target);
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
        Some(Scale { first, last, low, high })
    }

    fn x(&self, d: Date) -> f64 {
        LEFT + (W - LEFT - RIGHT) * days(self.first, d) / days(self.first, self.last).max(1.0)
    }

    fn y(&self, v: f64) -> f64 {
        TOP + (H - TOP - BOTTOM) * (1.0 - (v - self.low) / (self.high - self.low))
    }
}

/// The chart laid out, or `None` when there is nothing to draw on a time axis.
pub fn chart(input: &ChartInput<'_>) -> Option<Chart> {
    let scale = Scale::fit(input)?;
    let tick = |x: f64, anchor, text: String| Label {
        x: number(x),
        y: number(H - 12.0),
        anchor,
        text,
    };
    let frame = Frame::new(input.id, "chart", (W, H), input.title, input.description);
    Some(Chart {
        frame,
        plot: Plot {
            left: number(LEFT),
            right: number(W - RIGHT),
            top: number(TOP),
            bottom: number(H - BOTTOM),
        },
        range: [
            tick(LEFT, "start", scale.first.to_string()),
            tick(W - RIGHT, "end", scale.last.to_string()),
        ],
        levels: levels(input, &scale),
        markers: markers(input, &scale),
        series: series(input, &scale),
        points: dots(input, &scale),
    })
}

/// The baseline and target lines, with their values on the axis.
fn levels(input: &ChartInput<'_>, scale: &Scale) -> Vec<Level> {
    let [baseline, target, ..] = input.labels;
    [(input.baseline, "baseline", baseline), (input.target, "target", target)]
        .into_iter()
        .filter_map(|(value, class, label)| {
            let (v, y) = (value?, scale.y(value?));
            Some(Level {
                class,
                y: number(y),
                value: Label {
                    x: number(LEFT - 6.0),
                    y: number(y + 4.0),
                    anchor: "end",
                    text: number(v),
                },
                label: Label {
                    x: number(LEFT + 6.0),
                    y: number(y - 5.0),
                    anchor: "start",
                    text: label.to_owned(),
                },
            })
        })
        .collect()
}

/// The deadline and today lines, for those within the time axis.
fn markers(input: &ChartInput<'_>, scale: &Scale) -> Vec<Marker> {
    let [_, _, deadline, today, _] = input.labels;
    [
        (input.deadline, "deadline", deadline),
        (Some(input.today), "today", today),
    ]
    .into_iter()
    .filter_map(|(date, class, label)| {
        let d = date.filter(|d| (scale.first..=scale.last).contains(d))?;
        let x = scale.x(d);
        Some(Marker {
            class,
            x: number(x),
            label: Label {
                x: number(x),
                y: number(TOP - 4.0),
                anchor: anchor(x),
                text: label.to_owned(),
            },
        })
    })
    .collect()
}

/// How a label at `x` above the plot is anchored: inwards near an edge, so that it is not cut
/// off.
fn anchor(x: f64) -> &'static str {
    if x > W - RIGHT - 40.0 {
        "end"
    } else if x < LEFT + 40.0 {
        "start"
    } else {
        "middle"
    }
}

/// The line through the measurements dated up to today: a measurement dated after today is
/// not progress.
fn series(input: &ChartInput<'_>, scale: &Scale) -> Option<String> {
    if input.points.is_empty() {
        return None;
    }
    let pairs: Vec<String> = input
        .points
        .iter()
        .filter(|p| !p.is_after(input.today))
        .map(|p| format!("{},{}", number(scale.x(p.date)), number(scale.y(p.value))))
        .collect();
    Some(pairs.join(" "))
}

fn dots(input: &ChartInput<'_>, scale: &Scale) -> Vec<Dot> {
    input
        .points
        .iter()
        .map(|p| {
            let future = p.is_after(input.today);
            let mut title = format!("{}: {}", p.date, number(p.value));
            if let Some(note) = &p.note {
                title.push_str(&format!(" — {note}"));
            }
            if future {
                title.push_str(&format!(" ({})", input.labels[4]));
            }
            Dot {
                future,
                cx: number(scale.x(p.date)),
                cy: number(scale.y(p.value)),
                title,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::svg::render_for_test;
    use jiff::civil::date;

    const LABELS: [&str; 5] = [
        "Baseline",
        "Target",
        "Deadline",
        "Today",
        "dated after today, not counted",
    ];

    fn point(m: i8, value: f64) -> Point {
        Point {
            date: date(2027, m, 1),
            value,
            note: None,
            evaluation: 0,
        }
    }

    fn input<'a>(title: &'a str, points: &'a [Point]) -> ChartInput<'a> {
        ChartInput {
            id: "c",
            title,
            description: "d",
            baseline: Some(18.0),
            target: Some(45.0),
            start: Some(date(2027, 1, 1)),
            deadline: Some(date(2027, 9, 30)),
            today: date(2027, 5, 20),
            points,
            labels: LABELS,
        }
    }

    fn svg(input: &ChartInput<'_>) -> String {
        render_for_test("svg/chart.html", "chart", &chart(input).unwrap())
    }

    #[test]
    fn draws_points_lines_and_labels() {
        let points = [Point {
            note: Some("a & b".into()),
            ..point(1, 21.0)
        }];
        let svg = svg(&input("Leads", &points));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
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
    fn a_title_is_escaped_by_the_template() {
        let points = [Point {
            note: Some("<b>\"q\"</b>".into()),
            ..point(2, 21.0)
        }];
        let svg = svg(&input("Leads < 5 & \"more\"", &points));
        assert!(
            svg.contains("<title id=\"c-title\">Leads &lt; 5 &amp; &quot;more&quot;</title>"),
            "{svg}"
        );
        assert!(
            svg.contains("2027-02-01: 21 — &lt;b&gt;&quot;q&quot;&lt;/b&gt;</title>"),
            "{svg}"
        );
        assert!(!svg.contains("<b>"), "{svg}");
    }

    #[test]
    fn the_scale_fits_dates_and_values_with_room() {
        let points = [point(3, 30.0)];
        let scale = Scale::fit(&input("", &points)).unwrap();
        assert_eq!((scale.first, scale.last), (date(2027, 1, 1), date(2027, 9, 30)));
        // 18..45 padded by 12 % of 27 on each side; the axis then starts at zero, which costs
        // less than half of the height.
        assert_eq!(scale.low, 0.0);
        assert!((scale.high - (45.0 + 3.24)).abs() < 1e-9, "{}", scale.high);
        assert_eq!(scale.x(date(2027, 1, 1)), LEFT);
        assert_eq!(scale.x(date(2027, 9, 30)), W - RIGHT);
        assert_eq!(scale.y(scale.low), H - BOTTOM);
        assert_eq!(scale.y(scale.high), TOP);
    }

    #[test]
    fn a_single_date_gets_a_month_and_close_values_do_not_start_at_zero() {
        let points = [point(3, 10.0)];
        let one = ChartInput {
            start: None,
            deadline: None,
            baseline: Some(8.0),
            target: None,
            ..input("", &points)
        };
        let scale = Scale::fit(&one).unwrap();
        assert_eq!((scale.first, scale.last), (date(2027, 2, 14), date(2027, 3, 16)));
        // 8..10 padded by 5 % of 10: starting at zero would leave the values a sliver.
        assert_eq!((scale.low, scale.high), (7.5, 10.5));
        let x = scale.x(date(2027, 3, 1));
        assert_eq!(number(x), "338", "the date in the middle of the axis");
    }

    #[test]
    fn labels_near_an_edge_are_anchored_inwards() {
        assert_eq!(anchor(LEFT), "start");
        assert_eq!(anchor(W / 2.0), "middle");
        assert_eq!(anchor(W - RIGHT), "end");
        let points = [point(3, 30.0)];
        let late = ChartInput {
            today: date(2027, 9, 29),
            ..input("", &points)
        };
        let markers = markers(&late, &Scale::fit(&late).unwrap());
        let anchors: Vec<_> = markers.iter().map(|m| (m.class, m.label.anchor)).collect();
        assert_eq!(anchors, [("deadline", "end"), ("today", "end")]);
    }

    #[test]
    fn a_point_dated_after_today_is_hollow_and_off_the_line() {
        let points = [point(2, 10.0), point(3, 12.0), point(8, 30.0)];
        let svg = svg(&input("Leads", &points));
        let line = svg.split("<polyline class=\"series\" points=\"").nth(1).unwrap();
        let line = &line[..line.find('"').unwrap()];
        assert_eq!(line.split(' ').count(), 2, "{line}");
        assert_eq!(svg.matches("class=\"point future\"").count(), 1);
        assert!(svg.contains("2027-08-01: 30 (dated after today, not counted)"), "{svg}");
    }

    #[test]
    fn nothing_to_draw_without_dates_or_values() {
        let empty = ChartInput {
            baseline: None,
            target: None,
            start: None,
            deadline: None,
            ..input("", &[])
        };
        assert!(chart(&empty).is_none());
        let no_values = ChartInput {
            baseline: None,
            target: None,
            ..input("", &[])
        };
        assert!(chart(&no_values).is_none());
    }
}
