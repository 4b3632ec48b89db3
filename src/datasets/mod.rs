//! Labelled pages from the public benchmarks, turned into `Page`s whose blocks carry gold
//! labels, so that `train` can learn from them and `eval` can score against them.
//!
//! Every importer ends in the same place: a [`Sample`] whose `page.blocks[i].gold` is set.
//! Sets labelled at the element level (L3S-GN1 spans, BoilerNet leaves) mark elements during
//! segmentation ([`crate::segment::segment_annotated`]); sets that give the clean article text
//! instead (Dragnet, CleanEval, WCXB, Readability) are aligned to the blocks by [`gold`]; chaff's
//! own JSON Lines format ([`jsonl`]) may do either.
//!
//! The data is read from [`root()`] and never copied into the project.
//!
//! # Splits
//!
//! We never report on pages we trained or tuned on. Published splits are used where they
//! exist; where a dev split had to be carved out, it is carved by a rule on the id, so it is
//! the same on every machine.
//!
//! | dataset | train | dev | test |
//! |---|---|---|---|
//! | `l3s-gn1` (621) | BoilerNet L3S-GN1 `train_set.txt` (496) | `dev_set.txt` (63) | `test_set.txt` (62) |
//! | `googletrends` (180) | `train_set.txt` (50) | `dev_set.txt` (30) | `test_set.txt` (100) |
//! | `dragnet` (1381) | `training.txt` minus dev (878) | `training.txt` ids with `xxh3(id) % 10 == 0` (88) | `test.txt` (415) |
//! | `cleaneval` | cleaneval-dev (58) | none | cleaneval-final pages with a gold file (681) |
//! | `cleanportaleval` (71) | none | none | all |
//! | `wcxb` (1497) | the rest (1033) | id `% 10 == 1` (159) | id `% 5 == 0` (305) |
//! | `readability` (130) | none | none | all |
//! | `trafilatura-eval` (990) | none | none | all: snippets, not gold text ([`trafilatura`]; scored by `eval::snippets`) |
//! | `PATH.jsonl` | lines with `"split":"train"`, or no split and `xxh3(id) % 10` in 2..=9 | `"dev"`, or hash 1 | `"test"`, or hash 0 |
//!
//! `all` is the union of the three. Counts are of pages listed; a page that cannot be
//! imported is reported in [`Loaded::skipped`]; pages with no text block at all (Dragnet
//! has one, WCXB 29 script-rendered pages) are kept apart in [`Loaded::empty`]. The L3S-GN1 ids are the file names of
//! `l3s-gn1/annotated/<uuid>.html.gz`; the BoilerNet lists name the same pages
//! `gn1_<uuid>.html`, so the published split applies to the original annotation as is.

pub mod boilernet;
pub mod cleaneval;
pub mod dragnet;
pub mod gold;
pub mod jsonl;
pub mod l3s;
pub mod moderated;
pub mod readability;
pub mod trafilatura;
pub mod wcxb;

use crate::page::Page;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Names accepted by [`load`] (besides paths to `.jsonl` files).
pub const DATASETS: &[&str] = &[
    "l3s-gn1",
    "googletrends",
    "dragnet",
    "cleaneval",
    "cleanportaleval",
    "wcxb",
    "readability",
];

/// Which part of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Train,
    Dev,
    Test,
    All,
}

impl Split {
    /// Does a page assigned to `part` (one of train/dev/test) belong to this split?
    pub fn contains(self, part: Split) -> bool {
        self == Split::All || self == part
    }

    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Dev => "dev",
            Split::Test => "test",
            Split::All => "all",
        }
    }
}

impl std::fmt::Display for Split {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Split {
    type Err = DatasetError;
    fn from_str(s: &str) -> Result<Split, DatasetError> {
        match s {
            "train" => Ok(Split::Train),
            "dev" => Ok(Split::Dev),
            "test" => Ok(Split::Test),
            "all" => Ok(Split::All),
            other => Err(DatasetError::UnknownSplit(other.to_string())),
        }
    }
}

/// One labelled page.
#[derive(Debug, Clone)]
pub struct Sample {
    /// Dataset name as given to [`load`].
    pub dataset: String,
    /// Id within the dataset (file stem, or the `id`/`url` of a JSON line).
    pub id: String,
    /// The HTML file (or the `.jsonl` file) it came from.
    pub path: PathBuf,
    /// The segmented page, every block's `gold` set.
    pub page: Page,
    /// The gold clean text, for sets that give one; `None` for block-labelled sets.
    pub gold_text: Option<String>,
    /// Page type when the dataset says (WCXB: `article`, `forum`, `product`...).
    pub page_type: Option<String>,
}

impl Sample {
    /// The text extraction is scored against: the gold text when the set gives one, else the
    /// text of the gold-labelled blocks, one per paragraph.
    pub fn reference_text(&self) -> String {
        match &self.gold_text {
            Some(t) => t.clone(),
            None => gold_blocks_text(&self.page),
        }
    }

