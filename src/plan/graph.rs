//! The plan's relationships in both directions, computed once: which strategies serve a goal,
//! which tactics carry out a strategy, which evaluations measure a goal, the measurements of each
//! goal in date order, the tactics on each channel, and what each owner owns.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::civil::Date;

use super::{Kind, Plan};

/// One recorded value of a goal's metric.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub date: Date,
    pub value: f64,
    pub note: Option<String>,
    pub confidence: Option<super::Confidence>,
    /// Index of the evaluation that recorded it.
    pub evaluation: usize,
}

impl Point {
    /// Dated after `today`: shown as such, never counted toward progress.
    pub fn is_after(&self, today: Date) -> bool {
        self.date > today
    }
}

/// Indices into `plan.documents`, grouped by relation. Every list is in document (path) order.
#[derive(Debug, Default, PartialEq)]
pub struct Graph {
    pub goal_strategies: HashMap<usize, Vec<usize>>,
    pub goal_evaluations: HashMap<usize, Vec<usize>>,
    pub strategy_goals: HashMap<usize, Vec<usize>>,
    pub strategy_tactics: HashMap<usize, Vec<usize>>,
    pub tactic_strategies: HashMap<usize, Vec<usize>>,
    pub evaluation_goals: HashMap<usize, Vec<usize>>,
    /// Measurements per goal, sorted by date.
    pub measurements: HashMap<usize, Vec<Point>>,
    /// Tactics per channel id.
    pub channel_tactics: BTreeMap<String, Vec<usize>>,
    /// Documents per owner name (pages excluded).
    pub owners: BTreeMap<String, Vec<usize>>,
    /// The ids listed, as written, whether they resolve or not.
    pub listed: Listed,
}

/// The ids the plan's documents list in their reference fields, as written: lint asks whether a
/// goal or a strategy is listed by anyone, which a dangling or duplicated id still answers.
#[derive(Debug, Default, PartialEq)]
pub struct Listed {
    /// Goals listed by strategies (`goals`).
    pub goals_served: HashSet<String>,
    /// Goals listed by evaluations (`goals`, `measurements.goal`).
    pub goals_evaluated: HashSet<String>,
    /// Strategies listed by tactics (`strategy`, `strategies`).
    pub strategies_served: HashSet<String>,
}

impl Listed {
    fn new(plan: &Plan) -> Listed {
        let mut listed = Listed::default();
        let ids = |list: &[super::Spanned<String>]| list.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
        for doc in &plan.documents {
            if let Some(s) = doc.strategy() {
                listed.goals_served.extend(ids(&s.goals));
            }
            if let Some(e) = doc.evaluation() {
                listed.goals_evaluated.extend(ids(&e.goals));
                let named = e.measurements.iter().filter_map(|m| m.value.goal.as_ref());
                listed.goals_evaluated.extend(named.map(|g| g.value.clone()));
            }
            if let Some(t) = doc.tactic() {
                listed.strategies_served.extend(ids(&t.strategies));
            }
        }
        listed
    }
}

const EMPTY: &[usize] = &[];

fn get(map: &HashMap<usize, Vec<usize>>, i: usize) -> &[usize] {
    map.get(&i).map_or(EMPTY, Vec::as_slice)
}

