//! Which band of the strategy map draws each document. Every goal has a band; a strategy is
//! drawn in the band of the first goal it names, a tactic under the first strategy it names, an
//! evaluation in the band of the first goal it names (the input lists them in that order); what
//! serves nothing goes to a last band of its own. Any other reference is drawn in the band that makes it, as a
//! cross-reference to where the document is drawn, so that no curve leaves its band. Also which
//! goals each drawn item is connected to, for the focus on one goal. No geometry here.

use super::MapInput;

/// A document in a band: drawn there, or a cross-reference to the band that draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Item {
    Home(usize),
    Cross { index: usize, band: usize },
}

impl Item {
    pub(super) fn index(self) -> usize {
        match self {
            Item::Home(i) | Item::Cross { index: i, .. } => i,
        }
    }
}

/// A strategy (none for the tactics of no strategy) and the tactics drawn beside it.
#[derive(Debug, PartialEq)]
pub(super) struct Slot {
    pub strategy: Option<Item>,
    pub tactics: Vec<Item>,
    /// The goals the strategy is connected to: all it serves where it is drawn, the band's
    /// goal where it is a cross-reference. Its tactics are reached from them.
    pub reach: Vec<usize>,
}

/// What one band holds.
#[derive(Debug, PartialEq)]
pub(super) struct BandPlan {
    /// The band's goal; `None` for the band of what serves no goal.
    pub goal: Option<usize>,
    pub slots: Vec<Slot>,
    /// Curves from a slot's strategy to a tactic drawn under another slot of the band.
    pub links: Vec<(usize, usize)>,
    pub evaluations: Vec<Item>,
}

/// The references of the input, looked up both ways, deduplicated, in document order.
pub(super) struct Graph {
    pub strategy_goals: Vec<Vec<usize>>,
    pub tactic_strategies: Vec<Vec<usize>>,
    pub evaluation_goals: Vec<Vec<usize>>,
    goal_strategies: Vec<Vec<usize>>,
    strategy_tactics: Vec<Vec<usize>>,
    goal_evaluations: Vec<Vec<usize>>,
    /// The goals each tactic serves through its strategies, sorted.
    pub tactic_goals: Vec<Vec<usize>>,
}

/// `lists` without repeats or indices at or past `bound`, first occurrences kept in order.
fn clean(lists: &[Vec<usize>], bound: usize) -> Vec<Vec<usize>> {
    lists
        .iter()
        .map(|list| {
            let mut out: Vec<usize> = Vec::with_capacity(list.len());
            for &i in list {
                if i < bound && !out.contains(&i) {
                    out.push(i);
                }
            }
            out
        })
        .collect()
}

/// For each of `count` targets, the sources that name it, in source order.
fn invert(lists: &[Vec<usize>], count: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); count];
    for (source, list) in lists.iter().enumerate() {
        for &target in list {
            out[target].push(source);
        }
    }
    out
}

impl Graph {
    pub(super) fn new(input: &MapInput<'_>) -> Graph {
        let (goals, strategies) = (input.goals.len(), input.strategies.len());
        let strategy_goals = clean(&input.strategy_goals, goals);
        let tactic_strategies = clean(&input.tactic_strategies, strategies);
        let evaluation_goals = clean(&input.evaluation_goals, goals);
        let tactic_goals = tactic_strategies
            .iter()
            .map(|list| {
                let mut reach: Vec<usize> = list.iter().flat_map(|&s| strategy_goals[s].iter().copied()).collect();
                reach.sort_unstable();
                reach.dedup();
                reach
            })
            .collect();
        Graph {
            goal_strategies: invert(&strategy_goals, goals),
            strategy_tactics: invert(&tactic_strategies, strategies),
            goal_evaluations: invert(&evaluation_goals, goals),
            strategy_goals,
            tactic_strategies,
            evaluation_goals,
            tactic_goals,
        }
    }

    /// The band that draws each strategy: its first goal's, else the last band (`unlinked`).
    fn strategy_band(&self, s: usize, unlinked: usize) -> usize {
        self.strategy_goals[s].first().copied().unwrap_or(unlinked)
    }

    /// The strategy a tactic is drawn under, if any, and its band.
    fn tactic_home(&self, t: usize, unlinked: usize) -> (Option<usize>, usize) {
        match self.tactic_strategies[t].first() {
            Some(&s) => (Some(s), self.strategy_band(s, unlinked)),
            None => (None, unlinked),
        }
    }

    fn evaluation_band(&self, e: usize, unlinked: usize) -> usize {
        self.evaluation_goals[e].first().copied().unwrap_or(unlinked)
    }

    /// The slot of strategy `s` in `band`, with the curves to tactics drawn under another slot
    /// of the same band added to `links` (as from slot number `slot`).
    fn slot(&self, s: usize, band: usize, unlinked: usize, (slot, links): (usize, &mut Vec<(usize, usize)>)) -> Slot {
        let home = self.strategy_band(s, unlinked);
        if home != band {
            return Slot {
                strategy: Some(Item::Cross { index: s, band: home }),
                tactics: Vec::new(),
                reach: vec![band],
            };
        }
        let mut tactics = Vec::new();
        for &t in &self.strategy_tactics[s] {
            match self.tactic_home(t, unlinked) {
                (Some(under), _) if under == s => tactics.push(Item::Home(t)),
                (_, there) if there == band => links.push((slot, t)),
                (_, there) => tactics.push(Item::Cross { index: t, band: there }),
            }
        }
        Slot {
            strategy: Some(Item::Home(s)),
            tactics,
            reach: self.strategy_goals[s].clone(),
        }
    }

    /// Every band: one per goal, in order, then the band of what serves no goal if there is
    /// any of it.
    pub(super) fn bands(&self, tactics: usize) -> Vec<BandPlan> {
        let unlinked = self.goal_strategies.len();
        let mut bands: Vec<BandPlan> = (0..unlinked)
            .map(|g| {
                let mut links = Vec::new();
                let slots = self.goal_strategies[g]
                    .iter()
                    .enumerate()
                    .map(|(n, &s)| self.slot(s, g, unlinked, (n, &mut links)))
                    .collect();
                let evaluations = self.goal_evaluations[g]
                    .iter()
                    .map(|&e| match self.evaluation_band(e, unlinked) {
                        home if home == g => Item::Home(e),
                        home => Item::Cross { index: e, band: home },
                    })
                    .collect();
                BandPlan {
                    goal: Some(g),
                    slots,
                    links,
                    evaluations,
                }
            })
            .collect();
        let mut links = Vec::new();
        let mut slots: Vec<Slot> = (0..self.strategy_goals.len())
            .filter(|&s| self.strategy_goals[s].is_empty())
            .enumerate()
            .map(|(n, s)| self.slot(s, unlinked, unlinked, (n, &mut links)))
            .collect();
        let lone: Vec<Item> = (0..tactics)
            .filter(|&t| self.tactic_strategies[t].is_empty())
            .map(Item::Home)
            .collect();
        if !lone.is_empty() {
            slots.push(Slot {
                strategy: None,
                tactics: lone,
                reach: Vec::new(),
            });
        }
        let evaluations: Vec<Item> = (0..self.evaluation_goals.len())
            .filter(|&e| self.evaluation_goals[e].is_empty())
            .map(Item::Home)
            .collect();
        if !slots.is_empty() || !evaluations.is_empty() {
            bands.push(BandPlan {
                goal: None,
                slots,
                links,
                evaluations,
            });
        }
        bands
    }
}
