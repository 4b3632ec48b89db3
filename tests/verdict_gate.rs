//! Quality gate of the page model, measured as `chaff train-verdict` measures it (the same
//! corpus, built here from `../shared/datasets` in a minute or two):
//! - leave-one-family-out: for each layout family, a model fitted and thresholded without it
//!   and measured on it; the mean and the worst family must hold the figures of the last
//!   training report (`bench/verdict-train-report.json`) minus a margin;
//! - the embedded model on the real test pages, with no index and with each page's own body
//!   in the index, and on 941 real pages outside the page model's corpus;
//! - no weight of the embedded model against its column's orientation.

use chaff::extract::Extractor;
use chaff::verdict::VerdictModel;
use chaff::verdict::corpus::Split;
use chaff::verdict::train::{Options, evaluate_real, lofo, split_rows, test_rows};

/// Recall and precision may fall this far below the report's figures before the gate fails:
/// the corpus is rebuilt from the same data with the same seeds, so only a change of code
/// moves them; a point and a half leaves room for a retrained block model moving a few pages.
const MARGIN: f64 = 0.015;
/// Rates of real pages flagged may rise this far above the report's.
const RATE_MARGIN: f64 = 0.005;

/// Figures of `bench/verdict-train-report.json` (leave-one-family-out, `lofo_summary`).
/// Set on 2026-12-04, when the corpus gained plain farms (`farmgen`'s `FARMS_PLAIN`: a
/// re-stamped copy on an ordinary outlet's page, 13% of the farms): recall with an index rose
/// 0.9058 -> 0.9214 and its worst family 0.8537 -> 0.9024. The no-index mean fell 0.7690 ->
/// 0.7154 because those farms show nothing without an index; on the farms that show a sign
/// it is 0.7855, held by `LOFO_MEAN_RECALL_NO_INDEX_WITH_SIGNS`. Worst no-index precision
/// fell 0.9789 -> 0.9626 (twocol, threshold 0.48), inside the 0.95.
const LOFO_MEAN_RECALL: f64 = 0.9214;
const LOFO_WORST_RECALL: f64 = 0.9024;
const LOFO_WORST_PRECISION: f64 = 0.9828;
const LOFO_MEAN_RECALL_NO_INDEX: f64 = 0.7154;
const LOFO_MEAN_RECALL_NO_INDEX_WITH_SIGNS: f64 = 0.7855;
const LOFO_WORST_PRECISION_NO_INDEX: f64 = 0.9626;
/// Plain farms flagged with the index (pooled over the held-out families).
const LOFO_PLAIN_FLAGGED: f64 = 0.9158;
const LOFO_ORIGINALS_FLAGGED: f64 = 0.0;
/// Figures of the embedded model on the real test pages: the best reached (the report of
/// 2026-12-02). The model of 2026-12-04 measures 0.0012 and 0.0059 (1 and 5 of 841 pages),
/// as the model of 2026-12-02 did on the block model of 2026-12-03.
const REAL_FPR_NO_INDEX: f64 = 0.0012;
const REAL_FPR_INDEXED: f64 = 0.0048;

fn options(work: &std::path::Path) -> Options {
    Options {
        datasets: chaff::datasets::root(),
        limit: None,
        workdir: work.to_path_buf(),
        dump: None,
        rows: None,
        labelled: None,
        labelled_weight: chaff::verdict::train::LABELS_ONCE,
    }
}

