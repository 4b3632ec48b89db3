//! Extraction quality gate on real pages: the test-split token F1 that the README reports,
//! minus 0.01. A change that makes extraction worse on any of these sets fails here.
//!
//! The figures come from `chaff eval --dataset NAME` with the embedded model; the datasets
//! are read from `../shared/datasets` (or `$CHAFF_DATASETS`), never from the repository.

use chaff::datasets::Split;
use chaff::eval::evaluate;
use chaff::extract::Extractor;

/// (dataset, token F1 on its test split as in the README): the best reached so far, so a
/// set whose latest figure is lower (l3s-gn1 0.967, cleaneval 0.932 with the model of
/// 2026-12-03) keeps its earlier one.
const REPORTED: &[(&str, f64)] = &[
    ("dragnet", 0.902),
    ("l3s-gn1", 0.970),
    ("googletrends", 0.834),
    ("wcxb", 0.848),
    ("cleaneval", 0.933),
];

#[test]
fn extraction_keeps_its_reported_quality_on_every_test_split() {
    let extractor = Extractor::embedded().expect("embedded model loads");
    let mut failures = Vec::new();
    for &(name, reported) in REPORTED {
        let report = evaluate(&extractor, name, Split::Test)
            .unwrap_or_else(|e| panic!("cannot load {name}: {e} (is ../shared/datasets present?)"));
        let f1 = report.summary.token.f1;
        println!(
            "{name}: token F1 {f1:.3} over {} pages (reported {reported})",
            report.summary.pages
        );
        assert!(
            report.summary.pages > 50,
            "{name}: only {} pages",
            report.summary.pages
        );
        if f1 < reported - 0.01 {
            failures.push(format!("{name}: {f1:.3} < {reported} - 0.01"));
        }
    }
    assert!(failures.is_empty(), "quality regressed: {failures:?}");
}

/// trafilatura's own benchmark (990 pages, never trained on), by its snippet metric: the
/// F-score in the README, minus 0.01.
const TRAFILATURA_EVAL_F: f64 = 0.907;

#[test]
fn extraction_keeps_its_score_on_trafilaturas_benchmark() {
    let extractor = Extractor::embedded().expect("embedded model loads");
    let r = chaff::eval::snippets(&extractor, &chaff::datasets::root())
        .unwrap_or_else(|e| panic!("cannot load trafilatura-eval: {e}"));
    println!(
        "trafilatura-eval: F {:.3}, precision {:.3}, recall {:.3} over {} pages",
        r.f1, r.precision, r.recall, r.pages
    );
    assert!(r.pages > 900 && r.failed.is_empty(), "{:?}", r.failed);
    assert!(
        r.f1 >= TRAFILATURA_EVAL_F - 0.01,
        "F-score {:.3} < {TRAFILATURA_EVAL_F} - 0.01",
        r.f1
    );
}
