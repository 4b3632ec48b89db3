//! Dragnet (Peters & Lecocq, 2013): 1381 pages with a corrected clean text each. The text
//! after the line `!@#$%^&*()  COMMENTS` is the page's user comments, which Dragnet never
//! counts as body, and neither do we. The annotators typed that line by hand: on 36 of the
//! 416 pages that have it, it is spelt otherwise (`!@ $%^&*()`, one space or three, a tab, a
//! doubled `*`, a trailing `\r`), and on 20 of them the exact string is not in the line, so
//! it is recognised by its shape (see [`is_comments_marker`]). Read as the exact string,
//! those 20 pages (14 of training and dev, 6 of test) counted their comments as article.
//!
//! `training.txt` / `test.txt` are the published split. Dev is carved out of training by the
//! id's hash (one in ten), so it is the same on every machine and never touches test.

use super::{DatasetError, Entry, GoldSource, Split, bucket, dir, read_list};
use std::path::Path;

/// The marker line before the comments in a corrected file, as most files spell it.
pub const COMMENTS_MARKER: &str = "!@#$%^&*()  COMMENTS";

/// Symbols a misspelt marker still holds at least this many of: no line of article text is
/// a run of keyboard symbols followed by `COMMENTS`.
const MARKER_MIN_SYMBOLS: usize = 3;

/// Whether a line is the comments marker, however it was typed: `COMMENTS` after a run of
/// at least [`MARKER_MIN_SYMBOLS`] ASCII symbols and nothing else.
pub fn is_comments_marker(line: &str) -> bool {
    let Some(prefix) = line.trim_end().strip_suffix("COMMENTS") else {
        return false;
    };
    prefix
        .chars()
        .all(|c| c.is_ascii_punctuation() || c.is_whitespace())
        && prefix.chars().filter(|c| c.is_ascii_punctuation()).count() >= MARKER_MIN_SYMBOLS
}

/// The article text of a corrected file: everything before the comments marker.
pub fn gold_text(corrected: &str) -> String {
    let mut end = corrected.len();
    let mut at = 0;
    for line in corrected.split_inclusive('\n') {
        if is_comments_marker(line) {
            end = at;
            break;
        }
        at += line.len();
    }
    super::gold::unescape_entities(corrected[..end].trim())
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

    #[test]
    fn a_misspelt_marker_is_still_the_marker() {
        for marker in [
            "!@ $%^&*()  COMMENTS",
            "!@#$%^&*() COMMENTS",
            "!@#$%^&*()   COMMENTS\r",
            "!@#$%^&*()  \tCOMMENTS",
            "  #$%^&*()  COMMENTS",
        ] {
            let text = format!("The article.\n{marker}\nGreat post!\n");
            assert_eq!(gold_text(&text), "The article.", "{marker:?}");
        }
        // A line of text that ends in the word is not a marker.
        let text = "The article.\nREAD THE COMMENTS\nMore article.";
        assert_eq!(gold_text(text), text);
        assert!(!is_comments_marker("-- COMMENTS"));
    }
}
