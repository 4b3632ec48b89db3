//! Inputs: where pages come from, as a stream of records.
//!
//! A crawl is too big to hold in memory, so every reader here is an iterator that holds one
//! record at a time. Files, folders, WARC files, JSON Lines and standard input all become the
//! same [`Record`]; what a reader passes over (a WARC `request` record, an image) is counted,
//! not silently lost, and a broken record is an error naming the file and the byte offset,
//! after which the reader finds its footing again and goes on: one bad record must not cost
//! the rest of a crawl.

mod files;
mod jsonl;
mod stream;
mod warc;

use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub use files::read_html_file;
pub use jsonl::JsonlReader;
pub use warc::WarcReader;

/// One page as found in the input, before any decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Where it came from: a file path, or `path#offset` for a record inside a WARC or JSONL file.
    pub source: String,
    /// The page's URL when the input says it (WARC target URI, JSONL `url`).
    pub url: Option<String>,
    /// The page bytes, gunzipped when the file was, otherwise as found.
    pub bytes: Vec<u8>,
    /// Character set declared by the transport (HTTP `Content-Type`), lower case.
    pub charset: Option<String>,
    /// When the page was fetched, unix seconds (WARC-Date, JSONL `fetched`), if said.
    pub fetched: Option<i64>,
}

/// Why a reader passed over something without yielding a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// WARC `warcinfo` record: describes the file.
    Warcinfo,
    /// WARC `request` record: what the crawler sent.
    Request,
    /// WARC `metadata` record.
    Metadata,
    /// WARC `revisit` record: no payload, the page was unchanged.
    Revisit,
    /// Any other WARC record type (`conversion`, `continuation`…).
    OtherType,
    /// A response whose content type is not HTML (images, PDF, scripts…).
    NotHtml,
    /// An HTTP response that is not a success (redirects, 404s…).
    HttpStatus,
    /// A file in a folder whose name is not a page, WARC or JSONL file.
    OtherFile,
}

impl SkipReason {
    /// Stable name used in stats output.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Warcinfo => "warcinfo",
            SkipReason::Request => "request",
            SkipReason::Metadata => "metadata",
            SkipReason::Revisit => "revisit",
            SkipReason::OtherType => "other_record_type",
            SkipReason::NotHtml => "not_html",
            SkipReason::HttpStatus => "http_status",
            SkipReason::OtherFile => "other_file",
        }
    }
}

/// What a reader produces: a record, or a note that it skipped one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Record(Record),
    Skipped(SkipReason),
}

/// A problem with one input or one record in it; the iterator goes on after it.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
    #[error("{path}#{offset}: {what}")]
    Record {
        path: String,
        offset: u64,
        what: String,
    },
    /// A page over the size limit: reported, not kept in memory, and not silently dropped.
    #[error("{at}: {}", too_large_message(*.size, *.limit))]
    TooLarge {
        /// `path` or `path#offset`, as the page's `source` would have been.
        at: String,
        /// The page's size when the input says it (a WARC Content-Length), else None.
        size: Option<u64>,
        limit: usize,
    },
    /// A page with no bytes, or only blanks: reported, since its empty text would say nothing.
    #[error("{at}: {}", empty_message(*.bytes))]
    Empty { at: String, bytes: usize },
}

fn empty_message(bytes: usize) -> String {
    match bytes {
        0 => "empty page (0 bytes)".to_string(),
        n => format!("blank page ({n} bytes, white space only)"),
    }
}

fn too_large_message(size: Option<u64>, limit: usize) -> String {
    match size {
        Some(n) => format!("page of {n} bytes is over the size limit of {limit} bytes"),
        None => format!("page is over the size limit of {limit} bytes"),
    }
}

impl InputError {
    pub(crate) fn io(path: &str, source: io::Error) -> Self {
        InputError::Io {
            path: path.to_string(),
            source,
        }
    }

    pub(crate) fn record(path: &str, offset: u64, what: impl Into<String>) -> Self {
        InputError::Record {
            path: path.to_string(),
            offset,
            what: what.into(),
        }
    }

    pub(crate) fn too_large(at: impl Into<String>, size: Option<u64>, limit: usize) -> Self {
        InputError::TooLarge {
            at: at.into(),
            size,
            limit,
        }
    }

    /// What went wrong, without the location.
    pub fn message(&self) -> String {
        match self {
            InputError::Io { source, .. } => source.to_string(),
            InputError::Record { what, .. } => what.clone(),
            InputError::TooLarge { size, limit, .. } => too_large_message(*size, *limit),
            InputError::Empty { bytes, .. } => empty_message(*bytes),
        }
    }

    /// `path` or `path#offset`: where the problem is.
    pub fn location(&self) -> String {
        match self {
            InputError::Io { path, .. } => path.clone(),
            InputError::Record { path, offset, .. } => format!("{path}#{offset}"),
            InputError::TooLarge { at, .. } | InputError::Empty { at, .. } => at.clone(),
        }
    }
}

/// What the inputs held, so far: records yielded, things skipped by reason, errors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InputStats {
    pub records: u64,
    pub skipped: BTreeMap<&'static str, u64>,
    pub errors: u64,
}

