//! Decisions as training labels: moderators' verdicts on whole pages (for the page model)
//! and their marks on single blocks (for the block model), written in the formats the two
//! trainers read.
//!
//! A decided item whose raw HTML was kept becomes one line of FILE:
//! `{"id", "url", "html", "farm", "decided_by", "note"}` (`farm` is true for `confirmed`),
//! which `chaff train-verdict --labelled FILE` adds to its corpus (`datasets::moderated`).
//! Items with block marks become lines of `FILE.blocks.jsonl` in chaff's own block-label
//! format (`datasets::jsonl`), for `chaff train`. The queue knows nothing of HTML, so the
//! caller says what the unmarked blocks are (the extractor's labels, as the moderator saw
//! them).

use super::{Queue, QueueError, Status};
pub use crate::datasets::moderated::PageLabel;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LabelCounts {
    /// Decided pages written to FILE.
    pub pages: u64,
    /// Decided items without kept HTML, left out.
    pub without_html: u64,
    /// Pages with block marks written to FILE.blocks.jsonl.
    pub block_pages: u64,
}

/// Where the block labels of `file` go: `FILE.blocks.jsonl` beside it.
pub fn blocks_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".blocks.jsonl");
    PathBuf::from(name)
}

/// Write decided pages to `file` and block marks to [`blocks_path`]. `page_labels(html)`
/// gives the label of every block of a page as chaff segments it, for the blocks no
/// moderator marked; a marked block index past the page's blocks is left out.
pub fn export_labels(
    queue: &Queue,
    file: &Path,
    page_labels: impl Fn(&str) -> Vec<bool>,
) -> Result<LabelCounts, QueueError> {
    let mut counts = LabelCounts::default();
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    for status in [Status::Confirmed, Status::Dismissed] {
        queue.each_item(Some(status), |item| {
            let Some(html) = queue.html(item.id)? else {
                counts.without_html += 1;
                return Ok(());
            };
            let line = PageLabel {
                id: format!("moderated:{}", item.webhook_id),
                url: item.url.clone(),
                html,
                farm: status == Status::Confirmed,
                decided_by: item.resolved_by.clone(),
                note: item.note.clone(),
            };
            serde_json::to_writer(&mut out, &line).map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
            counts.pages += 1;
            Ok(())
        })?;
    }
    out.flush()?;

    let mut blocks = std::io::BufWriter::new(std::fs::File::create(blocks_path(file))?);
    for id in queue.labelled_items()? {
        let Some(html) = queue.html(id)? else {
            continue;
        };
        let item = queue.get(id)?;
        let mut labels = page_labels(&html);
        for mark in queue.block_labels(id)? {
            if let Some(l) = labels.get_mut(mark.block) {
                *l = mark.body;
            }
        }
        let line = crate::datasets::jsonl::Line {
            id: Some(format!("moderated:{}", item.webhook_id)),
            url: Some(item.url),
            html,
            body_text: None,
            labels: Some(labels),
            split: None,
        };
        serde_json::to_writer(&mut blocks, &line).map_err(std::io::Error::other)?;
        blocks.write_all(b"\n")?;
        counts.block_pages += 1;
    }
    blocks.flush()?;
    Ok(counts)
}
