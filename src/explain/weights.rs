//! Each reason with the weight it added to the page's score. The verdict's reasons carry
//! their push already (`verdict::Reason::weight`, the column's weight × value from a plain
//! page); this keeps the report's own record of them.

use crate::verdict::Verdict;
use serde::Serialize;

/// A reason and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightedReason {
    pub code: String,
    pub message: String,
    /// Log-odds this reason's column added to the score (0 for pages not scored by the
    /// model: `no_article`, `no_evidence`).
    pub weight: f32,
}

/// The verdict's reasons, in its order, each with its weight.
pub fn weighted(v: &Verdict) -> Vec<WeightedReason> {
    v.reasons
        .iter()
        .map(|r| WeightedReason {
            code: r.code.clone(),
            message: r.message.clone(),
            weight: r.weight,
        })
        .collect()
}
