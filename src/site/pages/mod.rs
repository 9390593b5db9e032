//! Every page of the site as a job — output path, template, context — built from the model.
//! Jobs are independent, so they render in parallel.

mod documents;
mod health;
mod views;

use serde_json::{Value, json};
use tera::Context;

use super::model::Model;
use super::urls;
use crate::plan::Kind;

/// One page to render.
pub struct Job {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub template: &'static str,
    pub context: Context,
}

impl Job {
    /// A job with the context every page has: `root` (the way back to the site root), and
    /// `page` (title, path, section for the navigation, canonical URL).
    fn new(
        path: String,
        template: &'static str,
        title: &str,
        section: &str,
        base_url: Option<&str>,
    ) -> Job {
        let mut context = Context::new();
        context.insert("root", &urls::root_of(&path));
        let canonical = base_url.map(|base| format!("{}/{}", base.trim_end_matches('/'), path));
        context.insert(
            "page",
            &json!({ "title": title, "path": path, "section": section, "canonical": canonical }),
        );
        Job {
            path,
            template,
            context,
        }
    }

    fn insert(&mut self, key: &'static str, value: &Value) {
        self.context.insert(key, value);
    }
}

/// Site-wide values, set once as Tera's global context: `site`, `t` (UI strings), `nav`, `health`.
pub fn global(model: &Model<'_>, base_url: Option<&str>) -> Context {
    let settings = &model.plan.settings;
    let mut context = Context::new();
    let period = model.period();
    context.insert(
        "site",
        &json!({
            "title": settings.title.as_ref().map_or("Strategy plan", |t| t.value.as_str()),
            "organization": settings.organization.as_ref().map(|o| &o.value),
            "owner": settings.owner.as_ref().map(|o| &o.value),
            "description": settings.description.as_ref().map(|d| &d.value),
            "lang": settings.language(),
            "period_start": period.map(|p| p.0.to_string()),
            "period_end": period.map(|p| p.1.to_string()),
            "today": model.today.to_string(),
            "base_url": base_url,
            "generator": concat!("stratagem ", env!("CARGO_PKG_VERSION")),
        }),
    );
    context.insert("t", &model.t);
    let nav: Vec<Value> = [
        ("overview", "index.html"),
        ("goals", "goals/index.html"),
        ("strategies", "strategies/index.html"),
        ("tactics", "tactics/index.html"),
        ("evaluations", "evaluations/index.html"),
        ("map", "map.html"),
        ("roadmap", "roadmap.html"),
        ("owners", "owners.html"),
        ("channels", "channels.html"),
        ("health", "health.html"),
    ]
    .into_iter()
    .chain((!model.of_kind(Kind::Page).is_empty()).then_some(("pages", "pages/index.html")))
    .map(|(key, url)| json!({ "section": key, "label": model.t(key), "url": url }))
    .collect();
    context.insert("nav", &nav);
    let summary = crate::diagnostic::Summary::new(model.lint.files, &model.lint.diagnostics);
    context.insert(
        "health",
        &json!({ "errors": summary.errors, "warnings": summary.warnings, "files": summary.files }),
    );
    context
}

/// Every page of the site.
pub fn jobs(model: &Model<'_>, base_url: Option<&str>) -> Vec<Job> {
    let mut jobs = Vec::with_capacity(model.plan.documents.len() + 64);
    jobs.extend((0..model.plan.documents.len()).map(|i| documents::page(model, i, base_url)));
    jobs.extend(views::pages(model, base_url));
    jobs.extend(health::pages(model, base_url));
    jobs
}
