//! WARC files, plain or gzipped the way Common Crawl publishes them.
//!
//! A `.warc.gz` is a series of gzip members, one record each, which is what makes it possible
//! to go on after a broken one: when a member will not inflate, the reader looks for the next
//! gzip header and starts again there. A plain `.warc` resynchronises on the next line that
//! starts with `WARC/1.`. Either way the error names the file and the byte offset of the
//! member or record that broke: the offset Common Crawl's index would give for it.
//!
//! Only `response` records (and `resource` records) carrying HTML become [`Record`]s; the
//! HTTP status line and headers are parsed so that redirects and errors are passed over and
//! the charset of `Content-Type` travels with the bytes.

use super::stream::{Stream, find};
use super::{DEFAULT_MAX_PAGE_BYTES, Event, InputError, Record, SkipReason};
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b, 0x08];
const MAX_HEADER_LINE: usize = 64 << 10;
const MAX_HEADER_LINES: usize = 1000;
/// Gzip members up to this size are inflated whole, so that a bad CRC is caught before any
/// of their records is used; a bigger member (a whole WARC gzipped as one stream) is read
/// record by record as it inflates, to keep memory flat.
const WHOLE_MEMBER_BYTES: usize = 32 << 20;
/// Of a record over the page size limit, this much of its block is read, so that its HTTP
/// status and content type still tell a too-large page (an error) from an image (a skip).
const TOO_LARGE_HEAD: usize = 64 << 10;
/// The inflate buffer starts at this size and doubles as a member needs.
const INFLATE_START: usize = 256 << 10;
/// After a member, an inflate buffer bigger than this is let go rather than kept for the
/// next: a crawl's pages are far smaller, and one huge member must not hold its memory.
const KEPT_INFLATE_BYTES: usize = 8 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// One gzip member after another.
    Gzip,
    /// Uncompressed records back to back.
    Plain,
}

/// Streams the HTML pages of a WARC file, one record in memory at a time.
pub struct WarcReader<R: Read> {
    name: String,
    /// The raw file; lent to the decoder while a big member is read record by record.
    stream: Option<Stream<R>>,
    member: Option<(u64, Stream<flate2::bufread::GzDecoder<Stream<R>>>)>,
    /// Where members are inflated, kept from one to the next: allocated and zeroed once,
    /// not per member (growing and zeroing a fresh buffer, and copying through a second
    /// buffered reader, were a third of the reader thread's time).
    inflated: Vec<u8>,
    mode: Option<Mode>,
    queue: VecDeque<Result<Event, InputError>>,
    done: bool,
    max_page_bytes: usize,
}

impl<R: Read> WarcReader<R> {
    /// Read a WARC stream; gzip or not is decided by its first bytes.
    pub fn new(name: &str, reader: R) -> Self {
        Self::from_stream(name, Stream::new(reader))
    }

    pub(crate) fn from_stream(name: &str, stream: Stream<R>) -> Self {
        WarcReader {
            name: name.to_string(),
            stream: Some(stream),
            member: None,
            inflated: Vec::new(),
            mode: None,
            queue: VecDeque::new(),
            done: false,
            max_page_bytes: DEFAULT_MAX_PAGE_BYTES,
        }
    }

    /// Pages bigger than `bytes` become errors naming them instead of records.
    pub fn max_page_bytes(mut self, bytes: usize) -> Self {
        self.max_page_bytes = bytes;
        self
    }

