//! Mozilla Readability's test pages: `source.html.gz` and the article Readability extracts,
//! `expected.html.gz`. The expected article's text is the gold; all 130 pages are test (they
//! include lorem-ipsum and non-English cases, which is what a test set should have).

use super::{DatasetError, Entry, GoldSource, Split, dir};
use std::path::Path;

/// The text of an expected article: its blocks, one paragraph each.
pub fn gold_text(expected_html: &str) -> String {
    crate::segment::segment(expected_html)
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

pub(crate) fn entries(root: &Path, split: Split) -> Result<Vec<Entry>, DatasetError> {
    if !split.contains(Split::Test) {
        return Ok(Vec::new());
    }
    let pages = dir(root, "readability/test/test-pages")?;
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .map_err(|e| DatasetError::io(&pages, e))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("source.html.gz").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .map(|id| {
            let d = pages.join(&id);
            Entry {
                path: d.join("source.html.gz"),
                gold: GoldSource::ReadabilityExpected(d.join("expected.html.gz")),
                id,
            }
        })
        .collect())
}
