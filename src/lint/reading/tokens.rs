//! Splitting a text into tokens the lexicon can match, in each language's own way: English words
//! stemmed, Welsh clitics split off ("cynyddu’r" → "cynyddu", "r"), Vietnamese syllables, Chinese
//! words segmented by jieba; and telling which language a text is in.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::Lang;
use super::lexicon::{self, welsh_mutations};

/// One token of a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// As written.
    pub surface: String,
    /// What the lexicon is matched against: the English stem, the lowercased word otherwise.
    pub key: String,
    /// The lowercased word, for entries matched exactly ("=shares").
    pub lower: String,
    pub kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number { percent: bool, year: bool },
    Open,
    Close,
    Punct,
}

/// The tokens of `text` read as `lang`.
pub fn tokenize(text: &str, lang: Lang) -> Vec<Token> {
    if lang == Lang::Zh {
        return segment_chinese(text);
    }
    let mut out = Vec::new();
    for piece in split(text) {
        match lang {
            Lang::Cy => {
                for part in piece.split(['\'', '’']).filter(|p| !p.is_empty()) {
                    out.push(token(part, lang));
                }
            }
            Lang::En => {
                let trimmed = piece
                    .strip_suffix("'s")
                    .or_else(|| piece.strip_suffix("’s"))
                    .filter(|t| !t.is_empty())
                    .unwrap_or(piece);
                out.push(token(trimmed, lang));
            }
            Lang::Vi | Lang::Zh => out.push(token(piece, lang)),
        }
    }
    out
}

/// The key sequences an entry of the lexicon is stored under (more than one where the language
/// writes a word in several ways).
pub fn entry_keys(lang: Lang, text: &str) -> Vec<Vec<String>> {
    let exact = text.strip_prefix('=');
    let words: Vec<String> = match exact {
        Some(word) => vec![format!("={}", word.to_lowercase())],
        None => tokenize(text, lang).into_iter().map(|t| t.key).collect(),
    };
    match lang {
        Lang::Cy => {
            let (first, rest) = words.split_first().expect("lexicon entries are not empty");
            welsh_mutations(first)
                .into_iter()
                .map(|m| std::iter::once(m).chain(rest.iter().cloned()).collect())
                .collect()
        }
        Lang::Vi => {
            let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
            if folded == words {
                vec![words]
            } else {
                vec![words, folded]
            }
        }
        Lang::En | Lang::Zh => vec![words],
    }
}

/// Which of the four languages `text` is written in: Chinese characters, Vietnamese letters, or
/// else whichever lexicon recognises most of its words (English on a tie).
pub fn detect(text: &str) -> Lang {
    if let Some(lang) = written_in(text) {
        return lang;
    }
    let score = |lang: Lang| {
        let lexicon = lexicon::of(lang);
        tokenize(text, lang)
            .iter()
            .filter(|t| t.kind == Kind::Word && !lexicon.starting_with(&t.key).is_empty())
            .count()
    };
    let mut best = (Lang::En, score(Lang::En));
    for lang in [Lang::Cy, Lang::Vi] {
        let s = score(lang);
        if s > best.1 {
            best = (lang, s);
        }
    }
    best.0
}

/// The language `text`'s script alone gives away: Chinese characters, or letters only Vietnamese
/// uses. English and Welsh share one alphabet: `None`.
pub fn written_in(text: &str) -> Option<Lang> {
    if text.chars().any(is_cjk) {
        Some(Lang::Zh)
    } else if text.chars().any(is_vietnamese_letter) {
        Some(Lang::Vi)
    } else {
        None
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Letters only Vietnamese uses among the four languages (Welsh shares â, ê, ô and the accents).
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ã' | 'Ã' | 'õ' | 'Õ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
    ) || ('\u{1ea0}'..='\u{1ef9}').contains(&c)
}

