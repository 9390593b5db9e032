//! The calendar as iCalendar text (RFC 5545), built with the `icalendar` crate, which escapes
//! text and folds long lines.

use icalendar::{Calendar, Component, EventLike};
use jiff::civil::Date;

use super::{Event, Repeat, events, plan_key, uid, words};
use crate::plan::cadence::Cadence;
use crate::plan::{Document, Plan};

/// The plan's calendar. `url_of` gives a document's page on the published site, when its
/// address is known; `today` stamps every event (DTSTAMP), so that a build is reproducible.
pub fn render(plan: &Plan, today: Date, url_of: &dyn Fn(&Document) -> Option<String>) -> String {
    let language = plan.settings.language();
    let key = plan_key(plan);
    let title = plan.settings.title.as_ref().map_or("stratagem", |t| t.value.as_str());
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//stratagem//plan calendar//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        calendar.append_property(icalendar::Property::new(key, value));
    }
    calendar.name(title);
    for event in events(plan) {
        calendar.push(vevent(&event, &key, language, today, url_of));
    }
    calendar.done().to_string()
}

fn vevent(
    event: &Event<'_>,
    key: &str,
    language: &str,
    today: Date,
    url_of: &dyn Fn(&Document) -> Option<String>,
) -> icalendar::Event {
    let document = event.document;
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&uid(event, key))
        .add_property("DTSTAMP", format!("{}T000000Z", compact(today)))
        // An all-day event ends (exclusively) the next day.
        .starts(naive(event.date))
        .ends(naive(event.date.tomorrow().unwrap_or(event.date)))
        .summary(&words::summary(language, event.occasion, document.display_title()));
    let mut description = Vec::new();
    if let Some(owner) = &document.owner {
        description.push(format!("{}: {}", words::owner(language), owner.value));
    }
    if let Some(url) = url_of(document) {
        description.push(url.clone());
        vevent.url(&url);
    }
    if !description.is_empty() {
        vevent.description(&description.join("\n"));
    }
    if let Some(repeat) = event.repeat {
        vevent.add_property("RRULE", rrule(repeat));
    }
    vevent.done()
}

/// `FREQ=MONTHLY;INTERVAL=3;UNTIL=20271231` and the like.
fn rrule(repeat: Repeat) -> String {
    let (freq, interval) = match repeat.cadence {
        Cadence::Daily => ("DAILY", 1),
        Cadence::Weekly => ("WEEKLY", 1),
        Cadence::Fortnightly => ("WEEKLY", 2),
        Cadence::Monthly => ("MONTHLY", 1),
        Cadence::Quarterly => ("MONTHLY", 3),
        Cadence::Yearly => ("YEARLY", 1),
    };
    let mut rule = format!("FREQ={freq}");
    if interval > 1 {
        rule.push_str(&format!(";INTERVAL={interval}"));
    }
    if let Some(until) = repeat.until {
        rule.push_str(&format!(";UNTIL={}", compact(until)));
    }
    rule
}

fn compact(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

fn naive(date: Date) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(date.year().into(), date.month() as u32, date.day() as u32)
        .expect("a jiff date is a valid chrono date")
}
