//! Every page of the site as a [`View`], and each view as a job — output path, template, typed
//! context — built from the model. Beside each view's builder, in its module, is the
//! `affected_by` that says whether an [`Edit`] can change it. Jobs are independent, so they
//! render in parallel.
//!
//! May import the model, the site's URL, Markdown and SVG helpers, the plan, lint outcome and
//! maturity report.

mod attention;
mod capacity;
mod changes;
mod content;
mod documents;
mod health;
mod history;
#[cfg(test)]
mod history_tests;
mod lists;
mod maturity;
mod people;
mod roadmap;
mod strategy_map;
#[cfg(test)]
mod tests;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::edit::Edit;
use super::fingerprint::{Digest, Fingerprint};
use super::model::Model;
use super::urls::{self, Published};
use crate::lint::{self, LintConfig};
use crate::plan::Kind;

/// One page of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The page of a document, by index.
    Document(usize),
    Overview,
    /// The list of a kind's documents.
    List(Kind),
    Map,
    Roadmap,
    Owners,
    Channels,
    Health,
    /// The page of a lint rule, by index in [`lint::registry`].
    Rule(usize),
    Maturity,
    /// The plan's commits by month.
    Changes,
    /// Every tactic's cadence week by week per channel.
    Content,
    Search,
    NotFound,
}

impl View {
    /// The views that look across the plan (the pages list only if the plan `has_pages`), and
    /// the pages of the first `rules` rules.
    fn across(has_pages: bool, rules: usize) -> Vec<View> {
        let mut views = vec![View::Overview, View::Map, View::Roadmap, View::Owners, View::Channels];
        views.extend(
            Kind::ALL
                .into_iter()
                .filter(|&k| k != Kind::Page || has_pages)
                .map(View::List),
        );
        views.extend([
            View::Maturity,
            View::Changes,
            View::Content,
            View::Health,
            View::Search,
            View::NotFound,
        ]);
        views.extend((0..rules).map(View::Rule));
        views
    }

    /// Every page of the site: the views across the plan first (the larger pages), then one
    /// per document.
    pub fn all(model: &Model<'_>, rules: usize) -> Vec<View> {
        let mut views = View::across(!model.of_kind(Kind::Page).is_empty(), rules);
        views.extend((0..model.plan.documents.len()).map(View::Document));
        views
    }

    /// Whether `edit` can change what this page shows.
    pub fn affected_by(self, edit: &Edit) -> bool {
        match self {
            View::Document(i) => documents::affected_by(i, edit),
            View::Overview => lists::overview_affected_by(edit),
            View::List(kind) => lists::list_affected_by(kind, edit),
            View::Map => strategy_map::affected_by(edit),
            View::Roadmap => roadmap::affected_by(edit),
            View::Owners => people::owners_affected_by(edit),
            View::Channels => people::channels_affected_by(edit),
            View::Health => health::health_affected_by(edit),
            View::Rule(_) => health::rule_affected_by(edit),
            View::Maturity => maturity::affected_by(edit),
            View::Changes => changes::affected_by(edit),
            View::Content => content::affected_by(edit),
            View::Search | View::NotFound => false,
        }
    }

    fn build(self, model: &Model<'_>, shared: &Shared<'_>) -> Job {
        match self {
            View::Document(i) => documents::page(model, i, shared),
            View::Overview => lists::overview(model, shared),
            View::List(kind) => lists::list(model, kind, shared),
            View::Map => strategy_map::page(model, shared),
            View::Roadmap => roadmap::page(model, shared),
            View::Owners => people::owners(model, shared),
            View::Channels => people::channels(model, shared),
            View::Health => health::health(model, shared),
            View::Rule(r) => health::rule(model, shared.rules[r], shared),
            View::Maturity => maturity::page(model, shared),
            View::Changes => changes::page(model, shared),
            View::Content => content::page(model, shared),
            View::Search => health::search(model, shared),
            View::NotFound => health::not_found(model, shared),
        }
    }
}

/// What the builders of one render share: the published URL, the rules, the `[lint]` levels in
/// force (parsed once, by lint), and how pages are fingerprinted, if they are.
struct Shared<'a> {
    published: &'a Published,
    rules: Vec<&'static crate::diagnostic::Rule>,
    config: &'a LintConfig,
    fingerprinting: Option<Fingerprinting<'a>>,
}

