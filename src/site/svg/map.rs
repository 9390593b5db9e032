//! The strategy map: goals, strategies and tactics in three columns, each node a link, with a
//! curve for every reference (a strategy serving two goals has two incoming curves).

use std::collections::HashSet;
use std::fmt::Write as _;

use super::{esc, number, open, truncate};

const W: f64 = 960.0;
const ROW: f64 = 30.0;
const BOX_W: f64 = 260.0;
const BOX_H: f64 = 22.0;
const HEADER: f64 = 34.0;
const COLUMNS: [f64; 3] = [0.0, 350.0, 700.0];

/// A node: its label, its link (relative to the page the map is on) and a CSS class.
#[derive(Clone, Debug)]
pub struct Node {
    pub title: String,
    pub url: String,
    pub class: String,
}

/// The three columns and the references between them (indices into the columns).
pub struct MapInput<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub goals: Vec<Node>,
    pub strategies: Vec<Node>,
    pub tactics: Vec<Node>,
    pub goal_strategies: Vec<(usize, usize)>,
    pub strategy_tactics: Vec<(usize, usize)>,
    /// Column headings, already translated: goals, strategies, tactics.
    pub headings: [&'a str; 3],
}

/// Row centres of every node, laid out so that each goal's strategies and each strategy's
/// tactics sit in one contiguous block beside it.
fn layout(input: &MapInput<'_>) -> (Vec<f64>, Vec<f64>, Vec<f64>, usize) {
    let mut row = 0usize;
    let (mut gy, mut sy, mut ty) = (
        vec![0.0; input.goals.len()],
        vec![f64::NAN; input.strategies.len()],
        vec![f64::NAN; input.tactics.len()],
    );
    let center = |from: usize, to: usize| (from + to) as f64 / 2.0 - 0.5;
    let place_strategy = |s: usize, row: &mut usize, sy: &mut Vec<f64>, ty: &mut Vec<f64>| {
        let start = *row;
        for &(st, t) in &input.strategy_tactics {
            if st == s && ty[t].is_nan() {
                ty[t] = *row as f64;
                *row += 1;
            }
        }
        if *row == start {
            *row += 1;
        }
        sy[s] = center(start, *row);
    };
    for (g, y) in gy.iter_mut().enumerate() {
        let start = row;
        let mine: Vec<usize> = input
            .goal_strategies
            .iter()
            .filter(|(gg, _)| *gg == g)
            .map(|&(_, s)| s)
            .collect();
        for s in mine {
            if sy[s].is_nan() {
                place_strategy(s, &mut row, &mut sy, &mut ty);
            }
        }
        if row == start {
            row += 1;
        }
        *y = center(start, row);
    }
    for s in 0..input.strategies.len() {
        if sy[s].is_nan() {
            place_strategy(s, &mut row, &mut sy, &mut ty);
        }
    }
    for y in ty.iter_mut().filter(|y| y.is_nan()) {
        *y = row as f64;
        row += 1;
    }
    (gy, sy, ty, row)
}

/// The map as SVG.
pub fn map(input: &MapInput<'_>) -> String {
    let (gy, sy, ty, rows) = layout(input);
    let height = HEADER + rows.max(1) as f64 * ROW + 8.0;
    let y = |row: f64| HEADER + row * ROW + ROW / 2.0;
    let mut out = String::with_capacity(256 * (input.goals.len() + input.strategies.len() + input.tactics.len()) + 512);
    open(&mut out, input.id, W, height, input.title, input.description, "map");
    for (heading, x) in input.headings.iter().zip(COLUMNS) {
        let _ = write!(
            out,
            "<text class=\"column\" x=\"{}\" y=\"20\">{}</text>",
            number(x + 4.0),
            esc(heading)
        );
    }
    let mut drawn = HashSet::new();
    let mut curve = |out: &mut String, from_col: usize, y1: f64, y2: f64| {
        let (x1, x2) = (COLUMNS[from_col] + BOX_W, COLUMNS[from_col + 1]);
        let mid = (x1 + x2) / 2.0;
        let (y1, y2) = (number(y(y1)), number(y(y2)));
        if drawn.insert((from_col, y1.clone(), y2.clone())) {
            let _ = write!(
                out,
                "<path class=\"edge\" d=\"M{},{y1} C{m},{y1} {m},{y2} {},{y2}\"/>",
                number(x1),
                number(x2),
                m = number(mid)
            );
        }
    };
    for &(g, s) in &input.goal_strategies {
        curve(&mut out, 0, gy[g], sy[s]);
    }
    for &(s, t) in &input.strategy_tactics {
        curve(&mut out, 1, sy[s], ty[t]);
    }
    for (column, (nodes, rows)) in [(&input.goals, &gy), (&input.strategies, &sy), (&input.tactics, &ty)]
        .into_iter()
        .enumerate()
    {
        for (node, &row) in nodes.iter().zip(rows.iter()) {
            let top = y(row) - BOX_H / 2.0;
            let _ = write!(
                out,
                "<a href=\"{}\"><title>{}</title><rect class=\"node {}\" x=\"{}\" y=\"{}\" width=\"{BOX_W}\" height=\"{BOX_H}\" rx=\"4\"/>\
                 <text x=\"{}\" y=\"{}\">{}</text></a>",
                esc(&node.url),
                esc(&node.title),
                esc(&node.class),
                number(COLUMNS[column]),
                number(top),
                number(COLUMNS[column] + 8.0),
                number(y(row) + 4.5),
                esc(&truncate(&node.title, 38)),
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(t: &str) -> Node {
        Node {
            title: t.into(),
            url: format!("{t}.html"),
            class: "goal".into(),
        }
    }

    #[test]
    fn blocks_do_not_overlap_and_every_node_is_a_link() {
        let input = MapInput {
            id: "m",
            title: "Map",
            description: "",
            goals: vec![node("g1"), node("g2"), node("g3")],
            strategies: vec![node("s1"), node("s2"), node("s3")],
            tactics: vec![node("t1"), node("t2"), node("t3"), node("t4")],
            goal_strategies: vec![(0, 0), (1, 0), (1, 1)],
            strategy_tactics: vec![(0, 0), (0, 1), (1, 2)],
            headings: ["Goals", "Strategies", "Tactics"],
        };
        let (gy, sy, ty, rows) = layout(&input);
        assert_eq!(ty, [0.0, 1.0, 2.0, 5.0], "tactics in blocks, the unlinked one last");
        assert_eq!(sy, [0.5, 2.0, 4.0]);
        assert_eq!(gy, [0.5, 2.0, 3.0], "g3 has no strategy and gets its own row");
        assert_eq!(rows, 6);
        let svg = map(&input);
        assert_eq!(svg.matches("<a href=").count(), 10);
        assert_eq!(svg.matches("class=\"edge\"").count(), 6);
    }
}
