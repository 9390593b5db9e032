//! The geometry of one band of the strategy map: each strategy's block as tall as its tactics
//! (or its own box), the strategy centred on its tactics, the goal and the evaluations centred
//! on the band; boxes as tall as their wrapped titles; the curves between neighbouring columns,
//! which run only in the gap between them and so never cross a box.

use std::collections::HashMap;

use super::bands::{BandPlan, Graph, Item, Slot};
use super::{BOX_W, Band, Column, Edge, Frame, Label, Line, MapInput, Node, NodeBox, Rect, W, number};
use crate::site::svg::wrap::wrap;

pub(super) const PAD_X: f64 = 9.0;
const PAD_Y: f64 = 6.0;
const FONT: f64 = 12.0;
/// From a line's top to its baseline, and from one baseline to the next.
const ASCENT: f64 = 12.0;
const LINE: f64 = 16.0;
const MAX_LINES: usize = 3;
/// Goals are set in bold, which is about this much wider.
const BOLD: f64 = 1.18;
/// Between two boxes of a column, between two strategies' blocks, around a band's content.
const GAP: f64 = 8.0;
const SLOT_GAP: f64 = 14.0;
const BAND_PAD: f64 = 10.0;
/// What marks a cross-reference's label.
const CROSS_MARK: &str = "↗ ";

/// Each band's anchor and name, by band number (the goals', then what serves no goal).
pub(super) struct Names {
    anchors: Vec<String>,
    names: Vec<String>,
}

impl Names {
    pub(super) fn new(input: &MapInput<'_>) -> Names {
        let mut anchors: Vec<String> = input.goal_keys.iter().map(|k| super::band_anchor(k)).collect();
        anchors.push("map-unlinked".to_owned());
        let mut names: Vec<String> = input.goals.iter().map(|g| g.title.clone()).collect();
        names.push(input.words.unlinked.to_owned());
        Names { anchors, names }
    }
}

/// A node being placed: what it shows, before it has a position.
struct Measured {
    node: NodeBox,
    reach: Vec<usize>,
}

/// The box of `node` in `column`, its title wrapped, at the top of the band for now.
fn measure(node: &Node, column: Column, cross: Option<(&Names, usize, &str)>) -> NodeBox {
    let bold = if column == Column::Goal { BOLD } else { 1.0 };
    let (text, url, tooltip, class) = match cross {
        Some((names, band, drawn_in)) => (
            format!("{CROSS_MARK}{}", node.title),
            format!("#{}", names.anchors[band]),
            format!("{} · {}", node.title, drawn_in.replace("{band}", &names.names[band])),
            format!("{} cross", column.name()),
        ),
        None => (
            node.title.clone(),
            node.url.clone(),
            match &node.status {
                Some(status) => format!("{} · {}", node.title, status.label),
                None => node.title.clone(),
            },
            match &node.status {
                Some(status) => format!("{} {}", column.name(), status.key),
                None => column.name().to_owned(),
            },
        ),
    };
    let wrapped = wrap(&text, (BOX_W - 2.0 * PAD_X) / bold, FONT, MAX_LINES);
    let rect = Rect {
        x: column.x(),
        y: 0.0,
        w: BOX_W,
        h: 2.0 * PAD_Y + wrapped.lines.len() as f64 * LINE,
    };
    NodeBox {
        url,
        tooltip,
        class,
        x: String::new(),
        y: String::new(),
        width: number(rect.w),
        height: number(rect.h),
        text_x: number(rect.x + PAD_X),
        lines: wrapped
            .lines
            .into_iter()
            .map(|text| Line { y: String::new(), text })
            .collect(),
        also: String::new(),
        column,
        cross: cross.is_some(),
        rect,
    }
}

/// Moves a box to `top` and sets the numbers the template prints.
fn place(mut node: NodeBox, top: f64) -> NodeBox {
    node.rect.y = top;
    node.x = number(node.rect.x);
    node.y = number(top);
    for (i, line) in node.lines.iter_mut().enumerate() {
        line.y = number(top + PAD_Y + ASCENT + i as f64 * LINE - 1.0);
    }
    node
}

fn centre(r: &Rect) -> f64 {
    r.y + r.h / 2.0
}

/// The curve from the right edge of `from` to the left edge of `to`; with control points
/// halfway across the gap, it stays within the gap.
fn curve(from: &Rect, to: &Rect, cross: bool) -> Edge {
    let (x1, y1, x2, y2) = (from.right(), centre(from), to.x, centre(to));
    let m = number((x1 + x2) / 2.0);
    let (a, b) = (number(y1), number(y2));
    Edge {
        d: format!("M{},{a} C{m},{a} {m},{b} {},{b}", number(x1), number(x2)),
        cross,
        also: String::new(),
        ends: ((x1, y1), (x2, y2)),
    }
}

