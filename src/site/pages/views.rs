//! The pages that look across the plan: the overview, a list per kind, the strategy map, the
//! roadmap, owners and channels.

use std::collections::BTreeMap;

use jiff::civil::Date;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::Job;
use crate::plan::Kind;
use crate::site::model::{Model, budget_text};
use crate::site::svg::map::{MapInput, Node, map};
use crate::site::svg::number;
use crate::site::svg::roadmap::{Bar, Group, RoadmapInput, roadmap};
use crate::site::urls;

/// The overview pages that `wanted` asks for (`overview`, `list:goal` …, `map`, `roadmap`,
/// `owners`, `channels`, `maturity`), built in parallel: on large plans each is a large page.
pub(super) fn pages(model: &Model<'_>, base_url: Option<&str>, wanted: &(dyn Fn(&str) -> bool + Sync)) -> Vec<Job> {
    let mut names: Vec<String> = ["overview", "map", "roadmap", "owners", "channels", "maturity"]
        .map(String::from)
        .to_vec();
    for kind in Kind::ALL {
        if kind != Kind::Page || !model.of_kind(kind).is_empty() {
            names.push(format!("list:{}", kind.name()));
        }
    }
    names
        .par_iter()
        .filter(|name| wanted(name))
        .map(|name| match name.as_str() {
            "overview" => overview(model, base_url),
            "map" => strategy_map(model, base_url),
            "roadmap" => road(model, base_url),
            "owners" => owners(model, base_url),
            "channels" => channels(model, base_url),
            "maturity" => super::maturity::page(model, base_url),
            list => {
                let kind = list
                    .strip_prefix("list:")
                    .and_then(Kind::from_name)
                    .unwrap_or(Kind::Page);
                self::list(model, kind, base_url)
            }
        })
        .collect()
}

fn overview(model: &Model<'_>, base_url: Option<&str>) -> Job {
    let title = model
        .plan
        .settings
        .title
        .as_ref()
        .map_or(model.t("overview"), |t| t.value.as_str());
    let mut job = Job::new("index.html".into(), "index.html", title, "overview", base_url);
    let goals: Vec<Value> = model
        .of_kind(Kind::Goal)
        .into_iter()
        .map(|g| model.goal_summary(g))
        .collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for g in model.of_kind(Kind::Goal) {
        *counts.entry(model.status(g).key()).or_default() += 1;
    }
    let kinds: Vec<Value> = [Kind::Goal, Kind::Strategy, Kind::Tactic, Kind::Evaluation]
        .into_iter()
        .map(|k| json!({ "label": model.t(k.folder()), "count": model.of_kind(k).len(), "url": urls::list(k) }))
        .collect();
    let statuses: Vec<Value> = counts
        .iter()
        .map(|(k, n)| json!({ "status": k, "label": model.t(&format!("status_{k}")), "count": n }))
        .collect();
    job.insert("goals", Value::from(goals));
    job.insert("statuses", Value::from(statuses));
    job.insert("kinds", Value::from(kinds));
    job.insert("maturity", super::maturity::summary(model));
    job
}

fn list(model: &Model<'_>, kind: Kind, base_url: Option<&str>) -> Job {
    let section = kind.folder();
    let mut job = Job::new(urls::list(kind), "list.html", model.t(section), section, base_url);
    let items: Vec<Value> = model
        .of_kind(kind)
        .into_iter()
        .map(|i| {
            let doc = model.doc(i);
            let mut item = json!({ "link": model.link(i), "owner": doc.owner.as_ref().map(|o| &o.value), "description": doc.description.as_ref().map(|d| &d.value) });
            match kind {
                Kind::Goal => item["goal"] = model.goal_summary(i),
                Kind::Strategy => item["related"] = Value::from(model.links(model.graph.goals_of_strategy(i))),
                Kind::Tactic => {
                    let (status, label) = model.tactic_status(i);
                    item["related"] = Value::from(model.links(model.graph.strategies_of_tactic(i)));
                    item["status"] = json!({ "key": status, "label": label });
                }
                Kind::Evaluation => {
                    item["related"] = Value::from(model.links(model.graph.goals_of_evaluation(i)));
                    item["next_review"] = json!(doc.evaluation().and_then(|e| e.next_review.as_ref()).map(|d| d.value.to_string()));
                }
                Kind::Page => {}
            }
            item
        })
        .collect();
    let mut sorted = items;
    if kind == Kind::Page {
        // Pages by `weight`, then title: the order a reader meets them in.
        sorted.sort_by_key(|item| {
            let doc = model.plan.get(item["link"]["id"].as_str().unwrap_or_default());
            (
                doc.and_then(|d| d.weight).unwrap_or(i64::MAX),
                item["link"]["title"].as_str().unwrap_or_default().to_owned(),
            )
        });
    }
    job.insert(
        "kind",
        json!({ "key": kind.name(), "folder": kind.folder(), "label": model.t(section) }),
    );
    job.insert("items", Value::from(sorted));
    job
}

