//! Rules about references between documents: ids in front matter that point nowhere, and
//! Markdown links to plan files, ids or anchors that do not exist.

use rayon::prelude::*;

use crate::declare_rule;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Rule, did_you_mean};
use crate::lint::Cx;
use crate::markdown::{Target, parse_target};
use crate::plan::paths::resolve_path;
use crate::plan::repair;
use crate::plan::{Document, Kind, Plan, Spanned};

declare_rule!(
    pub DANGLING_REFERENCE, "dangling-reference", Deny,
    "`goals`, `strategy`, `channel(s)` or `measurements.goal` names an id that does not exist",
    fix: Unsafe
);
declare_rule!(
    pub BROKEN_LINK, "broken-link", Deny,
    "a Markdown link to a plan file, id or `#anchor` that does not exist",
    fix: Unsafe
);

pub(super) static RULES: &[&Rule] = &[&DANGLING_REFERENCE, &BROKEN_LINK];

/// Runs per document, in parallel: a plan has many more links than documents.
pub(super) fn check(cx: &mut Cx<'_>) {
    let (references, links) = (cx.enabled(&DANGLING_REFERENCE), cx.enabled(&BROKEN_LINK));
    let plan = cx.plan;
    let found: Vec<Diagnostic> = plan
        .documents
        .par_iter()
        .flat_map_iter(|doc| {
            let mut out = Out {
                plan,
                diagnostics: Vec::new(),
            };
            if references {
                check_references(&mut out, doc);
            }
            if links {
                for link in &doc.links {
                    if let Some(problem) = link_problem(plan, doc, &link.dest) {
                        out.report(&BROKEN_LINK, doc, link.span.clone(), problem.message, problem.help);
                        let fix = problem.dest.and_then(|dest| link_fix(doc, link, &dest));
                        out.fix_last(doc, fix);
                    }
                }
            }
            out.diagnostics
        })
        .collect();
    cx.extend(found);
}

/// The findings of one document's checks.
struct Out<'a> {
    plan: &'a Plan,
    diagnostics: Vec<Diagnostic>,
}

impl Out<'_> {
    fn report(
        &mut self,
        rule: &'static Rule,
        doc: &Document,
        span: std::ops::Range<usize>,
        message: String,
        help: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(rule, doc.source(), span, message).with_help(help));
    }

    /// Attaches `fix` to the finding reported last.
    fn fix_last(&mut self, doc: &Document, fix: Option<Fix>) {
        repair::attach(&mut self.diagnostics, doc.source(), fix);
    }
}

/// The unsafe fix that writes `dest` for the link's destination, when the link's text holds its
/// destination exactly once (a reference-style link or an escaped one gets none).
fn link_fix(doc: &Document, link: &crate::markdown::Link, dest: &str) -> Option<Fix> {
    let text = doc.text.get(link.span.clone())?;
    let at = text
        .find(link.dest.as_str())
        .filter(|&at| text.rfind(link.dest.as_str()) == Some(at))?;
    let start = link.span.start + at;
    let title = format!("Link to `{dest}`");
    Some(Fix::replace(
        title,
        Applicability::Unsafe,
        start..start + link.dest.len(),
        dest,
    ))
}

fn check_references(cx: &mut Out<'_>, doc: &Document) {
    if let Some(goal) = doc.goal() {
        check_channels(cx, doc, "channels", &goal.channels);
    }
    if let Some(strategy) = doc.strategy() {
        check_ids(cx, doc, "goals", &strategy.goals, Kind::Goal);
        check_channels(cx, doc, "channels", &strategy.channels);
    }
    if let Some(tactic) = doc.tactic() {
        check_ids(cx, doc, "strategy", &tactic.strategies, Kind::Strategy);
        check_channels(cx, doc, "channel", &tactic.channels);
    }
    if let Some(evaluation) = doc.evaluation() {
        check_ids(cx, doc, "goals", &evaluation.goals, Kind::Goal);
        for m in &evaluation.measurements {
            match &m.value.goal {
                Some(goal) => check_ids(cx, doc, "measurements.goal", std::slice::from_ref(goal), Kind::Goal),
                None if evaluation.goal_of(&m.value).is_none() && !doc.is_invalid("measurements.goal") => cx.report(
                    &DANGLING_REFERENCE,
                    doc,
                    m.span.clone(),
                    format!(
                        "measurement in `{}` names no `goal`, and the evaluation covers {} goals",
                        doc.id,
                        evaluation.goals.len()
                    ),
                    "add `goal = \"…\"` to the `[[measurements]]` entry",
                ),
                None => {}
            }
        }
    }
}

