//! How good is an extraction? The standard metrics of the main-content-extraction
//! literature, so that chaff's figures compare with published ones.
//!
//! - **Token P/R/F1**: bag of lower-cased words ([`crate::page::words`]) of the extracted
//!   text against the gold text, overlap counted as a multiset, per page, then averaged over
//!   pages (as the Dragnet and WCXB papers do).
//! - **Zyte shingle metric** (article-extraction-benchmark): the same over word 4-gram
//!   shingles (a text shorter than four words is one shingle), precision averaged over the
//!   pages that produced text, recall over the pages that have gold text, F1 of those two
//!   averages. Words are lower-cased here too, which the Zyte script does not do; it makes
//!   the two metrics differ only in order, not in case.
//! - **Block P/R/F1** of the body class on block-labelled sets, counted over all blocks of
//!   the split (micro-averaged), since pages differ wildly in block count.
//!
//! What is scored is the extraction's `text`, the body blocks in order (the title chaff
//! picks is not added: where the title is body, its block is already in the text).
//!
//! Empty pages: when both the extraction and the gold are empty the page scores 1 on all
//! three token measures (nothing to find, nothing found); when exactly one is empty it
//! scores 0 on all three.

use crate::datasets::{DatasetError, Sample, Skipped, Split};
use crate::extract::Extractor;
use crate::page::words;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// From counts of true positives, false positives, false negatives, with the empty-page
    /// conventions of the module doc.
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Prf {
        let predicted = tp + fp;
        let gold = tp + fn_;
        if predicted == 0 && gold == 0 {
            return Prf {
                precision: 1.0,
                recall: 1.0,
                f1: 1.0,
            };
        }
        if predicted == 0 || gold == 0 {
            return Prf::default();
        }
        let precision = tp as f64 / predicted as f64;
        let recall = tp as f64 / gold as f64;
        Prf {
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Overlap counts of two multisets: (true positives, false positives, false negatives).
fn overlap<T: std::hash::Hash + Eq>(
    predicted: impl Iterator<Item = T>,
    gold: impl Iterator<Item = T>,
) -> (usize, usize, usize) {
    let mut counts: HashMap<T, i64> = HashMap::new();
    let mut n_gold = 0;
    for t in gold {
        *counts.entry(t).or_default() += 1;
        n_gold += 1;
    }
    let (mut tp, mut fp) = (0, 0);
    for t in predicted {
        match counts.get_mut(&t) {
            Some(c) if *c > 0 => {
                *c -= 1;
                tp += 1;
            }
            _ => fp += 1,
        }
    }
    (tp, fp, n_gold - tp)
}

fn lower_words(text: &str) -> Vec<String> {
    words(text).map(str::to_lowercase).collect()
}

/// Token (bag of lower-cased words) precision, recall and F1 of one page.
pub fn token_prf(predicted: &str, gold: &str) -> Prf {
    let (tp, fp, fn_) = overlap(
        lower_words(predicted).into_iter(),
        lower_words(gold).into_iter(),
    );
    Prf::from_counts(tp, fp, fn_)
}

/// Token F1 of the gold-labelled blocks' text against the gold text, averaged over the pages
/// that have a gold text: how well the labels reproduce the gold, i.e. the best any block
/// classifier could do on this segmentation. None when no page has a gold text.
pub fn oracle_f1(samples: &[Sample]) -> Option<f64> {
    let f1: Vec<f64> = samples
        .iter()
        .filter_map(|s| {
            let gold = s.gold_text.as_deref()?;
            Some(token_prf(&crate::datasets::gold_blocks_text(&s.page), gold).f1)
        })
        .collect();
    (!f1.is_empty()).then(|| f1.iter().sum::<f64>() / f1.len() as f64)
}

/// Share of blocks labelled body, over a set of pages (blocks without a label count as not).
pub fn body_share(samples: &[Sample]) -> f64 {
    let blocks = samples.iter().flat_map(|s| &s.page.blocks);
    let (body, all) = blocks.fold((0usize, 0usize), |(b, a), x| {
        (b + usize::from(x.gold == Some(true)), a + 1)
    });
    body as f64 / all.max(1) as f64
}

/// Word 4-gram shingles of a text, Zyte style: a text of 1-3 words is one shingle, an empty
/// text has none.
pub fn shingles(text: &str) -> Vec<String> {
    const N: usize = 4;
    let w = lower_words(text);
    if w.is_empty() {
        return Vec::new();
    }
    if w.len() < N {
        return vec![w.join(" ")];
    }
    w.windows(N).map(|s| s.join(" ")).collect()
}

/// Shingle counts of one page, kept apart because Zyte averages precision and recall over
/// different sets of pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ShingleCounts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl ShingleCounts {
    pub fn of(predicted: &str, gold: &str) -> ShingleCounts {
        let (tp, fp, fn_) = overlap(shingles(predicted).into_iter(), shingles(gold).into_iter());
        ShingleCounts { tp, fp, fn_ }
    }
}

/// Block counts of the body class on one page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct BlockCounts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl BlockCounts {
    /// Compare predicted labels with gold labels (blocks without gold are not counted).
    pub fn of(predicted: &[bool], gold: &[Option<bool>]) -> BlockCounts {
        let mut c = BlockCounts::default();
        for (p, g) in predicted.iter().zip(gold) {
            match (p, g) {
                (true, Some(true)) => c.tp += 1,
                (true, Some(false)) => c.fp += 1,
                (false, Some(true)) => c.fn_ += 1,
                (false, Some(false)) => c.tn += 1,
                (_, None) => {}
            }
        }
        c
    }
}

