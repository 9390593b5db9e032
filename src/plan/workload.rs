//! What tactics ask of the people who run them, and what those people can give: an owner's
//! `capacity` (`"20h/week"`, `"12/week"` items), a tactic's `effort` (`"6h/week"`, or `"2h"` per
//! item) and how many items its `cadence` makes a week (`"3/week"`, `"mon, wed, fri"`, `weekly`).
//! Every amount is brought to a week.

use jiff::civil::{Date, Weekday};

use super::cadence::Cadence;
use super::fields::Fields;
use super::{Plan, Spanned, Tactic};

/// What an amount counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Hours of work.
    Hours,
    /// Items: posts, replies, videos — whatever the tactic makes.
    Items,
}

/// An amount a week.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rate {
    pub per_week: f64,
    pub unit: Unit,
}

impl Rate {
    /// `20 h/week`, `12/week`.
    pub fn show(self, amount: f64) -> String {
        let n = if amount.fract() == 0.0 {
            format!("{amount:.0}")
        } else {
            format!("{amount:.1}")
        };
        match self.unit {
            Unit::Hours => format!("{n} h/week"),
            Unit::Items => format!("{n}/week"),
        }
    }
}

/// A tactic's `effort`: hours a week, or hours for each item its cadence makes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Effort {
    PerWeek(f64),
    PerItem(f64),
}

/// The weekdays, Monday first, as a cadence may list them.
const DAYS: [&[&str]; 7] = [
    &["mon", "monday"],
    &["tue", "tues", "tuesday"],
    &["wed", "wednesday"],
    &["thu", "thur", "thurs", "thursday"],
    &["fri", "friday"],
    &["sat", "saturday"],
    &["sun", "sunday"],
];

const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// Splits `"12 h / week"` into its number, its unit word and what it is per (`week` when no `/`).
fn split(text: &str) -> Option<(f64, String, Option<String>)> {
    let text = text.trim().to_lowercase();
    let (amount, per) = match text.split_once('/') {
        Some((a, p)) => (a.trim().to_owned(), Some(p.trim().to_owned())),
        None => match text.split_once(" per ").or_else(|| text.split_once(" a ")) {
            // `a week in the run-up`: what it is per is the first word.
            Some((a, p)) => (
                a.trim().to_owned(),
                Some(p.split_whitespace().next().unwrap_or("").to_owned()),
            ),
            None => (text.clone(), None),
        },
    };
    let digits = amount
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(amount.len());
    let (number, rest) = match amount[..digits].parse::<f64>() {
        Ok(n) => (n, amount[digits..].trim()),
        // `three posts a week`: the English words for one to twelve.
        Err(_) => {
            let (word, rest) = amount.split_once(' ').unwrap_or((&amount, ""));
            let n = NUMBER_WORDS.iter().position(|w| *w == word)? + 1;
            (n as f64, rest.trim())
        }
    };
    (number.is_finite() && number >= 0.0).then(|| (number, rest.to_owned(), per))
}

/// Weeks in one `per` period (`week` 1, `day` 7 or 5 for hours, `month` 12/52).
fn weekly_factor(per: &str, unit: Unit) -> Option<f64> {
    match per.trim_end_matches('s') {
        "week" | "wk" | "w" => Some(1.0),
        "day" | "d" => Some(if unit == Unit::Hours { 5.0 } else { 7.0 }),
        "month" | "mo" => Some(12.0 / 52.0),
        _ => None,
    }
}

fn hours_word(word: &str) -> bool {
    matches!(word, "h" | "hr" | "hrs" | "hour" | "hours")
}

/// An owner's `capacity`: `"20h/week"`, `"4 hours a day"`, `"12/week"`, `"30 posts per month"`.
pub fn parse_capacity(text: &str) -> Option<Rate> {
    let (number, word, per) = split(text)?;
    let unit = if hours_word(&word) { Unit::Hours } else { Unit::Items };
    let factor = weekly_factor(&per?, unit)?;
    Some(Rate {
        per_week: number * factor,
        unit,
    })
}

