//! What an edit of some documents changed, in the terms the site's pages care about: which
//! documents, of which kinds, which of their shown fields, and whether lint findings or the
//! maturity assessment moved. The preview computes one [`Edit`] per rebuild (from the old and
//! the new version of each document) and every view decides from it whether to render again.
//!
//! May import the plan model only.

use jiff::civil::Date;

use crate::plan::{Direction, Document, Evaluation, Goal, GoalStatus, Kind, Spanned, Tactic};

/// A group of document fields that some page across the plan shows. Fields that only the
/// document's own page shows (tags, cadence, the body …) have none: the document's page and
/// its neighbours render again on any edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Owner,
    Description,
    /// `weight`: the order of the pages list.
    Weight,
    /// What a goal's progress and card follow from: metric, unit, baseline, target,
    /// direction, start, deadline, status.
    Progress,
    /// A tactic's status.
    Status,
    /// A tactic's start and end, an evaluation's next review and cadence.
    Dates,
    /// What a tactic asks of its owner: its cadence and effort.
    Workload,
    /// An evaluation's measurements.
    Measurements,
    Budget,
    /// A tactic's or a goal's channels.
    Channels,
    /// References to other documents: a strategy's goals, a tactic's strategies, an
    /// evaluation's goals.
    References,
}

/// A set of [`Field`]s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fields(u16);

impl Fields {
    pub const NONE: Fields = Fields(0);

    pub fn of(fields: &[Field]) -> Fields {
        Fields(fields.iter().fold(0, |bits, &f| bits | 1 << f as u16))
    }

    pub fn insert(&mut self, field: Field) {
        self.0 |= 1 << field as u16;
    }

    pub fn contains(self, field: Field) -> bool {
        self.0 & (1 << field as u16) != 0
    }

    /// Whether any of `fields` is in the set.
    pub fn any(self, fields: &[Field]) -> bool {
        self.0 & Fields::of(fields).0 != 0
    }

    /// The shown fields that differ between two versions of a document (spans aside).
    pub fn between(old: &Document, new: &Document) -> Fields {
        let mut fields = Fields::NONE;
        let mut check = |field: Field, differs: bool| {
            if differs {
                fields.insert(field);
            }
        };
        // A title's language is shown with it (`lang` on every link to the document).
        let language = value(&old.language) != value(&new.language);
        check(Field::Title, old.display_title() != new.display_title() || language);
        check(Field::Owner, value(&old.owner) != value(&new.owner));
        check(Field::Description, value(&old.description) != value(&new.description));
        check(Field::Weight, old.weight != new.weight);
        if let (Some(a), Some(b)) = (old.goal(), new.goal()) {
            check(Field::Progress, progress(a) != progress(b));
            check(Field::Channels, values(&a.channels) != values(&b.channels));
        }
        if let (Some(a), Some(b)) = (old.tactic(), new.tactic()) {
            check(Field::Status, value(&a.status) != value(&b.status));
            check(
                Field::Dates,
                (value(&a.start), value(&a.end)) != (value(&b.start), value(&b.end)),
            );
            check(Field::Budget, budget(a) != budget(b));
            check(
                Field::Workload,
                (value(&a.cadence), a.effort.as_ref().map(|e| e.value))
                    != (value(&b.cadence), b.effort.as_ref().map(|e| e.value)),
            );
            check(Field::Channels, values(&a.channels) != values(&b.channels));
            check(Field::References, values(&a.strategies) != values(&b.strategies));
        }
        if let (Some(a), Some(b)) = (old.strategy(), new.strategy()) {
            check(Field::References, values(&a.goals) != values(&b.goals));
        }
        if let (Some(a), Some(b)) = (old.evaluation(), new.evaluation()) {
            check(
                Field::Dates,
                (value(&a.next_review), value(&a.cadence)) != (value(&b.next_review), value(&b.cadence)),
            );
            check(Field::References, values(&a.goals) != values(&b.goals));
            check(Field::Measurements, measurements(a) != measurements(b));
        }
        fields
    }
}

type Shown<'a, T> = Option<&'a T>;

/// What a goal's progress and card follow from.
type GoalNumbers<'a> = (
    [Shown<'a, String>; 2],
    Shown<'a, Direction>,
    Shown<'a, GoalStatus>,
    [Shown<'a, f64>; 2],
    [Shown<'a, Date>; 2],
);

fn progress(g: &Goal) -> GoalNumbers<'_> {
    (
        [&g.metric, &g.unit].map(value),
        value(&g.direction),
        value(&g.status),
        [&g.baseline, &g.target].map(value),
        [&g.start, &g.deadline].map(value),
    )
}

fn budget(t: &Tactic) -> Option<(Shown<'_, f64>, Shown<'_, String>)> {
    t.budget
        .as_ref()
        .map(|b| (value(&b.value.amount), value(&b.value.currency)))
}

type Recorded<'a> = (Shown<'a, String>, Shown<'a, Date>, Shown<'a, f64>, Shown<'a, String>);

fn measurements(e: &Evaluation) -> Vec<Recorded<'_>> {
    e.measurements
        .iter()
        .map(|m| {
            let m = &m.value;
            (value(&m.goal), value(&m.date), value(&m.value), value(&m.note))
        })
        .collect()
}

