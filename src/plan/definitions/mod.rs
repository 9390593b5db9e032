//! The one table of the plan format: every key of plan.toml and of each kind's front matter, with
//! its type, whether a plan needs it, and what it means. The loader's known keys, `unknown-field`,
//! `stratagem schema` and the language server's hover all read it; nothing else lists fields.
//!
//! Imports: the plan's vocabularies only.

mod documents;
mod settings;

use super::model::Kind;
use super::practices::Practice;
use super::vocabulary::{Direction, GoalStatus, RevisedField, TacticStatus, Vocabulary};

/// One key of a table: its name, the type of its value, whether a plan needs it, and one sentence
/// on what it means.
#[derive(Debug)]
pub struct FieldDef {
    pub name: &'static str,
    pub ty: FieldType,
    pub required: Required,
    pub doc: &'static str,
}

/// Whether a plan must set a field: lint reports a missing one as an error (`missing-title` …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Required {
    No,
    Yes,
    /// Required of goals, strategies, tactics and evaluations; a free page may leave it out.
    ExceptPages,
}

/// The type of a field's value, as the loader reads it.
#[derive(Debug)]
pub enum FieldType {
    /// A string (empty reads as absent).
    String,
    /// A BCP 47 language tag such as `vi` or `en-GB`.
    LanguageTag,
    /// A TOML local date, `2027-06-30`.
    Date,
    /// An integer or a float within ±10¹⁵.
    Number,
    /// A whole number.
    Integer,
    /// A whole number of at least 1.
    PositiveInteger,
    Bool,
    /// A list of strings; one string reads as a list of one.
    Strings,
    /// One word of a closed vocabulary.
    OneOf(Vocab),
    /// A list of words of a vocabulary (a word outside it is a lint finding, not a type error).
    ListOf(Vocab),
    /// A number, a date or a string: whichever the revised field holds.
    Scalar,
    /// A table with these keys (inline `{ … }` or `[key]`).
    Table(&'static [FieldDef]),
    /// An array of tables (`[[key]]`), each with these keys.
    Tables(&'static [FieldDef]),
    /// A table of strings with any keys (`[strings]`).
    StringMap,
    /// Anything: never checked (`[extra]`).
    Free,
    /// plan.toml `[lint]`: rule id → `"allow" | "warn" | "deny"` or `{ level = …, option = number }`.
    RuleLevels,
    /// A document's `[lint.allow]`: rule id → reason, or `{ reason = …, until = DATE }`.
    RuleAllowances,
}

/// The closed vocabularies a field may take its words from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vocab {
    Kind,
    GoalStatus,
    TacticStatus,
    Direction,
    RevisedField,
    Practice,
}

impl Vocab {
    /// Every word, in the order help texts list them.
    pub fn names(self) -> Vec<&'static str> {
        match self {
            Vocab::Kind => Kind::names().collect(),
            Vocab::GoalStatus => GoalStatus::names().collect(),
            Vocab::TacticStatus => TacticStatus::names().collect(),
            Vocab::Direction => Direction::names().collect(),
            Vocab::RevisedField => RevisedField::names().collect(),
            Vocab::Practice => Practice::names().collect(),
        }
    }
}

impl FieldDef {
    /// The keys of its table, or of each table of its array; none for other types.
    pub fn sub_fields(&self) -> &'static [FieldDef] {
        match self.ty {
            FieldType::Table(fields) | FieldType::Tables(fields) => fields,
            _ => &[],
        }
    }

    /// Whether a document of `kind` (None: plan.toml) must set it.
    pub fn required_in(&self, kind: Option<Kind>) -> bool {
        match self.required {
            Required::No => false,
            Required::Yes => true,
            Required::ExceptPages => kind != Some(Kind::Page),
        }
    }
}

/// The keys every document's front matter may hold.
pub fn common() -> &'static [FieldDef] {
    documents::COMMON
}

/// The keys particular to `kind`'s front matter (besides [`common`]).
pub fn of_kind(kind: Kind) -> &'static [FieldDef] {
    match kind {
        Kind::Goal => documents::GOAL,
        Kind::Strategy => documents::STRATEGY,
        Kind::Tactic => documents::TACTIC,
        Kind::Evaluation => documents::EVALUATION,
        Kind::Page => &[],
    }
}

/// The keys of plan.toml.
pub fn plan() -> &'static [FieldDef] {
    settings::PLAN
}

/// Every top-level key of `kind`'s front matter (common ones first), or of plan.toml for None.
pub fn top_level(kind: Option<Kind>) -> impl Iterator<Item = &'static FieldDef> {
    let (first, second) = match kind {
        Some(kind) => (common(), of_kind(kind)),
        None => (plan(), &[][..]),
    };
    first.iter().chain(second)
}

/// The names of these fields, for a reader's list of known keys.
pub fn names(fields: &'static [FieldDef]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

/// The names of a sub-table's keys: `sub_names(Some(Kind::Tactic), "budget")`. Empty when the
/// key has no table.
pub fn sub_names(kind: Option<Kind>, key: &str) -> Vec<&'static str> {
    field(kind, key).map_or_else(Vec::new, |f| names(f.sub_fields()))
}

/// The names of the keys of `key`'s table among `fields`: `sub_names_of(common(), "lint")`.
pub fn sub_names_of(fields: &'static [FieldDef], key: &str) -> Vec<&'static str> {
    fields
        .iter()
        .find(|f| f.name == key)
        .map_or_else(Vec::new, |f| names(f.sub_fields()))
}

/// The definition of a key of `kind`'s front matter (None: plan.toml). A dotted name reaches into
/// tables: `budget.amount`, `measurements.value`, `period.start`, `lint.allow`.
pub fn field(kind: Option<Kind>, name: &str) -> Option<&'static FieldDef> {
    let mut parts = name.split('.');
    let first = parts.next()?;
    let mut def = top_level(kind).find(|f| f.name == first)?;
    for part in parts {
        def = def.sub_fields().iter().find(|f| f.name == part)?;
    }
    Some(def)
}

#[cfg(test)]
mod tests;
