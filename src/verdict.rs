//! Page verdict: is this page a scraper-farm copy of a wire story, and why?

use serde::{Deserialize, Serialize};

/// One fact that pushed a page's score, for a moderator to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable machine code, `snake_case` (e.g. `wire_match`, `restamped_date`).
    pub code: String,
    /// One human sentence.
    pub message: String,
}

/// The wire story a page's body matches best (defined by the wire index, upstream).
pub use crate::wire::WireMatch;
