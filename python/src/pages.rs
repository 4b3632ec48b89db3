//! One page at a time: extraction, and the verdict with what it rests on.
//!
//! Each function decodes the page (bytes as the CLI decodes a file, `str` as given), releases
//! the GIL, and runs the library: `extract::Extractor` for the article, `verdict` for the
//! score. The models are the embedded ones the `chaff` binary carries, loaded once per
//! process.

use crate::errors::{Error, InputError, ModelError, OrPyErr, ToPyErr, json};
use crate::index::WireIndex;
use chaff::extract::{self, Extractor};
use chaff::fingerprint::{ClusterInfo, Fingerprint, PERMUTATIONS, Signature};
use chaff::verdict::{ClusterRecord, CrossSite, Inspection, Pending, Record, Scorer, VerdictModel};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
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

static SCORER: OnceLock<Result<Scorer, String>> = OnceLock::new();

/// The embedded block and page models, loaded at first use. No index: each call names its
/// own ([`Scorer::inspect_against`]).
fn scorer() -> PyResult<&'static Scorer> {
    SCORER
        .get_or_init(|| {
            let extractor = Extractor::embedded()
                .map_err(|e| format!("the embedded model does not load: {e}"))?;
            let model = VerdictModel::embedded()
                .map_err(|e| format!("the embedded page model does not load: {e}"))?;
            Ok(Scorer::new(extractor, model, None))
        })
        .as_ref()
        .map_err(|e| ModelError::new_err(e.clone()))
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
    let extractor = scorer()?.extractor();
    let out = py.detach(|| {
        let html = html.text(charset.as_deref())?;
        let x = extractor.extract(&html);
        Ok::<_, chaff::decode::DecodeError>(extract::Record::of(None, url, x, blocks))
    });
    json(&out.or_py()?)
}

/// Decode and inspect one page with the embedded models and an optional index.
fn inspect(
    py: Python<'_>,
    html: Html,
    charset: Option<&str>,
    index: Option<PyRef<'_, WireIndex>>,
    fetched: Option<Fetched>,
) -> PyResult<Inspection> {
    let scorer = scorer()?;
    let fetched = fetched.map(Fetched::seconds).transpose()?;
    let index = index.map(|i| i.shared());
    py.detach(|| {
        let html = html.text(charset).map_err(ToPyErr::py_err)?;
        let guard = index.as_ref().map(|i| i.read());
        scorer
            .inspect_against(guard.as_deref(), &html, fetched)
            .or_py()
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
    let scorer = scorer()?;
    let inspection = inspect(py, html, charset.as_deref(), index, fetched)?;
    let source = source
        .or_else(|| url.clone())
        .unwrap_or_else(|| "-".to_string());
    let scored = scorer.judge_in(
        &mut CrossSite::default(),
        &source,
        url.as_deref(),
        inspection,
    );
    json(&Record::of(&source, &scored))
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
    let page = Pending::of(source, url.as_deref(), inspection);
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
        page.declared_date().map(str::to_string),
    ))
}

/// The second pass: judge an inspected page with its crawl-wide cluster
/// (`{"size", "sites", "earliest_date"}`, or None when the body had no words). Returns one
/// line of `chaff score --jsonl`.
#[pyfunction]
#[pyo3(signature = (inspected, cluster=None))]
pub fn judge_json(py: Python<'_>, inspected: &str, cluster: Option<&str>) -> PyResult<String> {
    let scorer = scorer()?;
    let page: Pending = serde_json::from_str(inspected)
        .map_err(|e| InputError::new_err(format!("not an inspected page: {e}")))?;
    let cluster = cluster
        .map(|c| {
            serde_json::from_str::<ClusterRecord>(c)
                .map_err(|e| InputError::new_err(format!("not a cluster: {e}")))
        })
        .transpose()?
        .map(ClusterInfo::from);
    json(&py.detach(|| page.judge(scorer, cluster.as_ref())))
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
