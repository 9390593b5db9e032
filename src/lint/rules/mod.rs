//! The rule groups, one file each, and the order they run in.

mod capacity;
mod channels;
mod checkin;
mod documents;
mod evaluations;
mod goals;
mod history;
pub(super) mod references;
mod structure;
pub(crate) mod tactics;
mod wording;

use rayon::prelude::*;

use super::Cx;
use crate::diagnostic::Rule;
use crate::plan::{Kind, Plan};

/// The rules of every group, for the registry.
pub(super) static RULES: &[&[&Rule]] = &[
    references::RULES,
    documents::RULES,
    goals::RULES,
    wording::RULES,
    structure::RULES,
    tactics::RULES,
    capacity::RULES,
    channels::RULES,
    evaluations::RULES,
    history::RULES,
    checkin::RULES,
];

pub(super) fn check_all(cx: &mut Cx<'_>) {
    type Check = fn(&mut Cx<'_>);
    const GROUPS: [Check; 11] = [
        references::check,
        documents::check,
        goals::check,
        wording::check,
        structure::check,
        tactics::check,
        capacity::check,
        channels::check,
        evaluations::check,
        history::check,
        checkin::check,
    ];
    // The groups only read the plan: they run in parallel, each into its own list, and their
    // findings are joined in the groups' order (as if they had run one after the other).
    let found: Vec<Vec<crate::diagnostic::Diagnostic>> = GROUPS
        .par_iter()
        .map(|check| {
            let mut own = cx.fork();
            check(&mut own);
            own.diagnostics
        })
        .collect();
    cx.diagnostics.extend(found.into_iter().flatten());
}

/// `2027-01-01..2027-12-31`, with `…` for an open end: how messages show a window of dates.
fn date_range(start: Option<jiff::civil::Date>, end: Option<jiff::civil::Date>) -> String {
    let show = |d: Option<jiff::civil::Date>| d.map_or_else(|| "…".to_owned(), |d| d.to_string());
    format!("{}..{}", show(start), show(end))
}

/// An id to show in a help's example: the plan's id of `kind` nearest to `near`, or the field's
/// shape (`<goal id>`) when the plan has none, so a help never invents an id.
fn example_id(plan: &Plan, kind: Kind, near: &str) -> String {
    plan.of_kind(kind)
        .map(|d| (strsim::damerau_levenshtein(near, &d.id), d.id.as_str()))
        .min()
        .map_or_else(|| format!("<{} id>", kind.name()), |(_, id)| id.to_owned())
}
