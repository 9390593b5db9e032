//! Writes a site atomically: everything goes into a hidden staging folder, which replaces the
//! output only once complete. A failed, refused or interrupted build leaves the previous site
//! untouched and nothing of its own behind; leftovers of a killed build are removed by the next.
//!
//! The staging folder sits beside the output, and the swap is two renames. When the output is
//! a mount point (a CI volume), which cannot be renamed, the staging folder sits inside it and
//! the swap moves the folder's entries instead.
//!
//! A file whose bytes are the same as in the previous site is hard-linked from it instead of
//! written again (as `rsync --link-dest` does): the old site is never modified, unchanged files
//! keep their modification time (kind to deploys and caches), and the build avoids creating
//! thousands of new inodes, which on some file systems costs more than rendering the pages. A
//! page whose fingerprint is the one the last build recorded for it (see [`cache`]) is
//! hard-linked without being rendered at all.

pub mod cache;
pub mod interrupt;
mod swap;
pub mod target;

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use anyhow::Context;

pub use target::{Existing, MARKER, Target};

use crate::site::fingerprint::Fingerprint;

/// How the output is replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// The staging folder is a sibling of the output; the swap renames folders.
    Beside,
    /// The output is a mount point; the staging folder is inside it, the swap moves entries.
    Inside,
}

/// A site being written.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    place: Place,
    /// The site being replaced, if stratagem wrote it: the source of hard links.
    previous: Option<PathBuf>,
    /// Folders of the staging folder already created: a site has a few folders and thousands of
    /// files, so each folder is created once rather than once per file.
    folders: Mutex<HashSet<PathBuf>>,
    /// What the last build wrote here, and what this one writes.
    cache: Option<cache::Cache>,
    /// How many pages were kept from the previous site without being rendered.
    kept: AtomicUsize,
    done: bool,
}

