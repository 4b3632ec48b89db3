//! BoilerNet's GoogleTrends-2017 set (Leonhardt et al. 2020): 180 pages whose every text
//! leaf is wrapped in `<span __boilernet_label="0|1">`, with a published 50/30/100 split.
//!
//! We read `prepared_html/` (the labelled copy), not `raw_html/`: the labels live there, and
//! the prepared copy keeps the page's head and structure.

use super::{DatasetError, Entry, GoldSource, Split, dir, read_list};
use crate::page::Page;
use std::path::Path;

/// Segment a prepared page, setting gold from the leaf spans.
pub fn segment(html: &str) -> Page {
    let ann = |el: &crate::segment::Element| el.attr("__boilernet_label").map(|v| v.trim() == "1");
    crate::segment::segment_annotated(html, Some(&ann))
}

/// The pages named by a BoilerNet split folder's `train_set.txt`, `dev_set.txt` and
/// `test_set.txt`, in list order, each with its part. Only the lists `split` covers are read,
/// so a missing list fails only the splits that need it. The lists name files; ids are the
/// names without their `.html`/`.html.gz` ending.
pub(crate) fn listed(lists: &Path, split: Split) -> Result<Vec<(String, Split)>, DatasetError> {
    let mut out = Vec::new();
    for (file, part) in [
        ("train_set.txt", Split::Train),
        ("dev_set.txt", Split::Dev),
        ("test_set.txt", Split::Test),
    ] {
        if !split.contains(part) {
            continue;
        }
        for name in read_list(&lists.join(file))? {
            let id = name.trim_end_matches(".gz").trim_end_matches(".html");
            out.push((id.to_string(), part));
        }
    }
    Ok(out)
}

pub(crate) fn entries(root: &Path, split: Split) -> Result<Vec<Entry>, DatasetError> {
    let base = "boilernet-datasets/datasets/googletrends";
    let prepared = dir(root, &format!("{base}/prepared_html"))?;
    let lists = dir(root, &format!("{base}/50-30-100-split"))?;
    Ok(listed(&lists, split)?
        .into_iter()
        .map(|(id, _)| Entry {
            path: prepared.join(format!("{id}.html.gz")),
            id,
            gold: GoldSource::Boilernet,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaf_labels_become_block_gold() {
        let html = r#"<body><div><span __boilernet_label="0" __num="0">Menu</span></div>
            <p><span __boilernet_label="1" __num="1">Story text that matters.</span></p></body>"#;
        let page = segment(html);
        assert_eq!(page.blocks[0].gold, Some(false));
        assert_eq!(page.blocks[1].gold, Some(true));
    }
}
