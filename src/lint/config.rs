//! The `[lint]` table of plan.toml: a level per rule and rule options, checked against the registry
//! (an unknown rule id or option is itself reported, with a did-you-mean).

use std::collections::HashMap;

use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Level, Rule, did_you_mean};
use crate::plan::Settings;
use crate::plan::rules::{UNKNOWN_FIELD, WRONG_TYPE};

declare_rule!(
    /// `[lint]` or a document's `[lint.allow]` names a rule that does not exist.
    pub UNKNOWN_RULE, "unknown-rule", Warn,
    "plan.toml `[lint]` or a document's `[lint.allow]` names a rule that does not exist",
    fix: Unsafe
);

/// Levels and options in force for one run.
#[derive(Debug, Default)]
pub struct LintConfig {
    levels: HashMap<&'static str, Level>,
    options: HashMap<(&'static str, &'static str), f64>,
}

impl LintConfig {
    /// Reads `[lint]` against the given rules; problems in it are returned as diagnostics.
    pub fn from_settings(settings: &Settings, rules: &[&'static Rule]) -> (LintConfig, Vec<Diagnostic>) {
        let mut config = LintConfig::default();
        let mut diagnostics = Vec::new();
        let source = settings.source();
        for entry in &settings.lint {
            let Some(rule) = rules.iter().find(|r| r.id == entry.rule.value) else {
                let near = did_you_mean(&entry.rule.value, rules.iter().map(|r| r.id));
                // Renaming to a rule `[lint]` already sets would set it twice.
                let fix = near
                    .filter(|near| !settings.lint.iter().any(|e| e.rule.value == *near))
                    .map(|near| crate::plan::repair::rename_fix(near, entry.rule.span.clone()));
                let help = match near {
                    Some(near) => {
                        format!("did you mean `{near}`? `stratagem explain` lists every rule")
                    }
                    None => "`stratagem explain` lists every rule".to_owned(),
                };
                let message = format!("`[lint]` names an unknown rule `{}`", entry.rule.value);
                let diagnostic = Diagnostic::new(&UNKNOWN_RULE, source, entry.rule.span.clone(), message);
                diagnostics.push(diagnostic.with_help(help).with_fix_opt(source, fix));
                continue;
            };
            if let Some(level) = &entry.level {
                config.levels.insert(rule.id, level.value);
            }
            for (name, value) in &entry.options {
                let Some(option) = rule.option(&name.value) else {
                    let names: Vec<_> = rule.options.iter().map(|o| o.name).collect();
                    let near = did_you_mean(&name.value, names.iter().copied());
                    let fix = near
                        .filter(|near| !entry.options.iter().any(|(n, _)| n.value == *near))
                        .map(|near| crate::plan::repair::rename_fix(near, name.span.clone()));
                    let help = match near {
                        Some(near) => format!("did you mean `{near}`?"),
                        None if names.is_empty() => format!("`{}` takes only `level`", rule.id),
                        None => format!("`{}` takes `level` and {}", rule.id, names.join(", ")),
                    };
                    let message = format!("`{}` has no option `{}`", rule.id, name.value);
                    let diagnostic = Diagnostic::new(&UNKNOWN_FIELD, source, name.span.clone(), message);
                    diagnostics.push(diagnostic.with_help(help).with_fix_opt(source, fix));
                    continue;
                };
                if value.value.is_finite() && value.value > 0.0 {
                    config.options.insert((rule.id, option.name), value.value);
                } else {
                    let message = format!("`{}.{}` must be a positive number", rule.id, option.name);
                    let help = format!("e.g. `{} = {}` (the default)", option.name, option.default);
                    diagnostics.push(Diagnostic::new(&WRONG_TYPE, source, value.span.clone(), message).with_help(help));
                }
            }
        }
        (config, diagnostics)
    }

    pub fn level(&self, rule: &Rule) -> Level {
        self.levels.get(rule.id).copied().unwrap_or(rule.default)
    }

    /// The value of a rule option, or its default.
    pub fn option(&self, rule: &Rule, name: &'static str) -> f64 {
        self.options
            .get(&(rule.id, name))
            .copied()
            .or_else(|| rule.option(name).map(|o| o.default))
            .unwrap_or(f64::NAN)
    }
}