    /// Whether the labels are the dataset's own block labels (true) or come from aligning a
    /// gold text (false). Block-level metrics are only meaningful on the former.
    pub fn block_labelled(&self) -> bool {
        self.gold_text.is_none()
    }
}

/// Text of the blocks labelled body, joined by blank lines.
pub fn gold_blocks_text(page: &Page) -> String {
    page.blocks
        .iter()
        .filter(|b| b.gold == Some(true))
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A page that could not be imported, and why. Reported, never fatal.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The pages of one dataset split.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Pages with at least one block, gold set: for training and scoring.
    pub samples: Vec<Sample>,
    /// Pages that segment to no text block at all (script-rendered pages, e.g. React
    /// streaming pages that ship their content `hidden`). Nothing to train on, but a test
    /// page all the same: `eval` scores them as pages where extraction found nothing.
    pub empty: Vec<Sample>,
    /// Pages that could not be read or parsed, with the reason.
    pub skipped: Vec<Skipped>,
}

/// Why a dataset could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error(
        "dataset folder {path} not found (set CHAFF_DATASETS to the folder holding the datasets)"
    )]
    Missing { path: PathBuf },
    #[error("unknown dataset {0:?} (known: {known}, or a path to a .jsonl file)", known = DATASETS.join(", "))]
    UnknownDataset(String),
    #[error("unknown split {0:?} (expected train, dev, test or all)")]
    UnknownSplit(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
}

impl DatasetError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> DatasetError {
        DatasetError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Where the datasets live: `$CHAFF_DATASETS`, else `../shared/datasets` beside the project
/// root as it was at compile time, else `../shared/datasets` relative to the current folder
/// (for a binary moved elsewhere). The path is returned even when missing; [`load`] names it
/// in its error.
pub fn root() -> PathBuf {
    if let Some(p) = std::env::var_os("CHAFF_DATASETS") {
        return PathBuf::from(p);
    }
    let compiled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets");
    if compiled.is_dir() {
        return compiled;
    }
    let relative = PathBuf::from("../shared/datasets");
    if relative.is_dir() {
        return relative;
    }
    compiled
}

/// The root, or an error naming it when it is not there.
pub fn require_root() -> Result<PathBuf, DatasetError> {
    let r = root();
    if r.is_dir() {
        Ok(r)
    } else {
        Err(DatasetError::Missing { path: r })
    }
}

/// Parse `NAME[:SPLIT]` (split defaults to `default`). A `.jsonl` path may itself hold a
/// colon only if the split is given too.
pub fn parse_spec(spec: &str, default: Split) -> Result<(String, Split), DatasetError> {
    if let Some((name, split)) = spec.rsplit_once(':')
        && let Ok(split) = split.parse::<Split>()
    {
        return Ok((name.to_string(), split));
    }
    Ok((spec.to_string(), default))
}

/// Load one split of a named dataset (or of a chaff `.jsonl` file), in parallel.
pub fn load(name: &str, split: Split) -> Result<Loaded, DatasetError> {
    load_first(name, split, usize::MAX)
}

/// Load at most the first `limit` pages of a split (in id order), for quick checks.
pub fn load_first(name: &str, split: Split, limit: usize) -> Result<Loaded, DatasetError> {
    if jsonl::is_jsonl_path(name) {
        let mut loaded = jsonl::load(Path::new(name), split)?;
        loaded.samples.truncate(limit);
        return Ok(loaded);
    }
    let mut entries = entries(name, split)?;
    entries.truncate(limit);
    Ok(import_all(name, entries))
}

/// The ids of a split, without reading the pages (for a `.jsonl` file the file is read).
pub fn ids(name: &str, split: Split) -> Result<Vec<String>, DatasetError> {
    if jsonl::is_jsonl_path(name) {
        return Ok(jsonl::load(Path::new(name), split)?
            .samples
            .into_iter()
            .map(|s| s.id)
            .collect());
    }
    Ok(entries(name, split)?.into_iter().map(|e| e.id).collect())
}

fn entries(name: &str, split: Split) -> Result<Vec<Entry>, DatasetError> {
    if !DATASETS.contains(&name) {
        return Err(DatasetError::UnknownDataset(name.to_string()));
    }
    let root = require_root()?;
    Ok(match name {
        "l3s-gn1" => l3s::entries(&root, split)?,
        "googletrends" => boilernet::entries(&root, split)?,
        "dragnet" => dragnet::entries(&root, split)?,
        "cleaneval" => cleaneval::entries(&root, "cleaneval", split)?,
        "cleanportaleval" => cleaneval::entries(&root, "cleanportaleval", split)?,
        "wcxb" => wcxb::entries(&root, split)?,
        "readability" => readability::entries(&root, split)?,
        _ => unreachable!("checked against DATASETS"),
    })
}

/// One page to import: where it is and how to label it.
pub(crate) struct Entry {
    pub id: String,
    pub path: PathBuf,
    pub gold: GoldSource,
}

/// How an entry's gold labels are obtained.
pub(crate) enum GoldSource {
    /// `x-nc-selN` spans in the page itself.
    L3s,
    /// `__boilernet_label` leaves in the page itself.
    Boilernet,
    /// A Dragnet corrected text (comments after the marker dropped).
    Dragnet(PathBuf),
    /// A CleanEval gold file (URL line and paragraph markers dropped).
    CleanEval(PathBuf),
    /// The `main_content` of a WCXB ground-truth JSON.
    Wcxb(PathBuf),
    /// Readability's `expected.html.gz`: its text.
    ReadabilityExpected(PathBuf),
}

fn import_all(dataset: &str, entries: Vec<Entry>) -> Loaded {
    let results: Vec<Result<Sample, Skipped>> = entries
        .into_par_iter()
        .map(|e| {
            import(dataset, &e).map_err(|reason| Skipped {
                path: e.path.clone(),
                reason,
            })
        })
        .collect();
    let mut loaded = Loaded::default();
    for r in results {
        match r {
            Ok(s) if s.page.blocks.is_empty() => loaded.empty.push(s),
            Ok(s) => loaded.samples.push(s),
            Err(s) => loaded.skipped.push(s),
        }
    }
    loaded
}

/// Read a file and decode it to text (gzip and charset handled).
pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    crate::decode::decode(&bytes).map_err(|e| format!("cannot decode {}: {e}", path.display()))
}

