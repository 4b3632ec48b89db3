//! Each reason with the weight it added to the page's score: the log-odds its feature
//! columns contributed in the page model (weight × standardised value), summed per reason.
//!
//! The verdict states reasons without their weights; this recomputes them from the model's
//! per-column contributions, grouping columns under reason codes as `verdict::reasons` does.

use crate::verdict::features::{self, Evidence, NAMES};
use crate::verdict::reasons::code_of;
use crate::verdict::{Verdict, VerdictModel};
use serde::Serialize;

/// A reason and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightedReason {
    pub code: String,
    pub message: String,
    /// Log-odds this reason's columns added to the score (0 for pages not scored by the
    /// model: `no_article`, `no_evidence`).
    pub weight: f32,
}

/// The verdict's reasons, in its order, each with its weight.
pub fn weighted(model: &VerdictModel, e: &Evidence, v: &Verdict) -> Vec<WeightedReason> {
    let scored = features::judgeable(e.facts) && features::has_farm_evidence(e);
    let contributions = if scored {
        model.model.contributions(&features::row(e))
    } else {
        vec![0.0; NAMES.len()]
    };
    v.reasons
        .iter()
        .map(|r| WeightedReason {
            code: r.code.clone(),
            message: r.message.clone(),
            weight: NAMES
                .iter()
                .zip(&contributions)
                .map(|(name, c)| c * share(name, &r.code))
                .sum(),
        })
        .collect()
}

/// How much of a column's push belongs to a reason: the copy-and-uncredited interaction is
/// shared evenly between the wire match and the missing credit, as the verdict shares it.
fn share(column: &str, code: &str) -> f32 {
    match (column, code) {
        ("copy_uncredited", "wire_match" | "uncredited_dateline") => 0.5,
        _ if code_of(column) == code => 1.0,
        _ => 0.0,
    }
}
