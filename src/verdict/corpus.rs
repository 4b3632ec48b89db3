//! The page-level corpus: real dataset pages (negatives) and pages generated around real
//! article bodies (`crate::farmgen`), with the wire stories to index.
//!
//! Real pages are read here straight from `../shared/datasets` (raw HTML only, never gold
//! text: the verdict needs no block labels). Each split's real pages are cut in two by a
//! hash of their id: *donors* lend their article to generated pages and are left out
//! (a farm copy and its donor in one batch would be one body on two sites, which the
//! generator cannot date truthfully), the others stay as real negatives, and half of those
//! get their own body put in the wire index: a real outlet that syndicates.

use super::VerdictError;
use crate::farmgen::{self, Article, Family, Kind, WireStory};
use std::path::{Path, PathBuf};

/// Which part of the data a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Train,
    Dev,
    Test,
}

/// A real page of a dataset.
#[derive(Debug, Clone)]
pub struct RealPage {
    /// `dataset/id`.
    pub source: String,
    pub dataset: &'static str,
    pub html: String,
}

/// Datasets the verdict reads, and how each is split.
pub const DATASETS: &[&str] = &["dragnet", "l3s-gn1", "googletrends", "wcxb"];

fn hash(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// One in `n` by hash.
pub fn one_in(s: &str, n: u64, salt: &str) -> bool {
    hash(&format!("{salt}:{s}")).is_multiple_of(n)
}

/// The raw page of a dataset id (the unannotated HTML where the dataset has both).
fn page_file(root: &Path, dataset: &str, id: &str) -> PathBuf {
    match dataset {
        "dragnet" => root.join("dragnet/HTML").join(format!("{id}.html.gz")),
        "l3s-gn1" => root.join("l3s-gn1/original").join(format!("{id}.html.gz")),
        "googletrends" => {
            let n = id.trim_start_matches("gt_");
            root.join("boilernet-datasets/datasets/googletrends/raw_html")
                .join(format!("{n:0>3}.html.gz"))
        }
        _ => root.join("wcxb-dev/html").join(format!("{id}.html.gz")),
    }
}

/// (id, file) pairs of a dataset's split. Split membership is the datasets module's, so
/// that the verdict's test pages are the block model's test pages too: neither model has
/// seen them.
fn files(root: &Path, dataset: &str, split: Split) -> Result<Vec<(String, PathBuf)>, VerdictError> {
    let part = match split {
        Split::Train => crate::datasets::Split::Train,
        Split::Dev => crate::datasets::Split::Dev,
        Split::Test => crate::datasets::Split::Test,
    };
    let ids = crate::datasets::ids(dataset, part).map_err(|e| VerdictError::Dataset {
        path: root.join(dataset),
        reason: e.to_string(),
    })?;
    Ok(ids
        .into_iter()
        .map(|id| {
            let f = page_file(root, dataset, &id);
            (id, f)
        })
        .collect())
}

/// The real pages of a split, at most `limit` per dataset (in id order) when given.
/// Files that are missing or cannot be decoded are skipped: a dataset checkout may be partial.
pub fn real_pages(
    root: &Path,
    split: Split,
    limit: Option<usize>,
) -> Result<Vec<RealPage>, VerdictError> {
    let mut out = Vec::new();
    for &dataset in DATASETS {
        let mut list = files(root, dataset, split)?;
        if let Some(n) = limit {
            list.truncate(n);
        }
        for (id, path) in list {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Ok(html) = crate::decode::decode(&bytes) else {
                continue;
            };
            out.push(RealPage {
                source: format!("{dataset}/{id}"),
                dataset,
                html,
            });
        }
    }
    Ok(out)
}

/// Is this real page a donor of its article (rather than a real negative)?
pub fn is_donor(source: &str) -> bool {
    one_in(source, 2, "donor")
}

/// A page of the corpus, real or generated.
#[derive(Debug, Clone)]
pub struct Sample {
    pub source: String,
    /// `real:<dataset>`, or `<family>/<kind>` of a generated page.
    pub origin: String,
    /// The layout family of a generated page.
    pub family: Option<&'static str>,
    pub kind: Option<Kind>,
    pub html: String,
    pub farm: bool,
    /// A wire story to put in the index for this page, if any.
    pub index: Option<WireStory>,
    /// When the page was fetched, unix seconds (generated pages say; real ones do not).
    pub fetched: Option<i64>,
    /// What the generator gave a generated page (`GeneratedPage::traits`); empty for others.
    pub traits: String,
    /// `GeneratedPage::plain_farm`.
    pub plain_farm: bool,
}

/// The article of an extracted page, if it has one worth copying: at least three
/// paragraphs and 120 words.
pub fn article_of(title: Option<&str>, text: &str) -> Option<Article> {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| crate::page::count_words(p) >= 8)
        .map(str::to_string)
        .collect();
    let words: usize = paragraphs.iter().map(|p| crate::page::count_words(p)).sum();
    let title = title.map(str::trim).filter(|t| !t.is_empty())?;
    (paragraphs.len() >= 3 && words >= 120).then(|| Article {
        title: title.to_string(),
        paragraphs,
        agency: None,
        dateline: None,
    })
}

/// The family a training or dev article is laid out in, by hash (test articles are laid out
/// in every family: each family's held-out figures are on all test articles).
pub fn family_of(source: &str) -> &'static Family {
    let n = farmgen::FAMILIES.len() as u64;
    &farmgen::FAMILIES[(hash(&format!("family:{source}")) % n) as usize]
}

/// Generated pages for one donor article in one family: one farm copy, and by hash a
/// legitimate syndication, the publisher's original and a portal page; or, for one article
/// in four, an original blog post alone. Whether the article's wire story is in the index is
/// decided per article (farms of stories the index lacks must still be caught).
///
/// A blog post's article is never also a wire story: an original post is not in any wire
/// feed, and a "blog" whose body is a wire story re-dated months later is a farm copy by any
/// other name (labelled a negative, it taught the model that re-stamped copies are benign).
pub fn generated(
    source: &str,
    article: &Article,
    family: &'static Family,
    headlines: &[String],
) -> Vec<Sample> {
    let in_index = !one_in(source, 6, "unindexed");
    let mut out = Vec::new();
    let mut push = |kind: Kind, salt: u64| {
        let seed = hash(source) ^ hash(family.name) ^ salt;
        let g = farmgen::generate(article, kind, family, headlines, seed);
        // The publisher's own body is in its feed whatever the farms' story is.
        let indexed = in_index || kind == Kind::Original;
        out.push(Sample {
            source: format!("{source}#{}-{}", family.name, kind.name()),
            origin: format!("{}/{}", family.name, kind.name()),
            family: Some(family.name),
            kind: Some(kind),
            html: g.html,
            farm: g.farm,
            index: g.wire.filter(|_| indexed),
            fetched: Some(g.fetched),
            traits: g.traits,
            plain_farm: g.plain_farm,
        });
    };
    if one_in(source, 4, "blog") {
        push(Kind::Blog, 3);
        return out;
    }
    push(Kind::Farm, 1);
    if one_in(source, 2, "syndication") {
        push(Kind::Syndication, 2);
    }
    if one_in(source, 3, "original") {
        push(Kind::Original, 5);
    }
    if one_in(source, 5, "portal") {
        push(Kind::Portal, 4);
    }
    out
}
