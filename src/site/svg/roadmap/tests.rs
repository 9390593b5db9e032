//! The roadmap's layout: localised, non-overlapping axis labels, the flags around today, the
//! summary's counts, the markup, and the same output on every run.

use jiff::civil::{Date, date};

use super::axis::{self, Calendar, TRACK, Tick};
use super::flags::{Flag, Timing, flags, stretch};
use super::*;
use crate::site::svg::ticks::text_width;

const EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const CY: [&str; 12] = [
    "Ion", "Chwef", "Maw", "Ebr", "Mai", "Meh", "Gorff", "Awst", "Medi", "Hyd", "Tach", "Rhag",
];

fn english() -> Calendar<'static> {
    Calendar {
        months: EN,
        quarter: "Q{q} {year}",
        quarter_short: "Q{q} {year}",
        quarter_names: ["1", "2", "3", "4"],
    }
}

fn texts(calendar: Calendar<'static>) -> Texts<'static> {
    Texts {
        calendar,
        today: "Today",
        status: &|s: TacticStatus| s.name(),
        undated: "No date",
        late_start: "Late start",
        past_end: "Overrun: past its end",
        past_deadline: "Overrun: after {date}",
        deadline_of: "Deadline of {goal}: {date}",
    }
}

/// The roadmap's markup, as the page includes it (with the UI strings and the way to the root).
fn render(roadmap: &Roadmap) -> String {
    let templates = crate::site::templates::load(&[]).unwrap();
    let mut context = tera::Context::new();
    context.insert("roadmap", roadmap);
    context.insert("t", &crate::site::i18n::strings("en", &[]).0);
    context.insert("root", "");
    templates.tera.render("svg/roadmap.html", &context).unwrap()
}

fn labels(ticks: &[Tick]) -> Vec<&str> {
    ticks
        .iter()
        .filter_map(|t| t.label.as_ref())
        .map(|l| l.text.as_str())
        .collect()
}

/// No two labels of a row overlap, and each is inside the track.
fn apart(ticks: &[Tick]) {
    let mut spans: Vec<(f64, f64)> = ticks
        .iter()
        .filter_map(|t| t.label.as_ref())
        .map(|l| {
            let x: f64 = l.x.parse().unwrap();
            (x, x + text_width(&l.text, 11.0))
        })
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(spans.iter().all(|&(a, b)| a >= 0.0 && b <= TRACK), "{spans:?}");
    assert!(spans.windows(2).all(|w| w[0].1 < w[1].0), "{spans:?}");
}

#[test]
fn months_and_quarters_are_named_in_the_sites_language() {
    let year = (date(2027, 1, 1), date(2027, 12, 31));
    let welsh = Calendar {
        months: CY,
        quarter: "Chwarter {q} {year}",
        quarter_short: "Ch{q} {year}",
        quarter_names: ["1", "2", "3", "4"],
    };
    let axis = axis::axis(year, date(2027, 5, 20), &welsh, "Heddiw");
    assert_eq!(labels(&axis.months), CY, "every month named over a year");
    assert_eq!(
        labels(&axis.quarters),
        [
            "Chwarter 1 2027",
            "Chwarter 2 2027",
            "Chwarter 3 2027",
            "Chwarter 4 2027"
        ]
    );
    assert_eq!(axis.today.as_ref().unwrap().text, "Heddiw");
    let chinese = Calendar {
        months: [
            "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
        ],
        quarter: "{year}年第{q_name}季度",
        quarter_short: "{year}年Q{q}",
        quarter_names: ["一", "二", "三", "四"],
    };
    let axis = axis::axis(year, date(2027, 5, 20), &chinese, "今天");
    assert_eq!(labels(&axis.quarters)[1], "2027年第二季度");
    assert_eq!(labels(&axis.months)[1], "2月");
    // Over three years a quarter is too narrow for the long form: the short one keeps the year.
    let axis = axis::axis(
        (date(2026, 1, 1), date(2028, 12, 31)),
        date(2027, 3, 15),
        &chinese,
        "今天",
    );
    assert_eq!(labels(&axis.quarters).len(), 12);
    assert_eq!(labels(&axis.quarters)[4], "2027年Q1");
    for axis in [axis, axis::axis(year, date(2027, 5, 20), &welsh, "Heddiw")] {
        apart(&axis.quarters);
        apart(&axis.months);
    }
}

#[test]
fn month_labels_thin_out_over_a_long_range_and_stay_apart() {
    let count = |first: Date, last: Date| {
        let axis = axis::axis((first, last), first, &english(), "Today");
        apart(&axis.months);
        apart(&axis.quarters);
        (axis.months.len(), labels(&axis.months).len())
    };
    assert_eq!(count(date(2027, 1, 1), date(2027, 12, 31)), (12, 12));
    let (lines, labelled) = count(date(2026, 1, 1), date(2028, 12, 31));
    assert_eq!((lines, labelled), (36, 18), "every second month over three years");
    let (lines, labelled) = count(date(2020, 1, 15), date(2029, 12, 31));
    assert_eq!(lines, 120);
    assert!(labelled <= 20, "{labelled}");
    // A range starting mid-month: the partial month gets its line, and no label if too narrow.
    let axis = axis::axis(
        (date(2027, 1, 29), date(2027, 6, 30)),
        date(2027, 1, 1),
        &english(),
        "Today",
    );
    assert_eq!(axis.months[0].x, "8");
    assert!(axis.today.is_none(), "today before the range has no line");
}

fn timing(status: TacticStatus, start: Option<Date>, end: Option<Date>, deadline: Option<Date>) -> Timing {
    Timing {
        status,
        start,
        end,
        deadline,
    }
}

#[test]
fn late_starts_and_overruns_are_judged_against_today() {
    use TacticStatus::{Active, Done, Dropped, Planned};
    let today = date(2027, 3, 15);
    let (yesterday, tomorrow) = (date(2027, 3, 14), date(2027, 3, 16));
    let of = |t: Timing| flags(&t, today);
    assert_eq!(
        of(timing(Planned, Some(yesterday), Some(date(2027, 6, 1)), None)),
        [Flag::LateStart]
    );
    assert!(
        of(timing(Planned, Some(today), None, None)).is_empty(),
        "starting today is on time"
    );
    assert!(of(timing(Planned, Some(tomorrow), None, None)).is_empty());
    assert!(
        of(timing(Active, Some(yesterday), None, None)).is_empty(),
        "running, so started"
    );
    assert_eq!(of(timing(Active, None, Some(yesterday), None)), [Flag::PastEnd]);
    assert!(
        of(timing(Active, None, Some(today), None)).is_empty(),
        "ending today is on time"
    );
    assert!(of(timing(Done, None, Some(yesterday), None)).is_empty());
    assert_eq!(
        of(timing(Planned, Some(date(2027, 1, 1)), Some(yesterday), None)),
        [Flag::LateStart, Flag::PastEnd]
    );
    let deadline = Some(date(2027, 6, 30));
    assert_eq!(
        of(timing(Active, None, Some(date(2027, 7, 1)), deadline)),
        [Flag::PastDeadline]
    );
    assert!(of(timing(Active, None, Some(date(2027, 6, 30)), deadline)).is_empty());
    assert_eq!(
        of(timing(Done, None, Some(date(2027, 7, 1)), deadline)),
        [Flag::PastDeadline]
    );
    assert!(of(timing(Dropped, Some(yesterday), Some(yesterday), deadline)).is_empty());
    assert!(
        of(timing(Planned, None, None, deadline)).is_empty(),
        "undated: nothing to judge"
    );
    // The stretches drawn hatched.
    let late = timing(Planned, Some(date(2027, 2, 1)), Some(date(2027, 9, 1)), None);
    assert_eq!(stretch(Flag::LateStart, &late, today), Some((date(2027, 2, 1), today)));
    let past = timing(Active, None, Some(date(2027, 2, 1)), None);
    assert_eq!(stretch(Flag::PastEnd, &past, today), Some((date(2027, 2, 1), today)));
}

fn bar(title: &str, status: TacticStatus, start: Option<Date>, end: Option<Date>) -> Bar {
    Bar {
        title: title.into(),
        url: format!("tactics/{title}.html"),
        owner: Some("Dana <Okafor>".into()),
        channels: vec!["LinkedIn".into(), "YouTube".into()],
        goals: vec!["leads".into()],
        timing: timing(status, start, end, Some(date(2027, 9, 30))),
    }
}

fn plan() -> Vec<Goal> {
    use TacticStatus::{Active, Planned};
    let late = bar("late", Planned, Some(date(2027, 2, 1)), Some(date(2027, 6, 30)));
    let over = bar("over", Active, Some(date(2027, 2, 1)), Some(date(2027, 11, 30)));
    let undated = bar("undated", Planned, None, None);
    let strategy = |title: &str, bars: Vec<Bar>| Strategy {
        title: title.into(),
        url: format!("strategies/{title}.html"),
        deadlines: vec![Deadline {
            goal: "Leads".into(),
            date: date(2027, 9, 30),
        }],
        bars,
    };
    vec![Goal {
        id: "leads".into(),
        title: "Leads".into(),
        url: Some("goals/leads.html".into()),
        deadline: Some(date(2027, 9, 30)),
        strategies: vec![
            strategy("voices", vec![late.clone(), over, undated]),
            // A tactic serving two strategies is listed under both, and counted once.
            strategy("events", vec![late]),
        ],
    }]
}

fn laid_out(goals: &[Goal]) -> Roadmap {
    let texts = texts(english());
    roadmap(&RoadmapInput {
        id: "roadmap",
        title: "Roadmap",
        description: "2027",
        range: (date(2027, 1, 1), date(2027, 12, 31)),
        today: date(2027, 3, 15),
        goals,
        texts: &texts,
    })
}

#[test]
fn rows_carry_their_bar_flags_and_filters_and_the_summary_counts_each_tactic_once() {
    let goals = plan();
    let r = laid_out(&goals);
    assert_eq!((r.tactics, r.late_starts, r.overruns), (3, 1, 1));
    let voices = &r.goals[0].strategies[0];
    assert_eq!(
        voices.lines,
        [number(x((date(2027, 1, 1), date(2027, 12, 31)), date(2027, 9, 30)))]
    );
    assert_eq!(voices.markers[0].title, "Deadline of Leads: 2027-09-30");
    let [late, over, undated] = &voices.rows[..] else {
        panic!()
    };
    assert_eq!(late.flags.iter().map(|h| h.flag).collect::<Vec<_>>(), [Flag::LateStart]);
    assert_eq!(late.spoken, "2027-02-01 – 2027-06-30 · planned · Late start");
    assert_eq!(over.flags[0].flag, Flag::PastDeadline);
    assert_eq!(
        over.spoken,
        "2027-02-01 – 2027-11-30 · active · Overrun: after 2027-09-30"
    );
    assert!(undated.undated && undated.spoken.starts_with("No date – No date"));
    assert_eq!(
        (late.channels.as_str(), late.goals.as_str()),
        ("LinkedIn|YouTube", "leads")
    );
    let html = render(&r);
    assert_eq!(html.matches("<li class=\"rm-row\"").count(), 4);
    assert_eq!(html.matches("class=\"rm-flag late-start\"").count(), 2);
    assert_eq!(html.matches("class=\"rm-flag past-deadline\"").count(), 1);
    assert!(html.contains("data-owner=\"Dana &lt;Okafor&gt;\""), "autoescaped");
    assert!(html.contains("<text class=\"tick\" x=\"") && html.contains(">Feb</text>"));
    assert_eq!(html.matches("class=\"rm-marker\"").count(), 2);
    assert!(html.contains("role=\"region\"") && html.contains("class=\"rm-axis\""));
}

#[test]
fn the_same_plan_lays_out_and_renders_the_same_every_time() {
    let goals = plan();
    let render = || {
        let r = laid_out(&goals);
        (format!("{r:?}"), render(&r))
    };
    let first = render();
    for _ in 0..5 {
        assert_eq!(render(), first);
    }
}
