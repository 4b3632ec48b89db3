//! Dragnet (Peters & Lecocq, 2013): 1381 pages with a corrected clean text each. The text
//! after the line `!@#$%^&*()  COMMENTS` is the page's user comments, which Dragnet never
//! counts as body, and neither do we.
//!
//! `training.txt` / `test.txt` are the published split. Dev is carved out of training by the
//! id's hash (one in ten), so it is the same on every machine and never touches test.

use super::{DatasetError, Entry, GoldSource, Split, bucket, dir, read_list};
use std::path::Path;

/// The marker line before the comments in a corrected file.
pub const COMMENTS_MARKER: &str = "!@#$%^&*()  COMMENTS";

/// The article text of a corrected file: everything before the comments marker.
pub fn gold_text(corrected: &str) -> String {
    let body = match corrected.find(COMMENTS_MARKER) {
        Some(i) => &corrected[..i],
        None => corrected,
    };
    super::gold::unescape_entities(body.trim())
}

/// Which part of the published training list goes to dev.
fn is_dev(id: &str) -> bool {
    bucket(id) == 0
}

pub(crate) fn entries(root: &Path, split: Split) -> Result<Vec<Entry>, DatasetError> {
    let base = dir(root, "dragnet")?;
    let html = dir(root, "dragnet/HTML")?;
    let corrected = dir(root, "dragnet/Corrected")?;
    let mut out = Vec::new();
    for (file, listed) in [("training.txt", Split::Train), ("test.txt", Split::Test)] {
        for id in read_list(&base.join(file))? {
            let part = if listed == Split::Train && is_dev(&id) {
                Split::Dev
            } else {
                listed
            };
            if !split.contains(part) {
                continue;
            }
            out.push(Entry {
                path: html.join(format!("{id}.html.gz")),
                gold: GoldSource::Dragnet(corrected.join(format!("{id}.html.corrected.txt"))),
                id,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_after_the_marker_are_not_gold() {
        let text = "Title\n\nThe article.\n\n!@#$%^&*()  COMMENTS\n\nGreat post!\n";
        assert_eq!(gold_text(text), "Title\n\nThe article.");
        assert_eq!(gold_text("No comments here."), "No comments here.");
    }
}
