//! What a body may put into a page. Raw HTML is omitted unless the plan turns it on (`[markdown]
//! raw_html = true`), as Hugo does by default, leaving a comment that says so; links and images
//! whose URL would run a script (`javascript:`, `vbscript:`, `data:` pages) are dropped always,
//! keeping their text.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The comment left where raw HTML was.
pub const OMITTED: &str = "<!-- raw HTML omitted -->";

/// Filters a body's events in order.
#[derive(Debug)]
pub struct Guard {
    raw_html: bool,
    in_html_block: bool,
    /// Inside a link (or image) that was dropped: its end goes too.
    dropped_link: bool,
    dropped_images: usize,
}

impl Guard {
    pub fn new(raw_html: bool) -> Guard {
        Guard {
            raw_html,
            in_html_block: false,
            dropped_link: false,
            dropped_images: 0,
        }
    }

    /// The event to render instead of `event`, or `None` to leave it out.
    pub fn pass<'a>(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        match event {
            Event::Start(Tag::HtmlBlock) if !self.raw_html => {
                self.in_html_block = true;
                Some(Event::Html(CowStr::Borrowed(OMITTED)))
            }
            Event::End(TagEnd::HtmlBlock) if !self.raw_html => {
                self.in_html_block = false;
                Some(Event::Html(CowStr::Borrowed("\n")))
            }
            Event::Html(_) if !self.raw_html && self.in_html_block => None,
            Event::Html(_) | Event::InlineHtml(_) if !self.raw_html => {
                Some(Event::InlineHtml(CowStr::Borrowed(OMITTED)))
            }
            Event::Start(Tag::Link { ref dest_url, .. }) if runs_script(dest_url, false) => {
                self.dropped_link = true;
                None
            }
            Event::End(TagEnd::Link) if self.dropped_link => {
                self.dropped_link = false;
                None
            }
            Event::Start(Tag::Image { ref dest_url, .. }) if runs_script(dest_url, true) => {
                self.dropped_images += 1;
                None
            }
            Event::End(TagEnd::Image) if self.dropped_images > 0 => {
                self.dropped_images -= 1;
                None
            }
            event => Some(event),
        }
    }
}

/// Whether a URL would run code when followed: `javascript:` and `vbscript:` always, and for
/// links `data:` other than images. Browsers ignore case, leading spaces and control characters,
/// and tabs or newlines anywhere in the scheme, so this does too.
pub fn runs_script(url: &str, image: bool) -> bool {
    if !url.contains(':') {
        return false;
    }
    let scheme: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|&c| c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    match scheme.as_str() {
        "javascript" | "vbscript" => true,
        "data" if !image => {
            let rest = url
                .split_once(':')
                .map_or("", |(_, r)| r)
                .trim_start()
                .to_ascii_lowercase();
            !["image/png", "image/gif", "image/jpeg", "image/webp"]
                .iter()
                .any(|t| rest.starts_with(t))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_recognised_however_written() {
        for url in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "\u{1}javascript:x",
            "vbscript:x",
        ] {
            assert!(runs_script(url, false), "{url:?}");
            assert!(runs_script(url, true), "{url:?}");
        }
        assert!(runs_script("data:text/html,<script>", false));
        assert!(!runs_script("data:image/png;base64,AAAA", false));
        assert!(
            !runs_script("data:text/html,x", true),
            "an image cannot run a data: page"
        );
        for url in [
            "https://example.org/javascript:x",
            "../goals/a.md",
            "#javascript",
            "mailto:a@b.c",
        ] {
            assert!(!runs_script(url, false), "{url:?}");
        }
    }
}
