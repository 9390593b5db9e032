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
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
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
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

/// `git ARGS` in `dir`, as a fixed author on a fixed date.
pub fn git(dir: &Path, args: &[&str]) -> String {
    git_as(dir, "Mai Tran", "2026-12-01T09:00:00+07:00", args)
}

/// A new repository in `dir`.
pub fn init(dir: &Path) {
    git(dir, &["init", "-q"]);
}

/// Commits every change of the work tree as `author` on `date`: a date-time (RFC 3339), or a
/// day (`2027-02-01`, at 10:00 UTC+7).
pub fn commit_all(dir: &Path, author: &str, date: &str, message: &str) {
    let when = if date.contains('T') {
        date.to_owned()
    } else {
        format!("{date}T10:00:00+07:00")
    };
    git_as(dir, author, &when, &["add", "-A", "."]);
    git_as(dir, author, &when, &["commit", "-q", "--allow-empty", "-m", message]);
}

/// A new repository in `dir` holding everything in it, committed as `author` on `date`.
pub fn init_with(dir: &Path, author: &str, date: &str, message: &str) {
    init(dir);
    commit_all(dir, author, date, message);
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

/// Replaces `from` by `to` in the file, which must contain it.
pub fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The commits of [`example_history`], newest first: (author, date, subject).
pub const EXAMPLE_COMMITS: [(&str, &str, &str); 4] = [
    (
        "Ana Costa",
        "2027-04-20T16:00:00+01:00",
        "Lower the leads target after the spring review",
    ),
    ("Bảo Trần", "2027-03-02T08:30:00+07:00", "Tidy the pages"),
    ("Ana Costa", "2027-02-14T10:00:00+00:00", "Raise the leads target"),
    ("Mai Nguyen", "2027-01-10T09:00:00+07:00", "Plan for 2027"),
];

/// A copy of the example plan in `dir/plan`, in a repository of its own at `dir` with the history
/// of [`EXAMPLE_COMMITS`]: the leads goal's target goes 45 → 50 → 40 and its deadline a month
/// later; a page is added, renamed and another deleted. Returns the plan folder.
pub fn example_history(dir: &Path) -> std::path::PathBuf {
    let plan = super::plan_in(dir);
    let goal = plan.join("goals/corporate-leads.md");
    let page = |title: &str| format!("+++\ntitle = \"{title}\"\n+++\n\nNotes of the team.\n");
    std::fs::write(plan.join("pages/notes.md"), page("Meeting notes")).unwrap();
    std::fs::write(plan.join("pages/draft.md"), page("Draft")).unwrap();
    let [fourth, third, second, first] = EXAMPLE_COMMITS;
    init_with(dir, first.0, first.1, first.2);
    replace(&goal, "target = 45", "target = 50");
    commit_all(dir, second.0, second.1, second.2);
    git_as(
        dir,
        third.0,
        third.1,
        &["mv", "plan/pages/notes.md", "plan/pages/meeting-notes.md"],
    );
    git_as(dir, third.0, third.1, &["rm", "-q", "plan/pages/draft.md"]);
    commit_all(dir, third.0, third.1, third.2);
    replace(&goal, "target = 50", "target = 40");
    replace(&goal, "deadline = 2027-09-30", "deadline = 2027-10-31");
    commit_all(dir, fourth.0, fourth.1, fourth.2);
    plan
}
