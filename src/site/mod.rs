//! The static site: every document a page, every reference a link both ways, overview, strategy
//! map, roadmap, owners, channels, plan health and search — rendered in parallel from Tera
//! templates, with relative links only.
//!
//! A build runs in steps after lint: [`prepare`] gives every document its URL and search entry
//! (its body was rendered as it loaded, with holes for the URLs that the page fills); a
//! [`Renderer`] then renders pages into a [`Sink`] — a
//! folder written atomically for `build`, memory for `serve`, which re-renders only the pages an
//! [`Edit`] can change (each [`View`] decides).
//!
//! May import the plan, its git history, the lint outcome, the maturity report and diagnostics;
//! never `serve`.

pub mod edit;
pub mod fingerprint;
mod i18n;
pub mod limits;
mod model;
mod numbers;
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

use crate::history::History;
use crate::lint::Outcome;
use crate::markdown::render::{RenderOptions, Rendered, render};
use crate::maturity::Report;
use crate::plan::Plan;
use crate::plan::graph::Graph;
pub use edit::{Edit, Field, Fields};
use fingerprint::Fingerprint;
use model::Model;
pub use pages::{Selection, View};
use urls::Urls;

/// The site's calendar file, at its root: reviews, deadlines and tactic dates to subscribe to.
pub const CALENDAR: &str = "calendar.ics";

/// Where rendered files go.
pub trait Sink: Sync {
    /// Stores one file; `path` is relative to the site root, `/`-separated. The bytes are handed
    /// over, so that a sink that keeps them (in memory) need not copy them.
    fn write(&self, path: &str, bytes: Vec<u8>) -> anyhow::Result<()>;

    /// Whether pages are fingerprinted for this sink, so that it can keep unchanged ones.
    fn fingerprints(&self) -> bool {
        false
    }

    /// Keeps the page at `path` as the previous render made it, if that render had the same
    /// `fingerprint`: true when the page needs no rendering.
    fn keep(&self, _path: &str, _fingerprint: Fingerprint) -> anyhow::Result<bool> {
        Ok(false)
    }

    /// Stores a page rendered from `fingerprint`.
    fn write_page(&self, path: &str, _fingerprint: Fingerprint, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.write(path, bytes)
    }
}

impl Sink for output::Staging {
    fn write(&self, path: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        output::Staging::write(self, path, &bytes)
    }

    fn fingerprints(&self) -> bool {
        output::Staging::fingerprints(self)
    }

    fn keep(&self, path: &str, fingerprint: Fingerprint) -> anyhow::Result<bool> {
        output::Staging::keep(self, path, fingerprint)
    }

    fn write_page(&self, path: &str, fingerprint: Fingerprint, bytes: Vec<u8>) -> anyhow::Result<()> {
        output::Staging::write_page(self, path, fingerprint, &bytes)
    }
}

/// Where and how to build.
pub struct BuildOptions {
    pub output: PathBuf,
    /// Replace an output folder that holds files stratagem did not write.
    pub force: bool,
    /// Absolute URL where the site is published, for canonical links (relative links work
    /// without it).
    pub base_url: Option<String>,
}

/// What a build wrote.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Pages kept from the previous site, their fingerprints unchanged, without rendering them.
    pub kept: usize,
    pub files: usize,
    /// Problems that do not stop the build (e.g. unknown `[strings]` keys).
    pub notes: Vec<String>,
}

/// Every page's URL and every document's search entry.
pub struct Prepared {
    urls: Urls,
    search: Vec<String>,
}

/// Gives every document its URL and builds each one's search entry (in parallel). The plan is
/// only read.
pub fn prepare(plan: &Plan) -> Prepared {
    let urls = Urls::new(plan);
    let all: Vec<usize> = (0..plan.documents.len()).collect();
    let mut prepared = Prepared {
        urls,
        search: Vec::new(),
    };
    prepared.refresh(plan, &all);
    prepared
}

