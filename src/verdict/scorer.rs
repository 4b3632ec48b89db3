//! [`Scorer`]: the one library call that scores pages, used alike by the CLI, the Python
//! binding, training, benches and tests.
//!
//! ```no_run
//! use chaff::verdict::{CrossSite, Scorer};
//! # fn main() -> Result<(), chaff::verdict::VerdictError> {
//! let index = chaff::wire::WireIndex::open_read_only("wire.db")?;
//! let scorer = Scorer::embedded(Some(index))?;
//! // One page on its own:
//! let s = scorer.score("<html>...</html>", None)?;
//! println!("{} {:.2}", s.verdict.flagged, s.verdict.score);
//! for r in &s.verdict.reasons {
//!     println!("{} ({:+.2}): {}", r.code, r.weight, r.message);
//! }
//! // A batch: inspect pages in any order or in parallel (`&self`), then judge them in the
//! // batch's order, so that each page sees the copies of its body met before it.
//! let mut batch = CrossSite::default();
//! for (source, html) in [("a.html", "<html>...</html>"), ("b.html", "<html>...</html>")] {
//!     let inspection = scorer.inspect(html, None)?;
//!     let s = scorer.judge_in(&mut batch, source, None, inspection);
//!     println!("{source}: {}", s.verdict.flagged);
//! }
//! # Ok(()) }
//! ```

use super::features::{Evidence, Regime};
use super::{CrossSite, Pending, Record, Verdict, VerdictError, VerdictModel};
use crate::extract::{Extraction, Extractor};
use crate::facts::{self, PageFacts};
use crate::fingerprint::{ClusterInfo, Fingerprint};
use crate::wire::{Match, WireError, WireIndex};

/// Everything needed to score pages: the block model, the page model and, when given, the
/// wire index. `Sync`: share one across worker threads.
pub struct Scorer {
    extractor: Extractor,
    model: VerdictModel,
    index: Option<WireIndex>,
}

/// A page scored: what was read from it, its cluster in the batch, and the verdict.
#[derive(Debug, Clone)]
pub struct Scored {
    pub inspection: Inspection,
    pub cluster: Option<ClusterInfo>,
    pub verdict: Verdict,
}

impl Scorer {
    /// A scorer of these models, matching bodies against `index` when given.
    pub fn new(extractor: Extractor, model: VerdictModel, index: Option<WireIndex>) -> Scorer {
        Scorer {
            extractor,
            model,
            index,
        }
    }

    /// A scorer of the embedded block and page models.
    pub fn embedded(index: Option<WireIndex>) -> Result<Scorer, VerdictError> {
        Ok(Scorer::new(
            Extractor::embedded()?,
            VerdictModel::embedded()?,
            index,
        ))
    }

    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    pub fn model(&self) -> &VerdictModel {
        &self.model
    }

    pub fn index(&self) -> Option<&WireIndex> {
        self.index.as_ref()
    }

    /// The first step, page by page and safe to run in parallel: extract, gather the facts,
    /// fingerprint the body and look it up in the index. `fetched` (unix seconds) dates
    /// relative times printed on the page ("17 hours ago").
    pub fn inspect(&self, html: &str, fetched: Option<i64>) -> Result<Inspection, VerdictError> {
        self.inspect_against(self.index.as_ref(), html, fetched)
    }

    /// [`Scorer::inspect`] against another index than the scorer's (or none): the Python
    /// binding shares one scorer among calls that each name their own index.
    pub fn inspect_against(
        &self,
        index: Option<&WireIndex>,
        html: &str,
        fetched: Option<i64>,
    ) -> Result<Inspection, VerdictError> {
        Inspection::of(&self.extractor, index, html, fetched)
    }

    /// The second step: the verdict on an inspected page, given its cluster (`None` outside
    /// a batch).
    pub fn judge(&self, inspection: &Inspection, cluster: Option<&ClusterInfo>) -> Verdict {
        self.judge_evidence(&inspection.evidence(cluster))
    }

    /// The verdict on what a page gave (its facts, wire match and cluster): the one place
    /// where the page model is asked, whether the page is still whole or kept as a
    /// [`Pending`].
    pub fn judge_evidence(&self, evidence: &Evidence) -> Verdict {
        self.model.judge(evidence)
    }

    /// [`Scorer::judge_in`] for a page of a batch that its worker has already kept as a
    /// [`Pending`] with its body's `fingerprint`: the parsed page is then freed on the
    /// worker's thread, beside the allocations it came from, and the thread that judges in
    /// order (and writes the output) handles only the small part judging needs.
    pub fn judge_pending_in(
        &self,
        batch: &mut CrossSite,
        url: Option<&str>,
        pending: &Pending,
        fingerprint: Option<&Fingerprint>,
    ) -> Record {
        let cluster = batch.add_facts(&pending.source, url, &pending.facts, fingerprint);
        pending.judge(self, cluster.as_ref())
    }

    /// Judge a page of a batch: add it to the batch's clusters (`source` names it, `url` is
    /// where it was fetched), then judge it with its cluster. Call in the batch's order.
    pub fn judge_in(
        &self,
        batch: &mut CrossSite,
        source: &str,
        url: Option<&str>,
        inspection: Inspection,
    ) -> Scored {
        let cluster = batch.add(source, url, &inspection);
        let verdict = self.judge(&inspection, cluster.as_ref());
        Scored {
            inspection,
            cluster,
            verdict,
        }
    }

    /// Score one page on its own (no batch, so no cross-site copies).
    pub fn score(&self, html: &str, fetched: Option<i64>) -> Result<Scored, VerdictError> {
        let inspection = self.inspect(html, fetched)?;
        let verdict = self.judge(&inspection, None);
        Ok(Scored {
            inspection,
            cluster: None,
            verdict,
        })
    }
}

/// Everything a page gives the verdict before clustering: extraction, facts, wire match and
/// the body's fingerprint (for clustering).
#[derive(Debug, Clone)]
pub struct Inspection {
    pub extraction: Extraction,
    pub facts: PageFacts,
    pub wire: Option<Match>,
    pub fingerprint: Option<Fingerprint>,
    /// Whether the body was looked up in a wire index, which picks the threshold.
    pub regime: Regime,
}

impl Inspection {
    /// Extract, gather facts, fingerprint the body and look it up in the index if any.
    pub fn of(
        extractor: &Extractor,
        index: Option<&WireIndex>,
        html: &str,
        fetched: Option<i64>,
    ) -> Result<Inspection, VerdictError> {
        let extraction = extractor.extract(html);
        let facts = facts::gather_fetched(&extraction.page, &extraction.labels, fetched);
        let fingerprint = Fingerprint::of(&extraction.text);
        let mut i = Inspection {
            extraction,
            facts,
            wire: None,
            fingerprint,
            regime: Regime::NoIndex,
        };
        if let Some(ix) = index {
            i.match_in(ix)?;
        }
        Ok(i)
    }

    /// Look the body up in `index` (replacing any earlier match): training matches one
    /// inspection against several indexes.
    pub fn match_in(&mut self, index: &WireIndex) -> Result<(), WireError> {
        self.wire = match &self.fingerprint {
            Some(fp) => index.lookup_fingerprint(fp)?,
            None => None,
        };
        self.regime = Regime::Indexed;
        Ok(())
    }

    /// The evidence for the model, with the page's cluster if the batch clusters.
    pub fn evidence<'a>(&'a self, cluster: Option<&'a ClusterInfo>) -> Evidence<'a> {
        Evidence {
            facts: &self.facts,
            wire: self.wire.as_ref(),
            cluster,
            regime: self.regime,
        }
    }
}