/// A tactic's `effort`: `"6h/week"` (hours a week) or `"2h"` (hours per item).
pub fn parse_effort(text: &str) -> Option<Effort> {
    let (number, word, per) = split(text)?;
    if !hours_word(&word) {
        return None;
    }
    match per {
        None => Some(Effort::PerItem(number)),
        Some(per) => Some(Effort::PerWeek(number * weekly_factor(&per, Unit::Hours)?)),
    }
}

/// The weekdays a cadence names (`"tue, thu"`, `"3/week: mon, wed, fri"`), Monday = 0.
pub fn weekdays(cadence: &str) -> Vec<usize> {
    let text = cadence.to_lowercase();
    let words = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
    let mut days: Vec<usize> = words
        .filter_map(|w| DAYS.iter().position(|names| names.contains(&w)))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// How many items a cadence makes a week: `"3/week"`, `"2 per day"`, the weekdays it names, or a
/// rhythm word (`daily` 7, `every weekday` 5, `weekly` 1, `monthly` 12/52 …).
pub fn items_per_week(cadence: &str) -> Option<f64> {
    let head = cadence.split(':').next().unwrap_or(cadence);
    if let Some((number, word, Some(per))) = split(head)
        && !hours_word(&word)
        && let Some(factor) = weekly_factor(&per, Unit::Items)
    {
        return Some(number * factor);
    }
    let days = weekdays(cadence);
    if !days.is_empty() {
        return Some(days.len() as f64);
    }
    let lower = cadence.to_lowercase();
    if lower.contains("weekday") {
        return Some(5.0);
    }
    Cadence::parse(cadence).map(|c| match c {
        Cadence::Daily => 7.0,
        Cadence::Weekly => 1.0,
        Cadence::Fortnightly => 0.5,
        Cadence::Monthly => 12.0 / 52.0,
        Cadence::Quarterly => 4.0 / 52.0,
        Cadence::Yearly => 1.0 / 52.0,
    })
}

/// Reads `key` as a string and then with `parse`; a string `parse` cannot read is `wrong-type`
/// with `help` (an example of the forms it reads).
pub(super) fn read<T>(
    f: &mut Fields<'_, '_>,
    key: &str,
    parse: fn(&str) -> Option<T>,
    help: &str,
) -> Option<Spanned<T>> {
    let raw = f.string(key)?;
    if let Some(value) = parse(&raw.value) {
        return Some(Spanned::new(value, raw.span));
    }
    let full = f.full_key(key);
    let message = format!("`{full}` should be an amount a week, found {:?}", raw.value);
    f.reject(full, raw.span, message, help.to_owned());
    None
}

/// What a tactic asks of its owner a week, in `unit`, when its fields say.
pub fn demand(tactic: &Tactic, unit: Unit) -> Option<f64> {
    let items = tactic.cadence.as_ref().and_then(|c| items_per_week(&c.value));
    match unit {
        Unit::Items => items,
        Unit::Hours => match tactic.effort.as_ref()?.value {
            Effort::PerWeek(hours) => Some(hours),
            Effort::PerItem(hours) => Some(hours * items?),
        },
    }
}

/// One week of an owner's load: from its Monday, what the live tactics they own ask of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Week {
    pub monday: Date,
    pub load: f64,
    /// The tactics running that week (indices into the plan's documents) with their demand.
    pub tactics: Vec<(usize, f64)>,
}

