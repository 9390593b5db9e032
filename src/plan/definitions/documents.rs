//! The front-matter keys of each kind of document, with their types and meanings.

use super::FieldType::{self, *};
use super::{FieldDef, Required, Vocab};

pub(super) const fn opt(name: &'static str, ty: FieldType, doc: &'static str) -> FieldDef {
    FieldDef {
        name,
        ty,
        required: Required::No,
        doc,
    }
}

pub(super) const fn req(name: &'static str, ty: FieldType, doc: &'static str) -> FieldDef {
    FieldDef {
        name,
        ty,
        required: Required::Yes,
        doc,
    }
}

pub(super) const COMMON: &[FieldDef] = &[
    opt(
        "id",
        String,
        "The document's id, which references use; defaults to the file name without `.md`.",
    ),
    opt(
        "kind",
        OneOf(Vocab::Kind),
        "What the document is; defaults to the kind of its top folder (`goals/` …).",
    ),
    req(
        "title",
        String,
        "The document's title, shown on its page and in every link to it.",
    ),
    FieldDef {
        name: "owner",
        ty: String,
        required: Required::ExceptPages,
        doc: "The person or role accountable for it.",
    },
    opt(
        "description",
        String,
        "A one-sentence summary, shown in lists and page metadata.",
    ),
    opt("tags", Strings, "Free words that group documents across the plan."),
    opt(
        "weight",
        Integer,
        "Orders documents in lists: lower first, then by title.",
    ),
    opt(
        "language",
        LanguageTag,
        "The language the document is written in, as a BCP 47 tag (`vi`, `zh`, `en-GB`), when not the plan's.",
    ),
    opt("extra", Free, "Free-form data for templates; never checked."),
    opt(
        "lint",
        Table(LINT),
        "`[lint.allow]`: the rules silenced in this file, each with a reason.",
    ),
];

const LINT: &[FieldDef] = &[opt(
    "allow",
    RuleAllowances,
    "Rule id → why it does not apply here, or `{ reason = \"…\", until = DATE }`.",
)];

const BENCHMARK: &[FieldDef] = &[
    opt("value", Number, "The comparable figure, in the metric's unit."),
    opt("source", String, "Where the figure comes from."),
];

pub(super) const GOAL: &[FieldDef] = &[
    req("metric", String, "What is counted to know whether the goal is met."),
    opt("unit", String, "The metric's unit, e.g. `leads/month` or `%`."),
    opt("baseline", Number, "The metric's value when the goal started."),
    req("target", Number, "The metric's value that meets the goal."),
    opt(
        "direction",
        OneOf(Vocab::Direction),
        "Which way the metric should move; inferred from baseline → target when absent.",
    ),
    req("deadline", Date, "The date by which the target should be reached."),
    opt("start", Date, "The date the goal started; pace is measured from it."),
    opt("data_source", String, "Where the metric's figures come from."),
    opt(
        "business_outcome",
        String,
        "What the business gains when the goal is met.",
    ),
    opt(
        "benchmark",
        Table(BENCHMARK),
        "A comparable figure from outside the plan, and its source.",
    ),
    opt(
        "channels",
        Strings,
        "Ids of the plan.toml channels the goal is pursued on.",
    ),
    opt(
        "status",
        OneOf(Vocab::GoalStatus),
        "Whether the goal is still pursued, or how it ended; `active` when absent.",
    ),
    opt(
        "revisions",
        Tables(REVISIONS),
        "`[[revisions]]`: changes of the goal's own fields once it started, each with its reason.",
    ),
];

const REVISIONS: &[FieldDef] = &[
    req("date", Date, "The day the change was decided."),
    req("field", OneOf(Vocab::RevisedField), "The goal field that changed."),
    opt(
        "from",
        Scalar,
        "The field's value before the change; absent when it was first set.",
    ),
    req("to", Scalar, "The field's value after the change."),
    req("reason", String, "Why the field changed."),
];

pub(super) const STRATEGY: &[FieldDef] = &[
    opt("goals", Strings, "Ids of the goals the strategy serves."),
    opt("channels", Strings, "Ids of the plan.toml channels the strategy uses."),
];

const BUDGET: &[FieldDef] = &[
    opt("amount", Number, "How much the tactic may spend over its dates."),
    opt(
        "currency",
        String,
        "The amount's currency, as an ISO 4217 code (`EUR`).",
    ),
];

pub(super) const TACTIC: &[FieldDef] = &[
    opt(
        "strategy",
        Strings,
        "The id of the strategy the tactic carries out (or a list).",
    ),
    opt("strategies", Strings, "Ids of the strategies the tactic carries out."),
    opt(
        "channel",
        Strings,
        "The id of the plan.toml channel the tactic runs on (or a list).",
    ),
    opt("channels", Strings, "Ids of the plan.toml channels the tactic runs on."),
    opt("start", Date, "The first day of the tactic."),
    opt("end", Date, "The last day of the tactic."),
    opt(
        "cadence",
        String,
        "How often the work happens, e.g. `weekly` or `every weekday`.",
    ),
    opt(
        "budget",
        Table(BUDGET),
        "What the tactic may spend: `{ amount = 1200, currency = \"EUR\" }`.",
    ),
    opt(
        "response_time",
        String,
        "How fast the tactic promises to answer customers, e.g. `2h`.",
    ),
    opt(
        "status",
        OneOf(Vocab::TacticStatus),
        "Where the tactic stands; `planned` when absent.",
    ),
    opt(
        "practices",
        ListOf(Vocab::Practice),
        "What kinds of social-media work the tactic is, for the maturity assessment.",
    ),
];

const MEASUREMENTS: &[FieldDef] = &[
    opt(
        "goal",
        String,
        "The id of the goal measured; may be left out when the evaluation has one goal.",
    ),
    opt("date", Date, "The day the value was measured."),
    opt("value", Number, "The metric's value on that day."),
    opt("note", String, "What explains the value."),
];

pub(super) const EVALUATION: &[FieldDef] = &[
    opt("goals", Strings, "Ids of the goals the evaluation measures."),
    opt(
        "metric",
        String,
        "What is measured, when it differs from the goal's wording.",
    ),
    opt("method", String, "How the figure is obtained."),
    opt("data_source", String, "Where the figures come from."),
    opt("cadence", String, "How often the evaluation is made, e.g. `monthly`."),
    opt("next_review", Date, "The date of the next review."),
    opt(
        "benchmark",
        Table(BENCHMARK),
        "A comparable figure from outside the plan, and its source.",
    ),
    opt(
        "measurements",
        Tables(MEASUREMENTS),
        "`[[measurements]]`: the values recorded, each with its date.",
    ),
];
