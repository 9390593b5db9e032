//! Rules about a tactic: its resources (social media is not free), its schedule (time runs
//! forward), and the practices it declares (a fixed vocabulary).

use crate::declare_rule;
use crate::diagnostic::{Rule, did_you_mean};
use crate::lint::Cx;
use crate::plan::{Kind, repair};
use crate::plan::{Practice, PracticeName, TacticStatus, Vocabulary};

declare_rule!(pub TACTIC_MISSING_BUDGET, "tactic-missing-budget", Warn, "tactic has no `budget`");
declare_rule!(pub TACTIC_DATES_INVERTED, "tactic-dates-inverted", Deny, "tactic's `end` is before its `start`");

declare_rule!(
    pub UNKNOWN_PRACTICE, "unknown-practice", Warn,
    "a tactic's `practices` names a practice outside the vocabulary",
    fix: Unsafe
);

pub(super) static RULES: &[&Rule] = &[&TACTIC_MISSING_BUDGET, &TACTIC_DATES_INVERTED, &UNKNOWN_PRACTICE];

pub(super) fn check(cx: &mut Cx<'_>) {
    for doc in cx.plan.of_kind(Kind::Tactic) {
        let Some(tactic) = doc.tactic() else { continue };
        if tactic.budget.is_none() && !doc.is_invalid("budget") && tactic.status() != TacticStatus::Dropped {
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
        let unknown = tactic.practices.iter().filter_map(|p| match &p.value {
            PracticeName::Unknown(word) => Some((word, &p.span)),
            PracticeName::Known(_) => None,
        });
        for (word, span) in unknown {
            let near = did_you_mean(word, Practice::names());
            let help = match near {
                Some(near) => {
                    format!("did you mean `{near}`? `stratagem explain unknown-practice` lists the vocabulary")
                }
                None => "`stratagem explain unknown-practice` lists the vocabulary".to_owned(),
            };
            cx.report(
                &UNKNOWN_PRACTICE,
                doc.source(),
                span.clone(),
                format!("tactic `{}` names an unknown practice `{word}`", doc.id),
                help,
            );
            cx.fix_last(doc.source(), near.map(|near| repair::near_word_fix(near, span.clone())));
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