/// The owner's load week by week, in `unit`, from the first week a live tactic of theirs runs
/// to the last. A tactic runs from its `start` (else the plan's period start) to its `end` (else
/// the period end); one with neither bound known, or whose demand its fields do not give, counts
/// for nothing.
pub fn weeks(plan: &Plan, owner: &str, unit: Unit) -> Vec<Week> {
    let period = plan.settings.period.as_ref().map(|p| &p.value);
    let period_start = period.and_then(|p| p.start.as_ref()).map(|d| d.value);
    let period_end = period.and_then(|p| p.end.as_ref()).map(|d| d.value);
    let running: Vec<(usize, Date, Date, f64)> = plan
        .documents
        .iter()
        .enumerate()
        .filter(|(_, d)| d.owner.as_ref().is_some_and(|o| same_owner(&o.value, owner)))
        .filter_map(|(i, d)| {
            let tactic = d.tactic().filter(|t| t.is_live())?;
            let start = tactic.start.as_ref().map(|s| s.value).or(period_start)?;
            let end = tactic.end.as_ref().map(|e| e.value).or(period_end)?;
            let demand = demand(tactic, unit).filter(|&n| n > 0.0)?;
            (start <= end).then_some((i, start, end, demand))
        })
        .collect();
    let (Some(first), Some(last)) = (running.iter().map(|r| r.1).min(), running.iter().map(|r| r.2).max()) else {
        return Vec::new();
    };
    let mut monday = first
        .checked_sub(jiff::Span::new().days(i64::from(first.weekday().to_monday_zero_offset())))
        .unwrap_or(first);
    let mut out = Vec::new();
    while monday <= last {
        let sunday = monday.checked_add(jiff::Span::new().days(6)).unwrap_or(Date::MAX);
        let tactics: Vec<(usize, f64)> = running
            .iter()
            .filter(|r| r.1 <= sunday && r.2 >= monday)
            .map(|r| (r.0, r.3))
            .collect();
        out.push(Week {
            monday,
            load: tactics.iter().map(|t| t.1).sum(),
            tactics,
        });
        let Ok(next) = monday.checked_add(jiff::Span::new().days(7)) else {
            break;
        };
        monday = next;
    }
    debug_assert!(out.first().is_none_or(|w| w.monday.weekday() == Weekday::Monday));
    out
}

/// Whether two ways of writing an owner are the same person (case and spaces aside).
pub fn same_owner(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capacities_come_to_a_week() {
        let rate = |t| parse_capacity(t).map(|r| (r.per_week, r.unit));
        assert_eq!(rate("20h/week"), Some((20.0, Unit::Hours)));
        assert_eq!(rate("4 hours a day"), Some((20.0, Unit::Hours)));
        assert_eq!(rate("12/week"), Some((12.0, Unit::Items)));
        assert_eq!(rate("52 posts per month"), Some((12.0, Unit::Items)));
        assert_eq!(rate("lots"), None);
        assert_eq!(rate("20h"), None, "an amount with no period is no capacity");
    }

    #[test]
    fn effort_is_a_week_or_an_item() {
        assert_eq!(parse_effort("6h/week"), Some(Effort::PerWeek(6.0)));
        assert_eq!(parse_effort("1.5 hours"), Some(Effort::PerItem(1.5)));
        assert_eq!(parse_effort("3 posts"), None);
    }

    #[test]
    fn cadences_make_items_a_week() {
        assert_eq!(items_per_week("3/week"), Some(3.0));
        assert_eq!(items_per_week("3/week: mon, wed, fri"), Some(3.0));
        assert_eq!(items_per_week("tue, thu"), Some(2.0));
        assert_eq!(items_per_week("2 per day"), Some(14.0));
        assert_eq!(items_per_week("every weekday"), Some(5.0));
        assert_eq!(items_per_week("weekly"), Some(1.0));
        assert_eq!(items_per_week("three posts a week in the run-up"), Some(3.0));
        assert_eq!(items_per_week("daily, 07:00–22:00"), Some(7.0));
        assert_eq!(items_per_week("one session per team"), None);
        assert_eq!(items_per_week("as complaints arrive"), None);
        assert_eq!(weekdays("3/week: Mon, Wed, Friday"), [0, 2, 4]);
    }
}
