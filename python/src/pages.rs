//! One page at a time: extraction, and the verdict with what it rests on.
//!
//! Each function decodes the page (bytes as the CLI decodes a file, `str` as given), releases
//! the GIL, and runs the library: `extract::Extractor` for the article, `verdict` for the
//! score. The models are the embedded ones the `chaff` binary carries, loaded once per
//! process.

use crate::errors::{Error, InputError, ModelError, OrPyErr, ToPyErr, json};
use crate::index::WireIndex;
use chaff::extract::Extractor;
use chaff::facts::PageFacts;
use chaff::fingerprint::{ClusterInfo, Clusters, Fingerprint, PERMUTATIONS, Signature};
use chaff::verdict::{Inspection, Reason, Verdict, VerdictModel, WireMatch};
use chaff::wire::Match;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A page as Python hands it over: text, or the bytes of a file or an HTTP body.
#[derive(FromPyObject)]
pub enum Html {
    Text(String),
    Bytes(Vec<u8>),
}

impl Html {
    /// The page as text: bytes are decoded the way `chaff` decodes a file (gzip, BOM, the
    /// transport's charset if given, `<meta charset>`, detection).
    fn text(self, charset: Option<&str>) -> Result<String, chaff::decode::DecodeError> {
        match self {
            Html::Text(s) => Ok(s),
            Html::Bytes(b) => chaff::decode::decode_with_hint(&b, charset),
        }
    }
}

/// When a page was fetched: unix seconds, or an ISO date or instant.
#[derive(FromPyObject)]
pub enum Fetched {
    Seconds(i64),
    Text(String),
}

impl Fetched {
    fn seconds(self) -> PyResult<i64> {
        match self {
            Fetched::Seconds(s) => Ok(s),
            Fetched::Text(t) => chaff::calendar::parse_instant(&t).ok_or_else(|| {
                InputError::new_err(format!(
                    "fetched: {t:?} is not a date (2025-04-26) or an instant (2025-04-26T10:00:00Z)"
                ))
            }),
        }
    }
}

static EXTRACTOR: OnceLock<Result<Extractor, String>> = OnceLock::new();
static VERDICTS: OnceLock<Result<VerdictModel, String>> = OnceLock::new();

/// The embedded block model, loaded at first use.
fn extractor() -> PyResult<&'static Extractor> {
    EXTRACTOR
        .get_or_init(|| Extractor::embedded().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ModelError::new_err(format!("the embedded model does not load: {e}")))
}

/// The embedded page model, loaded at first use.
fn verdicts() -> PyResult<&'static VerdictModel> {
    VERDICTS
        .get_or_init(|| VerdictModel::embedded().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ModelError::new_err(format!("the embedded page model does not load: {e}")))
}

#[derive(Serialize)]
struct ExtractOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    title: Option<String>,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    blocks: Option<Vec<BlockOut>>,
}

#[derive(Serialize)]
struct BlockOut {
    text: String,
    label: &'static str,
    probability: f32,
}

/// The article of one page, as the JSON object `chaff extract --jsonl [--blocks]` prints
/// (without `source`).
#[pyfunction]
#[pyo3(signature = (html, url=None, blocks=false, charset=None))]
pub fn extract_json(
    py: Python<'_>,
    html: Html,
    url: Option<String>,
    blocks: bool,
    charset: Option<String>,
) -> PyResult<String> {
    let extractor = extractor()?;
    let out = py.detach(|| {
        let html = html.text(charset.as_deref())?;
        let x = extractor.extract(&html);
        let blocks = blocks.then(|| {
            x.page
                .blocks
                .iter()
                .zip(&x.labels)
                .zip(&x.probs)
                .map(|((b, l), p)| BlockOut {
                    text: b.text.clone(),
                    label: if *l { "body" } else { "boilerplate" },
                    probability: *p,
                })
                .collect()
        });
        Ok::<_, chaff::decode::DecodeError>(ExtractOut {
            url,
            title: x.title,
            text: x.text,
            blocks,
        })
    });
    json(&out.or_py()?)
}

/// What a page's cluster says, as `chaff score --jsonl` prints it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterOut {
    size: usize,
    sites: usize,
    earliest_date: Option<String>,
}

