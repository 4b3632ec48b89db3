//! Wire feeds: the files wire stories arrive in, read into [`Story`]s for the wire index.
//!
//! One file per format, each turning one item into one story:
//!
//! - `jsonl`: chaff's own JSON Lines (`id`, `agency`, `published`, `title`, `text`), one story
//!   a line, streamed (an archive of a million stories is one file);
//! - `ninjs`: IPTC ninjs JSON, the format agency APIs serve, one item per file or per line;
//! - `newsml`: IPTC NewsML-G2 XML, a `newsItem` or a `newsMessage` of several;
//! - `html`: an HTML page of a wire story, whose article text is extracted.
//!
//! A file's format comes from its name, else from its first bytes. A file that is not text
//! (binary data) is one error for the whole file, not one per line. A bad item is an error
//! naming where it is; the items after it are still read.

pub mod html;
pub mod jsonl;
pub mod newsml;
pub mod ninjs;

use crate::extract::Extractor;
use crate::model::ModelError;
use crate::wire::{PageStoryHints, Story, StoryError};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// What can be wrong with a feed file or one of its items.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("cannot open: {0}")]
    Open(std::io::Error),
    #[error("read error: {0}")]
    Read(std::io::Error),
    #[error(
        "binary data, not a wire feed (JSON Lines, ninjs JSON, NewsML-G2 XML or an HTML page); file skipped"
    )]
    Binary,
    #[error("not UTF-8")]
    NotUtf8,
    #[error("not JSON: {0}")]
    Json(String),
    #[error("not XML: {0}")]
    Xml(String),
    /// A ninjs or NewsML-G2 item without a field a story needs.
    #[error("{format} item has no {what}")]
    Missing {
        format: &'static str,
        what: &'static str,
    },
    #[error("not a NewsML-G2 document: the root element is <{0}>, not <newsItem> or <newsMessage>")]
    NotNewsMl(String),
    #[error(transparent)]
    Story(#[from] StoryError),
    #[error(transparent)]
    Decode(#[from] crate::decode::DecodeError),
    #[error("cannot extract HTML pages: {0}")]
    Model(#[from] ModelError),
}

/// The formats a feed file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object a line: chaff stories or ninjs items.
    JsonLines,
    /// One JSON document: a ninjs item or an array of them.
    Ninjs,
    /// A NewsML-G2 XML document.
    NewsMl,
    /// An HTML page of one story.
    Html,
}

/// Bytes looked at to tell a file's format and whether it is text at all.
const SNIFF_BYTES: usize = 8192;

impl Format {
    /// From the name (`.html`, `.xml`, `.json`, `.jsonl`; `.gz` stripped), else from the first
    /// bytes: `<?xml` or a NewsML-G2 root is NewsML, other `<` is HTML, `[` is a ninjs array,
    /// anything else is JSON Lines.
    pub fn of(path: &Path, head: &[u8]) -> Format {
        if crate::input::is_html_name(path) {
            return Format::Html;
        }
        let name = path.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".xml") {
            return Format::NewsMl;
        }
        if name.ends_with(".json") {
            return Format::Ninjs;
        }
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            return Format::JsonLines;
        }
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(&[][..], |i| &head[i..]);
        match start.first() {
            Some(b'<') => {
                let text = String::from_utf8_lossy(start);
                if text.starts_with("<?xml")
                    || text.contains("<newsItem")
                    || text.contains("<newsMessage")
                {
                    Format::NewsMl
                } else {
                    Format::Html
                }
            }
            Some(b'[') => Format::Ninjs,
            _ => Format::JsonLines,
        }
    }
}

/// Where in a file an item was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The file as a whole (an HTML page, or a failure to read it).
    File,
    /// A line of a JSON Lines file (from 1).
    Line(usize),
    /// An item of a ninjs array or NewsML-G2 message (from 1).
    Item(usize),
}

/// `FILE`, `FILE:LINE` or `FILE item N`: where an item was, as error lines name it.
pub struct Location<'a>(pub &'a str, pub At);

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            At::File => write!(f, "{}", self.0),
            At::Line(n) => write!(f, "{}:{n}", self.0),
            At::Item(n) => write!(f, "{} item {n}", self.0),
        }
    }
}

/// One item of a feed: where it was, and its story or why it is not one.
#[derive(Debug)]
pub struct Item {
    pub at: At,
    pub story: Result<Story, FeedError>,
}

/// Reads feed files into stories. Holds what HTML pages need: the hints given from outside,
/// and the block model, loaded at the first HTML page (JSON and XML feeds need none).
#[derive(Default)]
pub struct FeedReader {
    pub hints: PageStoryHints,
    extractor: Option<Extractor>,
}

/// The items of one feed file: streamed for JSON Lines, read whole for the other formats.
pub enum Items {
    Lines(jsonl::Lines<Box<dyn BufRead + Send>>),
    Read(std::vec::IntoIter<Item>),
}

impl Iterator for Items {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        match self {
            Items::Lines(lines) => lines.next(),
            Items::Read(items) => items.next(),
        }
    }
}

