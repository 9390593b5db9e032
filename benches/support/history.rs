//! A generated plan with a git history: the plan of [`super::plan`] in `plan/` of a repository of
//! its own, then commits that each move a few goals' targets or deadlines and edit a few other
//! documents, with set dates (through 2026) and five authors, then packed. Written once under
//! `target/bench-plans/<n>-git<commits>` and reused while valid.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Bump when the history written changes.
const VERSION: &str = "3";

const AUTHORS: [&str; 5] = ["Mai Nguyen", "Ana Costa", "Bảo Trần", "Chen Wei", "Rhys Evans"];

/// The repository and the plan folder in it, `commits` commits deep (the first adds the plan).
pub fn git_plan(n: usize, commits: usize) -> (PathBuf, PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-plans")
        .join(format!("{n}-git{commits}"));
    let plan = repo.join("plan");
    let stamp = repo.join(".git/stratagem-bench");
    let version = format!("{VERSION}/{}", super::generator::VERSION);
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(version.as_str()) {
        return (repo, plan);
    }
    let _ = std::fs::remove_dir_all(&repo);
    std::fs::create_dir_all(&repo).unwrap();
    super::generator::write_plan(&plan, n).expect("write benchmark plan");
    git(&repo, 0, &["init", "-q"]);
    git(&repo, 0, &["add", "."]);
    git(&repo, 0, &["commit", "-q", "-m", "The plan"]);
    let goals = files(&plan.join("goals"));
    let others: Vec<PathBuf> = ["strategies", "tactics", "evaluations"]
        .iter()
        .flat_map(|f| files(&plan.join(f)))
        .collect();
    for k in 1..commits {
        let mut changed = Vec::new();
        for j in 0..3 {
            let goal = &goals[(k * 7 + j * 13) % goals.len()];
            move_goalpost(goal, k + j);
            changed.push(goal.clone());
        }
        for j in 0..2 {
            let other = &others[(k * 31 + j * 17) % others.len()];
            let mut text = std::fs::read_to_string(other).unwrap();
            text.push_str(&format!("\nReviewed in round {k}.\n"));
            std::fs::write(other, text).unwrap();
            changed.push(other.clone());
        }
        let mut add = vec!["add".to_owned(), "--".to_owned()];
        add.extend(changed.iter().map(|p| p.display().to_string()));
        git(&repo, k, &add.iter().map(String::as_str).collect::<Vec<_>>());
        git(
            &repo,
            k,
            &["commit", "-q", "-m", &format!("Round {k}: move three goals")],
        );
    }
    // Packed, as a clone is (and as `git gc` leaves a working repository): git reads 4,000
    // loose objects several times slower.
    git(&repo, commits, &["gc", "-q"]);
    std::fs::write(&stamp, version).unwrap();
    (repo, plan)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// Moves a goal's target by one (between an even number and the odd one after it) or its
/// deadline by a day, in turns: the plan stays valid.
fn move_goalpost(goal: &Path, turn: usize) {
    let text = std::fs::read_to_string(goal).unwrap();
    let number = |key: &str| -> f64 {
        let line = text.lines().find(|l| l.starts_with(key)).unwrap();
        line[key.len()..].trim().parse().unwrap()
    };
    let (baseline, target) = (number("baseline = "), number("target = "));
    let moved = if target % 2.0 == 0.0 {
        target + 1.0
    } else {
        target - 1.0
    };
    // A target equal to its baseline is an error: the deadline moves instead.
    let text = if turn.is_multiple_of(2) && moved != baseline {
        text.replace(&format!("target = {target}\n"), &format!("target = {moved}\n"))
    } else if text.contains("-28\ndata_source") {
        text.replace("-28\ndata_source", "-27\ndata_source")
    } else {
        text.replace("-27\ndata_source", "-28\ndata_source")
    };
    std::fs::write(goal, text).unwrap();
}

/// Runs git in `repo` as the `k`th commit's author, on its date: `k` × 17 hours after the start
/// of 2026.
fn git(repo: &Path, k: usize, args: &[&str]) {
    let author = AUTHORS[k % AUTHORS.len()];
    let seconds = 1_767_225_600 + k as i64 * 17 * 3600;
    let date = format!("@{seconds} +0000");
    let output = Command::new("git")
        .current_dir(repo)
        .args([
            "-c",
            &format!("user.name={author}"),
            "-c",
            "user.email=bench@example.org",
        ])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
