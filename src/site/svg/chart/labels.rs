//! Where the chart's labels go: each is placed in turn and kept off those placed before it
//! (marker labels go a row up, a move of the target's label too or not at all, a level's label
//! under its line, a point's value under the point),
//! using label boxes estimated from the text.

use super::{ChartInput, LABEL_PX, Level, Marker, Move, ROW, Scale, TOP};
use crate::site::svg::ticks::{span, text_width};
use crate::site::svg::{Label, number};

/// A label's box, estimated, to keep labels apart.
#[derive(Clone, Copy, Debug)]
pub(super) struct Box {
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) top: f64,
    pub(super) bottom: f64,
}

impl Box {
    pub(super) fn of(label: &Label, px: f64) -> Box {
        let (x, y) = (label.x.parse().unwrap_or(0.0), label.y.parse().unwrap_or(0.0));
        let (left, right) = span(x, text_width(&label.text, px), label.anchor);
        Box {
            left,
            right,
            top: y - px,
            bottom: y + px * 0.25,
        }
    }

    pub(super) fn overlaps(&self, other: &Box) -> bool {
        self.left < other.right && other.left < self.right && self.top < other.bottom && other.top < self.bottom
    }
}

/// The baseline and target lines, labelled with name and value at their right end, above the
/// line, or under it where the label above would meet a marker's label, or the other level's.
pub(super) fn levels(input: &ChartInput<'_>, scale: &Scale, taken: &[Box]) -> Vec<Level> {
    let labels = &input.labels;
    let mut levels: Vec<(f64, Level)> = [
        (input.baseline, "baseline", labels.baseline),
        (input.target, "target", labels.target),
    ]
    .into_iter()
    .filter_map(|(value, class, name)| {
        let (v, y) = (value?, scale.y(value?));
        Some((
            y,
            Level {
                class,
                y: number(y),
                label: Label {
                    x: number(scale.right - 4.0),
                    y: number(y - 5.0),
                    anchor: "end",
                    text: format!("{name} {}", input.numbers.with_unit(v, input.unit)),
                },
            },
        ))
    })
    .collect();
    // The higher line first: of two close lines, the lower one's label goes under it.
    levels.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut placed: Vec<Box> = taken.to_vec();
    for (y, level) in &mut levels {
        let above = Box::of(&level.label, LABEL_PX);
        if placed.iter().any(|b| b.overlaps(&above)) || above.top < TOP {
            level.label.y = number(*y + LABEL_PX + 3.0);
        }
        placed.push(Box::of(&level.label, LABEL_PX));
    }
    levels.into_iter().map(|(_, level)| level).collect()
}

/// The deadline and today lines, for those within the time axis, labelled above the plot: a
/// label that would overlap another goes a row up.
pub(super) fn markers(input: &ChartInput<'_>, scale: &Scale, mut placed: Vec<Box>) -> Vec<Marker> {
    [
        (input.deadline, "deadline", input.labels.deadline),
        (Some(input.today), "today", input.labels.today),
    ]
    .into_iter()
    .filter_map(|(date, class, text)| {
        let d = date.filter(|d| (scale.first..=scale.last).contains(d))?;
        let x = scale.x(d);
        let anchor = anchor(x, scale);
        let mut label = Label {
            x: number(x),
            y: number(TOP - 6.0),
            anchor,
            text: text.to_owned(),
        };
        for row in 0..3 {
            label.y = number(TOP - 6.0 - row as f64 * ROW);
            let this = Box::of(&label, LABEL_PX);
            if !placed.iter().any(|b| b.overlaps(&this)) {
                placed.push(this);
                break;
            }
        }
        Some(Marker {
            class,
            x: number(x),
            label,
        })
    })
    .collect()
}

/// The moves of the target within the time axis, oldest first, and the earlier targets as steps
/// up to the last of them. Each move's label goes in the first row above the plot where it meets
/// no label placed before it (in `placed`, which it joins); with no such row it has none.
pub(super) fn moves(input: &ChartInput<'_>, scale: &Scale, placed: &mut Vec<Box>) -> (Vec<Move>, Option<String>) {
    let within: Vec<_> = input
        .moves
        .iter()
        .filter(|m| (scale.first..=scale.last).contains(&m.date))
        .collect();
    let Some(first) = within.first() else {
        return (Vec::new(), None);
    };
    let mut steps = vec![format!("{},{}", number(scale.left), number(scale.y(first.from)))];
    let mut moves = Vec::new();
    for m in within {
        let (x, from, to) = (scale.x(m.date), scale.y(m.from), scale.y(m.to));
        steps.push(format!("{},{}", number(x), number(from)));
        steps.push(format!("{},{}", number(x), number(to)));
        let text = input
            .labels
            .moved
            .replace("{from}", &input.numbers.format(m.from))
            .replace("{to}", &input.numbers.format(m.to));
        let mut label = Label {
            x: number(x),
            y: String::new(),
            anchor: anchor(x, scale),
            text,
        };
        let row = (0..3).find_map(|row| {
            label.y = number(TOP - 6.0 - row as f64 * ROW);
            let this = Box::of(&label, LABEL_PX);
            // A row whose label would stick out of the picture's top is no room.
            (this.top >= 0.0 && !placed.iter().any(|b| b.overlaps(&this))).then_some(this)
        });
        if let Some(this) = row {
            placed.push(this);
        }
        moves.push(Move {
            x: number(x),
            y: number(to),
            title: format!("{}: {}", m.date, label.text),
            label: row.map(|_| label),
        });
    }
    (moves, Some(steps.join(" ")))
}

/// How a label at `x` above the plot is anchored: inwards near an edge, so that it is not cut
/// off.
fn anchor(x: f64, scale: &Scale) -> &'static str {
    if x > scale.right - 40.0 {
        "end"
    } else if x < scale.left + 40.0 {
        "start"
    } else {
        "middle"
    }
}

/// A point's value, above it, or below it where a level's label is in the way.
pub(super) fn value_label(cx: f64, cy: f64, text: String, scale: &Scale, taken: &[Box]) -> Label {
    let anchor = anchor(cx, scale);
    let mut label = Label {
        x: number(cx),
        y: number(cy - 9.0),
        anchor,
        text,
    };
    let this = Box::of(&label, LABEL_PX);
    if taken.iter().any(|b| b.overlaps(&this)) || this.top < TOP {
        label.y = number(cy + LABEL_PX + 7.0);
    }
    label
}
