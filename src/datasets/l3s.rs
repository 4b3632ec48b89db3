//! L3S-GN1 (Kohlschütter et al., WSDM 2010): 621 Google News pages whose text runs are
//! wrapped in `<span class="x-nc-selN">` by human assessors.
//!
//! Body is N = 1 (headline) and N = 2 (full text). Not body: 0 (not content), 3
//! "supplemental" (captions, datelines, bylines: text that belongs with the article but is
//! not its running text, and that the other sets' gold texts mostly leave out), 4 "related
//! content" (teaser links to other stories, exactly the boilerplate chaff must drop) and 5
//! user comments (Dragnet's gold never counts comments, and a scraper-farm detector
//! compares article bodies, not reader threads). Text outside any span is not content.
//!
//! Splits come from BoilerNet's L3S-GN1 80/10/10 lists, which name the same pages
//! `gn1_<uuid>.html`.

use super::{DatasetError, Entry, GoldSource, Split, boilernet, dir, hashed_split, stems};
use crate::page::Page;
use std::collections::HashMap;
use std::path::Path;

/// Is the label N of an `x-nc-selN` class body?
pub fn is_body_label(n: u32) -> bool {
    matches!(n, 1 | 2)
}

/// The N of the first `x-nc-selN` class of an element.
fn sel_label(el: &crate::segment::Element) -> Option<u32> {
    el.classes()
        .find_map(|c| c.strip_prefix("x-nc-sel").and_then(|n| n.parse().ok()))
}

/// Segment an annotated page, setting gold from the spans.
pub fn segment(html: &str) -> Page {
    let ann = |el: &crate::segment::Element| sel_label(el).map(is_body_label);
    crate::segment::segment_annotated(html, Some(&ann))
}

/// The published split of each page id (uuid), from the BoilerNet lists.
fn published_split(root: &Path) -> Result<HashMap<String, Split>, DatasetError> {
    let lists = dir(root, "boilernet-datasets/datasets/L3S-GN1/80-10-10-split")?;
    // Cutting the prefix after the ending gives the same id: `gn1_` holds no `.`, which
    // every ending starts with, so the two cuts never meet.
    Ok(boilernet::listed(&lists, Split::All)?
        .into_iter()
        .map(|(name, part)| (name.trim_start_matches("gn1_").to_string(), part))
        .collect())
}

/// The split of one id: published, else (never seen on the shipped data) 80/10/10 by hash.
fn split_of(map: &HashMap<String, Split>, id: &str) -> Split {
    map.get(id).copied().unwrap_or_else(|| hashed_split(id))
}

pub(crate) fn entries(root: &Path, split: Split) -> Result<Vec<Entry>, DatasetError> {
    let annotated = dir(root, "l3s-gn1/annotated")?;
    let map = published_split(root)?;
    Ok(stems(&annotated, ".html.gz")?
        .into_iter()
        .filter(|id| split.contains(split_of(&map, id)))
        .map(|id| Entry {
            path: annotated.join(format!("{id}.html.gz")),
            id,
            gold: GoldSource::L3s,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_and_full_text_are_body_the_rest_not() {
        let html = r#"<body>
            <div><span class="x-nc-sel1">A headline here</span></div>
            <p><span class="x-nc-sel2">The running text of the story, long enough.</span></p>
            <p><span class="x-nc-sel3">Photo caption</span></p>
            <p><span class="x-nc-sel4">Related: another story</span></p>
            <p><span class="x-nc-sel5">A reader comment</span></p>
            <p>Unmarked footer text</p></body>"#;
        let page = segment(html);
        let gold: Vec<_> = page.blocks.iter().map(|b| b.gold).collect();
        assert_eq!(
            gold,
            [true, true, false, false, false, false].map(Some).to_vec()
        );
    }
}
