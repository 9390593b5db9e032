//! A goal card's sparkline: the measurements up to today as a small line, beside the pace line
//! from the baseline at the start to the target at the deadline, and the target as a level. It
//! repeats what the card says in numbers, so it is hidden from screen readers; the markup is
//! the template `svg/sparkline.html`.

use jiff::civil::Date;
use serde::Serialize;

use super::{days, number};
use crate::plan::graph::Point;

const W: f64 = 240.0;
const H: f64 = 40.0;
const PAD: f64 = 3.0;

/// What a sparkline shows.
pub struct SparkInput<'a> {
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// Where the pace line starts: the goal's start, else the plan period's.
    pub start: Option<Date>,
    pub deadline: Option<Date>,
    pub today: Date,
    /// The measurements, by date.
    pub points: &'a [Point],
}

/// The sparkline, laid out.
#[derive(Debug, Serialize)]
pub struct Sparkline {
    /// The measurements up to today (`x,y` pairs).
    pub series: String,
    /// The pace line (`x1,y1,x2,y2`), when start, deadline, baseline and target are known.
    pub pace: Option<[String; 4]>,
    /// The target's height.
    pub target: Option<String>,
    /// The latest measurement counted.
    pub last: [String; 2],
}

/// The sparkline, or `None` without a measurement up to today.
pub fn sparkline(input: &SparkInput<'_>) -> Option<Sparkline> {
    let counted: Vec<&Point> = input.points.iter().filter(|p| !p.is_after(input.today)).collect();
    let last = *counted.last()?;
    let first_date = counted[0].date.min(input.start.unwrap_or(counted[0].date));
    let last_date = last.date.max(input.deadline.unwrap_or(last.date));
    let values = counted
        .iter()
        .map(|p| p.value)
        .chain(input.baseline)
        .chain(input.target);
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = days(first_date, last_date).max(1.0);
    let x = |d: Date| PAD + (W - 2.0 * PAD) * days(first_date, d) / span;
    let y = |v: f64| {
        let share = if high > low { (v - low) / (high - low) } else { 0.5 };
        H - PAD - (H - 2.0 * PAD) * share
    };
    let series = counted
        .iter()
        .map(|p| format!("{},{}", number(x(p.date)), number(y(p.value))))
        .collect::<Vec<_>>()
        .join(" ");
    let pace = match (input.start, input.deadline, input.baseline, input.target) {
        (Some(s), Some(d), Some(b), Some(t)) if d > s => Some([x(s), y(b), x(d), y(t)].map(number)),
        _ => None,
    };
    Some(Sparkline {
        series,
        pace,
        target: input.target.map(|t| number(y(t))),
        last: [number(x(last.date)), number(y(last.value))],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn point(m: i8, value: f64) -> Point {
        Point {
            date: date(2027, m, 1),
            value,
            note: None,
            confidence: None,
            evaluation: 0,
        }
    }

    #[test]
    fn spans_the_goal_from_start_to_deadline_within_the_box() {
        let points = [point(2, 20.0), point(4, 30.0), point(8, 50.0)];
        let input = SparkInput {
            baseline: Some(18.0),
            target: Some(45.0),
            start: Some(date(2027, 1, 1)),
            deadline: Some(date(2027, 12, 31)),
            today: date(2027, 5, 20),
            points: &points,
        };
        let spark = sparkline(&input).unwrap();
        assert_eq!(spark.series.split(' ').count(), 2, "the point after today is left out");
        assert_eq!(spark.pace.as_ref().unwrap()[0], "3", "the pace starts at the left edge");
        assert_eq!(spark.pace.as_ref().unwrap()[2], "237", "and ends at the right one");
        assert_eq!(spark.pace.unwrap()[3], "3", "at the target, the highest value");
        assert_eq!(spark.last[1], spark.series.split(',').next_back().unwrap());
    }

    #[test]
    fn nothing_without_a_counted_measurement() {
        let input = SparkInput {
            baseline: Some(1.0),
            target: Some(2.0),
            start: None,
            deadline: None,
            today: date(2027, 1, 1),
            points: &[point(3, 1.5)],
        };
        assert!(sparkline(&input).is_none());
        let one = SparkInput {
            today: date(2027, 3, 2),
            ..input
        };
        let spark = sparkline(&one).unwrap();
        assert!(spark.pace.is_none() && spark.series.split(' ').count() == 1);
    }
}
