//! The linter: the registry of every rule, the context rules report into, and the run that applies
//! the levels of `[lint]` to what loading and the rule groups found.
//!
//! Imports: `plan`, `history` and `diagnostic` only — nothing of `maturity`, `site`, `serve` or `cmd`. Rules
//! are `static`s compared by identity (`*d.rule == BROKEN_LINK`), never by their id string.

pub mod baseline;
pub mod config;
pub mod fix;
#[cfg(test)]
mod fix_props;
mod locate;
mod reading;
mod rules;
pub mod suppress;
pub mod words;

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Rule, Severity, SourceRef, Suppressed};
use crate::history::History;
use crate::plan::graph::Graph;
use crate::plan::{Document, Plan};
pub use config::LintConfig;
pub use reading::{Lang, written_in};

/// Every rule stratagem knows, in the order `stratagem explain` lists them.
pub fn registry() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = Vec::new();
    all.extend(crate::plan::rules::RULES);
    all.extend(rules::RULES.iter().flat_map(|group| group.iter()));
    all.push(&config::UNKNOWN_RULE);
    all.push(&suppress::UNUSED_SUPPRESSION);
    all
}

/// Looks a rule up by id.
pub fn find_rule(id: &str) -> Option<&'static Rule> {
    registry().into_iter().find(|r| r.id == id)
}

/// What the rule checks see: the plan, the levels and options in force, and the date of "today".
pub struct Cx<'a> {
    pub plan: &'a Plan,
    /// The plan's relations, built once by the caller and shared with the site and maturity.
    pub graph: &'a Graph,
    pub config: &'a LintConfig,
    pub today: Date,
    /// The plan's git history, when it is in a repository (rules that read it stay quiet without).
    pub history: Option<&'a History>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Cx<'a> {
    /// A context over the same plan with no findings yet.
    fn fork(&self) -> Cx<'a> {
        Cx {
            diagnostics: Vec::new(),
            ..*self
        }
    }

    /// Whether a rule runs at all; checks skip their work for allowed rules.
    pub fn enabled(&self, rule: &Rule) -> bool {
        Severity::from_level(self.config.level(rule)).is_some()
    }

    /// Records a finding; every finding carries a help line that says how to fix it.
    pub fn report(
        &mut self,
        rule: &'static Rule,
        source: SourceRef<'_>,
        span: std::ops::Range<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::new(rule, source, span, message).with_help(help));
    }

    /// Attaches `fix` (if any) to the finding recorded last, its edits located in `source`.
    pub fn fix_last(&mut self, source: SourceRef<'_>, fix: Option<crate::diagnostic::Fix>) {
        crate::plan::repair::attach(&mut self.diagnostics, source, fix);
    }

    /// Adds findings computed elsewhere (e.g. in parallel).
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(diagnostics);
    }

    /// Records a finding about a key of a document (or its front matter when the key is absent).
    pub fn report_key(
        &mut self,
        rule: &'static Rule,
        doc: &Document,
        key: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let mut diagnostic = Diagnostic::new(rule, doc.source(), doc.key_or_front_matter(key), message).with_help(help);
        diagnostic.document = Some(doc.id.clone());
        diagnostic.field = Some(key.to_owned());
        self.diagnostics.push(diagnostic);
    }
}

/// The result of linting a plan.
#[derive(Debug, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// Findings silenced by a document's `[lint.allow]`, in the same order.
    pub suppressed: Vec<Suppressed>,
    pub files: usize,
    /// The levels and options of plan.toml `[lint]`, parsed once for the run (the health page
    /// shows them).
    pub config: LintConfig,
}

