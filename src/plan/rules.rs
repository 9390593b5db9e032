//! The rules that reading a plan can break: file, front-matter and type errors, found while
//! loading, before any plan-level check runs.

use crate::declare_rule;

declare_rule!(
    /// A file under a kind folder has no `+++` front matter.
    pub FRONT_MATTER_MISSING, "front-matter-missing", Deny,
    "a file under a kind folder has no `+++` front matter"
);
declare_rule!(
    /// The front matter (or plan.toml) is not valid TOML.
    pub FRONT_MATTER_SYNTAX, "front-matter-syntax", Deny,
    "the front matter or plan.toml is not valid TOML",
    fix: Sometimes
);
declare_rule!(
    /// A known field holds a value of the wrong type or outside its allowed values.
    pub WRONG_TYPE, "wrong-type", Deny,
    "a known field has the wrong type or an unknown value",
    fix: Sometimes
);
declare_rule!(
    /// A key no kind defines; usually a typo.
    pub UNKNOWN_FIELD, "unknown-field", Warn,
    "a key that no kind defines",
    fix: Unsafe
);
declare_rule!(
    /// Two documents share an id.
    pub DUPLICATE_ID, "duplicate-id", Deny,
    "two documents share an id"
);
declare_rule!(
    /// A plan file cannot be read as text: permissions, invalid UTF-8, binary, too large, a link loop.
    pub UNREADABLE_FILE, "unreadable-file", Deny,
    "a plan file cannot be read as UTF-8 text"
);
declare_rule!(
    /// A symbolic link in the plan resolves outside the plan folder; it is not followed.
    pub SYMLINK_OUTSIDE_PLAN, "symlink-outside-plan", Deny,
    "a symbolic link in the plan points outside the plan folder"
);

/// Every rule of this module, for the registry.
pub static RULES: &[&crate::diagnostic::Rule] = &[
    &FRONT_MATTER_MISSING,
    &FRONT_MATTER_SYNTAX,
    &WRONG_TYPE,
    &UNKNOWN_FIELD,
    &DUPLICATE_ID,
    &UNREADABLE_FILE,
    &SYMLINK_OUTSIDE_PLAN,
];