    fn next_plain(&mut self) -> Option<Result<Event, InputError>> {
        let stream = self.stream.as_mut()?;
        match read_record(stream, self.max_page_bytes) {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some(raw)) => Some(classify(
                &raw,
                &self.name,
                raw.offset,
                &raw.offset.to_string(),
                self.max_page_bytes,
            )),
            Err(broken) => {
                let err = InputError::record(&self.name, broken.offset, broken.what);
                if let Err(e) = self.resync_plain(broken.unread) {
                    self.done = true;
                    self.queue.push_back(Err(InputError::io(&self.name, e)));
                }
                Some(Err(err))
            }
        }
    }

    /// Go to the next line that starts a WARC record, looking again at the broken block.
    fn resync_plain(&mut self, unread: Option<Vec<u8>>) -> io::Result<()> {
        let Some(stream) = self.stream.as_mut() else {
            return Ok(());
        };
        if let Some(bytes) = unread {
            stream.push_back(&bytes);
        }
        // A record starts a line: look for "\nWARC/1." with a newline put in front, so that a
        // record right at the current position is found too.
        stream.push_back(b"\n");
        if stream.scan_to(b"\nWARC/1.")? {
            stream.consume(1);
        } else {
            self.done = true;
        }
        Ok(())
    }

    /// The next event of a gzipped WARC: members up to [`WHOLE_MEMBER_BYTES`] are inflated
    /// whole, bigger ones record by record.
    fn next_member(&mut self) -> Option<Result<Event, InputError>> {
        loop {
            if self.member.is_some() {
                return self.next_in_big_member();
            }
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            let raw = self.stream.as_mut()?;
            let start = raw.offset();
            match raw.at_eof() {
                Ok(true) => {
                    self.done = true;
                    return None;
                }
                Ok(false) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::io(&self.name, e)));
                }
            }
            raw.mark();
            let raw = self.stream.take()?;
            let mut decoder = flate2::bufread::GzDecoder::new(raw);
            match inflate_into(&mut decoder, &mut self.inflated) {
                Ok(n) if n > WHOLE_MEMBER_BYTES => {
                    // Too big to keep: if it breaks later, resync starts from where it broke.
                    decoder.get_mut().take_mark();
                    let mut front = std::mem::take(&mut self.inflated);
                    front.truncate(n);
                    self.member = Some((start, Stream::with_front(decoder, front)));
                }
                Ok(n) => {
                    self.resume(decoder.into_inner());
                    let out = std::mem::take(&mut self.inflated);
                    self.queue_records(&out[..n], start);
                    // One big member must not keep its memory for the rest of the file.
                    if out.len() <= KEPT_INFLATE_BYTES {
                        self.inflated = out;
                    }
                }
                Err(e) => {
                    let raw = decoder.into_inner();
                    return Some(Err(self.broken_member(raw, start, &e.to_string())));
                }
            }
        }
    }

    /// Queue the records of one member inflated whole (`start` is its offset in the file).
    fn queue_records(&mut self, out: &[u8], start: u64) {
        let mut records = Stream::new(out);
        loop {
            match read_record(&mut records, self.max_page_bytes) {
                Ok(None) => break,
                Ok(Some(rec)) => self.queue.push_back(classify(
                    &rec,
                    &self.name,
                    start,
                    &label(start, rec.offset),
                    self.max_page_bytes,
                )),
                Err(broken) => {
                    self.queue
                        .push_back(Err(broken_in_member(&self.name, start, broken)));
                    break;
                }
            }
        }
    }

    /// One record of a member too big to inflate in memory.
    fn next_in_big_member(&mut self) -> Option<Result<Event, InputError>> {
        let limit = self.max_page_bytes;
        let (start, member) = self.member.as_mut()?;
        let start = *start;
        let result = read_record(member, limit);
        match result {
            Ok(Some(rec)) => Some(classify(
                &rec,
                &self.name,
                start,
                &label(start, rec.offset),
                limit,
            )),
            Ok(None) => {
                let (_, member) = self.member.take()?;
                self.member_done(member);
                self.next_member()
            }
            Err(broken) if broken.io => {
                let (_, member) = self.member.take()?;
                let raw = member.into_inner().into_inner();
                Some(Err(self.broken_member(raw, start, &broken.what)))
            }
            Err(broken) => {
                // The gzip stream is sound but its content is not WARC: skip the member.
                let (_, mut member) = self.member.take()?;
                let _ = io::copy(&mut member, &mut io::sink());
                self.member_done(member);
                Some(Err(broken_in_member(&self.name, start, broken)))
            }
        }
    }

    /// Hand the raw stream back after a member that inflated to its end: no resync will need
    /// the bytes marked at its start.
    fn member_done(&mut self, member: Stream<flate2::bufread::GzDecoder<Stream<R>>>) {
        self.resume(member.into_inner().into_inner());
    }

    /// Go on reading the file after a member that is done with.
    fn resume(&mut self, mut raw: Stream<R>) {
        raw.take_mark();
        self.stream = Some(raw);
    }

    /// Report a member that would not inflate and go to the next gzip header after its start.
    fn broken_member(&mut self, mut raw: Stream<R>, start: u64, what: &str) -> InputError {
        let err = InputError::record(&self.name, start, format!("broken gzip member: {what}"));
        let seen = raw.take_mark();
        let resync = resync_gzip(&mut raw, seen);
        self.stream = Some(raw);
        match resync {
            Ok(true) => {}
            Ok(false) => self.done = true,
            Err(e) => {
                self.done = true;
                self.queue.push_back(Err(InputError::io(&self.name, e)));
            }
        }
        err
    }
}

