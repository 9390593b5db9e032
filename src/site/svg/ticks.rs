//! Axis ticks and label boxes, shared by the pictures: round value steps (1, 2, 2.5 or 5 times a
//! power of ten) that give four to six ticks, month starts spaced so that their labels fit, and
//! the estimated width of a label, so that labels can be kept from overlapping.

use jiff::civil::Date;

/// The width of `text` at `size` px, estimated: wide (CJK) characters take a full em, others
/// about 0.56 of one, a little over the average of the sans-serif faces browsers use.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if is_wide(c) { size } else { size * 0.56 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// The left and right edges of a label of `width` at `x`, for an SVG `text-anchor`.
pub fn span(x: f64, width: f64, anchor: &str) -> (f64, f64) {
    match anchor {
        "end" => (x - width, x),
        "middle" => (x - width / 2.0, x + width / 2.0),
        _ => (x, x + width),
    }
}

/// Round values from `low` to `high`: four to six of them when the range allows.
pub fn value_ticks(low: f64, high: f64) -> Vec<f64> {
    if !(low.is_finite() && high.is_finite()) || high <= low {
        return Vec::new();
    }
    let mut best = Vec::new();
    for count in [5.0, 4.0, 6.0, 3.0] {
        let step = nice_step((high - low) / count);
        let first = (low / step).ceil() as i64;
        let last = (high / step).floor() as i64;
        // Below one, dividing by the inverse of the step keeps the decimals exact (0.35, not
        // 0.35000000000000003).
        let at = |k: i64| {
            if step < 1.0 {
                k as f64 / (1.0 / step).round()
            } else {
                k as f64 * step
            }
        };
        let ticks: Vec<f64> = (first..=last).map(at).collect();
        if (4..=6).contains(&ticks.len()) {
            return ticks;
        }
        if best.is_empty() || ticks.len().abs_diff(5) < best.len().abs_diff(5) {
            best = ticks;
        }
    }
    best
}

/// The round step nearest above `raw`: 1, 2, 2.5 or 5 times a power of ten.
fn nice_step(raw: f64) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&n| fraction <= n + 1e-9)
        .unwrap_or(10.0);
    nice * power
}

/// The first day of each month from `first` to `last`, every `step`-th month, with `step` the
/// smallest of 1, 2, 3, 6 or 12 that keeps them at most `max` (January always among them when
/// the step divides the year).
pub fn month_ticks(first: Date, last: Date, max: usize) -> Vec<Date> {
    let mut starts = Vec::new();
    let mut month = first.first_of_month();
    if month < first {
        month = month.saturating_add(jiff::Span::new().months(1));
    }
    while month <= last {
        starts.push(month);
        month = month.saturating_add(jiff::Span::new().months(1));
    }
    for step in [1, 2, 3, 6, 12] {
        let kept: Vec<Date> = starts
            .iter()
            .copied()
            .filter(|d| (d.month() as i32 - 1) % step == 0)
            .collect();
        if kept.len() <= max.max(1) {
            return kept;
        }
    }
    starts.into_iter().filter(|d| d.month() == 1).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn value_ticks_are_round_and_four_to_six() {
        assert_eq!(value_ticks(0.0, 48.24), [0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(value_ticks(7.5, 10.5), [8.0, 9.0, 10.0]);
        assert_eq!(value_ticks(0.0, 10_600.0), [0.0, 2_500.0, 5_000.0, 7_500.0, 10_000.0]);
        assert_eq!(value_ticks(0.35, 0.62), [0.35, 0.4, 0.45, 0.5, 0.55, 0.6]);
        for (low, high) in [(0.0, 1.0), (-3.0, 17.0), (12.0, 13.0), (0.0, 0.001), (1e6, 9e6)] {
            let ticks = value_ticks(low, high);
            assert!((3..=6).contains(&ticks.len()), "{low}..{high}: {ticks:?}");
            assert!(
                ticks.iter().all(|t| (low..=high).contains(t)),
                "{low}..{high}: {ticks:?}"
            );
        }
        assert!(value_ticks(5.0, 5.0).is_empty());
    }

    #[test]
    fn month_ticks_thin_out_to_fit() {
        let all = month_ticks(date(2027, 1, 1), date(2027, 9, 30), 12);
        assert_eq!(all.len(), 9);
        assert_eq!(all[0], date(2027, 1, 1));
        let thin = month_ticks(date(2027, 1, 15), date(2027, 12, 31), 4);
        assert_eq!(thin, [date(2027, 4, 1), date(2027, 7, 1), date(2027, 10, 1)]);
        let years = month_ticks(date(2020, 1, 1), date(2027, 12, 31), 8);
        assert!(years.iter().all(|d| d.month() == 1 && d.day() == 1), "{years:?}");
    }

    #[test]
    fn wide_characters_take_a_full_em() {
        assert_eq!(text_width("今天", 12.0), 24.0);
        assert!((text_width("Today", 12.0) - 33.6).abs() < 1e-9);
        assert_eq!(span(100.0, 40.0, "end"), (60.0, 100.0));
        assert_eq!(span(100.0, 40.0, "middle"), (80.0, 120.0));
        assert_eq!(span(100.0, 40.0, "start"), (100.0, 140.0));
    }
}