/// The scores of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    pub id: String,
    pub token: Prf,
    pub shingle: ShingleCounts,
    /// On block-labelled sets only.
    pub blocks: Option<BlockCounts>,
}

impl PageScore {
    /// Score one page: extracted text against gold text, and block labels when the page's
    /// labels are the dataset's own (`gold_blocks` = `None` otherwise).
    pub fn of(
        id: &str,
        predicted: &str,
        gold: &str,
        labels: Option<(&[bool], &[Option<bool>])>,
    ) -> PageScore {
        PageScore {
            id: id.to_string(),
            token: token_prf(predicted, gold),
            shingle: ShingleCounts::of(predicted, gold),
            blocks: labels.map(|(p, g)| BlockCounts::of(p, g)),
        }
    }
}

/// The scores of a set of pages.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub pages: usize,
    /// Token P/R/F1 averaged over pages (F1 is the mean of per-page F1s).
    pub token: Prf,
    /// Zyte metric: precision over pages with output, recall over pages with gold.
    pub shingle: Prf,
    /// Block P/R/F1 of the body class, micro-averaged; `None` when no page had block gold.
    pub blocks: Option<Prf>,
}

impl Summary {
    pub fn of(scores: &[PageScore]) -> Summary {
        let n = scores.len();
        if n == 0 {
            return Summary::default();
        }
        let mean =
            |f: &dyn Fn(&Prf) -> f64| scores.iter().map(|s| f(&s.token)).sum::<f64>() / n as f64;
        let token = Prf {
            precision: mean(&|p| p.precision),
            recall: mean(&|p| p.recall),
            f1: mean(&|p| p.f1),
        };
        let (mut p_sum, mut p_n, mut r_sum, mut r_n) = (0.0, 0usize, 0.0, 0usize);
        for s in scores {
            let c = s.shingle;
            if c.tp + c.fp > 0 {
                p_sum += c.tp as f64 / (c.tp + c.fp) as f64;
                p_n += 1;
            }
            if c.tp + c.fn_ > 0 {
                r_sum += c.tp as f64 / (c.tp + c.fn_) as f64;
                r_n += 1;
            }
        }
        let sp = if p_n > 0 { p_sum / p_n as f64 } else { 0.0 };
        let sr = if r_n > 0 { r_sum / r_n as f64 } else { 0.0 };
        let shingle = Prf {
            precision: sp,
            recall: sr,
            f1: f1(sp, sr),
        };
        let mut any = false;
        let mut total = BlockCounts::default();
        for b in scores.iter().filter_map(|s| s.blocks) {
            any = true;
            total.tp += b.tp;
            total.fp += b.fp;
            total.fn_ += b.fn_;
            total.tn += b.tn;
        }
        let blocks = any.then(|| Prf::from_counts(total.tp, total.fp, total.fn_));
        Summary {
            pages: n,
            token,
            shingle,
            blocks,
        }
    }
}

