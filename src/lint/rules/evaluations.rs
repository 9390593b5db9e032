//! Rules about evaluation: a review rhythm, reviews that happen, and measurements that fall
//! within the time of the goal they measure and were taken by today.

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::plan::Kind;

declare_rule!(pub EVALUATION_MISSING_CADENCE, "evaluation-missing-cadence", Warn, "evaluation has no `cadence`");
declare_rule!(pub EVALUATION_REVIEW_OVERDUE, "evaluation-review-overdue", Warn, "evaluation's `next_review` is before today");
declare_rule!(
    pub MEASUREMENT_OUT_OF_WINDOW, "measurement-out-of-window", Warn,
    "a measurement is dated outside its goal's `start`..`deadline`"
);
declare_rule!(
    pub MEASUREMENT_IN_FUTURE, "measurement-in-future", Warn,
    "a measurement is dated after today, so it is not counted toward progress"
);

pub(super) static RULES: &[&Rule] = &[
    &EVALUATION_MISSING_CADENCE,
    &EVALUATION_REVIEW_OVERDUE,
    &MEASUREMENT_OUT_OF_WINDOW,
    &MEASUREMENT_IN_FUTURE,
];

pub(super) fn check(cx: &mut Cx<'_>) {
    let plan = cx.plan;
    for doc in plan.of_kind(Kind::Evaluation) {
        let Some(evaluation) = doc.evaluation() else {
            continue;
        };
        if evaluation.cadence.is_none() && !doc.is_invalid("cadence") {
            cx.report_key(
                &EVALUATION_MISSING_CADENCE,
                doc,
                "cadence",
                format!(
                    "evaluation `{}` has no `cadence`: a measurement with no rhythm stops being taken",
                    doc.id
                ),
                "add how often it is reviewed, e.g. `cadence = \"monthly\"`",
            );
        }
        if let Some(next) = &evaluation.next_review
            && next.value < cx.today
        {
            cx.report(
                &EVALUATION_REVIEW_OVERDUE,
                doc.source(),
                next.span.clone(),
                format!(
                    "evaluation `{}` was due for review on {} (today is {})",
                    doc.id, next.value, cx.today
                ),
                "hold the review, record its measurements, and move `next_review` forward",
            );
        }
        for m in &evaluation.measurements {
            let Some(date) = &m.value.date else { continue };
            if date.value > cx.today {
                cx.report(
                    &MEASUREMENT_IN_FUTURE,
                    doc.source(),
                    date.span.clone(),
                    format!(
                        "measurement in `{}` is dated {}, after today ({}): it is not counted toward progress",
                        doc.id, date.value, cx.today
                    ),
                    "check the date (a typo in the year or month?); record a measurement once it has been taken",
                );
            }
            let Some(goal_id) = evaluation.goal_of(&m.value).map(|g| &g.value) else {
                continue;
            };
            let Some(goal) = plan.get(goal_id).and_then(|d| d.goal()) else {
                continue;
            };
            let start = goal.start.as_ref().map(|s| s.value);
            let deadline = goal.deadline.as_ref().map(|d| d.value);
            let before = start.is_some_and(|s| date.value < s);
            let after = deadline.is_some_and(|d| date.value > d);
            if before || after {
                let window = super::date_range(start, deadline);
                cx.report(
                    &MEASUREMENT_OUT_OF_WINDOW,
                    doc.source(),
                    date.span.clone(),
                    format!(
                        "measurement of `{goal_id}` dated {} falls outside the goal's window {window}",
                        date.value
                    ),
                    "check the date; record a starting value as the goal's `baseline` instead of a measurement",
                );
            }
        }
    }
}
