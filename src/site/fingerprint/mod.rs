//! Fingerprints of pages: a hash of everything a page's bytes follow from — the binary that
//! renders it, the template set, the site-wide values, and the page's own path, template and
//! context, each value hashed as what a template sees (fed as tagged raw bytes, see [`feed`]). Two renders with the same fingerprint
//! give the same bytes, so a warm build can keep a page whose fingerprint did not change instead
//! of rendering it again (see `output::cache`).

mod feed;

use std::cell::RefCell;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use serde::Serialize;

/// A page's fingerprint.
pub type Fingerprint = u64;

/// Fixed keys: fingerprints are compared across runs of the same binary, so they must not
/// change from one run to the next (a run of another binary has another [`binary`] value).
const KEYS: ahash::RandomState = ahash::RandomState::with_seeds(
    0x7374_7261_7461_6765,
    0x6d20_7061_6765_7321,
    0x9e37_79b9_7f4a_7c15,
    0xc2b2_ae3d_27d4_eb4f,
);

/// Values hashed in order.
pub struct Digest(ahash::AHasher);

thread_local! {
    /// The bytes of the value being hashed: written in one piece, hashed in one call.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

impl Default for Digest {
    fn default() -> Digest {
        Digest(KEYS.build_hasher())
    }
}

impl Digest {
    pub fn add(&mut self, value: &impl Serialize) -> &mut Digest {
        let mut hash = |buffer: &mut Vec<u8>| {
            buffer.clear();
            // Feeding cannot fail; a value that cannot be serialised would fail the render too.
            let _ = value.serialize(&mut feed::Feed(buffer));
            self.0.write(buffer);
        };
        // A value whose serialisation digests another value (a shared goal card) borrows the
        // buffer already: that inner one gets a buffer of its own.
        BUFFER.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buffer) => hash(&mut buffer),
            Err(_) => hash(&mut Vec::new()),
        });
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        self.0.write_u8(0xff);
        self
    }

    pub fn add_str(&mut self, text: &str) -> &mut Digest {
        self.0.write(text.as_bytes());
        self.0.write_u8(0xff);
        self
    }

    pub fn add_u64(&mut self, n: u64) -> &mut Digest {
        self.0.write_u64(n);
        self
    }

    pub fn finish(&self) -> Fingerprint {
        self.0.finish()
    }
}

/// This binary: its version, and the size and modification time of its file (a rebuilt binary
/// may render differently under the same version). `None` when the file cannot be read: pages
/// are then not fingerprinted at all.
pub fn binary() -> Option<Fingerprint> {
    static BINARY: OnceLock<Option<Fingerprint>> = OnceLock::new();
    *BINARY.get_or_init(|| {
        let mut digest = Digest::default();
        digest.add_str(env!("CARGO_PKG_VERSION"));
        let file = std::env::current_exe().and_then(std::fs::metadata);
        match file.and_then(|m| Ok((m.len(), m.modified()?))) {
            Ok((len, modified)) => {
                let nanos = modified
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                digest.add_u64(len).add_u64(nanos as u64);
            }
            Err(_) => return None,
        }
        Some(digest.finish())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_values_give_the_same_fingerprint_and_others_another() {
        let of = |a: &str, b: &str| Digest::default().add(&a).add(&b).finish();
        assert_eq!(of("ab", "c"), of("ab", "c"));
        assert_ne!(of("ab", "c"), of("a", "bc"));
        assert_ne!(of("ab", "c"), of("ab", "d"));
        assert!(binary().is_some(), "the test binary's file is readable");
    }
}
