//! The strategy map: goals, strategies and tactics in three columns, each node a link, with a
//! curve for every reference (a strategy serving two goals has two incoming curves). This
//! module lays them out; the markup is the template `svg/map.html`.

use std::collections::HashSet;

use serde::Serialize;

use super::{Frame, Label, number, truncate};

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

/// For each of `count` nodes, the second members of the `pairs` whose first member it is, in
/// the pairs' order.
fn neighbours(count: usize, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut lists = vec![Vec::new(); count];
    for &(from, to) in pairs {
        if let Some(list) = lists.get_mut(from) {
            list.push(to);
        }
    }
    lists
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
    // Each node's neighbours, in the order of the pairs, gathered once: scanning every pair
    // for every node would be quadratic on large plans.
    let tactics_of = neighbours(input.strategies.len(), &input.strategy_tactics);
    let strategies_of = neighbours(input.goals.len(), &input.goal_strategies);
    let place_strategy = |s: usize, row: &mut usize, sy: &mut Vec<f64>, ty: &mut Vec<f64>| {
        let start = *row;
        for &t in &tactics_of[s] {
            if ty[t].is_nan() {
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
        for &s in &strategies_of[g] {
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

/// The map, laid out: what the template `svg/map.html` draws.
#[derive(Debug, Serialize)]
pub struct Map {
    pub frame: Frame,
    pub headings: Vec<Label>,
    /// The path data of each curve, each drawn once.
    pub edges: Vec<String>,
    pub nodes: Vec<NodeBox>,
}

/// A node's box and label, linking to its page.
#[derive(Debug, Serialize)]
pub struct NodeBox {
    pub url: String,
    pub title: String,
    pub class: String,
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    /// The title, shortened to fit the box.
    pub label: Label,
}

/// The map laid out.
pub fn map(input: &MapInput<'_>) -> Map {
    let (gy, sy, ty, rows) = layout(input);
    let height = HEADER + rows.max(1) as f64 * ROW + 8.0;
    let headings = input
        .headings
        .iter()
        .zip(COLUMNS)
        .map(|(heading, x)| Label {
            x: number(x + 4.0),
            y: "20".into(),
            anchor: "start",
            text: (*heading).to_owned(),
        })
        .collect();
    let columns = [(&input.goals, &gy), (&input.strategies, &sy), (&input.tactics, &ty)];
    let nodes = columns
        .into_iter()
        .zip(COLUMNS)
        .flat_map(|((nodes, rows), x)| {
            nodes
                .iter()
                .zip(rows.iter())
                .map(move |(node, &row)| place(node, x, row))
        })
        .collect();
    Map {
        frame: Frame::new(input.id, "map", (W, height), input.title, input.description),
        headings,
        edges: edges(input, (&gy, &sy, &ty)),
        nodes,
    }
}

/// The vertical centre of a row.
fn y(row: f64) -> f64 {
    HEADER + row * ROW + ROW / 2.0
}

/// The curves from each goal to its strategies and from each strategy to its tactics; two
/// references between the same rows are one curve.
fn edges(input: &MapInput<'_>, (gy, sy, ty): (&[f64], &[f64], &[f64])) -> Vec<String> {
    let mut drawn = HashSet::new();
    let goal_strategies = input.goal_strategies.iter().map(|&(g, s)| (0, gy[g], sy[s]));
    let strategy_tactics = input.strategy_tactics.iter().map(|&(s, t)| (1, sy[s], ty[t]));
    goal_strategies
        .chain(strategy_tactics)
        .filter_map(|(from, y1, y2)| {
            let (x1, x2) = (COLUMNS[from] + BOX_W, COLUMNS[from + 1]);
            let m = number((x1 + x2) / 2.0);
            let (y1, y2) = (number(y(y1)), number(y(y2)));
            let path = format!("M{},{y1} C{m},{y1} {m},{y2} {},{y2}", number(x1), number(x2));
            drawn.insert((from, y1, y2)).then_some(path)
        })
        .collect()
}

/// A node's box in the column at `x`, on `row`.
fn place(node: &Node, x: f64, row: f64) -> NodeBox {
    NodeBox {
        url: node.url.clone(),
        title: node.title.clone(),
        class: node.class.clone(),
        x: number(x),
        y: number(y(row) - BOX_H / 2.0),
        width: number(BOX_W),
        height: number(BOX_H),
        label: Label {
            x: number(x + 8.0),
            y: number(y(row) + 4.5),
            anchor: "start",
            text: truncate(&node.title, 38),
        },
    }
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
        let map = map(&input);
        assert_eq!(map.frame.height, number(HEADER + 6.0 * ROW + 8.0));
        let svg = crate::site::svg::render_for_test("svg/map.html", "map", &map);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert_eq!(svg.matches("<a href=").count(), 10);
        assert_eq!(svg.matches("class=\"edge\"").count(), 6);
    }

    #[test]
    fn boxes_in_a_column_do_not_overlap_and_curves_join_their_edges() {
        let input = MapInput {
            id: "m",
            title: "Map",
            description: "",
            goals: vec![node("g1"), node("g2")],
            strategies: vec![node("s1"), node("s2"), node("s3")],
            tactics: vec![],
            goal_strategies: vec![(0, 0), (0, 1), (1, 2), (1, 2)],
            strategy_tactics: vec![],
            headings: ["Goals", "Strategies", "Tactics"],
        };
        let map = map(&input);
        let top = |b: &NodeBox| b.y.parse::<f64>().unwrap();
        let strategies: Vec<f64> = map.nodes.iter().filter(|b| b.x == "350").map(top).collect();
        assert_eq!(strategies, [38.0, 68.0, 98.0]);
        assert!(strategies.windows(2).all(|w| w[1] - w[0] >= BOX_H), "{strategies:?}");
        // g1 sits between its two strategies; the repeated reference is drawn once.
        assert_eq!(
            map.edges,
            [
                "M260,64 C305,64 305,49 350,49",
                "M260,64 C305,64 305,79 350,79",
                "M260,109 C305,109 305,109 350,109"
            ]
        );
        assert_eq!(map.nodes[0].label.text, "g1");
    }

    #[test]
    fn a_long_title_is_shortened_in_the_box_and_whole_in_its_tooltip() {
        let long = "A goal whose title is much longer than the box it is drawn in";
        let b = place(&node(long), 0.0, 0.0);
        assert_eq!(b.label.text.chars().count(), 38);
        assert!(b.label.text.ends_with('…'));
        assert_eq!(b.title, long);
    }
}