#[test]
fn the_page_model_holds_its_figures_on_families_it_never_saw() {
    let work = tempfile::tempdir().unwrap();
    let opts = options(work.path());
    let extractor = Extractor::embedded().unwrap();
    let train = split_rows(&extractor, &opts, Split::Train).unwrap();
    let dev = split_rows(&extractor, &opts, Split::Dev).unwrap();
    let test = test_rows(&extractor, &opts).unwrap();
    let families = lofo(&train, &dev, &test).unwrap();
    let s = chaff::verdict::train::summary(&families);
    eprintln!("{}", serde_json::to_string_pretty(&s).unwrap());
    assert_eq!(families.len(), chaff::farmgen::FAMILIES.len());
    for f in &families {
        assert!(f.indexed.farms >= 150, "too few farms: {f:?}");
    }
    assert!(s.mean_recall >= LOFO_MEAN_RECALL - MARGIN, "{s:?}");
    assert!(s.worst_recall >= LOFO_WORST_RECALL - MARGIN, "{s:?}");
    assert!(s.worst_precision >= LOFO_WORST_PRECISION - MARGIN, "{s:?}");
    assert!(
        s.mean_recall_no_index >= LOFO_MEAN_RECALL_NO_INDEX - MARGIN,
        "{s:?}"
    );
    assert!(
        s.mean_recall_no_index_with_signs >= LOFO_MEAN_RECALL_NO_INDEX_WITH_SIGNS - MARGIN,
        "{s:?}"
    );
    assert!(
        s.worst_precision_no_index >= LOFO_WORST_PRECISION_NO_INDEX - MARGIN,
        "{s:?}"
    );
    assert!(s.plain_farms >= 100, "{s:?}");
    assert!(s.plain_flagged >= LOFO_PLAIN_FLAGGED - MARGIN, "{s:?}");
    assert!(
        s.originals_flagged <= LOFO_ORIGINALS_FLAGGED + RATE_MARGIN,
        "{s:?}"
    );

    let model = VerdictModel::embedded().unwrap();
    let r = evaluate_real(&model, &test);
    eprintln!("{}", serde_json::to_string_pretty(&r).unwrap());
    assert!(r.real_pages >= 800, "{r:?}");
    assert!(
        r.real_fpr_no_index <= REAL_FPR_NO_INDEX + RATE_MARGIN,
        "{r:?}"
    );
    assert!(
        r.real_fpr_own_body_indexed <= REAL_FPR_INDEXED + RATE_MARGIN,
        "{r:?}"
    );
}

#[test]
fn no_weight_of_the_embedded_model_points_against_its_column() {
    let m = VerdictModel::embedded().unwrap();
    for ((c, w), s) in chaff::verdict::features::COLUMNS
        .iter()
        .zip(&m.model.weights)
        .zip(&m.model.signs)
    {
        assert_eq!(*s, c.orientation.sign(), "{}", c.name);
        assert!(c.orientation.sign().allows(*w), "{} has weight {w}", c.name);
    }
}

/// Real pages outside the page model's corpus (it trains and is measured on dragnet, l3s-gn1,
/// googletrends and wcxb): CleanEval's final set, CleanPortalEval, and the source pages of
/// Readability's tests, 941 pages, scored without an index. Share flagged, as in
/// bench/VERDICT.md ("pages the page model never saw"): 0 of 941 up to the model of
/// 2026-12-02 morning, 1 of 941 for the model of bench/verdict-train-report.json
/// (readability/msn at 0.67, over the no-index threshold since the page share changed the
/// extraction; `chaff score --jsonl` over the three folders). The gate keeps the best figure
/// reached, within its margin.
const UNSEEN_REAL_FPR: f64 = 0.0;

#[test]
fn real_pages_the_page_model_never_saw_are_rarely_flagged() {
    let root = chaff::datasets::root();
    let mut paths: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["cleaneval/cleaneval-final/input", "cleanportaleval/input"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            paths.push(e.unwrap().path());
        }
    }
    for e in std::fs::read_dir(root.join("readability/test/test-pages")).unwrap() {
        let source = e.unwrap().path().join("source.html.gz");
        if source.is_file() {
            paths.push(source);
        }
    }
    let scorer = chaff::verdict::Scorer::embedded(None).unwrap();
    let flagged: Vec<String> = paths
        .iter()
        .filter(|p| {
            let Ok(html) = chaff::decode::decode(&std::fs::read(p).unwrap()) else {
                return false;
            };
            scorer.score(&html, None).unwrap().verdict.flagged
        })
        .map(|p| p.display().to_string())
        .collect();
    let share = flagged.len() as f64 / paths.len() as f64;
    eprintln!("{} of {} flagged: {flagged:?}", flagged.len(), paths.len());
    assert!(paths.len() >= 900, "only {} pages", paths.len());
    assert!(
        share <= UNSEEN_REAL_FPR + RATE_MARGIN,
        "{share:.4}: {flagged:?}"
    );
}