impl Graph {
    /// Resolves every reference of the plan once. Dangling references are skipped (lint reports
    /// them); a reference to a document of the wrong kind is skipped too.
    pub fn new(plan: &Plan) -> Graph {
        let index: HashMap<&str, usize> = plan
            .documents
            .iter()
            .enumerate()
            .rev() // so that the first document with an id wins, as in `Plan::get`
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let find = |id: &str, kind: Kind| index.get(id).copied().filter(|&i| plan.documents[i].kind == kind);
        let mut g = Graph {
            listed: Listed::new(plan),
            ..Graph::default()
        };
        for (i, doc) in plan.documents.iter().enumerate() {
            if let Some(owner) = &doc.owner
                && doc.kind != Kind::Page
            {
                g.owners.entry(owner.value.clone()).or_default().push(i);
            }
            if let Some(strategy) = doc.strategy() {
                for goal in strategy.goals.iter().filter_map(|id| find(&id.value, Kind::Goal)) {
                    push_unique(&mut g.strategy_goals, i, goal);
                    push_unique(&mut g.goal_strategies, goal, i);
                }
            }
            if let Some(tactic) = doc.tactic() {
                for strategy in tactic
                    .strategies
                    .iter()
                    .filter_map(|id| find(&id.value, Kind::Strategy))
                {
                    push_unique(&mut g.tactic_strategies, i, strategy);
                    push_unique(&mut g.strategy_tactics, strategy, i);
                }
                for channel in &tactic.channels {
                    let list = g.channel_tactics.entry(channel.value.clone()).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
            if let Some(evaluation) = doc.evaluation() {
                for goal in evaluation.goals.iter().filter_map(|id| find(&id.value, Kind::Goal)) {
                    push_unique(&mut g.evaluation_goals, i, goal);
                    push_unique(&mut g.goal_evaluations, goal, i);
                }
                for m in &evaluation.measurements {
                    let goal = evaluation.goal_of(&m.value).and_then(|id| find(&id.value, Kind::Goal));
                    let (Some(goal), Some(date), Some(value)) = (goal, &m.value.date, &m.value.value) else {
                        continue;
                    };
                    push_unique(&mut g.evaluation_goals, i, goal);
                    push_unique(&mut g.goal_evaluations, goal, i);
                    g.measurements.entry(goal).or_default().push(Point {
                        date: date.value,
                        value: value.value,
                        note: m.value.note.as_ref().map(|n| n.value.clone()),
                        confidence: m.value.confidence.as_ref().map(|c| c.value),
                        evaluation: i,
                    });
                }
            }
        }
        for points in g.measurements.values_mut() {
            points.sort_by(|a, b| a.date.cmp(&b.date).then(a.evaluation.cmp(&b.evaluation)));
        }
        for map in [
            &mut g.goal_strategies,
            &mut g.goal_evaluations,
            &mut g.strategy_goals,
            &mut g.strategy_tactics,
            &mut g.evaluation_goals,
        ] {
            for list in map.values_mut() {
                list.sort_unstable();
            }
        }
        g
    }

    pub fn strategies_of_goal(&self, goal: usize) -> &[usize] {
        get(&self.goal_strategies, goal)
    }

    pub fn evaluations_of_goal(&self, goal: usize) -> &[usize] {
        get(&self.goal_evaluations, goal)
    }

    pub fn goals_of_strategy(&self, strategy: usize) -> &[usize] {
        get(&self.strategy_goals, strategy)
    }

    pub fn tactics_of_strategy(&self, strategy: usize) -> &[usize] {
        get(&self.strategy_tactics, strategy)
    }

    pub fn strategies_of_tactic(&self, tactic: usize) -> &[usize] {
        get(&self.tactic_strategies, tactic)
    }

    pub fn goals_of_evaluation(&self, evaluation: usize) -> &[usize] {
        get(&self.evaluation_goals, evaluation)
    }

    /// The goals a tactic serves through its strategies, without repeats, in document order.
    pub fn goals_of_tactic(&self, tactic: usize) -> Vec<usize> {
        let mut goals: Vec<usize> = self
            .strategies_of_tactic(tactic)
            .iter()
            .flat_map(|&s| self.goals_of_strategy(s).iter().copied())
            .collect();
        goals.sort_unstable();
        goals.dedup();
        goals
    }

    pub fn measurements_of(&self, goal: usize) -> &[Point] {
        self.measurements.get(&goal).map_or(&[], Vec::as_slice)
    }

    /// The documents within `hops` references of `start` (following references both ways), and
    /// `start` itself: what a page can show of a document that changed.
    pub fn neighbourhood(&self, start: &[usize], hops: usize) -> std::collections::BTreeSet<usize> {
        let maps = [
            &self.goal_strategies,
            &self.goal_evaluations,
            &self.strategy_goals,
            &self.strategy_tactics,
            &self.tactic_strategies,
            &self.evaluation_goals,
        ];
        let mut seen: std::collections::BTreeSet<usize> = start.iter().copied().collect();
        let mut frontier: Vec<usize> = start.to_vec();
        for _ in 0..hops {
            let mut next = Vec::new();
            for i in frontier {
                for map in maps {
                    for &j in get(map, i) {
                        if seen.insert(j) {
                            next.push(j);
                        }
                    }
                }
            }
            frontier = next;
        }
        seen
    }

    pub fn tactics_on_channel(&self, channel: &str) -> &[usize] {
        self.channel_tactics.get(channel).map_or(EMPTY, Vec::as_slice)
    }
}

fn push_unique(map: &mut HashMap<usize, Vec<usize>>, key: usize, value: usize) {
    let list = map.entry(key).or_default();
    if !list.contains(&value) {
        list.push(value);
    }
}
