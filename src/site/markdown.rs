//! Renders a Markdown body to HTML: CommonMark plus tables, footnotes, strikethrough and task
//! lists, with an `id` on every heading (the same anchors lint checks), links between plan
//! documents rewritten to their pages, and, on pages, body headings shifted one level down so
//! that the page title stays the only `h1`.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::plan::markdown::{AnchorSet, options};

/// How a body is rendered.
pub struct RenderOptions<'a> {
    /// Shift `#` to `h2`, `##` to `h3` …, for bodies under a page title.
    pub demote_headings: bool,
    /// Rewrites a link or image destination; `None` keeps it as written.
    pub rewrite: &'a dyn Fn(&str) -> Option<String>,
}

impl RenderOptions<'_> {
    /// Plain CommonMark: headings as written, destinations as written (used by the conformance test).
    pub fn plain() -> RenderOptions<'static> {
        RenderOptions {
            demote_headings: false,
            rewrite: &|_| None,
        }
    }
}

/// The HTML of a body, and its text without markup (for the search index).
pub struct Rendered {
    pub html: String,
    pub text: String,
}

/// Renders `markdown` with the plan dialect.
pub fn render(markdown: &str, opts: &RenderOptions<'_>) -> Rendered {
    let mut anchors = AnchorSet::default();
    let mut text = String::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    // A heading's events are held back until its end, when its text (and so its anchor) is known.
    let mut heading: Option<(Tag<'_>, Vec<Event<'_>>)> = None;
    for event in Parser::new_ext(markdown, options()) {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = (opts.rewrite)(&dest_url).map_or(dest_url, CowStr::from);
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
                let dest_url = (opts.rewrite)(&dest_url).map_or(dest_url, CowStr::from);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        };
        if let Event::Text(t) | Event::Code(t) = &event {
            text.push(' ');
            text.push_str(t);
        }
        match event {
            Event::Start(tag @ Tag::Heading { .. }) => heading = Some((tag, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                let Some((
                    Tag::Heading {
                        level,
                        id,
                        classes,
                        attrs,
                    },
                    inner,
                )) = heading.take()
                else {
                    continue;
                };
                let heading_text: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let anchor = anchors.heading(id.map(|i| i.into_string()), &heading_text);
                let level = if opts.demote_headings {
                    demote(level)
                } else {
                    level
                };
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(anchor.into()),
                    classes,
                    attrs,
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            event => match heading.as_mut() {
                Some((_, inner)) => inner.push(event),
                None => events.push(event),
            },
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Rendered { html: out, text }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_the_anchors_lint_checks() {
        let body = "# Risks\n\n## Risks\n\n## Rủi ro {#custom}\n\n## 风险\n";
        let html = render(body, &RenderOptions::plain()).html;
        let (_, anchors) = crate::plan::markdown::scan(body, 0);
        for anchor in anchors {
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "{anchor} in {html}"
            );
        }
    }

    #[test]
    fn demotes_headings_under_a_page_title() {
        let opts = RenderOptions {
            demote_headings: true,
            rewrite: &|_| None,
        };
        assert_eq!(render("# A\n", &opts).html, "<h2 id=\"a\">A</h2>\n");
    }

    #[test]
    fn rewrites_links_and_images_and_collects_text() {
        let rewrite = |dest: &str| (dest == "../goals/a.md").then(|| "../goals/a.html".to_owned());
        let opts = RenderOptions {
            demote_headings: false,
            rewrite: &rewrite,
        };
        let out = render("See [a](../goals/a.md) and `code`.\n\n![x](pic.png)", &opts);
        assert!(
            out.html.contains("href=\"../goals/a.html\""),
            "{}",
            out.html
        );
        assert!(out.html.contains("src=\"pic.png\""));
        assert_eq!(
            out.text, "See a and code . x",
            "image alt text counts as text"
        );
    }
}
