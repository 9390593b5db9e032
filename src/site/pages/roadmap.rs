//! The roadmap page: each goal's strategies and their tactics on a time line across the plan
//! period, with a summary of late starts and overruns, a legend and (from
//! `assets/roadmap.js`) filters. The drawing comes from `svg::roadmap`, called in one function
//! here ([`roadmap_svg`]).

use jiff::civil::Date;
use serde::Serialize;

use super::{Head, Job, Shared};
use crate::plan::{Kind, TacticStatus, Vocabulary};
use crate::site::edit::{Edit, Field};
use crate::site::model::Model;
use crate::site::svg::roadmap::axis::Calendar;
use crate::site::svg::roadmap::flags::Timing;
use crate::site::svg::roadmap::{Bar, Deadline, Goal, Roadmap, RoadmapInput, Strategy, Texts, roadmap};

/// The roadmap shows tactics (title, dates, status, owner, channels) under the strategies they
/// serve (title, goals), under their goals (title, deadline).
pub(super) fn affected_by(edit: &Edit) -> bool {
    use Field::{Channels, Dates, Owner, Progress, References, Status, Title};
    edit.changed(Kind::Tactic, &[Title, Dates, Status, References, Owner, Channels])
        || edit.changed(Kind::Strategy, &[Title, References])
        || edit.changed(Kind::Goal, &[Title, Progress])
}

/// A tactic status and its label, for the legend.
#[derive(Serialize)]
struct StatusKey<'a> {
    status: &'static str,
    label: &'a str,
}

#[derive(Serialize)]
struct RoadmapPage<'a> {
    /// The rows and their geometry, drawn by `svg/roadmap.html`; none without tactics.
    roadmap: Option<Roadmap>,
    statuses: Vec<StatusKey<'a>>,
    /// `3 late starts · 2 overruns`.
    summary: String,
}

pub(super) fn page(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let roadmap = roadmap_svg(model);
    let summary = roadmap.as_ref().map_or_else(String::new, |r| {
        let count = |n: usize, one: &str, many: &str| {
            model
                .t(if n == 1 { one } else { many })
                .replace("{count}", &n.to_string())
        };
        format!(
            "{} · {}",
            count(r.late_starts, "roadmap_late_one", "roadmap_late_many"),
            count(r.overruns, "roadmap_overrun_one", "roadmap_overrun_many")
        )
    });
    let context = RoadmapPage {
        roadmap,
        statuses: TacticStatus::ALL
            .iter()
            .map(|s| StatusKey {
                status: s.name(),
                label: model.t(&format!("tactic_{}", s.name())),
            })
            .collect(),
        summary,
    };
    let head = Head::at_root("roadmap.html", model.t("roadmap"), "roadmap");
    Job::new(head, shared, &context)
}

/// A tactic's start and end.
fn dates(model: &Model<'_>, tactic: usize) -> (Option<Date>, Option<Date>) {
    model
        .doc(tactic)
        .tactic()
        .map(|t| (t.start.as_ref().map(|d| d.value), t.end.as_ref().map(|d| d.value)))
        .unwrap_or_default()
}

fn deadline(model: &Model<'_>, goal: usize) -> Option<Date> {
    model.doc(goal).goal()?.deadline.as_ref().map(|d| d.value)
}

/// A tactic as the roadmap shows it.
fn bar(model: &Model<'_>, t: usize) -> Bar {
    let doc = model.doc(t);
    let (start, end) = dates(model, t);
    let goals = model.graph.goals_of_tactic(t);
    let channels = doc.tactic().map_or_else(Vec::new, |tactic| {
        tactic
            .channels
            .iter()
            .map(|c| {
                let name = model.plan.settings.channel(&c.value).map(|c| c.value.name.as_str());
                name.unwrap_or(&c.value).to_owned()
            })
            .collect()
    });
    Bar {
        title: doc.display_title().to_owned(),
        url: model.urls.doc(t).to_owned(),
        owner: doc.owner.as_ref().map(|o| o.value.clone()),
        channels,
        goals: goals.iter().map(|&g| model.doc(g).id.clone()).collect(),
        timing: Timing {
            status: doc.tactic().map_or(TacticStatus::Planned, |t| t.status()),
            start,
            end,
            deadline: goals.iter().filter_map(|&g| deadline(model, g)).min(),
        },
    }
}

