//! Plan health (every lint diagnostic, linked to the page it concerns, and the findings silenced
//! by `[lint.allow]` with their reasons), a page per rule from its docs, the search page and the
//! not-found page.

use serde::Serialize;

use super::{Head, Job, Nothing, Shared};
use crate::diagnostic::{Diagnostic, Rule};
use crate::markdown::render::{RenderOptions, render};
use crate::site::edit::{Edit, Field};
use crate::site::model::{Day, Link, Model};
use crate::site::urls;

/// Plan health shows the findings, linked to the pages (by title) they concern.
pub(super) fn health_affected_by(edit: &Edit) -> bool {
    edit.lint || edit.changed_any(&[Field::Title])
}

/// A rule's page counts its findings.
pub(super) fn rule_affected_by(edit: &Edit) -> bool {
    edit.lint
}

/// A lint finding as pages show it: on Plan health, and on the page of the document it concerns.
#[derive(Serialize)]
pub(super) struct Finding<'a> {
    rule: &'static str,
    rule_url: String,
    severity: &'static str,
    severity_label: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
    page: Option<Link<'a>>,
}

impl<'a> Finding<'a> {
    pub(super) fn new(model: &'a Model<'_>, d: &'a Diagnostic, page: Option<Link<'a>>) -> Finding<'a> {
        Finding {
            rule: d.rule.id,
            rule_url: urls::rule(d.rule.id),
            severity: d.severity.as_str(),
            severity_label: model.t(&format!("severity_{}", d.severity.as_str())),
            file: &d.file,
            line: d.line,
            column: d.column,
            message: &d.message,
            help: d.help.as_deref(),
            page,
        }
    }
}

#[derive(Serialize)]
struct Silenced<'a> {
    rule: &'static str,
    rule_url: String,
    file: &'a str,
    line: usize,
    message: &'a str,
    reason: &'a str,
    until: Option<Day>,
    page: Option<Link<'a>>,
}

#[derive(Serialize)]
struct RuleRow {
    id: &'static str,
    url: String,
    summary: &'static str,
    level: &'static str,
}

#[derive(Serialize)]
struct Health<'a> {
    diagnostics: Vec<Finding<'a>>,
    suppressed: Vec<Silenced<'a>>,
    rules: Vec<RuleRow>,
}

pub(super) fn health(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let page = |file: &str| model.page_of_file(file).map(|i| model.link(i));
    let diagnostics = model
        .lint
        .diagnostics
        .iter()
        .map(|d| Finding::new(model, d, page(&d.file)))
        .collect();
    let suppressed = model
        .lint
        .suppressed
        .iter()
        .map(|s| {
            let d = &s.diagnostic;
            Silenced {
                rule: d.rule.id,
                rule_url: urls::rule(d.rule.id),
                file: &d.file,
                line: d.line,
                message: &d.message,
                reason: &s.reason,
                until: s.until.map(Day),
                page: page(&d.file),
            }
        })
        .collect();
    let rules = shared
        .rules
        .iter()
        .map(|r| RuleRow {
            id: r.id,
            url: urls::rule(r.id),
            summary: r.summary,
            level: shared.config.level(r).as_str(),
        })
        .collect();
    let head = Head::at_root("health.html", model.t("plan_health"), "health");
    Job::new(
        head,
        shared,
        &Health {
            diagnostics,
            suppressed,
            rules,
        },
    )
}

#[derive(Serialize)]
struct RuleInfo {
    id: &'static str,
    summary: &'static str,
    docs: String,
    default: &'static str,
    level: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct RulePage {
    rule: RuleInfo,
}

pub(super) fn rule(model: &Model<'_>, rule: &'static Rule, shared: &Shared<'_>) -> Job {
    // The docs open with `# rule-id`, which is the page's own title.
    let docs = rule.docs.split_once('\n').map_or("", |(_, rest)| rest);
    let options = RenderOptions {
        demote_headings: true,
        ..RenderOptions::plain()
    };
    let info = RuleInfo {
        id: rule.id,
        summary: rule.summary,
        docs: render(docs, &options).html,
        default: rule.default.as_str(),
        level: shared.config.level(rule).as_str(),
        count: model.lint.diagnostics.iter().filter(|d| d.is(rule)).count(),
    };
    let head = Head {
        path: urls::rule(rule.id),
        template: "rule.html",
        title: rule.id,
        section: "health",
    };
    Job::new(head, shared, &RulePage { rule: info })
}

pub(super) fn search(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let head = Head::at_root("search.html", model.t("search"), "search");
    Job::new(head, shared, &Nothing {})
}

/// The 404 page's own value: the path it links from, when known (its script makes the links
/// relative again when the page is opened from disk).
#[derive(Serialize)]
struct NotFound<'a> {
    served_path: Option<&'a str>,
}

pub(super) fn not_found(model: &Model<'_>, shared: &Shared<'_>) -> Job {
    let head = Head::at_root("404.html", model.t("page_not_found"), "");
    let mut job = Job::new(
        head,
        shared,
        &NotFound {
            served_path: shared.published.path.as_deref(),
        },
    );
    // A host serves this page at the depth of whatever was asked for: relative links would
    // resolve from there, so they start at the site's path when it is known.
    if let (Some(context), Some(path)) = (job.context.as_mut(), &shared.published.path) {
        context.insert("root", path);
    }
    job
}
