//! The strategy map: a band per goal, each a small tree — the goal, the strategies that serve
//! it, their tactics, and the evaluations that measure it, in four columns — with a curve for
//! every reference, each node a link. A document referring to two goals is drawn in the first
//! one's band ([`bands`]); the other band shows a cross-reference to it, so no curve ever leaves
//! its band. Titles wrap to three lines ([`super::wrap`]) and the boxes grow to hold them
//! ([`layout`]). The markup is the template `svg/map.html`: one `<svg>` per band.

mod bands;
mod layout;
#[cfg(test)]
mod tests;

use serde::Serialize;

use super::{Frame, Label, number};

/// The drawing's width: the four columns fit a 72rem page without scrolling.
pub(crate) const W: f64 = 1100.0;
/// The left edge of each column.
const COLUMNS: [f64; 4] = [6.0, 290.0, 574.0, 858.0];
const BOX_W: f64 = 236.0;
/// The height of the column headings above the bands.
const HEAD_H: f64 = 26.0;

/// What a node is, and so the column it is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Goal,
    Strategy,
    Tactic,
    Evaluation,
}

impl Column {
    /// Its CSS class.
    pub fn name(self) -> &'static str {
        match self {
            Column::Goal => "goal",
            Column::Strategy => "strategy",
            Column::Tactic => "tactic",
            Column::Evaluation => "evaluation",
        }
    }

    fn x(self) -> f64 {
        COLUMNS[self as usize]
    }
}

/// A document's status as the map shows it: the key (a CSS class: `on_track`, `active` …)
/// and its label, already translated.
#[derive(Clone, Debug)]
pub struct Status {
    pub key: &'static str,
    pub label: String,
}

/// A node: its title, its link (relative to the page the map is on) and its status, if its
/// kind has one.
#[derive(Clone, Debug)]
pub struct Node {
    pub title: String,
    pub url: String,
    pub status: Option<Status>,
}

/// The words the drawing shows, already translated.
pub struct Words<'a> {
    /// Column headings: goals, strategies, tactics, evaluations.
    pub headings: [&'a str; 4],
    /// The name of the band of what serves no goal.
    pub unlinked: &'a str,
    /// The tooltip added to a cross-reference; `{band}` stands for the name of the band that
    /// draws the document.
    pub drawn_in: &'a str,
}

/// The documents and the references between them, as positions in the lists.
pub struct MapInput<'a> {
    /// The prefix of the ids of the bands' titles.
    pub id: &'a str,
    pub goals: Vec<Node>,
    /// Each goal's key: unique, safe in an id and a URL fragment (`goal-<key>` is its band).
    pub goal_keys: Vec<String>,
    pub strategies: Vec<Node>,
    pub tactics: Vec<Node>,
    pub evaluations: Vec<Node>,
    /// For each strategy, the goals it serves, in the order it names them: it is drawn in the
    /// first one's band.
    pub strategy_goals: Vec<Vec<usize>>,
    /// For each tactic, the strategies it serves, in the order it names them.
    pub tactic_strategies: Vec<Vec<usize>>,
    /// For each evaluation, the goals it measures, in the order it names them.
    pub evaluation_goals: Vec<Vec<usize>>,
    pub words: Words<'a>,
}

/// The map, laid out: what the template `svg/map.html` draws.
#[derive(Debug, Serialize)]
pub struct Map {
    pub width: String,
    pub head_height: String,
    pub headings: Vec<Label>,
    pub bands: Vec<Band>,
}

/// One band: a picture of its own, whose HTML container has the id `anchor`.
#[derive(Debug, Serialize)]
pub struct Band {
    /// `goal-<key>`, or `map-unlinked` for the band of what serves no goal.
    pub anchor: String,
    /// The goal's key; `None` for the band of what serves no goal.
    pub key: Option<String>,
    pub frame: Frame,
    /// The background's width and height.
    pub bg_width: String,
    pub bg_height: String,
    /// Where the rule between the tactics and the evaluations runs, and how far down.
    pub rule_x: String,
    pub rule_end: String,
    /// The name of the band of what serves no goal, where a goal's box would be.
    pub label: Vec<Label>,
    pub edges: Vec<Edge>,
    pub nodes: Vec<NodeBox>,
    /// The band's height, for the tests.
    #[serde(skip)]
    pub height: f64,
}

/// A curve from one node's right edge to another's left edge.
#[derive(Debug, Serialize)]
pub struct Edge {
    pub d: String,
    /// Whether it leads to a cross-reference.
    pub cross: bool,
    /// The keys of the goals other than the band's that it is connected to, space-separated.
    pub also: String,
    #[serde(skip)]
    pub ends: ((f64, f64), (f64, f64)),
}

/// A node's box and its lines, linking to its page (or, for a cross-reference, to the band
/// that draws it).
#[derive(Debug, Serialize)]
pub struct NodeBox {
    pub url: String,
    /// The whole title, with the status or where a cross-reference is drawn.
    pub tooltip: String,
    /// `goal on_track`, `tactic active`, `strategy cross` …
    pub class: String,
    pub x: String,
    pub y: String,
    pub width: String,
    pub height: String,
    pub text_x: String,
    pub lines: Vec<Line>,
    /// The keys of the goals other than the band's that it is connected to, space-separated.
    pub also: String,
    #[serde(skip)]
    pub column: Column,
    #[serde(skip)]
    pub cross: bool,
    #[serde(skip)]
    pub rect: Rect,
}

/// One line of a label: its baseline and text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub y: String,
    pub text: String,
}

/// A box, in the band's coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// Whether two boxes share any area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }
}

/// The id of the band of the goal whose key is `key`.
pub fn band_anchor(key: &str) -> String {
    format!("goal-{key}")
}

/// The map laid out: a band per goal, then one for what serves no goal, if anything does.
pub fn map(input: &MapInput<'_>) -> Map {
    let graph = bands::Graph::new(input);
    let plans = graph.bands(input.tactics.len());
    let names = layout::Names::new(input);
    let bands = plans
        .iter()
        .enumerate()
        .map(|(n, plan)| layout::band(input, &graph, &names, n, plan))
        .collect();
    let headings = input
        .words
        .headings
        .iter()
        .zip(COLUMNS)
        .map(|(heading, x)| Label {
            x: number(x + layout::PAD_X),
            y: "18".into(),
            anchor: "start",
            text: (*heading).to_owned(),
        })
        .collect();
    Map {
        width: number(W),
        head_height: number(HEAD_H),
        headings,
        bands,
    }
}
