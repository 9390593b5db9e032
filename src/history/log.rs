//! The plan folder's log, read in one pass of `git log`: every commit that touched the plan, and
//! for each file of the plan the commits that changed it, following renames.

use std::collections::HashMap;

use jiff::civil::Date;

use super::git::Repo;

/// One commit that changed the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    /// The abbreviated id git prints (`a1b2c3d`).
    pub short: String,
    pub author: String,
    pub email: String,
    /// The author date, in the author's own time zone.
    pub date: Date,
    /// Seconds since 1970, for ordering.
    pub time: i64,
    pub subject: String,
}

/// What a commit did to one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Modified,
    Deleted,
    /// Moved (and perhaps edited) from this plan path.
    Renamed {
        from: String,
    },
}

/// One file's change in one commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileChange {
    /// Index into [`Log::commits`].
    pub commit: usize,
    /// The file's plan path in that commit.
    pub path: String,
    pub change: Change,
}

/// The plan's history, newest commit first.
#[derive(Clone, Debug, Default)]
pub struct Log {
    pub commits: Vec<Commit>,
    /// Every change of every plan path, newest first, across renames: the key is the path the
    /// file has in the newest commit that touched it.
    pub files: HashMap<String, Vec<FileChange>>,
}

impl Log {
    /// Reads the log of the plan folder from `revision` (`HEAD` for the checked-out branch).
    pub fn read(repo: &Repo, revision: &str) -> anyhow::Result<Log> {
        let out = repo.run([
            "log",
            "-M",
            "--no-color",
            "--format=%x1e%H%x1f%h%x1f%an%x1f%ae%x1f%aI%x1f%s",
            "-z",
            "--name-status",
            revision,
            "--",
            &repo.pathspec(),
        ])?;
        Ok(parse(&String::from_utf8_lossy(&out), repo))
    }

    /// The changes of the file now at `path`, newest first.
    pub fn of(&self, path: &str) -> &[FileChange] {
        self.files.get(path).map_or(&[], Vec::as_slice)
    }

    /// The last commit that changed the file now at `path`.
    pub fn last_change(&self, path: &str) -> Option<&Commit> {
        self.of(path).first().map(|c| &self.commits[c.commit])
    }
}

/// Parses `git log` output in the format [`Log::read`] asks for.
fn parse(text: &str, repo: &Repo) -> Log {
    let mut log = Log::default();
    // A renamed file's older changes are filed under its newest path: `alias` maps an older
    // path to the newest one, as the log is read from newest to oldest.
    let mut alias: HashMap<String, String> = HashMap::new();
    for record in text.split('\x1e').filter(|r| !r.is_empty()) {
        let (header, files) = record.split_once('\0').unwrap_or((record, ""));
        let Some(commit) = parse_header(header) else { continue };
        let index = log.commits.len();
        log.commits.push(commit);
        let mut tokens = files.trim_start_matches('\n').split('\0').filter(|t| !t.is_empty());
        while let Some(status) = tokens.next() {
            let renamed = status.starts_with('R') || status.starts_with('C');
            let first = tokens.next().unwrap_or_default();
            let (old, new) = if renamed {
                (Some(first), tokens.next().unwrap_or_default())
            } else {
                (None, first)
            };
            let Some(path) = repo.in_plan(new) else { continue };
            let key = alias.get(path).cloned().unwrap_or_else(|| path.to_owned());
            let change = match (status.as_bytes()[0], old.and_then(|o| repo.in_plan(o))) {
                (b'R', Some(from)) => {
                    alias.insert(from.to_owned(), key.clone());
                    Change::Renamed { from: from.to_owned() }
                }
                (b'A' | b'C' | b'R', _) => Change::Added,
                (b'D', _) => Change::Deleted,
                _ => Change::Modified,
            };
            log.files.entry(key).or_default().push(FileChange {
                commit: index,
                path: path.to_owned(),
                change,
            });
        }
    }
    log
}

fn parse_header(header: &str) -> Option<Commit> {
    let mut fields = header.split('\x1f');
    let (id, short, author, email, date, subject) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next().unwrap_or_default(),
    );
    let timestamp: jiff::Timestamp = date.parse().ok()?;
    Some(Commit {
        id: id.to_owned(),
        short: short.to_owned(),
        author: author.to_owned(),
        email: email.to_owned(),
        date: date.get(..10)?.parse().ok()?,
        time: timestamp.as_second(),
        subject: subject.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo(prefix: &str) -> Repo {
        Repo {
            root: "/r".into(),
            prefix: prefix.to_owned(),
            shallow: false,
            head: None,
        }
    }

    #[test]
    fn reads_commits_and_follows_renames_to_the_newest_path() {
        let text = "\x1eb2\x1fb\x1fB B\x1fb@x\x1f2026-12-04T19:30:07+07:00\x1fsecond\0\nR050\0plan/goals/a.md\0plan/goals/b.md\0A\0plan/goals/c d.md\0M\0README.md\0\
                    \x1ea1\x1fa\x1fA\x1fa@x\x1f2026-12-01T01:00:00Z\x1ffirst: one\0\nA\0plan/goals/a.md\0";
        let log = parse(text, &repo("plan/"));
        assert_eq!(log.commits.len(), 2);
        assert_eq!(log.commits[0].author, "B B");
        assert_eq!(log.commits[0].date, jiff::civil::date(2026, 12, 4));
        assert_eq!(log.commits[1].subject, "first: one");
        let b = log.of("goals/b.md");
        assert_eq!(b.len(), 2, "{b:?}");
        assert_eq!(
            b[0].change,
            Change::Renamed {
                from: "goals/a.md".into()
            }
        );
        assert_eq!(
            (b[1].commit, b[1].path.as_str(), &b[1].change),
            (1, "goals/a.md", &Change::Added)
        );
        assert_eq!(log.of("goals/c d.md")[0].change, Change::Added);
        assert!(log.of("README.md").is_empty(), "outside the plan folder");
        assert_eq!(log.last_change("goals/b.md").unwrap().id, "b2");
    }
}
