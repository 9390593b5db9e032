//! Rules that read the plan's git history: a goal's target made easier or its deadline pushed
//! later once the goal had started, with no `[[revisions]]` entry that records the change.

use jiff::civil::Date;

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::history::{History, Version};
use crate::lint::Cx;
use crate::plan::{Direction, Document, Goal, Kind, RevisedField, RevisionValue};

declare_rule!(
    pub GOAL_MOVED_GOALPOST, "goal-moved-goalpost", Warn,
    "goal's target was made easier or its deadline pushed later after it started, with no `[[revisions]]` entry"
);

pub(super) static RULES: &[&Rule] = &[&GOAL_MOVED_GOALPOST];

/// Where a state of a goal was seen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// Index into the log's commits.
    Commit(usize),
    /// The file as it is now, different from its newest commit (an edit not committed yet).
    WorkTree,
}

/// The fields of a goal this rule compares, at one commit or in the work tree.
#[derive(Clone, Debug)]
struct State {
    origin: Origin,
    /// When the state was made: the commit's author date, or today for the work tree.
    made: Date,
    target: Option<f64>,
    deadline: Option<Date>,
    start: Option<Date>,
    direction: Option<Direction>,
}

impl State {
    fn of_version(history: &History, version: &Version) -> State {
        State {
            origin: Origin::Commit(version.commit),
            made: history.log.commits[version.commit].date,
            target: version.target,
            deadline: version.deadline,
            start: version.start,
            direction: version.direction,
        }
    }

    fn of_goal(goal: &Goal, today: Date) -> State {
        State {
            origin: Origin::WorkTree,
            made: today,
            target: goal.target.as_ref().map(|t| t.value),
            deadline: goal.deadline.as_ref().map(|d| d.value),
            start: goal.start.as_ref().map(|s| s.value),
            direction: goal.direction(),
        }
    }

    fn value(&self, field: RevisedField) -> Option<RevisionValue> {
        match field {
            RevisedField::Target => self.target.map(RevisionValue::Number),
            RevisedField::Deadline => self.deadline.map(RevisionValue::Date),
            _ => None,
        }
    }

    fn same_as(&self, other: &State) -> bool {
        (self.target, self.deadline, self.start, self.direction)
            == (other.target, other.deadline, other.start, other.direction)
    }
}

/// One change that made a goal easier to meet.
#[derive(Clone, Debug, PartialEq)]
struct Move {
    field: RevisedField,
    from: RevisionValue,
    to: RevisionValue,
    origin: Origin,
    made: Date,
    /// The goal's start the change was compared with.
    start: Date,
    direction: Option<Direction>,
}

pub(super) fn check(cx: &mut Cx<'_>) {
    let Some(history) = cx.history else { return };
    if !cx.enabled(&GOAL_MOVED_GOALPOST) {
        return;
    }
    let period_start = cx
        .plan
        .settings
        .period
        .as_ref()
        .and_then(|p| p.value.start.as_ref())
        .map(|s| s.value);
    for doc in cx.plan.of_kind(Kind::Goal) {
        let Some(goal) = doc.goal() else { continue };
        let Some(versions) = history.goals.get(&doc.path) else {
            continue;
        };
        let mut states: Vec<State> = versions.iter().map(|v| State::of_version(history, v)).collect();
        let now = State::of_goal(goal, cx.today);
        if states.last().is_some_and(|newest| !newest.same_as(&now)) {
            states.push(now);
        }
        for field in [RevisedField::Target, RevisedField::Deadline] {
            for found in moves(&states, field, period_start) {
                if !documented(goal, &found) {
                    report(cx, doc, history, &found);
                }
            }
        }
    }
}

/// Whether going from `from` to `to` makes the goal easier to meet: a lower target for a goal
/// to increase, a higher one for a goal to decrease, a later deadline.
fn easier(direction: Option<Direction>, from: &RevisionValue, to: &RevisionValue) -> bool {
    match (from, to) {
        (RevisionValue::Number(a), RevisionValue::Number(b)) => match direction {
            Some(Direction::Increase) => b < a,
            Some(Direction::Decrease) => b > a,
            Some(Direction::Maintain) | None => false,
        },
        (RevisionValue::Date(a), RevisionValue::Date(b)) => b > a,
        _ => false,
    }
}

