//! WCXB dev (2025): 1497 pages of seven types, gold `main_content` in
//! `ground-truth/<id>.json`.
//!
//! WCXB's own test set is held out by its authors, so we hold out a fifth of dev: pages
//! whose numeric id is divisible by 5 are TEST and are never trained or tuned on. Dev is the
//! pages with id % 10 == 1 (a tenth of the set, an eighth of the rest); train is the rest.
//! Forum pages count the thread as main content here; that is WCXB's choice, and the page
//! type is kept on the sample so that training can treat it per type.

use super::{DatasetError, Entry, GoldSource, Split, dir, stems};
use std::path::Path;

/// The part of WCXB a numeric id belongs to.
pub fn split_of(id: u64) -> Split {
    if id.is_multiple_of(5) {
        Split::Test
    } else if id % 10 == 1 {
        Split::Dev
    } else {
        Split::Train
    }
}

#[derive(serde::Deserialize)]
struct GroundTruthFile {
    ground_truth: GroundTruth,
    #[serde(rename = "_internal", default)]
    internal: Option<Internal>,
}

#[derive(serde::Deserialize)]
struct GroundTruth {
    main_content: String,
}

#[derive(serde::Deserialize)]
struct Internal {
    page_type: Option<PageType>,
}

#[derive(serde::Deserialize)]
struct PageType {
    primary: Option<String>,
}

/// The gold text and the declared page type of a ground-truth JSON, from one parse so that
/// loading reads each file once.
pub fn ground_truth(json: &str, path: &Path) -> Result<(String, Option<String>), String> {
    let f: GroundTruthFile = serde_json::from_str(json)
        .map_err(|e| format!("{}: not a WCXB ground truth: {e}", path.display()))?;
    let page_type = f.internal.and_then(|i| i.page_type?.primary);
    Ok((f.ground_truth.main_content, page_type))
}

pub(crate) fn entries(root: &Path, split: Split) -> Result<Vec<Entry>, DatasetError> {
    let truth = dir(root, "wcxb-dev/ground-truth")?;
    let html = dir(root, "wcxb-dev/html")?;
    let mut out = Vec::new();
    for id in stems(&truth, ".json")? {
        let Ok(n) = id.parse::<u64>() else { continue };
        if !split.contains(split_of(n)) {
            continue;
        }
        out.push(Entry {
            path: html.join(format!("{id}.html.gz")),
            gold: GoldSource::Wcxb(truth.join(format!("{id}.json"))),
            id,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifths_are_test_and_dev_is_disjoint() {
        assert_eq!(split_of(5), Split::Test);
        assert_eq!(split_of(10), Split::Test);
        assert_eq!(split_of(11), Split::Dev);
        assert_eq!(split_of(21), Split::Dev);
        assert_eq!(split_of(12), Split::Train);
        assert_eq!(split_of(1), Split::Dev);
    }
}
