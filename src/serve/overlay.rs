//! What the preview adds to every HTML page it serves (and never to the built site): a small
//! live-reload script, and an overlay listing the plan's errors while there are any.

use std::fmt::Write as _;

use super::http::EVENTS;
use super::session::Snapshot;
use crate::site::svg::esc;

/// How many problems the overlay lists before it says "and N more".
const SHOWN: usize = 20;

/// Inserts the script and, with errors, the overlay before `</body>`. `page` is the page's path
/// in the site: the script reloads it when a rebuild names it (or every page).
pub fn inject(html: &str, page: &str, base_path: &str, snapshot: &Snapshot) -> String {
    let mut extra = String::with_capacity(1024);
    if !snapshot.problems.is_empty() {
        overlay(&mut extra, snapshot);
    }
    let _ = write!(
        extra,
        "<script>(function(){{var g={generation},p={page};var es=new EventSource({url});\
         function go(){{es.close();location.reload();}}\
         es.addEventListener('hello',function(e){{if(Number(e.data)!==g)go();}});\
         es.addEventListener('reload',function(e){{var d=JSON.parse(e.data);if(d.generation===g)return;\
         if(!d.pages||d.pages.indexOf(p)>=0)go();else g=d.generation;}});}})();</script>",
        generation = snapshot.generation,
        page = script_string(page),
        url = script_string(&format!("{base_path}{EVENTS}")),
    );
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

/// A JavaScript string literal that is safe inside a `<script>` element.
fn script_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".into())
        .replace('<', "\\u003c")
}

fn overlay(out: &mut String, snapshot: &Snapshot) {
    let count = snapshot.problems.len();
    let _ = write!(
        out,
        "<aside id=\"stratagem-overlay\" role=\"alert\" aria-label=\"Plan errors\" style=\"position:fixed;left:0;right:0;bottom:0;\
         max-height:45vh;overflow:auto;z-index:2147483647;margin:0;padding:.75rem 1rem;background:#2b0b0b;color:#fff;\
         font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 -2px 12px rgba(0,0,0,.4)\">\
         <p style=\"margin:0 0 .5rem;font-weight:700;color:#ffb4b4\">stratagem: {count} error{}{} — the page shows the last good version of what does not parse</p><ul style=\"margin:0;padding-left:1.2rem\">",
        if count == 1 { "" } else { "s" },
        if snapshot.warnings > 0 {
            format!(
                " and {} warning{}",
                snapshot.warnings,
                if snapshot.warnings == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        },
    );
    for p in snapshot.problems.iter().take(SHOWN) {
        let _ = write!(
            out,
            "<li><span style=\"color:#ffd479\">{}</span> <span style=\"color:#9fd3ff\">[{}]</span> <span style=\"white-space:pre-wrap\">{}</span></li>",
            esc(&p.location),
            esc(&p.rule),
            esc(&p.message)
        );
    }
    if count > SHOWN {
        let _ = write!(out, "<li>… and {} more</li>", count - SHOWN);
    }
    out.push_str("</ul></aside>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::session::Problem;
    use std::sync::Arc;

    #[test]
    fn injects_script_always_and_overlay_only_with_errors() {
        let clean = Snapshot {
            generation: 7,
            ..Snapshot::default()
        };
        let html = inject("<html><body><p>x</p></body></html>", "goals/a.html", "/team", &clean);
        assert!(
            html.contains("EventSource(\"/team/__stratagem/events\")") && html.contains("var g=7,p=\"goals/a.html\";")
        );
        assert!(!html.contains("stratagem-overlay"));
        assert!(html.ends_with("</script></body></html>"));

        let problem = Problem {
            location: "goals/a.md:3:9".into(),
            rule: "front-matter-syntax".into(),
            message: "invalid <TOML>".into(),
        };
        let broken = Snapshot {
            problems: Arc::new(vec![problem]),
            ..clean
        };
        let html = inject("<body></body>", "index.html", "", &broken);
        assert!(
            html.contains("stratagem-overlay")
                && html.contains("goals/a.md:3:9")
                && html.contains("invalid &lt;TOML&gt;")
        );
    }

    #[test]
    fn a_page_path_cannot_end_the_script() {
        let html = inject("<body></body>", "a</script><b>.html", "", &Snapshot::default());
        assert!(html.contains(r#"p="a\u003c/script>\u003cb>.html""#), "{html}");
        assert_eq!(html.matches("</script>").count(), 1);
    }
}
