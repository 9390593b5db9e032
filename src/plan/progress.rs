//! How far a goal has come: its latest measurement against baseline and target, the share of the
//! way travelled against the share of the time elapsed, and the status that follows — on track,
//! at risk, achieved or overdue (or missed, dropped, unknown when the goal says so or lacks numbers)
//! — with the reason for it ([`Reason`]).
//!
//! The pace is a straight line from the baseline, at the goal's `start` (else the plan period's
//! start), to the target, at its deadline: the value expected today lies on it.

use jiff::civil::Date;

use super::graph::Point;
use super::{Direction, Goal, GoalStatus};

/// How much progress may lag behind elapsed time before a goal is at risk.
pub const TOLERANCE: f64 = 0.10;
/// A `maintain` goal holds while it stays within this share of its target.
pub const MAINTAIN_BAND: f64 = 0.05;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    OnTrack,
    AtRisk,
    Achieved,
    Overdue,
    Missed,
    Dropped,
    /// Baseline or target missing: progress cannot be judged.
    Unknown,
}

impl Status {
    /// Every status, the most urgent first: what needs the team now (overdue, at risk, not
    /// measurable) before what runs (on track) and what is over (achieved, missed, dropped).
    pub const BY_URGENCY: [Status; 7] = [
        Status::Overdue,
        Status::AtRisk,
        Status::Unknown,
        Status::OnTrack,
        Status::Achieved,
        Status::Missed,
        Status::Dropped,
    ];

    /// Where the status comes in [`Status::BY_URGENCY`].
    pub fn urgency(self) -> usize {
        Status::BY_URGENCY.iter().position(|&s| s == self).unwrap_or(usize::MAX)
    }

    /// A stable key, used for CSS classes and UI string lookups.
    pub fn key(self) -> &'static str {
        match self {
            Status::OnTrack => "on_track",
            Status::AtRisk => "at_risk",
            Status::Achieved => "achieved",
            Status::Overdue => "overdue",
            Status::Missed => "missed",
            Status::Dropped => "dropped",
            Status::Unknown => "unknown",
        }
    }
}

/// A goal's progress as of a date.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub status: Status,
    /// The latest measurement on or before today, if any.
    pub latest: Option<Point>,
    /// Share of the way from baseline to target (may be below 0 or above 1).
    pub fraction: Option<f64>,
    /// Share of the time from start to deadline that has elapsed, in 0..=1.
    pub elapsed: Option<f64>,
    /// The dates of measurements after today: not counted, and shown as such.
    pub future: Vec<Date>,
    /// Where the pace line starts: the goal's `start`, else the plan period's.
    pub start: Option<Date>,
    /// The value the pace line has reached today, when baseline, target and deadline are known.
    pub expected: Option<f64>,
    /// Why the status is what it is.
    pub reason: Reason,
}

/// Why a goal has its status: what a reader needs to trust the badge.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reason {
    /// Shares of the way from baseline to target: expected by today on the pace line, and
    /// actually travelled by the latest measurement.
    Pace { expected: f64, actual: f64 },
    /// A running goal with no measurement yet, and the share of its time elapsed.
    NotMeasured { elapsed: Option<f64> },
    /// A `maintain` goal: whether its latest value is within [`MAINTAIN_BAND`] of the target.
    Holding { within: bool },
    /// Past the deadline without reaching the target, by this many days.
    Overdue { days: i64 },
    /// Reached: the date of the first measurement that reached the target.
    Reached { on: Date },
    /// The goal's `status` field says so.
    Declared,
    /// No baseline or target (or the same for both): progress cannot be judged.
    NoNumbers,
}

impl Progress {
    /// The fraction clamped to 0..=1, for a progress bar.
    pub fn bar(&self) -> f64 {
        self.fraction.unwrap_or(0.0).clamp(0.0, 1.0)
    }
}

