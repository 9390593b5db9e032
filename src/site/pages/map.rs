//! The roadmap (each strategy's tactics on a time line, and as tables). The drawing comes from
//! `svg::roadmap`, called in one function here ([`roadmap_svg`]). The strategy map is in
//! `strategy_map`.

use jiff::civil::Date;
use serde::Serialize;

use super::{Head, Job, Shared};
use crate::plan::Kind;
use crate::site::edit::{Edit, Field};
use crate::site::model::{Day, Model};
use crate::site::svg;
use crate::site::svg::roadmap::{Bar, Group, RoadmapInput, roadmap};
use crate::site::urls;

/// The roadmap shows tactics (title, dates, status) under the strategies they serve.
pub(super) fn roadmap_affected_by(edit: &Edit) -> bool {
    use Field::{Dates, References, Status, Title};
    edit.changed(Kind::Tactic, &[Title, Dates, Status, References]) || edit.changed(Kind::Strategy, &[Title])
}

#[derive(Serialize)]
struct RoadBar<'a> {
    title: &'a str,
    url: &'a str,
    status: &'a str,
    start: Option<Day>,
    end: Option<Day>,
}

#[derive(Serialize)]
struct RoadGroup<'a> {
    title: &'a str,
    url: &'a str,
    bars: Vec<RoadBar<'a>>,
}

#[derive(Serialize)]
struct Roadmap<'a> {
    /// The picture's geometry, drawn by `svg/roadmap.html`; none without dates.
    roadmap: Option<svg::roadmap::Roadmap>,
    groups: Vec<RoadGroup<'a>>,
}

pub(super) fn road(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let groups = groups(model);
    let table = groups
        .iter()
        .map(|g| RoadGroup {
            title: &g.title,
            url: &g.url,
            bars: g
                .bars
                .iter()
                .map(|b| RoadBar {
                    title: &b.title,
                    url: &b.url,
                    status: &b.class,
                    start: b.start.map(Day),
                    end: b.end.map(Day),
                })
                .collect(),
        })
        .collect();
    let context = Roadmap {
        roadmap: roadmap_svg(model, &groups),
        groups: table,
    };
    let head = Head::at_root("roadmap.html", model.t("roadmap"), "roadmap");
    Job::new(head, shared, &context)
}

fn dates(model: &Model<'_>, tactic: usize) -> (Option<Date>, Option<Date>) {
    model
        .doc(tactic)
        .tactic()
        .map(|t| (t.start.as_ref().map(|d| d.value), t.end.as_ref().map(|d| d.value)))
        .unwrap_or_default()
}

/// Each strategy that has tactics, with them; then the tactics of no strategy.
fn groups(model: &Model<'_>) -> Vec<Group> {
    let bar = |i: usize| {
        let (start, end) = dates(model, i);
        Bar {
            title: model.doc(i).display_title().to_owned(),
            url: model.urls.doc(i).to_owned(),
            class: model.tactic_status(i).0.to_owned(),
            start,
            end,
        }
    };
    let graph = model.graph;
    let mut groups: Vec<Group> = model
        .of_kind(Kind::Strategy)
        .iter()
        .filter(|&&s| !graph.tactics_of_strategy(s).is_empty())
        .map(|&s| Group {
            title: model.doc(s).display_title().to_owned(),
            url: model.urls.doc(s).to_owned(),
            bars: graph.tactics_of_strategy(s).iter().map(|&t| bar(t)).collect(),
        })
        .collect();
    let unlinked: Vec<Bar> = model
        .of_kind(Kind::Tactic)
        .iter()
        .filter(|&&t| graph.strategies_of_tactic(t).is_empty())
        .map(|&t| bar(t))
        .collect();
    if !unlinked.is_empty() {
        groups.push(Group {
            title: model.t("unlinked").to_owned(),
            url: urls::list(Kind::Tactic),
            bars: unlinked,
        });
    }
    groups
}

/// The drawing of the roadmap over the plan's period (else the span of the tactics' dates):
/// the one call into `svg::roadmap`.
fn roadmap_svg(model: &Model<'_>, groups: &[Group]) -> Option<svg::roadmap::Roadmap> {
    let range = model.period().or_else(|| {
        let all: Vec<Date> = model
            .of_kind(Kind::Tactic)
            .iter()
            .flat_map(|&i| {
                let (s, e) = dates(model, i);
                [s, e]
            })
            .flatten()
            .collect();
        Some((*all.iter().min()?, *all.iter().max()?))
    })?;
    Some(roadmap(&RoadmapInput {
        id: "roadmap",
        title: model.t("roadmap"),
        description: &format!("{} {} – {}", model.t("period"), range.0, range.1),
        range,
        today: model.today,
        groups,
        today_label: model.t("today"),
    }))
}
