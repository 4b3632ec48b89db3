//! CleanEval (Baroni et al., 2008) and CleanPortalEval (the same format on 71 pages of four
//! news portals): a gold text per page, starting with a `URL:` line and with `<p>`, `<h>`,
//! `<l>` markers opening paragraphs, headings and list items.
//!
//! CleanEval's small dev set (58 pages) is for training; its final set (the pages that have a
//! gold file) is the test. CleanPortalEval is test only.

use super::{DatasetError, Entry, GoldSource, Split, dir, stems};
use std::path::Path;

/// The clean text of a gold file: URL line and paragraph markers dropped.
pub fn gold_text(gold: &str) -> String {
    let gold = strip_comments(gold.trim_start_matches('\u{feff}'));
    let mut out = String::with_capacity(gold.len());
    let mut seen_text = false;
    for line in gold.lines() {
        // The URL line comes first, sometimes after blank lines.
        if !seen_text && line.trim_start().starts_with("URL:") {
            seen_text = true;
            continue;
        }
        seen_text |= !line.trim().is_empty();
        let mut line = line.trim();
        for marker in ["<p>", "<h>", "<l>", "<P>", "<H>", "<L>"] {
            if let Some(rest) = line.strip_prefix(marker) {
                line = rest.trim_start();
                out.push('\n');
                break;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    super::gold::unescape_entities(out.trim())
}

/// Drop `<!-- ... -->` notes (CleanPortalEval marks pages without an article that way).
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn entries(root: &Path, which: &str, split: Split) -> Result<Vec<Entry>, DatasetError> {
    let parts: &[(&str, Split)] = match which {
        "cleaneval" => &[
            ("cleaneval/cleaneval-dev", Split::Train),
            ("cleaneval/cleaneval-final", Split::Test),
        ],
        _ => &[("cleanportaleval", Split::Test)],
    };
    let mut out = Vec::new();
    for (folder, part) in parts {
        // CleanEval's dev and final sets both number their pages from 1: keep ids apart.
        let prefix = match *folder {
            "cleaneval/cleaneval-dev" => "dev/",
            "cleaneval/cleaneval-final" => "final/",
            _ => "",
        };
        if !split.contains(*part) {
            continue;
        }
        let input = dir(root, &format!("{folder}/input"))?;
        let gold = dir(root, &format!("{folder}/GoldStandard"))?;
        // Pages without a gold file (59 of CleanEval-final's 740) cannot be scored.
        for id in stems(&gold, ".txt")? {
            let path = input.join(format!("{id}.html.gz"));
            if !path.is_file() {
                continue;
            }
            out.push(Entry {
                path,
                gold: GoldSource::CleanEval(gold.join(format!("{id}.txt"))),
                id: format!("{prefix}{id}"),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_line_and_markers_are_dropped() {
        let g = "URL: http://example.org/x\n<h>  A Heading\n<p>First para\ncontinues &amp; ends.\n<l> * item\n";
        assert_eq!(
            gold_text(g),
            "A Heading\n\nFirst para\ncontinues & ends.\n\n* item"
        );
        let empty = "\nURL: http://example.org/\n\n<!-- this page contains no article -->\n";
        assert_eq!(gold_text(empty), "");
    }
}