/// A node of the map: title, link relative to the map page (at the site root), status class.
fn node(model: &Model<'_>, i: usize, class: String) -> Node {
    Node {
        title: model.doc(i).display_title().to_owned(),
        url: model.urls.doc(i).to_owned(),
        class,
    }
}

fn strategy_map(model: &Model<'_>, base_url: Option<&str>) -> Job {
    let mut job = Job::new("map.html".into(), "map.html", model.t("map"), "map", base_url);
    let (goals, strategies, tactics) = (
        model.of_kind(Kind::Goal),
        model.of_kind(Kind::Strategy),
        model.of_kind(Kind::Tactic),
    );
    let position = |list: &[usize], i: usize| list.binary_search(&i).ok();
    let goal_strategies: Vec<(usize, usize)> = goals
        .iter()
        .enumerate()
        .flat_map(|(gi, &g)| {
            model
                .graph
                .strategies_of_goal(g)
                .iter()
                .filter_map(|&s| position(&strategies, s))
                .map(move |si| (gi, si))
        })
        .collect();
    let strategy_tactics: Vec<(usize, usize)> = strategies
        .iter()
        .enumerate()
        .flat_map(|(si, &s)| {
            model
                .graph
                .tactics_of_strategy(s)
                .iter()
                .filter_map(|&t| position(&tactics, t))
                .map(move |ti| (si, ti))
        })
        .collect();
    let svg = map(&MapInput {
        id: "strategy-map",
        title: model.t("map"),
        description: &format!(
            "{} → {} → {}",
            model.t("goals"),
            model.t("strategies"),
            model.t("tactics")
        ),
        goals: goals
            .iter()
            .map(|&g| node(model, g, format!("goal {}", model.status(g).key())))
            .collect(),
        strategies: strategies.iter().map(|&s| node(model, s, "strategy".into())).collect(),
        tactics: tactics
            .iter()
            .map(|&t| node(model, t, format!("tactic {}", model.tactic_status(t).0)))
            .collect(),
        goal_strategies,
        strategy_tactics,
        headings: [model.t("goals"), model.t("strategies"), model.t("tactics")],
    });
    // The same tree as nested lists, for screen readers and narrow screens.
    let outline: Vec<Value> = goals
        .iter()
        .map(|&g| {
            let strategies: Vec<Value> = model
                .graph
                .strategies_of_goal(g)
                .iter()
                .map(|&s| json!({ "link": model.link(s), "tactics": model.links(model.graph.tactics_of_strategy(s)) }))
                .collect();
            json!({ "link": model.link(g), "status": model.status(g).key(), "strategies": strategies })
        })
        .collect();
    job.insert("svg", json!(svg));
    job.insert("outline", Value::from(outline));
    job
}

fn road(model: &Model<'_>, base_url: Option<&str>) -> Job {
    let mut job = Job::new(
        "roadmap.html".into(),
        "roadmap.html",
        model.t("roadmap"),
        "roadmap",
        base_url,
    );
    let tactics = model.of_kind(Kind::Tactic);
    let dates = |i: usize| {
        model
            .doc(i)
            .tactic()
            .map(|t| (t.start.as_ref().map(|d| d.value), t.end.as_ref().map(|d| d.value)))
            .unwrap_or_default()
    };
    let range = model.period().or_else(|| {
        let all: Vec<Date> = tactics
            .iter()
            .flat_map(|&i| {
                let (s, e) = dates(i);
                [s, e]
            })
            .flatten()
            .collect();
        Some((*all.iter().min()?, *all.iter().max()?))
    });
    let bar = |i: usize| {
        let (start, end) = dates(i);
        Bar {
            title: model.doc(i).display_title().to_owned(),
            url: model.urls.doc(i).to_owned(),
            class: model.tactic_status(i).0.to_owned(),
            start,
            end,
        }
    };
    let mut groups: Vec<Group> = model
        .of_kind(Kind::Strategy)
        .into_iter()
        .filter(|&s| !model.graph.tactics_of_strategy(s).is_empty())
        .map(|s| Group {
            title: model.doc(s).display_title().to_owned(),
            url: model.urls.doc(s).to_owned(),
            bars: model.graph.tactics_of_strategy(s).iter().map(|&t| bar(t)).collect(),
        })
        .collect();
    let unlinked: Vec<Bar> = tactics
        .iter()
        .filter(|&&t| model.graph.strategies_of_tactic(t).is_empty())
        .map(|&t| bar(t))
        .collect();
    if !unlinked.is_empty() {
        groups.push(Group {
            title: model.t("unlinked").to_owned(),
            url: urls::list(Kind::Tactic),
            bars: unlinked,
        });
    }
    let svg = range.map(|range| {
        roadmap(&RoadmapInput {
            id: "roadmap",
            title: model.t("roadmap"),
            description: &format!("{} {} – {}", model.t("period"), range.0, range.1),
            range,
            today: model.today,
            groups: &groups,
            today_label: model.t("today"),
        })
    });
    let table: Vec<Value> = groups
        .iter()
        .map(|g| json!({ "title": g.title, "url": g.url, "bars": g.bars.iter().map(|b| json!({ "title": b.title, "url": b.url, "status": b.class, "start": b.start.map(|d| d.to_string()), "end": b.end.map(|d| d.to_string()) })).collect::<Vec<_>>() }))
        .collect();
    job.insert("svg", json!(svg));
    job.insert("groups", Value::from(table));
    job
}

