//! What the last build into an output folder wrote, kept outside the site, in the user's cache
//! folder (`$STRATAGEM_CACHE_DIR`, else the platform's: `~/.cache/stratagem` on Linux): for
//! each page, its fingerprint and the identity of its file (size, modification time, inode). A
//! warm build hard-links a page whose fingerprint did not change, and whose file is still the
//! one that build wrote, instead of rendering it again. A cache that is missing, unreadable or
//! left by another binary costs only the time it would have saved; the site never reads it.

use std::collections::HashMap;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::site::fingerprint::{self, Fingerprint};

/// A page as a build wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    fingerprint: Fingerprint,
    size: u64,
    /// Nanoseconds since 1970.
    modified: u64,
    inode: u64,
}

impl Record {
    fn new(fingerprint: Fingerprint, file: &fs::Metadata) -> Record {
        let (size, modified, inode) = identity(file);
        Record {
            fingerprint,
            size,
            modified,
            inode,
        }
    }

    /// Whether `file` is still the file this record describes.
    fn describes(&self, file: &fs::Metadata) -> bool {
        file.is_file() && identity(file) == (self.size, self.modified, self.inode)
    }
}

fn identity(file: &fs::Metadata) -> (u64, u64, u64) {
    let modified = file
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(file);
    #[cfg(not(unix))]
    let inode = 0;
    (file.len(), modified, inode)
}

/// The cache file's contents.
#[derive(Serialize, Deserialize)]
struct Stored {
    /// [`fingerprint::binary`] of the binary that wrote it.
    binary: Fingerprint,
    pages: HashMap<String, Record>,
}

/// The records of the last build into one output folder, and those of this build.
pub struct Cache {
    file: PathBuf,
    binary: Fingerprint,
    previous: HashMap<String, Record>,
    next: Mutex<Vec<(String, Record)>>,
}

impl Cache {
    /// The cache of the site at `output` (an absolute path). `None` when there is no cache
    /// folder or this binary cannot be told apart from others.
    pub fn open(output: &Path) -> Option<Cache> {
        let binary = fingerprint::binary()?;
        let folder = match std::env::var_os("STRATAGEM_CACHE_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs::cache_dir()?.join("stratagem"),
        };
        let mut hasher = DefaultHasher::new();
        output.hash(&mut hasher);
        let file = folder.join("sites").join(format!("{:016x}.json", hasher.finish()));
        let previous = fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.binary == binary)
            .map(|stored| stored.pages)
            .unwrap_or_default();
        Some(Cache {
            file,
            binary,
            previous,
            next: Mutex::new(Vec::new()),
        })
    }

    /// Whether the last build wrote `rel` from `fingerprint` as the file `old` still is.
    pub fn unchanged(&self, rel: &str, fingerprint: Fingerprint, old: &fs::Metadata) -> bool {
        self.previous
            .get(rel)
            .is_some_and(|r| r.fingerprint == fingerprint && r.describes(old))
    }

    /// Notes that this build wrote `rel`, from `fingerprint`, as `file`.
    pub fn record(&self, rel: &str, fingerprint: Fingerprint, file: &fs::Metadata) {
        let record = Record::new(fingerprint, file);
        self.next
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((rel.to_owned(), record));
    }

    /// Replaces the stored records with this build's (written to a temporary file, then
    /// renamed). A cache that cannot be written is left out: it only saves time.
    pub fn save(self) {
        let pages = self.next.into_inner().unwrap_or_else(PoisonError::into_inner);
        let stored = Stored {
            binary: self.binary,
            pages: pages.into_iter().collect(),
        };
        let Some(folder) = self.file.parent() else { return };
        let write = || -> std::io::Result<()> {
            fs::create_dir_all(folder)?;
            let mut temp = tempfile::NamedTempFile::new_in(folder)?;
            serde_json::to_writer(std::io::BufWriter::new(temp.as_file_mut()), &stored)?;
            temp.persist(&self.file).map_err(|e| e.error)?;
            Ok(())
        };
        let _ = write();
        prune(folder, &self.file);
    }
}

/// How long the records of an output folder that no build touched are kept.
const KEEP_UNUSED: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

/// Removes the records of output folders that no build touched for [`KEEP_UNUSED`] (sites
/// built once into a temporary folder), so that the cache folder does not grow for ever.
fn prune(folder: &Path, current: &Path) {
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let unused = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > KEEP_UNUSED));
        if path != current && unused && path.extension().is_some_and(|e| e == "json") {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_describes_its_file_until_the_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.html");
        fs::write(&path, "<p>one</p>").unwrap();
        let record = Record::new(7, &fs::metadata(&path).unwrap());
        assert!(record.describes(&fs::metadata(&path).unwrap()));
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&path, "<p>two</p>").unwrap();
        assert!(!record.describes(&fs::metadata(&path).unwrap()), "same size, rewritten");
        assert!(!record.describes(&fs::metadata(dir.path()).unwrap()), "not a file");
    }

    #[test]
    fn records_of_folders_untouched_for_a_month_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let (old, recent, other) = (
            dir.path().join("a.json"),
            dir.path().join("b.json"),
            dir.path().join("c.txt"),
        );
        for path in [&old, &recent, &other] {
            fs::write(path, "{}").unwrap();
        }
        let month_ago = std::time::SystemTime::now() - KEEP_UNUSED - std::time::Duration::from_secs(60);
        for path in [&old, &other] {
            fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(month_ago)
                .unwrap();
        }
        prune(dir.path(), &recent);
        assert!(!old.exists() && recent.exists() && other.exists());
    }
}