fn check_ids(cx: &mut Out<'_>, doc: &Document, field: &str, ids: &[Spanned<String>], expected: Kind) {
    for id in ids {
        let mut fix = None;
        let (message, help) = match cx.plan.get(&id.value) {
            Some(target) if target.kind == expected => continue,
            // It names a document that failed to parse: that error is reported on its own.
            None if cx.plan.unparsed_has_id(&id.value, Some(expected)) => continue,
            Some(target) => (
                format!(
                    "`{field}` names `{}`, which is {}, not {}",
                    id.value,
                    target.kind.with_article(),
                    expected.with_article()
                ),
                format!(
                    "name {} id here, e.g. `{}`",
                    expected.with_article(),
                    super::example_id(cx.plan, expected, &id.value)
                ),
            ),
            None => {
                let ids = cx.plan.of_kind(expected).map(|d| d.id.as_str());
                let near = did_you_mean(&id.value, ids);
                fix = near.map(|near| repair::near_word_fix(near, id.span.clone()));
                let help = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("create `{}/{}.md`, or fix the id", expected.folder(), id.value),
                };
                (
                    format!(
                        "`{field}` names `{}`, which is not {} in this plan",
                        id.value,
                        expected.with_article()
                    ),
                    help,
                )
            }
        };
        cx.report(&DANGLING_REFERENCE, doc, id.span.clone(), message, help);
        cx.fix_last(doc, fix);
    }
}

fn check_channels(cx: &mut Out<'_>, doc: &Document, field: &str, channels: &[Spanned<String>]) {
    let settings = &cx.plan.settings;
    // Until plan.toml parses, its channels are unknown: its syntax error is the finding.
    if settings.broken {
        return;
    }
    for channel in channels {
        if settings.channel(&channel.value).is_some() {
            continue;
        }
        let near = did_you_mean(&channel.value, settings.channels.iter().map(|c| c.value.id.as_str()));
        let help = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "declare it in plan.toml: `[[channels]]` with `id = \"{}\"` and an `owner`",
                channel.value
            ),
        };
        let message = format!(
            "`{field}` names `{}`, which is not a channel in plan.toml",
            channel.value
        );
        cx.report(&DANGLING_REFERENCE, doc, channel.span.clone(), message, help);
        let fix = near.map(|near| repair::near_word_fix(near, channel.span.clone()));
        cx.fix_last(doc, fix);
    }
}

/// Why a link is broken, and how to mend it.
pub struct LinkProblem {
    pub message: String,
    pub help: String,
    /// The destination the help suggests, when it is an exact one (a close id or anchor).
    pub dest: Option<String>,
}

/// Checks one link of `doc`; `None` when it resolves (or is not an internal link).
pub fn link_problem(plan: &Plan, doc: &Document, dest: &str) -> Option<LinkProblem> {
    let (target, fragment) = match parse_target(dest)? {
        Target::Fragment(fragment) => (doc, Some(fragment)),
        Target::Id { id, fragment } => match plan.get(id) {
            Some(target) => (target, fragment),
            None if plan.unparsed_has_id(id, None) => return None,
            None => {
                let near = did_you_mean(id, plan.documents.iter().map(|d| d.id.as_str()));
                let help = match near {
                    Some(near) => format!("did you mean `@{near}`?"),
                    None => "link to an existing id with `@id`, or to a file by its relative path".to_owned(),
                };
                let dest = near.map(|near| match fragment {
                    Some(fragment) => format!("@{near}#{fragment}"),
                    None => format!("@{near}"),
                });
                return Some(LinkProblem {
                    message: format!("link to `@{id}`: no document has that id"),
                    help,
                    dest,
                });
            }
        },
        Target::File { path, fragment } => match resolve_path(&doc.path, path).and_then(|p| plan.by_path(&p)) {
            Some(target) => (target, fragment),
            None if resolve_path(&doc.path, path).is_some_and(|p| plan.unparsed_at(&p)) => return None,
            None => return Some(missing_file(plan, path)),
        },
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    if target.anchors.iter().any(|a| a == fragment) {
        return None;
    }
    let near = did_you_mean(fragment, target.anchors.iter().map(String::as_str));
    let help = match near {
        Some(near) => format!("did you mean `#{near}`?"),
        None if target.anchors.is_empty() => {
            format!("`{}` has no headings to link to", target.path)
        }
        None => format!(
            "headings of `{}`: {}",
            target.path,
            target
                .anchors
                .iter()
                .map(|a| format!("#{a}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Some(LinkProblem {
        message: format!(
            "link to `#{fragment}`: `{}` has no heading with that anchor",
            target.path
        ),
        help,
        dest: near.and_then(|near| Some(format!("{}#{near}", dest.split_once('#')?.0))),
    })
}

/// A link to a path no plan document is at, with the nearest file name as a suggestion.
fn missing_file(plan: &Plan, path: &str) -> LinkProblem {
    let wanted = path.rsplit('/').next().unwrap_or(path);
    let help = match did_you_mean(
        wanted,
        plan.documents
            .iter()
            .map(|d| d.path.rsplit('/').next().unwrap_or(&d.path)),
    ) {
        Some(near) => {
            let full = plan
                .documents
                .iter()
                .find(|d| d.path.ends_with(near))
                .map_or(near, |d| d.path.as_str());
            format!("did you mean `{full}`? paths are relative to this file, or to the plan with a leading `/`")
        }
        None => "paths are relative to this file, or to the plan folder with a leading `/`".to_owned(),
    };
    LinkProblem {
        message: format!("link to `{path}` points to no plan document"),
        help,
        dest: None,
    }
}