fn value<T>(field: &Option<Spanned<T>>) -> Option<&T> {
    field.as_ref().map(|s| &s.value)
}

fn values<T>(list: &[Spanned<T>]) -> Vec<&T> {
    list.iter().map(|s| &s.value).collect()
}

/// What an edit changed, for the views to decide whether they render again.
#[derive(Clone, Debug, Default)]
pub struct Edit {
    /// The edited documents (sorted): their own pages render first, and the preview shows them
    /// before the rest of what the edit changes.
    pub edited: Vec<usize>,
    /// The documents whose pages render again: the edited ones and those within reach of them
    /// (sorted).
    pub pages: Vec<usize>,
    /// The fields changed, by the kind of the edited document (`Kind as usize`). An edit of no
    /// shown field (the body, say) changes only the pages in `pages`.
    pub fields: [Fields; 5],
    /// The lint findings the site shows changed.
    pub lint: bool,
    /// The documents whose own findings changed (sorted): their pages show them.
    pub findings: Vec<usize>,
    /// The error and warning counts changed.
    pub counts: bool,
    /// The maturity stage changed.
    pub stage: bool,
    /// Any maturity finding (or the stage) changed.
    pub maturity: bool,
}

impl Edit {
    /// Records an edited document of `kind` whose shown `fields` changed.
    pub fn record(&mut self, kind: Kind, fields: Fields) {
        self.fields[kind as usize].0 |= fields.0;
    }

    /// Whether a document of `kind` changed one of `fields`.
    pub fn changed(&self, kind: Kind, fields: &[Field]) -> bool {
        self.fields[kind as usize].any(fields)
    }

    /// Whether a document of any kind changed one of `fields`.
    pub fn changed_any(&self, fields: &[Field]) -> bool {
        Kind::ALL.iter().any(|&k| self.changed(k, fields))
    }

    /// Whether a goal's progress, status or latest value can have moved: its own numbers and
    /// dates, or the measurements that evaluations record for it.
    pub fn progress_moved(&self) -> bool {
        self.changed(Kind::Goal, &[Field::Progress])
            || self.changed(Kind::Evaluation, &[Field::Measurements, Field::References])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load;

    fn document(kind: &str, front: &str) -> Document {
        let dir = tempfile::tempdir().unwrap();
        let folder = Kind::from_name(kind).unwrap().folder();
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join("plan.toml"), "title = \"T\"\n").unwrap();
        let rel = format!("{folder}/x.md");
        std::fs::write(dir.path().join(&rel), format!("+++\n{front}\n+++\nBody\n")).unwrap();
        let loaded = load(dir.path(), crate::plan::Purpose::Site).unwrap();
        loaded.plan.documents.into_iter().next().unwrap()
    }

    #[test]
    fn finds_the_fields_that_changed_and_ignores_moved_spans() {
        let old = document("tactic", "title = \"A\"\nstatus = \"active\"\nstart = 2027-01-01");
        let same = document("tactic", "title   =   \"A\"\n\nstatus = \"active\"\nstart = 2027-01-01");
        assert_eq!(Fields::between(&old, &same), Fields::NONE);
        let new = document("tactic", "title = \"B\"\nstatus = \"done\"\nstart = 2027-01-02");
        assert_eq!(
            Fields::between(&old, &new),
            Fields::of(&[Field::Title, Field::Status, Field::Dates])
        );
    }

    #[test]
    fn measurements_and_goal_numbers_are_their_own_fields() {
        let old = document(
            "evaluation",
            "goals = [\"g\"]\nmeasurements = [{ date = 2027-01-01, value = 1 }]",
        );
        let new = document(
            "evaluation",
            "goals = [\"g\"]\nmeasurements = [{ date = 2027-01-01, value = 2 }]",
        );
        assert_eq!(Fields::between(&old, &new), Fields::of(&[Field::Measurements]));
        let old = document("goal", "owner = \"A\"\ntarget = 5");
        let new = document("goal", "owner = \"B\"\ntarget = 6");
        assert_eq!(
            Fields::between(&old, &new),
            Fields::of(&[Field::Owner, Field::Progress])
        );
    }

    #[test]
    fn an_edit_knows_what_changed_by_kind() {
        let mut edit = Edit::default();
        edit.record(Kind::Evaluation, Fields::of(&[Field::Measurements]));
        assert!(edit.progress_moved());
        assert!(!edit.changed(Kind::Goal, &[Field::Measurements]));
        assert!(!edit.changed_any(&[Field::Title]));
    }
}
