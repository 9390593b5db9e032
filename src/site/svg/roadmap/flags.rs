//! What the roadmap flags on a tactic's bar: a late start (the start is past but the tactic is
//! still planned) and an overrun (the end is past and the tactic is not done, or the end falls
//! after its goal's deadline), and the stretch of the bar each one covers.

use jiff::civil::Date;
use serde::Serialize;

use crate::plan::TacticStatus;

/// Something wrong with a tactic's timing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// Its start is before today, yet it is still planned.
    LateStart,
    /// Its end is before today, yet it is neither done nor dropped.
    PastEnd,
    /// It ends after the deadline of a goal it serves.
    PastDeadline,
}

impl Flag {
    /// Whether the flag is an overrun (the summary counts a tactic with either kind once).
    pub fn is_overrun(self) -> bool {
        matches!(self, Flag::PastEnd | Flag::PastDeadline)
    }
}

/// A tactic's timing, as far as its flags go.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    pub status: TacticStatus,
    pub start: Option<Date>,
    pub end: Option<Date>,
    /// The earliest deadline of the goals the tactic serves.
    pub deadline: Option<Date>,
}

/// The flags of a tactic, on `today`. A dropped tactic has none: it is no longer run.
pub fn flags(timing: &Timing, today: Date) -> Vec<Flag> {
    let Timing {
        status,
        start,
        end,
        deadline,
    } = *timing;
    if status == TacticStatus::Dropped {
        return Vec::new();
    }
    let mut out = Vec::new();
    if status == TacticStatus::Planned && start.is_some_and(|s| s < today) {
        out.push(Flag::LateStart);
    }
    if status != TacticStatus::Done && end.is_some_and(|e| e < today) {
        out.push(Flag::PastEnd);
    }
    if let (Some(e), Some(d)) = (end, deadline)
        && e > d
    {
        out.push(Flag::PastDeadline);
    }
    out
}

/// The dates a flag covers on the bar: from the start to today (or the end) for a late start,
/// from the end to today for a past end, from the deadline to the end for a past deadline.
pub fn stretch(flag: Flag, timing: &Timing, today: Date) -> Option<(Date, Date)> {
    match flag {
        Flag::LateStart => Some((timing.start?, timing.end.map_or(today, |e| e.min(today)))),
        Flag::PastEnd => Some((timing.end?, today)),
        Flag::PastDeadline => Some((timing.deadline?, timing.end?)),
    }
}