/// Judges `goal` from its measurements (sorted by date) as of `today`. `fallback_start` (the
/// plan period's start) stands in for a goal without `start`.
pub fn assess(goal: &Goal, measurements: &[Point], today: Date, fallback_start: Option<Date>) -> Progress {
    let latest = measurements.iter().rev().find(|p| !p.is_after(today)).cloned();
    let future: Vec<Date> = measurements
        .iter()
        .filter(|p| p.is_after(today))
        .map(|p| p.date)
        .collect();
    let start = goal.start.as_ref().map(|s| s.value).or(fallback_start);
    let deadline = goal.deadline.as_ref().map(|d| d.value);
    let elapsed = elapsed_share(start, deadline, today);
    let declared = declared_status(goal.status());
    let (Some(baseline), Some(target)) = (
        goal.baseline.as_ref().map(|b| b.value),
        goal.target.as_ref().map(|t| t.value),
    ) else {
        return Progress {
            status: declared.unwrap_or(Status::Unknown),
            latest,
            fraction: None,
            elapsed,
            future,
            start,
            expected: None,
            reason: if declared.is_some() {
                Reason::Declared
            } else {
                Reason::NoNumbers
            },
        };
    };
    let current = latest.as_ref().map_or(baseline, |p| p.value);
    let direction = goal.direction().unwrap_or(Direction::Increase);
    let (fraction, reached) = travelled(direction, baseline, target, current, latest.is_some());
    let past_deadline = deadline.is_some_and(|d| today > d);
    let holding = direction == Direction::Maintain && fraction == Some(1.0);
    let (status, reason) = if let Some(declared) = declared {
        (declared, Reason::Declared)
    } else if reached {
        // `reached` needs a latest measurement, which is the last candidate.
        let on = first_reaching(measurements, today, target, direction).or(latest.as_ref().map(|p| p.date));
        (
            Status::Achieved,
            Reason::Reached {
                on: on.unwrap_or(today),
            },
        )
    } else if direction == Direction::Maintain && past_deadline && holding {
        (Status::Achieved, Reason::Holding { within: true })
    } else if let (true, Some(deadline)) = (past_deadline, deadline) {
        (
            Status::Overdue,
            Reason::Overdue {
                days: (today - deadline).get_days().into(),
            },
        )
    } else {
        running(direction, fraction, elapsed, latest.is_some())
    };
    let expected = match direction {
        Direction::Maintain => Some(target),
        _ => elapsed
            .filter(|_| deadline.is_some())
            .map(|e| baseline + (target - baseline) * e),
    };
    Progress {
        status,
        latest,
        fraction,
        elapsed,
        future,
        start,
        expected,
        reason,
    }
}

/// The share of the way from `baseline` to `target` that `current` stands at (for a `maintain`
/// goal, 1 when it holds and 0 when not), and whether a measured value reached the target.
fn travelled(direction: Direction, baseline: f64, target: f64, current: f64, measured: bool) -> (Option<f64>, bool) {
    match direction {
        Direction::Maintain => {
            let band = (target.abs() * MAINTAIN_BAND).max(f64::EPSILON);
            let holding = (current - target).abs() <= band;
            (Some(if holding { 1.0 } else { 0.0 }), false)
        }
        _ if target == baseline => (None, false),
        Direction::Increase | Direction::Decrease => {
            let reached = if direction == Direction::Increase {
                current >= target
            } else {
                current <= target
            };
            (
                // Finite inputs can still overflow (a target a hair from its baseline).
                Some((current - baseline) / (target - baseline)).filter(|f| f.is_finite()),
                reached && measured,
            )
        }
    }
}

/// The status and reason of a goal still running, not yet reached.
fn running(direction: Direction, fraction: Option<f64>, elapsed: Option<f64>, measured: bool) -> (Status, Reason) {
    let reason = match (direction, fraction, elapsed, measured) {
        (Direction::Maintain, _, _, true) => Reason::Holding {
            within: fraction == Some(1.0),
        },
        (_, _, _, false) => Reason::NotMeasured { elapsed },
        (_, Some(actual), Some(expected), true) => Reason::Pace { expected, actual },
        _ => Reason::NoNumbers,
    };
    (pace(fraction, elapsed, measured), reason)
}

