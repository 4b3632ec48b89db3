//! Output conventions shared by the batch commands (`extract`, `score`): one line per page,
//! an error line for a page that failed, and a summary of what the inputs skipped.

use crate::batch::Outcome;
use crate::input::{InputError, InputStats, Record};
use serde::Serialize;
use std::io::Write;

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
