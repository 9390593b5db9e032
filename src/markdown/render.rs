//! Renders a Markdown body to HTML: CommonMark plus tables, footnotes, strikethrough and task
//! lists, with an `id` on every heading (the same anchors lint checks), links between plan
//! documents rewritten to their pages, and, on pages, body headings shifted one level down so
//! that the page title stays the only `h1`.
//!
//! Raw HTML and script URLs are filtered on the way ([`guard`]).
//!
//! The pass also collects the body's heading anchors and its links into the plan (which lint
//! checks): a document's body is read once, at load, for both (see [`super::page`]).

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd, html};

use super::guard;
use super::{AnchorSet, Link, options, parse_target};

/// How a body is rendered.
pub struct RenderOptions<'a> {
    /// Move the body's headings so that its highest becomes `h2` (the others keep their distance
    /// to it), for bodies under a page title: the page keeps one `h1`, and no level is skipped.
    pub demote_headings: bool,
    /// Rewrites a link or image destination; `None` keeps it as written.
    pub rewrite: &'a dyn Fn(&str) -> Option<String>,
    /// Keep raw HTML (else it is omitted, with a comment saying so).
    pub raw_html: bool,
}

impl RenderOptions<'_> {
    /// Plain CommonMark: headings, destinations and raw HTML as written (used by the
    /// conformance test, and for stratagem's own texts).
    pub fn plain() -> RenderOptions<'static> {
        RenderOptions {
            demote_headings: false,
            rewrite: &|_| None,
            raw_html: true,
        }
    }
}

/// How much plain text is kept of a body, in characters: the search index uses the start of
/// each body. Collecting stops once there are more than this many.
pub const TEXT_CHARS: usize = 2 * 1024;

/// A rendered body.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// The start of the text without markup, whitespace collapsed (for the search index).
    pub text: String,
    /// Heading anchors, in order.
    pub anchors: Vec<String>,
}

/// A heading's opening tag and its events, held back until its end, when its text (and so its
/// anchor) is known.
type OpenHeading<'m> = Option<(Tag<'m>, Vec<Event<'m>>)>;

/// Renders `markdown`, a document body or a rule's docs.
pub fn render(markdown: &str, opts: &RenderOptions<'_>) -> Rendered {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let mut out = render_into(markdown, 0, opts, &mut Vec::new(), &mut html);
    out.html = html;
    out
}

/// Renders `markdown`, which starts at byte `offset` of its file, into `html`, and adds its
/// links into the plan to `links` (with their spans in the file). The text and anchors are
/// returned (the `html` of the result is empty).
pub(super) fn render_into(
    markdown: &str,
    offset: usize,
    opts: &RenderOptions<'_>,
    links: &mut Vec<Link>,
    html: impl std::fmt::Write,
) -> Rendered {
    let mut out = Rendered::default();
    let mut unique = AnchorSet::default();
    let mut events: Vec<Event<'_>> = Vec::with_capacity(markdown.len() / 16);
    let mut heading: OpenHeading<'_> = None;
    let mut guard = guard::Guard::new(opts.raw_html);
    let mut text = PlainText::default();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = &event
            && parse_target(dest_url).is_some()
        {
            links.push(Link {
                dest: dest_url.to_string(),
                span: range.start + offset..range.end + offset,
            });
        }
        let Some(event) = guard.pass(event) else { continue };
        let event = rewrite(event, opts);
        if let Event::Text(t) | Event::Code(t) = &event
            && text.chars <= TEXT_CHARS
        {
            text.push(t);
        }
        match event {
            Event::Start(tag @ Tag::Heading { .. }) => heading = Some((tag, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(anchor) = close_heading(heading.take(), &mut unique, &mut events) {
                    out.anchors.push(anchor);
                }
            }
            event => match heading.as_mut() {
                Some((_, inner)) => inner.push(event),
                None => events.push(event),
            },
        }
    }
    if opts.demote_headings {
        shift_headings_to_h2(&mut events);
    }
    // Writing into memory cannot fail.
    let _ = html::write_html_fmt(html, events.into_iter());
    out.text = text.text;
    if out.text.ends_with(' ') {
        out.text.pop();
    }
    out
}

/// A link or image with its destination rewritten.
fn rewrite<'m>(event: Event<'m>, opts: &RenderOptions<'_>) -> Event<'m> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = (opts.rewrite)(&dest_url).map_or(dest_url, Into::into);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = (opts.rewrite)(&dest_url).map_or(dest_url, Into::into);
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    }
}

/// Emits a held-back heading with its unique anchor as `id`; returns the anchor.
fn close_heading<'m>(heading: OpenHeading<'m>, unique: &mut AnchorSet, events: &mut Vec<Event<'m>>) -> Option<String> {
    let Some((
        Tag::Heading {
            level,
            id,
            classes,
            attrs,
        },
        inner,
    )) = heading
    else {
        return None;
    };
    let heading_text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let anchor = unique.heading(id.map(|i| i.into_string()), &heading_text);
    events.push(Event::Start(Tag::Heading {
        level,
        id: Some(anchor.clone().into()),
        classes,
        attrs,
    }));
    events.extend(inner);
    events.push(Event::End(TagEnd::Heading(level)));
    Some(anchor)
}

