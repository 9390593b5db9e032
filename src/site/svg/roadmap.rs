//! The roadmap: tactics as bars on a timeline across the plan period, grouped under their
//! strategy, with a line for every month and one for today. This module lays them out; the
//! markup is the template `svg/roadmap.html`.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::{Frame, Label, days, number, truncate};

const W: f64 = 960.0;
const LABEL: f64 = 250.0;
const ROW: f64 = 24.0;
const AXIS: f64 = 30.0;

/// A tactic on the roadmap.
#[derive(Clone, Debug)]
pub struct Bar {
    pub title: String,
    /// Relative to the page the roadmap is on.
    pub url: String,
    pub class: String,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// A strategy and its tactics.
#[derive(Clone, Debug)]
pub struct Group {
    pub title: String,
    pub url: String,
    pub bars: Vec<Bar>,
}

/// What the roadmap shows.
pub struct RoadmapInput<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub range: (Date, Date),
    pub today: Date,
    pub groups: &'a [Group],
    pub today_label: &'a str,
}

/// The roadmap, laid out: what the template `svg/roadmap.html` draws.
#[derive(Debug, Serialize)]
pub struct Roadmap {
    pub frame: Frame,
    /// Where the vertical lines start and end.
    pub top: String,
    pub bottom: String,
    pub months: Vec<Month>,
    pub groups: Vec<Row>,
    /// The line for today, when today is in the range.
    pub today: Option<Label>,
}

/// A vertical line at the start of a month, labelled when there is room.
#[derive(Debug, PartialEq, Serialize)]
pub struct Month {
    pub x: String,
    pub label: Option<Label>,
}

/// A strategy's heading row and its tactics' rows.
#[derive(Debug, Serialize)]
pub struct Row {
    pub url: String,
    pub title: String,
    pub label: Label,
    pub bars: Vec<Span>,
}

/// A tactic's row: its label and its bar over its dates.
#[derive(Debug, Serialize)]
pub struct Span {
    pub url: String,
    /// The tooltip: the title and the dates.
    pub title: String,
    pub label: Label,
    pub class: String,
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
}

/// Where a date falls on the timeline of `range`, clamped to it.
fn x(range: (Date, Date), d: Date) -> f64 {
    let span = days(range.0, range.1).max(1.0);
    LABEL + (W - LABEL - 10.0) * (days(range.0, d) / span).clamp(0.0, 1.0)
}

/// The top of a row.
fn y(row: usize) -> f64 {
    AXIS + row as f64 * ROW
}

/// The roadmap laid out.
pub fn roadmap(input: &RoadmapInput<'_>) -> Roadmap {
    let rows: usize = input.groups.iter().map(|g| 1 + g.bars.len()).sum();
    let height = AXIS + rows.max(1) as f64 * ROW + 10.0;
    let mut row = 0;
    let groups = input
        .groups
        .iter()
        .map(|group| place_group(input.range, group, &mut row))
        .collect();
    let today = (input.range.0..=input.range.1).contains(&input.today).then(|| Label {
        x: number(x(input.range, input.today)),
        y: number(AXIS - 2.0),
        anchor: "middle",
        text: input.today_label.to_owned(),
    });
    Roadmap {
        frame: Frame::new(input.id, "roadmap", (W, height), input.title, input.description),
        top: number(AXIS),
        bottom: number(height - 6.0),
        months: months(input.range),
        groups,
        today,
    }
}

/// A line at the start of every month in the range; over a long range only every third or
/// sixth is labelled, so that the labels do not overlap.
fn months(range: (Date, Date)) -> Vec<Month> {
    let (first, last) = range;
    let mut month = first.first_of_month();
    if month < first {
        month = month.saturating_add(1.month());
    }
    let count = days(first, last) / 30.0;
    let every = if count > 36.0 {
        6
    } else if count > 18.0 {
        3
    } else {
        1
    };
    let mut out = Vec::new();
    while month <= last {
        let xm = number(x(range, month));
        let label = (out.len() % every == 0).then(|| Label {
            x: xm.clone(),
            y: "18".into(),
            anchor: "start",
            text: month.strftime("%Y-%m").to_string(),
        });
        out.push(Month { x: xm, label });
        month = month.saturating_add(1.month());
    }
    out
}

/// A strategy's rows, from `row` on (which it advances past them).
fn place_group(range: (Date, Date), group: &Group, row: &mut usize) -> Row {
    let label = Label {
        x: "4".into(),
        y: number(y(*row) + 16.0),
        anchor: "start",
        text: truncate(&group.title, 70),
    };
    *row += 1;
    let bars = group
        .bars
        .iter()
        .map(|bar| {
            *row += 1;
            place_bar(range, bar, *row - 1)
        })
        .collect();
    Row {
        url: group.url.clone(),
        title: group.title.clone(),
        label,
        bars,
    }
}

