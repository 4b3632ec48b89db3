//! JSON Lines: one page per line, `{"url": …, "html": …, "fetched": …}` (`url`, `fetched` optional).
//!
//! A line that is not such an object is an error naming its byte offset and line number; the
//! next line is read as if nothing happened, since lines do not depend on each other.

use super::stream::Stream;
use super::{DEFAULT_MAX_PAGE_BYTES, Event, InputError, Record};
use serde::Deserialize;
use std::io::{BufRead, Read};

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    url: Option<String>,
    html: String,
    /// When the page was fetched, `2024-01-27T09:30:00Z` (or a date alone).
    #[serde(default)]
    fetched: Option<String>,
}

/// Streams the records of a JSON Lines file, one line in memory at a time.
pub struct JsonlReader<R: Read> {
    name: String,
    stream: Stream<R>,
    line_no: u64,
    done: bool,
    max_page_bytes: usize,
}

impl<R: Read> JsonlReader<R> {
    pub fn new(name: &str, reader: R) -> Self {
        JsonlReader {
            name: name.to_string(),
            stream: Stream::new(reader),
            line_no: 0,
            done: false,
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }

    /// Lines longer than `bytes` become errors naming them instead of records.
    pub fn max_page_bytes(mut self, bytes: usize) -> Self {
        self.max_page_bytes = bytes;
        self
    }
}

impl<R: Read> Iterator for JsonlReader<R> {
    type Item = Result<Event, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let offset = self.stream.offset();
            let limit = self.max_page_bytes;
            let line = match self.stream.read_line_capped(limit + 1) {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::io(&self.name, e)));
                }
            };
            self.line_no += 1;
            if line.len() > limit && !line.ends_with(b"\n") {
                // Skip the rest of an oversized line so the next one starts clean.
                let mut sink = Vec::new();
                while let Ok(n) = (&mut self.stream)
                    .take(1 << 20)
                    .read_until(b'\n', &mut sink)
                {
                    let ended = sink.ends_with(b"\n");
                    sink.clear();
                    if n == 0 || ended {
                        break;
                    }
                }
                let at = format!("{}#{offset}", self.name);
                return Some(Err(InputError::too_large(at, None, limit)));
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let parsed: Result<Line, _> = serde_json::from_slice(&line);
            return Some(match parsed {
                Ok(l) => Ok(Event::Record(Record {
                    source: format!("{}#{offset}", self.name),
                    url: l.url.filter(|u| !u.is_empty()),
                    bytes: l.html.into_bytes(),
                    // The JSON string was decoded to Rust text: the bytes are UTF-8 now.
                    charset: Some("utf-8".to_string()),
                    fetched: l
                        .fetched
                        .as_deref()
                        .and_then(crate::calendar::parse_instant),
                })),
                Err(e) => Err(InputError::record(
                    &self.name,
                    offset,
                    format!(
                        "line {}: not a JSON object with an \"html\" string: {e}",
                        self.line_no
                    ),
                )),
            });
        }
        None
    }
}