impl<'a> Shared<'a> {
    fn new(model: &Model<'a>, published: &'a Published) -> Shared<'a> {
        Shared {
            published,
            rules: lint::registry(),
            config: &model.lint.config,
            fingerprinting: None,
        }
    }
}

/// How a render fingerprints its pages: from `seed` (the binary, the templates and the
/// site-wide values) and each page's own values; `keep` says whether the page with that
/// fingerprint is already there, so that it is not rendered.
#[derive(Clone, Copy)]
pub struct Fingerprinting<'a> {
    pub seed: Fingerprint,
    pub keep: &'a (dyn Fn(&str, Fingerprint) -> bool + Sync),
}

/// One page to render.
pub struct Job {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub template: &'static str,
    /// `None` for a page kept as the previous render made it (see [`Fingerprinting`]).
    pub context: Option<Context>,
    pub fingerprint: Option<Fingerprint>,
}

/// `page` in every context: title, path, section for the navigation, canonical URL.
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    path: &'a str,
    section: &'a str,
    canonical: Option<String>,
}

/// Where a page goes and what it is called.
struct Head<'a> {
    path: String,
    template: &'static str,
    title: &'a str,
    section: &'a str,
}

impl<'a> Head<'a> {
    /// A page at the site root written by the template of the same name (`map.html` …).
    fn at_root(template: &'static str, title: &'a str, section: &'a str) -> Head<'a> {
        Head {
            path: template.to_owned(),
            template,
            title,
            section,
        }
    }
}

impl Job {
    /// A job whose context is `body` (a struct, each field a variable) and what every page
    /// has: `root` (the way back to the site root) and `page`.
    fn new(head: Head<'_>, shared: &Shared<'_>, body: &impl Serialize) -> Job {
        let fingerprint = shared.fingerprinting.map(|f| {
            let mut digest = Digest::default();
            digest.add_u64(f.seed).add_str(&head.path).add_str(head.template);
            digest.add_str(head.title).add_str(head.section).add(body);
            digest.finish()
        });
        if let (Some(f), Some(fingerprint)) = (shared.fingerprinting, fingerprint)
            && (f.keep)(&head.path, fingerprint)
        {
            return Job {
                path: head.path,
                template: head.template,
                context: None,
                fingerprint: Some(fingerprint),
            };
        }
        let mut context = Context::from_serialize(body).expect("a page context is a struct");
        context.insert("root", &urls::root_of(&head.path));
        let canonical = shared.published.url.as_ref().map(|base| format!("{base}{}", head.path));
        context.insert(
            "page",
            &PageMeta {
                title: head.title,
                path: &head.path,
                section: head.section,
                canonical,
            },
        );
        Job {
            path: head.path,
            template: head.template,
            context: Some(context),
            fingerprint,
        }
    }
}

/// A context with no variables of its own.
#[derive(Serialize)]
struct Nothing {}

/// `site` in every context.
#[derive(Serialize)]
struct Site<'a> {
    title: &'a str,
    organization: Option<&'a str>,
    owner: Option<&'a str>,
    description: Option<&'a str>,
    lang: &'a str,
    period_start: Option<super::model::Day>,
    period_end: Option<super::model::Day>,
    today: super::model::Day,
    base_url: Option<&'a str>,
    generator: &'static str,
}

/// An entry of the navigation.
#[derive(Serialize)]
struct NavItem<'a> {
    section: &'static str,
    label: &'a str,
    url: &'static str,
    group: NavGroup,
}

/// Where the navigation shows an entry: in its bar, or under "More" (the pages a team reads
/// less often than its goals and their plan).
#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
enum NavGroup {
    Main,
    More,
}

