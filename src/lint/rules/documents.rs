//! Rules every document must meet: a title, and an accountable owner.

use crate::declare_rule;
use crate::diagnostic::Rule;
use crate::lint::Cx;
use crate::plan::Kind;

declare_rule!(pub MISSING_TITLE, "missing-title", Deny, "a document or plan.toml has no `title`");
declare_rule!(pub MISSING_OWNER, "missing-owner", Deny, "a goal, strategy, tactic or evaluation has no `owner`");

pub(super) static RULES: &[&Rule] = &[&MISSING_TITLE, &MISSING_OWNER];

pub(super) fn check(cx: &mut Cx<'_>) {
    let plan = cx.plan;
    if cx.enabled(&MISSING_TITLE) {
        let settings = &plan.settings;
        if settings.title.is_none() && !settings.broken && !settings.text.is_empty() {
            cx.report(
                &MISSING_TITLE,
                settings.source(),
                0..settings.text.find('\n').unwrap_or(settings.text.len()),
                "plan.toml has no `title`",
                "add e.g. `title = \"Acme social strategy 2027\"`; it heads every page of the site",
            );
        }
    }
    for doc in &plan.documents {
        if doc.title.is_none() && !doc.is_invalid("title") && cx.enabled(&MISSING_TITLE) {
            cx.report_key(
                &MISSING_TITLE,
                doc,
                "title",
                format!("{} `{}` has no `title`", doc.kind.name(), doc.id),
                format!("add e.g. `title = \"{}\"`", example_title(doc.kind)),
            );
        }
        if doc.kind != Kind::Page && doc.owner.is_none() && !doc.is_invalid("owner") && cx.enabled(&MISSING_OWNER) {
            cx.report_key(
                &MISSING_OWNER,
                doc,
                "owner",
                format!("{} `{}` has no `owner`", doc.kind.name(), doc.id),
                "name the one person or team accountable, e.g. `owner = \"Head of Social\"`",
            );
        }
    }
}

/// A title of the kind's sort, for the help of `missing-title`.
fn example_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Goal => "Grow qualified leads from LinkedIn",
        Kind::Strategy => "Lead with customer stories on LinkedIn",
        Kind::Tactic => "A customer story every week",
        Kind::Evaluation => "Monthly review of qualified leads",
        Kind::Page => "How we plan",
    }
}
