//! Plan health (every lint diagnostic, linked to the page it concerns, and the findings silenced
//! by `[lint.allow]` with their reasons), a page per rule from its docs, the search page and the
//! not-found page.

use serde_json::{Value, json};

use super::Job;
use crate::lint::{self, LintConfig};
use crate::site::markdown::{RenderOptions, render};
use crate::site::model::Model;
use crate::site::urls;

/// Plan health and the rule pages; with `everything`, also the search and not-found pages.
pub(super) fn pages(model: &Model<'_>, base_url: Option<&str>, everything: bool) -> Vec<Job> {
    let registry = lint::registry();
    let (config, _) = LintConfig::from_settings(&model.plan.settings, &registry);
    let mut jobs = vec![health(model, &registry, &config, base_url)];
    for rule in &registry {
        let path = urls::rule(rule.id);
        let mut job = Job::new(path, "rule.html", rule.id, "health", base_url);
        // The docs open with `# rule-id`, which is the page's own title.
        let docs = rule.docs.split_once('\n').map_or("", |(_, rest)| rest);
        let html = render(
            docs,
            0,
            &RenderOptions {
                demote_headings: true,
                ..RenderOptions::plain()
            },
        )
        .html;
        let count = model.lint.diagnostics.iter().filter(|d| d.rule.id == rule.id).count();
        job.insert("rule", json!({ "id": rule.id, "summary": rule.summary, "docs": html, "default": rule.default.as_str(), "level": config.level(rule).as_str(), "count": count }),
        );
        jobs.push(job);
    }
    if !everything {
        return jobs;
    }
    jobs.push(Job::new(
        "search.html".into(),
        "search.html",
        model.t("search"),
        "search",
        base_url,
    ));
    jobs.push(Job::new(
        "404.html".into(),
        "404.html",
        model.t("page_not_found"),
        "",
        base_url,
    ));
    jobs
}

fn health(
    model: &Model<'_>,
    registry: &[&'static crate::diagnostic::Rule],
    config: &LintConfig,
    base_url: Option<&str>,
) -> Job {
    let mut job = Job::new(
        "health.html".into(),
        "health.html",
        model.t("plan_health"),
        "health",
        base_url,
    );
    let diagnostics: Vec<Value> = model
        .lint
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "rule": d.rule.id,
                "rule_url": urls::rule(d.rule.id),
                "severity": d.severity.as_str(),
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "help": d.help,
                "page": model.page_of_file(&d.file).map(|i| model.link(i)),
            })
        })
        .collect();
    let suppressed: Vec<Value> = model
        .lint
        .suppressed
        .iter()
        .map(|s| {
            let d = &s.diagnostic;
            json!({
                "rule": d.rule.id,
                "rule_url": urls::rule(d.rule.id),
                "file": d.file,
                "line": d.line,
                "message": d.message,
                "reason": s.reason,
                "until": s.until.map(|u| u.to_string()),
                "page": model.page_of_file(&d.file).map(|i| model.link(i)),
            })
        })
        .collect();
    let rules: Vec<Value> = registry
        .iter()
        .map(
            |r| json!({ "id": r.id, "url": urls::rule(r.id), "summary": r.summary, "level": config.level(r).as_str() }),
        )
        .collect();
    job.insert("diagnostics", Value::from(diagnostics));
    job.insert("suppressed", Value::from(suppressed));
    job.insert("rules", Value::from(rules));
    job
}
