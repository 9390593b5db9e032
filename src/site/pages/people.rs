//! Who does what: the owners page (each owner's documents and load) and the channels page
//! (each channel's tactics and budgets, declared in plan.toml or only named by tactics).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Head, Job, Shared};
use crate::plan::Kind;
use crate::site::edit::{Edit, Field};
use crate::site::model::{Link, Model, Num, budget_text};

/// The owners page shows every document's title and owner, and how many tactics are live.
pub(super) fn owners_affected_by(edit: &Edit) -> bool {
    edit.changed_any(&[Field::Title, Field::Owner])
        || edit.changed(Kind::Tactic, &[Field::Status, Field::Dates, Field::Workload])
}

/// The channels page shows tactics: title, status, budget, and the channels they run on.
pub(super) fn channels_affected_by(edit: &Edit) -> bool {
    use Field::{Budget, Channels, Status, Title};
    edit.changed(Kind::Tactic, &[Title, Status, Budget, Channels])
}

#[derive(Serialize)]
struct Owner<'a> {
    name: &'a str,
    goals: Vec<Link<'a>>,
    strategies: Vec<Link<'a>>,
    tactics: Vec<Link<'a>>,
    evaluations: Vec<Link<'a>>,
    live_tactics: usize,
    total: usize,
    load_percent: u32,
    /// The load against the capacity plan.toml gives the owner, if it gives one.
    capacity: Option<super::capacity::Capacity>,
}

#[derive(Serialize)]
struct Owners<'a> {
    owners: Vec<Owner<'a>>,
}

fn is_live(model: &Model<'_>, i: usize) -> bool {
    model.doc(i).tactic().is_some_and(|t| t.is_live())
}

pub(super) fn owners(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let max = model.graph.owners.values().map(Vec::len).max().unwrap_or(1).max(1);
    let owners = model
        .graph
        .owners
        .iter()
        .map(|(owner, docs)| {
            let by_kind = |kind: Kind| -> Vec<Link<'_>> {
                docs.iter()
                    .filter(|&&i| model.doc(i).kind == kind)
                    .map(|&i| model.link(i))
                    .collect()
            };
            Owner {
                name: owner,
                goals: by_kind(Kind::Goal),
                strategies: by_kind(Kind::Strategy),
                tactics: by_kind(Kind::Tactic),
                evaluations: by_kind(Kind::Evaluation),
                live_tactics: docs.iter().filter(|&&i| is_live(model, i)).count(),
                total: docs.len(),
                load_percent: (docs.len() * 100 / max) as u32,
                capacity: super::capacity::of(model, owner),
            }
        })
        .collect();
    let head = Head::at_root("owners.html", model.t("owners"), "owners");
    Job::new(head, shared, &Owners { owners })
}

#[derive(Serialize)]
struct Amount {
    currency: String,
    amount: Num,
}

#[derive(Serialize)]
struct ChannelTactic<'a> {
    link: Link<'a>,
    status: &'static str,
    status_label: &'a str,
    budget: Option<String>,
}

#[derive(Serialize)]
struct Channel<'a> {
    id: &'a str,
    name: &'a str,
    owner: Option<&'a str>,
    url: Option<&'a str>,
    tactics: Vec<ChannelTactic<'a>>,
    live: usize,
    budgets: Vec<Amount>,
    /// Named by tactics but not declared in plan.toml (lint reports it).
    undeclared: bool,
}

#[derive(Serialize)]
struct Channels<'a> {
    channels: Vec<Channel<'a>>,
    budget_totals: Vec<Amount>,
}

/// The budgets of `tactics`, summed by currency.
fn budgets(model: &Model<'_>, tactics: &[usize]) -> Vec<Amount> {
    let mut totals: BTreeMap<String, f64> = BTreeMap::new();
    for &t in tactics {
        if let Some(b) = model.doc(t).tactic().and_then(|t| t.budget.as_ref())
            && let Some(amount) = &b.value.amount
        {
            let currency = b.value.currency.as_ref().map_or(String::new(), |c| c.value.clone());
            *totals.entry(currency).or_default() += amount.value;
        }
    }
    totals
        .into_iter()
        .map(|(currency, amount)| Amount {
            currency,
            amount: model.num(amount),
        })
        .collect()
}

fn channel<'a>(model: &'a Model<'_>, id: &'a str, tactics: &[usize]) -> Channel<'a> {
    let items = tactics
        .iter()
        .map(|&t| {
            let (status, status_label) = model.tactic_status(t);
            let budget = model.doc(t).tactic().and_then(|x| x.budget.as_ref());
            ChannelTactic {
                link: model.link(t),
                status,
                status_label,
                budget: budget.and_then(|b| budget_text(&b.value, model.numbers)),
            }
        })
        .collect();
    Channel {
        id,
        name: id,
        owner: None,
        url: None,
        tactics: items,
        live: tactics.iter().filter(|&&t| is_live(model, t)).count(),
        budgets: budgets(model, tactics),
        undeclared: true,
    }
}

pub(super) fn channels(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let settings = &model.plan.settings;
    let mut rows: Vec<Channel<'_>> = settings
        .channels
        .iter()
        .map(|c| {
            let c = &c.value;
            Channel {
                name: &c.name,
                owner: c.owner.as_ref().map(|o| o.value.as_str()),
                url: c.url.as_ref().map(|u| u.value.as_str()),
                undeclared: false,
                ..channel(model, &c.id, model.graph.tactics_on_channel(&c.id))
            }
        })
        .collect();
    for (id, tactics) in &model.graph.channel_tactics {
        if settings.channel(id).is_none() {
            rows.push(channel(model, id, tactics));
        }
    }
    let context = Channels {
        channels: rows,
        budget_totals: budgets(model, model.of_kind(Kind::Tactic)),
    };
    let head = Head::at_root("channels.html", model.t("channels"), "channels");
    Job::new(head, shared, &context)
}
