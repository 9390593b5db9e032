//! The assessment's words in the four built-in languages (`src/maturity/texts/`): stage and
//! factor names, and for each criterion a title and what to do to pass it.

use std::collections::BTreeMap;

use serde::Deserialize;

const TABLES: [(&str, &str); 4] = [
    ("en", include_str!("texts/en.toml")),
    ("vi", include_str!("texts/vi.toml")),
    ("zh", include_str!("texts/zh.toml")),
    ("cy", include_str!("texts/cy.toml")),
];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionText {
    pub title: String,
    pub how: String,
}

/// Every text of the assessment in one language.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub stages: BTreeMap<String, String>,
    pub stage_descriptions: BTreeMap<String, String>,
    pub factors: BTreeMap<String, String>,
    pub criteria: BTreeMap<String, CriterionText>,
}

/// The texts for a language (its primary subtag), English when there is no table for it.
pub fn load(language: &str) -> Texts {
    let primary = language.split(['-', '_']).next().unwrap_or("en").to_ascii_lowercase();
    let text = TABLES
        .iter()
        .find(|(code, _)| *code == primary)
        .map_or(TABLES[0].1, |(_, t)| t);
    toml::from_str(text).expect("built-in maturity texts are valid TOML")
}

impl Texts {
    pub fn stage<'a>(&'a self, key: &'a str) -> &'a str {
        self.stages.get(key).map_or(key, String::as_str)
    }

    pub fn factor<'a>(&'a self, key: &'a str) -> &'a str {
        self.factors.get(key).map_or(key, String::as_str)
    }

    pub fn title<'a>(&'a self, id: &'a str) -> &'a str {
        self.criteria.get(id).map_or(id, |c| c.title.as_str())
    }

    pub fn how(&self, id: &str) -> &str {
        self.criteria.get(id).map_or("", |c| c.how.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::maturity::{CRITERIA, Factor, Stage};

    #[test]
    fn every_language_has_every_text() {
        for (language, _) in TABLES {
            let texts = load(language);
            for criterion in CRITERIA {
                let text = texts
                    .criteria
                    .get(criterion.id)
                    .unwrap_or_else(|| panic!("{language}: no text for {}", criterion.id));
                assert!(
                    !text.title.is_empty() && !text.how.is_empty(),
                    "{language}: {}",
                    criterion.id
                );
            }
            assert_eq!(
                texts.criteria.len(),
                CRITERIA.len(),
                "{language}: texts for unknown criteria"
            );
            for stage in Stage::ALL {
                assert!(
                    texts.stages.contains_key(stage.key()) && texts.stage_descriptions.contains_key(stage.key()),
                    "{language}"
                );
            }
            for factor in Factor::ALL {
                assert!(texts.factors.contains_key(factor.key()), "{language}");
            }
        }
    }
}
