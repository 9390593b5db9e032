//! An owner's load against the capacity plan.toml gives them, month by month, for the owners
//! page: each month's busiest week beside the capacity, over it marked. The weekly sums are the
//! plan's (`plan::workload::weeks`), the ones `owner-overloaded` judges.

use serde::Serialize;

use crate::plan::workload::{self, Week};
use crate::site::model::Model;

#[derive(Serialize)]
pub(super) struct Month {
    /// `Mar 2027`, in the plan's language.
    label: String,
    /// The busiest week's load, with its unit.
    peak: String,
    /// The bar's width in a track that ends at 150% of the capacity (the capacity is at 2/3).
    bar: u32,
    over: bool,
}

#[derive(Serialize)]
pub(super) struct Capacity {
    /// `20 h/week`.
    label: String,
    months: Vec<Month>,
    /// `6 weeks over capacity`, when some are.
    over: Option<String>,
}

/// The load of `owner` against their capacity, when plan.toml gives one.
pub(super) fn of(model: &Model<'_>, owner: &str) -> Option<Capacity> {
    let settings = model.plan.settings.owners.iter();
    let declared = settings
        .filter(|o| workload::same_owner(&o.name.value, owner))
        .find_map(|o| o.capacity.as_ref())?;
    let rate = declared.value;
    let weeks = workload::weeks(model.plan, owner, rate.unit);
    let over = |w: &Week| w.load > rate.per_week + 1e-9;
    let names = model.months();
    // A week that starts before the plan does is labelled with the plan's first month.
    let period = model.plan.settings.period.as_ref().map(|p| &p.value);
    let opening = period.and_then(|p| p.start.as_ref()).map(|d| d.value);
    let months = weeks
        .chunk_by(|a, b| {
            let month = |w: &Week| {
                let day = opening.map_or(w.monday, |o| w.monday.max(o));
                (day.year(), day.month())
            };
            month(a) == month(b)
        })
        .map(|month| {
            let peak = month.iter().map(|w| w.load).fold(0.0, f64::max);
            let first = opening.map_or(month[0].monday, |o| month[0].monday.max(o));
            let ratio = if rate.per_week > 0.0 { peak / rate.per_week } else { 1.5 };
            Month {
                label: format!("{} {}", names[first.month() as usize - 1], first.year()),
                peak: rate.show(peak),
                bar: (ratio.min(1.5) / 1.5 * 100.0).round() as u32,
                over: month.iter().any(over),
            }
        })
        .collect();
    let over_weeks = weeks.iter().filter(|w| over(w)).count();
    Some(Capacity {
        label: rate.show(rate.per_week),
        months,
        over: (over_weeks > 0).then(|| model.t("capacity_over").replace("{n}", &over_weeks.to_string())),
    })
}