/// Extract every sample's page with `extractor` and score it against the sample's gold, in
/// parallel; scores come back in the samples' order.
pub fn score_samples(extractor: &Extractor, samples: Vec<Sample>) -> Vec<PageScore> {
    samples
        .into_par_iter()
        .map(|s| {
            let reference = s.reference_text();
            let block_gold: Option<Vec<Option<bool>>> = s
                .block_labelled()
                .then(|| s.page.blocks.iter().map(|b| b.gold).collect());
            let extraction = extractor.extract_page(s.page);
            PageScore::of(
                &s.id,
                &extraction.text,
                &reference,
                block_gold
                    .as_deref()
                    .map(|g| (extraction.labels.as_slice(), g)),
            )
        })
        .collect()
}

/// Load one dataset split, extract its pages and score them. Pages with no text block
/// ([`crate::datasets::Loaded::empty`]) are scored as pages where nothing was found;
/// pages that could not be read are listed in `skipped`.
pub fn evaluate(
    extractor: &Extractor,
    dataset: &str,
    split: Split,
) -> Result<Report, DatasetError> {
    let loaded = crate::datasets::load(dataset, split)?;
    let mut samples = loaded.samples;
    samples.extend(loaded.empty);
    let pages = samples.len();
    let start = std::time::Instant::now();
    let scores = score_samples(extractor, samples);
    let secs = start.elapsed().as_secs_f64();
    Ok(Report {
        dataset: dataset.to_string(),
        split,
        skipped: loaded.skipped,
        pages_per_second: if secs > 0.0 { pages as f64 / secs } else { 0.0 },
        summary: Summary::of(&scores),
        scores,
    })
}

/// The outcome of evaluating one dataset split: what `chaff eval --json` prints per line.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub dataset: String,
    pub split: Split,
    /// Pages that could not be imported, with reasons (not scored).
    pub skipped: Vec<Skipped>,
    /// Extraction speed over the scored pages (all threads), excluding loading.
    pub pages_per_second: f64,
    #[serde(flatten)]
    pub summary: Summary,
    /// Per-page scores in load order, pages without text blocks last (`chaff eval --pages`).
    #[serde(skip)]
    pub scores: Vec<PageScore>,
}

/// trafilatura's snippet metric, on its own evaluation set
/// ([`crate::datasets::trafilatura`]): over all pages, a `with` snippet found in the extracted
/// text is a true positive and missed a false negative; a `without` snippet found is a false
/// positive and absent a true negative; the ratios are of the summed counts. A page that
/// cannot be read counts as an empty extraction, as trafilatura's script counts a failure.
/// Runs of whitespace are collapsed to one space on both sides before the substring test
/// (`bench/peers/snippets.py` does the same for every peer).
#[derive(Debug, Clone, Default, Serialize)]
pub struct SnippetReport {
    pub dataset: String,
    pub pages: usize,
    /// Entries whose page file is missing (not scored).
    pub skipped: Vec<String>,
    /// Pages that could not be read or decoded (scored as empty).
    pub failed: Vec<String>,
    pub true_positives: usize,
    pub false_negatives: usize,
    pub false_positives: usize,
    pub true_negatives: usize,
    pub precision: f64,
    pub recall: f64,
    pub accuracy: f64,
    pub f1: f64,
}

