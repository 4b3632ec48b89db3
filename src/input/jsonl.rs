//! JSON Lines: one page per line, `{"url": …, "html": …, "fetched": …}` (`url`, `fetched` optional).
//!
//! A line that is not such an object is an error naming its byte offset and line number; the
//! next line is read as if nothing happened, since lines do not depend on each other. Bad
//! lines in a row make one error ("lines 3-4109"), so that a binary file is one error line.

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
    /// What ended a run of bad lines, returned next.
    pending: Option<Result<Event, InputError>>,
}

impl<R: Read> JsonlReader<R> {
    pub fn new(name: &str, reader: R) -> Self {
        JsonlReader {
            name: name.to_string(),
            stream: Stream::new(reader),
            line_no: 0,
            done: false,
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
            pending: None,
        }
    }

    /// Lines longer than `bytes` become errors naming them instead of records.
    pub fn max_page_bytes(mut self, bytes: usize) -> Self {
        self.max_page_bytes = bytes;
        self
    }
}

/// One step of the reader: a line, or why there is none.
enum Step {
    Line { offset: u64, bytes: Vec<u8> },
    Blank,
    Event(Result<Event, InputError>),
    End,
}

impl<R: Read> JsonlReader<R> {
    fn step(&mut self) -> Step {
        if self.done {
            return Step::End;
        }
        let offset = self.stream.offset();
        let limit = self.max_page_bytes;
        let line = match self.stream.read_line_capped(limit + 1) {
            Ok(Some(l)) => l,
            Ok(None) => {
                self.done = true;
                return Step::End;
            }
            Err(e) => {
                self.done = true;
                return Step::Event(Err(InputError::io(&self.name, e)));
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
            return Step::Event(Err(InputError::too_large(at, None, limit)));
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            return Step::Blank;
        }
        Step::Line {
            offset,
            bytes: line,
        }
    }

    fn record(&self, offset: u64, l: Line) -> Event {
        Event::Record(Record {
            source: format!("{}#{offset}", self.name),
            url: l.url.filter(|u| !u.is_empty()),
            bytes: l.html.into_bytes(),
            // The JSON string was decoded to Rust text: the bytes are UTF-8 now.
            charset: Some("utf-8".to_string()),
            fetched: l
                .fetched
                .as_deref()
                .and_then(crate::calendar::parse_instant),
        })
    }

    /// A line that is not a page, and the bad lines right after it, as one error: a binary
    /// file or a file of another kind gives one error, not one per line. The event that ends
    /// the run is kept for the next call.
    fn bad_lines(&mut self, offset: u64, first: serde_json::Error) -> InputError {
        let first_line = self.line_no;
        let mut last_line = first_line;
        loop {
            match self.step() {
                Step::Blank => {}
                Step::End => break,
                Step::Event(e) => {
                    self.pending = Some(e);
                    break;
                }
                Step::Line { offset, bytes } => match serde_json::from_slice::<Line>(&bytes) {
                    Ok(l) => {
                        self.pending = Some(Ok(self.record(offset, l)));
                        break;
                    }
                    Err(_) => last_line = self.line_no,
                },
            }
        }
        let what = if last_line == first_line {
            format!("line {first_line}: not a JSON object with an \"html\" string: {first}")
        } else {
            format!(
                "lines {first_line}-{last_line}: not JSON objects with an \"html\" string \
                 (line {first_line}: {first})"
            )
        };
        InputError::record(&self.name, offset, what)
    }
}

impl<R: Read> Iterator for JsonlReader<R> {
    type Item = Result<Event, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.pending.take() {
            return Some(e);
        }
        loop {
            match self.step() {
                Step::Blank => continue,
                Step::End => return None,
                Step::Event(e) => return Some(e),
                Step::Line { offset, bytes } => {
                    return Some(match serde_json::from_slice::<Line>(&bytes) {
                        Ok(l) => Ok(self.record(offset, l)),
                        Err(e) => Err(self.bad_lines(offset, e)),
                    });
                }
            }
        }
    }
}
