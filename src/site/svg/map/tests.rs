//! Tests of the strategy map: which band draws what, cross-references, the goals each node is
//! connected to, and the geometry — every node inside its band, no two boxes overlapping, no
//! curve through a box, titles wrapped into taller boxes — and that the output is the same
//! every time.

use super::bands::{Graph, Item};
use super::*;

fn node(title: &str) -> Node {
    Node {
        title: title.into(),
        url: format!("{title}.html"),
        status: None,
    }
}

fn nodes(prefix: &str, count: usize) -> Vec<Node> {
    (1..=count).map(|i| node(&format!("{prefix}{i}"))).collect()
}

fn input(goals: usize, references: [Vec<Vec<usize>>; 3], counts: (usize, usize, usize)) -> MapInput<'static> {
    let [strategy_goals, tactic_strategies, evaluation_goals] = references;
    MapInput {
        id: "m",
        goals: nodes("g", goals),
        goal_keys: (1..=goals).map(|i| format!("g{i}")).collect(),
        strategies: nodes("s", counts.0),
        tactics: nodes("t", counts.1),
        evaluations: nodes("e", counts.2),
        strategy_goals,
        tactic_strategies,
        evaluation_goals,
        words: Words {
            headings: ["Goals", "Strategies", "Tactics", "Evaluations"],
            unlinked: "Not linked",
            drawn_in: "drawn in {band}",
        },
    }
}

/// Three goals; s1 serves g1 and g2; t2 serves s1 and s2; e1 measures g1 and g2; s3, t4 and e2
/// serve nothing (t5 serves s3); g3 has nothing.
fn shared() -> MapInput<'static> {
    input(
        3,
        [
            vec![vec![0, 1], vec![1], vec![]],
            vec![vec![0], vec![0, 1], vec![1], vec![], vec![2]],
            vec![vec![0, 1], vec![]],
        ],
        (3, 5, 2),
    )
}

#[test]
fn a_document_serving_two_goals_is_drawn_in_the_first_goals_band_and_referred_to_in_the_other() {
    let input = shared();
    let plans = Graph::new(&input).bands(input.tactics.len());
    assert_eq!(plans.len(), 4, "three goals and what serves none");
    let slots = |b: usize| -> Vec<(Option<Item>, Vec<Item>)> {
        plans[b].slots.iter().map(|s| (s.strategy, s.tactics.clone())).collect()
    };
    use Item::{Cross, Home};
    assert_eq!(slots(0), [(Some(Home(0)), vec![Home(0), Home(1)])]);
    assert_eq!(plans[0].evaluations, [Home(0)]);
    assert_eq!(
        slots(1),
        [
            (Some(Cross { index: 0, band: 0 }), vec![]),
            (Some(Home(1)), vec![Cross { index: 1, band: 0 }, Home(2)])
        ]
    );
    assert_eq!(plans[1].evaluations, [Cross { index: 0, band: 0 }]);
    assert!(plans[2].slots.is_empty() && plans[2].evaluations.is_empty());
    assert_eq!(plans[3].goal, None);
    assert_eq!(slots(3), [(Some(Home(2)), vec![Home(4)]), (None, vec![Home(3)])]);
    assert_eq!(plans[3].evaluations, [Home(1)]);
    // Drawn: every document once; the cross-references are boxes too, marked and linked to
    // the band that draws the document.
    let map = map(&input);
    let drawn: Vec<&str> = map
        .bands
        .iter()
        .flat_map(|b| &b.nodes)
        .filter(|n| !n.cross)
        .map(|n| n.tooltip.as_str())
        .collect();
    assert_eq!(drawn.len(), 3 + 3 + 5 + 2, "{drawn:?}");
    let cross: Vec<&NodeBox> = map.bands[1].nodes.iter().filter(|n| n.cross).collect();
    assert_eq!(cross.len(), 3);
    assert!(
        cross
            .iter()
            .all(|n| n.url == "#goal-g1" && n.tooltip.ends_with(" · drawn in g1"))
    );
    assert_eq!(cross[0].lines[0].text, "↗ s1");
    assert_eq!(map.bands[3].anchor, "map-unlinked");
    assert_eq!(map.bands[3].label[0].text, "Not linked");
}

