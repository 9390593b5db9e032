//! Rule `checkin-stale`: a goal whose check-in is late, as `plan::checkin` judges it (the overview's
//! "Needs attention" asks the same), reported at the `cadence` of the evaluation that sets the pace.

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::plan::Kind;
use crate::plan::checkin::{self, allowed_days, grace};

declare_rule!(
    pub CHECKIN_STALE, "checkin-stale", Warn,
    "a goal's latest measurement is older than its evaluation's cadence plus half a cadence of grace"
);

pub(super) static RULES: &[&Rule] = &[&CHECKIN_STALE];

pub(super) fn check(cx: &mut Cx<'_>) {
    if !cx.enabled(&CHECKIN_STALE) {
        return;
    }
    let plan = cx.plan;
    for (g, doc) in plan.documents.iter().enumerate() {
        if doc.kind != Kind::Goal {
            continue;
        }
        let Some(progress) = checkin::progress_of(plan, cx.graph, g, cx.today) else {
            continue;
        };
        let Some(late) = checkin::late(plan, cx.graph, g, &progress, cx.today) else {
            continue;
        };
        let evaluation = &plan.documents[late.evaluation];
        let what = if late.measured {
            format!("was last measured on {}", late.since)
        } else {
            format!("has not been measured since it started on {}", late.since)
        };
        let message = format!(
            "goal `{}` {what}, {} days ago: more than `{}` ({} days) plus {} days of grace (today is {})",
            doc.id,
            late.days,
            late.cadence_text,
            late.cadence.days(),
            grace(late.cadence),
            cx.today
        );
        debug_assert!(late.days > allowed_days(late.cadence));
        let help = format!(
            "record the latest value in `{}`: `stratagem checkin {} VALUE`; or set the goal's `status` if it is over",
            evaluation.path, doc.id
        );
        cx.report_key(&CHECKIN_STALE, evaluation, "cadence", message, help);
    }
}
