//! Single pages on disk: one file, one record, gunzipped when its first bytes say gzip.

use super::{Event, InputError, Record};
use std::io::{BufRead, BufReader, Read};

/// Read one page of at most `max_page_bytes` (after gunzipping); gzip is recognised by its
/// magic bytes, not by the file name.
pub fn read_html_file<R: Read + Send + 'static>(
    name: &str,
    reader: R,
    max_page_bytes: usize,
) -> Result<Event, InputError> {
    let mut reader = maybe_gunzip(reader);
    let mut bytes = Vec::new();
    (&mut reader)
        .take(max_page_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(name, e))?;
    if bytes.len() > max_page_bytes {
        return Err(InputError::too_large(name, None, max_page_bytes));
    }
    Ok(Event::Record(Record {
        source: name.to_string(),
        url: None,
        bytes,
        charset: None,
        fetched: None,
    }))
}

/// Wrap a reader in a gzip decoder when it starts with the gzip magic bytes.
pub(crate) fn maybe_gunzip<R: Read + Send + 'static>(reader: R) -> Box<dyn Read + Send> {
    let mut buffered = BufReader::new(reader);
    let is_gz = buffered
        .fill_buf()
        .map(|b| b.starts_with(&[0x1f, 0x8b]))
        .unwrap_or(false);
    if is_gz {
        Box::new(flate2::bufread::MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    }
}
