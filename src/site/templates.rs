//! The site's Tera templates and assets: built into the binary from `templates/`, each replaced
//! by a same-named file in `PLAN/templates/` (which may also add new templates to include).

use std::collections::BTreeMap;

use anyhow::{anyhow, bail};
use tera::Tera;

use super::fingerprint::{Digest, Fingerprint};
use crate::plan::discover::PlanFile;
use crate::plan::load::read_text;

/// The built-in templates and assets, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "partials/goal_card.html",
        include_str!("../../templates/partials/goal_card.html"),
    ),
    (
        "partials/progress.html",
        include_str!("../../templates/partials/progress.html"),
    ),
    (
        "partials/findings.html",
        include_str!("../../templates/partials/findings.html"),
    ),
    (
        "partials/attention.html",
        include_str!("../../templates/partials/attention.html"),
    ),
    (
        "partials/goal_table.html",
        include_str!("../../templates/partials/goal_table.html"),
    ),
    (
        "partials/chart_figure.html",
        include_str!("../../templates/partials/chart_figure.html"),
    ),
    (
        "partials/facts.html",
        include_str!("../../templates/partials/facts.html"),
    ),
    ("partials/body.html", include_str!("../../templates/partials/body.html")),
    (
        "partials/doc_header.html",
        include_str!("../../templates/partials/doc_header.html"),
    ),
    (
        "partials/last_changed.html",
        include_str!("../../templates/partials/last_changed.html"),
    ),
    (
        "partials/goal_history.html",
        include_str!("../../templates/partials/goal_history.html"),
    ),
    (
        "partials/tactic_item.html",
        include_str!("../../templates/partials/tactic_item.html"),
    ),
    ("index.html", include_str!("../../templates/index.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("goal.html", include_str!("../../templates/goal.html")),
    ("strategy.html", include_str!("../../templates/strategy.html")),
    ("tactic.html", include_str!("../../templates/tactic.html")),
    ("evaluation.html", include_str!("../../templates/evaluation.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("svg/frame.html", include_str!("../../templates/svg/frame.html")),
    ("svg/chart.html", include_str!("../../templates/svg/chart.html")),
    ("svg/map.html", include_str!("../../templates/svg/map.html")),
    ("svg/sparkline.html", include_str!("../../templates/svg/sparkline.html")),
    ("svg/roadmap.html", include_str!("../../templates/svg/roadmap.html")),
    ("map.html", include_str!("../../templates/map.html")),
    ("roadmap.html", include_str!("../../templates/roadmap.html")),
    ("owners.html", include_str!("../../templates/owners.html")),
    ("channels.html", include_str!("../../templates/channels.html")),
    ("health.html", include_str!("../../templates/health.html")),
    ("maturity.html", include_str!("../../templates/maturity.html")),
    ("changes.html", include_str!("../../templates/changes.html")),
    ("content.html", include_str!("../../templates/content.html")),
    ("rule.html", include_str!("../../templates/rule.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
];

/// Static assets written as they are (no template syntax), overridable the same way.
pub const ASSETS: &[(&str, &str)] = &[
    ("assets/style.css", include_str!("../../templates/assets/style.css")),
    ("assets/search.js", include_str!("../../templates/assets/search.js")),
    (
        "assets/goal-table.js",
        include_str!("../../templates/assets/goal-table.js"),
    ),
    ("assets/roadmap.js", include_str!("../../templates/assets/roadmap.js")),
    ("assets/map.js", include_str!("../../templates/assets/map.js")),
];

/// The template set: built-ins, with overrides and additions from `PLAN/templates/`.
pub struct Templates {
    pub tera: Tera,
    pub assets: Vec<(String, String)>,
    /// Names of the built-ins the plan overrides.
    pub overridden: Vec<String>,
    /// Every template's name and source, hashed: part of each page's fingerprint.
    pub digest: Fingerprint,
}

/// Loads the templates: the built-ins, then the plan's `templates/` files (found, inside the
/// plan, by discovery). A template that does not parse is an error naming the template, the
/// line and the cause.
pub fn load(files: &[PlanFile]) -> anyhow::Result<Templates> {
    let mut sources: BTreeMap<String, String> = BUILT_IN
        .iter()
        .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
        .collect();
    let mut assets: BTreeMap<String, String> = ASSETS.iter().map(|(n, s)| ((*n).to_owned(), (*s).to_owned())).collect();
    let mut overridden = Vec::new();
    for file in files {
        let name = &file.rel;
        let text = read_text(&file.abs, &format!("templates/{name}"))
            .map_err(|d| anyhow!("cannot read template `templates/{name}`: {}", d.message))?;
        if let Some(asset) = assets.get_mut(name) {
            *asset = text;
        } else if name.ends_with(".html") {
            if sources.contains_key(name) {
                overridden.push(name.clone());
            }
            sources.insert(name.clone(), text);
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on([".html"]);
    register_filters(&mut tera);
    if let Err(error) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
        bail!("{}", describe(&error, &overridden));
    }
    let mut digest = Digest::default();
    for (name, source) in &sources {
        digest.add_str(name).add_str(source);
    }
    Ok(Templates {
        tera,
        assets: assets.into_iter().collect(),
        overridden,
        digest: digest.finish(),
    })
}

/// The filters stratagem's templates use beyond Tera's own.
pub fn register_filters(tera: &mut Tera) {
    tera.register_filter("code_spans", |text: &str, _: tera::Kwargs, _: &tera::State| {
        code_spans(text)
    });
}

/// `text` as HTML, escaped, with its `code spans` (as rule messages write field names and
/// values) as `<code>` elements. An unpaired backtick stays as it is.
pub fn code_spans(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let escape = |out: &mut String, s: &str| {
        // Writing to a String cannot fail.
        let _ = pulldown_cmark_escape::escape_html(&mut *out, s);
    };
    let mut rest = text;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        escape(&mut out, &rest[..open]);
        out.push_str("<code>");
        escape(&mut out, &rest[open + 1..open + 1 + len]);
        out.push_str("</code>");
        rest = &rest[open + len + 2..];
    }
    escape(&mut out, rest);
    out
}

/// A template error with where it comes from: the plan's own template or a built-in.
pub fn describe(error: &tera::Error, overridden: &[String]) -> String {
    let text = error.to_string();
    let mut text = text.strip_prefix("error: ").unwrap_or(&text).to_owned();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    if !overridden.is_empty() {
        text.push_str(&format!(
            "\n  (templates overridden from the plan's templates/ folder: {})",
            overridden.join(", ")
        ));
    }
    format!("template error: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::discover::relative;
    use std::path::Path;

    #[test]
    fn every_file_in_templates_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let name = relative(&dir, entry.path());
            let known = BUILT_IN.iter().chain(ASSETS).any(|(n, _)| *n == name);
            assert!(
                known,
                "templates/{name} is not compiled in: add it to BUILT_IN or ASSETS"
            );
        }
    }

    #[test]
    fn code_spans_become_code_and_the_rest_is_escaped() {
        assert_eq!(
            code_spans("goal `a<b>` has no `deadline` & no `"),
            "goal <code>a&lt;b&gt;</code> has no <code>deadline</code> &amp; no `"
        );
        assert_eq!(code_spans("plain"), "plain");
    }

    #[test]
    fn built_in_templates_parse() {
        let templates = load(&[]).unwrap();
        assert!(templates.overridden.is_empty());
        assert_eq!(templates.assets.len(), ASSETS.len());
    }
}