impl Prepared {
    /// Builds the search entries of `documents` again, after they changed (their ids and paths
    /// did not: URLs stay as they were).
    pub fn refresh(&mut self, plan: &Plan, documents: &[usize]) {
        let entries: Vec<String> = documents
            .par_iter()
            .map(|&i| {
                let doc = &plan.documents[i];
                let entry = |text: &str| search::entry(doc, self.urls.doc(i), text);
                match &doc.page {
                    Some(page) => entry(&page.text),
                    None => entry(&render_body(plan, &self.urls, i).text),
                }
            })
            .collect();
        self.search.resize_with(plan.documents.len(), String::new);
        for (&i, entry) in documents.iter().zip(entries) {
            self.search[i] = entry;
        }
    }
}

/// Document `i`'s body as its page shows it: the HTML rendered as it loaded, with the URLs of
/// what it links to filled in relative to the page.
fn body_html(plan: &Plan, urls: &Urls, i: usize) -> String {
    match &plan.documents[i].page {
        Some(page) => page.fill(&|dest| model::rewrite_link(plan, urls, i, dest)),
        None => render_body(plan, urls, i).html,
    }
}

/// Renders document `i`'s body now: for a plan loaded only to be linted, and for the rare body
/// that could not be rendered as it loaded.
fn render_body(plan: &Plan, urls: &Urls, i: usize) -> Rendered {
    let rewrite = |dest: &str| model::rewrite_link(plan, urls, i, dest);
    let options = RenderOptions {
        demote_headings: true,
        rewrite: &rewrite,
        raw_html: plan.settings.markdown.raw_html,
    };
    render(plan.documents[i].body_text(), &options)
}

/// What a render draws on: the plan, its graph (`Graph::new(plan)`, which the caller may keep
/// between renders), its prepared bodies, the lint findings, the date statuses are for, and the
/// maturity assessment.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub plan: &'a Plan,
    pub graph: &'a Graph,
    pub prepared: &'a Prepared,
    pub lint: &'a Outcome,
    pub today: Date,
    /// `maturity::assess(plan, &lint.diagnostics)`.
    pub maturity: &'a Report,
    /// The plan's git history (`History::read`), when there is one: read once, shared by every
    /// render, so that the preview's pages equal a full build's.
    pub history: Option<&'a History>,
    /// What is missing from the history, and why (outside git, a shallow clone).
    pub history_note: Option<&'a str>,
}

/// The templates of a plan and the URL it is published at: what renders its pages.
pub struct Renderer {
    templates: templates::Templates,
    published: urls::Published,
}

impl Renderer {
    /// Loads the templates (built in, and the plan's overrides). A template that does not
    /// parse is an error naming the template, the line and the cause.
    pub fn new(plan: &Plan, base_url: Option<String>) -> anyhow::Result<Renderer> {
        let base_url = base_url.or_else(|| plan.settings.base_url.as_ref().map(|b| b.value.clone()));
        let set = plan.settings.limits;
        limits::set(limits::Limits {
            seconds: set.render_seconds.unwrap_or(limits::Limits::DEFAULT.seconds),
            memory_mib: set.render_memory_mb.unwrap_or(limits::Limits::DEFAULT.memory_mib),
        });
        Ok(Renderer {
            templates: templates::load(&plan.templates)?,
            published: urls::Published::from_base_url(base_url.as_deref()),
        })
    }

    /// The same renderer for a site served under `path` (the preview's `--base-path`).
    pub fn served_at(self, path: &str) -> Renderer {
        Renderer {
            published: self.published.served_at(path),
            ..self
        }
    }