/// Site-wide values, set once as Tera's global context: `site`, `t` (UI strings), `nav`,
/// `health`; with their digest, for fingerprints.
pub fn global(model: &Model<'_>, published: &Published) -> (Context, Fingerprint) {
    let settings = &model.plan.settings;
    fn text(s: &Option<crate::plan::Spanned<String>>) -> Option<&str> {
        s.as_ref().map(|s| s.value.as_str())
    }
    let period = model.period();
    let mut context = Context::new();
    let mut digest = Digest::default();
    insert(
        &mut context,
        &mut digest,
        "site",
        &Site {
            title: text(&settings.title).unwrap_or("Strategy plan"),
            organization: text(&settings.organization),
            owner: text(&settings.owner),
            description: text(&settings.description),
            lang: settings.language(),
            period_start: period.map(|p| super::model::Day(p.0)),
            period_end: period.map(|p| super::model::Day(p.1)),
            today: super::model::Day(model.today),
            base_url: published.url.as_deref(),
            generator: concat!("stratagem ", env!("CARGO_PKG_VERSION")),
        },
    );
    insert(&mut context, &mut digest, "t", &model.t);
    use NavGroup::{Main, More};
    let nav: Vec<NavItem<'_>> = [
        ("overview", "index.html", Main),
        ("goals", "goals/index.html", Main),
        ("strategies", "strategies/index.html", Main),
        ("tactics", "tactics/index.html", Main),
        ("evaluations", "evaluations/index.html", Main),
        ("map", "map.html", Main),
        ("roadmap", "roadmap.html", Main),
        ("content", "content.html", More),
        ("health", "health.html", More),
        ("owners", "owners.html", More),
        ("channels", "channels.html", More),
        ("maturity", "maturity.html", More),
        ("changes", "changes.html", More),
    ]
    .into_iter()
    .chain((!model.of_kind(Kind::Page).is_empty()).then_some(("pages", "pages/index.html", More)))
    .map(|(section, url, group)| NavItem {
        section,
        label: model.t(section),
        url,
        group,
    })
    .collect();
    insert(&mut context, &mut digest, "nav", &nav);
    let summary = crate::diagnostic::Summary::new(model.lint.files, &model.lint.diagnostics);
    insert(&mut context, &mut digest, "health", &summary);
    (context, digest.finish())
}

/// Sets a global variable and adds it to the digest of the globals.
fn insert(context: &mut Context, digest: &mut Digest, key: &'static str, value: &impl Serialize) {
    digest.add_str(key).add(value);
    context.insert(key, value);
}

/// Which pages a render covers.
#[derive(Clone, Copy, Debug)]
pub enum Selection<'s> {
    /// Every page.
    All,
    /// The edited documents' own pages: what the author is looking at, shown first. With
    /// [`Selection::Reached`], every page an edit can change (see [`View::affected_by`]).
    Edited(&'s Edit),
    /// The other pages the edit can change: its documents' neighbours and the pages across the
    /// plan.
    Reached(&'s Edit),
}

impl Selection<'_> {
    /// The views of the selection, in the order they are handed out.
    fn views(self, model: &Model<'_>, rules: usize) -> Vec<View> {
        let across = |edit: &Edit| {
            let has_pages = !model.of_kind(Kind::Page).is_empty();
            View::across(has_pages, rules)
                .into_iter()
                .filter(|v| v.affected_by(edit))
                .collect::<Vec<View>>()
        };
        match self {
            Selection::All => View::all(model, rules),
            Selection::Edited(edit) => edit.edited.iter().map(|&i| View::Document(i)).collect(),
            Selection::Reached(edit) => {
                let mut views = across(edit);
                let reached = edit.pages.iter().filter(|i| edit.edited.binary_search(i).is_err());
                views.extend(reached.map(|&i| View::Document(i)));
                views
            }
        }
    }

    /// Whether the search index is part of the selection. It holds every document's title and
    /// text (megabytes in a large plan), and no document's page shows it: it goes with the
    /// pages across the plan, after the edited documents' pages.
    pub fn has_search_index(self) -> bool {
        !matches!(self, Selection::Edited(_))
    }
}

/// Builds the selected pages and hands each to `render`, in parallel: a page's context is built
/// and dropped on the same thread, so memory stays flat however large the plan. Returns how many
/// pages there were.
pub fn for_each(
    model: &Model<'_>,
    published: &Published,
    selection: Selection<'_>,
    fingerprinting: Option<Fingerprinting<'_>>,
    render: impl Fn(Job) -> anyhow::Result<()> + Sync,
) -> anyhow::Result<usize> {
    let shared = Shared {
        fingerprinting,
        ..Shared::new(model, published)
    };
    let views = selection.views(model, shared.rules.len());
    views
        .par_iter()
        .with_max_len(1)
        .try_for_each(|view| render(view.build(model, &shared)))?;
    Ok(views.len())
}