/// A tactic's bar on `row`: over its dates, the range's ends standing for a missing one, and
/// at least 3 wide so that a one-day tactic shows.
fn place_bar(range: (Date, Date), bar: &Bar, row: usize) -> Span {
    let (start, end) = (bar.start.unwrap_or(range.0), bar.end.unwrap_or(range.1));
    let (x1, x2) = (x(range, start.min(end)), x(range, end.max(start)));
    let dates = match (bar.start, bar.end) {
        (Some(s), Some(e)) => format!(" ({s} – {e})"),
        (Some(s), None) => format!(" ({s} –)"),
        (None, Some(e)) => format!(" (– {e})"),
        (None, None) => String::new(),
    };
    let undated = if bar.start.is_none() && bar.end.is_none() {
        " undated"
    } else {
        ""
    };
    Span {
        url: bar.url.clone(),
        title: format!("{}{dates}", bar.title),
        label: Label {
            x: "14".into(),
            y: number(y(row) + 16.0),
            anchor: "start",
            text: truncate(&bar.title, 34),
        },
        class: format!("{}{undated}", bar.class),
        x: number(x1),
        y: number(y(row) + 5.0),
        width: number((x2 - x1).max(3.0)),
        height: number(ROW - 10.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn bars_are_links_placed_on_the_period() {
        let groups = [Group {
            title: "Employees".into(),
            url: "strategies/e.html".into(),
            bars: vec![
                Bar {
                    title: "Digest".into(),
                    url: "tactics/d.html".into(),
                    class: "active".into(),
                    start: Some(date(2027, 2, 1)),
                    end: Some(date(2027, 6, 30)),
                },
                Bar {
                    title: "Undated".into(),
                    url: "tactics/u.html".into(),
                    class: "planned".into(),
                    start: None,
                    end: None,
                },
            ],
        }];
        let roadmap = roadmap(&RoadmapInput {
            id: "r",
            title: "Roadmap",
            description: "",
            range: (date(2027, 1, 1), date(2027, 12, 31)),
            today: date(2027, 5, 20),
            groups: &groups,
            today_label: "Today",
        });
        let rows: Vec<&str> = roadmap.groups[0].bars.iter().map(|b| b.y.as_str()).collect();
        assert_eq!(rows, ["59", "83"], "each bar on its own row, under the group's");
        let svg = crate::site::svg::render_for_test("svg/roadmap.html", "roadmap", &roadmap);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert_eq!(svg.matches("<a href=").count(), 3);
        assert_eq!(svg.matches("class=\"grid\"").count(), 12, "one line per month");
        assert!(svg.contains("undated") && svg.contains("class=\"today\""));
    }

    #[test]
    fn a_bar_spans_its_dates_and_a_missing_date_is_the_range_end() {
        let range = (date(2027, 1, 1), date(2027, 12, 31));
        let bar = |start, end| Bar {
            title: "T".into(),
            url: "t.html".into(),
            class: "active".into(),
            start,
            end,
        };
        // 700 px for 364 days.
        let half = place_bar(range, &bar(Some(date(2027, 1, 1)), Some(date(2027, 7, 2))), 0);
        assert_eq!((half.x.as_str(), half.width.as_str()), ("250", "350"));
        assert_eq!(half.title, "T (2027-01-01 – 2027-07-02)");
        let open = place_bar(range, &bar(Some(date(2027, 7, 2)), None), 0);
        assert_eq!((open.x.as_str(), open.width.as_str()), ("600", "350"));
        let one_day = place_bar(range, &bar(Some(date(2027, 3, 1)), Some(date(2027, 3, 1))), 0);
        assert_eq!(one_day.width, "3");
        let inverted = place_bar(range, &bar(Some(date(2027, 7, 2)), Some(date(2027, 1, 1))), 0);
        assert_eq!((inverted.x.as_str(), inverted.width.as_str()), ("250", "350"));
        let before = place_bar(range, &bar(Some(date(2026, 1, 1)), Some(date(2026, 6, 1))), 0);
        assert_eq!(
            (before.x.as_str(), before.width.as_str()),
            ("250", "3"),
            "clamped to the range"
        );
        assert_eq!(place_bar(range, &bar(None, None), 0).class, "active undated");
    }

    #[test]
    fn month_labels_thin_out_over_a_long_range() {
        let labelled = |last| {
            let months = months((date(2027, 1, 15), last));
            let labels: Vec<String> = months
                .iter()
                .filter_map(|m| m.label.as_ref())
                .map(|l| l.text.clone())
                .collect();
            (months.len(), labels)
        };
        let (lines, labels) = labelled(date(2027, 4, 1));
        assert_eq!(
            (lines, labels),
            (3, vec!["2027-02".into(), "2027-03".into(), "2027-04".into()])
        );
        let (lines, labels) = labelled(date(2029, 1, 14));
        assert_eq!((lines, labels.len()), (24, 8), "every third of 24 months: {labels:?}");
        assert_eq!(labels[1], "2027-05");
        let (lines, labels) = labelled(date(2031, 1, 14));
        assert_eq!((lines, labels.len()), (48, 8), "every sixth of 48 months");
    }
}