/// One line of `chaff score --jsonl`.
#[derive(Serialize)]
struct PageOut<'a> {
    source: &'a str,
    flagged: bool,
    score: f32,
    wire_match: Option<&'a WireMatch>,
    reasons: &'a [Reason],
    title: Option<&'a str>,
    site: Option<&'a str>,
    declared_date: Option<&'a str>,
    byline: Option<&'a str>,
    cluster: Option<ClusterOut>,
    body: &'a str,
}

/// What the verdict rests on, before the page's cluster is known: the page's facts, its
/// best wire match, and its body. The Spark job keeps this between its two passes, so that a
/// page is extracted once and judged again once the whole crawl's clusters are known.
#[derive(Serialize, Deserialize)]
struct Inspected {
    source: String,
    site: String,
    facts: PageFacts,
    wire: Option<Match>,
    body: String,
}

impl Inspected {
    fn of(source: String, url: Option<&str>, i: Inspection) -> Inspected {
        let site = chaff::verdict::cross_site::site_key(&i.facts, url, &source);
        Inspected {
            source,
            site,
            facts: i.facts,
            wire: i.wire,
            body: i.extraction.text,
        }
    }

    /// The declared date as clusters compare it.
    fn date(&self) -> Option<&str> {
        self.facts.declared_date.as_ref().map(|d| d.date.as_str())
    }

    /// The verdict with the page's cluster, and the line `chaff score --jsonl` prints.
    fn judge(&self, model: &VerdictModel, cluster: Option<ClusterInfo>) -> PyResult<String> {
        let e = chaff::verdict::features::Evidence {
            facts: &self.facts,
            wire: self.wire.as_ref(),
            cluster: cluster.as_ref(),
        };
        let v: Verdict = model.judge(&e);
        let f = &self.facts;
        json(&PageOut {
            source: &self.source,
            flagged: v.flagged,
            score: v.score,
            wire_match: v.wire_match.as_ref(),
            reasons: &v.reasons,
            title: f.title.as_ref().map(|t| t.value.as_str()),
            site: f.site_name.as_ref().map(|s| s.value.as_str()),
            declared_date: self.date(),
            byline: f.byline.as_ref().map(|b| b.name.as_str()),
            cluster: cluster.map(|c| ClusterOut {
                size: c.size,
                sites: c.sites,
                earliest_date: c.earliest_date,
            }),
            body: &self.body,
        })
    }
}

/// Decode and inspect one page with the embedded models and an optional index.
fn inspect(
    py: Python<'_>,
    html: Html,
    charset: Option<&str>,
    index: Option<PyRef<'_, WireIndex>>,
    fetched: Option<Fetched>,
) -> PyResult<Inspection> {
    let extractor = extractor()?;
    let fetched = fetched.map(Fetched::seconds).transpose()?;
    let index = index.map(|i| i.shared());
    py.detach(|| {
        let html = html.text(charset).map_err(ToPyErr::py_err)?;
        let guard = index.as_ref().map(|i| i.read());
        Inspection::of(extractor, guard.as_deref(), &html, fetched).or_py()
    })
}

/// The verdict on one page scored alone: the JSON object of one line of `chaff score
/// --jsonl` on that page (its cluster is itself: a batch of one sees no other copy).
#[pyfunction]
#[pyo3(signature = (html, url=None, index=None, fetched=None, source=None, charset=None))]
pub fn score_json(
    py: Python<'_>,
    html: Html,
    url: Option<String>,
    index: Option<PyRef<'_, WireIndex>>,
    fetched: Option<Fetched>,
    source: Option<String>,
    charset: Option<String>,
) -> PyResult<String> {
    let model = verdicts()?;
    let inspection = inspect(py, html, charset.as_deref(), index, fetched)?;
    let fingerprint = inspection.fingerprint.clone();
    let source = source
        .or_else(|| url.clone())
        .unwrap_or_else(|| "-".to_string());
    let page = Inspected::of(source, url.as_deref(), inspection);
    let cluster =
        fingerprint.map(|fp| Clusters::default().add(&page.source, &page.site, page.date(), fp));
    page.judge(model, cluster)
}

