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

/// The gold text of a ground-truth JSON.
pub fn gold_text(json: &str, path: &Path) -> Result<String, String> {
    let f: GroundTruthFile = serde_json::from_str(json)
        .map_err(|e| format!("{}: not a WCXB ground truth: {e}", path.display()))?;
    Ok(f.ground_truth.main_content)
}

/// The page type a ground-truth JSON declares.
fn page_type(path: &Path) -> Option<String> {
    let json = std::fs::read_to_string(path).ok()?;
    let f: GroundTruthFile = serde_json::from_str(&json).ok()?;
    f.internal?.page_type?.primary
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
        let gold = truth.join(format!("{id}.json"));
        out.push(Entry {
            path: html.join(format!("{id}.html.gz")),
            page_type: page_type(&gold),
            gold: GoldSource::Wcxb(gold),
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
