//! The keys of plan.toml, with their types and meanings.

use super::FieldDef;
use super::FieldType::*;
use super::documents::{opt, req};

pub(super) const PLAN: &[FieldDef] = &[
    req("title", String, "The plan's title, shown on every page of the site."),
    opt("organization", String, "Whose plan it is."),
    opt("owner", String, "The person or role accountable for the whole plan."),
    opt(
        "description",
        String,
        "A one-sentence summary of the plan, for the home page and metadata.",
    ),
    opt(
        "language",
        LanguageTag,
        "The plan's language as a BCP 47 tag; the site speaks `en`, `vi`, `zh` and `cy`.",
    ),
    opt(
        "base_url",
        String,
        "The absolute URL or root path the site is published at.",
    ),
    opt(
        "period",
        Table(PERIOD),
        "The dates the plan covers: `{ start = DATE, end = DATE }`.",
    ),
    opt("tools", Strings, "The social-media tools the team uses."),
    opt(
        "today",
        Date,
        "Pins the date that statuses and date rules use, for reproducible runs (after `--today`).",
    ),
    opt(
        "channels",
        Tables(CHANNEL),
        "`[[channels]]`: the social-media channels documents name in `channel` and `channels`.",
    ),
    opt(
        "lint",
        RuleLevels,
        "Each rule's level (`allow`, `warn`, `deny`), or a table with `level` and the rule's options.",
    ),
    opt("strings", StringMap, "Overrides of the site's interface text, by key."),
    opt(
        "markdown",
        Table(MARKDOWN),
        "How documents' Markdown bodies are rendered.",
    ),
    opt(
        "limits",
        Table(LIMITS),
        "Bounds on rendering one page with the plan's own templates.",
    ),
    opt("extra", Free, "Free-form data for templates; never checked."),
];

const PERIOD: &[FieldDef] = &[
    opt("start", Date, "The first day of the plan."),
    opt("end", Date, "The last day of the plan."),
];

const CHANNEL: &[FieldDef] = &[
    opt(
        "id",
        String,
        "What documents write to name the channel; defaults to the slug of `name`.",
    ),
    opt("name", String, "The channel's name as the site shows it."),
    opt("owner", String, "The person or role who runs the channel."),
    opt("url", String, "The channel's address."),
    opt("description", String, "What the channel is for."),
];

const MARKDOWN: &[FieldDef] = &[opt(
    "raw_html",
    Bool,
    "Keep raw HTML of bodies in the pages (off by default: it is omitted).",
)];

const LIMITS: &[FieldDef] = &[
    opt(
        "render_seconds",
        PositiveInteger,
        "How many seconds one page may take to render.",
    ),
    opt(
        "render_memory_mb",
        PositiveInteger,
        "How many megabytes of memory a render may add.",
    ),
];
