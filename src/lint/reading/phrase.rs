//! The grammar of the reader: tokens become items by the lexicon (longest entry first), the places
//! where a count belongs are found, and each noun phrase there is judged by its head — last in
//! English and Chinese, first in Vietnamese and Welsh.

use super::lexicon::{self, Role};
use super::tokens::{Kind, Token};
use super::{Counted, Field, Lang, Reading, Thing};

/// A token or a run of tokens the lexicon knows as one entry.
#[derive(Clone, Debug)]
pub struct Item {
    pub role: Option<Role>,
    pub text: String,
    pub kind: Kind,
    /// Looks like a plural noun ("groups", "clybiau"): a countable thing even when unknown.
    pub plural: bool,
    /// English "-ing", "-ly" or "-ed" word the lexicon does not know: starts a modifier.
    pub participle: bool,
    key: String,
}

/// Items from tokens, matching the longest lexicon entry at each place.
pub fn lex(tokens: &[Token], lang: Lang) -> Vec<Item> {
    let lexicon = lexicon::of(lang);
    let mut items = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let (len, role) = if lang == Lang::Zh {
            match_chinese(lexicon, &tokens[i..])
        } else {
            match_words(lexicon, &tokens[i..])
        };
        if lang == Lang::Zh
            && role.is_none()
            && let Some(split) = split_measure_suffix(lexicon, &tokens[i])
        {
            items.extend(split);
            i += 1;
            continue;
        }
        let run = &tokens[i..i + len];
        let text = run
            .iter()
            .map(|t| t.surface.as_str())
            .collect::<Vec<_>>()
            .join(if lang == Lang::Zh { "" } else { " " });
        let lower = &run[0].lower;
        let unknown_word = role.is_none() && run[0].kind == Kind::Word;
        items.push(Item {
            role,
            plural: unknown_word && looks_plural(lower, lang),
            participle: unknown_word && lang == Lang::En && looks_participle(lower),
            kind: run[0].kind,
            key: run[0].key.clone(),
            text,
        });
        i += len;
    }
    items
}

fn match_words(lexicon: &lexicon::Lexicon, tokens: &[Token]) -> (usize, Option<Role>) {
    let first = &tokens[0];
    if first.kind != Kind::Word {
        return (1, None);
    }
    let exact = format!("={}", first.lower);
    let candidates = lexicon
        .starting_with(&first.key)
        .iter()
        .chain(lexicon.starting_with(&exact));
    let mut best: Option<(usize, Role)> = None;
    for entry in candidates {
        let n = entry.keys.len();
        let fits =
            n <= tokens.len()
                && entry.keys.iter().zip(tokens).all(|(k, t)| {
                    t.kind == Kind::Word && (*k == t.key || k.strip_prefix('=') == Some(t.lower.as_str()))
                });
        if fits && best.is_none_or(|(len, _)| n > len) {
            best = Some((n, entry.role));
        }
    }
    best.map_or((1, None), |(n, role)| (n, Some(role)))
}

fn match_chinese(lexicon: &lexicon::Lexicon, tokens: &[Token]) -> (usize, Option<Role>) {
    for len in (1..=tokens.len().min(4)).rev() {
        let run = &tokens[..len];
        if run.iter().any(|t| !matches!(t.kind, Kind::Word | Kind::Punct)) {
            continue;
        }
        let joined: String = run.iter().map(|t| t.key.as_str()).collect();
        if let Some(role) = lexicon.word(&joined) {
            return (len, Some(role));
        }
    }
    (1, None)
}

/// "转化率" → "转化" + "率", "点赞数" → "点赞" + "数": a word the segmenter kept whole but whose
/// last character is a measure.
fn split_measure_suffix(lexicon: &lexicon::Lexicon, token: &Token) -> Option<Vec<Item>> {
    let last = token.key.chars().last()?;
    if token.key.chars().count() < 2 || !matches!(last, '率' | '量' | '数' | '數') {
        return None;
    }
    let prefix = &token.key[..token.key.len() - last.len_utf8()];
    let item = |text: &str, role: Option<Role>| Item {
        role,
        text: text.to_owned(),
        kind: Kind::Word,
        plural: false,
        participle: false,
        key: text.to_owned(),
    };
    Some(vec![
        item(prefix, lexicon.word(prefix)),
        item(&last.to_string(), Some(Role::Measure)),
    ])
}

/// One digit after the point ("2.0", "4.0") reads as a version when nothing else is counted;
/// "1.700" (Vietnamese thousands) does not.
fn looks_like_version(number: &str) -> bool {
    number
        .split_once('.')
        .is_some_and(|(_, minor)| minor.len() == 1 && !minor.contains(['.', ',']))
}

