//! Inline SVG pictures of the plan — progress chart, strategy map, roadmap — written as text
//! with a `<title>` and description for screen readers, and no external resources.

pub mod chart;
pub mod map;
pub mod roadmap;

use std::fmt::Write as _;

use jiff::civil::Date;

/// Escapes text for use in SVG/HTML text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// A number with at most two decimals and no trailing zeros: `40`, `6.5`, `0.33`.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        let mut s = format!("{rounded:.2}");
        while s.ends_with('0') {
            s.pop();
        }
        s
    }
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

/// Writes `<svg …><title>…</title><desc>…</desc>` with a unique id prefix for the labels.
pub fn open(out: &mut String, id: &str, width: f64, height: f64, title: &str, desc: &str, class: &str) {
    // A picture is an image; one whose parts are links is a group, so the links stay reachable.
    let role = if class == "chart" { "img" } else { "group" };
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"{role}\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        esc(title),
        esc(desc),
        w = number(width),
        h = number(height),
    );
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
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("Tăng trưởng", 5), "Tăng…");
        assert_eq!(truncate("abc", 5), "abc");
    }
}
