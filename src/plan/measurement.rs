//! An evaluation's `[[measurements]]`: each one's goal, date, value, note and `confidence` — how
//! sure the person who took it is: `high`, `medium`, `low`, or a share from 0 to 1 — read once at
//! load with their spans (a bad confidence is `wrong-type`).

use jiff::civil::Date;
use toml::de::DeValue;

use super::Spanned;
use super::fields::{Fields, describe, quote_list};
use super::vocabulary::{Vocabulary, vocabulary};
use crate::diagnostic::did_you_mean;

/// One `[[measurements]]` entry.
#[derive(Clone, Debug, Default)]
pub struct Measurement {
    pub goal: Option<Spanned<String>>,
    pub date: Option<Spanned<Date>>,
    pub value: Option<Spanned<f64>>,
    /// How sure the person who took it is.
    pub confidence: Option<Spanned<Confidence>>,
    pub note: Option<Spanned<String>>,
}

/// Reads an evaluation's `[[measurements]]`.
pub(super) fn read_all(f: &mut Fields<'_, '_>) -> Vec<Spanned<Measurement>> {
    let known = super::definitions::sub_names(Some(super::Kind::Evaluation), "measurements");
    f.tables("measurements", &known, |m| Measurement {
        goal: m.string("goal"),
        date: m.date("date"),
        value: m.number("value"),
        confidence: read(m),
        note: m.string("note"),
    })
}

vocabulary!(
    /// A measurement's confidence, in words.
    ConfidenceLevel {
        High = "high",
        Medium = "medium",
        Low = "low",
    }
);

/// A measurement's `confidence`, as written: a word, or a share from 0 to 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Confidence {
    Level(ConfidenceLevel),
    Share(f64),
}

impl Confidence {
    /// The word a share stands for (at least 0.7 is high, at least 0.4 medium), for colours.
    pub fn level(self) -> ConfidenceLevel {
        match self {
            Confidence::Level(level) => level,
            Confidence::Share(s) if s >= 0.7 => ConfidenceLevel::High,
            Confidence::Share(s) if s >= 0.4 => ConfidenceLevel::Medium,
            Confidence::Share(_) => ConfidenceLevel::Low,
        }
    }

    /// A share from 0 to 1 (as a plan or a command line writes it), if `n` is one.
    pub fn share(n: f64) -> Option<Confidence> {
        (0.0..=1.0).contains(&n).then_some(Confidence::Share(n))
    }
}

impl std::str::FromStr for Confidence {
    type Err = String;

    /// `high`, `medium`, `low` (any case) or a number from 0 to 1.
    fn from_str(text: &str) -> Result<Confidence, String> {
        let text = text.trim().to_lowercase();
        if let Some(level) = ConfidenceLevel::parse(&text) {
            return Ok(Confidence::Level(level));
        }
        text.parse::<f64>()
            .ok()
            .and_then(Confidence::share)
            .ok_or_else(|| format!("`{text}` is not a confidence: use {} or a number from 0 to 1", words()))
    }
}

impl std::fmt::Display for Confidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Confidence::Level(level) => f.write_str(level.name()),
            Confidence::Share(s) => write!(f, "{s}"),
        }
    }
}

fn words() -> String {
    quote_list(&ConfidenceLevel::names().collect::<Vec<_>>())
}

/// Reads `confidence` from a measurement's table; anything but a level or a share from 0 to 1
/// is `wrong-type`, with the value it most likely means.
fn read(f: &mut Fields<'_, '_>) -> Option<Spanned<Confidence>> {
    let raw = f.raw("confidence")?;
    let span = f.file_span(raw.span());
    let found = raw.get_ref();
    let number = match found {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|n| n as f64),
        DeValue::Float(x) => x.as_str().parse::<f64>().ok(),
        DeValue::String(s) => {
            let text = s.trim().to_lowercase();
            if let Some(level) = ConfidenceLevel::parse(&text) {
                return Some(Spanned::new(Confidence::Level(level), span));
            }
            let help = match (
                did_you_mean(&text, ConfidenceLevel::names()),
                percent(&text).or_else(|| text.parse().ok()).and_then(Confidence::share),
            ) {
                (Some(near), _) => format!("did you mean `confidence = \"{near}\"`? allowed: {}", words()),
                (None, Some(share)) => format!("write the share without quotes: `confidence = {share}`"),
                (None, None) => format!("use one of {}, or a number from 0 to 1", words()),
            };
            let message = format!("`{}` has an unknown value `{text}`", f.full_key("confidence"));
            f.reject(f.full_key("confidence"), span, message, help);
            return None;
        }
        _ => None,
    };
    if let Some(share) = number.and_then(Confidence::share) {
        return Some(Spanned::new(share, span));
    }
    let help = match number {
        Some(n) if n > 1.0 && n <= 100.0 => format!("write a share from 0 to 1: `confidence = {}`", n / 100.0),
        _ => format!(
            "use one of {}, or a number from 0 to 1, e.g. `confidence = 0.8`",
            words()
        ),
    };
    let message = format!(
        "`{}` should be {} or a number from 0 to 1, found {}",
        f.full_key("confidence"),
        words(),
        describe(found)
    );
    f.reject(f.full_key("confidence"), span, message, help);
    None
}

/// `80%` as the share 0.8.
fn percent(text: &str) -> Option<f64> {
    let n: f64 = text.strip_suffix('%')?.trim().parse().ok()?;
    Some(n / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_line_confidence_is_a_word_or_a_share() {
        assert_eq!("High".parse(), Ok(Confidence::Level(ConfidenceLevel::High)));
        assert_eq!("0.25".parse(), Ok(Confidence::Share(0.25)));
        assert!("1.5".parse::<Confidence>().is_err());
        assert!("sure".parse::<Confidence>().is_err());
    }

    #[test]
    fn a_share_stands_for_a_level() {
        assert_eq!(Confidence::Share(0.7).level(), ConfidenceLevel::High);
        assert_eq!(Confidence::Share(0.5).level(), ConfidenceLevel::Medium);
        assert_eq!(Confidence::Share(0.1).level(), ConfidenceLevel::Low);
    }
}