fn looks_plural(word: &str, lang: Lang) -> bool {
    let long = word.chars().count() > 3;
    match lang {
        Lang::En => {
            long && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is")
        }
        Lang::Cy => {
            long && ["au", "ion", "on", "wyr", "oedd", "od", "ydd"]
                .iter()
                .any(|e| word.ends_with(e))
        }
        Lang::Vi | Lang::Zh => false,
    }
}

fn looks_participle(word: &str) -> bool {
    word.chars().count() > 4 && (word.ends_with("ing") || word.ends_with("ly") || word.ends_with("ed"))
}

struct Cx<'a> {
    items: &'a [Item],
    lang: Lang,
    field: Field,
    /// A target, or a percentage in the text: makes a soft aim a measure.
    numbered: bool,
    /// A percentage in the text: "awareness up 15%" is measured on some scale.
    percent: bool,
}

/// Reads the items of one text.
pub fn read(items: &[Item], lang: Lang, field: Field, has_target: bool) -> Reading {
    let percent = items
        .iter()
        .any(|i| matches!(i.kind, Kind::Number { percent: true, .. }));
    let cx = Cx {
        items,
        lang,
        field,
        numbered: has_target || percent,
        percent,
    };
    let mut reading = Reading::default();
    if field == Field::Metric {
        let start = items
            .iter()
            .position(|i| !matches!(i.role, Some(Role::Skip | Role::Change)))
            .unwrap_or(items.len());
        reading.head = cx.phrases_at(start);
        reading.counted.extend(reading.head.iter().cloned());
    }
    for start in cx.places() {
        for c in cx.phrases_at(start) {
            if !reading.counted.contains(&c) {
                reading.counted.push(c);
            }
        }
    }
    if field == Field::Title {
        reading.head = reading.counted.clone();
    }
    reading.vague = vague_words(items, reading.counted.is_empty());
    reading.dates = items
        .iter()
        .filter(|i| {
            matches!(i.kind, Kind::Number { year: true, .. })
                || matches!(i.kind, Kind::Number { percent: false, .. }) && looks_like_version(&i.text)
        })
        .map(|i| i.text.clone())
        .collect();
    reading
}

/// Every vague word (and soft one, when nothing was counted), leaving out those inside a longer
/// one that was found too.
fn vague_words(items: &[Item], with_soft: bool) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let vague = |i: &&Item| i.role == Some(Role::Vague) || with_soft && i.role == Some(Role::Soft);
    for item in items.iter().filter(vague) {
        let word = item.text.to_lowercase();
        if !words.contains(&word) {
            words.push(word);
        }
    }
    let all = words.clone();
    words.retain(|w| {
        !all.iter()
            .any(|longer| longer.len() > w.len() && longer.contains(w.as_str()))
    });
    words
}