/// Inflate one gzip member into `buf`, up to `WHOLE_MEMBER_BYTES + 1` bytes (as
/// `take(..).read_to_end` would), and say how many. `buf` keeps its length (it is all
/// initialised) so that the next member reuses it as it is.
fn inflate_into(decoder: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<usize> {
    let cap = WHOLE_MEMBER_BYTES + 1;
    let mut n = 0;
    loop {
        if n == buf.len() {
            if n >= cap {
                return Ok(n);
            }
            buf.resize((2 * n).clamp(INFLATE_START, cap), 0);
        }
        match decoder.read(&mut buf[n..]) {
            Ok(0) => return Ok(n),
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// A record that broke inside an inflated member: the error has the member's offset, the one
/// an index would give, and the message says where in the inflated bytes it broke.
fn broken_in_member(name: &str, start: u64, broken: Broken) -> InputError {
    let what = format!(
        "{} (at byte {} of the inflated member)",
        broken.what, broken.offset
    );
    InputError::record(name, start, what)
}

/// `start` for the first record of a member, `start+n` for one `n` bytes into it.
fn label(member_start: u64, inflated_offset: u64) -> String {
    if inflated_offset == 0 {
        member_start.to_string()
    } else {
        format!("{member_start}+{inflated_offset}")
    }
}

/// Go to the next gzip header after the start of a member that failed; false at the end.
fn resync_gzip<R: Read>(raw: &mut Stream<R>, seen: Option<Vec<u8>>) -> io::Result<bool> {
    if let Some(seen) = seen.filter(|s| !s.is_empty()) {
        match find(&seen[1..], GZIP_MAGIC) {
            Some(i) => {
                raw.push_back(&seen[1 + i..]);
                return Ok(true);
            }
            // Keep the last bytes: a header may straddle what was read and what was not.
            None => raw.push_back(&seen[seen.len().saturating_sub(GZIP_MAGIC.len() - 1).max(1)..]),
        }
    }
    raw.scan_to(GZIP_MAGIC)
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Result<Event, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(item) = self.queue.pop_front() {
            return Some(item);
        }
        if self.done {
            return None;
        }
        let mode = match self.mode {
            Some(m) => m,
            None => {
                let stream = self.stream.as_mut()?;
                let m = match stream.fill_buf() {
                    Ok(b) if b.starts_with(&GZIP_MAGIC[..2]) => Mode::Gzip,
                    Ok(_) => Mode::Plain,
                    Err(e) => {
                        self.done = true;
                        return Some(Err(InputError::io(&self.name, e)));
                    }
                };
                self.mode = Some(m);
                m
            }
        };
        match mode {
            Mode::Gzip => self.next_member(),
            Mode::Plain => self.next_plain(),
        }
    }
}

/// A WARC record as read: its headers and its block.
struct RawRecord {
    offset: u64,
    headers: Vec<(String, String)>,
    block: Block,
}

enum Block {
    Whole(Vec<u8>),
    /// Over the page size limit: the first [`TOO_LARGE_HEAD`] bytes and the full length.
    TooLarge {
        head: Vec<u8>,
        len: u64,
    },
}

impl RawRecord {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// The value of the first header called `name`, whatever its case.
fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A record that could not be read, and the bytes worth looking at again to resynchronise.
struct Broken {
    offset: u64,
    /// The bytes could not be read (for a gzip member: it would not inflate).
    io: bool,
    what: String,
    unread: Option<Vec<u8>>,
}

fn broken(offset: u64, what: impl Into<String>) -> Broken {
    Broken {
        offset,
        io: false,
        what: what.into(),
        unread: None,
    }
}

fn io_broken(offset: u64, e: io::Error) -> Broken {
    Broken {
        io: true,
        ..broken(offset, format!("read error: {e}"))
    }
}

/// Read the next record: header lines, then exactly `Content-Length` bytes of block, then
/// the blank line pair that ends it. A length that does not land on that end is an error.
fn read_record<R: Read>(
    s: &mut Stream<R>,
    max_page_bytes: usize,
) -> Result<Option<RawRecord>, Broken> {
    let (offset, first) = loop {
        let offset = s.offset();
        match s
            .read_line_capped(MAX_HEADER_LINE)
            .map_err(|e| io_broken(offset, e))?
        {
            None => return Ok(None),
            Some(l) if l.iter().all(|b| b.is_ascii_whitespace()) => continue,
            Some(l) => break (offset, l),
        }
    };
    if !first.starts_with(b"WARC/1.") {
        return Err(broken(
            offset,
            format!("expected a WARC/1.x record, found {}", preview(&first)),
        ));
    }
    let mut headers = Vec::new();
    loop {
        let line = s
            .read_line_capped(MAX_HEADER_LINE)
            .map_err(|e| io_broken(offset, e))?
            .ok_or_else(|| broken(offset, "truncated record: the stream ends in its headers"))?;
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        if headers.len() >= MAX_HEADER_LINES || !line.ends_with(b"\n") {
            return Err(broken(offset, "record headers too long or not text"));
        }
        let text = String::from_utf8_lossy(&line);
        match text.split_once(':') {
            Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
            None => {
                return Err(broken(
                    offset,
                    format!("bad header line {}", preview(&line)),
                ));
            }
        }
    }
    let len_text = header(&headers, "Content-Length");
    let len: u64 = match len_text.map(str::parse) {
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            return Err(broken(
                offset,
                format!("bad Content-Length {:?}", len_text.unwrap_or_default()),
            ));
        }
        None => return Err(broken(offset, "record without Content-Length")),
    };
    let block = if len > max_page_bytes as u64 {
        let mut head = Vec::with_capacity(TOO_LARGE_HEAD);
        (&mut *s)
            .take(len.min(TOO_LARGE_HEAD as u64))
            .read_to_end(&mut head)
            .map_err(|e| io_broken(offset, e))?;
        let rest = len - head.len() as u64;
        let skipped = io::copy(&mut (&mut *s).take(rest), &mut io::sink())
            .map_err(|e| io_broken(offset, e))?;
        if skipped < rest {
            let left = head.len() as u64 + skipped;
            return Err(broken(
                offset,
                format!("truncated record: Content-Length {len} but only {left} bytes left"),
            ));
        }
        Block::TooLarge { head, len }
    } else {
        let mut block = Vec::with_capacity(len as usize);
        (&mut *s)
            .take(len)
            .read_to_end(&mut block)
            .map_err(|e| io_broken(offset, e))?;
        if (block.len() as u64) < len {
            let n = block.len();
            return Err(Broken {
                offset,
                io: false,
                what: format!("truncated record: Content-Length {len} but only {n} bytes left"),
                unread: Some(block),
            });
        }
        Block::Whole(block)
    };
    let mut end = Vec::with_capacity(4);
    (&mut *s)
        .take(4)
        .read_to_end(&mut end)
        .map_err(|e| io_broken(offset, e))?;
    if end.starts_with(b"\n\n") {
        // Some tools end records with bare newlines.
        s.push_back(&end[2..]);
    } else if !(end == b"\r\n\r\n" || end.is_empty()) {
        let mut unread = match block {
            Block::Whole(b) => b,
            Block::TooLarge { .. } => Vec::new(),
        };
        unread.extend_from_slice(&end);
        return Err(Broken {
            offset,
            io: false,
            what: format!("Content-Length {len} does not end at the end of the record"),
            unread: Some(unread),
        });
    }
    Ok(Some(RawRecord {
        offset,
        headers,
        block,
    }))
}

/// Turn a record into a page, or say why it is not one.
fn classify(
    raw: &RawRecord,
    name: &str,
    source_offset: u64,
    label: &str,
    max_page_bytes: usize,
) -> Result<Event, InputError> {
    let kind = raw.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let skip = |r| Ok(Event::Skipped(r));
    match kind.as_str() {
        "response" | "resource" => {}
        "warcinfo" => return skip(SkipReason::Warcinfo),
        "request" => return skip(SkipReason::Request),
        "metadata" => return skip(SkipReason::Metadata),
        "revisit" => return skip(SkipReason::Revisit),
        _ => return skip(SkipReason::OtherType),
    }
    let (block, too_large) = match &raw.block {
        Block::Whole(b) => (b, None),
        Block::TooLarge { head, len } => (head, Some(*len)),
    };
    let url = raw
        .header("WARC-Target-URI")
        .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string())
        .filter(|u| !u.is_empty());
    let warc_type = raw.header("Content-Type").unwrap_or("");
    let (content_type, payload) = if kind == "response"
        && warc_type
            .to_ascii_lowercase()
            .starts_with("application/http")
    {
        let http =
            parse_http(block).map_err(|what| InputError::record(name, source_offset, what))?;
        if !(200..300).contains(&http.status) {
            return skip(SkipReason::HttpStatus);
        }
        let body = &block[http.body_start..];
        let body = if too_large.is_some() {
            body.to_vec()
        } else if http.chunked {
            dechunk(body).unwrap_or_else(|| body.to_vec())
        } else {
            body.to_vec()
        };
        (http.content_type, body)
    } else {
        (Some(warc_type.to_string()), block.clone())
    };
    let (mime, charset) = split_content_type(content_type.as_deref());
    if !is_html(mime.as_deref(), &payload) {
        return skip(SkipReason::NotHtml);
    }
    let source = format!("{name}#{label}");
    if too_large.is_some() {
        return Err(InputError::too_large(source, too_large, max_page_bytes));
    }
    Ok(Event::Record(Record {
        source,
        url,
        bytes: payload,
        charset,
        fetched: raw
            .header("WARC-Date")
            .and_then(crate::calendar::parse_instant),
    }))
}

struct HttpHead {
    status: u16,
    content_type: Option<String>,
    chunked: bool,
    body_start: usize,
}

/// Parse the status line and headers of the HTTP response held in a WARC block.
fn parse_http(block: &[u8]) -> Result<HttpHead, String> {
    if !block.starts_with(b"HTTP/") {
        return Err(format!(
            "expected an HTTP response in the record block, found {}",
            preview(block)
        ));
    }
    let (head_len, body_start) = match (find(block, b"\r\n\r\n"), find(block, b"\n\n")) {
        (Some(a), Some(b)) if b + 2 < a + 4 => (b, b + 2),
        (Some(a), _) => (a, a + 4),
        (None, Some(b)) => (b, b + 2),
        (None, None) => return Err("HTTP headers without an end".to_string()),
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("bad HTTP status line {status_line:?}"))?;
    let mut content_type = None;
    let mut chunked = false;
    for line in lines {
        if let Some((k, v)) = line.split_once(':') {
            let (k, v) = (k.trim(), v.trim());
            if k.eq_ignore_ascii_case("Content-Type") {
                content_type = Some(v.to_string());
            } else if k.eq_ignore_ascii_case("Transfer-Encoding") {
                chunked = v.to_ascii_lowercase().contains("chunked");
            }
        }
    }
    Ok(HttpHead {
        status,
        content_type,
        chunked,
        body_start,
    })
}

/// Split `text/html; charset="Windows-1252"` into `text/html` and `windows-1252`.
fn split_content_type(ct: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(ct) = ct else { return (None, None) };
    let mut parts = ct.split(';');
    let mime = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| {
            v.trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_ascii_lowercase()
        })
        .filter(|c| !c.is_empty());
    (mime, charset)
}

/// HTML by declared type; with no type declared, by a first byte of `<`.
fn is_html(mime: Option<&str>, body: &[u8]) -> bool {
    match mime {
        Some(m) => m == "text/html" || m == "application/xhtml+xml",
        None => body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<'),
    }
}

/// Undo HTTP chunked transfer coding; None if the body is not well-formed chunks.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let eol = find(rest, b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        if rest.len() < size {
            return None;
        }
        out.extend_from_slice(&rest[..size]);
        rest = rest.get(size + 2..)?;
    }
}

/// A short printable view of bytes for an error message.
fn preview(bytes: &[u8]) -> String {
    let text: String = String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        .chars()
        .map(|c| if c.is_control() { '·' } else { c })
        .collect();
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_parts() {
        let (m, c) = split_content_type(Some("Text/HTML; charset=\"Windows-1252\""));
        assert_eq!(m.as_deref(), Some("text/html"));
        assert_eq!(c.as_deref(), Some("windows-1252"));
        assert_eq!(split_content_type(Some("image/png")).1, None);
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\nabc").is_none());
    }

    #[test]
    fn http_head() {
        let h = parse_http(b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n").unwrap();
        assert_eq!(h.status, 301);
        assert!(parse_http(b"\x00\x01junk").is_err());
    }
}