impl InputStats {
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    fn count(&mut self, item: &Result<Event, InputError>) {
        match item {
            Ok(Event::Record(_)) => self.records += 1,
            Ok(Event::Skipped(r)) => *self.skipped.entry(r.as_str()).or_default() += 1,
            Err(_) => self.errors += 1,
        }
    }
}

/// A shared view of the counts, readable while another thread drives the iterator.
#[derive(Debug, Clone, Default)]
pub struct StatsHandle(Arc<Mutex<InputStats>>);

impl StatsHandle {
    pub fn snapshot(&self) -> InputStats {
        self.0.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

/// The largest page read by default; a bigger one is an error naming it (`--max-page-bytes`
/// changes it). Real articles are well under 1 MB and Common Crawl cuts records at 1 MB, so
/// 32 MB only stops junk, while 16 pages in flight per worker stay within a few hundred MB.
pub const DEFAULT_MAX_PAGE_BYTES: usize = 32 << 20;

type Reader = Box<dyn Iterator<Item = Result<Event, InputError>> + Send>;

enum Pending {
    Path(PathBuf),
    Stdin,
}

/// Every record of a list of inputs, in order, one at a time.
///
/// Folders are walked recursively in sorted order; inside a folder only files named like
/// pages (`.html`, `.htm`, with or without `.gz`), WARC (`.warc`, `.warc.gz`) or JSON Lines
/// (`.jsonl`, `.ndjson`, with or without `.gz`) are read.
pub struct Inputs {
    pending: VecDeque<Pending>,
    walker: Option<walkdir::IntoIter>,
    current: Option<Reader>,
    stats: StatsHandle,
    max_page_bytes: usize,
}

/// Open a list of inputs (paths, or `-` for standard input) as one stream of records.
pub fn open_inputs<P: AsRef<Path>>(inputs: &[P]) -> Inputs {
    let pending = inputs
        .iter()
        .map(|p| {
            let p = p.as_ref();
            if p == Path::new("-") {
                Pending::Stdin
            } else {
                Pending::Path(p.to_path_buf())
            }
        })
        .collect();
    Inputs {
        pending,
        walker: None,
        current: None,
        stats: StatsHandle::default(),
        max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
    }
}

impl Inputs {
    /// Pages bigger than `bytes` become errors naming them instead of records.
    pub fn max_page_bytes(mut self, bytes: usize) -> Self {
        self.max_page_bytes = bytes;
        self
    }

    /// Counts so far.
    pub fn stats(&self) -> InputStats {
        self.stats.snapshot()
    }

    /// A handle on the counts that outlives moving the iterator into a pipeline.
    pub fn stats_handle(&self) -> StatsHandle {
        self.stats.clone()
    }

    /// The next event of any reader: a record, a skip, or an error.
    fn next_event(&mut self) -> Option<Result<Event, InputError>> {
        loop {
            if let Some(reader) = self.current.as_mut() {
                match reader.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            if let Some(walker) = self.walker.as_mut() {
                match walker.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_dir() {
                            continue;
                        }
                        let path = entry.into_path();
                        match Kind::of_name(&path) {
                            Some(kind) => {
                                self.current = Some(open_file(&path, kind, self.max_page_bytes))
                            }
                            None => return Some(Ok(Event::Skipped(SkipReason::OtherFile))),
                        }
                        continue;
                    }
                    Some(Err(e)) => {
                        let path = e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        return Some(Err(InputError::io(&path, e.into())));
                    }
                    None => self.walker = None,
                }
            }
            match self.pending.pop_front()? {
                Pending::Stdin => self.current = Some(open_stdin(self.max_page_bytes)),
                Pending::Path(path) => {
                    if path.is_dir() {
                        self.walker =
                            Some(walkdir::WalkDir::new(&path).sort_by_file_name().into_iter());
                    } else {
                        let kind = Kind::of_name(&path).unwrap_or(Kind::Html);
                        self.current = Some(open_file(&path, kind, self.max_page_bytes));
                    }
                }
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let item = match self.next_event()? {
                Ok(Event::Record(r)) if r.bytes.iter().all(u8::is_ascii_whitespace) => {
                    Err(InputError::Empty {
                        at: r.source,
                        bytes: r.bytes.len(),
                    })
                }
                other => other,
            };
            if let Ok(mut s) = self.stats.0.lock() {
                s.count(&item);
            }
            match item {
                Ok(Event::Record(r)) => return Some(Ok(r)),
                Ok(Event::Skipped(_)) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// What a file holds, judged by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    Warc,
    Jsonl,
}

impl Kind {
    fn of_name(path: &Path) -> Option<Kind> {
        if is_html_name(path) {
            return Some(Kind::Html);
        }
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "warc" => Some(Kind::Warc),
            "jsonl" | "ndjson" => Some(Kind::Jsonl),
            _ => None,
        }
    }
}

/// Named like an HTML page: `.html`, `.htm` or `.xhtml`, optionally followed by `.gz`.
pub(crate) fn is_html_name(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".html", ".htm", ".xhtml"]
        .iter()
        .any(|e| name.ends_with(e))
}

fn open_file(path: &Path, kind: Kind, max_page_bytes: usize) -> Reader {
    let name = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Box::new(std::iter::once(Err(InputError::io(&name, e)))),
    };
    match kind {
        Kind::Html => Box::new(std::iter::once(read_html_file(&name, file, max_page_bytes))),
        Kind::Warc => Box::new(WarcReader::new(&name, file).max_page_bytes(max_page_bytes)),
        Kind::Jsonl => Box::new(
            JsonlReader::new(&name, files::maybe_gunzip(file)).max_page_bytes(max_page_bytes),
        ),
    }
}

/// Standard input, sniffed: `WARC/` is a WARC stream, `{` JSON Lines, anything else one
/// HTML page. A gzip stream is looked at after gunzipping its start.
fn open_stdin(max_page_bytes: usize) -> Reader {
    open_sniffed("-", io::stdin(), max_page_bytes)
}

/// Open a stream whose kind only its first bytes tell.
fn open_sniffed<R: Read + Send + 'static>(name: &str, reader: R, max_page_bytes: usize) -> Reader {
    let mut stream = stream::Stream::new(reader);
    let head = match sniff(&mut stream) {
        Ok(h) => h,
        Err(e) => return Box::new(std::iter::once(Err(InputError::io(name, e)))),
    };
    let (gz, text) = head;
    if text.is_empty() {
        // Nothing on standard input: no pages, rather than one empty page.
        return Box::new(std::iter::empty());
    }
    let first = text.iter().copied().find(|b| !b.is_ascii_whitespace());
    if text.starts_with(b"WARC/") {
        return Box::new(WarcReader::from_stream(name, stream).max_page_bytes(max_page_bytes));
    }
    let body: Box<dyn Read + Send> = if gz {
        Box::new(flate2::read::MultiGzDecoder::new(stream))
    } else {
        Box::new(stream)
    };
    if first == Some(b'{') {
        Box::new(JsonlReader::new(name, body).max_page_bytes(max_page_bytes))
    } else {
        Box::new(std::iter::once(read_html_file(name, body, max_page_bytes)))
    }
}

/// Look at the first bytes of a stream (gunzipped if it is gzip) without consuming them.
fn sniff<R: Read>(stream: &mut stream::Stream<R>) -> io::Result<(bool, Vec<u8>)> {
    let gz = stream.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    stream.mark();
    let mut head = Vec::new();
    let res = if gz {
        let mut dec = flate2::bufread::GzDecoder::new(&mut *stream);
        (&mut dec).take(512).read_to_end(&mut head)
    } else {
        (&mut *stream).take(512).read_to_end(&mut head)
    };
    let seen = stream.take_mark().unwrap_or_default();
    stream.push_back(&seen);
    res?;
    Ok((gz, head))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(name: &str, bytes: &'static [u8]) -> Vec<Result<Event, InputError>> {
        open_sniffed(name, bytes, DEFAULT_MAX_PAGE_BYTES).collect()
    }

    #[test]
    fn sniffing_tells_warc_jsonl_and_html_apart() {
        let warc: &[u8] = b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\n<p>x\r\n\r\n";
        let got = events("-", warc);
        assert!(
            matches!(&got[..], [Ok(Event::Record(r))] if r.bytes == b"<p>x" && r.source == "-#0")
        );

        let jsonl: &[u8] =
            b"  {\"url\":\"http://a/\",\"html\":\"<p>a</p>\"}\n{\"html\":\"<p>b</p>\"}\n";
        let got = events("-", jsonl);
        assert_eq!(got.len(), 2);
        assert!(matches!(&got[0], Ok(Event::Record(r)) if r.url.as_deref() == Some("http://a/")));

        let html: &[u8] = b"<html><body>hi</body></html>";
        let got = events("-", html);
        assert!(matches!(&got[..], [Ok(Event::Record(r))] if r.bytes == html && r.source == "-"));
    }

    #[test]
    fn sniffing_sees_through_gzip() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\n<p>x\r\n\r\n").unwrap();
        let gz: &'static [u8] = Box::leak(enc.finish().unwrap().into_boxed_slice());
        let got = events("-", gz);
        assert!(matches!(&got[..], [Ok(Event::Record(r))] if r.bytes == b"<p>x"));
    }

    #[test]
    fn inputs_can_move_to_a_reader_thread() {
        fn send<T: Send>() {}
        send::<Inputs>();
        send::<StatsHandle>();
    }

    #[test]
    fn kinds_by_name() {
        assert_eq!(Kind::of_name(Path::new("a/b.HTML")), Some(Kind::Html));
        assert_eq!(Kind::of_name(Path::new("b.htm.gz")), Some(Kind::Html));
        assert_eq!(Kind::of_name(Path::new("c.warc.gz")), Some(Kind::Warc));
        assert_eq!(Kind::of_name(Path::new("d.jsonl")), Some(Kind::Jsonl));
        assert_eq!(Kind::of_name(Path::new("e.png")), None);
        assert_eq!(Kind::of_name(Path::new("README")), None);
    }
}
