//! Page verdict: is this page a scraper-farm copy of a wire story, and why?
//!
//! A second logistic model, page level, weighs the page's facts (`crate::facts`), its best
//! wire match (`crate::wire`) and its cross-batch cluster (`crate::fingerprint::Clusters`).
//! It was trained on the generated corpus of `crate::farmgen` plus real dataset pages, whose
//! own bodies were put in the wire index: a legitimate outlet running a wire story matches
//! the index too, so a wire match alone does not flag a page; what flags it is the match
//! together with the farm's chrome, its re-stamped date and its missing credit.

pub mod corpus;
pub mod features;
pub mod reasons;
pub mod train;

use crate::extract::{Extraction, Extractor};
use crate::facts::{self, PageFacts};
use crate::fingerprint::{ClusterInfo, Fingerprint};
use crate::model::{Logistic, ModelError};
use crate::wire::{Match, WireError, WireIndex};
use features::Evidence;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

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

/// What the page model says about one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Probability-like score in 0..1 that the page is a farm copy.
    pub score: f32,
    /// `score >= threshold` of the model.
    pub flagged: bool,
    /// The facts that pushed the score up most, strongest first.
    pub reasons: Vec<Reason>,
    pub wire_match: Option<WireMatch>,
}

/// Version of the verdict model file layout.
pub const FORMAT: u32 = 1;

/// The default page model, trained by `chaff train-verdict`, embedded like the block model.
const EMBEDDED: &str = include_str!("../../models/verdict.json");

/// Why a page could not be judged.
#[derive(Debug, thiserror::Error)]
pub enum VerdictError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Wire(#[from] WireError),
    #[error("cannot read dataset page {path}: {reason}")]
    Dataset { path: PathBuf, reason: String },
}

/// The page model file: a logistic model over [`features::NAMES`] and its threshold.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerdictModel {
    pub format: u32,
    pub model: Logistic,
    /// Flag when the score is at least this (chosen on the dev split).
    pub threshold: f32,
    /// What data and settings produced this model.
    pub manifest: serde_json::Value,
    /// Figures reached when it was trained.
    pub metrics: serde_json::Value,
}

impl VerdictModel {
    /// The model embedded in this binary.
    pub fn embedded() -> Result<VerdictModel, ModelError> {
        Self::from_json(EMBEDDED, Path::new("<embedded models/verdict.json>"))
    }

    /// Read and check a model file.
    pub fn load(path: &Path) -> Result<VerdictModel, ModelError> {
        let text = std::fs::read_to_string(path).map_err(|source| ModelError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_json(&text, path)
    }

    /// Parse and check a model; `origin` names it in errors.
    pub fn from_json(text: &str, origin: &Path) -> Result<VerdictModel, ModelError> {
        let m: VerdictModel = serde_json::from_str(text).map_err(|source| ModelError::Parse {
            path: origin.to_path_buf(),
            source,
        })?;
        if m.format != FORMAT {
            return Err(ModelError::Format {
                path: origin.to_path_buf(),
                found: m.format,
                expected: FORMAT,
            });
        }
        if m.model.names != features::names() {
            return Err(ModelError::FeatureMismatch {
                path: origin.to_path_buf(),
                detail: format!(
                    "file has {:?}, this build computes {:?}",
                    m.model.names,
                    features::NAMES
                ),
            });
        }
        Ok(m)
    }

    /// Write as pretty JSON.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let text = serde_json::to_string_pretty(self).expect("model serialises");
        std::fs::write(path, text).map_err(|source| ModelError::Write {
            path: path.to_path_buf(),
            source,
        })
    }

    /// Score a page from its evidence. A page with too little article to judge scores 0.
    pub fn judge(&self, e: &Evidence) -> Verdict {
        if !features::judgeable(e.facts) {
            return Verdict {
                score: 0.0,
                flagged: false,
                reasons: vec![Reason {
                    code: "no_article".to_string(),
                    message: format!(
                        "no article found ({} words of body): nothing to judge",
                        e.facts.body_words
                    ),
                }],
                wire_match: e.wire.map(|m| m.wire.clone()),
            };
        }
        if !features::has_farm_evidence(e) {
            return Verdict {
                score: 0.0,
                flagged: false,
                reasons: vec![Reason {
                    code: "no_evidence".to_string(),
                    message: "no sign of a farm copy: no wire match, dateline, widget, link lists of headlines, odd breadcrumb or copies on other sites".to_string(),
                }],
                wire_match: None,
            };
        }
        let row = features::row(e);
        let score = self.model.predict(&row);
        let contributions = self.model.contributions(&row);
        let flagged = score >= self.threshold;
        Verdict {
            score,
            flagged,
            reasons: reasons::reasons(&contributions, e, flagged),
            wire_match: e.wire.map(|m| m.wire.clone()),
        }
    }
}

/// Everything a page gives the verdict before clustering: extraction, facts, wire match and
/// the body's fingerprint (for clustering). Computed in parallel workers; the cluster, which
/// depends on the pages seen before, is added on the emitting thread.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub extraction: Extraction,
    pub facts: PageFacts,
    pub wire: Option<Match>,
    pub fingerprint: Option<Fingerprint>,
}

impl Inspection {
    /// Extract, gather facts, fingerprint the body and look it up in the index if any.
    /// `fetched` (unix seconds) dates relative times printed on the page.
    pub fn of(
        extractor: &Extractor,
        index: Option<&WireIndex>,
        html: &str,
        fetched: Option<i64>,
    ) -> Result<Inspection, VerdictError> {
        let extraction = extractor.extract(html);
        let facts = facts::gather_fetched(&extraction.page, &extraction.labels, fetched);
        let fingerprint = Fingerprint::of(&extraction.text);
        let wire = match (index, &fingerprint) {
            (Some(ix), Some(fp)) => ix.lookup_fingerprint(fp)?,
            _ => None,
        };
        Ok(Inspection {
            extraction,
            facts,
            wire,
            fingerprint,
        })
    }

    /// The evidence for the model, with the page's cluster if the batch clusters.
    pub fn evidence<'a>(&'a self, cluster: Option<&'a ClusterInfo>) -> Evidence<'a> {
        Evidence {
            facts: &self.facts,
            wire: self.wire.as_ref(),
            cluster,
        }
    }

    /// The site a page belongs to, for clustering: host, else site name, else `source`.
    pub fn site_key(&self, source: &str) -> String {
        self.facts
            .host
            .clone()
            .or_else(|| {
                self.facts
                    .site_name
                    .as_ref()
                    .map(|s| s.value.to_lowercase())
            })
            .unwrap_or_else(|| source.to_string())
    }
}
