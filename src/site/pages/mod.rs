//! Every page of the site as a job — output path, template, context — built from the model.
//! Jobs are independent, so they render in parallel.

mod documents;
mod health;
mod maturity;
mod views;

use rayon::prelude::*;
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
    fn new(path: String, template: &'static str, title: &str, section: &str, base_url: Option<&str>) -> Job {
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

    fn insert(&mut self, key: &'static str, value: Value) {
        self.context.insert_value(key, to_tera(value));
    }
}

/// Moves a JSON value into Tera's own value type, without a round trip through serde.
fn to_tera(value: Value) -> tera::Value {
    match value {
        Value::Null => tera::Value::none(),
        Value::Bool(b) => b.into(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into(),
            (None, Some(i)) => i.into(),
            _ => n.as_f64().unwrap_or(f64::NAN).into(),
        },
        Value::String(s) => s.into(),
        Value::Array(items) => items.into_iter().map(to_tera).collect::<Vec<_>>().into(),
        Value::Object(map) => map
            .into_iter()
            .map(|(k, v)| (k, to_tera(v)))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into(),
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
            "base_url": base_url.map(|b| format!("{}/", b.trim_end_matches('/'))),
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
        ("maturity", "maturity.html"),
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

/// Which pages a render covers.
#[derive(Clone, Copy, Debug)]
pub enum Selection<'s> {
    /// Every page.
    All,
    /// What an edit can change: the pages of these documents, the pages that look across the
    /// plan and show documents of the edited kinds, plan health, and the pages named in `also`
    /// (`overview` when lint counts or the maturity stage moved, `owners` when a title, an owner
    /// or whether a tactic is live changed).
    Edit {
        documents: &'s [usize],
        kinds: &'s [Kind],
        also: &'s [&'s str],
    },
}

impl Selection<'_> {
    /// Whether an overview page (`overview`, `list:goal`, `map` …) is part of the selection.
    fn shows(&self, page: &str) -> bool {
        let Selection::Edit { kinds, also, .. } = self else {
            return true;
        };
        let any = |of: &[Kind]| of.iter().any(|k| kinds.contains(k));
        use Kind::{Evaluation as E, Goal as G, Page as P, Strategy as S, Tactic as T};
        match page {
            // Goal cards show progress, which evaluations record.
            "list:goal" => any(&[G, E]),
            "overview" => any(&[G, E]) || also.contains(&"overview"),
            "list:strategy" => any(&[S, G]),
            "list:tactic" => any(&[T, S]),
            "list:evaluation" => any(&[E, G]),
            "list:page" => any(&[P]),
            "map" => any(&[G, S, T, E]),
            "roadmap" => any(&[S, T]),
            "channels" => any(&[T]),
            "owners" => also.contains(&"owners"),
            // Maturity follows from the whole plan; search and the not-found page change with no
            // edit.
            "maturity" => true,
            _ => false,
        }
    }
}

/// Builds the selected pages and hands each to `render`, in parallel: a page's context is built
/// and dropped on the same thread, so memory stays flat however large the plan. Returns how many
/// pages there were.
pub fn for_each(
    model: &Model<'_>,
    base_url: Option<&str>,
    selection: Selection<'_>,
    render: impl Fn(Job) -> anyhow::Result<()> + Sync,
) -> anyhow::Result<usize> {
    let all: Vec<usize>;
    let documents = match selection {
        Selection::All => {
            all = (0..model.plan.documents.len()).collect();
            &all
        }
        Selection::Edit { documents, .. } => documents,
    };
    let everything = matches!(selection, Selection::All);
    let (from_documents, others) = rayon::join(
        || {
            documents
                .par_iter()
                .try_for_each(|&i| render(documents::page(model, i, base_url)))
        },
        || {
            let (mut views, health) = rayon::join(
                || views::pages(model, base_url, &|page| selection.shows(page)),
                || health::pages(model, base_url, everything),
            );
            views.extend(health);
            let count = views.len();
            views.into_par_iter().try_for_each(&render).map(|()| count)
        },
    );
    from_documents?;
    Ok(documents.len() + others?)
}
