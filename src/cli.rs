//! The command line, with clap derive: every command, its arguments and their help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

pub use crate::diagnostic::render::Format;
pub use crate::diff::render::Format as DiffFormat;

/// Lint, build and preview social-media strategy plans kept as Markdown in git.
#[derive(Debug, Parser)]
#[command(name = "stratagem", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every plan file and print diagnostics (exit 0 clean, 1 errors, 2 bad usage)
    Lint(LintArgs),
    /// Lint, then render the plan as a static site (default output: PLAN/public)
    Build(BuildArgs),
    /// Preview the site while editing: serve it, watch the plan, reload pages on every save
    Serve(ServeArgs),
    /// The plan's social-media maturity stage and the checklist to the next one
    Maturity(MaturityArgs),
    /// What a change did to the plan between two git revisions: documents, fields, findings
    Diff(DiffArgs),
    /// The plan's dates as an iCalendar file: reviews on their cadence, deadlines, tactic starts and ends
    Calendar(CalendarArgs),
    /// Print a rule's documentation, or list every rule
    Explain(ExplainArgs),
    /// Start a new plan (plan.toml and one document of each kind) that lints clean
    Init(InitArgs),
    /// Write a new goal, strategy, tactic, evaluation or page with every field, commented
    New(NewArgs),
    /// Record a measurement of a goal in its evaluation (comments and layout kept)
    Checkin(CheckinArgs),
    /// A language server over stdio for editors: diagnostics as you type, hover, go to definition,
    /// references, rename, completion and quick fixes
    Lsp(LspArgs),
    /// JSON Schemas of plan.toml and each kind's front matter, for TOML editors (Taplo, Even Better TOML)
    Schema(SchemaArgs),
    /// The preview's renderer, started by `serve` (not for direct use)
    #[command(name = "serve-worker", hide = true)]
    ServeWorker(WorkerArgs),
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// The plan folder (holds plan.toml)
    #[arg(default_value = ".")]
    pub plan: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when there are warnings, not only errors
    #[arg(long)]
    pub deny_warnings: bool,
    /// The date date rules compare against (default: plan.toml `today`, SOURCE_DATE_EPOCH, the system date)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
    /// When to colour human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Record today's findings in FILE (JSON, by rule, document and field, not by line) and exit 0
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "changed"])]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings not recorded in FILE (see --write-baseline), and those fixed since
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Report only findings on documents changed since the merge base with BASE (default: the
    /// default branch), and on the documents that reference them or that they referenced
    #[arg(long, value_name = "BASE", num_args = 0..=1, require_equals = true, default_missing_value = "")]
    pub changed: Option<String>,
    /// Apply the safe fixes in place (comments and layout kept), lint again, and report what is left
    #[arg(long, conflicts_with = "write_baseline")]
    pub fix: bool,
    /// With --fix or --diff, apply the unsafe fixes too (they guess at what was meant: review them)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change and write nothing; exit 1 if there is any
    #[arg(long, conflicts_with_all = ["fix", "write_baseline"])]
    pub diff: bool,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// The date date rules compare against (default: plan.toml `today`, SOURCE_DATE_EPOCH, the system date)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
    /// Talk over stdin and stdout (the default and only transport; accepted as editors pass it)
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The revision to compare from, as `git diff BASE...HEAD` does: from the merge base of
    /// BASE and HEAD (default: the default branch, or the pull request's base in CI)
    pub base: Option<String>,
    /// The revision to compare to (default: the work tree, uncommitted changes included)
    pub head: Option<String>,
    /// The plan folder (holds plan.toml)
    #[arg(long, default_value = ".")]
    pub plan: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// The date date rules compare against, for the findings on both sides
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The plan folder (holds plan.toml)
    #[arg(default_value = ".")]
    pub plan: PathBuf,
    /// Where to write the site: a new or empty folder, or a site stratagem wrote, replaced as a
    /// whole once the build succeeds
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace the output folder even when it holds files stratagem did not write
    #[arg(long)]
    pub force: bool,
    /// Absolute URL the site is published at, for canonical links (default: plan.toml `base_url`)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Build even when lint finds errors (the exit code still reports them)
    #[arg(long)]
    pub allow_errors: bool,
    /// Exit 1 when there are warnings, not only errors
    #[arg(long)]
    pub deny_warnings: bool,
    /// The date statuses and date rules are computed for (default: plan.toml `today`, SOURCE_DATE_EPOCH, the system date)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The plan folder (holds plan.toml)
    #[arg(default_value = ".")]
    pub plan: PathBuf,
    /// Address to listen on (loopback by default: the preview is for you)
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Port to listen on; 0 picks a free one (and prints it)
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// Serve the site under this path, e.g. `/team/strategy`, as it will be published
    #[arg(long, default_value = "/", value_name = "PATH")]
    pub base_path: String,
    /// Absolute URL the site is published at, for canonical links
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Open the preview in the default browser
    #[arg(long)]
    pub open: bool,
    /// The date statuses and date rules are computed for
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
    /// Also answer requests for this host name (e.g. a name in /etc/hosts); repeatable. The
    /// bound address, `localhost`, `127.0.0.1` and `[::1]` are always allowed
    #[arg(long = "allowed-host", value_name = "NAME")]
    pub allowed_hosts: Vec<String>,
}

