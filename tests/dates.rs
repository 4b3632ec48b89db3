//! Declared dates on real pages, against the second oracle `bench/dates/compare.py` scores:
//! the publish dates WCXB's annotators gave about half of its pages. htmldate is the first
//! oracle, but it needs Python; the annotators' dates are in the dataset itself, so this
//! gate runs with the suite and fails if a change to the date reader loses real pages'
//! dates that people read off them.

use chaff::extract::Extractor;
use chaff::facts;

/// Share of the annotated WCXB pages whose date chaff reads as the annotators did,
/// measured by this test on 2026-12-02 (682 of 780 pages, was 679 on 2026-12-01;
/// `bench/dates/compare.py`, which also counts the two pages annotated with a month and no
/// day, gives 87.2% of 782), minus 0.01 so that a page or two of noise does not fail it. A
/// gate is never lowered.
const MIN_AGREEMENT: f64 = 0.874 - 0.01;

#[test]
fn declared_dates_agree_with_wcxb_annotators() {
    let root = chaff::datasets::root().join("wcxb-dev");
    let extractor = Extractor::embedded().expect("embedded model");
    let mut pages = 0usize;
    let mut agree = 0usize;
    let mut ids: Vec<_> = std::fs::read_dir(root.join("ground-truth"))
        .unwrap_or_else(|e| panic!("{}: {e} (set CHAFF_DATASETS)", root.display()))
        .map(|e| e.unwrap().path())
        .collect();
    ids.sort();
    for truth in ids {
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&truth).unwrap()).unwrap();
        let Some(date) = json["ground_truth"]["publish_date"].as_str() else {
            continue;
        };
        // A month without a day ("2015-11") cannot be compared day for day.
        let Some(date) = date.get(..10) else {
            continue;
        };
        let stem = truth.file_stem().unwrap().to_string_lossy().into_owned();
        let html_path = root.join("html").join(format!("{stem}.html.gz"));
        let Ok(bytes) = std::fs::read(&html_path) else {
            continue;
        };
        let html = chaff::decode::decode(&bytes).expect("page decodes");
        let x = extractor.extract(&html);
        let found = facts::gather(&x.page, &x.labels).declared_date;
        pages += 1;
        agree += usize::from(found.is_some_and(|d| d.date == date));
    }
    assert!(pages > 700, "only {pages} annotated pages found");
    let share = agree as f64 / pages as f64;
    eprintln!("chaff agrees with WCXB's annotators on {agree} of {pages} ({share:.3})");
    assert!(
        share >= MIN_AGREEMENT,
        "declared dates agree with WCXB's annotated dates on {share:.3} of {pages} pages, \
         below {MIN_AGREEMENT:.3}"
    );
}
