//! trafilatura's evaluation set: 990 pages (70% German) chosen by trafilatura's authors, each
//! with snippets of text that a good extraction contains (`with`) and snippets it must leave
//! out (`without`), in `trafilatura-eval/tests/evaldata.json`.
//!
//! There is no gold text to align with blocks, so these pages are not [`super::Sample`]s and
//! are never trained on: they are a test set for every model, scored by
//! [`crate::eval::snippets`] with trafilatura's own metric.

use super::{DatasetError, dir, read_text};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name `chaff eval --dataset` knows this set by.
pub const NAME: &str = "trafilatura-eval";

/// One page and its snippets.
#[derive(Debug, Clone)]
pub struct SnippetPage {
    /// The page's URL, the key of `evaldata.json`.
    pub id: String,
    pub path: PathBuf,
    pub with: Vec<String>,
    pub without: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Item {
    file: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

/// The pages of the set, in the order of the JSON file; `skipped` names the entries whose
/// page file is missing.
pub fn pages(root: &Path) -> Result<(Vec<SnippetPage>, Vec<String>), DatasetError> {
    let base = dir(root, "trafilatura-eval/tests")?;
    let index = base.join("evaldata.json");
    let text = read_text(&index).map_err(|message| DatasetError::Format {
        path: index.clone(),
        message,
    })?;
    // The file is a JSON object keyed by URL; serde_json keeps keys sorted, which is as
    // good an order as the file's and the same on every machine.
    let items: BTreeMap<String, Item> =
        serde_json::from_str(&text).map_err(|e| DatasetError::Format {
            path: index.clone(),
            message: format!("not trafilatura's evaldata.json: {e}"),
        })?;
    let (mut out, mut skipped) = (Vec::new(), Vec::new());
    for (id, item) in items {
        let candidates = ["eval", "cache"].into_iter().flat_map(|sub| {
            [
                base.join(sub).join(format!("{}.gz", item.file)),
                base.join(sub).join(&item.file),
            ]
        });
        match candidates.into_iter().find(|p| p.is_file()) {
            Some(path) => out.push(SnippetPage {
                id,
                path,
                with: item.with,
                without: item.without,
            }),
            None => skipped.push(format!("{id}: no file {}", item.file)),
        }
    }
    Ok((out, skipped))
}

/// A page's HTML, decoded.
pub fn html(page: &SnippetPage) -> Result<String, String> {
    read_text(&page.path)
}
