//! Per-document suppressions: applies each document's `[lint.allow]` to the findings in its file,
//! brings findings back once a suppression's `until` has passed, and reports entries that name
//! an unknown rule (`unknown-rule`) or silenced nothing (`unused-suppression`).

use jiff::civil::Date;

use super::LintConfig;
use super::config::UNKNOWN_RULE;
use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Level, Rule, Suppressed, did_you_mean};
use crate::plan::Plan;
use crate::plan::allow::Allowance;

declare_rule!(
    /// A `[lint.allow]` entry that silenced nothing in this run.
    pub UNUSED_SUPPRESSION, "unused-suppression", Warn,
    "a `[lint.allow]` entry silences nothing"
);

/// What applying the suppressions gave: the findings still reported, and those silenced.
pub(super) struct Applied {
    pub diagnostics: Vec<Diagnostic>,
    pub suppressed: Vec<Suppressed>,
}

/// How an entry of `[lint.allow]` fared in this run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// It silenced nothing.
    Unused,
    /// It silenced at least one finding.
    Used,
    /// It matched a finding but its `until` has passed, so the finding is reported.
    Expired,
}

/// Applies every document's `[lint.allow]` to `diagnostics` (whose levels are already applied).
pub(super) fn apply(
    plan: &Plan,
    config: &LintConfig,
    registry: &[&'static Rule],
    today: Date,
    diagnostics: Vec<Diagnostic>,
) -> Applied {
    let mut uses: Vec<Vec<Use>> = plan
        .documents
        .iter()
        .map(|d| vec![Use::Unused; d.allow.len()])
        .collect();
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut suppressed = Vec::new();
    for mut diagnostic in diagnostics {
        let Some(doc_index) = plan.index_of_path(&diagnostic.file) else {
            kept.push(diagnostic);
            continue;
        };
        let allow = &plan.documents[doc_index].allow;
        let Some(entry) = allow.iter().position(|a| a.rule.value == diagnostic.rule.id) else {
            kept.push(diagnostic);
            continue;
        };
        let allowance = &allow[entry];
        match allowance.until.as_ref().map(|u| u.value) {
            Some(until) if until < today => {
                diagnostic.message = format!(
                    "{} (its suppression in `[lint.allow]` expired on {until})",
                    diagnostic.message
                );
                if uses[doc_index][entry] == Use::Unused {
                    uses[doc_index][entry] = Use::Expired;
                }
                kept.push(diagnostic);
            }
            until => {
                uses[doc_index][entry] = Use::Used;
                suppressed.push(Suppressed {
                    diagnostic,
                    reason: allowance.reason.clone(),
                    until,
                });
            }
        }
    }
    for (doc, uses) in plan.documents.iter().zip(&uses) {
        for (allowance, &used) in doc.allow.iter().zip(uses) {
            if let Some(mut finding) = check_entry(allowance, used, config, registry, today, doc) {
                finding.document = Some(doc.id.clone());
                finding.field = Some(format!("lint.allow.{}", allowance.rule.value));
                kept.push(finding);
            }
        }
    }
    Applied {
        diagnostics: kept,
        suppressed,
    }
}

/// The finding about one entry, if any: its rule does not exist, or it silenced nothing although
/// its rule ran. An entry for a rule turned off in plan.toml is not reported: it silences
/// nothing only because the whole plan already does, and it keeps its reason for when the rule
/// is turned back on.
fn check_entry(
    allowance: &Allowance,
    used: Use,
    config: &LintConfig,
    registry: &[&'static Rule],
    today: Date,
    doc: &crate::plan::Document,
) -> Option<Diagnostic> {
    let id = allowance.rule.value.as_str();
    let span = allowance.rule.span.clone();
    let Some(rule) = registry.iter().find(|r| r.id == id) else {
        let help = match did_you_mean(id, registry.iter().map(|r| r.id)) {
            Some(near) => format!("did you mean `{near}`? `stratagem explain` lists every rule"),
            None => "`stratagem explain` lists every rule".to_owned(),
        };
        let message = format!("`[lint.allow]` names an unknown rule `{id}`");
        return Some(Diagnostic::new(&UNKNOWN_RULE, doc.source(), span, message).with_help(help));
    };
    if used != Use::Unused || config.level(rule) == Level::Allow {
        return None;
    }
    let message = match allowance.until.as_ref().map(|u| u.value) {
        Some(until) if until < today => {
            format!(
                "the suppression of `{id}` expired on {until} and silences nothing in `{}`",
                doc.id
            )
        }
        _ => format!("`[lint.allow]` silences `{id}`, which finds nothing in `{}`", doc.id),
    };
    let help = format!("remove `{id}` from `[lint.allow]`: the rule passes here");
    Some(Diagnostic::new(&UNUSED_SUPPRESSION, doc.source(), span, message).with_help(help))
}

/// The closing section of `stratagem explain RULE`: how to silence the rule in one document,
/// in the whole plan, and for the findings a plan has today.
pub fn how_to_suppress(id: &str) -> String {
    format!(
        "## Suppressing\n\n\
         In one document, with a reason (and, if you like, the last day it holds), in its front matter:\n\n\
         ```toml\n[lint.allow]\n{id} = \"why the rule does not apply here\"\n\
         # or, until a date: {id} = {{ reason = \"why\", until = 2027-06-30 }}\n```\n\n\
         It silences `{id}` in that file only; after `until` the findings come back, and an entry \
         that silences nothing is reported as `unused-suppression`.\n\n\
         In the whole plan (and for findings in plan.toml itself), in plan.toml:\n\n\
         ```toml\n[lint]\n{id} = \"allow\"\n```\n\n\
         For the findings a plan has today, while you fix them: record them once with \
         `stratagem lint --write-baseline lint-baseline.json`; then \
         `stratagem lint --baseline lint-baseline.json` reports only new findings and lists \
         those fixed since."
    )
}
