//! `stratagem explain [RULE]`: a rule's documentation with its level, options and how to
//! suppress it, or the list of every rule.

use anyhow::bail;

use crate::ExitStatus;
use crate::cli::ExplainArgs;
use crate::diagnostic::did_you_mean;
use crate::lint;

pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitStatus> {
    let registry = lint::registry();
    let Some(id) = &args.rule else {
        let width = registry.iter().map(|r| r.id.len()).max().unwrap_or(0);
        println!(
            "{} rules; `stratagem explain RULE` prints one. Levels are set in plan.toml `[lint]`.\n",
            registry.len()
        );
        for rule in &registry {
            println!("{:width$}  {:5}  {}", rule.id, rule.default.as_str(), rule.summary);
        }
        return Ok(ExitStatus::Success);
    };
    let Some(rule) = lint::find_rule(id) else {
        match did_you_mean(id, registry.iter().map(|r| r.id)) {
            Some(near) => bail!("no rule `{id}`; did you mean `{near}`? (`stratagem explain` lists every rule)"),
            None => bail!("no rule `{id}` (`stratagem explain` lists every rule)"),
        }
    };
    println!("{}", rule.docs.trim_end());
    println!(
        "\n## Configuration\n\nDefault level: `{}`. In plan.toml:\n",
        rule.default
    );
    if rule.options.is_empty() {
        println!(
            "```toml\n[lint]\n{} = \"{}\"\n```",
            rule.id,
            other_level(rule.default.as_str())
        );
    } else {
        let options: Vec<_> = rule
            .options
            .iter()
            .map(|o| format!("{} = {:?}", o.name, o.default))
            .collect();
        println!(
            "```toml\n[lint]\n{} = {{ level = \"{}\", {} }}\n```\n",
            rule.id,
            rule.default,
            options.join(", ")
        );
        for option in rule.options {
            println!("- `{}` (default {:?}): {}", option.name, option.default, option.summary);
        }
    }
    println!("\n{}", lint::suppress::how_to_suppress(rule.id));
    Ok(ExitStatus::Success)
}

fn other_level(default: &str) -> &'static str {
    if default == "deny" { "warn" } else { "deny" }
}
