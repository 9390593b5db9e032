//! The chart's layout: scales, ticks, the pace line, combined points, and labels kept apart
//! and inside the picture at both sizes.

use super::*;
use crate::site::svg::render_for_test;
use jiff::civil::date;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn point(m: i8, value: f64) -> Point {
    Point {
        date: date(2027, m, 1),
        value,
        note: None,
        confidence: None,
        evaluation: 0,
    }
}

fn input<'a>(title: &'a str, points: &'a [Point]) -> ChartInput<'a> {
    ChartInput {
        id: "c",
        title,
        description: "d",
        baseline: Some(18.0),
        target: Some(45.0),
        start: Some(date(2027, 1, 1)),
        deadline: Some(date(2027, 9, 30)),
        today: date(2027, 5, 20),
        points,
        unit: Some("leads/month"),
        numbers: Numbers::default(),
        labels: ChartLabels {
            baseline: "Baseline",
            target: "Target",
            deadline: "Deadline",
            today: "Today",
            future: "dated after today, not counted",
            months: MONTHS,
            moved: "Target {from} → {to}",
            confidence: ConfidenceLabels {
                high: "high confidence",
                medium: "medium confidence",
                low: "low confidence",
                share: "confidence {percent}%",
            },
        },
        moves: &[],
    }
}

fn svg(input: &ChartInput<'_>) -> String {
    render_for_test("svg/chart.html", "chart", &chart(input, Size::Wide).unwrap())
}

fn boxes_of(chart: &Chart) -> Vec<(String, Box)> {
    let mut labels: Vec<(&Label, f64)> = Vec::new();
    labels.extend(chart.values.iter().map(|t| (&t.label, TICK_PX)));
    labels.extend(chart.months.iter().map(|t| (&t.label, TICK_PX)));
    labels.extend(chart.levels.iter().map(|l| (&l.label, LABEL_PX)));
    labels.extend(chart.markers.iter().map(|m| (&m.label, LABEL_PX)));
    labels.extend(chart.points.iter().filter(|d| d.last).map(|d| (&d.value, LABEL_PX)));
    labels.extend(chart.unit.iter().map(|u| (u, TICK_PX)));
    labels.extend(
        chart
            .moves
            .iter()
            .filter_map(|m| m.label.as_ref())
            .map(|l| (l, LABEL_PX)),
    );
    labels
        .into_iter()
        .map(|(l, px)| (l.text.clone(), Box::of(l, px)))
        .collect()
}

fn assert_apart(chart: &Chart) {
    let boxes = boxes_of(chart);
    for (i, (a, box_a)) in boxes.iter().enumerate() {
        for (b, box_b) in &boxes[i + 1..] {
            assert!(!box_a.overlaps(box_b), "`{a}` overlaps `{b}` ({box_a:?}, {box_b:?})");
        }
        assert!(
            box_a.left >= 0.0 && box_a.top >= 0.0 && box_a.bottom <= H,
            "`{a}` is cut off: {box_a:?}"
        );
    }
}

#[test]
fn draws_points_lines_pace_and_labels() {
    let points = [Point {
        note: Some("a & b".into()),
        confidence: None,
        ..point(1, 21.0)
    }];
    let svg = svg(&input("Leads", &points));
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
    for part in [
        "class=\"baseline\"",
        "class=\"target\"",
        "class=\"deadline\"",
        "class=\"today\"",
        "class=\"pace\"",
        "<circle",
        "a &amp; b",
        "Target 45 leads/month",
        ">leads/month</text>",
        ">Jan 2027</text>",
        "<title id=\"c-wide-title\">Leads</title>",
    ] {
        assert!(svg.contains(part), "{part} in {svg}");
    }
}

#[test]
fn a_title_is_escaped_by_the_template() {
    let points = [Point {
        note: Some("<b>\"q\"</b>".into()),
        confidence: None,
        ..point(2, 21.0)
    }];
    let svg = svg(&input("Leads < 5 & \"more\"", &points));
    assert!(
        svg.contains("<title id=\"c-wide-title\">Leads &lt; 5 &amp; &quot;more&quot;</title>"),
        "{svg}"
    );
    assert!(
        svg.contains("2027-02-01: 21 leads/month — &lt;b&gt;&quot;q&quot;&lt;/b&gt;"),
        "{svg}"
    );
    assert!(!svg.contains("<b>"), "{svg}");
}