impl FeedReader {
    pub fn new(hints: PageStoryHints) -> FeedReader {
        FeedReader {
            hints,
            extractor: None,
        }
    }

    /// Open a feed file (`-` for standard input; `.gz` is gunzipped). A file that cannot be
    /// opened or is not text is one error; otherwise its items, good and bad.
    pub fn open(&mut self, path: &Path) -> Result<Items, FeedError> {
        let reader: Box<dyn Read + Send> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            let file = std::fs::File::open(path).map_err(FeedError::Open)?;
            if path.extension().is_some_and(|e| e == "gz") {
                Box::new(flate2::read::MultiGzDecoder::new(file))
            } else {
                Box::new(file)
            }
        };
        let mut reader: Box<dyn BufRead + Send> =
            Box::new(BufReader::with_capacity(1 << 16, reader));
        let head = peek(&mut reader, SNIFF_BYTES).map_err(FeedError::Read)?;
        if is_binary(&head) {
            return Err(FeedError::Binary);
        }
        let format = Format::of(path, &head);
        if format == Format::JsonLines {
            return Ok(Items::Lines(jsonl::Lines::new(reader)));
        }
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).map_err(FeedError::Read)?;
        let name = path.display().to_string();
        let items = match format {
            Format::Ninjs => ninjs::document(&bytes)?,
            Format::NewsMl => newsml::document(&bytes)?,
            Format::Html => vec![Item {
                at: At::File,
                story: self.html(&name, &bytes),
            }],
            Format::JsonLines => unreachable!("streamed above"),
        };
        Ok(Items::Read(items.into_iter()))
    }

    /// The story of an HTML page.
    fn html(&mut self, name: &str, bytes: &[u8]) -> Result<Story, FeedError> {
        if self.extractor.is_none() {
            self.extractor = Some(Extractor::embedded()?);
        }
        let extractor = self.extractor.as_ref().expect("set above");
        html::story(name, bytes, extractor, &self.hints)
    }
}

/// Up to `n` bytes from the start of a reader, without consuming them.
fn peek(reader: &mut Box<dyn BufRead + Send>, n: usize) -> std::io::Result<Vec<u8>> {
    // A BufReader's buffer holds at least the first 64 KiB of a file after one fill.
    let buf = reader.fill_buf()?;
    Ok(buf[..buf.len().min(n)].to_vec())
}

/// Binary data: a NUL byte, or bytes that are not UTF-8 (other than a sequence cut at the end
/// of the sample). Feeds are UTF-8 text in every format read here (gzip is undone before).
pub fn is_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    match std::str::from_utf8(head) {
        Ok(_) => false,
        // `error_len() == None`: the sample ends inside a character.
        Err(e) => e.error_len().is_some(),
    }
}

/// An agency's name as stories carry it: `AP`, `Reuters`, `AFP` for the names those agencies
/// go by (`The Associated Press`, `Thomson Reuters`...), any other name as given.
pub fn agency_name(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    Some(match crate::patterns::Agency::from_name(name) {
        Some(a) => a.name().to_string(),
        None => name.to_string(),
    })
}

/// The text of an HTML fragment (a feed item's body): its blocks, as paragraphs separated by
/// blank lines, the way extraction prints a body.
pub fn html_text(fragment: &str) -> String {
    let page = crate::segment::segment(fragment);
    let all = vec![true; page.blocks.len()];
    page.text_where(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_name_then_content() {
        assert_eq!(Format::of(Path::new("a.xml"), b"{"), Format::NewsMl);
        assert_eq!(Format::of(Path::new("a.json.gz"), b""), Format::Ninjs);
        assert_eq!(Format::of(Path::new("a.htm"), b"{"), Format::Html);
        assert_eq!(Format::of(Path::new("feed"), b"  <?xml v"), Format::NewsMl);
        assert_eq!(
            Format::of(Path::new("feed"), b"<!doctype html>"),
            Format::Html
        );
        assert_eq!(Format::of(Path::new("feed"), b"[{\"uri\""), Format::Ninjs);
        assert_eq!(Format::of(Path::new("feed"), b"{\"id\""), Format::JsonLines);
    }

    #[test]
    fn binary_is_nul_or_not_utf8_but_not_a_cut_character() {
        assert!(is_binary(b"{\"id\": 1}\x00\x01"));
        assert!(is_binary(b"\xff\xfe\xfa junk"));
        assert!(!is_binary("{\"t\": \"caf\u{e9}\"}".as_bytes()));
        // "é" cut in half at the end of the sample.
        assert!(!is_binary(b"{\"t\": \"caf\xc3"));
    }

    #[test]
    fn agency_names_are_normalised() {
        assert_eq!(agency_name("The Associated Press").as_deref(), Some("AP"));
        assert_eq!(agency_name("Agence France-Presse").as_deref(), Some("AFP"));
        assert_eq!(agency_name(" dpa ").as_deref(), Some("dpa"));
        assert_eq!(agency_name("  "), None);
    }
}