#[test]
fn each_node_and_curve_knows_the_goals_it_is_connected_to() {
    let map = map(&shared());
    let also = |band: usize, title: &str| -> &str {
        let found = map.bands[band].nodes.iter().find(|n| n.tooltip == title && !n.cross);
        &found.unwrap_or_else(|| panic!("{title} in band {band}")).also
    };
    // Drawn in g1's band and reached from g2 as well.
    assert_eq!(
        (also(0, "s1"), also(0, "t1"), also(0, "t2"), also(0, "e1")),
        ("g2", "g2", "g2", "g2")
    );
    assert_eq!((also(0, "g1"), also(1, "s2"), also(1, "t3")), ("", "", ""));
    assert!(map.bands[1].nodes.iter().filter(|n| n.cross).all(|n| n.also.is_empty()));
    assert_eq!((also(3, "s3"), also(3, "t4"), also(3, "t5")), ("", "", ""));
    let edges: Vec<&str> = map.bands[0].edges.iter().map(|e| e.also.as_str()).collect();
    assert_eq!(edges, ["", "g2", "g2"], "g1→s1, then s1→t1 and s1→t2 lead on to g2");
    let data = |band: &Band| (band.anchor.clone(), band.key.clone());
    assert_eq!(data(&map.bands[0]), ("goal-g1".to_owned(), Some("g1".to_owned())));
    assert_eq!(data(&map.bands[3]), ("map-unlinked".to_owned(), None));
}

#[test]
fn a_tactic_of_two_strategies_of_one_band_is_drawn_once_with_two_curves() {
    let input = input(1, [vec![vec![0], vec![0]], vec![vec![0, 1]], vec![]], (2, 1, 0));
    let map = map(&input);
    assert_eq!(map.bands.len(), 1);
    let band = &map.bands[0];
    assert_eq!(band.nodes.len(), 4, "g1, s1, s2, t1");
    assert_eq!(band.edges.len(), 4, "g1→s1, g1→s2, s1→t1, s2→t1");
    let t1 = band.nodes.iter().find(|n| n.tooltip == "t1").unwrap();
    let into_t1 = band
        .edges
        .iter()
        .filter(|e| e.ends.1 == (t1.rect.x, t1.rect.y + t1.rect.h / 2.0));
    assert_eq!(into_t1.count(), 2);
}

/// A plan like the generated ones, with shared references: `goals` goals, two strategies
/// each (every fifth also serving the next goal), tactics of one strategy or two, long titles.
fn large(goals: usize) -> MapInput<'static> {
    let strategies = goals * 2;
    let tactics = goals * 5;
    let strategy_goals = (0..strategies)
        .map(|s| {
            let g = s % goals;
            if s % 5 == 0 { vec![g, (g + 1) % goals] } else { vec![g] }
        })
        .collect();
    let tactic_strategies = (0..tactics)
        .map(|t| {
            if t % 7 == 0 {
                vec![t % strategies, (t * 3 + 1) % strategies]
            } else {
                vec![t % strategies]
            }
        })
        .collect();
    let evaluation_goals = (0..goals * 2).map(|e| vec![e % goals]).collect();
    let mut input = input(
        goals,
        [strategy_goals, tactic_strategies, evaluation_goals],
        (strategies, tactics, goals * 2),
    );
    for (i, n) in input.tactics.iter_mut().enumerate() {
        n.title = match i % 4 {
            0 => format!("Follow-up call and repair voucher after a public complaint, number {i}"),
            1 => format!("每周社交聆听报告：产品问题与竞品动态以及其他更多的内容{i}"),
            2 => format!("Trả lời tin nhắn khách hàng trên Facebook trong vòng 2 giờ {i}"),
            _ => format!("t{i}"),
        };
    }
    input
}

/// The point of a cubic Bézier curve `d` (`M x,y C x,y x,y x,y`) at `t`.
fn point(d: &str, t: f64) -> (f64, f64) {
    let n: Vec<f64> = d
        .split(['M', 'C', ' ', ','])
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    let u = 1.0 - t;
    let at =
        |i: usize| u * u * u * n[i] + 3.0 * u * u * t * n[i + 2] + 3.0 * u * t * t * n[i + 4] + t * t * t * n[i + 6];
    (at(0), at(1))
}

