//! The plan folder as it was at a revision, written out to a temporary folder so that it loads
//! like any plan.

use std::path::Path;

use anyhow::Context;

use super::git::{Objects, Repo};

/// The plan as committed at `commit`, in a temporary folder removed when this is dropped.
pub struct Checkout {
    pub dir: tempfile::TempDir,
    /// How many files were written.
    pub files: usize,
}

impl Checkout {
    /// Writes every regular file of the plan folder at `commit` (symbolic links and submodules
    /// are left out: a revision's plan is read from git's objects, never from outside them).
    pub fn of(repo: &Repo, commit: &str) -> anyhow::Result<Checkout> {
        let listing = repo.run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", &repo.pathspec()])?;
        let dir = tempfile::Builder::new()
            .prefix("stratagem-revision-")
            .tempdir()
            .context("cannot create a temporary folder")?;
        let mut objects = Objects::open(repo)?;
        let mut files = 0;
        for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut meta = meta.split(' ');
            let (Some(mode), Some("blob"), Some(id)) = (meta.next(), meta.next(), meta.next()) else {
                continue;
            };
            let Some(relative) = repo.in_plan(path) else { continue };
            if !matches!(mode, "100644" | "100755") || !safe_relative(relative) {
                continue;
            }
            let Some(bytes) = objects.read(id)? else { continue };
            let target = dir.path().join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
            }
            std::fs::write(&target, bytes).with_context(|| format!("cannot write `{}`", target.display()))?;
            files += 1;
        }
        Ok(Checkout { dir, files })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// A path git gave that stays inside the folder it is written to.
fn safe_relative(path: &str) -> bool {
    !path.starts_with('/') && path.split('/').all(|part| !matches!(part, "" | "." | ".."))
}

#[cfg(test)]
mod tests {
    use super::safe_relative;

    #[test]
    fn only_plain_relative_paths_are_written() {
        assert!(safe_relative("goals/a.md"));
        for bad in ["/etc/passwd", "../x.md", "goals/../../x", "a//b", "./a"] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }
}
