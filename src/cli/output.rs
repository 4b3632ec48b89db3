//! Output conventions shared by the batch commands (`extract`, `score`): one line per page,
//! an error line for a page that failed, and a summary of what the inputs skipped.

use super::Exit;
use crate::batch::{Outcome, Summary};
use crate::input::{DEFAULT_MAX_PAGE_BYTES, InputError, InputStats, Inputs, Record};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// How the batch commands read their inputs; flattened into their `Args`.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// The largest page read, in bytes (suffixes K, M, G: powers of 1024); a bigger page gets
    /// an error line naming it, and counts as an error.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_PAGE_BYTES, value_parser = parse_bytes)]
    pub max_page_bytes: usize,
}

impl ReadArgs {
    /// The records of `inputs`, read with these settings.
    pub fn open(&self, inputs: &[PathBuf]) -> Inputs {
        crate::input::open_inputs(inputs).max_page_bytes(self.max_page_bytes)
    }
}

/// `33554432`, `32M`, `512K`, `1G`.
fn parse_bytes(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 10),
        Some((i, 'M' | 'm')) => (&t[..i], 20),
        Some((i, 'G' | 'g')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size in bytes (like 33554432, 512K, 32M or 1G)"))?;
    let bytes = n
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))?;
    if bytes == 0 {
        return Err("the page size limit must be at least 1 byte".to_string());
    }
    Ok(bytes)
}

/// The end of a batch run, by the exit-code policy: nothing read at all is a failure, some
/// records failed is a failure only with `--strict`.
pub fn batch_exit(summary: &Summary, strict: bool) -> Exit {
    if summary.errors > 0 && summary.items == summary.errors {
        eprintln!("chaff: not one page could be read from the inputs");
        Exit::Failed
    } else if strict && summary.errors > 0 {
        Exit::Partial
    } else {
        Exit::Done
    }
}

/// `3 inputs, 2 pages, 0 flagged, 1 error, 12.3 pages/s`: every record or input that went
/// through the run, the pages among them that were scored, and the rest.
pub fn summary_line(summary: &Summary) -> String {
    let pages = summary.items - summary.errors;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}, {} flagged, {}, {:.1} pages/s",
        plural(summary.items, "input", "inputs"),
        plural(pages, "page", "pages"),
        summary.flagged,
        plural(summary.errors, "error", "errors"),
        pages as f64 / summary.seconds.max(1e-9),
    )
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    source: &'a str,
    error: &'a str,
}

/// Report a page that could not be read or scored: always on stderr, and as a JSON line
/// with `source` and `error` in JSON Lines mode, so that the output has one line per input.
pub fn page_error(out: &mut impl Write, jsonl: bool, source: &str, error: &str) -> Outcome {
    eprintln!("chaff: {source}: {error}");
    if jsonl && let Err(e) = write_json_line(out, &ErrorOut { source, error }) {
        return write_failed(e);
    }
    Outcome::Error
}

/// Report a page that could not be read or scored as a line of `chaff score`'s plain
/// output, in the columns of the pages' lines, so that the output has one line per input.
pub fn plain_error(out: &mut impl Write, source: &str, error: &str) -> Outcome {
    if let Err(e) = writeln!(out, "ERR  ----  {source}  {error}") {
        return write_failed(e);
    }
    Outcome::Error
}

/// A worker's first step: the record and its bytes decoded to HTML, or the (source, error)
/// pair that `page_error` reports.
pub fn read_page(record: Result<Record, InputError>) -> Result<(Record, String), (String, String)> {
    let record = record.map_err(|e| (e.location(), e.message()))?;
    let html = crate::decode::decode_with_hint(&record.bytes, record.charset.as_deref())
        .map_err(|e| (record.source.clone(), e.to_string()))?;
    Ok((record, html))
}

/// One value as one line of JSON.
pub fn write_json_line(out: &mut impl Write, value: &impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)
}

/// A failed write to the output; a closed pipe (`| head`) is not worth a message per page.
pub fn write_failed(e: std::io::Error) -> Outcome {
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        eprintln!("chaff: cannot write output: {e}");
    }
    Outcome::Error
}

/// One stderr line about records the inputs skipped (non-HTML, requests...), if any.
pub fn report_skipped(stats: &InputStats) {
    if stats.skipped_total() == 0 {
        return;
    }
    let by_reason: Vec<String> = stats
        .skipped
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect();
    eprintln!(
        "chaff: {} records skipped ({})",
        stats.skipped_total(),
        by_reason.join(", ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_suffixes() {
        assert_eq!(parse_bytes("33554432"), Ok(32 << 20));
        assert_eq!(parse_bytes("32M"), Ok(32 << 20));
        assert_eq!(parse_bytes("512k"), Ok(512 << 10));
        assert!(parse_bytes("0").is_err());
        assert!(parse_bytes("lots").is_err());
        assert!(parse_bytes("99999999999999999999G").is_err());
    }

    #[test]
    fn the_summary_counts_an_error_as_an_input_not_as_a_page() {
        let s = Summary {
            items: 3,
            flagged: 0,
            errors: 1,
            seconds: 1.0,
            items_per_second: 3.0,
        };
        assert!(summary_line(&s).starts_with("3 inputs, 2 pages, 0 flagged, 1 error, 2.0 pages/s"));
        assert_eq!(batch_exit(&s, false), Exit::Done);
        assert_eq!(batch_exit(&s, true), Exit::Partial);
        let none = Summary {
            items: 2,
            errors: 2,
            ..s
        };
        assert_eq!(batch_exit(&none, false), Exit::Failed);
    }
}