/// The date of the first measurement up to `today` that reached `target`.
fn first_reaching(measurements: &[Point], today: Date, target: f64, direction: Direction) -> Option<Date> {
    measurements
        .iter()
        .filter(|p| !p.is_after(today))
        .find(|p| match direction {
            Direction::Increase => p.value >= target,
            Direction::Decrease => p.value <= target,
            Direction::Maintain => false,
        })
        .map(|p| p.date)
}

/// Share of the time from `start` to `deadline` elapsed by `today`, in 0..=1.
fn elapsed_share(start: Option<Date>, deadline: Option<Date>, today: Date) -> Option<f64> {
    match (start, deadline) {
        (Some(start), Some(deadline)) if deadline > start => {
            let total = (deadline - start).get_days() as f64;
            let spent = (today.min(deadline) - start).get_days() as f64;
            Some((spent / total).clamp(0.0, 1.0))
        }
        (_, Some(deadline)) => Some(if today >= deadline { 1.0 } else { 0.0 }),
        _ => None,
    }
}

/// The status a goal declares for itself, which wins over its numbers.
fn declared_status(status: GoalStatus) -> Option<Status> {
    match status {
        GoalStatus::Achieved => Some(Status::Achieved),
        GoalStatus::Missed => Some(Status::Missed),
        GoalStatus::Dropped => Some(Status::Dropped),
        GoalStatus::Active => None,
    }
}

