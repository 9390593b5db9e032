//! The static site: every document a page, every reference a link both ways, overview, strategy
//! map, roadmap, owners, channels, plan health and search — rendered in parallel from Tera
//! templates, with relative links only, written atomically.
//!
//! A build runs in two steps around lint: [`prepare`] renders every Markdown body once (and hands
//! lint the links and anchors it found), then [`build`] renders the pages.

mod i18n;
pub mod markdown;
mod model;
pub mod output;
mod pages;
mod search;
pub mod svg;
pub mod templates;
pub mod urls;

use std::path::PathBuf;

use anyhow::anyhow;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::lint::Outcome;
use crate::plan::Plan;
pub use i18n::BUILT_IN as LANGUAGES;
use markdown::{RenderOptions, Rendered};
use model::Model;
use urls::Urls;

/// Where and how to build.
pub struct BuildOptions {
    pub output: PathBuf,
    /// Absolute URL where the site is published, for canonical links (relative links work
    /// without it).
    pub base_url: Option<String>,
}

/// What a build wrote.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    /// Problems that do not stop the build (e.g. unknown `[strings]` keys).
    pub notes: Vec<String>,
}

/// Every page's URL and every body rendered, ready for [`build`].
pub struct Prepared {
    urls: Urls,
    bodies: Vec<Rendered>,
}

/// Renders every body of the plan (in parallel) and stores the links and heading anchors found
/// in its documents, for lint. Load the plan with `scan_bodies: false` before calling this.
pub fn prepare(plan: &mut Plan) -> Prepared {
    let urls = Urls::new(plan);
    let mut bodies: Vec<Rendered> = plan
        .documents
        .par_iter()
        .enumerate()
        .map(|(i, doc)| {
            let rewrite = |dest: &str| model::rewrite_link(plan, &urls, i, dest);
            let options = RenderOptions {
                demote_headings: true,
                rewrite: &rewrite,
            };
            markdown::render(doc.body_text(), doc.body.start, &options)
        })
        .collect();
    for (doc, body) in plan.documents.iter_mut().zip(&mut bodies) {
        doc.links = std::mem::take(&mut body.links);
        doc.anchors = std::mem::take(&mut body.anchors);
    }
    Prepared { urls, bodies }
}

/// Renders the site of `plan` into `options.output`, replacing it only when everything worked.
pub fn build(
    plan: &Plan,
    prepared: Prepared,
    lint: &Outcome,
    today: Date,
    options: &BuildOptions,
) -> anyhow::Result<BuildReport> {
    let templates = templates::load(&plan.root)?;
    let model = Model::new(plan, prepared, lint, today);
    let base_url = options
        .base_url
        .clone()
        .or_else(|| plan.settings.base_url.as_ref().map(|b| b.value.clone()));
    let base_url = base_url.filter(|b| b.starts_with("http://") || b.starts_with("https://"));
    let mut tera = templates.tera;
    *tera.global_context() = pages::global(&model, base_url.as_deref());

    let staging = output::Staging::new(&options.output, &plan.root)?;
    let pages = pages::for_each(&model, base_url.as_deref(), |job| {
        let html = tera.render(job.template, &job.context).map_err(|e| {
            let error = templates::describe(&e, &templates.overridden);
            anyhow!("{error} (while rendering `{}` for `{}`)", job.template, job.path)
        })?;
        staging.write(&job.path, html.as_bytes())
    })?;
    for (name, text) in &templates.assets {
        staging.write(name, text.as_bytes())?;
    }
    staging.write("search-index.js", search::index_script(&model).as_bytes())?;
    let static_dir = plan.root.join("static");
    let copied = if static_dir.is_dir() {
        staging.copy_dir(&static_dir, "static")?
    } else {
        0
    };
    staging.commit()?;
    let notes = model
        .unknown_strings
        .iter()
        .map(|key| format!("plan.toml `[strings]` has an unknown key `{key}`; it changes no text"))
        .collect();
    Ok(BuildReport {
        pages,
        files: pages + templates.assets.len() + 1 + copied,
        notes,
    })
}