#[test]
fn the_scale_fits_dates_and_values_with_room() {
    let points = [point(3, 30.0)];
    let scale = Scale::fit(&input("", &points), Size::Wide).unwrap();
    assert_eq!((scale.first, scale.last), (date(2027, 1, 1), date(2027, 9, 30)));
    // 18..45 padded by 12 % of 27 on each side; the axis then starts at zero, which costs
    // less than half of the height.
    assert_eq!(scale.low, 0.0);
    assert!((scale.high - (45.0 + 3.24)).abs() < 1e-9, "{}", scale.high);
    assert_eq!(scale.x(date(2027, 1, 1)), scale.left);
    assert_eq!(scale.x(date(2027, 9, 30)), Size::Wide.width() - RIGHT);
    assert_eq!(scale.y(scale.low), H - BOTTOM);
    assert_eq!(scale.y(scale.high), TOP);
}

#[test]
fn a_single_date_gets_a_month_and_close_values_do_not_start_at_zero() {
    let points = [point(3, 10.0)];
    let one = ChartInput {
        start: None,
        deadline: None,
        baseline: Some(8.0),
        target: None,
        ..input("", &points)
    };
    let scale = Scale::fit(&one, Size::Wide).unwrap();
    assert_eq!((scale.first, scale.last), (date(2027, 2, 14), date(2027, 3, 16)));
    // 8..10 padded by 5 % of 10: starting at zero would leave the values a sliver.
    assert_eq!((scale.low, scale.high), (7.5, 10.5));
    let middle = (scale.left + scale.right) / 2.0;
    assert!(
        (scale.x(date(2027, 3, 1)) - middle).abs() < 1.0,
        "the date in the middle of the axis"
    );
}

#[test]
fn today_near_the_deadline_goes_a_row_up_instead_of_overlapping() {
    let points = [point(3, 30.0)];
    for today in [date(2027, 9, 29), date(2027, 9, 20), date(2027, 9, 1), date(2027, 1, 2)] {
        let late = ChartInput {
            today,
            ..input("", &points)
        };
        for size in [Size::Wide, Size::Narrow] {
            let chart = chart(&late, size).unwrap();
            assert_eq!(chart.markers.len(), 2);
            assert_apart(&chart);
        }
    }
}

#[test]
fn no_two_labels_overlap_and_none_is_cut_off() {
    let many: Vec<Point> = (1..=9).map(|m| point(m, 18.0 + 3.0 * f64::from(m))).collect();
    let close = ChartInput {
        baseline: Some(40.0),
        target: Some(41.0),
        ..input("", &many)
    };
    let big = ChartInput {
        baseline: Some(8_000.0),
        target: Some(10_000.0),
        unit: Some("sessions/week"),
        ..input("", &[])
    };
    for case in [input("", &many), close, big] {
        for size in [Size::Wide, Size::Narrow] {
            assert_apart(&chart(&case, size).unwrap());
        }
    }
}

#[test]
fn measurements_of_one_date_are_one_point() {
    let points = [point(2, 10.0), point(3, 12.0), point(3, 14.0)];
    let chart = chart(&input("", &points), Size::Wide).unwrap();
    assert_eq!(chart.points.len(), 2);
    assert!(
        chart.points[1].title.starts_with("2027-03-01: 13 leads/month; 12; 14"),
        "{}",
        chart.points[1].title
    );
    assert_eq!(chart.series.unwrap().split(' ').count(), 2);
    assert!(chart.points[1].last && !chart.points[0].last);
}

#[test]
fn a_point_dated_after_today_is_hollow_and_off_the_line() {
    let points = [point(2, 10.0), point(3, 12.0), point(8, 30.0)];
    let svg = svg(&input("Leads", &points));
    let line = svg.split("<polyline class=\"series\" points=\"").nth(1).unwrap();
    let line = &line[..line.find('"').unwrap()];
    assert_eq!(line.split(' ').count(), 2, "{line}");
    assert_eq!(svg.matches("class=\"point future\"").count(), 1);
    assert!(
        svg.contains("2027-08-01: 30 leads/month (dated after today, not counted)"),
        "{svg}"
    );
}

#[test]
fn nothing_to_draw_without_dates_or_values() {
    let empty = ChartInput {
        baseline: None,
        target: None,
        start: None,
        deadline: None,
        ..input("", &[])
    };
    assert!(chart(&empty, Size::Wide).is_none());
    let no_values = ChartInput {
        baseline: None,
        target: None,
        ..input("", &[])
    };
    assert!(chart(&no_values, Size::Wide).is_none());
}