/// The changes of `field` that made the goal easier after it had started and were not moved
/// back later (a later value at least as hard as the one before the change cancels it).
fn moves(states: &[State], field: RevisedField, period_start: Option<Date>) -> Vec<Move> {
    let first_commit = states.first().filter(|s| s.origin != Origin::WorkTree).map(|s| s.made);
    let mut found = Vec::new();
    let mut last: Option<(&State, RevisionValue)> = None;
    for (i, state) in states.iter().enumerate() {
        let Some(value) = state.value(field) else { continue };
        if let Some((before, from)) = last.replace((state, value.clone())) {
            // The direction and start of the goal as it stood before the change: moving the
            // start in the same commit does not hide the move.
            let direction = before.direction.or(state.direction);
            let start = before.start.or(state.start).or(period_start).or(first_commit);
            let started = start.is_some_and(|s| state.made >= s);
            let moved_back = states[i + 1..]
                .iter()
                .filter_map(|later| later.value(field))
                .any(|later| !easier(direction, &from, &later));
            if started && !moved_back && easier(direction, &from, &value) {
                found.push(Move {
                    field,
                    from,
                    to: value,
                    origin: state.origin,
                    made: state.made,
                    start: start.unwrap_or(state.made),
                    direction,
                });
            }
        }
    }
    found
}

/// A `[[revisions]]` entry of the same field, to the same new value, with a reason.
fn documented(goal: &Goal, found: &Move) -> bool {
    goal.revisions.iter().any(|r| {
        r.field.as_ref().is_some_and(|f| f.value == found.field)
            && r.to.as_ref().is_some_and(|to| to.value == found.to)
            && r.reason.is_some()
    })
}

fn report(cx: &mut Cx<'_>, doc: &Document, history: &History, found: &Move) {
    let key = found.field.name();
    let verb = match (found.field, found.direction) {
        (RevisedField::Deadline, _) => "pushed later".to_owned(),
        (_, Some(Direction::Decrease)) => "raised (the goal is to decrease it)".to_owned(),
        _ => "lowered".to_owned(),
    };
    let when = match found.origin {
        Origin::Commit(i) => {
            let commit = &history.log.commits[i];
            format!("in {} ({}, {})", commit.short, commit.date, commit.author)
        }
        Origin::WorkTree => "in the work tree (not committed yet)".to_owned(),
    };
    let message = format!(
        "goal `{}`: `{key}` was {verb} from {} to {} {when}, after the goal started on {}, and no \
         `[[revisions]]` entry records it",
        doc.id, found.from, found.to, found.start
    );
    let help = format!(
        "paste this at the end of the goal's front matter and write the reason, or restore \
         `{key} = {}`:\n\
         [[revisions]]\ndate = {}\nfield = \"{key}\"\nfrom = {}\nto = {}\nreason = \"…\"",
        found.from, found.made, found.from, found.to
    );
    let at = if doc.keys.iter().any(|(k, _)| k == key) {
        key
    } else {
        "title"
    };
    cx.report_key(&GOAL_MOVED_GOALPOST, doc, at, message, help);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(made: (i16, i8, i8), target: f64, deadline: (i16, i8, i8), start: Option<Date>) -> State {
        State {
            origin: Origin::Commit(0),
            made: jiff::civil::date(made.0, made.1, made.2),
            target: Some(target),
            deadline: Some(jiff::civil::date(deadline.0, deadline.1, deadline.2)),
            start,
            direction: Some(Direction::Increase),
        }
    }

    #[test]
    fn a_move_counts_after_the_start_and_unless_moved_back() {
        let start = Some(jiff::civil::date(2027, 1, 1));
        let a = state((2026, 12, 1), 120.0, (2027, 6, 30), start);
        let lowered_early = state((2026, 12, 15), 100.0, (2027, 6, 30), start);
        let lowered = state((2027, 2, 1), 90.0, (2027, 9, 30), start);
        let raised = state((2027, 3, 1), 120.0, (2027, 9, 30), start);
        let target = |states: &[State]| moves(states, RevisedField::Target, None);
        assert!(
            target(&[a.clone(), lowered_early.clone()]).is_empty(),
            "before the start"
        );
        let found = target(&[a.clone(), lowered.clone()]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (&found[0].from, &found[0].to),
            (&RevisionValue::Number(120.0), &RevisionValue::Number(90.0))
        );
        assert!(
            target(&[a.clone(), lowered.clone(), raised.clone()]).is_empty(),
            "moved back"
        );
        assert!(target(&[lowered.clone(), raised.clone()]).is_empty(), "tightened");
        let deadline = moves(&[a, lowered], RevisedField::Deadline, None);
        assert_eq!(deadline.len(), 1);
    }

    #[test]
    fn without_a_start_the_period_then_the_first_commit_is_the_start() {
        let a = state((2027, 1, 10), 120.0, (2027, 6, 30), None);
        let b = state((2027, 1, 20), 90.0, (2027, 6, 30), None);
        let target = |period| moves(&[a.clone(), b.clone()], RevisedField::Target, period);
        assert_eq!(target(None).len(), 1, "first commit");
        assert!(target(Some(jiff::civil::date(2027, 2, 1))).is_empty(), "period start");
    }
}