/// A strategy with its tactics and its goals' deadlines.
fn strategy(model: &Model<'_>, s: usize) -> Strategy {
    let graph = model.graph;
    Strategy {
        title: model.doc(s).display_title().to_owned(),
        url: model.urls.doc(s).to_owned(),
        deadlines: graph
            .goals_of_strategy(s)
            .iter()
            .filter_map(|&g| {
                Some(Deadline {
                    goal: model.doc(g).display_title().to_owned(),
                    date: deadline(model, g)?,
                })
            })
            .collect(),
        bars: graph.tactics_of_strategy(s).iter().map(|&t| bar(model, t)).collect(),
    }
}

/// Each goal with the strategies that list it first (and have tactics); then, under "Not
/// linked", the strategies of no goal and the tactics of no strategy.
fn groups(model: &Model<'_>) -> Vec<Goal> {
    let graph = model.graph;
    let with_tactics = |&&s: &&usize| !graph.tactics_of_strategy(s).is_empty();
    let mut goals: Vec<Goal> = model
        .of_kind(Kind::Goal)
        .iter()
        .map(|&g| Goal {
            id: model.doc(g).id.clone(),
            title: model.doc(g).display_title().to_owned(),
            url: Some(model.urls.doc(g).to_owned()),
            deadline: deadline(model, g),
            strategies: graph
                .strategies_of_goal(g)
                .iter()
                .filter(with_tactics)
                .filter(|&&s| graph.goals_of_strategy(s).first() == Some(&g))
                .map(|&s| strategy(model, s))
                .collect(),
        })
        .filter(|g| !g.strategies.is_empty())
        .collect();
    let mut strategies: Vec<Strategy> = model
        .of_kind(Kind::Strategy)
        .iter()
        .filter(with_tactics)
        .filter(|&&s| graph.goals_of_strategy(s).is_empty())
        .map(|&s| strategy(model, s))
        .collect();
    let unlinked: Vec<Bar> = model
        .of_kind(Kind::Tactic)
        .iter()
        .filter(|&&t| graph.strategies_of_tactic(t).is_empty())
        .map(|&t| bar(model, t))
        .collect();
    if !unlinked.is_empty() {
        strategies.push(Strategy {
            title: model.t("unlinked").to_owned(),
            url: crate::site::urls::list(Kind::Tactic),
            deadlines: Vec::new(),
            bars: unlinked,
        });
    }
    if !strategies.is_empty() {
        goals.push(Goal {
            id: String::new(),
            title: model.t("unlinked").to_owned(),
            url: None,
            deadline: None,
            strategies,
        });
    }
    goals
}

/// The plan's period; else the span of the tactics' dates; else the year of today.
fn range(model: &Model<'_>) -> (Date, Date) {
    model.period().unwrap_or_else(|| {
        let all: Vec<Date> = model
            .of_kind(Kind::Tactic)
            .iter()
            .flat_map(|&i| {
                let (s, e) = dates(model, i);
                [s, e]
            })
            .flatten()
            .collect();
        match (all.iter().min(), all.iter().max()) {
            (Some(&first), Some(&last)) if first < last => (first, last),
            _ => (model.today.first_of_year(), model.today.last_of_year()),
        }
    })
}

/// The roadmap, laid out: the one call into `svg::roadmap`. None without tactics.
fn roadmap_svg(model: &Model<'_>) -> Option<Roadmap> {
    let goals = groups(model);
    if goals.is_empty() {
        return None;
    }
    let range = range(model);
    let months = model.months();
    let mut names = model.t("roadmap_quarter_names").split(',').map(str::trim);
    let quarter_names: [&str; 4] = std::array::from_fn(|_| names.next().unwrap_or("?"));
    let status = |s: TacticStatus| -> &str { model.t(&format!("tactic_{}", s.name())) };
    let texts = Texts {
        calendar: Calendar {
            months,
            quarter: model.t("roadmap_quarter"),
            quarter_short: model.t("roadmap_quarter_short"),
            quarter_names,
        },
        today: model.t("today"),
        status: &status,
        undated: model.t("unplanned"),
        late_start: model.t("roadmap_late_start_why"),
        past_end: model.t("roadmap_past_end_why"),
        past_deadline: model.t("roadmap_past_deadline_why"),
        deadline_of: model.t("roadmap_deadline_of"),
    };
    Some(roadmap(&RoadmapInput {
        id: "roadmap",
        title: model.t("roadmap"),
        description: &format!("{} {} – {}", model.t("period"), range.0, range.1),
        range,
        today: model.today,
        goals: &goals,
        texts: &texts,
    }))
}
