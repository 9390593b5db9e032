//! The roadmap: tactics as bars on a timeline across the plan period, grouped under their
//! strategy, with a line for every month and one for today.

use std::fmt::Write as _;

use jiff::ToSpan;
use jiff::civil::Date;

use super::{days, esc, number, open, truncate};

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

pub struct RoadmapInput<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub range: (Date, Date),
    pub today: Date,
    pub groups: &'a [Group],
    pub today_label: &'a str,
}

pub fn roadmap(input: &RoadmapInput<'_>) -> String {
    let (first, last) = input.range;
    let rows: usize = input.groups.iter().map(|g| 1 + g.bars.len()).sum();
    let height = AXIS + rows.max(1) as f64 * ROW + 10.0;
    let span = days(first, last).max(1.0);
    let x = |d: Date| LABEL + (W - LABEL - 10.0) * (days(first, d) / span).clamp(0.0, 1.0);
    let mut out = String::with_capacity(rows * 300 + 1024);
    open(&mut out, input.id, W, height, input.title, input.description, "roadmap");
    // A line and a label at the start of every month in the range.
    let mut month = first.first_of_month();
    if month < first {
        month = month.saturating_add(1.month());
    }
    let months = days(first, last) / 30.0;
    let every = if months > 36.0 {
        6
    } else if months > 18.0 {
        3
    } else {
        1
    };
    let mut n = 0;
    while month <= last {
        let xm = number(x(month));
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{xm}\" y1=\"{AXIS}\" x2=\"{xm}\" y2=\"{}\"/>",
            number(height - 6.0)
        );
        if n % every == 0 {
            let _ = write!(
                out,
                "<text class=\"tick\" x=\"{xm}\" y=\"18\">{}</text>",
                month.strftime("%Y-%m")
            );
        }
        n += 1;
        month = month.saturating_add(1.month());
    }
    let mut row = 0usize;
    let y = |row: usize| AXIS + row as f64 * ROW;
    for group in input.groups {
        let _ = write!(
            out,
            "<a href=\"{}\"><title>{}</title><text class=\"group\" x=\"4\" y=\"{}\">{}</text></a>",
            esc(&group.url),
            esc(&group.title),
            number(y(row) + 16.0),
            esc(&truncate(&group.title, 70)),
        );
        row += 1;
        for bar in &group.bars {
            let (start, end) = (bar.start.unwrap_or(first), bar.end.unwrap_or(last));
            let (x1, x2) = (x(start.min(end)), x(end.max(start)));
            let undated = if bar.start.is_none() && bar.end.is_none() {
                " undated"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<a href=\"{}\"><title>{}{}</title><text class=\"bar-label\" x=\"14\" y=\"{}\">{}</text>\
                 <rect class=\"bar {}{undated}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/></a>",
                esc(&bar.url),
                esc(&bar.title),
                match (bar.start, bar.end) {
                    (Some(s), Some(e)) => format!(" ({s} – {e})"),
                    (Some(s), None) => format!(" ({s} –)"),
                    (None, Some(e)) => format!(" (– {e})"),
                    (None, None) => String::new(),
                },
                number(y(row) + 16.0),
                esc(&truncate(&bar.title, 34)),
                esc(&bar.class),
                number(x1),
                number(y(row) + 5.0),
                number((x2 - x1).max(3.0)),
                number(ROW - 10.0),
            );
            row += 1;
        }
    }
    if (first..=last).contains(&input.today) {
        let xt = number(x(input.today));
        let _ = write!(
            out,
            "<line class=\"today\" x1=\"{xt}\" y1=\"{AXIS}\" x2=\"{xt}\" y2=\"{}\"/><text class=\"label today-label\" x=\"{xt}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            number(height - 6.0),
            number(AXIS - 2.0),
            esc(input.today_label)
        );
    }
    out.push_str("</svg>");
    out
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
        let svg = roadmap(&RoadmapInput {
            id: "r",
            title: "Roadmap",
            description: "",
            range: (date(2027, 1, 1), date(2027, 12, 31)),
            today: date(2027, 5, 20),
            groups: &groups,
            today_label: "Today",
        });
        assert_eq!(svg.matches("<a href=").count(), 3);
        assert_eq!(svg.matches("class=\"grid\"").count(), 12, "one line per month");
        assert!(svg.contains("undated") && svg.contains("class=\"today\""));
    }
}