/// Score an extractor on trafilatura's evaluation set.
pub fn snippets(
    extractor: &Extractor,
    root: &std::path::Path,
) -> Result<SnippetReport, DatasetError> {
    use crate::datasets::trafilatura;
    let (pages, skipped) = trafilatura::pages(root)?;
    let collapse = crate::segment::collapse;
    let per_page: Vec<([usize; 4], Option<String>)> = pages
        .par_iter()
        .map(|p| {
            let (text, failed) = match trafilatura::html(p) {
                Ok(html) => (collapse(&extractor.extract(&html).text), None),
                Err(e) => (String::new(), Some(e)),
            };
            let found = |s: &String| text.contains(&collapse(s));
            let tp = p.with.iter().filter(|s| found(s)).count();
            let fp = p.without.iter().filter(|s| found(s)).count();
            ([tp, p.with.len() - tp, fp, p.without.len() - fp], failed)
        })
        .collect();
    let mut c = [0usize; 4];
    let mut failed = Vec::new();
    for (counts, f) in per_page {
        for (total, n) in c.iter_mut().zip(counts) {
            *total += n;
        }
        failed.extend(f);
    }
    let [tp, fn_, fp, tn] = c;
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (precision, recall) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
    Ok(SnippetReport {
        dataset: trafilatura::NAME.to_string(),
        pages: pages.len(),
        skipped,
        failed,
        true_positives: tp,
        false_negatives: fn_,
        false_positives: fp,
        true_negatives: tn,
        precision,
        recall,
        accuracy: ratio(tp + tn, tp + fn_ + fp + tn),
        f1: f1(precision, recall),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn token_overlap_is_a_case_blind_multiset() {
        // Predicted 6 words, gold 4; "the" twice in prediction but once in gold.
        let p = token_prf("The cat sat on THE mat", "the cat sat down");
        assert!(close(p.precision, 3.0 / 6.0));
        assert!(close(p.recall, 3.0 / 4.0));
        assert!(close(p.f1, 2.0 * 0.5 * 0.75 / 1.25));
        let same = token_prf("Rain, rain: go away!", "rain rain go away");
        assert_eq!(same.f1, 1.0);
    }

    #[test]
    fn empty_pages_follow_the_documented_convention() {
        assert_eq!(token_prf("", "").f1, 1.0);
        assert_eq!(token_prf("", "some gold").f1, 0.0);
        assert_eq!(token_prf("some output", "").precision, 0.0);
        assert_eq!(token_prf("— !", "...").recall, 1.0); // no words on either side
    }

    #[test]
    fn shingles_see_order_that_bags_do_not() {
        let gold = "one two three four five";
        let shuffled = "five four three two one";
        assert_eq!(token_prf(shuffled, gold).f1, 1.0);
        let c = ShingleCounts::of(shuffled, gold);
        assert_eq!((c.tp, c.fp, c.fn_), (0, 2, 2));
        assert_eq!(shingles("Just two"), vec!["just two".to_string()]);
        assert!(shingles("").is_empty());
    }

    #[test]
    fn zyte_averages_precision_only_over_pages_with_output() {
        let scores = vec![
            PageScore::of("a", "one two three four", "one two three four", None),
            // Produced nothing: counts for recall (0), not for precision.
            PageScore::of("b", "", "five six seven eight", None),
        ];
        let s = Summary::of(&scores);
        assert!(close(s.shingle.precision, 1.0));
        assert!(close(s.shingle.recall, 0.5));
        assert!(close(s.shingle.f1, 2.0 * 0.5 / 1.5));
        assert!(close(s.token.f1, 0.5));
        assert!(s.blocks.is_none());
    }

    #[test]
    fn block_counts_are_micro_averaged() {
        let g = [Some(true), Some(true), Some(false), None];
        let a = PageScore::of("a", "", "", Some((&[true, false, true, true], &g)));
        let b = PageScore::of("b", "", "", Some((&[true, true, false, false], &g)));
        let s = Summary::of(&[a, b]);
        let blocks = s.blocks.unwrap();
        // tp = 1 + 2, fp = 1 + 0, fn = 1 + 0
        assert!(close(blocks.precision, 0.75));
        assert!(close(blocks.recall, 0.75));
    }
}
