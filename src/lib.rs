//! stratagem: lint, build and preview social-media strategy plans kept as Markdown in git.
//!
//! Modules depend one way: `markdown` and `diagnostic` ← `plan` ← `history` ← `lint` ← `diff`, `maturity` ←
//! `site` ← `serve` ← `cmd`; `lsp` (on `lint`) ← `cmd`.

pub mod calendar;
pub mod cli;
mod cmd;
pub mod diagnostic;
pub mod diff;
pub mod history;
pub mod lint;
pub mod lsp;
pub mod markdown;
pub mod maturity;
pub mod plan;
pub mod serve;
pub mod site;
pub mod today;

use std::process::ExitCode;

/// How a run ended, mapped to the exit codes 0, 1 and 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: clean (warnings allowed).
    Success,
    /// 1: errors found (or warnings, with `--deny-warnings`).
    Failure,
    /// 2: bad usage or an unreadable plan.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::from(0),
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        cli::Command::Lint(args) => cmd::lint::run(&args),
        cli::Command::Build(args) => cmd::build::run(&args),
        cli::Command::Serve(args) => serve::run(&args),
        cli::Command::Maturity(args) => cmd::maturity::run(&args),
        cli::Command::Diff(args) => cmd::diff::run(&args),
        cli::Command::Calendar(args) => cmd::calendar::run(&args),
        cli::Command::Explain(args) => cmd::explain::run(&args),
        cli::Command::Init(args) => cmd::init::run(&args),
        cli::Command::New(args) => cmd::new::run(&args),
        cli::Command::Checkin(args) => cmd::checkin::run(&args),
        cli::Command::Lsp(args) => cmd::lsp::run(&args),
        cli::Command::Schema(args) => cmd::schema::run(&args),
        cli::Command::ServeWorker(args) => serve::worker::run(&args),
    }
}

/// A closed pipe (`stratagem lint | head`) is not an error, as in ripgrep.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
