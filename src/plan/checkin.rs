//! Whether a goal's check-in is late: its latest measurement (or, with none yet, its `start`, else
//! the plan period's) is older than the shortest `cadence` of its evaluations plus a grace of half
//! that cadence. The one owner of this fact: rule `checkin-stale` and the overview's "Needs
//! attention" both ask [`late`]. Achieved, missed and dropped goals are never late.

use jiff::civil::Date;

use super::Plan;
use super::cadence::Cadence;
use super::graph::Graph;
use super::progress::{self, Progress, Status};

/// A goal whose check-in is late.
#[derive(Clone, Debug, PartialEq)]
pub struct Late<'p> {
    /// The evaluation whose cadence is the shortest (index into `plan.documents`).
    pub evaluation: usize,
    pub cadence: Cadence,
    /// The cadence as the evaluation writes it ("monthly", "hàng tháng").
    pub cadence_text: &'p str,
    /// The latest measurement's date, else the goal's start.
    pub since: Date,
    /// Whether `since` is a measurement (else no measurement was taken yet).
    pub measured: bool,
    /// Days from `since` to today.
    pub days: i64,
}

/// Days of grace after a cadence is due before the check-in counts as late: half a cadence.
pub fn grace(cadence: Cadence) -> i64 {
    cadence.days() / 2
}

/// The most days a measurement may age under `cadence` before the check-in is late.
pub fn allowed_days(cadence: Cadence) -> i64 {
    cadence.days() + grace(cadence)
}

/// Whether goal `goal` (an index into `plan.documents`, with its `progress` as of `today`) is
/// late for a check-in, and by how much.
pub fn late<'p>(plan: &'p Plan, graph: &Graph, goal: usize, progress: &Progress, today: Date) -> Option<Late<'p>> {
    if matches!(progress.status, Status::Achieved | Status::Missed | Status::Dropped) {
        return None;
    }
    let (evaluation, cadence, cadence_text) = graph
        .evaluations_of_goal(goal)
        .iter()
        .filter_map(|&e| {
            let text = plan.documents[e].evaluation()?.cadence.as_ref()?.value.as_str();
            Some((e, Cadence::parse(text)?, text))
        })
        .min_by_key(|&(e, cadence, _)| (cadence, e))?;
    let (since, measured) = match &progress.latest {
        Some(point) => (point.date, true),
        None => (progress.start?, false),
    };
    let days = i64::from((today - since).get_days());
    (days > allowed_days(cadence)).then_some(Late {
        evaluation,
        cadence,
        cadence_text,
        since,
        measured,
        days,
    })
}

/// Goal `goal`'s progress as of `today`, as the site computes it, for a caller without it.
pub fn progress_of(plan: &Plan, graph: &Graph, goal: usize, today: Date) -> Option<Progress> {
    let g = plan.documents.get(goal)?.goal()?;
    Some(progress::assess(
        g,
        graph.measurements_of(goal),
        today,
        plan.settings.period_start(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grace_is_half_a_cadence() {
        assert_eq!(allowed_days(Cadence::Weekly), 10);
        assert_eq!(allowed_days(Cadence::Monthly), 46);
        assert_eq!(allowed_days(Cadence::Daily), 1);
    }
}