impl Cx<'_> {
    /// Where a count belongs: after a verb of change, a number, or a measure word.
    fn places(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            let next = self.items.get(i + 1);
            match (item.role, item.kind) {
                (Some(Role::Change), _) => out.push(i + 1),
                // Head-first languages open a phrase with the measure ("số lượng người…",
                // "nifer y…"); English opens it with the measure before "of".
                (Some(Role::Measure), _) if self.lang.head_first() => out.push(i),
                (Some(Role::Measure), _) if next.is_some_and(|n| n.key == "of") => out.push(i),
                (_, Kind::Number { year: false, .. }) | (Some(Role::Numeral), _)
                    if !next.is_some_and(|n| matches!(n.role, Some(Role::Period | Role::Numeral))) =>
                {
                    out.push(i + 1);
                }
                _ => {}
            }
            // Chinese puts what grows before the verb: "粉丝增长50%".
            if self.lang == Lang::Zh
                && item.role == Some(Role::Change)
                && let Some(start) = self.start_before(i)
            {
                out.push(start);
            }
        }
        out
    }

    /// The start of the phrase that ends just before `end`.
    fn start_before(&self, end: usize) -> Option<usize> {
        let mut start = end;
        while start > 0 && !self.ends_phrase(&self.items[start - 1], 1) {
            start -= 1;
        }
        (start < end).then_some(start)
    }

    /// The phrase at `start` and the phrases joined to it by "and" or a comma.
    fn phrases_at(&self, start: usize) -> Vec<Counted> {
        let mut out = Vec::new();
        let mut at = start;
        for _ in 0..6 {
            let end = self.phrase_end(at);
            if let Some(counted) = self.judge(at, end) {
                out.push(counted);
            }
            let joined = self
                .items
                .get(end)
                .is_some_and(|i| i.role == Some(Role::And) || i.text == "," || i.text == "、");
            if !joined {
                break;
            }
            at = end + 1;
        }
        out
    }

    fn phrase_end(&self, start: usize) -> usize {
        let mut depth = 0usize;
        let mut content = 0usize;
        let mut i = start;
        while let Some(item) = self.items.get(i) {
            match item.kind {
                Kind::Open => depth += 1,
                Kind::Close if depth > 0 => depth -= 1,
                _ if depth > 0 => {}
                _ if self.ends_phrase(item, content) => break,
                _ => {}
            }
            if item.kind == Kind::Word && !matches!(item.role, Some(Role::Skip)) {
                content += 1;
            }
            i += 1;
        }
        i
    }

    fn ends_phrase(&self, item: &Item, content: usize) -> bool {
        match item.kind {
            Kind::Punct | Kind::Close => return true,
            Kind::Number { .. } => return self.lang == Lang::En && content > 0,
            Kind::Open | Kind::Word => {}
        }
        match item.role {
            Some(Role::Boundary | Role::Change | Role::And) => true,
            Some(Role::Period) => content > 0,
            _ => item.participle && content > 0,
        }
    }

    /// Judges the phrase `start..end` by its head.
    fn judge(&self, start: usize, end: usize) -> Option<Counted> {
        let phrase = &self.items[start..end.min(self.items.len())];
        let mut depth = 0usize;
        let mut content: Vec<&Item> = Vec::new();
        let mut attention_in_brackets = false;
        for item in phrase {
            match item.kind {
                Kind::Open => depth += 1,
                Kind::Close => depth = depth.saturating_sub(1),
                _ if depth > 0 => attention_in_brackets |= item.role == Some(Role::Attention),
                Kind::Word if !matches!(item.role, Some(Role::Skip | Role::Frequency | Role::Numeral)) => {
                    content.push(item)
                }
                _ => {}
            }
        }
        let frequency = phrase.iter().any(|i| i.role == Some(Role::Frequency));
        let shown = content
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(if self.lang == Lang::Zh { "" } else { " " });
        let attention = |item: &Item| Counted {
            thing: Thing::Attention,
            word: item.text.clone(),
            phrase: String::new(),
        };
        if attention_in_brackets || (self.lang.head_first() && content.iter().any(|i| i.role == Some(Role::Attention)))
        {
            let word = phrase.iter().find(|i| i.role == Some(Role::Attention))?;
            return Some(Counted {
                phrase: shown,
                ..attention(word)
            });
        }
        let (head, rest) = if self.lang.head_first() {
            let (head, rest) = content.split_first()?;
            (*head, rest.to_vec())
        } else {
            let (head, rest) = content.split_last()?;
            (*head, rest.iter().rev().copied().collect())
        };
        let counted = if head.role == Some(Role::Measure) {
            self.judge_measure(head, &rest, end)
        } else {
            self.judge_head(head, frequency)
        };
        counted.map(|c| Counted {
            phrase: if c.phrase.is_empty() { shown } else { c.phrase },
            ..c
        })
    }

    /// A measure word as head: "number of followers", "follower count", "số lượng người theo dõi".
    fn judge_measure(&self, head: &Item, rest: &[&Item], end: usize) -> Option<Counted> {
        let measured = |thing| {
            Some(Counted {
                thing,
                word: head.text.clone(),
                phrase: String::new(),
            })
        };
        if self.lang == Lang::En && self.items.get(end).is_some_and(|i| i.key == "of") {
            let after = end + 1;
            return self
                .judge(after, self.phrase_end(after))
                .or_else(|| measured(Thing::Measure));
        }
        if let Some(known) = rest
            .iter()
            .find(|i| matches!(i.role, Some(Role::Attention | Role::Outcome)))
        {
            let thing = if known.role == Some(Role::Attention) {
                Thing::Attention
            } else {
                Thing::Outcome
            };
            return Some(Counted {
                thing,
                word: known.text.clone(),
                phrase: String::new(),
            });
        }
        // A bare measure word in a title ("chuyển đổi số", digital transformation) counts nothing.
        if self.field == Field::Title && rest.is_empty() && self.lang.head_first() {
            return None;
        }
        measured(Thing::Measure)
    }

    fn judge_head(&self, head: &Item, frequency: bool) -> Option<Counted> {
        let counted = |thing| {
            Some(Counted {
                thing,
                word: head.text.clone(),
                phrase: String::new(),
            })
        };
        match head.role {
            Some(Role::Attention) => counted(Thing::Attention),
            Some(Role::Outcome) => counted(Thing::Outcome),
            Some(Role::Soft) if self.field == Field::Metric || self.numbered || frequency => counted(Thing::Outcome),
            Some(Role::Vague) if self.percent => counted(Thing::Measure),
            None if self.field == Field::Metric || head.plural => counted(Thing::Unknown),
            _ => None,
        }
    }
}