/// On track or at risk, for a running goal not yet reached. Without a measurement there is
/// nothing to be behind with, until the silence itself becomes the risk.
fn pace(fraction: Option<f64>, elapsed: Option<f64>, measured: bool) -> Status {
    let behind = match (fraction, elapsed, measured) {
        (None, _, _) => true,
        (Some(_), _, false) => false,
        (Some(f), Some(e), true) => f < e - TOLERANCE,
        (Some(f), None, true) => f < 0.0,
    };
    let unmeasured_too_long = !measured && elapsed.is_some_and(|e| e > 0.25);
    if behind || unmeasured_too_long {
        Status::AtRisk
    } else {
        Status::OnTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Spanned;
    use jiff::civil::date;

    fn goal(baseline: f64, target: f64, start: Date, deadline: Date) -> Goal {
        Goal {
            baseline: Some(Spanned::new(baseline, 0..0)),
            target: Some(Spanned::new(target, 0..0)),
            start: Some(Spanned::new(start, 0..0)),
            deadline: Some(Spanned::new(deadline, 0..0)),
            ..Goal::default()
        }
    }

    fn point(d: Date, value: f64) -> Point {
        Point {
            date: d,
            value,
            note: None,
            confidence: None,
            evaluation: 0,
        }
    }

    #[test]
    fn on_track_when_progress_keeps_up_with_time() {
        let g = goal(40.0, 120.0, date(2027, 1, 1), date(2027, 12, 31));
        let p = assess(&g, &[point(date(2027, 6, 30), 85.0)], date(2027, 7, 1), None);
        assert_eq!(p.status, Status::OnTrack);
        assert!((p.fraction.unwrap() - 0.5625).abs() < 1e-9);
    }

    #[test]
    fn at_risk_when_progress_lags_time() {
        let g = goal(40.0, 120.0, date(2027, 1, 1), date(2027, 12, 31));
        let p = assess(&g, &[point(date(2027, 9, 30), 50.0)], date(2027, 10, 1), None);
        assert_eq!(p.status, Status::AtRisk);
    }

    #[test]
    fn decreasing_goals_progress_downwards() {
        let g = goal(9.0, 2.0, date(2027, 1, 1), date(2027, 6, 30));
        let p = assess(&g, &[point(date(2027, 4, 30), 3.1)], date(2027, 5, 20), None);
        assert_eq!(p.status, Status::OnTrack);
        let done = assess(&g, &[point(date(2027, 5, 15), 1.8)], date(2027, 5, 20), None);
        assert_eq!(done.status, Status::Achieved);
    }

    #[test]
    fn overdue_after_the_deadline_unless_reached_or_marked() {
        let g = goal(40.0, 120.0, date(2027, 1, 1), date(2027, 6, 30));
        assert_eq!(
            assess(&g, &[point(date(2027, 6, 1), 90.0)], date(2027, 7, 2), None).status,
            Status::Overdue
        );
        let mut marked = g.clone();
        marked.status = Some(Spanned::new(GoalStatus::Missed, 0..0));
        assert_eq!(assess(&marked, &[], date(2027, 7, 2), None).status, Status::Missed);
    }

    #[test]
    fn ignores_measurements_after_today_and_flags_long_silence() {
        let g = goal(40.0, 120.0, date(2027, 1, 1), date(2027, 12, 31));
        let p = assess(&g, &[point(date(2027, 8, 1), 130.0)], date(2027, 5, 1), None);
        assert_eq!((p.latest, p.status), (None, Status::AtRisk));
        assert_eq!(p.future, [date(2027, 8, 1)]);
    }

    #[test]
    fn on_track_early_on_before_any_measurement() {
        let g = goal(40.0, 120.0, date(2027, 1, 1), date(2027, 6, 30));
        assert_eq!(assess(&g, &[], date(2027, 1, 20), None).status, Status::OnTrack);
    }

    #[test]
    fn unknown_without_numbers() {
        let g = Goal::default();
        let p = assess(&g, &[], date(2027, 5, 1), None);
        assert_eq!((p.status, p.reason), (Status::Unknown, Reason::NoNumbers));
    }

    #[test]
    fn the_pace_line_runs_from_baseline_at_the_start_to_target_at_the_deadline() {
        // 2027-01-01 to 2027-12-31 is 364 days; 2027-07-02 is day 182, half of them.
        let g = goal(40.0, 120.0, date(2027, 1, 1), date(2027, 12, 31));
        let p = assess(&g, &[point(date(2027, 6, 30), 60.0)], date(2027, 7, 2), None);
        assert_eq!(p.expected, Some(80.0));
        assert_eq!(p.status, Status::AtRisk);
        assert_eq!(
            p.reason,
            Reason::Pace {
                expected: 0.5,
                actual: 0.25
            }
        );
        // Without its own start, the goal's line starts at the plan period's.
        let mut open = g.clone();
        open.start = None;
        let p = assess(&open, &[], date(2027, 7, 2), Some(date(2027, 1, 1)));
        assert_eq!(p.expected, Some(80.0));
        assert_eq!(p.reason, Reason::NotMeasured { elapsed: Some(0.5) });
    }

    #[test]
    fn each_status_says_why() {
        let g = goal(40.0, 120.0, date(2027, 1, 1), date(2027, 6, 30));
        let reached = [
            point(date(2027, 3, 31), 100.0),
            point(date(2027, 4, 30), 125.0),
            point(date(2027, 5, 31), 130.0),
        ];
        let p = assess(&g, &reached, date(2027, 7, 12), None);
        assert_eq!(
            (p.status, p.reason),
            (Status::Achieved, Reason::Reached { on: date(2027, 4, 30) })
        );
        let short = [point(date(2027, 6, 1), 90.0)];
        let p = assess(&g, &short, date(2027, 7, 12), None);
        assert_eq!((p.status, p.reason), (Status::Overdue, Reason::Overdue { days: 12 }));
        let mut dropped = g.clone();
        dropped.status = Some(Spanned::new(GoalStatus::Dropped, 0..0));
        let p = assess(&dropped, &short, date(2027, 7, 12), None);
        assert_eq!((p.status, p.reason), (Status::Dropped, Reason::Declared));
        let mut kept = goal(50.0, 50.0, date(2027, 1, 1), date(2027, 6, 30));
        kept.direction = Some(Spanned::new(Direction::Maintain, 0..0));
        let p = assess(&kept, &[point(date(2027, 3, 1), 51.0)], date(2027, 4, 1), None);
        assert_eq!(
            (p.status, p.reason, p.expected),
            (Status::OnTrack, Reason::Holding { within: true }, Some(50.0))
        );
        let p = assess(&kept, &[point(date(2027, 3, 1), 60.0)], date(2027, 4, 1), None);
        assert_eq!(p.reason, Reason::Holding { within: false });
    }
}
