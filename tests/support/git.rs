//! Real git repositories for the tests: `git` run in a folder with a fixed author, committer,
//! dates and no user or system configuration.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A git work tree in a folder of the test's.
pub struct Git {
    pub dir: PathBuf,
}

impl Git {
    /// `git init` in `dir` (created if missing), on a branch named `main`.
    pub fn init(dir: &Path) -> Git {
        std::fs::create_dir_all(dir).unwrap();
        let git = Git { dir: dir.to_owned() };
        git.run(&["init", "-q", "-b", "main"]);
        git
    }

    /// A `git` command in the work tree, isolated from the machine's configuration.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command
            .current_dir(&self.dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Mai Tran")
            .env("GIT_AUTHOR_EMAIL", "mai@example.org")
            .env("GIT_COMMITTER_NAME", "Mai Tran")
            .env("GIT_COMMITTER_EMAIL", "mai@example.org");
        command
    }

    /// Runs git and returns its output; panics with git's message when it fails.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self.command(args).output().expect("run git");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Stages everything and commits as `author` on `date` (`2027-02-01`), noon UTC.
    pub fn commit_as(&self, message: &str, author: &str, date: &str) -> String {
        self.run(&["add", "-A"]);
        let when = format!("{date}T12:00:00+00:00");
        let email = format!(
            "{}@example.org",
            author.split(' ').next().unwrap_or(author).to_lowercase()
        );
        let output = self
            .command(&["commit", "-q", "--allow-empty", "-m", message])
            .env("GIT_AUTHOR_NAME", author)
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_AUTHOR_DATE", &when)
            .env("GIT_COMMITTER_DATE", &when)
            .output()
            .expect("run git commit");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        self.run(&["rev-parse", "HEAD"]).trim().to_owned()
    }

    /// Commits as Mai Tran.
    pub fn commit(&self, message: &str, date: &str) -> String {
        self.commit_as(message, "Mai Tran", date)
    }
}
