//! What the preview serves, as one value: the pages in memory, the problems to overlay on them,
//! and the generation open pages compare with; and what one rebuild hands the server.
//!
//! May import the plan's file list only.

use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;

use crate::plan::discover::PlanFile;

/// Pages in memory, by path relative to the site root.
pub type Pages = HashMap<Arc<str>, Bytes>;

/// Files a render produced, in the order they came.
pub type Files = Vec<(Arc<str>, Bytes)>;

/// What the server shows: the pages, and the problems to overlay on them.
#[derive(Clone, Default)]
pub struct Snapshot {
    pub pages: Arc<Pages>,
    /// Errors to show over every page; empty when the plan has none.
    pub problems: Arc<Vec<Problem>>,
    /// Counts for the overlay's summary line.
    pub warnings: usize,
    /// Increases with every rebuild; pages reload when it moves on.
    pub generation: u64,
    /// The plan's `static/` files, served from disk as they are.
    pub assets: Arc<Vec<PlanFile>>,
}

/// What the last rebuild rendered, for a server in another process: every page (`full`), or
/// the pages that changed.
#[derive(Default)]
pub struct Delta {
    pub full: bool,
    pub files: Files,
}

/// One line of the overlay.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub location: String,
    pub rule: String,
    pub message: String,
}
