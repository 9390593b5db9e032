//! A document's body read once, at load, for lint and for its page alike: one pass of the parser
//! gives the links into the plan and the heading anchors (which lint checks), the start of the
//! text (for the search index), and the page's HTML with a hole where each link's and image's
//! destination goes. The site fills the holes with URLs relative to the page
//! ([`PageBody::fill`]): where a page is, and where the documents it links to are, is the site's
//! to say, and known only once the whole plan is loaded.

use std::cell::RefCell;
use std::fmt;

use pulldown_cmark_escape::escape_href;

use super::Link;
use super::render::{RenderOptions, render_into};

/// Written as the destination of every link and image while rendering. The HTML writer escapes
/// it as one piece, `%01`, which [`Holes`] keeps out of the HTML, noting where it was; were the
/// body's text to hold a piece that is exactly `%01` too, there would be more holes than
/// destinations, and the body is then rendered again for its page (see [`Read::page`]).
const MARK: &str = "\u{1}";
const MARK_IN_HTML: &str = "%01";

/// The HTML being written, with each [`MARK_IN_HTML`] piece left out and its offset noted.
#[derive(Default)]
struct Holes {
    html: String,
    at: Vec<usize>,
}

impl fmt::Write for Holes {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        if piece == MARK_IN_HTML {
            self.at.push(self.html.len());
        } else {
            self.html.push_str(piece);
        }
        Ok(())
    }
}

/// A body's page HTML with its destinations left out, and the start of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageBody {
    html: String,
    holes: Vec<Hole>,
    /// The start of the text without markup (see [`super::render::TEXT_CHARS`]).
    pub text: String,
}

/// Where a destination goes in the HTML (a byte offset), and the destination as written.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Hole {
    at: usize,
    dest: String,
}

/// What one pass over a body gives.
pub struct Read {
    pub links: Vec<Link>,
    pub anchors: Vec<String>,
    /// `None` for the rare body whose holes cannot be marked (see [`MARK`]): its page renders it
    /// again.
    pub page: Option<PageBody>,
}

/// Reads a document's `body`, which starts at byte `offset` of its file, rendering it as its
/// page shows it (headings moved under the page title; raw HTML kept only if `raw_html`).
pub fn read(body: &str, offset: usize, raw_html: bool) -> Read {
    let dests = RefCell::new(Vec::new());
    let mark = |dest: &str| {
        dests.borrow_mut().push(dest.to_owned());
        Some(MARK.to_owned())
    };
    let options = RenderOptions {
        demote_headings: true,
        rewrite: &mark,
        raw_html,
    };
    let mut links = Vec::new();
    let mut holes = Holes {
        html: String::with_capacity(body.len() * 3 / 2),
        at: Vec::new(),
    };
    let rendered = render_into(body, offset, &options, &mut links, &mut holes);
    let dests = dests.into_inner();
    let page = (holes.at.len() == dests.len()).then(|| PageBody {
        html: holes.html,
        holes: holes
            .at
            .into_iter()
            .zip(dests)
            .map(|(at, dest)| Hole { at, dest })
            .collect(),
        text: rendered.text,
    });
    Read {
        links,
        anchors: rendered.anchors,
        page,
    }
}

impl PageBody {
    /// The HTML with each destination filled in: what `rewrite` makes of it, or the destination
    /// as written when it says `None` — escaped as the Markdown renderer escapes it.
    pub fn fill(&self, rewrite: &dyn Fn(&str) -> Option<String>) -> String {
        let mut out = String::with_capacity(self.html.len() + 48 * self.holes.len());
        let mut last = 0;
        for hole in &self.holes {
            out.push_str(&self.html[last..hole.at]);
            let dest = rewrite(&hole.dest);
            // Writing into a String cannot fail.
            let _ = escape_href(&mut out, dest.as_deref().unwrap_or(&hole.dest));
            last = hole.at;
        }
        out.push_str(&self.html[last..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render::render;

    /// The page HTML of `body` rendered in one go with `rewrite`.
    fn direct(body: &str, raw_html: bool, rewrite: &dyn Fn(&str) -> Option<String>) -> String {
        let options = RenderOptions {
            demote_headings: true,
            rewrite,
            raw_html,
        };
        render(body, &options).html
    }

    const BODY: &str = "# Risks\n\nSee [a](../goals/a.md#risks \"A & B\"), [b](@b), [web](https://x.y/?a=1&b='2'),\n\
        <someone@example.com>, ![logo](../static/logo.png) and [ref][r].\n\n## Risks\n\n\
        > [quoted](q.md)\n\n[r]: other.md\n\n| a | [t](@t) |\n|---|---|\n| 1 | 2 |\n";

    #[test]
    fn filled_holes_give_the_html_of_a_direct_render() {
        let rewrite = |dest: &str| match dest {
            "@b" => Some("b.html".to_owned()),
            "../goals/a.md#risks" => Some("../goals/a.html#risks".to_owned()),
            "../static/logo.png" => Some("../static/logo png".to_owned()),
            _ => None,
        };
        for raw_html in [false, true] {
            let read = read(BODY, 7, raw_html);
            let page = read.page.expect("the body has no %01 of its own");
            assert_eq!(page.holes.len(), 8, "{:?}", page.holes);
            assert_eq!(page.fill(&rewrite), direct(BODY, raw_html, &rewrite));
            assert_eq!(page.fill(&|_| None), direct(BODY, raw_html, &|_| None));
        }
    }

    #[test]
    fn the_pass_finds_what_the_lint_scan_finds() {
        let read = read(BODY, 7, false);
        let (links, anchors) = super::super::scan(BODY, 7);
        assert_eq!(read.links, links);
        assert_eq!(read.anchors, anchors);
        assert_eq!(read.page.unwrap().text, render(BODY, &RenderOptions::plain()).text);
    }

    #[test]
    fn a_body_with_the_mark_in_its_own_html_is_left_to_render_later() {
        assert!(read("Growth of **%01** [a](@a).\n", 0, false).page.is_none());
        let page = read("Growth of 5%01, [a](&#1;) and [b](@b).\n", 0, false).page.unwrap();
        assert_eq!(page.holes.len(), 2);
        let read = read("No links, no marks.\n", 0, false);
        assert_eq!(read.page.unwrap().fill(&|_| None), "<p>No links, no marks.</p>\n");
    }
}