/// The first pass of a crawl-wide job: a page inspected, and what clustering needs of it.
/// Returns `(inspected, fingerprint, band_keys, site, declared_date)`: `inspected` is JSON
/// text for [`judge_json`]; `fingerprint` is bytes for [`near_copies`] (None without a
/// body); `band_keys` are the body's LSH band keys as `band << 32 | key`.
#[pyfunction]
#[pyo3(signature = (html, url=None, index=None, fetched=None, source=None, charset=None))]
#[allow(clippy::type_complexity)]
pub fn inspect_json<'py>(
    py: Python<'py>,
    html: Html,
    url: Option<String>,
    index: Option<PyRef<'py, WireIndex>>,
    fetched: Option<Fetched>,
    source: Option<String>,
    charset: Option<String>,
) -> PyResult<(
    String,
    Option<Bound<'py, PyBytes>>,
    Vec<i64>,
    String,
    Option<String>,
)> {
    let inspection = inspect(py, html, charset.as_deref(), index, fetched)?;
    let fingerprint = inspection.fingerprint.clone();
    let source = source
        .or_else(|| url.clone())
        .unwrap_or_else(|| "-".to_string());
    let page = Inspected::of(source, url.as_deref(), inspection);
    let bands = fingerprint
        .as_ref()
        .map(|fp| {
            fp.signature
                .band_keys()
                .iter()
                .enumerate()
                .map(|(band, key)| ((band as i64) << 32) | i64::from(*key))
                .collect()
        })
        .unwrap_or_default();
    let bytes = fingerprint.map(|fp| PyBytes::new(py, &to_bytes(&fp)));
    Ok((
        json(&page)?,
        bytes,
        bands,
        page.site.clone(),
        page.date().map(str::to_string),
    ))
}

/// The second pass: judge an inspected page with its crawl-wide cluster
/// (`{"size", "sites", "earliest_date"}`, or None when the body had no words). Returns one
/// line of `chaff score --jsonl`.
#[pyfunction]
#[pyo3(signature = (inspected, cluster=None))]
pub fn judge_json(py: Python<'_>, inspected: &str, cluster: Option<&str>) -> PyResult<String> {
    let model = verdicts()?;
    let page: Inspected = serde_json::from_str(inspected)
        .map_err(|e| InputError::new_err(format!("not an inspected page: {e}")))?;
    let cluster = cluster
        .map(|c| {
            serde_json::from_str::<ClusterOut>(c)
                .map_err(|e| InputError::new_err(format!("not a cluster: {e}")))
        })
        .transpose()?
        .map(|c| ClusterInfo {
            size: c.size,
            sites: c.sites,
            earliest_date: c.earliest_date,
            earliest_key: None,
        });
    py.detach(|| page.judge(model, cluster))
}

/// Bytes of a fingerprint: exact hash (16, little-endian), shingle count (4), signature.
fn to_bytes(fp: &Fingerprint) -> Vec<u8> {
    let mut out = Vec::with_capacity(20 + 2 * PERMUTATIONS);
    out.extend_from_slice(&fp.exact.to_le_bytes());
    out.extend_from_slice(&fp.shingles.to_le_bytes());
    out.extend_from_slice(&fp.signature.to_bytes());
    out
}

fn from_bytes(b: &[u8]) -> PyResult<Fingerprint> {
    let bad = || InputError::new_err(format!("not a chaff fingerprint ({} bytes)", b.len()));
    if b.len() < 20 {
        return Err(bad());
    }
    let exact = u128::from_le_bytes(b[..16].try_into().map_err(|_| bad())?);
    let shingles = u32::from_le_bytes(b[16..20].try_into().map_err(|_| bad())?);
    let signature = Signature::from_bytes(&b[20..]).ok_or_else(bad)?;
    Ok(Fingerprint {
        exact,
        shingles,
        signature,
    })
}

/// Whether two fingerprinted bodies are near copies by the test `chaff score`'s clusters
/// link pages with (one holds at least `threshold` of the other, 0.8 by default).
#[pyfunction]
#[pyo3(signature = (a, b, threshold=chaff::fingerprint::CLUSTER_THRESHOLD))]
pub fn near_copies(a: &[u8], b: &[u8], threshold: f32) -> PyResult<bool> {
    if !(0.0..=1.0).contains(&threshold) {
        return Err(Error::new_err(format!(
            "threshold {threshold} is not between 0 and 1"
        )));
    }
    Ok(from_bytes(a)?.near_copy_of(&from_bytes(b)?, threshold))
}
