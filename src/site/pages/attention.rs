//! "Needs attention", atop the overview: the plan's worst lint findings, the reviews due in the
//! next two weeks or overdue, the tactics that start or end in the next two weeks, and the goals
//! whose check-in is late (see `plan::checkin`).

use jiff::civil::Date;
use serde::Serialize;

use super::health::Finding;
use crate::diagnostic::Severity;
use crate::plan::checkin;
use crate::plan::{Kind, KindData};
use crate::site::model::{Link, Model};

/// How far ahead the overview looks, in days.
pub(super) const WINDOW: i64 = 14;
/// How many entries a group lists before "and N more".
const SHOWN: usize = 6;

/// Why something needs attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Concern {
    Review,
    Tactic,
    Stale,
}

impl Concern {
    const ALL: [Concern; 3] = [Concern::Review, Concern::Tactic, Concern::Stale];

    fn key(self) -> &'static str {
        match self {
            Concern::Review => "reviews",
            Concern::Tactic => "tactics",
            Concern::Stale => "stale",
        }
    }
}

/// A document that needs attention, and why, in words.
#[derive(Serialize)]
struct Entry<'a> {
    link: Link<'a>,
    what: String,
    /// Past its date (an overdue review, a stale measurement): shown as urgent.
    late: bool,
    #[serde(skip)]
    order: (bool, i64),
}

#[derive(Serialize)]
struct Group<'a> {
    key: &'static str,
    label: &'a str,
    entries: Vec<Entry<'a>>,
    more: usize,
}

/// What the overview's "Needs attention" shows.
/// A finding at the top, standing for the others of its rule in its file (`alike`): three future
/// measurements in one evaluation are one thing to fix.
#[derive(Serialize)]
struct Top<'a> {
    #[serde(flatten)]
    finding: Finding<'a>,
    alike: usize,
}

#[derive(Serialize)]
pub(super) struct Attention<'a> {
    findings: Vec<Top<'a>>,
    more_findings: usize,
    groups: Vec<Group<'a>>,
    /// Nothing at all needs attention.
    clear: bool,
}

pub(super) fn attention<'a>(model: &'a Model<'_>) -> Attention<'a> {
    let mut worst: Vec<_> = model.lint.diagnostics.iter().collect();
    // Errors first; a stable sort keeps the outcome's order (by file) within a severity.
    worst.sort_by_key(|d| d.severity != Severity::Error);
    let mut tops: Vec<(&crate::diagnostic::Diagnostic, usize)> = Vec::new();
    let mut first: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::new();
    for d in worst {
        match first.entry((d.file.as_str(), d.rule.id)) {
            std::collections::hash_map::Entry::Occupied(at) => tops[*at.get()].1 += 1,
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(tops.len());
                tops.push((d, 0));
            }
        }
    }
    let more_findings = tops.iter().skip(SHOWN).map(|(_, alike)| alike + 1).sum();
    let findings = tops
        .into_iter()
        .take(SHOWN)
        .map(|(d, alike)| Top {
            finding: Finding::new(model, d, model.page_of_file(&d.file).map(|i| model.link(i))),
            alike,
        })
        .collect::<Vec<_>>();
    let groups: Vec<Group<'a>> = Concern::ALL
        .into_iter()
        .filter_map(|concern| {
            let mut entries = entries(model, concern);
            // The latest first, then the soonest.
            entries.sort_by_key(|e| e.order);
            let more = entries.len().saturating_sub(SHOWN);
            entries.truncate(SHOWN);
            (!entries.is_empty()).then(|| Group {
                key: concern.key(),
                label: model.t(&format!("attention_{}", concern.key())),
                entries,
                more,
            })
        })
        .collect();
    Attention {
        clear: findings.is_empty() && groups.is_empty(),
        findings,
        more_findings,
        groups,
    }
}

fn entries<'a>(model: &'a Model<'_>, concern: Concern) -> Vec<Entry<'a>> {
    let today = model.today;
    let entry = |i: usize, what: String, days: i64| Entry {
        link: model.link(i),
        what,
        late: days < 0,
        order: (days >= 0, days),
    };
    match concern {
        Concern::Review => model
            .of_kind(Kind::Evaluation)
            .iter()
            .filter_map(|&i| {
                let due = model.doc(i).evaluation()?.next_review.as_ref()?.value;
                let days = days_between(today, due);
                (days <= WINDOW).then(|| {
                    entry(
                        i,
                        model.t("attention_review").replace("{when}", &when(model, days)),
                        days,
                    )
                })
            })
            .collect(),
        Concern::Tactic => model
            .of_kind(Kind::Tactic)
            .iter()
            .filter_map(|&i| {
                let KindData::Tactic(t) = &model.doc(i).data else {
                    return None;
                };
                let soon = |date: Option<Date>| {
                    date.map(|d| days_between(today, d))
                        .filter(|d| (0..=WINDOW).contains(d))
                };
                let (key, days) = match (
                    soon(t.start.as_ref().map(|s| s.value)),
                    soon(t.end.as_ref().map(|s| s.value)),
                ) {
                    (Some(days), _) if t.is_live() => ("attention_starts", days),
                    (_, Some(days)) if t.is_live() => ("attention_ends", days),
                    _ => return None,
                };
                Some(entry(i, model.t(key).replace("{when}", &when(model, days)), days))
            })
            .collect(),
        Concern::Stale => model
            .of_kind(Kind::Goal)
            .iter()
            .filter_map(|&g| stale(model, g).map(|(what, days)| entry(g, what, -days)))
            .collect(),
    }
}

/// "last measured 10 weeks ago · cadence: monthly", when goal `g`'s check-in is late (as
/// [`crate::plan::checkin::late`] judges it); with how many days ago that was.
fn stale(model: &Model<'_>, g: usize) -> Option<(String, i64)> {
    let progress = model.progress.get(&g)?;
    let late = checkin::late(model.plan, model.graph, g, progress, model.today)?;
    let key = if late.measured {
        "attention_last_measured"
    } else {
        "attention_never_measured"
    };
    let what = model
        .t(key)
        .replace("{when}", &when(model, -late.days))
        .replace("{cadence}", late.cadence_text);
    Some((what, late.days))
}

fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

/// "today", "tomorrow", "in 5 days", "3 days ago", "10 weeks ago" for a date `days` from today.
fn when(model: &Model<'_>, days: i64) -> String {
    let (key, n) = match days {
        0 => ("when_today", 0),
        1 => ("when_tomorrow", 1),
        -1 => ("when_yesterday", 1),
        d if d > 1 => ("when_in_days", d),
        d if d > -21 => ("when_days_ago", -d),
        d => ("when_weeks_ago", -d / 7),
    };
    model.t(key).replace("{n}", &n.to_string())
}
