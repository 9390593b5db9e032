//! Inline SVG pictures of the plan — progress chart, strategy map, roadmap — with a `<title>`
//! and description for screen readers, and no external resources. This module owns their
//! geometry (scales, positions, label boxes, path data), computed into serializable structs
//! whose numbers are already formatted; the markup is in the Tera templates `svg/*.html`
//! (overridable from a plan's `templates/` folder, autoescaped like every `.html` template),
//! which the page templates include. It may import the plan's graph and nothing of the pages.

pub mod chart;
pub mod map;
pub mod roadmap;
pub mod sparkline;
pub mod ticks;
pub mod wrap;

use jiff::civil::Date;
use serde::Serialize;

/// Escapes text for use in SVG/HTML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// A number with at most two decimals and no trailing zeros: `40`, `6.5`, `0.33`. Drawings
/// print tens of thousands of them, so the digits come from the number of hundredths, an
/// integer, rather than from formatting a float.
pub fn number(value: f64) -> String {
    use std::fmt::Write;
    if !value.is_finite() {
        return "—".to_owned();
    }
    let hundredths = (value * 100.0).round();
    // Beyond what an `i64` of hundredths holds, a float has no decimals left to print.
    if hundredths.abs() >= 9e18 {
        return format!("{:.0}", hundredths / 100.0);
    }
    let hundredths = hundredths as i64;
    let (whole, cents) = (hundredths.unsigned_abs() / 100, hundredths.unsigned_abs() % 100);
    let mut out = String::with_capacity(12);
    if hundredths < 0 {
        out.push('-');
    }
    let _ = write!(out, "{whole}");
    match cents {
        0 => {}
        c if c % 10 == 0 => {
            let _ = write!(out, ".{}", c / 10);
        }
        c => {
            let _ = write!(out, ".{c:02}");
        }
    }
    out
}

/// Shortens a label to `max` characters, with an ellipsis.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days(from: Date, to: Date) -> f64 {
    (to - from).get_days() as f64
}

/// The `<svg>` element of a picture: its size, class, role and the `<title>` and `<desc>` that
/// screen readers announce (template `svg/frame.html`).
#[derive(Clone, Debug, Serialize)]
pub struct Frame {
    /// The prefix of the ids of the title and description.
    pub id: String,
    pub class: &'static str,
    /// `img` for a picture; `group` for one whose parts are links, so that they stay reachable.
    pub role: &'static str,
    pub width: String,
    pub height: String,
    pub title: String,
    pub desc: String,
}

impl Frame {
    pub fn new(id: &str, class: &'static str, (width, height): (f64, f64), title: &str, desc: &str) -> Frame {
        Frame {
            id: id.to_owned(),
            class,
            role: if class == "chart" { "img" } else { "group" },
            width: number(width),
            height: number(height),
            title: title.to_owned(),
            desc: desc.to_owned(),
        }
    }
}

/// A text label: where it is and how it is anchored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Label {
    pub x: String,
    pub y: String,
    pub anchor: &'static str,
    pub text: String,
}

/// Renders a picture's template alone, the way a page includes it, for the tests of the
/// geometry modules.
#[cfg(test)]
pub(crate) fn render_for_test(template: &str, key: &'static str, value: &impl Serialize) -> String {
    render_with(&[], template, key, value)
}

/// The same, with the plan's template files `overrides`.
#[cfg(test)]
pub(crate) fn render_with(
    overrides: &[crate::plan::discover::PlanFile],
    template: &str,
    key: &'static str,
    value: &impl Serialize,
) -> String {
    let templates = crate::site::templates::load(overrides).unwrap();
    let mut context = tera::Context::new();
    context.insert(key, value);
    templates.tera.render(template, &context).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_needless_decimals() {
        assert_eq!(number(40.0), "40");
        assert_eq!(number(6.5), "6.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-2.0), "-2");
        assert_eq!(number(-0.25), "-0.25");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(0.05), "0.05");
        // Large amounts (a budget in đồng) keep their decimals, and never end in a bare point.
        assert_eq!(number(2e13 + 0.5), "20000000000000.5");
        assert_eq!(number(1e15), "1000000000000000");
        assert_eq!(number(1e20), "100000000000000000000");
    }

    /// The way the numbers were printed before, through float formatting.
    fn number_by_formatting(value: f64) -> String {
        let rounded = (value * 100.0).round() / 100.0;
        if rounded.fract() == 0.0 {
            format!("{}", rounded as i64)
        } else {
            format!("{rounded:.2}").trim_end_matches('0').to_owned()
        }
    }

    proptest::proptest! {
        #[test]
        fn numbers_print_as_float_formatting_would(value in -1e9f64..1e9) {
            proptest::prop_assert_eq!(number(value), number_by_formatting(value));
        }
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("Tăng trưởng", 5), "Tăng…");
        assert_eq!(truncate("abc", 5), "abc");
    }

    #[test]
    fn a_plan_overrides_the_picture_templates() {
        let dir = tempfile::tempdir().unwrap();
        let file = |rel: &str, text: &str| {
            let abs = dir.path().join(rel);
            std::fs::create_dir_all(abs.parent().unwrap()).unwrap();
            std::fs::write(&abs, text).unwrap();
            crate::plan::discover::PlanFile { abs, rel: rel.into() }
        };
        // The frame every picture includes, and the map itself.
        let frame = file("svg/frame.html", "<svg class=\"mine {{ frame.class }}\">");
        let map = file("svg/map.html", "{% for h in map.headings %}[{{ h.text }}]{% endfor %}");
        let node = |title: &str| map::Node {
            title: title.into(),
            url: "g.html".into(),
            status: None,
        };
        let input = map::MapInput {
            id: "m",
            goals: vec![node("Grow")],
            goal_keys: vec!["g".into()],
            strategies: vec![],
            tactics: vec![],
            evaluations: vec![],
            strategy_goals: vec![],
            tactic_strategies: vec![],
            evaluation_goals: vec![],
            words: map::Words {
                headings: ["Goals", "<Strategies>", "Tactics", "Evaluations"],
                unlinked: "Not linked",
                drawn_in: "in {band}",
            },
        };
        let laid_out = map::map(&input);
        let svg = render_with(std::slice::from_ref(&frame), "svg/map.html", "map", &laid_out);
        assert!(
            svg.contains(
                "<div class=\"map-band\" id=\"goal-g\" data-goal=\"g\"><svg class=\"mine map\"><rect class=\"band-bg\""
            ),
            "{svg}"
        );
        let svg = render_with(&[frame, map], "svg/map.html", "map", &laid_out);
        assert_eq!(
            svg, "[Goals][&lt;Strategies&gt;][Tactics][Evaluations]",
            "an override is autoescaped too"
        );
    }

    #[test]
    fn a_picture_of_links_is_a_group() {
        assert_eq!(Frame::new("c", "chart", (640.0, 260.0), "t", "d").role, "img");
        let map = Frame::new("m", "map", (960.0, 72.5), "t", "d");
        assert_eq!((map.role, map.height.as_str()), ("group", "72.5"));
    }
}