fn moved(m: i8, day: i8, from: f64, to: f64) -> TargetMove {
    TargetMove {
        date: date(2027, m, day),
        from,
        to,
    }
}

#[test]
fn the_target_moves_as_steps_with_a_marked_labelled_point_each() {
    let points = [point(2, 20.0), point(4, 26.0)];
    let moves = [moved(3, 1, 60.0, 50.0), moved(4, 15, 50.0, 45.0)];
    let case = ChartInput {
        moves: &moves,
        ..input("Leads", &points)
    };
    let chart = chart(&case, Size::Wide).unwrap();
    let scale = Scale::fit(&case, Size::Wide).unwrap();
    assert!(scale.high > 60.0, "the earlier targets are on the value axis");
    let steps: Vec<&str> = chart.earlier.as_deref().unwrap().split(' ').collect();
    assert_eq!(steps.len(), 5, "from the left edge, down at each move: {steps:?}");
    assert_eq!(steps[0], format!("{},{}", number(scale.left), number(scale.y(60.0))));
    assert_eq!(
        steps[4],
        format!("{},{}", number(scale.x(date(2027, 4, 15))), number(scale.y(45.0)))
    );
    assert_eq!(chart.moves.len(), 2);
    assert_eq!(chart.moves[0].label.as_ref().unwrap().text, "Target 60 → 50");
    assert_eq!(chart.moves[1].title, "2027-04-15: Target 50 → 45");
    assert_apart(&chart);
    let svg = svg(&case);
    assert!(
        svg.contains("class=\"earlier-target\"") && svg.contains(">Target 60 → 50</text>"),
        "{svg}"
    );
    assert_eq!(svg.matches("class=\"moved-point\"").count(), 2);
    assert_eq!(
        svg.matches("<g class=\"move\">").count(),
        2,
        "a group of its own: its label takes no line style"
    );
}

#[test]
fn moves_close_together_keep_their_labels_apart_or_go_without() {
    let points = [point(3, 30.0)];
    // A move a day, next to today and each other: there are only three rows above the plot.
    let crowded: Vec<TargetMove> = (10..20)
        .map(|day| moved(5, day, 40.0 + f64::from(day), 41.0 + f64::from(day)))
        .collect();
    let near_deadline = [moved(9, 25, 45.0, 50.0), moved(9, 28, 50.0, 45.0)];
    // Above the value axis, where the unit is.
    let near_the_unit = [moved(1, 5, 45.0, 50.0), moved(1, 20, 50.0, 45.0)];
    for moves in [&crowded[..], &near_deadline[..], &near_the_unit[..]] {
        let case = ChartInput {
            moves,
            ..input("", &points)
        };
        for size in [Size::Wide, Size::Narrow] {
            let drawn = chart(&case, size).unwrap();
            assert_eq!(drawn.moves.len(), moves.len(), "every move is drawn");
            assert_apart(&drawn);
        }
    }
    let case = ChartInput {
        moves: &crowded,
        ..input("", &points)
    };
    let narrow = chart(&case, Size::Narrow).unwrap();
    assert!(
        narrow.moves.iter().any(|m| m.label.is_none()),
        "no room for all ten labels"
    );
    let outside = [moved(12, 1, 40.0, 45.0)];
    let case = ChartInput {
        moves: &outside,
        ..input("", &points)
    };
    let wide = chart(&case, Size::Wide).unwrap();
    assert!(
        wide.moves.is_empty() && wide.earlier.is_none(),
        "a move after the axis ends"
    );
}

#[test]
fn a_tooltip_gives_each_measurements_note_and_confidence() {
    use crate::plan::{Confidence, ConfidenceLevel};
    let points = [
        Point {
            note: Some("webinar week".into()),
            confidence: Some(Confidence::Level(ConfidenceLevel::Medium)),
            ..point(3, 30.0)
        },
        Point {
            confidence: Some(Confidence::Share(0.8)),
            ..point(4, 35.0)
        },
    ];
    let chart = chart(&input("Leads", &points), Size::Wide).unwrap();
    assert!(
        chart.points[0].title.ends_with("— webinar week · medium confidence"),
        "{}",
        chart.points[0].title
    );
    assert!(
        chart.points[1].title.ends_with(" · confidence 80%"),
        "{}",
        chart.points[1].title
    );
}
