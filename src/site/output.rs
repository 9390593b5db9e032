//! Writes a site atomically: everything goes into a hidden sibling folder of the output, which
//! replaces the output only once complete. A failed build leaves the previous site untouched and
//! no half-written folder behind.
//!
//! A file whose bytes are the same as in the previous site is hard-linked from it instead of
//! written again (as `rsync --link-dest` does): the old site is never modified, unchanged files
//! keep their modification time (kind to deploys and caches), and the build avoids creating
//! thousands of new inodes, which on some file systems costs more than rendering the pages.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// A site being written.
pub struct Staging {
    dir: tempfile::TempDir,
    target: PathBuf,
    /// The site being replaced, if there is one: the source of hard links.
    previous: Option<PathBuf>,
}

impl Staging {
    /// Prepares to write the site that will replace `target`. Refuses a target that is, or
    /// holds, a plan.
    pub fn new(target: &Path, plan_root: &Path) -> anyhow::Result<Staging> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
        let plan = plan_root.canonicalize().unwrap_or_else(|_| plan_root.to_path_buf());
        if let Ok(existing) = target.canonicalize()
            && (plan.starts_with(&existing) || existing.join("plan.toml").is_file())
        {
            bail!(
                "refusing to build into `{}`: it holds a plan, and building replaces the whole folder",
                target.display()
            );
        }
        let name = target
            .file_name()
            .map_or("site".into(), |n| n.to_string_lossy().into_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.building-"))
            .tempdir_in(&parent)
            .with_context(|| format!("cannot create a build folder in `{}`", parent.display()))?;
        let previous = target.is_dir().then(|| target.to_path_buf());
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            previous,
        })
    }

    /// Writes one file, `rel` being `/`-separated and relative to the site root.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        if self.link_unchanged(rel, &path, bytes) {
            return Ok(());
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Hard-links `rel` from the previous site when its bytes are the same. False otherwise, or
    /// when the file system cannot link: the caller then writes the file.
    fn link_unchanged(&self, rel: &str, path: &Path, bytes: &[u8]) -> bool {
        let Some(previous) = &self.previous else { return false };
        let old = previous.join(rel);
        let same_size = fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_size && fs::read(&old).is_ok_and(|old_bytes| old_bytes == bytes) && fs::hard_link(&old, path).is_ok()
    }

    /// Copies a folder (the plan's `static/`) into the site under `rel`.
    pub fn copy_dir(&self, from: &Path, rel: &str) -> anyhow::Result<usize> {
        let mut count = 0;
        for entry in walkdir::WalkDir::new(from).follow_links(true).sort_by_file_name() {
            let entry = entry.with_context(|| format!("cannot read `{}`", from.display()))?;
            let sub = entry.path().strip_prefix(from).unwrap_or(entry.path());
            let site_rel = Path::new(rel).join(sub);
            if entry.file_type().is_dir() {
                let target = self.dir.path().join(&site_rel);
                fs::create_dir_all(&target).with_context(|| format!("cannot create `{}`", target.display()))?;
            } else {
                let bytes =
                    fs::read(entry.path()).with_context(|| format!("cannot read `{}`", entry.path().display()))?;
                self.write(&site_rel.to_string_lossy(), &bytes)?;
                count += 1;
            }
        }
        Ok(count)
    }

    /// Replaces the target with the finished site.
    pub fn commit(self) -> anyhow::Result<()> {
        let staged = self.dir.keep();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Temporary folders are private; a published site is readable by the web server.
            let _ = fs::set_permissions(&staged, fs::Permissions::from_mode(0o755));
        }
        let name = self
            .target
            .file_name()
            .map_or("site".into(), |n| n.to_string_lossy().into_owned());
        let old = self
            .target
            .with_file_name(format!(".{name}.old-{}", std::process::id()));
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old)
                .with_context(|| format!("cannot move the old site `{}` aside", self.target.display()))?;
        }
        if let Err(error) = fs::rename(&staged, &self.target) {
            if had_old {
                let _ = fs::rename(&old, &self.target);
            }
            let _ = fs::remove_dir_all(&staged);
            return Err(error).with_context(|| format!("cannot move the new site into `{}`", self.target.display()));
        }
        if had_old {
            fs::remove_dir_all(&old).with_context(|| format!("cannot remove the old site `{}`", old.display()))?;
        }
        Ok(())
    }
}