/// The start of a body's text, runs of white space folded into one space, and its length in
/// characters.
#[derive(Default)]
struct PlainText {
    text: String,
    chars: usize,
}

impl PlainText {
    /// Appends `piece`, until the text holds more than [`TEXT_CHARS`] characters. Most pieces
    /// are ASCII, split by bytes; the vertical tab is the one ASCII space that `u8` does not count
    /// as white space and `char` does, so a piece holding one takes the `char` path.
    fn push(&mut self, piece: &str) {
        if piece.is_ascii() && !piece.as_bytes().contains(&0x0b) {
            self.push_words(piece.split_ascii_whitespace(), str::len);
        } else {
            self.push_words(piece.split_whitespace(), |w| w.chars().count());
        }
        if piece.ends_with(char::is_whitespace) && !self.text.is_empty() && self.chars <= TEXT_CHARS {
            self.text.push(' ');
            self.chars += 1;
        }
    }

    fn push_words<'p>(&mut self, words: impl Iterator<Item = &'p str>, chars: impl Fn(&str) -> usize) {
        for word in words {
            if self.chars > TEXT_CHARS {
                return;
            }
            if !self.text.is_empty() && !self.text.ends_with(' ') {
                self.text.push(' ');
                self.chars += 1;
            }
            self.text.push_str(word);
            self.chars += chars(word);
        }
    }
}

fn shift_headings_to_h2(events: &mut [Event<'_>]) {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min();
    let Some(top) = top else { return };
    let shift = |level: HeadingLevel| -> HeadingLevel {
        let n = (level as usize + 2).saturating_sub(top).clamp(2, 6);
        HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
    };
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => *level = shift(*level),
            Event::End(TagEnd::Heading(level)) => *level = shift(*level),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRICKY: &str = "# Risks\n\n## Risks\n\n## Rủi ro {#custom}\n\n## 风险 `code`\n\nSetext\n------\n\n\
        See [a](../goals/a.md#risks), [b](@b), [c](#risks-1), [web](https://x.y) and\n[ref][r].\n\n[r]: other.md\n\n\
        > [quoted](q.md)\n";

    #[test]
    fn gives_headings_the_anchors_the_lint_scan_knows() {
        let rendered = render(TRICKY, &RenderOptions::plain());
        let (_, anchors) = crate::markdown::scan(TRICKY, 40);
        assert_eq!(rendered.anchors, anchors);
        for anchor in anchors {
            assert!(
                rendered.html.contains(&format!("id=\"{anchor}\"")),
                "{anchor} in {}",
                rendered.html
            );
        }
    }

    #[test]
    fn moves_headings_so_that_the_highest_is_h2() {
        let opts = RenderOptions {
            demote_headings: true,
            ..RenderOptions::plain()
        };
        assert_eq!(
            render("# A\n## B\n", &opts).html,
            "<h2 id=\"a\">A</h2>\n<h3 id=\"b\">B</h3>\n"
        );
        assert_eq!(
            render("## A\n#### B\n", &opts).html,
            "<h2 id=\"a\">A</h2>\n<h4 id=\"b\">B</h4>\n"
        );
        assert_eq!(render("### A\n", &opts).html, "<h2 id=\"a\">A</h2>\n");
    }

    #[test]
    fn rewrites_links_and_images_and_collects_text() {
        let rewrite = |dest: &str| (dest == "../goals/a.md").then(|| "../goals/a.html".to_owned());
        let opts = RenderOptions {
            rewrite: &rewrite,
            ..RenderOptions::plain()
        };
        let out = render("See [a](../goals/a.md) and `code`.\n\n![x](pic.png)", &opts);
        assert!(out.html.contains("href=\"../goals/a.html\""), "{}", out.html);
        assert!(out.html.contains("src=\"pic.png\""));
        assert_eq!(out.text, "See a and code . x", "image alt text counts as text");
    }

    #[test]
    fn raw_html_is_omitted_unless_allowed_and_script_links_always_go() {
        let body = "<div onclick=\"x()\">\n<b>hi</b>\n</div>\n\nText <span>in</span> line, [bad](javascript:alert(1)) and ![p](javascript:x).\n";
        let safe = RenderOptions {
            raw_html: false,
            ..RenderOptions::plain()
        };
        let html = render(body, &safe).html;
        assert!(
            !html.contains("<div") && !html.contains("<span") && !html.contains("<b>"),
            "{html}"
        );
        assert_eq!(html.matches(guard::OMITTED).count(), 3, "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(
            html.contains("bad") && html.contains(" and p."),
            "the text of dropped links stays: {html}"
        );
        let html = render(body, &RenderOptions::plain()).html;
        assert!(
            html.contains("<div onclick") && html.contains("<span>in</span>"),
            "{html}"
        );
        assert!(!html.contains("javascript"), "{html}");
    }
}