fn import(dataset: &str, e: &Entry) -> Result<Sample, String> {
    let html = read_text(&e.path)?;
    let mut page_type = None;
    let (page, gold_text) = match &e.gold {
        GoldSource::L3s => (l3s::segment(&html), None),
        GoldSource::Boilernet => (boilernet::segment(&html), None),
        GoldSource::Dragnet(p) => gold::page_with_text(&html, dragnet::gold_text(&read_text(p)?)),
        GoldSource::CleanEval(p) => {
            gold::page_with_text(&html, cleaneval::gold_text(&read_text(p)?))
        }
        GoldSource::Wcxb(p) => {
            let (text, kind) = wcxb::ground_truth(&read_text(p)?, p)?;
            page_type = kind;
            gold::page_with_text(&html, text)
        }
        GoldSource::ReadabilityExpected(p) => {
            gold::page_with_text(&html, readability::gold_text(&read_text(p)?))
        }
    };
    Ok(Sample {
        dataset: dataset.to_string(),
        id: e.id.clone(),
        path: e.path.clone(),
        page,
        gold_text,
        page_type,
    })
}

/// A folder under the root, or a `Missing` error naming it.
pub(crate) fn dir(root: &Path, rel: &str) -> Result<PathBuf, DatasetError> {
    let p = root.join(rel);
    if p.is_dir() {
        Ok(p)
    } else {
        Err(DatasetError::Missing { path: p })
    }
}

/// Non-empty trimmed lines of a list file.
pub(crate) fn read_list(path: &Path) -> Result<Vec<String>, DatasetError> {
    let text = std::fs::read_to_string(path).map_err(|e| DatasetError::io(path, e))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// File names in a folder ending in `suffix`, with the suffix cut off, sorted.
pub(crate) fn stems(dir: &Path, suffix: &str) -> Result<Vec<String>, DatasetError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| DatasetError::io(dir, e))? {
        let entry = entry.map_err(|e| DatasetError::io(dir, e))?;
        if let Some(name) = entry.file_name().to_str()
            && let Some(stem) = name.strip_suffix(suffix)
        {
            out.push(stem.to_string());
        }
    }
    out.sort();
    Ok(out)
}

/// A stable bucket 0..10 for an id, for carving splits that are the same on every machine.
pub fn bucket(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes()) % 10
}

/// The 80/10/10 split of an id that no published list places: bucket 0 is test, 1 dev.
pub fn hashed_split(id: &str) -> Split {
    match bucket(id) {
        0 => Split::Test,
        1 => Split::Dev,
        _ => Split::Train,
    }
}