#[derive(Debug, Args)]
pub struct WorkerArgs {
    pub plan: PathBuf,
    #[arg(long)]
    pub today: Option<Date>,
    #[arg(long)]
    pub base_url: Option<String>,
    /// The path the preview serves the site under (`/` or `/team/plan`)
    #[arg(long, default_value = "/")]
    pub base_path: String,
}

#[derive(Debug, Args)]
pub struct MaturityArgs {
    /// The plan folder (holds plan.toml)
    #[arg(default_value = ".")]
    pub plan: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = MaturityFormat::Human)]
    pub format: MaturityFormat,
    /// The date lint's date rules use (a goal must lint clean to count)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
}

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The plan folder (holds plan.toml)
    #[arg(default_value = ".")]
    pub plan: PathBuf,
    /// Write the calendar to this file instead of standard output (only a new file or a calendar
    /// stratagem wrote is replaced)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date each event is stamped with (default: plan.toml `today`, SOURCE_DATE_EPOCH, the system date)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MaturityFormat {
    /// the stage, a checklist with evidence, and the next steps, in the plan's language
    Human,
    /// `{"stage", "criteria": [{"id", "stage", "factor", "passed", "evidence"}], …}`
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// colour when writing to a terminal and NO_COLOR is unset
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. `goal-vague`; without it, every rule is listed
    pub rule: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the plan (created if missing; must not hold a plan.toml yet)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to create
    #[arg(value_enum)]
    pub kind: NewKind,
    /// Its title; the file name is made from it
    pub name: String,
    /// The plan folder
    #[arg(default_value = ".")]
    pub plan: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// The goal's id, e.g. `leads`
    pub goal: String,
    /// The value measured: a number (`52`, `3.5`, `1_200`), or `12%` for a goal whose unit is a percentage
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// The day it was measured (default: today); not after today
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
    /// How sure the value is: `high`, `medium`, `low`, or a number from 0 to 1
    #[arg(long, value_name = "LEVEL")]
    pub confidence: Option<String>,
    /// A note on the value (what moved it, what is missing)
    #[arg(long)]
    pub note: Option<String>,
    /// The evaluation to add it to, when several measure the goal
    #[arg(long, value_name = "ID")]
    pub evaluation: Option<String>,
    /// The plan folder (holds plan.toml)
    #[arg(long, default_value = ".")]
    pub plan: PathBuf,
    /// The date of today, for `--date` and the status printed (default: plan.toml `today`,
    /// SOURCE_DATE_EPOCH, the system date)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Goal,
    Strategy,
    Tactic,
    Evaluation,
    Page,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema (default: plan, or with -o every one)
    #[arg(long, value_enum)]
    pub kind: Option<SchemaKind>,
    /// Write `plan.schema.json`, `goal.schema.json` … into DIR instead of printing one; a file
    /// there is replaced only if stratagem wrote it
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// plan.toml or one kind of document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Plan,
    Goal,
    Strategy,
    Tactic,
    Evaluation,
    Page,
}

impl SchemaKind {
    pub const ALL: [SchemaKind; 6] = [
        SchemaKind::Plan,
        SchemaKind::Goal,
        SchemaKind::Strategy,
        SchemaKind::Tactic,
        SchemaKind::Evaluation,
        SchemaKind::Page,
    ];
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        super::Cli::command().debug_assert();
    }
}