#[test]
fn every_node_lies_inside_its_band_no_boxes_overlap_and_no_curve_crosses_a_box() {
    let map = map(&large(40));
    assert_eq!(map.bands.len(), 40);
    let mut top = 0.0;
    for band in &map.bands {
        // Stacked one under another, bands do not overlap as long as each holds its nodes.
        assert!(band.height > 0.0);
        for (i, n) in band.nodes.iter().enumerate() {
            let r = n.rect;
            assert!(
                r.x >= 0.0 && r.right() <= W && r.y >= 0.0 && r.bottom() <= band.height,
                "{} in {}",
                n.tooltip,
                band.anchor
            );
            for line in &n.lines {
                let y: f64 = line.y.parse().unwrap();
                assert!(
                    y - 12.0 >= r.y && y + 4.0 <= r.bottom(),
                    "{} line at {y} in {r:?}",
                    n.tooltip
                );
            }
            for other in &band.nodes[i + 1..] {
                assert!(!r.overlaps(&other.rect), "{} overlaps {}", n.tooltip, other.tooltip);
            }
        }
        for edge in &band.edges {
            for step in 1..20 {
                let (x, y) = point(&edge.d, step as f64 / 20.0);
                assert!((0.0..=band.height).contains(&y), "{} leaves {}", edge.d, band.anchor);
                let inside = band.nodes.iter().find(|n| {
                    let r = n.rect;
                    x > r.x && x < r.right() && y > r.y && y < r.bottom()
                });
                assert!(inside.is_none(), "{} crosses {:?}", edge.d, inside.map(|n| &n.tooltip));
            }
        }
        top += band.height;
    }
    assert!(top > 40.0 * 60.0);
}

#[test]
fn long_titles_wrap_and_their_boxes_grow() {
    let mut input = input(1, [vec![vec![0]; 3], vec![], vec![]], (3, 0, 0));
    input.strategies[0].title = "Listen first".into();
    input.strategies[1].title = "Our guides, store staff and partner clubs as the channel".into();
    input.strategies[2].title =
        "Quarterly review of competitors and best-in-class brands across every channel we run, with the product team"
            .into();
    let map = map(&input);
    let box_of = |title: &str| map.bands[0].nodes.iter().find(|n| n.tooltip == title).unwrap();
    let heights: Vec<(usize, f64)> = input
        .strategies
        .iter()
        .map(|s| box_of(&s.title))
        .map(|b| (b.lines.len(), b.rect.h))
        .collect();
    assert_eq!(heights, [(1, 28.0), (2, 44.0), (3, 60.0)]);
    let longest = box_of(&input.strategies[2].title);
    assert!(longest.lines[2].text.ends_with('…'), "{:?}", longest.lines);
    assert_eq!(
        longest.tooltip, input.strategies[2].title,
        "the whole title in the tooltip"
    );
}

#[test]
fn statuses_become_classes_and_tooltips() {
    let mut input = input(1, [vec![vec![0]], vec![vec![0]], vec![]], (1, 1, 0));
    input.tactics[0].status = Some(Status {
        key: "done",
        label: "Done".into(),
    });
    let map = map(&input);
    let tactic = map.bands[0].nodes.iter().find(|n| n.column == Column::Tactic).unwrap();
    assert_eq!(
        (tactic.class.as_str(), tactic.tooltip.as_str()),
        ("tactic done", "t1 · Done")
    );
}

#[test]
fn the_same_plan_gives_the_same_map() {
    let render = || {
        let map = map(&large(12));
        crate::site::svg::render_for_test("svg/map.html", "map", &map)
    };
    let first = render();
    assert_eq!(first, render());
    assert_eq!(first.matches("<div class=\"map-band\"").count(), 12);
    assert_eq!(first.matches("<svg").count(), 13, "the headings and a picture per band");
    assert!(first.contains("id=\"goal-g3\" data-goal=\"g3\""));
    assert!(first.contains("data-also=\"g2\""));
}

#[test]
fn curves_of_a_tree_never_cross() {
    // Each tactic of one strategy and each strategy of one goal, as in the generated plans: a
    // band is a tree, and its blocks keep every curve beside its neighbours.
    let goals = 30;
    let strategy_goals = (0..goals * 2).map(|s| vec![(s * 7) % goals]).collect();
    let tactic_strategies = (0..goals * 5).map(|t| vec![(t * 11) % (goals * 2)]).collect();
    let map = map(&input(
        goals,
        [strategy_goals, tactic_strategies, vec![]],
        (goals * 2, goals * 5, 0),
    ));
    for band in &map.bands {
        for (i, a) in band.edges.iter().enumerate() {
            for b in &band.edges[i + 1..] {
                let ((ax, ay1), (_, ay2)) = a.ends;
                let ((bx, by1), (_, by2)) = b.ends;
                let crossed = ax == bx && (ay1 - by1) * (ay2 - by2) < 0.0;
                assert!(!crossed, "{} crosses {} in {}", a.d, b.d, band.anchor);
            }
        }
    }
}
