//! Reading what a goal counts. A metric such as "visits to product pages from our posts" counts
//! visits, not posts: the reader finds the noun phrases a text measures (the metric itself, what
//! follows a number, "number of", or a verb such as "increase") and the head of each, in the
//! grammar of its language, then says what kind of thing that head is. `goal-vague` and
//! `vanity-metric` judge that, not which words appear somewhere in the text.

mod lexicon;
mod phrase;
mod tokens;

pub use tokens::written_in;

/// The four languages the reader knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Vi,
    Zh,
    Cy,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
            Lang::Zh => "zh",
            Lang::Cy => "cy",
        }
    }

    /// English and Chinese put the head of a noun phrase last, Vietnamese and Welsh first.
    fn head_first(self) -> bool {
        matches!(self, Lang::Vi | Lang::Cy)
    }
}

/// Which field a text comes from. A `metric` is a measure by its nature, so its head is taken as
/// counted unless it is a vague word; a title must show what it counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Metric,
    Title,
}

/// The kind of thing a metric counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    /// A result: people who did something, orders, money, time.
    Outcome,
    /// Attention or activity: followers, likes, views, reach, posts.
    Attention,
    /// A measure of something the reader does not know: "the rate of urbanisation".
    Measure,
    /// A noun the reader does not know, in a place where a count belongs.
    Unknown,
}

/// A counted thing, as the text words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counted {
    pub thing: Thing,
    /// The head word: "followers".
    pub word: String,
    /// The noun phrase it heads, as written: "new Instagram followers".
    pub phrase: String,
}

/// What a text was read to count.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// Everything the text counts.
    pub counted: Vec<Counted>,
    /// What its main noun phrase counts: the head of a metric, every count of a title.
    pub head: Vec<Counted>,
    /// Vague words it uses ("awareness", "nhận diện thương hiệu").
    pub vague: Vec<String>,
    /// Numbers that date the goal rather than measure it ("2030").
    pub dates: Vec<String>,
}

impl Reading {
    pub fn counts_something(&self) -> bool {
        !self.counted.is_empty()
    }

    /// The attention count, when attention is all the main phrase counts.
    pub fn attention_only(&self) -> Option<&Counted> {
        let first = self.head.iter().find(|c| c.thing == Thing::Attention)?;
        self.head.iter().all(|c| c.thing == Thing::Attention).then_some(first)
    }
}

/// Reads `text` from `field`; `has_target` says whether the goal sets a number to reach, which
/// makes a soft aim such as "customer satisfaction" a measure.
pub fn read(text: &str, field: Field, has_target: bool) -> Reading {
    let lang = tokens::detect(text);
    let items = phrase::lex(&tokens::tokenize(text, lang), lang);
    phrase::read(&items, lang, field, has_target)
}

#[cfg(test)]
mod tests;