fn owners(model: &Model<'_>, base_url: Option<&str>) -> Job {
    let mut job = Job::new(
        "owners.html".into(),
        "owners.html",
        model.t("owners"),
        "owners",
        base_url,
    );
    let rows: Vec<Value> = model
        .graph
        .owners
        .iter()
        .map(|(owner, docs)| {
            let by_kind = |kind: Kind| -> Vec<Value> {
                docs.iter()
                    .filter(|&&i| model.doc(i).kind == kind)
                    .map(|&i| model.link(i))
                    .collect()
            };
            let live = docs
                .iter()
                .filter(|&&i| model.doc(i).tactic().is_some_and(|t| t.is_live()))
                .count();
            json!({
                "name": owner,
                "goals": by_kind(Kind::Goal),
                "strategies": by_kind(Kind::Strategy),
                "tactics": by_kind(Kind::Tactic),
                "evaluations": by_kind(Kind::Evaluation),
                "live_tactics": live,
                "total": docs.len(),
            })
        })
        .collect();
    let max = rows
        .iter()
        .filter_map(|r| r["total"].as_u64())
        .max()
        .unwrap_or(1)
        .max(1);
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|mut r| {
            r["load_percent"] = json!((r["total"].as_u64().unwrap_or(0) * 100 / max) as u32);
            r
        })
        .collect();
    job.insert("owners", Value::from(rows));
    job
}

fn channels(model: &Model<'_>, base_url: Option<&str>) -> Job {
    let mut job = Job::new(
        "channels.html".into(),
        "channels.html",
        model.t("channels"),
        "channels",
        base_url,
    );
    let budgets = |tactics: &[usize]| -> Vec<Value> {
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
            .map(|(currency, amount)| json!({ "currency": currency, "amount": number(amount) }))
            .collect()
    };
    let settings = &model.plan.settings;
    let items = |tactics: &[usize]| -> Vec<Value> {
        tactics
            .iter()
            .map(|&t| {
                let (status, label) = model.tactic_status(t);
                let budget = model
                    .doc(t)
                    .tactic()
                    .and_then(|x| x.budget.as_ref())
                    .and_then(|b| budget_text(&b.value));
                json!({ "link": model.link(t), "status": status, "status_label": label, "budget": budget })
            })
            .collect()
    };
    let live = |tactics: &[usize]| {
        tactics
            .iter()
            .filter(|&&t| model.doc(t).tactic().is_some_and(|x| x.is_live()))
            .count()
    };
    let mut rows: Vec<Value> = settings
        .channels
        .iter()
        .map(|c| {
            let tactics = model.graph.tactics_on_channel(&c.value.id);
            json!({
                "id": c.value.id,
                "name": c.value.name,
                "owner": c.value.owner.as_ref().map(|o| &o.value),
                "url": c.value.url.as_ref().map(|u| &u.value),
                "tactics": items(tactics),
                "live": live(tactics),
                "budgets": budgets(tactics),
                "undeclared": false,
            })
        })
        .collect();
    // Channels that tactics name but plan.toml does not declare (lint reports them).
    for (id, tactics) in &model.graph.channel_tactics {
        if settings.channel(id).is_none() {
            rows.push(json!({ "id": id, "name": id, "owner": null, "url": null, "tactics": items(tactics), "live": live(tactics), "budgets": budgets(tactics), "undeclared": true }));
        }
    }
    let all_tactics = model.of_kind(Kind::Tactic);
    job.insert("channels", Value::from(rows));
    job.insert("budget_totals", Value::from(budgets(&all_tactics)));
    job
}
