//! UI text of the site: a built-in table per language (en, vi, zh, cy, as data files in
//! `src/site/i18n/`), with English filling any gap and plan.toml `[strings]` overriding any key.

use std::collections::BTreeMap;

use crate::plan::{Confidence, ConfidenceLevel};

const TABLES: [(&str, &str); 4] = [
    ("en", include_str!("i18n/en.toml")),
    ("vi", include_str!("i18n/vi.toml")),
    ("zh", include_str!("i18n/zh.toml")),
    ("cy", include_str!("i18n/cy.toml")),
];

/// Every UI string of one site, by key.
pub type Strings = BTreeMap<String, String>;

fn table(language: &str) -> Option<Strings> {
    let (_, text) = TABLES.iter().find(|(code, _)| *code == language)?;
    Some(toml::from_str(text).expect("built-in UI string tables are valid TOML"))
}

/// The strings for `language` (its primary subtag: `vi-VN` → `vi`), English for any key it
/// lacks or for a language with no table, then `overrides` on top. Unknown override keys are
/// returned so that the build can report them.
pub fn strings(language: &str, overrides: &[(String, String)]) -> (Strings, Vec<String>) {
    let mut strings = table("en").unwrap_or_default();
    let primary = language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
    if let Some(local) = table(&primary) {
        strings.extend(local);
    }
    let mut unknown = Vec::new();
    for (key, value) in overrides {
        if strings.contains_key(key) {
            strings.insert(key.clone(), value.clone());
        } else {
            unknown.push(key.clone());
        }
    }
    (strings, unknown)
}

/// How a measurement's confidence reads in the site's language: `high confidence`,
/// `confidence 80%`.
pub struct ConfidenceLabels<'a> {
    pub high: &'a str,
    pub medium: &'a str,
    pub low: &'a str,
    /// `{percent}` is the share as a whole percentage.
    pub share: &'a str,
}

impl<'a> ConfidenceLabels<'a> {
    /// The labels of `strings` (which hold every key, see [`strings`]).
    pub fn new(strings: &'a Strings) -> ConfidenceLabels<'a> {
        let t = |key: &str| strings.get(key).map_or("", String::as_str);
        ConfidenceLabels {
            high: t("confidence_high"),
            medium: t("confidence_medium"),
            low: t("confidence_low"),
            share: t("confidence_share"),
        }
    }

    pub fn text(&self, confidence: Confidence) -> String {
        match confidence {
            Confidence::Level(ConfidenceLevel::High) => self.high.to_owned(),
            Confidence::Level(ConfidenceLevel::Medium) => self.medium.to_owned(),
            Confidence::Level(ConfidenceLevel::Low) => self.low.to_owned(),
            Confidence::Share(share) => self.share.replace("{percent}", &format!("{:.0}", share * 100.0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_translates_every_key() {
        let english = table("en").unwrap();
        for (language, _) in TABLES {
            let local = table(language).unwrap();
            let missing: Vec<_> = english.keys().filter(|k| !local.contains_key(*k)).collect();
            let extra: Vec<_> = local.keys().filter(|k| !english.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{language}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    #[test]
    fn overrides_win_and_unknown_keys_are_returned() {
        let (s, unknown) = strings(
            "vi-VN",
            &[("goals".into(), "Đích đến".into()), ("nope".into(), "x".into())],
        );
        assert_eq!(s["goals"], "Đích đến");
        assert_eq!(s["strategies"], "Chiến lược");
        assert_eq!(unknown, ["nope"]);
    }

    #[test]
    fn confidence_reads_as_a_word_or_a_percentage() {
        let (s, _) = strings("cy", &[]);
        let labels = ConfidenceLabels::new(&s);
        assert_eq!(labels.text(Confidence::Level(ConfidenceLevel::Low)), "hyder isel");
        assert_eq!(labels.text(Confidence::Share(0.8)), "hyder 80%");
    }

    #[test]
    fn unknown_languages_fall_back_to_english() {
        assert_eq!(strings("fr", &[]).0["overview"], "Overview");
    }
}
