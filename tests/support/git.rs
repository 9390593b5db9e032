//! Real git repositories for the tests of the history: commits with set authors and dates
//! (`user.name` per command, `GIT_AUTHOR_DATE` and `GIT_COMMITTER_DATE`), never signed, with no
//! setting of the user's own configuration.

use std::path::Path;
use std::process::Command;

/// Runs `git ARGS` in `dir` as `author` on `date` (RFC 3339); returns its standard output.
pub fn git(dir: &Path, author: &str, date: &str, args: &[&str]) -> String {
    let email = format!("{}@example.org", author.to_lowercase().replace(' ', "."));
    let output = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            &format!("user.name={author}"),
            "-c",
            &format!("user.email={email}"),
        ])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// A new repository in `dir` holding everything in it, committed as `author` on `date`.
pub fn init(dir: &Path, author: &str, date: &str, message: &str) {
    git(dir, author, date, &["init", "-q"]);
    commit_all(dir, author, date, message);
}

/// Commits every change in `dir` (new files too).
pub fn commit_all(dir: &Path, author: &str, date: &str, message: &str) {
    git(dir, author, date, &["add", "-A", "."]);
    git(dir, author, date, &["commit", "-q", "-m", message]);
}

/// The short id of `HEAD` (as `git log` abbreviates it).
pub fn short_head(dir: &Path) -> String {
    git(dir, "x", "2027-01-01T00:00:00Z", &["rev-parse", "--short", "HEAD"])
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
    init(dir, first.0, first.1, first.2);
    replace(&goal, "target = 45", "target = 50");
    commit_all(dir, second.0, second.1, second.2);
    git(
        dir,
        third.0,
        third.1,
        &["mv", "plan/pages/notes.md", "plan/pages/meeting-notes.md"],
    );
    git(dir, third.0, third.1, &["rm", "-q", "plan/pages/draft.md"]);
    commit_all(dir, third.0, third.1, third.2);
    replace(&goal, "target = 50", "target = 40");
    replace(&goal, "deadline = 2027-09-30", "deadline = 2027-10-31");
    commit_all(dir, fourth.0, fourth.1, fourth.2);
    plan
}
