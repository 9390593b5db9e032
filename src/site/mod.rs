//! The static site: every document a page, every reference a link both ways, overview, strategy
//! map, roadmap, owners, channels, plan health and search — rendered in parallel from Tera
//! templates, with relative links only, written atomically.

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
use model::Model;

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

/// Renders the site of `plan` into `options.output`, replacing it only when everything worked.
pub fn build(
    plan: &Plan,
    lint: &Outcome,
    today: Date,
    options: &BuildOptions,
) -> anyhow::Result<BuildReport> {
    let templates = templates::load(&plan.root)?;
    let model = Model::new(plan, lint, today);
    let base_url = options
        .base_url
        .clone()
        .or_else(|| plan.settings.base_url.as_ref().map(|b| b.value.clone()));
    let base_url = base_url.filter(|b| b.starts_with("http://") || b.starts_with("https://"));
    let mut tera = templates.tera;
    *tera.global_context() = pages::global(&model, base_url.as_deref());
    let jobs = pages::jobs(&model, base_url.as_deref());

    let staging = output::Staging::new(&options.output, &plan.root)?;
    jobs.par_iter().try_for_each(|job| {
        let html = tera.render(job.template, &job.context).map_err(|e| {
            anyhow!(
                "{} (while rendering `{}` for `{}`)",
                templates::describe(&e, &templates.overridden),
                job.template,
                job.path
            )
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
        pages: jobs.len(),
        files: jobs.len() + templates.assets.len() + 1 + copied,
        notes,
    })
}
