//! The criteria of the model: six to reach evolving, seven more to reach
//! mastering. Each is a small check over the plan that returns its evidence.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{Criterion, Erring, Evidence, Factor, Finding, Stage};
use crate::lint::words::{Haystack, Phrase};
use crate::plan::{Kind, Plan};
use crate::plan::{Practice, TacticStatus};

use Factor::{Investment, Process, Strategy};
use Stage::{Evolving, Mastering};

pub static CRITERIA: &[Criterion] = &[
    Criterion {
        id: "plan-owner",
        stage: Evolving,
        factor: Investment,
        check: plan_owner,
    },
    Criterion {
        id: "business-goals",
        stage: Evolving,
        factor: Strategy,
        check: business_goals,
    },
    Criterion {
        id: "response-times",
        stage: Evolving,
        factor: Process,
        check: response_times,
    },
    Criterion {
        id: "training",
        stage: Evolving,
        factor: Investment,
        check: |p, _| practice(p, Practice::Training),
    },
    Criterion {
        id: "benchmarks",
        stage: Evolving,
        factor: Strategy,
        check: benchmarks,
    },
    Criterion {
        id: "central-platform",
        stage: Evolving,
        factor: Investment,
        check: central_platform,
    },
    Criterion {
        id: "listening",
        stage: Mastering,
        factor: Strategy,
        check: |p, _| practice(p, Practice::Listening),
    },
    Criterion {
        id: "cross-functional-goals",
        stage: Mastering,
        factor: Strategy,
        check: cross_functional_goals,
    },
    Criterion {
        id: "influencers",
        stage: Mastering,
        factor: Process,
        check: |p, _| practice(p, Practice::Influencers),
    },
    Criterion {
        id: "user-generated-content",
        stage: Mastering,
        factor: Process,
        check: |p, _| practice(p, Practice::UserGeneratedContent),
    },
    Criterion {
        id: "roi-attribution",
        stage: Mastering,
        factor: Strategy,
        check: roi_attribution,
    },
    Criterion {
        id: "employee-advocacy",
        stage: Mastering,
        factor: Investment,
        check: |p, _| practice(p, Practice::EmployeeAdvocacy),
    },
    Criterion {
        id: "automation",
        stage: Mastering,
        factor: Process,
        check: |p, _| practice(p, Practice::Automation),
    },
];

#[derive(Deserialize)]
struct RawWords {
    functions: Vec<String>,
    roi: Vec<String>,
}

struct Words {
    functions: Vec<Phrase>,
    roi: Vec<Phrase>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let raw: RawWords = toml::from_str(include_str!("words.toml")).expect("built-in word lists are valid TOML");
        Words {
            functions: Phrase::list(&raw.functions),
            roi: Phrase::list(&raw.roi),
        }
    })
}

fn documents(plan: &Plan, kind: Kind) -> impl Iterator<Item = (usize, &crate::plan::Document)> {
    plan.documents.iter().enumerate().filter(move |(_, d)| d.kind == kind)
}

fn passed_with(evidence: Vec<Evidence>) -> Finding {
    Finding {
        passed: !evidence.is_empty(),
        evidence,
    }
}

fn plan_owner(plan: &Plan, _: &Erring) -> Finding {
    let evidence = plan
        .settings
        .owner
        .iter()
        .map(|o| Evidence::Setting {
            key: "owner",
            value: o.value.clone(),
        })
        .collect();
    passed_with(evidence)
}

/// Passes when every one of `items` qualifies and there is at least one: the evidence is the
/// qualifying documents, or, on failure, those that fall short.
fn every(items: impl Iterator<Item = (usize, bool)>) -> Finding {
    let (good, short): (Vec<_>, Vec<_>) = items.partition(|&(_, ok)| ok);
    let evidence = |list: Vec<(usize, bool)>| list.into_iter().map(|(i, _)| Evidence::Document(i)).collect();
    if short.is_empty() && !good.is_empty() {
        Finding {
            passed: true,
            evidence: evidence(good),
        }
    } else {
        Finding {
            passed: false,
            evidence: evidence(short),
        }
    }
}

/// Every goal lints without error and has a `business_outcome` (and there is a goal).
fn business_goals(plan: &Plan, erring: &Erring) -> Finding {
    every(documents(plan, Kind::Goal).map(|(i, doc)| {
        let clean = !erring.has_error(i);
        (i, clean && doc.goal().is_some_and(|g| g.business_outcome.is_some()))
    }))
}

/// Every planned or active customer-facing tactic has a `response_time` (and there is one).
fn response_times(plan: &Plan, _: &Erring) -> Finding {
    every(documents(plan, Kind::Tactic).filter_map(|(i, doc)| {
        let tactic = doc.tactic()?;
        let facing = tactic
            .practices
            .iter()
            .any(|p| p.value.known().is_some_and(Practice::faces_customers));
        (tactic.status() != TacticStatus::Dropped && facing).then_some((i, tactic.response_time.is_some()))
    }))
}

/// A tactic that is not dropped declares the practice.
fn practice(plan: &Plan, wanted: Practice) -> Finding {
    let evidence = documents(plan, Kind::Tactic)
        .filter(|(_, d)| {
            d.tactic().is_some_and(|t| {
                t.status() != TacticStatus::Dropped && t.practices.iter().any(|p| p.value.known() == Some(wanted))
            })
        })
        .map(|(i, _)| Evidence::Document(i))
        .collect();
    passed_with(evidence)
}

fn benchmarks(plan: &Plan, _: &Erring) -> Finding {
    let evidence = plan
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            d.goal().is_some_and(|g| g.benchmark.is_some()) || d.evaluation().is_some_and(|e| e.benchmark.is_some())
        })
        .map(|(i, _)| Evidence::Document(i))
        .collect();
    passed_with(evidence)
}

fn central_platform(plan: &Plan, _: &Erring) -> Finding {
    let evidence = plan
        .settings
        .tools
        .iter()
        .map(|t| Evidence::Setting {
            key: "tools",
            value: t.value.clone(),
        })
        .collect();
    passed_with(evidence)
}

/// A goal owned by customer care, PR, sales … — someone outside marketing.
fn cross_functional_goals(plan: &Plan, _: &Erring) -> Finding {
    let functions = &words().functions;
    let evidence = documents(plan, Kind::Goal)
        .filter(|(_, d)| {
            d.owner
                .as_ref()
                .is_some_and(|o| !Haystack::new(&o.value).find(functions).is_empty())
        })
        .map(|(i, _)| Evidence::Document(i))
        .collect();
    passed_with(evidence)
}

/// An evaluation whose metric (or, without one, a measured goal's metric) counts revenue or leads.
fn roi_attribution(plan: &Plan, _: &Erring) -> Finding {
    let roi = &words().roi;
    let counts_money = |text: &str| !Haystack::new(text).find(roi).is_empty();
    let evidence = documents(plan, Kind::Evaluation)
        .filter(|(_, d)| {
            let Some(evaluation) = d.evaluation() else { return false };
            match &evaluation.metric {
                Some(metric) => counts_money(&metric.value),
                None => evaluation.goals.iter().any(|g| {
                    plan.get(&g.value)
                        .and_then(|goal| goal.goal())
                        .and_then(|goal| goal.metric.as_ref())
                        .is_some_and(|m| counts_money(&m.value))
                }),
            }
        })
        .map(|(i, _)| Evidence::Document(i))
        .collect();
    passed_with(evidence)
}
