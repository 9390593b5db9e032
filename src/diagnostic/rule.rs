//! What a rule is: its stable id, default level, one-line summary, Markdown docs and options.

use std::fmt;

/// How seriously a rule is taken, as written in plan.toml `[lint]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// The rule does not run.
    Allow,
    /// Findings are warnings: reported, exit code 0 (unless `--deny-warnings`).
    Warn,
    /// Findings are errors: reported, exit code 1.
    Deny,
}

impl Level {
    pub const NAMES: [&'static str; 3] = ["allow", "warn", "deny"];

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A numeric setting of a rule, e.g. `max-growth` of `goal-implausible-target`.
#[derive(Debug)]
pub struct RuleOption {
    pub name: &'static str,
    pub default: f64,
    pub summary: &'static str,
}

/// A lint rule's metadata. The check itself lives beside the constant in its group file.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case id, used in `[lint]`, output and `stratagem explain`.
    pub id: &'static str,
    pub default: Level,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Markdown: What it does / Why it matters / How to fix / Example.
    pub docs: &'static str,
    pub options: &'static [RuleOption],
}

impl Rule {
    pub fn option(&self, name: &str) -> Option<&'static RuleOption> {
        self.options.iter().find(|o| o.name == name)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Rule {}

/// Declares a rule constant whose docs are `docs/rules/<id>.md` (a missing file fails the build).
#[macro_export]
macro_rules! declare_rule {
    ($(#[$meta:meta])* $vis:vis $name:ident, $id:literal, $level:ident, $summary:literal $(, options: $options:expr)? $(,)?) => {
        $(#[$meta])*
        $vis static $name: $crate::diagnostic::Rule = $crate::diagnostic::Rule {
            id: $id,
            default: $crate::diagnostic::Level::$level,
            summary: $summary,
            docs: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules/", $id, ".md")),
            options: $crate::declare_rule!(@options $($options)?),
        };
    };
    (@options) => { &[] };
    (@options $options:expr) => { $options };
}
