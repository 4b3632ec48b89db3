//! The page body against the wire story, word by word: the runs both share, what the page
//! cut from the story, and what it added.
//!
//! Words are compared lower-cased and stripped of punctuation, so a farm's changed quotes or
//! dashes do not break a shared run; they are shown as each side printed them. The diff is
//! `similar`'s patience diff, which anchors on words that occur once on each side, the
//! right choice for prose where "the" and "said" occur everywhere.

use serde::Serialize;
use similar::{Algorithm, DiffTag, capture_diff_slices_by_key};

/// A shared run shorter than this many words is shown as cut and added instead: one or two
/// common words ("of the") match by chance between unrelated sentences.
pub const MIN_SHARED_RUN: usize = 3;

/// What a run of words is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RunKind {
    /// On both sides.
    Shared,
    /// Only in the wire story: the farm cut it.
    Cut,
    /// Only on the page: the farm added it.
    Added,
}

/// Consecutive words of one kind, as one side printed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub kind: RunKind,
    pub text: String,
    pub words: usize,
}

/// Both sides, cut into runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WireDiff {
    /// The page body: shared and added runs.
    pub page: Vec<Run>,
    /// The wire story: shared and cut runs.
    pub story: Vec<Run>,
    pub shared_words: usize,
    pub cut_words: usize,
    pub added_words: usize,
}

fn key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Append a word to the runs, joining it to the last run of the same kind.
fn push(runs: &mut Vec<Run>, kind: RunKind, words: &[&str]) {
    if words.is_empty() {
        return;
    }
    match runs.last_mut() {
        Some(last) if last.kind == kind => {
            last.text.push(' ');
            last.text.push_str(&words.join(" "));
            last.words += words.len();
        }
        _ => runs.push(Run {
            kind,
            text: words.join(" "),
            words: words.len(),
        }),
    }
}

/// Diff a page body against a story text.
pub fn diff(page: &str, story: &str) -> WireDiff {
    let p: Vec<&str> = page.split_whitespace().collect();
    let s: Vec<&str> = story.split_whitespace().collect();
    let ops = capture_diff_slices_by_key(Algorithm::Patience, &s, &p, |w| key(w));
    let mut out = WireDiff {
        page: Vec::new(),
        story: Vec::new(),
        shared_words: 0,
        cut_words: 0,
        added_words: 0,
    };
    for op in ops {
        let (tag, old, new) = op.as_tag_tuple();
        let shared = tag == DiffTag::Equal && old.len() >= MIN_SHARED_RUN;
        if shared {
            push(&mut out.story, RunKind::Shared, &s[old.clone()]);
            push(&mut out.page, RunKind::Shared, &p[new.clone()]);
            out.shared_words += old.len();
        } else {
            push(&mut out.story, RunKind::Cut, &s[old.clone()]);
            push(&mut out.page, RunKind::Added, &p[new.clone()]);
            out.cut_words += old.len();
            out.added_words += new.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_cut_and_added_runs() {
        let story = "BEIRUT (AP) — Iraq and the U.S. began talks on Saturday. Officials said more. \
                     The end of the story.";
        let page = "BEIRUT (AP) — Iraq and the US began talks on Saturday. Officials said more. \
                    Click here to subscribe!";
        let d = diff(page, story);
        assert_eq!(d.page[0].kind, RunKind::Shared);
        assert!(d.page[0].text.starts_with("BEIRUT (AP) — Iraq"));
        let added: Vec<&str> = d
            .page
            .iter()
            .filter(|r| r.kind == RunKind::Added)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(added, ["Click here to subscribe!"]);
        let cut: Vec<&str> = d
            .story
            .iter()
            .filter(|r| r.kind == RunKind::Cut)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(cut, ["The end of the story."]);
        // "U.S." and "US" are one word once punctuation is stripped.
        assert_eq!(d.shared_words, 13);
        assert_eq!((d.cut_words, d.added_words), (5, 4));
    }

    #[test]
    fn chance_matches_of_common_words_are_not_shared() {
        let d = diff("one of the apples", "two of the pears");
        assert!(d.page.iter().all(|r| r.kind == RunKind::Added));
        assert_eq!(d.shared_words, 0);
    }
}
