//! Swapping a finished site in: by renaming folders, or, for an output that cannot be renamed
//! (a mount point), by moving its entries; and removing what killed builds left behind.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::Context;

use super::target::{MARKER, is_site};

/// Replaces `target` with `staged` (its sibling) by two renames; the old site is removed last.
pub fn rename(staged: &Path, target: &Path, prefix: &str) -> anyhow::Result<()> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(staged, target).with_context(|| format!("cannot move the site into `{}`", target.display()));
    }
    let old = target.with_file_name(format!("{prefix}old-{}", std::process::id()));
    match fs::rename(target, &old) {
        Ok(()) => {}
        // A mount point (or a bind mount) stays where it is: move what it holds instead.
        Err(error) if cannot_move(&error) => return entries(staged, target),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot move the old site `{}` aside", target.display()));
        }
    }
    if let Err(error) = fs::rename(staged, target) {
        let _ = fs::rename(&old, target);
        return Err(error).with_context(|| format!("cannot move the new site into `{}`", target.display()));
    }
    fs::remove_dir_all(&old).with_context(|| format!("cannot remove the old site `{}`", old.display()))
}

/// Replaces what `target` holds with what `staged` holds, keeping `target` itself. The old
/// entries move into a hidden folder inside `target` first and come back if anything fails.
pub fn entries(staged: &Path, target: &Path) -> anyhow::Result<()> {
    let holder_name = format!("{}old-{}", super::INSIDE_PREFIX, std::process::id());
    let holder = target.join(&holder_name);
    fs::create_dir(&holder).with_context(|| format!("cannot create `{}`", holder.display()))?;
    let staged_name = staged
        .strip_prefix(target)
        .ok()
        .map(|p| p.to_string_lossy().into_owned());
    let old = names(target)?
        .into_iter()
        .filter(|n| *n != holder_name && Some(n) != staged_name.as_ref())
        .collect::<Vec<_>>();
    let mut moved = Vec::new();
    let mut placed = Vec::new();
    let result = (|| -> anyhow::Result<()> {
        for name in &old {
            fs::rename(target.join(name), holder.join(name))
                .with_context(|| format!("cannot move `{}` aside", target.join(name).display()))?;
            moved.push(name.clone());
        }
        for name in names(staged)? {
            move_or_copy(&staged.join(&name), &target.join(&name))?;
            placed.push(name);
        }
        Ok(())
    })();
    if let Err(error) = result {
        for name in &placed {
            let _ = remove_any(&target.join(name));
        }
        for name in &moved {
            let _ = fs::rename(holder.join(name), target.join(name));
        }
        let _ = fs::remove_dir_all(&holder);
        return Err(error);
    }
    fs::remove_dir_all(&holder).with_context(|| format!("cannot remove the old site `{}`", holder.display()))?;
    let _ = fs::remove_dir_all(staged);
    Ok(())
}

fn cannot_move(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        ErrorKind::ResourceBusy | ErrorKind::CrossesDevices | ErrorKind::PermissionDenied
    )
}

fn names(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read `{}`", dir.display()))? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

/// A rename, or across file systems a copy (a site holds only folders and files).
fn move_or_copy(from: &Path, to: &Path) -> anyhow::Result<()> {
    match fs::rename(from, to) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == ErrorKind::CrossesDevices => copy_tree(from, to),
        Err(error) => Err(error).with_context(|| format!("cannot move `{}` into the site", from.display())),
    }
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    if fs::symlink_metadata(from)?.is_dir() {
        fs::create_dir(to).with_context(|| format!("cannot create `{}`", to.display()))?;
        for name in names(from)? {
            copy_tree(&from.join(&name), &to.join(&name))?;
        }
        Ok(())
    } else {
        fs::copy(from, to).with_context(|| format!("cannot write `{}`", to.display()))?;
        Ok(())
    }
}

fn remove_any(path: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(path)?.is_dir() {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    }
}

/// `prefix` + `building-PID-…` or `old-PID`: a build's own folder.
pub fn is_leftover_name(name: &str, prefix: &str) -> bool {
    leftover_pid(name, prefix).is_some()
}

fn leftover_pid(name: &str, prefix: &str) -> Option<u32> {
    let rest = name.strip_prefix(prefix)?;
    let rest = rest.strip_prefix("building-").or_else(|| rest.strip_prefix("old-"))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Removes, in `dir`, the staging and old-site folders of builds that are no longer running.
/// Only folders that are a site stratagem wrote (or empty) are removed.
pub fn remove_leftovers(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = leftover_pid(&name, prefix) else {
            continue;
        };
        let path = entry.path();
        let is_dir = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        let ours =
            path.join(MARKER).is_file() || is_site(&path) || fs::read_dir(&path).is_ok_and(|mut d| d.next().is_none());
        if is_dir && ours && !running(pid, &path) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Whether the build with this process id may still be writing `path`.
fn running(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    if cfg!(target_os = "linux") {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    // Elsewhere, a folder untouched for an hour belongs to a build that is gone.
    fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() < 3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_names_of_build_folders() {
        assert_eq!(leftover_pid(".public.building-123-Ab9x", ".public."), Some(123));
        assert_eq!(leftover_pid(".public.old-77", ".public."), Some(77));
        assert_eq!(leftover_pid(".stratagem-old-5", ".stratagem-"), Some(5));
        assert_eq!(leftover_pid(".public.notes", ".public."), None);
        assert_eq!(leftover_pid("public", ".public."), None);
    }

    #[test]
    fn removes_only_leftovers_of_dead_builds_that_are_sites() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".public.building-4000000000-x");
        let mine = dir.path().join(".public.old-4000000001");
        let alive = dir.path().join(format!(".public.building-{}-y", 1));
        for path in [&dead, &mine, &alive] {
            fs::create_dir(path).unwrap();
            fs::write(path.join(MARKER), "").unwrap();
        }
        fs::write(mine.join("notes.txt"), "a user's file").unwrap();
        fs::remove_file(mine.join(MARKER)).unwrap();
        remove_leftovers(dir.path(), ".public.");
        assert!(!dead.exists(), "a dead build's staging folder is removed");
        assert!(mine.exists(), "a folder that is not a site is kept, whatever its name");
        assert!(alive.exists(), "the folder of a running build (pid 1) is kept");
    }
}
