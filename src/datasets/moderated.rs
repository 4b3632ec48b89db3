//! Pages moderators decided, as labelled samples for the page model: the file
//! `chaff queue export --labels FILE` writes (one JSON object a line: `id`, `url`, `html`,
//! `farm`, `decided_by`, `note`; see `moderation::labels`).
//!
//! Each page goes to train, dev or test by the hash of its id, like chaff's other JSONL
//! samples, so that a page decided once never lands on both sides of an evaluation.

use super::{Split, hashed_split};
use serde::{Deserialize, Serialize};
use std::io::BufRead;
use std::path::Path;

/// One decided page, one line of the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageLabel {
    pub id: String,
    pub url: String,
    pub html: String,
    /// A moderator confirmed the page is a farm copy (true) or dismissed the flag (false).
    pub farm: bool,
    pub decided_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A decided page of one split.
#[derive(Debug, Clone, PartialEq)]
pub struct Moderated {
    pub id: String,
    pub url: String,
    pub html: String,
    /// Confirmed as a farm copy (true) or dismissed (false).
    pub farm: bool,
}

/// Why the file could not be read: it names the file and the line.
#[derive(Debug, thiserror::Error)]
pub enum ModeratedError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} line {line}: not a moderated page: {reason}")]
    Line {
        path: String,
        line: usize,
        reason: String,
    },
}

/// The decided pages of `file` that fall in `split` (`Split::All`: every page).
pub fn read(file: &Path, split: Split) -> Result<Vec<Moderated>, ModeratedError> {
    let path = file.display().to_string();
    let f = std::fs::File::open(file).map_err(|source| ModeratedError::Read {
        path: path.clone(),
        source,
    })?;
    let mut out = Vec::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|source| ModeratedError::Read {
            path: path.clone(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let p: PageLabel = serde_json::from_str(&line).map_err(|e| ModeratedError::Line {
            path: path.clone(),
            line: n + 1,
            reason: e.to_string(),
        })?;
        if split == Split::All || hashed_split(&p.id) == split {
            out.push(Moderated {
                id: p.id,
                url: p.url,
                html: p.html,
                farm: p.farm,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_decided_pages_and_names_bad_lines() {
        let dir = std::env::temp_dir().join(format!("chaff-moderated-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("labels.jsonl");
        let lines: Vec<String> = (0..40)
            .map(|i| {
                serde_json::to_string(&PageLabel {
                    id: format!("moderated:{i}"),
                    url: format!("https://x.example/{i}"),
                    html: "<p>x</p>".into(),
                    farm: i % 2 == 0,
                    decided_by: Some("maria".into()),
                    note: None,
                })
                .unwrap()
            })
            .collect();
        std::fs::write(&file, lines.join("\n")).unwrap();
        let all = read(&file, Split::All).unwrap();
        assert_eq!(all.len(), 40);
        assert_eq!(all.iter().filter(|m| m.farm).count(), 20);
        let parts: usize = [Split::Train, Split::Dev, Split::Test]
            .iter()
            .map(|s| read(&file, *s).unwrap().len())
            .sum();
        assert_eq!(parts, 40, "every page in exactly one split");
        std::fs::write(&file, "{\"id\": 1}\n").unwrap();
        let err = read(&file, Split::All).unwrap_err().to_string();
        assert!(err.contains("labels.jsonl line 1"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
