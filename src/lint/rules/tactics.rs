//! Rules about a tactic's resources and schedule: social media is not free, and time runs forward.

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::plan::Kind;

declare_rule!(pub TACTIC_MISSING_BUDGET, "tactic-missing-budget", Warn, "tactic has no `budget`");
declare_rule!(pub TACTIC_DATES_INVERTED, "tactic-dates-inverted", Deny, "tactic's `end` is before its `start`");

pub(super) static RULES: &[&Rule] = &[&TACTIC_MISSING_BUDGET, &TACTIC_DATES_INVERTED];

pub(super) fn check(cx: &mut Cx<'_>) {
    for doc in cx.plan.of_kind(Kind::Tactic) {
        let Some(tactic) = doc.tactic() else { continue };
        if tactic.budget.is_none() && !doc.is_invalid("budget") && tactic.status() != "dropped" {
            cx.report_key(
                &TACTIC_MISSING_BUDGET,
                doc,
                "budget",
                format!(
                    "tactic `{}` has no `budget`: its time and money are not planned",
                    doc.id
                ),
                "add e.g. `budget = { amount = 1200, currency = \"EUR\" }` (use `amount = 0` for work done in-house)",
            );
        }
        if let (Some(start), Some(end)) = (&tactic.start, &tactic.end)
            && end.value < start.value
        {
            cx.report(
                &TACTIC_DATES_INVERTED,
                doc.source(),
                end.span.clone(),
                format!(
                    "tactic `{}` ends {} before it starts {}",
                    doc.id, end.value, start.value
                ),
                "swap `start` and `end`, or correct the year",
            );
        }
    }
}