    /// Renders the selected pages and the search index into `sink` (and, for a whole site, the
    /// assets). Returns the number of pages and the notes of the render.
    pub fn render(
        &self,
        input: &Input<'_>,
        selection: Selection<'_>,
        sink: &dyn Sink,
    ) -> anyhow::Result<(usize, Vec<String>)> {
        let model = Model::new(input);
        let published = &self.published;
        let mut tera = self.templates.tera.clone();
        let (globals, global_digest) = pages::global(&model, published);
        *tera.global_context() = globals;
        let overridden = &self.templates.overridden;
        // A page whose fingerprint the sink already holds is not rendered again (an error
        // while keeping it means rendering it, whose writing reports the error).
        let keep = |path: &str, fingerprint| sink.keep(path, fingerprint).unwrap_or(false);
        let fingerprinting =
            fingerprint::binary()
                .filter(|_| sink.fingerprints())
                .map(|binary| pages::Fingerprinting {
                    seed: fingerprint::Digest::default()
                        .add_u64(binary)
                        .add_u64(self.templates.digest)
                        .add_u64(global_digest)
                        .finish(),
                    keep: &keep,
                });
        // The search index is one large file: it is built while the pages render.
        let index = || {
            selection
                .has_search_index()
                .then(|| search::index_script(&input.prepared.search, |kind| model.t(kind).to_owned()))
        };
        let (pages, script) = rayon::join(
            || {
                pages::for_each(&model, published, selection, fingerprinting, |job| {
                    let Some(context) = &job.context else {
                        return Ok(());
                    };
                    let _tracked = limits::track(job.template, &job.path);
                    let html = tera.render(job.template, context).map_err(|e| {
                        let error = templates::describe(&e, overridden);
                        anyhow!("{error} (while rendering `{}` for `{}`)", job.template, job.path)
                    })?;
                    match job.fingerprint {
                        Some(fingerprint) => sink.write_page(&job.path, fingerprint, html.into_bytes()),
                        None => sink.write(&job.path, html.into_bytes()),
                    }
                })
            },
            index,
        );
        let pages = pages?;
        if let Selection::All = selection {
            for (name, text) in &self.templates.assets {
                sink.write(name, text.as_bytes().to_vec())?;
            }
        }
        if let Some(script) = script {
            sink.write("search-index.js", script.into_bytes())?;
        }
        if calendar_in(selection) {
            sink.write(CALENDAR, self.calendar(input).into_bytes())?;
        }
        let notes = model
            .unknown_strings
            .iter()
            .map(|key| format!("plan.toml `[strings]` has an unknown key `{key}`; it changes no text"))
            .collect();
        Ok((pages, notes))
    }

    /// The assets (style sheet, scripts) every site has.
    pub fn asset_count(&self) -> usize {
        self.templates.assets.len()
    }

    /// The plan's calendar, each event linked to its page when the site's address is known.
    fn calendar(&self, input: &Input<'_>) -> String {
        let plan = input.plan;
        let base = self.published.url.as_deref();
        let url_of = |document: &crate::plan::Document| {
            let index = plan.index_of_path(&document.path)?;
            Some(format!("{}{}", base?, input.prepared.urls.doc(index)))
        };
        crate::calendar::render(plan, input.today, &url_of)
    }
}

/// Whether the calendar is part of the selection: with the pages across the plan, when the edit
/// changed what its events show (a title, an owner, a date, a status, the goals a review serves).
fn calendar_in(selection: Selection<'_>) -> bool {
    use crate::plan::Kind;
    match selection {
        Selection::All => true,
        Selection::Edited(_) => false,
        Selection::Reached(edit) => {
            edit.changed(Kind::Goal, &[Field::Title, Field::Owner, Field::Progress])
                || edit.changed(Kind::Tactic, &[Field::Title, Field::Owner, Field::Status, Field::Dates])
                || edit.changed(
                    Kind::Evaluation,
                    &[Field::Title, Field::Owner, Field::Dates, Field::References],
                )
        }
    }
}

/// Ends a build whose render went over its limits: the staging folder goes, the old site stays.
fn stop_build(message: &str) -> ! {
    output::interrupt::stop(&format!("error: {message}"), 2)
}

/// Renders the site of `plan` into `options.output`, replacing it only when everything worked.
pub fn build(input: &Input<'_>, options: &BuildOptions) -> anyhow::Result<BuildReport> {
    let plan = input.plan;
    let renderer = Renderer::new(plan, options.base_url.clone())?;
    limits::watch(stop_build);
    let staging = output::Staging::new(&options.output, &plan.root, options.force)?;
    let (pages, notes) = renderer.render(input, Selection::All, &staging)?;
    for file in &plan.assets {
        staging.copy(&file.abs, &format!("static/{}", file.rel))?;
    }
    let kept = staging.kept();
    staging.commit()?;
    Ok(BuildReport {
        pages,
        kept,
        // The search index and the calendar besides pages and assets.
        files: pages + renderer.asset_count() + 2 + plan.assets.len(),
        notes,
    })
}
