//! Matching a short list of words or phrases in a text as whole words, with or without
//! diacritics (the maturity criteria's lists of functions and ROI measures).

/// A word or phrase to look for, prepared once: lowercased, and folded to ASCII.
#[derive(Clone, Debug)]
pub struct Phrase {
    pub text: String,
    folded: String,
    /// Chinese has no spaces between words: such a phrase matches anywhere.
    cjk: bool,
}

impl Phrase {
    pub fn new(text: &str) -> Phrase {
        let text = text.to_lowercase();
        Phrase {
            folded: deunicode_latin(&text),
            cjk: text.chars().any(is_cjk),
            text,
        }
    }

    pub fn list(texts: &[String]) -> Vec<Phrase> {
        texts.iter().map(|t| Phrase::new(t)).collect()
    }
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

    /// Whether `phrase` occurs as a whole word or phrase.
    pub fn contains(&self, phrase: &Phrase) -> bool {
        if phrase.cjk {
            return self.lower.contains(&phrase.text);
        }
        contains_word(&self.lower, &phrase.text) || contains_word(&self.folded, &phrase.folded)
    }

    /// The phrases of `list` that occur.
    pub fn find<'w>(&self, list: &'w [Phrase]) -> Vec<&'w str> {
        list.iter()
            .filter(|p| self.contains(p))
            .map(|p| p.text.as_str())
            .collect()
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
    fn matches_whole_words_only() {
        let h = Haystack::new("Likes per post");
        assert!(h.contains(&Phrase::new("likes")));
        assert!(!Haystack::new("unlikes").contains(&Phrase::new("likes")));
    }

    #[test]
    fn matches_vietnamese_with_and_without_diacritics() {
        let phrase = Phrase::new("người theo dõi");
        assert!(Haystack::new("Số người theo dõi trên Facebook").contains(&phrase));
        assert!(Haystack::new("so nguoi theo doi").contains(&phrase));
    }

    #[test]
    fn matches_chinese_inside_text() {
        assert!(Haystack::new("微博粉丝数量").contains(&Phrase::new("粉丝")));
    }
}
