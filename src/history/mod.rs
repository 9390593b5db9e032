//! The plan's git history: the repository it is in, the log of the plan folder, each goal's
//! fields over time, and the plan as it was at a revision.
//!
//! Git is run as the `git` binary: one `git log` for the whole plan folder and one
//! `git cat-file --batch` for every file version read, never a process per file. Imports: `plan`
//! and `diagnostic`, nothing of `lint`, `site`, `serve` or `cmd`.

pub mod changed;
pub mod git;
pub mod goals;
pub mod log;
pub mod revision;

use std::collections::HashMap;
use std::path::Path;

pub use git::{Objects, Repo, Unavailable};
pub use goals::Version;
pub use log::{Change, Commit, FileChange, Log};

use crate::plan::Plan;

/// What git knows of the plan.
#[derive(Clone, Debug)]
pub struct History {
    pub repo: Repo,
    pub log: Log,
    /// Each goal's versions by its path, oldest first.
    pub goals: HashMap<String, Vec<Version>>,
}

/// The history, when there is one, and the one note that says what is missing from it.
#[derive(Clone, Debug, Default)]
pub struct Read {
    pub history: Option<History>,
    pub note: Option<String>,
}

impl History {
    /// Reads the history of `plan` at `HEAD`. Outside a repository, without git, or in a shallow
    /// clone, the note says so (and what to do); it is never an error.
    pub fn read(plan: &Plan) -> Read {
        History::start(&plan.root).finish(plan)
    }

    /// The part of reading that needs only the plan's folder — the repository and the log — so
    /// that it can run while the plan loads; [`Started::finish`] reads the goals' versions.
    pub fn start(root: &Path) -> Started {
        let repo = match Repo::discover(root) {
            Ok(repo) => repo,
            Err(why) => {
                let note = format!("{why}: pages show no history and `goal-moved-goalpost` is not checked");
                return Started(Err(note));
            }
        };
        if repo.head.is_none() {
            // A repository with no commit yet: an empty history, nothing missing.
            return Started(Ok((repo, Log::default())));
        }
        match Log::read(&repo, "HEAD") {
            Ok(log) => Started(Ok((repo, log))),
            Err(error) => Started(Err(format!(
                "cannot read the git history ({error:#}): pages show no history"
            ))),
        }
    }
}

/// The repository and its log, or the note that says why there is none.
pub struct Started(Result<(Repo, Log), String>);

impl Started {
    /// Adds each goal's versions (one `git cat-file` for all of them).
    pub fn finish(self, plan: &Plan) -> Read {
        let (repo, log) = match self.0 {
            Ok(found) => found,
            Err(note) => {
                return Read {
                    history: None,
                    note: Some(note),
                };
            }
        };
        match goals::versions(&repo, &log, plan) {
            Ok(goals) => {
                let note = repo.shallow.then(|| shallow_note(&log));
                Read {
                    history: Some(History { repo, log, goals }),
                    note,
                }
            }
            Err(error) => Read {
                history: None,
                note: Some(format!(
                    "cannot read the git history ({error:#}): pages show no history"
                )),
            },
        }
    }
}

fn shallow_note(log: &Log) -> String {
    let since = log
        .commits
        .last()
        .map(|c| format!(" (it starts on {})", c.date))
        .unwrap_or_default();
    format!(
        "this is a shallow clone: the history before its oldest commit is missing{since}, so older \
         changes of targets and deadlines are not checked; fetch it all with \
         `git fetch --unshallow` (in GitHub Actions, `fetch-depth: 0` on actions/checkout)"
    )
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;

    fn git(dir: &std::path::Path, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(dir)
            .args([
                "-c",
                "user.name=Mai",
                "-c",
                "user.email=mai@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .env("GIT_AUTHOR_DATE", "2027-02-01T10:00:00+07:00")
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    #[test]
    fn reads_each_goal_version_from_a_real_repository() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan");
        std::fs::create_dir_all(plan.join("goals")).unwrap();
        std::fs::write(plan.join("plan.toml"), "title = \"P\"\n").unwrap();
        let goal = |target: u32| format!("+++\ntitle = \"Leads\"\nbaseline = 40\ntarget = {target}\n+++\n");
        std::fs::write(plan.join("goals/leads.md"), goal(120)).unwrap();
        git(dir.path(), &["init", "-q"]);
        git(dir.path(), &["add", "."]);
        git(dir.path(), &["commit", "-qm", "Plan"]);
        std::fs::write(plan.join("goals/leads.md"), goal(90)).unwrap();
        git(dir.path(), &["commit", "-qam", "Lower the target"]);
        let loaded = crate::plan::load(&plan, crate::plan::Purpose::Lint).unwrap();
        let read = History::read(&loaded.plan);
        assert_eq!(read.note, None);
        let history = read.history.unwrap();
        assert_eq!(history.repo.prefix, "plan/");
        assert_eq!(history.log.commits.len(), 2);
        assert_eq!(history.log.commits[0].subject, "Lower the target");
        assert_eq!(history.log.commits[0].date, jiff::civil::date(2027, 2, 1));
        let targets: Vec<_> = history.goals["goals/leads.md"].iter().map(|v| v.target).collect();
        assert_eq!(targets, [Some(120.0), Some(90.0)], "oldest first");
    }

    #[test]
    fn many_objects_stream_through_one_cat_file_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "first").unwrap();
        std::fs::write(dir.path().join("b.md"), "second\n").unwrap();
        git(dir.path(), &["init", "-q"]);
        git(dir.path(), &["add", "."]);
        git(dir.path(), &["commit", "-qm", "Two"]);
        let repo = Repo::discover(dir.path()).unwrap();
        let names: Vec<String> = ["HEAD:b.md", "HEAD:gone.md", "HEAD:a\nb", "HEAD:a.md"]
            .into_iter()
            .map(str::to_owned)
            .chain((0..2000).map(|n| format!("HEAD:{}", if n % 2 == 0 { "a.md" } else { "b.md" })))
            .collect();
        let all = Objects::open(&repo).unwrap().read_all(&names).unwrap();
        assert_eq!(all.len(), names.len());
        assert_eq!(all[0].as_deref(), Some(&b"second\n"[..]));
        assert_eq!(
            (all[1].as_deref(), all[2].as_deref()),
            (None, None),
            "missing, and a name git cannot be asked"
        );
        assert_eq!(all[3].as_deref(), Some(&b"first"[..]));
        assert!(
            all[4..]
                .iter()
                .enumerate()
                .all(|(n, c)| c.as_deref() == Some(if n % 2 == 0 { &b"first"[..] } else { &b"second\n"[..] }))
        );
    }

    #[test]
    fn a_repository_without_a_commit_has_an_empty_history_and_no_note() {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        std::fs::write(dir.path().join("plan.toml"), "title = \"P\"\n").unwrap();
        let loaded = crate::plan::load(dir.path(), crate::plan::Purpose::Lint).unwrap();
        let read = History::read(&loaded.plan);
        assert_eq!(read.note, None);
        let history = read.history.unwrap();
        assert_eq!(history.repo.head, None);
        assert!(history.log.commits.is_empty());
    }

    #[test]
    fn outside_a_repository_there_is_one_note() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("plan.toml"), "title = \"P\"\n").unwrap();
        let loaded = crate::plan::load(dir.path(), crate::plan::Purpose::Lint).unwrap();
        let read = History::read(&loaded.plan);
        assert!(read.history.is_none());
        assert!(read.note.unwrap().contains("not in a git repository"));
    }
}
