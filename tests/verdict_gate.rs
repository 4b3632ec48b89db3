//! Quality gate of the page model: on the whole test split (test templates around the
//! donor pages of each dataset's test split, and the other real test pages), the embedded
//! model must reach the figures in the README and bench/VERDICT.md, minus 0.01 (plus 0.01
//! for the rates of real pages flagged). It is the same corpus `chaff train-verdict`
//! measures, built in about ten seconds.

use chaff::extract::Extractor;
use chaff::verdict::VerdictModel;
use chaff::verdict::corpus::Split;
use chaff::verdict::train::{Options, evaluate, split_rows};

/// Figures of the embedded model on the test split (README, bench/VERDICT.md).
const PRECISION: f64 = 0.983;
const RECALL: f64 = 0.927;
const REAL_FPR_NO_INDEX: f64 = 0.0071;
const REAL_FPR_INDEXED: f64 = 0.0059;

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
            limit: None,
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
        f.corpus.farms >= 200 && f.real_pages >= 800,
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
