//! Markdown, for lint and site alike: the dialect (CommonMark + tables, footnotes,
//! strikethrough, task lists, heading attributes), the links that point into the plan, the
//! anchors of headings, and rendering ([`render`], with [`guard`] filtering what a body may put
//! into a page). A document's body is read once, at load ([`page`]): its links and anchors, and,
//! when a site is built, its page's HTML.
//!
//! Imports nothing of the crate: the plan, lint and the site build on it.

pub mod guard;
pub mod page;
pub mod render;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The Markdown extensions plan bodies may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A link in a body that points into the plan (another document, an id, or an anchor).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    /// Byte range of the whole link in the file.
    pub span: Range<usize>,
}

/// Where an internal link points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// A plan file by path, relative to the linking document (`../goals/leads.md`) or to the
    /// plan root when it starts with `/`.
    File { path: &'a str, fragment: Option<&'a str> },
    /// A document by id: `@leads`, `@leads#risks`.
    Id { id: &'a str, fragment: Option<&'a str> },
    /// An anchor in the same document: `#risks`.
    Fragment(&'a str),
}

/// Classifies a link destination; `None` for external links, mail, static files and the like.
pub fn parse_target(dest: &str) -> Option<Target<'_>> {
    let dest = dest.trim();
    if let Some(fragment) = dest.strip_prefix('#') {
        return Some(Target::Fragment(fragment));
    }
    if let Some(rest) = dest.strip_prefix('@') {
        let (id, fragment) = split_fragment(rest);
        return Some(Target::Id { id, fragment });
    }
    if has_scheme(dest) || dest.starts_with("//") {
        return None;
    }
    let (path, fragment) = split_fragment(dest);
    let path = path.split('?').next().unwrap_or(path);
    path.to_ascii_lowercase()
        .ends_with(".md")
        .then_some(Target::File { path, fragment })
}

fn split_fragment(s: &str) -> (&str, Option<&str>) {
    match s.split_once('#') {
        Some((a, b)) => (a, Some(b)),
        None => (s, None),
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// The anchor a heading gets: a transliterated, lowercase, hyphenated slug, never empty.
pub fn anchor_slug(text: &str) -> String {
    let slug = slug::slugify(text);
    if slug.is_empty() { "section".to_owned() } else { slug }
}

/// Gives repeated anchors a numeric suffix, as GitHub and Zola do: `risks`, `risks-1`, `risks-2`.
#[derive(Default)]
pub struct AnchorSet {
    seen: HashMap<String, usize>,
}

impl AnchorSet {
    /// The anchor of a heading: its explicit `{#id}`, else the slug of its text; made unique.
    /// Lint (which checks `#anchor` links) and the site (which renders `id`s) both use this.
    pub fn heading(&mut self, explicit: Option<String>, text: &str) -> String {
        let anchor = explicit.unwrap_or_else(|| anchor_slug(text));
        self.unique(anchor)
    }

    pub fn unique(&mut self, anchor: String) -> String {
        match self.seen.get_mut(&anchor) {
            None => {
                self.seen.insert(anchor.clone(), 0);
                anchor
            }
            Some(n) => {
                *n += 1;
                let candidate = format!("{anchor}-{n}");
                self.unique(candidate)
            }
        }
    }
}

/// The internal links and the heading anchors of a body starting at byte `offset` of its file,
/// without rendering it (for a lint run; [`page::read`] gives the same and the HTML).
pub fn scan(body: &str, offset: usize) -> (Vec<Link>, Vec<String>) {
    let mut links = Vec::new();
    let mut anchors = Vec::new();
    // Cheap exit: no link syntax and no heading, nothing to parse.
    if !body.contains(['[', '#', '<', '=', '-']) {
        return (links, anchors);
    }
    let mut unique = AnchorSet::default();
    let mut heading: Option<(Option<String>, String)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if parse_target(&dest_url).is_some() => {
                links.push(Link {
                    dest: dest_url.into_string(),
                    span: range.start + offset..range.end + offset,
                });
            }
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((id.map(|i| i.into_string()), String::new()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, buf)) = heading.as_mut() {
                    buf.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = heading.take() {
                    anchors.push(unique.heading(id, &text));
                }
            }
            _ => {}
        }
    }
    (links, anchors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_link_targets() {
        assert_eq!(
            parse_target("../goals/leads.md#risks"),
            Some(Target::File {
                path: "../goals/leads.md",
                fragment: Some("risks")
            })
        );
        assert_eq!(
            parse_target("@leads"),
            Some(Target::Id {
                id: "leads",
                fragment: None
            })
        );
        assert_eq!(parse_target("#risks"), Some(Target::Fragment("risks")));
        assert_eq!(parse_target("https://example.com/a.md"), None);
        assert_eq!(parse_target("mailto:a@b.c"), None);
        assert_eq!(parse_target("../static/logo.png"), None);
        assert_eq!(parse_target("//cdn.example/x.md"), None);
    }

    #[test]
    fn finds_links_with_file_offsets_and_heading_anchors() {
        let body = "# Risks\n\nSee [leads](../goals/leads.md) and [web](https://x.y).\n\n## Risks\n\n## Rủi ro {#rui-ro-custom}\n\n## 风险\n";
        let (links, anchors) = scan(body, 100);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].dest, "../goals/leads.md");
        assert_eq!(
            &body[links[0].span.start - 100..links[0].span.end - 100],
            "[leads](../goals/leads.md)"
        );
        assert_eq!(anchors, ["risks", "risks-1", "rui-ro-custom", "feng-xian"]);
    }

    #[test]
    fn anchors_are_never_empty() {
        assert_eq!(anchor_slug("!!!"), "section");
        assert_eq!(anchor_slug("Tăng trưởng"), "tang-truong");
    }
}
