//! The built-in lexicons of the reader, one TOML file per language, loaded once: each word or phrase
//! with the part it plays (outcome, attention, measure, …), prepared the way that language's text
//! is prepared for matching (English stemmed, Welsh mutated, Vietnamese folded).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Lang;
use super::tokens;

/// The part a word plays in a metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A result that can be counted: people who did something, orders, money, time.
    Outcome,
    /// Attention or activity: followers, likes, views, reach, posts.
    Attention,
    /// Measures what it is joined to: "number of", "rate", "tỷ lệ", "率".
    Measure,
    /// Measurable with a number, a scale or a frequency: satisfaction, use.
    Soft,
    /// Names nothing counted: awareness, presence, reputation.
    Vague,
    /// A verb whose object is what the goal moves: increase, tăng, 提升, cynyddu.
    Change,
    /// Ends a noun phrase: prepositions, relative words, auxiliaries.
    Boundary,
    /// Joins two counted things: and, và, 和, a.
    And,
    /// Determiners and quantifiers, never the counted thing.
    Skip,
    /// Turns an activity into a rate: daily, hằng ngày, 日均, dyddiol.
    Frequency,
    /// A span of time that dates a goal: months, years, quarters.
    Period,
    /// A number word: million, triệu, 万, miliwn.
    Numeral,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    language: String,
    outcome: Vec<String>,
    attention: Vec<String>,
    measure: Vec<String>,
    soft: Vec<String>,
    vague: Vec<String>,
    change: Vec<String>,
    boundary: Vec<String>,
    and: Vec<String>,
    skip: Vec<String>,
    frequency: Vec<String>,
    period: Vec<String>,
    numeral: Vec<String>,
}

/// One entry: the keys of its words in order, and its role.
#[derive(Debug)]
pub struct Entry {
    pub keys: Vec<String>,
    pub role: Role,
}

/// The lexicon of one language: entries indexed by the key of their first word, longest first.
#[derive(Debug, Default)]
pub struct Lexicon {
    by_first: HashMap<String, Vec<Entry>>,
    /// Chinese: whole words, matched against runs of segments.
    words: HashMap<String, Role>,
}

impl Lexicon {
    /// The entries whose first word has this key, longest first.
    pub fn starting_with(&self, key: &str) -> &[Entry] {
        self.by_first.get(key).map_or(&[], Vec::as_slice)
    }

    /// Chinese: the role of a whole word.
    pub fn word(&self, word: &str) -> Option<Role> {
        self.words.get(word).copied()
    }

    fn insert(&mut self, lang: Lang, text: &str, role: Role) {
        if lang == Lang::Zh {
            self.words.entry(text.to_lowercase()).or_insert(role);
            return;
        }
        for keys in tokens::entry_keys(lang, text) {
            let Some(first) = keys.first().cloned() else { continue };
            let list = self.by_first.entry(first).or_default();
            if !list.iter().any(|e| e.keys == keys) {
                list.push(Entry { keys, role });
            }
        }
    }
}

const SOURCES: [(Lang, &str); 4] = [
    (Lang::En, include_str!("en.toml")),
    (Lang::Vi, include_str!("vi.toml")),
    (Lang::Zh, include_str!("zh.toml")),
    (Lang::Cy, include_str!("cy.toml")),
];

/// The lexicon of a language, built once.
pub fn of(lang: Lang) -> &'static Lexicon {
    static ALL: OnceLock<Vec<(Lang, Lexicon)>> = OnceLock::new();
    let all = ALL.get_or_init(|| SOURCES.iter().map(|(lang, text)| (*lang, build(*lang, text))).collect());
    &all.iter()
        .find(|(l, _)| *l == lang)
        .expect("every language has a lexicon")
        .1
}

fn build(lang: Lang, text: &str) -> Lexicon {
    let raw: Raw = toml::from_str(text).expect("built-in lexicons are valid TOML");
    assert_eq!(raw.language, lang.code(), "lexicon file for the wrong language");
    let mut lexicon = Lexicon::default();
    // Earlier roles win when a word is listed twice: a phrase's meaning before its parts'.
    let groups = [
        (raw.attention, Role::Attention),
        (raw.outcome, Role::Outcome),
        (raw.soft, Role::Soft),
        (raw.vague, Role::Vague),
        (raw.measure, Role::Measure),
        (raw.frequency, Role::Frequency),
        (raw.period, Role::Period),
        (raw.change, Role::Change),
        (raw.numeral, Role::Numeral),
        (raw.and, Role::And),
        (raw.skip, Role::Skip),
        (raw.boundary, Role::Boundary),
    ];
    for (words, role) in groups {
        for word in words {
            lexicon.insert(lang, &word, role);
        }
    }
    for list in lexicon.by_first.values_mut() {
        list.sort_by_key(|e| std::cmp::Reverse(e.keys.len()));
    }
    lexicon
}

/// Welsh initial mutations of a word: soft, nasal and aspirate, and h- before a vowel.
pub fn welsh_mutations(word: &str) -> Vec<String> {
    const RULES: [(&str, &[&str]); 9] = [
        ("ll", &["l"]),
        ("rh", &["r"]),
        ("p", &["b", "mh", "ph"]),
        ("t", &["d", "nh", "th"]),
        ("c", &["g", "ngh", "ch"]),
        ("b", &["f", "m"]),
        ("d", &["dd", "n"]),
        ("g", &["", "ng"]),
        ("m", &["f"]),
    ];
    let mut out = vec![word.to_owned()];
    if let Some((from, to)) = RULES.iter().find(|(from, _)| word.starts_with(from)) {
        let rest = &word[from.len()..];
        out.extend(to.iter().map(|t| format!("{t}{rest}")));
    } else if word.starts_with(['a', 'e', 'i', 'o', 'u', 'w', 'y', 'â', 'ê', 'î', 'ô', 'û', 'ŵ', 'ŷ']) {
        out.push(format!("h{word}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_loads() {
        for lang in [Lang::En, Lang::Vi, Lang::Zh, Lang::Cy] {
            let lexicon = of(lang);
            assert!(!lexicon.by_first.is_empty() || !lexicon.words.is_empty());
        }
    }

    #[test]
    fn welsh_mutations_follow_the_rules() {
        assert_eq!(welsh_mutations("pobl"), ["pobl", "bobl", "mhobl", "phobl"]);
        assert_eq!(
            welsh_mutations("cyrraedd"),
            ["cyrraedd", "gyrraedd", "nghyrraedd", "chyrraedd"]
        );
        assert_eq!(welsh_mutations("llwyddiant"), ["llwyddiant", "lwyddiant"]);
        assert_eq!(
            welsh_mutations("gwerthiannau"),
            ["gwerthiannau", "werthiannau", "ngwerthiannau"]
        );
        assert_eq!(welsh_mutations("aelodau"), ["aelodau", "haelodau"]);
        assert_eq!(welsh_mutations("medal"), ["medal", "fedal"]);
    }

    #[test]
    fn english_entries_are_stemmed() {
        let en = of(Lang::En);
        assert!(en.starting_with("follow").iter().any(|e| e.role == Role::Attention));
    }
}
