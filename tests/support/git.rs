//! Real git repositories in temporary folders for the tests of history and review: every
//! command runs with its author, dates and signing set on the command line, and no user or system
//! configuration.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `git ARGS` in `dir` as `author` on `date` (an ISO date-time), not yet run.
pub fn command_as(dir: &Path, author: &str, date: &str, args: &[&str]) -> Command {
    let email = format!(
        "{}@example.org",
        author.split(' ').next().unwrap_or(author).to_lowercase()
    );
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .arg("-c")
        .arg(format!("user.name={author}"))
        .arg("-c")
        .arg(format!("user.email={email}"))
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1");
    command
}

/// Runs `git ARGS` in `dir` as `author` on `date` (an ISO date-time), and returns its stdout;
/// panics when git fails.
pub fn git_as(dir: &Path, author: &str, date: &str, args: &[&str]) -> String {
    let output = command_as(dir, author, date, args).output().expect("run git");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `git ARGS` in `dir`, as a fixed author on a fixed date.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_as(dir, "Mai Tran", "2026-12-01T09:00:00+07:00", args)
}

/// A new repository in `dir`.
pub fn init(dir: &Path) {
    git(dir, &["init", "-q"]);
}

/// Commits every change of the work tree as `author` on `date` (`2027-02-01`, at 10:00 UTC+7).
pub fn commit_all(dir: &Path, author: &str, date: &str, message: &str) {
    let when = format!("{date}T10:00:00+07:00");
    git_as(dir, author, &when, &["add", "-A", "."]);
    git_as(dir, author, &when, &["commit", "-q", "--allow-empty", "-m", message]);
}

/// The abbreviated id of `HEAD`, as git prints it.
pub fn short_head(dir: &Path) -> String {
    git(dir, &["rev-parse", "--short", "HEAD"]).trim().to_owned()
}

/// A git work tree in a folder of the test's, for tests that run many commands in it.
pub struct Git {
    pub dir: PathBuf,
}

impl Git {
    /// `git init` in `dir` (created if missing), on a branch named `main`.
    pub fn init(dir: &Path) -> Git {
        std::fs::create_dir_all(dir).unwrap();
        init(dir);
        Git { dir: dir.to_owned() }
    }

    /// A `git` command in the work tree, not yet run.
    pub fn command(&self, args: &[&str]) -> Command {
        command_as(&self.dir, "Mai Tran", "2026-12-01T09:00:00+07:00", args)
    }

    /// Runs git and returns its output; panics with git's message when it fails.
    pub fn run(&self, args: &[&str]) -> String {
        git(&self.dir, args)
    }

    /// Stages everything and commits as `author` on `date` (`2027-02-01`); returns the commit.
    pub fn commit_as(&self, message: &str, author: &str, date: &str) -> String {
        commit_all(&self.dir, author, date, message);
        self.run(&["rev-parse", "HEAD"]).trim().to_owned()
    }

    /// Commits as Mai Tran.
    pub fn commit(&self, message: &str, date: &str) -> String {
        self.commit_as(message, "Mai Tran", date)
    }
}
