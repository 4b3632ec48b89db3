//! chaff's own labelled-page format, so that users can train on pages of their own sites:
//! JSON Lines, one page per line (see `training-data/README.md`).
//!
//! ```json
//! {"url": "https://example.org/a", "html": "<html>...</html>", "body_text": "The article..."}
//! {"url": "https://example.org/b", "html": "<html>...</html>", "labels": [false, true, true]}
//! ```
//!
//! `body_text` is aligned to the blocks like any gold text ([`super::gold`]); `labels` gives
//! one boolean per block in chaff's segmentation order (what `chaff extract --jsonl --blocks`
//! lists) and must have exactly as many entries as the page has blocks. Optional fields:
//! `id` (defaults to the url, else `line N`) and `split` (`train`, `dev` or `test`; without
//! it, a page goes to test, dev or train by the hash of its id: 1 in 10, 1 in 10, the rest).

use super::{DatasetError, Loaded, Sample, Skipped, Split, hashed_split};
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;

/// Does this dataset name denote a JSON Lines file?
pub fn is_jsonl_path(name: &str) -> bool {
    name.ends_with(".jsonl") || name.ends_with(".jsonl.gz")
}

/// One line of the format.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Line {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub html: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Vec<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Split>,
}

/// Turn one line of the format into a sample (`lineno` is 1-based, for messages).
pub fn parse_line(text: &str, path: &Path, lineno: usize) -> Result<(Sample, Split), String> {
    let line: Line =
        serde_json::from_str(text).map_err(|e| format!("line {lineno}: not a chaff page: {e}"))?;
    let id = line
        .id
        .clone()
        .or_else(|| line.url.clone())
        .unwrap_or_else(|| format!("line {lineno}"));
    let (page, gold_text) = match (line.body_text, line.labels) {
        (Some(_), Some(_)) => {
            return Err(format!(
                "line {lineno} ({id}): give either body_text or labels, not both"
            ));
        }
        (None, None) => {
            return Err(format!(
                "line {lineno} ({id}): no gold: add body_text or labels"
            ));
        }
        (Some(body), None) => super::gold::page_with_text(&line.html, body),
        (None, Some(labels)) => {
            let mut page = crate::segment::segment(&line.html);
            if labels.len() != page.blocks.len() {
                return Err(format!(
                    "line {lineno} ({id}): {} labels, but chaff segments this page into {} blocks \
                     (list them with `chaff extract --jsonl --blocks`)",
                    labels.len(),
                    page.blocks.len()
                ));
            }
            for (b, l) in page.blocks.iter_mut().zip(labels) {
                b.gold = Some(l);
            }
            (page, None)
        }
    };
    let split = line.split.unwrap_or_else(|| hashed_split(&id));
    if split == Split::All {
        return Err(format!(
            "line {lineno} ({id}): split must be train, dev or test"
        ));
    }
    Ok((
        Sample {
            dataset: path.display().to_string(),
            id,
            path: path.to_path_buf(),
            page,
            gold_text,
            page_type: None,
        },
        split,
    ))
}

/// Load the pages of one split from a `.jsonl` (or `.jsonl.gz`) file.
pub fn load(path: &Path, split: Split) -> Result<Loaded, DatasetError> {
    let bytes = std::fs::read(path).map_err(|e| DatasetError::io(path, e))?;
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .map_err(|e| DatasetError::io(path, e))?;
        s
    } else {
        String::from_utf8(bytes).map_err(|e| DatasetError::Format {
            path: path.to_path_buf(),
            message: format!("not UTF-8: {e}"),
        })?
    };
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l))
        .collect();
    let results: Vec<Result<(Sample, Split), String>> = lines
        .par_iter()
        .map(|(n, l)| parse_line(l, path, *n))
        .collect();
    let mut loaded = Loaded::default();
    for r in results {
        match r {
            Ok((s, part)) if split.contains(part) && s.page.blocks.is_empty() => {
                loaded.empty.push(s)
            }
            Ok((s, part)) if split.contains(part) => loaded.samples.push(s),
            Ok(_) => {}
            Err(reason) => loaded.skipped.push(Skipped {
                path: path.to_path_buf(),
                reason,
            }),
        }
    }
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = "<html><body><nav>Home | About</nav>\
        <p>The harbour reopened on Tuesday after a week of repairs.</p>\
        <footer>Copyright the harbour board</footer></body></html>";

    #[test]
    fn labels_must_match_the_block_count() {
        let line = serde_json::json!({"url": "u", "html": HTML, "labels": [false, true]});
        let err = parse_line(&line.to_string(), Path::new("x.jsonl"), 3).unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(
            err.contains("2 labels") && err.contains("3 blocks"),
            "{err}"
        );
        let line = serde_json::json!({"url": "u", "html": HTML, "labels": [false, true, false], "split": "dev"});
        let (s, split) = parse_line(&line.to_string(), Path::new("x.jsonl"), 1).unwrap();
        assert_eq!(split, Split::Dev);
        let gold: Vec<_> = s.page.blocks.iter().map(|b| b.gold).collect();
        assert_eq!(gold, vec![Some(false), Some(true), Some(false)]);
        assert!(s.block_labelled());
    }

    #[test]
    fn body_text_is_aligned() {
        let line = serde_json::json!({"url": "u", "html": HTML,
            "body_text": "The harbour reopened on Tuesday after a week of repairs."});
        let (s, _) = parse_line(&line.to_string(), Path::new("x.jsonl"), 1).unwrap();
        let gold: Vec<_> = s.page.blocks.iter().map(|b| b.gold).collect();
        assert_eq!(gold, vec![Some(false), Some(true), Some(false)]);
        assert_eq!(s.id, "u");
    }

    #[test]
    fn a_line_without_gold_is_an_error() {
        let line = serde_json::json!({"html": HTML});
        let err = parse_line(&line.to_string(), Path::new("x.jsonl"), 7).unwrap_err();
        assert!(err.contains("line 7") && err.contains("no gold"), "{err}");
    }
}
