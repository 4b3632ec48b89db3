//! Page verdict: is this page a scraper-farm copy of a wire story, and why?
//!
//! One call scores a page: [`Scorer`] extracts it, gathers its facts (`crate::facts`), looks
//! its body up in the wire index (`crate::wire`), places it in the batch's clusters of near
//! copies ([`CrossSite`]) and weighs it all with the page model ([`VerdictModel`], a
//! sign-constrained logistic model over the columns of `features`), which says the score,
//! whether it is flagged and the reasons, each with its push on the score.
//!
//! The model is trained (`train`) on the generated corpus of `crate::farmgen` plus real
//! dataset pages, whose own bodies were put in the wire index: a legitimate outlet running
//! a wire story matches the index too, so a wire match alone does not flag a page; what
//! flags it is the match together with the farm's chrome, its re-stamped date and its
//! missing credit.

pub mod corpus;
pub mod cross_site;
pub mod features;
pub mod page_model;
pub mod pending;
pub mod reasons;
pub mod record;
pub mod scorer;
pub mod train;

pub use cross_site::CrossSite;
pub use page_model::{FORMAT, VerdictModel};
pub use pending::Pending;
pub use record::{ClusterRecord, Record};
pub use scorer::{Inspection, Scored, Scorer};

use crate::model::ModelError;
use crate::wire::WireError;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One fact that pushed a page's score toward "farm", for a moderator to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Stable machine code, `snake_case`: the page model column that pushed (e.g.
    /// `wire_match`, `restamped_date`), or `no_article` / `no_evidence` for an unjudged page.
    pub code: String,
    /// One human sentence.
    pub message: String,
    /// How far the fact moved the score, in log-odds, from a plain page where it is absent
    /// (0 for the reasons of an unjudged page). Reasons come largest first.
    #[serde(default)]
    pub weight: f32,
}

/// The wire story a page's body matches best (defined by the wire index, upstream).
pub use crate::wire::WireMatch;

/// What the page model says about one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Probability-like score in 0..1 that the page is a farm copy.
    pub score: f32,
    /// `score >= threshold` of the model.
    pub flagged: bool,
    /// The facts that pushed the score toward "farm", strongest first.
    pub reasons: Vec<Reason>,
    pub wire_match: Option<WireMatch>,
}

/// Why a page could not be judged, or a model or index not used.
#[derive(Debug, thiserror::Error)]
pub enum VerdictError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Wire(#[from] WireError),
    #[error("cannot read dataset page {path}: {reason}")]
    Dataset { path: PathBuf, reason: String },
}
