//! The roadmap: every tactic as a bar on a timeline across the plan period, grouped by goal and
//! then by strategy, under a sticky axis of quarters and months in the site's language, with
//! the goals' deadlines marked and late starts and overruns flagged on the bars. Each tactic
//! is a row of its own (a link and a small picture of its bar), so that rows can be filtered
//! and fold away without leaving gaps. This module lays them out (the axis in [`axis`], the
//! flags in [`flags`]); the markup is the template `svg/roadmap.html`.

pub mod axis;
pub mod flags;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use jiff::civil::Date;
use serde::Serialize;

use self::axis::{Axis, Calendar, TRACK, x};
use self::flags::{Flag, Timing, flags, stretch};
use super::{Frame, number};
use crate::plan::TacticStatus;

/// The height of a tactic's row and of its bar, in px.
const ROW: f64 = 24.0;
const BAR: f64 = 14.0;

/// A tactic on the roadmap.
#[derive(Clone, Debug)]
pub struct Bar {
    pub title: String,
    /// Relative to the site root.
    pub url: String,
    pub owner: Option<String>,
    /// The names of its channels.
    pub channels: Vec<String>,
    /// The ids of the goals it serves.
    pub goals: Vec<String>,
    pub timing: Timing,
}

/// A goal's deadline, as a strategy that serves it shows it.
#[derive(Clone, Debug)]
pub struct Deadline {
    pub goal: String,
    pub date: Date,
}

/// A strategy and its tactics.
#[derive(Clone, Debug)]
pub struct Strategy {
    pub title: String,
    pub url: String,
    /// The deadlines of the goals it serves.
    pub deadlines: Vec<Deadline>,
    pub bars: Vec<Bar>,
}

/// A goal and the strategies listed under it.
#[derive(Clone, Debug)]
pub struct Goal {
    /// Empty for the group of what serves no goal.
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub deadline: Option<Date>,
    pub strategies: Vec<Strategy>,
}

/// The words the roadmap writes, in the site's language.
pub struct Texts<'a> {
    pub calendar: Calendar<'a>,
    pub today: &'a str,
    /// A tactic status's label.
    pub status: &'a dyn Fn(TacticStatus) -> &'a str,
    /// The label of a missing date.
    pub undated: &'a str,
    pub late_start: &'a str,
    pub past_end: &'a str,
    /// With `{date}`, the deadline.
    pub past_deadline: &'a str,
    /// With `{goal}` and `{date}`.
    pub deadline_of: &'a str,
}

/// What the roadmap shows.
pub struct RoadmapInput<'a, 't> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub range: (Date, Date),
    pub today: Date,
    pub goals: &'a [Goal],
    pub texts: &'a Texts<'t>,
}

/// The roadmap, laid out: what the template `svg/roadmap.html` draws.
#[derive(Debug, Serialize)]
pub struct Roadmap {
    /// The `<svg>` of the axis.
    pub frame: Frame,
    pub axis: Axis,
    /// The width of the track, and the height of a row and where its bar is in it.
    pub track: String,
    pub row: String,
    pub bar_y: String,
    pub bar_height: String,
    /// Where today's line is on the track, when today is in the range.
    pub today_x: Option<String>,
    pub goals: Vec<GoalRows>,
    /// How many tactics there are, start late and overrun (each counted once, however many
    /// strategies it serves).
    pub tactics: usize,
    pub late_starts: usize,
    pub overruns: usize,
}

/// A goal's heading and its strategies' rows.
#[derive(Debug, Serialize)]
pub struct GoalRows {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub deadline: Option<String>,
    pub strategies: Vec<StrategyRows>,
}

/// A strategy's heading (with a marker at each of its goals' deadlines) and its tactics' rows.
#[derive(Debug, Serialize)]
pub struct StrategyRows {
    pub title: String,
    pub url: String,
    pub markers: Vec<Marker>,
    /// Where the deadline lines run down through the strategy's rows.
    pub lines: Vec<String>,
    pub rows: Vec<Row>,
}

/// A diamond at a goal's deadline: its path, and its tooltip.
#[derive(Debug, PartialEq, Serialize)]
pub struct Marker {
    pub path: String,
    pub title: String,
}

/// A tactic's row: its link, what a screen reader hears of it, and its bar.
#[derive(Debug, Serialize)]
pub struct Row {
    pub title: String,
    pub url: String,
    /// What the row's filters match: an owner, channel names and goal ids (`|`-separated).
    pub owner: String,
    pub channels: String,
    pub goals: String,
    pub status: &'static str,
    /// The dates, the status and the flags, in words: the bar's tooltip and what a screen
    /// reader says of it.
    pub spoken: String,
    pub x: String,
    pub width: String,
    pub undated: bool,
    pub flags: Vec<Hatch>,
}

