//! Word lists for the rules about wording (`goal-vague`, `vanity-metric`), kept as data in
//! `src/lint/words/<language>.toml` and matched as whole words or phrases.

use std::sync::OnceLock;

use serde::Deserialize;

/// The built-in lists of one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub language: String,
    pub vague: Vec<String>,
    pub countable: Vec<String>,
    pub vanity: Vec<String>,
}

const SOURCES: [&str; 4] = [
    include_str!("words/en.toml"),
    include_str!("words/vi.toml"),
    include_str!("words/zh.toml"),
    include_str!("words/cy.toml"),
];

/// The lists of every built-in language (en, vi, zh, cy), parsed once.
pub fn all() -> &'static [Words] {
    static WORDS: OnceLock<Vec<Words>> = OnceLock::new();
    WORDS.get_or_init(|| {
        SOURCES
            .iter()
            .map(|s| {
                let mut words: Words = toml::from_str(s).expect("built-in word lists are valid TOML");
                for list in [&mut words.vague, &mut words.countable, &mut words.vanity] {
                    for w in list.iter_mut() {
                        *w = w.to_lowercase();
                    }
                }
                words
            })
            .collect()
    })
}

/// A text prepared for matching: lowercased, and folded to ASCII for phrases typed without
/// diacritics.
pub struct Haystack {
    lower: String,
    folded: String,
}

impl Haystack {
    pub fn new(text: &str) -> Haystack {
        let lower = text.to_lowercase();
        let folded = deunicode_latin(&lower);
        Haystack { lower, folded }
    }

    /// Whether `phrase` (lowercase) occurs as a whole word or phrase.
    pub fn contains(&self, phrase: &str) -> bool {
        if phrase.chars().any(is_cjk) {
            return self.lower.contains(phrase);
        }
        contains_word(&self.lower, phrase) || contains_word(&self.folded, &deunicode_latin(phrase))
    }

    /// The phrases of `list` that occur.
    pub fn find<'w>(&self, list: &'w [String]) -> Vec<&'w str> {
        list.iter().filter(|w| self.contains(w)).map(String::as_str).collect()
    }

    /// Any ASCII or full-width digit.
    pub fn has_number(&self) -> bool {
        self.lower
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Strips diacritics from Latin letters only, leaving other scripts as they are.
fn deunicode_latin(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() || is_cjk(c) || !c.is_alphabetic() {
                c.to_string()
            } else {
                match deunicode::deunicode_char(c) {
                    Some(ascii) if ascii.len() == 1 => ascii.to_owned(),
                    _ => c.to_string(),
                }
            }
        })
        .collect()
}

fn contains_word(haystack: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    haystack.match_indices(phrase).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_lists_parse_for_four_languages() {
        let languages: Vec<_> = all().iter().map(|w| w.language.as_str()).collect();
        assert_eq!(languages, ["en", "vi", "zh", "cy"]);
        assert!(
            all()
                .iter()
                .all(|w| !w.vague.is_empty() && !w.countable.is_empty() && !w.vanity.is_empty())
        );
    }

    #[test]
    fn matches_whole_words_only() {
        let h = Haystack::new("Likes per post");
        assert!(h.contains("likes"));
        assert!(!Haystack::new("unlikes").contains("likes"));
    }

    #[test]
    fn matches_vietnamese_with_and_without_diacritics() {
        assert!(Haystack::new("Số người theo dõi trên Facebook").contains("người theo dõi"));
        assert!(Haystack::new("so nguoi theo doi").contains("người theo dõi"));
    }

    #[test]
    fn matches_chinese_inside_text() {
        assert!(Haystack::new("微博粉丝数量").contains("粉丝"));
    }

    #[test]
    fn finds_numbers_including_full_width() {
        assert!(Haystack::new("减少到２小时").has_number());
        assert!(!Haystack::new("提升品牌影响力").has_number());
    }
}