impl Staging {
    /// Checks the output folder (see [`target::check`]), removes leftovers of killed builds,
    /// and creates the staging folder.
    pub fn new(output: &Path, plan_root: &Path, force: bool) -> anyhow::Result<Staging> {
        let target = check(output, plan_root, force)?;
        let path = target.path;
        let parent = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("/"));
        fs::create_dir_all(&parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
        let place = if target.existing != Existing::Missing && is_mount_point(&path, &parent) {
            Place::Inside
        } else {
            Place::Beside
        };
        let (holder, prefix) = match place {
            Place::Beside => (
                parent,
                format!("{}building-{}-", sibling_prefix(&path), std::process::id()),
            ),
            Place::Inside => (path.clone(), format!("{INSIDE_PREFIX}building-{}-", std::process::id())),
        };
        // Created and registered inside the gate: a signal in between would leave it behind.
        let gate = interrupt::enter()?;
        let dir = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(&holder)
            .with_context(|| format!("cannot create a build folder in `{}`", holder.display()))?
            .keep();
        interrupt::register(&dir);
        drop(gate);
        let staging = Staging {
            previous: matches!(target.existing, Existing::Site).then(|| path.clone()),
            cache: cache::Cache::open(&path),
            kept: AtomicUsize::new(0),
            dir,
            target: path,
            place,
            folders: Mutex::new(HashSet::new()),
            done: false,
        };
        staging.write(MARKER, target::MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// Writes one file, `rel` being `/`-separated and relative to the site root.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let _gate = interrupt::enter()?;
        let path = self.create_parent(rel)?;
        if self.link_unchanged(rel, &path, |old, metadata| {
            Ok(metadata.len() == bytes.len() as u64 && fs::read(old)? == bytes)
        }) {
            return Ok(());
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Whether pages are fingerprinted: there is a cache to keep them in.
    pub fn fingerprints(&self) -> bool {
        self.cache.is_some()
    }

    /// Hard-links the page `rel` from the previous site when the last build wrote it from the
    /// same `fingerprint` and its file is unchanged since. False when it has to be rendered.
    pub fn keep(&self, rel: &str, fingerprint: Fingerprint) -> anyhow::Result<bool> {
        let (Some(cache), Some(previous)) = (&self.cache, &self.previous) else {
            return Ok(false);
        };
        let old = previous.join(rel);
        let Ok(metadata) = fs::symlink_metadata(&old) else {
            return Ok(false);
        };
        if !cache.unchanged(rel, fingerprint, &metadata) {
            return Ok(false);
        }
        let _gate = interrupt::enter()?;
        let path = self.create_parent(rel)?;
        if fs::hard_link(&old, &path).is_err() {
            return Ok(false);
        }
        cache.record(rel, fingerprint, &metadata);
        self.kept.fetch_add(1, Ordering::Relaxed);
        Ok(true)
    }

    /// How many pages [`Staging::keep`] kept.
    pub fn kept(&self) -> usize {
        self.kept.load(Ordering::Relaxed)
    }

    /// Writes the page `rel`, rendered from `fingerprint`, and records it for the next build.
    pub fn write_page(&self, rel: &str, fingerprint: Fingerprint, bytes: &[u8]) -> anyhow::Result<()> {
        self.write(rel, bytes)?;
        if let Some(cache) = &self.cache
            && let Ok(metadata) = fs::symlink_metadata(self.dir.join(rel))
        {
            cache.record(rel, fingerprint, &metadata);
        }
        Ok(())
    }

    /// Copies one file of the plan (a `static/` file) into the site under `rel`, streaming it.
    pub fn copy(&self, from: &Path, rel: &str) -> anyhow::Result<()> {
        let _gate = interrupt::enter()?;
        let path = self.create_parent(rel)?;
        if self.link_unchanged(rel, &path, |old, _| same_contents(old, from)) {
            return Ok(());
        }
        let mut source = fs::File::open(from).with_context(|| format!("cannot read `{}`", from.display()))?;
        if !source.metadata().is_ok_and(|m| m.is_file()) {
            anyhow::bail!("`{}` is not a regular file", from.display());
        }
        let mut sink = fs::File::create(&path).with_context(|| format!("cannot write `{}`", path.display()))?;
        std::io::copy(&mut source, &mut sink).with_context(|| format!("cannot copy `{}`", from.display()))?;
        Ok(())
    }

    fn create_parent(&self, rel: &str) -> anyhow::Result<PathBuf> {
        let path = self.dir.join(rel);
        let Some(parent) = path.parent() else {
            return Ok(path);
        };
        let known = |folders: &HashSet<PathBuf>| folders.contains(parent);
        if !known(&self.folders.lock().unwrap_or_else(PoisonError::into_inner)) {
            fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", parent.display()))?;
            self.folders
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(parent.to_path_buf());
        }
        Ok(path)
    }

    /// Hard-links `rel` from the previous site when `same` says its bytes are those to write.
    /// False otherwise, or when the file system cannot link: the caller then writes the file.
    fn link_unchanged(
        &self,
        rel: &str,
        path: &Path,
        same: impl Fn(&Path, &fs::Metadata) -> std::io::Result<bool>,
    ) -> bool {
        let Some(previous) = &self.previous else { return false };
        let old = previous.join(rel);
        let Ok(metadata) = fs::symlink_metadata(&old) else {
            return false;
        };
        metadata.is_file() && same(&old, &metadata).unwrap_or(false) && fs::hard_link(&old, path).is_ok()
    }

    /// Replaces the output with the finished site.
    pub fn commit(mut self) -> anyhow::Result<()> {
        let _gate = interrupt::enter()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Temporary folders are private; a published site is readable by the web server.
            let _ = fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o755));
        }
        let result = match self.place {
            Place::Beside => swap::rename(&self.dir, &self.target, &sibling_prefix(&self.target)),
            Place::Inside => swap::entries(&self.dir, &self.target),
        };
        self.done = result.is_ok();
        if let (true, Some(cache)) = (self.done, self.cache.take()) {
            cache.save();
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
        interrupt::unregister(&self.dir);
    }
}

/// Prefix of the folders a build keeps inside a mounted output.
const INSIDE_PREFIX: &str = ".stratagem-";

/// `.public.` for an output `…/public`: the prefix of its staging and old-site siblings.
fn sibling_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or("site".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.")
}

/// Checks the output and removes the leftovers of killed builds beside it and inside it.
pub fn check(output: &Path, plan_root: &Path, force: bool) -> anyhow::Result<Target> {
    let resolved = target::resolve(output)?;
    let prefix = sibling_prefix(&resolved);
    if let Some(parent) = resolved.parent() {
        swap::remove_leftovers(parent, &prefix);
    }
    swap::remove_leftovers(&resolved, INSIDE_PREFIX);
    target::check(output, plan_root, force, |name| {
        swap::is_leftover_name(name, INSIDE_PREFIX)
    })
}

/// A folder on another file system than its parent's: it cannot be renamed.
fn is_mount_point(path: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(path), fs::metadata(parent)) {
            (Ok(a), Ok(b)) => a.dev() != b.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (path, parent);
        false
    }
}

/// Whether two files have the same bytes, read in chunks.
fn same_contents(a: &Path, b: &Path) -> std::io::Result<bool> {
    let (mut a, mut b) = (fs::File::open(a)?, fs::File::open(b)?);
    if a.metadata()?.len() != b.metadata()?.len() {
        return Ok(false);
    }
    let (mut x, mut y) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(b.read(&mut y[..1])? == 0);
        }
        b.read_exact(&mut y[..n])?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}