/// A flagged stretch of a bar, drawn hatched.
#[derive(Debug, PartialEq, Serialize)]
pub struct Hatch {
    pub flag: Flag,
    pub x: String,
    pub width: String,
}

/// The roadmap laid out.
pub fn roadmap(input: &RoadmapInput<'_, '_>) -> Roadmap {
    let calendar = &input.texts.calendar;
    let axis = axis::axis(input.range, input.today, calendar, input.texts.today);
    let (mut all, mut late, mut overrun) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    let goals = input
        .goals
        .iter()
        .map(|goal| GoalRows {
            id: goal.id.clone(),
            title: goal.title.clone(),
            url: goal.url.clone(),
            deadline: goal.deadline.map(|d| d.to_string()),
            strategies: goal
                .strategies
                .iter()
                .map(|strategy| {
                    for bar in &strategy.bars {
                        let flagged = flags(&bar.timing, input.today);
                        all.insert(&bar.url);
                        if flagged.contains(&Flag::LateStart) {
                            late.insert(&bar.url);
                        }
                        if flagged.iter().any(|f| f.is_overrun()) {
                            overrun.insert(&bar.url);
                        }
                    }
                    place_strategy(input, strategy)
                })
                .collect(),
        })
        .collect();
    Roadmap {
        frame: Frame::new(
            input.id,
            "rm-axis",
            (TRACK, axis::HEIGHT),
            input.title,
            input.description,
        ),
        today_x: (input.range.0..=input.range.1)
            .contains(&input.today)
            .then(|| number(x(input.range, input.today))),
        axis,
        track: number(TRACK),
        row: number(ROW),
        bar_y: number((ROW - BAR) / 2.0),
        bar_height: number(BAR),
        goals,
        tactics: all.len(),
        late_starts: late.len(),
        overruns: overrun.len(),
    }
}

/// A strategy's heading and rows.
fn place_strategy(input: &RoadmapInput<'_, '_>, strategy: &Strategy) -> StrategyRows {
    let mut lines: Vec<String> = Vec::new();
    let markers = strategy
        .deadlines
        .iter()
        .map(|d| {
            let at = x(input.range, d.date);
            let line = number(at);
            if !lines.contains(&line) {
                lines.push(line);
            }
            Marker {
                path: format!("M{} {}l6 7-6 7-6-7z", number(at), number(ROW / 2.0 - 7.0)),
                title: input
                    .texts
                    .deadline_of
                    .replace("{goal}", &d.goal)
                    .replace("{date}", &d.date.to_string()),
            }
        })
        .collect();
    StrategyRows {
        title: strategy.title.clone(),
        url: strategy.url.clone(),
        markers,
        lines,
        rows: strategy.bars.iter().map(|b| place_bar(input, b)).collect(),
    }
}

/// A tactic's row: its bar over its dates (the range's ends standing for a missing one, at
/// least 3 wide so that a one-day tactic shows) and its flagged stretches.
fn place_bar(input: &RoadmapInput<'_, '_>, bar: &Bar) -> Row {
    let (range, today, texts) = (input.range, input.today, input.texts);
    let timing = &bar.timing;
    let (start, end) = (timing.start.unwrap_or(range.0), timing.end.unwrap_or(range.1));
    let (x1, x2) = (x(range, start.min(end)), x(range, end.max(start)));
    let span = |from: Date, to: Date| {
        let (a, b) = (x(range, from.min(to)), x(range, to.max(from)));
        (number(a), number((b - a).max(3.0)))
    };
    let flagged = flags(timing, today);
    let hatches = flagged
        .iter()
        .filter_map(|&flag| {
            let (from, to) = stretch(flag, timing, today)?;
            let (x, width) = span(from, to);
            Some(Hatch { flag, x, width })
        })
        .collect();
    let date = |d: Option<Date>| d.map_or_else(|| texts.undated.to_owned(), |d| d.to_string());
    let mut words = vec![
        format!("{} – {}", date(timing.start), date(timing.end)),
        (texts.status)(timing.status).to_owned(),
    ];
    words.extend(flagged.iter().map(|flag| {
        match flag {
            Flag::LateStart => texts.late_start.to_owned(),
            Flag::PastEnd => texts.past_end.to_owned(),
            Flag::PastDeadline => texts
                .past_deadline
                .replace("{date}", &timing.deadline.map(|d| d.to_string()).unwrap_or_default()),
        }
    }));
    Row {
        title: bar.title.clone(),
        url: bar.url.clone(),
        owner: bar.owner.clone().unwrap_or_default(),
        channels: bar.channels.join("|"),
        goals: bar.goals.join("|"),
        status: timing.status.name(),
        spoken: words.join(" · "),
        x: number(x1),
        width: number((x2 - x1).max(3.0)),
        undated: timing.start.is_none() && timing.end.is_none(),
        flags: hatches,
    }
}
