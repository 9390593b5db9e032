//! `stratagem explain [RULE]`: a rule's documentation with its automatic fix, level, options
//! and how to suppress it, or the list of every rule.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::bail;

use crate::ExitStatus;
use crate::cli::ExplainArgs;
use crate::diagnostic::did_you_mean;
use crate::lint;

pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitStatus> {
    let text = text(args)?;
    // Written at once, and a closed pipe (`stratagem explain | head`) is an error to return, not a
    // panic as `println!` would make it.
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

fn text(args: &ExplainArgs) -> anyhow::Result<String> {
    let mut out = String::new();
    let registry = lint::registry();
    let Some(id) = &args.rule else {
        let width = registry.iter().map(|r| r.id.len()).max().unwrap_or(0);
        writeln!(
            out,
            "{} rules; `stratagem explain RULE` prints one. Levels are set in plan.toml `[lint]`.\n",
            registry.len()
        )
        .expect("writing to a String cannot fail");
        for rule in &registry {
            writeln!(out, "{:width$}  {:5}  {}", rule.id, rule.default.as_str(), rule.summary)
                .expect("writing to a String cannot fail");
        }
        return Ok(out);
    };
    let Some(rule) = lint::find_rule(id) else {
        match did_you_mean(id, registry.iter().map(|r| r.id)) {
            Some(near) => bail!("no rule `{id}`; did you mean `{near}`? (`stratagem explain` lists every rule)"),
            None => bail!("no rule `{id}` (`stratagem explain` lists every rule)"),
        }
    };
    writeln!(out, "{}", rule.docs.trim_end()).expect("writing to a String cannot fail");
    writeln!(out, "\nAutomatic fix: {}.", rule.fix.describe()).expect("writing to a String cannot fail");
    writeln!(
        out,
        "\n## Configuration\n\nDefault level: `{}`. In plan.toml:\n",
        rule.default
    )
    .expect("writing to a String cannot fail");
    if rule.options.is_empty() {
        writeln!(
            out,
            "```toml\n[lint]\n{} = \"{}\"\n```",
            rule.id,
            other_level(rule.default.as_str())
        )
        .expect("writing to a String cannot fail");
    } else {
        let options: Vec<_> = rule
            .options
            .iter()
            .map(|o| format!("{} = {:?}", o.name, o.default))
            .collect();
        writeln!(
            out,
            "```toml\n[lint]\n{} = {{ level = \"{}\", {} }}\n```\n",
            rule.id,
            rule.default,
            options.join(", ")
        )
        .expect("writing to a String cannot fail");
        for option in rule.options {
            writeln!(
                out,
                "- `{}` (default {:?}): {}",
                option.name, option.default, option.summary
            )
            .expect("writing to a String cannot fail");
        }
    }
    writeln!(out, "\n{}", lint::suppress::how_to_suppress(rule.id)).expect("writing to a String cannot fail");
    Ok(out)
}

fn other_level(default: &str) -> &'static str {
    if default == "deny" { "warn" } else { "deny" }
}
