//! What changed since a base revision: the base itself (three-dot: the merge base of BASE and
//! HEAD), the plan files changed since it in the work tree, and which documents a review of that
//! change must look at (`lint --changed`).

use std::collections::{BTreeSet, HashSet};

use anyhow::bail;

use super::git::{Objects, Repo};
use super::log::Change;
use crate::plan::{Document, KindData, Plan, SETTINGS_FILE};

/// The commit changes are counted from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base {
    /// What it was named (`origin/main`), or the default branch that was found.
    pub named: String,
    /// The merge base of that and HEAD.
    pub commit: String,
}

impl Base {
    pub fn short(&self) -> &str {
        self.commit.get(..7).unwrap_or(&self.commit)
    }
}

/// The merge base of `given` (else the default branch) and `head`, or an error that says what
/// to fetch.
pub fn resolve_base(repo: &Repo, given: Option<&str>, head: &str) -> anyhow::Result<Base> {
    let fetch = "fetch the whole history (`git fetch --unshallow`; in GitHub Actions, `fetch-depth: 0` \
                 on actions/checkout; in GitLab CI, `GIT_DEPTH: 0`)";
    let named = match given.filter(|g| !g.is_empty()) {
        Some(name) => name.to_owned(),
        None => match repo.default_base() {
            Some(name) => name,
            None if repo.shallow => bail!("no base branch to compare with in this shallow clone: {fetch}, or name one"),
            None => bail!(
                "no base branch to compare with (no `origin/HEAD`, `main` or `master`): name one, e.g. `--changed=origin/main`"
            ),
        },
    };
    if repo.commit(&named).is_none() {
        if repo.shallow {
            bail!("`{named}` is not in this shallow clone: {fetch}");
        }
        bail!(
            "no revision `{named}` here (a branch, tag or commit; fetch a remote branch first, e.g. `git fetch origin main`)"
        );
    }
    match repo.merge_base(&named, head) {
        Some(commit) => Ok(Base { named, commit }),
        None if repo.shallow => bail!("`{named}` and `{head}` have no common commit in this shallow clone: {fetch}"),
        None => bail!("`{named}` and `{head}` have no common history"),
    }
}

/// One plan file changed since the base.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangedFile {
    /// Its plan path now (or at the base, when deleted).
    pub path: String,
    pub change: Change,
}

/// The plan files that differ between `base` and the work tree (staged, unstaged and untracked
/// files alike), renames found by git.
pub fn files_since(repo: &Repo, base: &Base) -> anyhow::Result<Vec<ChangedFile>> {
    let spec = repo.pathspec();
    let out = repo.run([
        "diff",
        "--no-color",
        "--name-status",
        "-z",
        "-M",
        &base.commit,
        "--",
        &spec,
    ])?;
    let text = String::from_utf8_lossy(&out);
    let mut tokens = text.split('\0').filter(|t| !t.is_empty());
    let mut files = Vec::new();
    while let Some(status) = tokens.next() {
        let first = tokens.next().unwrap_or_default();
        let (old, new) = if status.starts_with(['R', 'C']) {
            (Some(first), tokens.next().unwrap_or_default())
        } else {
            (None, first)
        };
        let Some(path) = repo.in_plan(new) else { continue };
        let change = match (status.as_bytes()[0], old.and_then(|o| repo.in_plan(o))) {
            (b'R', Some(from)) => Change::Renamed { from: from.to_owned() },
            (b'A' | b'C' | b'R', _) => Change::Added,
            (b'D', _) => Change::Deleted,
            _ => Change::Modified,
        };
        files.push(ChangedFile {
            path: path.to_owned(),
            change,
        });
    }
    let untracked = repo.run(["ls-files", "--others", "--exclude-standard", "-z", "--", &spec])?;
    for path in String::from_utf8_lossy(&untracked)
        .split('\0')
        .filter_map(|p| repo.in_plan(p))
    {
        files.push(ChangedFile {
            path: path.to_owned(),
            change: Change::Added,
        });
    }
    Ok(files)
}

/// The documents a review of the change must see findings on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Review {
    /// plan.toml changed: every document may be affected.
    pub everything: bool,
    /// Plan paths (of the work tree) to report on.
    pub paths: BTreeSet<String>,
    /// How many of them changed themselves (the rest are documents that reference them, or
    /// that they referenced).
    pub changed: usize,
}

/// The changed documents, and those whose references changed because of them: documents that
/// name a changed or removed document (a removed strategy's tactics), and those a changed
/// document names, or named at the base (the strategy a tactic left).
pub fn review(repo: &Repo, base: &Base, files: &[ChangedFile], plan: &Plan) -> anyhow::Result<Review> {
    let mut review = Review::default();
    let mut ids: HashSet<String> = HashSet::new();
    let mut named: HashSet<String> = HashSet::new();
    let mut objects = Objects::open(repo)?;
    for file in files {
        if file.path == SETTINGS_FILE {
            review.everything = true;
            review.paths.insert(file.path.clone());
            continue;
        }
        if let Some(document) = plan.by_path(&file.path) {
            review.paths.insert(file.path.clone());
            ids.insert(document.id.clone());
            named.extend(references(document));
        }
        let base_path = match &file.change {
            Change::Renamed { from } => from.as_str(),
            Change::Added => continue,
            _ => file.path.as_str(),
        };
        let object = format!("{}:{}{}", base.commit, repo.prefix, base_path);
        if let Some(before) = objects
            .read(&object)?
            .and_then(|bytes| super::goals::document(base_path, bytes))
        {
            ids.insert(before.id.clone());
            named.extend(references(&before));
        }
    }
    review.changed = review.paths.len();
    for document in &plan.documents {
        if named.contains(&document.id) || references(document).iter().any(|id| ids.contains(id)) {
            review.paths.insert(document.path.clone());
        }
    }
    Ok(review)
}

/// The ids a document names in its references (goals, strategies, measurements' goals).
fn references(document: &Document) -> Vec<String> {
    let ids = |list: &[crate::plan::Spanned<String>]| list.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
    match &document.data {
        KindData::Strategy(s) => ids(&s.goals),
        KindData::Tactic(t) => ids(&t.strategies),
        KindData::Evaluation(e) => {
            let mut all = ids(&e.goals);
            all.extend(
                e.measurements
                    .iter()
                    .filter_map(|m| m.value.goal.as_ref().map(|g| g.value.clone())),
            );
            all
        }
        KindData::Goal(_) | KindData::Page => Vec::new(),
    }
}
