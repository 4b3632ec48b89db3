//! The page model file and the judgement of one page's evidence.

use super::features::{self, Evidence, Regime};
use super::{Reason, Verdict, reasons};
use crate::model::{Logistic, ModelError, file};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Version of the page model file layout (2: sign-constrained columns of `features::COLUMNS`,
/// their signs recorded).
pub const FORMAT: u32 = 2;

/// The default page model, trained by `chaff train-verdict`, embedded like the block model.
const EMBEDDED: &str = include_str!("../../models/verdict.json");

/// The page model file: a sign-constrained logistic model over `features::COLUMNS`, and
/// its threshold for each [`Regime`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerdictModel {
    pub format: u32,
    /// Column names and the sign each weight is held to (farm-oriented ≥ 0, legitimacy ≤ 0).
    pub model: Logistic,
    /// Flag a page scored against a wire index when its score is at least this (chosen on
    /// the dev pages scored with the index).
    pub threshold: f32,
    /// Flag a page scored with no index when its score is at least this (chosen the same way
    /// on the dev pages scored without one). Absent in files written before it: such a
    /// file's one threshold serves both regimes, as it did in the build that wrote it.
    #[serde(default)]
    pub threshold_no_index: Option<f32>,
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
        Self::from_json(&file::read(path)?, path)
    }

    /// Parse and check a model: its format, its columns (names and order) and their
    /// orientations must be this build's, and every weight must keep its column's sign.
    pub fn from_json(text: &str, origin: &Path) -> Result<VerdictModel, ModelError> {
        let m: VerdictModel = file::parse(text, origin, FORMAT)?;
        m.model.check_names(&features::names(), origin)?;
        m.model.check_signs(&features::signs(), origin)?;
        Ok(m)
    }

    /// Write as pretty JSON.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        file::save(self, path)
    }

    /// The threshold a page scored in `regime` is flagged from.
    pub fn threshold_for(&self, regime: Regime) -> f32 {
        match regime {
            Regime::Indexed => self.threshold,
            Regime::NoIndex => self.threshold_no_index.unwrap_or(self.threshold),
        }
    }

    /// Score a page from its evidence. A page with too little article to judge, or with no
    /// sign of a farm at all, scores 0 with a reason that says so (see [`unjudged`]).
    pub fn judge(&self, e: &Evidence) -> Verdict {
        if let Some(reason) = unjudged(e) {
            return Verdict {
                score: 0.0,
                flagged: false,
                reasons: vec![reason],
                wire_match: e.wire.map(|m| m.wire.clone()),
            };
        }
        let row = features::row(e);
        let score = self.model.predict(&row);
        let flagged = score >= self.threshold_for(e.regime);
        Verdict {
            score,
            flagged,
            reasons: reasons::reasons(&self.model, &row, e, flagged),
            wire_match: e.wire.map(|m| m.wire.clone()),
        }
    }
}

/// Why a page is not scored, if it is not: too little article to judge (`no_article`), or
/// no sign of a farm at all (`no_evidence`). Such pages score 0, and training leaves them out.
pub fn unjudged(e: &Evidence) -> Option<Reason> {
    if !features::judgeable(e.facts) {
        return Some(Reason {
            code: "no_article".to_string(),
            message: format!(
                "no article found ({} words of body): nothing to judge",
                e.facts.body_words
            ),
            weight: 0.0,
        });
    }
    if !features::has_farm_evidence(e) {
        return Some(Reason {
            code: "no_evidence".to_string(),
            message: "no sign of a farm copy: no wire match, dateline, widget, link lists of headlines, odd breadcrumb or copies on other sites".to_string(),
            weight: 0.0,
        });
    }
    None
}
