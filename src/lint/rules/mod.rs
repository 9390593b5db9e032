//! The rule groups, one file each, and the order they run in.

mod channels;
mod documents;
mod evaluations;
mod goals;
mod references;
mod structure;
mod tactics;
mod wording;

use super::Cx;
use crate::diagnostic::Rule;

/// The rules of every group, for the registry.
pub(super) static RULES: &[&[&Rule]] = &[
    references::RULES,
    documents::RULES,
    goals::RULES,
    wording::RULES,
    structure::RULES,
    tactics::RULES,
    channels::RULES,
    evaluations::RULES,
];

pub(super) fn check_all(cx: &mut Cx<'_>) {
    references::check(cx);
    documents::check(cx);
    goals::check(cx);
    wording::check(cx);
    structure::check(cx);
    tactics::check(cx);
    channels::check(cx);
    evaluations::check(cx);
}

/// `2027-01-01..2027-12-31`, with `…` for an open end: how messages show a window of dates.
fn date_range(start: Option<jiff::civil::Date>, end: Option<jiff::civil::Date>) -> String {
    let show = |d: Option<jiff::civil::Date>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
    format!("{}..{}", show(start), show(end))
}