/// The height of boxes stacked with a gap between them.
fn stacked(boxes: &[Measured]) -> f64 {
    boxes.iter().map(|b| b.node.rect.h).sum::<f64>() + GAP * boxes.len().saturating_sub(1) as f64
}

/// Places `boxes` one under another from `top`.
fn stack(boxes: Vec<Measured>, top: f64) -> Vec<(NodeBox, Vec<usize>)> {
    let mut y = top;
    boxes
        .into_iter()
        .map(|b| {
            let h = b.node.rect.h;
            let placed = place(b.node, y);
            y += h + GAP;
            (placed, b.reach)
        })
        .collect()
}

/// One strategy's block, measured: its box and its tactics' boxes.
struct Block {
    strategy: Option<Measured>,
    tactics: Vec<Measured>,
    tactics_h: f64,
    height: f64,
}

/// A box for `item` of `column`: the document itself, connected to `reach`, or a
/// cross-reference to it, connected to what the cross-reference hangs from (`from`).
fn item(
    names: &Names,
    drawn_in: &str,
    (item, column, nodes): (Item, Column, &[Node]),
    reach: &[usize],
    from: &[usize],
) -> Measured {
    match item {
        Item::Home(i) => Measured {
            node: measure(&nodes[i], column, None),
            reach: reach.to_vec(),
        },
        Item::Cross { index, band } => Measured {
            node: measure(&nodes[index], column, Some((names, band, drawn_in))),
            reach: from.to_vec(),
        },
    }
}

fn block(input: &MapInput<'_>, graph: &Graph, names: &Names, slot: &Slot) -> Block {
    let drawn_in = input.words.drawn_in;
    let strategy = slot.strategy.map(|s| {
        let of = (s, Column::Strategy, input.strategies.as_slice());
        item(names, drawn_in, of, &slot.reach, &slot.reach)
    });
    let tactics: Vec<Measured> = slot
        .tactics
        .iter()
        .map(|&t| {
            let of = (t, Column::Tactic, input.tactics.as_slice());
            item(names, drawn_in, of, &graph.tactic_goals[t.index()], &slot.reach)
        })
        .collect();
    let tactics_h = stacked(&tactics);
    let height = tactics_h.max(strategy.as_ref().map_or(0.0, |s| s.node.rect.h));
    Block {
        strategy,
        tactics,
        tactics_h,
        height,
    }
}

/// The keys of `goals` other than `own`, space-separated.
fn also(input: &MapInput<'_>, goals: &[usize], own: Option<usize>) -> String {
    let keys: Vec<&str> = goals
        .iter()
        .filter(|&&g| Some(g) != own)
        .map(|&g| input.goal_keys[g].as_str())
        .collect();
    keys.join(" ")
}

/// Everything a band draws, measured but not placed.
struct Content {
    goal: Option<NodeBox>,
    /// The band's name where a goal would be, for the band of what serves no goal.
    label: Vec<String>,
    blocks: Vec<Block>,
    evaluations: Vec<Measured>,
}

fn content(input: &MapInput<'_>, graph: &Graph, names: &Names, plan: &BandPlan) -> Content {
    let own: Vec<usize> = plan.goal.into_iter().collect();
    let evaluations = plan
        .evaluations
        .iter()
        .map(|&e| {
            let of = (e, Column::Evaluation, input.evaluations.as_slice());
            item(
                names,
                input.words.drawn_in,
                of,
                &graph.evaluation_goals[e.index()],
                &own,
            )
        })
        .collect();
    Content {
        goal: plan.goal.map(|g| measure(&input.goals[g], Column::Goal, None)),
        label: match plan.goal {
            Some(_) => Vec::new(),
            None => wrap(input.words.unlinked, BOX_W - 2.0 * PAD_X, FONT, MAX_LINES).lines,
        },
        blocks: plan.slots.iter().map(|s| block(input, graph, names, s)).collect(),
        evaluations,
    }
}

/// What a band has placed: its nodes and curves, each with the goals it is connected to.
#[derive(Default)]
struct Placed {
    nodes: Vec<(NodeBox, Vec<usize>)>,
    edges: Vec<(Edge, Vec<usize>)>,
}