/// Runs every rule on a loaded plan, applies the levels of `[lint]` to all findings (including
/// those of loading), then each document's `[lint.allow]`. Output is sorted by file, line,
/// column and rule. `history` is the plan's git history, for the rules that compare versions.
pub fn lint(
    plan: &Plan,
    graph: &Graph,
    load_diagnostics: Vec<Diagnostic>,
    today: Date,
    history: Option<&History>,
) -> Outcome {
    let registry = registry();
    let (config, config_diagnostics) = LintConfig::from_settings(&plan.settings, &registry);
    let mut cx = Cx {
        plan,
        graph,
        config: &config,
        today,
        history,
        diagnostics: load_diagnostics,
    };
    cx.diagnostics.extend(config_diagnostics);
    rules::check_all(&mut cx);
    let mut diagnostics = with_levels(&config, cx.diagnostics);
    sort(&mut diagnostics);
    locate::fill(plan, &mut diagnostics);
    let applied = suppress::apply(plan, &config, &registry, today, diagnostics);
    let mut diagnostics = with_levels(&config, applied.diagnostics);
    sort(&mut diagnostics);
    Outcome {
        diagnostics,
        suppressed: applied.suppressed,
        files: plan.files,
        config,
    }
}

/// Sets each finding's severity from its rule's level, dropping those of allowed rules.
fn with_levels(config: &LintConfig, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|mut d| {
            d.severity = Severity::from_level(config.level(d.rule))?;
            Some(d)
        })
        .collect()
}

fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.message == b.message);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Links and anchors come from loading: a plan read with plain `plan::load` and linted with
    /// no site step still has its broken links found.
    #[test]
    fn broken_links_are_found_without_a_site_step() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("plan.toml", "title = \"Plan\"\n");
        write(
            "pages/a.md",
            "+++\ntitle = \"A\"\n+++\n# Risks\n\nSee [b](b.md), [a](a.md#risks).\n",
        );
        write(
            "pages/b.md",
            "+++\ntitle = \"B\"\n+++\nSee [gone](gone.md) and [a](a.md#nope).\n",
        );
        let loaded = crate::plan::load(dir.path(), crate::plan::Purpose::Lint).unwrap();
        assert!(!loaded.plan.documents.iter().all(|d| d.links.is_empty()));
        let today = jiff::civil::date(2027, 1, 1);
        let graph = Graph::new(&loaded.plan);
        let outcome = lint(&loaded.plan, &graph, loaded.diagnostics, today, None);
        let broken: Vec<(&str, &str)> = outcome
            .diagnostics
            .iter()
            .filter(|d| *d.rule == rules::references::BROKEN_LINK)
            .map(|d| (d.file.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(broken.len(), 2, "{broken:?}");
        assert!(broken.iter().all(|(path, _)| *path == "pages/b.md"), "{broken:?}");
    }

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let registry = registry();
        let mut ids: Vec<_> = registry.iter().map(|r| r.id).collect();
        for id in &ids {
            assert!(
                id.split('-')
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase())),
                "`{id}` is not kebab-case"
            );
        }
        ids.sort_unstable();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate rule ids");
    }

    #[test]
    fn every_rule_has_docs_with_the_four_sections() {
        for rule in registry() {
            for section in ["## What it does", "## Why it matters", "## How to fix", "## Example"] {
                assert!(
                    rule.docs.contains(section),
                    "docs/rules/{}.md lacks `{section}`",
                    rule.id
                );
            }
            assert!(
                rule.docs.starts_with(&format!("# {}", rule.id)),
                "docs/rules/{}.md must open with `# {}`",
                rule.id,
                rule.id
            );
            for option in rule.options {
                assert!(
                    rule.docs.contains(option.name),
                    "docs/rules/{}.md does not document `{}`",
                    rule.id,
                    option.name
                );
            }
        }
    }

    #[test]
    fn every_practice_is_documented() {
        let docs = rules::tactics::UNKNOWN_PRACTICE.docs;
        for practice in <crate::plan::Practice as crate::plan::Vocabulary>::names() {
            assert!(
                docs.contains(&format!("| `{practice}` |")),
                "docs/rules/unknown-practice.md lacks `{practice}`"
            );
        }
    }

    #[test]
    fn summaries_are_lowercase_without_final_period() {
        for rule in registry() {
            assert!(!rule.summary.ends_with('.'), "{}", rule.id);
            assert!(!rule.summary.starts_with(|c: char| c.is_uppercase()), "{}", rule.id);
        }
    }
}
