//! A goal's `[[revisions]]`: changes of its own fields that the team documented, with a reason.

use std::ops::Range;

use jiff::civil::Date;

use super::model::Spanned;
use super::vocabulary::RevisedField;

/// One `[[revisions]]` entry of a goal: on `date`, `field` went `from` → `to`, for `reason`.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    pub date: Option<Spanned<Date>>,
    pub field: Option<Spanned<RevisedField>>,
    pub from: Option<Spanned<RevisionValue>>,
    pub to: Option<Spanned<RevisionValue>>,
    pub reason: Option<Spanned<String>>,
    /// The entry's table in the file.
    pub span: Range<usize>,
}

/// A value a revision names: a number (target, baseline), a date (deadline, start) or text.
#[derive(Clone, Debug, PartialEq)]
pub enum RevisionValue {
    Number(f64),
    Date(Date),
    Text(String),
}