/// Places the strategies' blocks from `top`, with the curves from the goal (if any) to each
/// strategy, from each strategy to its tactics, and the band's `links`.
fn arrange(blocks: Vec<Block>, top: f64, goal: Option<&Rect>, plan: &BandPlan, placed: &mut Placed) {
    let own: Vec<usize> = plan.goal.into_iter().collect();
    let mut y = top;
    // Where each tactic drawn in this band is, for the curves from its other strategies here.
    let mut tactic_at: HashMap<usize, Rect> = HashMap::new();
    let mut strategy_at: Vec<Option<Rect>> = Vec::with_capacity(blocks.len());
    for (block, slot) in blocks.into_iter().zip(&plan.slots) {
        let strategy = block.strategy.map(|s| {
            let h = s.node.rect.h;
            (place(s.node, y + (block.height - h) / 2.0), s.reach)
        });
        let tactics = stack(block.tactics, y + (block.height - block.tactics_h) / 2.0);
        y += block.height + SLOT_GAP;
        // The strategy's box, then its tactics': the order a reader tabs through them.
        let from = strategy.as_ref().map(|(s, _)| (s.rect, s.cross));
        strategy_at.push(from.map(|(rect, _)| rect));
        placed.nodes.extend(strategy);
        if let (Some(goal), Some((rect, cross))) = (goal, from) {
            placed.edges.push((curve(goal, &rect, cross), own.clone()));
        }
        for ((t, reach), item) in tactics.into_iter().zip(&slot.tactics) {
            if let Some((rect, _)) = from {
                placed.edges.push((curve(&rect, &t.rect, t.cross), slot.reach.clone()));
            }
            if let Item::Home(i) = item {
                tactic_at.insert(*i, t.rect);
            }
            placed.nodes.push((t, reach));
        }
    }
    for &(slot, t) in &plan.links {
        if let (Some(from), Some(to)) = (strategy_at[slot], tactic_at.get(&t)) {
            placed
                .edges
                .push((curve(&from, to, false), plan.slots[slot].reach.clone()));
        }
    }
}

/// Band number `n`, laid out: every column centred on the tallest.
pub(super) fn band(input: &MapInput<'_>, graph: &Graph, names: &Names, n: usize, plan: &BandPlan) -> Band {
    let content = content(input, graph, names, plan);
    let blocks_h =
        content.blocks.iter().map(|b| b.height).sum::<f64>() + SLOT_GAP * content.blocks.len().saturating_sub(1) as f64;
    let evaluations_h = stacked(&content.evaluations);
    let goal_h = content
        .goal
        .as_ref()
        .map_or(content.label.len() as f64 * LINE, |g| g.rect.h);
    let inner = goal_h.max(blocks_h).max(evaluations_h);
    let top = |h: f64| BAND_PAD + (inner - h) / 2.0;
    let goal = content.goal.map(|g| place(g, top(goal_h)));
    let mut placed = Placed::default();
    arrange(
        content.blocks,
        top(blocks_h),
        goal.as_ref().map(|g| &g.rect),
        plan,
        &mut placed,
    );
    placed.nodes.extend(stack(content.evaluations, top(evaluations_h)));
    let height = inner + 2.0 * BAND_PAD;
    let label_top = top(goal_h);
    let label = content
        .label
        .into_iter()
        .enumerate()
        .map(|(i, text)| Label {
            x: number(Column::Goal.x() + PAD_X),
            y: number(label_top + ASCENT + i as f64 * LINE - 1.0),
            anchor: "start",
            text,
        })
        .collect();
    let own = plan.goal;
    let mut nodes: Vec<NodeBox> = goal.into_iter().collect();
    nodes.extend(placed.nodes.into_iter().map(|(mut node, reach)| {
        node.also = also(input, &reach, own);
        node
    }));
    let edges = placed
        .edges
        .into_iter()
        .map(|(mut edge, reach)| {
            edge.also = also(input, &reach, own);
            edge
        })
        .collect();
    let (title, desc) = match own {
        Some(g) => (
            input.goals[g].title.as_str(),
            input.goals[g].status.as_ref().map_or("", |s| s.label.as_str()),
        ),
        None => (input.words.unlinked, ""),
    };
    Band {
        anchor: names.anchors[own.unwrap_or(input.goals.len())].clone(),
        key: own.map(|g| input.goal_keys[g].clone()),
        frame: Frame::new(&format!("{}-{n}", input.id), "map", (W, height), title, desc),
        bg_width: number(W - 1.0),
        bg_height: number(height - 1.0),
        rule_x: number((Column::Tactic.x() + BOX_W + Column::Evaluation.x()) / 2.0),
        rule_end: number(height - 8.0),
        label,
        edges,
        nodes,
        height,
    }
}
