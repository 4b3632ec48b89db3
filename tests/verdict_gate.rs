//! Quality gate of the page model: on a small held-out corpus (test templates around the
//! first pages of each dataset's test split, and those real pages), the embedded model must
//! reach the figures recorded in bench/VERDICT.md for this corpus, minus 0.01.

use chaff::extract::Extractor;
use chaff::verdict::VerdictModel;
use chaff::verdict::corpus::Split;
use chaff::verdict::train::{Options, evaluate, split_rows};

/// Real pages per dataset in the gate corpus.
const LIMIT: usize = 25;
/// Figures of the embedded model on this corpus (bench/VERDICT.md, "quality gate").
const PRECISION: f64 = 1.0;
const RECALL: f64 = 0.857;
const REAL_FPR_NO_INDEX: f64 = 0.0;
const REAL_FPR_INDEXED: f64 = 0.011;

#[test]
fn the_page_model_holds_its_figures_on_held_out_templates() {
    let datasets = chaff::datasets::root();
    let work = tempfile::tempdir().unwrap();
    let extractor = Extractor::embedded().unwrap();
    let model = VerdictModel::embedded().unwrap();
    let rows = split_rows(
        &extractor,
        &Options {
            datasets,
            limit: Some(LIMIT),
            workdir: work.path().to_path_buf(),
            dump: None,
            rows: None,
        },
        Split::Test,
    )
    .unwrap();
    let f = evaluate(&model, &rows);
    eprintln!("{}", serde_json::to_string_pretty(&f).unwrap());
    assert!(
        f.corpus.farms >= 20 && f.real_pages >= 60,
        "corpus too small: {f:?}"
    );
    assert!(f.corpus.precision >= PRECISION - 0.01, "{f:?}");
    assert!(f.corpus.recall >= RECALL - 0.01, "{f:?}");
    assert!(f.real_fpr_no_index <= REAL_FPR_NO_INDEX + 0.01, "{f:?}");
    assert!(
        f.real_fpr_own_body_indexed <= REAL_FPR_INDEXED + 0.01,
        "{f:?}"
    );
}
