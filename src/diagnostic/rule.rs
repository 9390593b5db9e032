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

/// Whether a rule's findings carry a fix that `lint --fix` can apply, as its docs say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    /// The rule never offers a fix.
    None,
    /// Every fix it offers is safe (applied by `--fix`), though not every finding has one.
    Safe,
    /// Every fix it offers is unsafe (applied only with `--unsafe-fixes`).
    Unsafe,
    /// Some of its fixes are safe and some unsafe, depending on the finding.
    Sometimes,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Safe => "safe",
            FixAvailability::Unsafe => "unsafe",
            FixAvailability::Sometimes => "sometimes",
        }
    }

    /// A sentence for `stratagem explain`.
    pub fn describe(self) -> &'static str {
        match self {
            FixAvailability::None => "no automatic fix",
            FixAvailability::Safe => "some findings have a safe fix (`lint --fix`)",
            FixAvailability::Unsafe => "some findings have an unsafe fix (`lint --fix --unsafe-fixes`)",
            FixAvailability::Sometimes => {
                "some findings have a safe fix (`lint --fix`), some an unsafe one (`--unsafe-fixes`)"
            }
        }
    }

    /// Whether a fix of `applicability` fits what the rule declares.
    pub fn allows(self, applicability: super::Applicability) -> bool {
        use super::Applicability;
        matches!(
            (self, applicability),
            (FixAvailability::Sometimes, _)
                | (FixAvailability::Safe, Applicability::Safe)
                | (FixAvailability::Unsafe, Applicability::Unsafe)
        )
    }
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
    /// Whether its findings may carry a fix, and how safe.
    pub fix: FixAvailability,
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

/// Declares a rule constant whose docs are `docs/rules/<id>.md` (a missing file fails the build);
/// `fix: Safe` (or `Unsafe`, `Sometimes`) says its findings may carry a fix.
#[macro_export]
macro_rules! declare_rule {
    ($(#[$meta:meta])* $vis:vis $name:ident, $id:literal, $level:ident, $summary:literal $(, fix: $fix:ident)? $(, options: $options:expr)? $(,)?) => {
        $(#[$meta])*
        $vis static $name: $crate::diagnostic::Rule = $crate::diagnostic::Rule {
            id: $id,
            default: $crate::diagnostic::Level::$level,
            summary: $summary,
            docs: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules/", $id, ".md")),
            options: $crate::declare_rule!(@options $($options)?),
            fix: $crate::declare_rule!(@fix $($fix)?),
        };
    };
    (@fix) => { $crate::diagnostic::FixAvailability::None };
    (@fix $fix:ident) => { $crate::diagnostic::FixAvailability::$fix };
    (@options) => { &[] };
    (@options $options:expr) => { $options };
}