/// Words, numbers and single punctuation marks, in order.
fn split(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(n + 1).map(|&(_, c)| c);
        let inner = |c: char| matches!(c, '-' | '\'' | '’' | '.' | ',');
        let joins = c.is_alphanumeric()
            || c == '%' && start.is_some()
            || (inner(c) && start.is_some() && next.is_some_and(char::is_alphanumeric))
            || (c == '’' || c == '\'') && next.is_some_and(char::is_alphabetic);
        if joins {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        if !c.is_whitespace() {
            out.push(&text[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn token(piece: &str, lang: Lang) -> Token {
    let lower = piece.to_lowercase();
    let kind = classify(piece);
    let key = match (lang, kind) {
        (Lang::En, Kind::Word) => stem(&lower).into_owned(),
        _ => lower.clone(),
    };
    Token {
        surface: piece.to_owned(),
        key,
        lower,
        kind,
    }
}

fn classify(piece: &str) -> Kind {
    let digits = piece.trim_end_matches('%');
    let numeric = !digits.is_empty()
        && digits
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '.' || c == ',');
    if numeric {
        let percent = piece.ends_with('%');
        let year = !percent && digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
        return Kind::Number { percent, year };
    }
    match piece {
        "(" | "（" | "[" => Kind::Open,
        ")" | "）" | "]" => Kind::Close,
        _ if piece.chars().any(char::is_alphanumeric) => Kind::Word,
        _ => Kind::Punct,
    }
}

fn stem(word: &str) -> Cow<'_, str> {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    let stemmer = STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
    // Hyphenated words are stemmed on their last part: "sign-ups" → "sign-up".
    match word.rsplit_once('-') {
        Some((head, tail)) => Cow::Owned(format!("{head}-{}", stemmer.stem(tail))),
        None => stemmer.stem(word),
    }
}

/// Vietnamese typed without diacritics: "người theo dõi" → "nguoi theo doi".
pub fn fold(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                deunicode::deunicode_char(c)
                    .filter(|a| a.len() == 1)
                    .map_or_else(|| c.to_string(), str::to_owned)
            }
        })
        .collect()
}

fn segment_chinese(text: &str) -> Vec<Token> {
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    let jieba = JIEBA.get_or_init(jieba_rs::Jieba::new);
    let mut out = Vec::new();
    for segment in jieba.cut(text, true) {
        let word = segment.word.trim();
        if word.is_empty() {
            continue;
        }
        // jieba keeps runs of Latin letters, digits and signs together ("NPS(", "≥3"): split them.
        if word.chars().any(is_cjk) {
            out.push(token(word, Lang::Zh));
        } else {
            out.extend(split(word).into_iter().map(|p| token(p, Lang::Zh)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, lang: Lang) -> Vec<String> {
        tokenize(text, lang).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn english_words_are_stemmed() {
        assert_eq!(keys("Liked, liking likes", Lang::En), ["like", ",", "like", "like"]);
        assert_eq!(keys("the council’s sign-ups", Lang::En), ["the", "council", "sign-up"]);
    }

    #[test]
    fn numbers_keep_separators_and_percent() {
        let t = tokenize("Gain 1,000 followers by 15% in 2027", Lang::En);
        assert_eq!(
            t[1].kind,
            Kind::Number {
                percent: false,
                year: false
            }
        );
        assert_eq!(
            t[4].kind,
            Kind::Number {
                percent: true,
                year: false
            }
        );
        assert_eq!(
            t[6].kind,
            Kind::Number {
                percent: false,
                year: true
            }
        );
    }

    #[test]
    fn welsh_clitics_are_split_off() {
        assert_eq!(
            keys("Cynyddu’r niferoedd sy’n", Lang::Cy),
            ["cynyddu", "r", "niferoedd", "sy", "n"]
        );
    }

    #[test]
    fn chinese_is_segmented_into_words() {
        assert_eq!(keys("赞助商数量", Lang::Zh), ["赞助商", "数量"]);
        assert_eq!(
            keys("客户NPS(净推荐值)", Lang::Zh),
            ["客户", "nps", "(", "净", "推荐值", ")"]
        );
    }

    #[test]
    fn languages_are_told_apart() {
        assert_eq!(detect("微博粉丝数"), Lang::Zh);
        assert_eq!(written_in("Trả lời tin nhắn"), Some(Lang::Vi));
        assert_eq!(written_in("提高客户咨询回复速度"), Some(Lang::Zh));
        assert_eq!(written_in("Cynyddu dilynwyr"), None);
        assert_eq!(written_in("Win back customers"), None);
        assert_eq!(detect("Số người theo dõi"), Lang::Vi);
        assert_eq!(detect("so nguoi theo doi trang"), Lang::Vi);
        assert_eq!(detect("nifer y dilynwyr ar Instagram"), Lang::Cy);
        assert_eq!(detect("dilyn"), Lang::Cy);
        assert_eq!(detect("LinkedIn followers"), Lang::En);
        assert_eq!(detect("Lifetime Value"), Lang::En);
    }
}
