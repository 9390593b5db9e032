//! Rules about people's time: the tactics an owner runs at the same time must fit the capacity
//! plan.toml gives them (`[owners."Social lead"] capacity = "20h/week"`).

use jiff::civil::Date;

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::plan::workload::{self, Rate, Week};

declare_rule!(
    pub OWNER_OVERLOADED, "owner-overloaded", Warn,
    "the tactics an owner runs at the same time ask more than their `capacity`"
);

pub(super) static RULES: &[&Rule] = &[&OWNER_OVERLOADED];

/// A stretch of consecutive weeks over capacity.
struct Stretch<'w> {
    weeks: &'w [Week],
}

impl Stretch<'_> {
    fn peak(&self) -> &Week {
        self.weeks
            .iter()
            .max_by(|a, b| a.load.total_cmp(&b.load))
            .expect("a stretch has a week")
    }

    fn last_day(&self) -> Date {
        let monday = self.weeks.last().expect("a stretch has a week").monday;
        monday.checked_add(jiff::Span::new().days(6)).unwrap_or(monday)
    }
}

pub(super) fn check(cx: &mut Cx<'_>) {
    for owner in &cx.plan.settings.owners {
        let Some(capacity) = &owner.capacity else { continue };
        let weeks = workload::weeks(cx.plan, &owner.name.value, capacity.value.unit);
        let stretches = over(&weeks, capacity.value.per_week);
        let Some(worst) = stretches.iter().max_by(|a, b| a.peak().load.total_cmp(&b.peak().load)) else {
            continue;
        };
        let message = message(cx, &owner.name.value, capacity.value, worst, stretches.len());
        let help = "move a tactic's `start` or `end`, give one to another owner, or raise the capacity in plan.toml";
        cx.report(
            &OWNER_OVERLOADED,
            cx.plan.settings.source(),
            capacity.span.clone(),
            message,
            help,
        );
    }
}

/// The stretches of consecutive weeks whose load is over `capacity`.
fn over(weeks: &[Week], capacity: f64) -> Vec<Stretch<'_>> {
    weeks
        .chunk_by(|a, b| (a.load > capacity) == (b.load > capacity))
        .filter(|run| run[0].load > capacity + 1e-9)
        .map(|weeks| Stretch { weeks })
        .collect()
}

fn message(cx: &Cx<'_>, owner: &str, capacity: Rate, worst: &Stretch<'_>, stretches: usize) -> String {
    let peak = worst.peak();
    let tactics: Vec<String> = peak
        .tactics
        .iter()
        .map(|&(i, demand)| format!("`{}` {}", cx.plan.documents[i].id, capacity.show(demand)))
        .collect();
    let weeks = worst.weeks.len();
    let mut message = format!(
        "`{owner}` is asked for up to {} from {} to {} ({weeks} week{}), over a capacity of {}: {}",
        capacity.show(peak.load),
        worst.weeks[0].monday,
        worst.last_day(),
        if weeks == 1 { "" } else { "s" },
        capacity.show(capacity.per_week),
        tactics.join(", "),
    );
    if stretches > 1 {
        message.push_str(&format!(
            " (and {} other stretch{} over it)",
            stretches - 1,
            if stretches == 2 { "" } else { "es" }
        ));
    }
    message
}
