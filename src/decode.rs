//! Bytes → text. Pages arrive gzipped or not, in whatever charset their server chose, and
//! the declaration is often missing or wrong; everything after this module sees a `String`.
//!
//! The order follows the HTML standard's encoding sniffing, simplified: a BOM wins, then a
//! transport hint (the HTTP `Content-Type` charset), then `<meta charset>` /
//! `http-equiv` in the first few KB, then statistical detection (chardetng), which is what
//! browsers fall back on too.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::io::Read;

/// Why a page's bytes could not become text.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("corrupt gzip data: {0}")]
    Gzip(#[from] std::io::Error),
    #[error("binary data, not a text page")]
    Binary,
    #[error("gzip data inflates past {limit} bytes")]
    Inflated { limit: usize },
}

/// The most a gzipped page may inflate to: the default page size limit. Deflate reaches
/// 1000:1, so a 1 MB record could otherwise become a gigabyte of "page".
pub const MAX_INFLATED_BYTES: usize = crate::input::DEFAULT_MAX_PAGE_BYTES;

/// How many bytes of the head to search for a `<meta charset>`; the standard says 1024, real
/// pages put long `<script>` blocks first, so look further.
const META_SCAN: usize = 8192;

/// Decode a page's bytes to text, detecting gzip and charset.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_with_hint(bytes, None)
}

/// Decode with a charset label from the transport (HTTP `Content-Type`), which wins over
/// in-document declarations but not over a byte-order mark.
pub fn decode_with_hint(bytes: &[u8], hint: Option<&str>) -> Result<String, DecodeError> {
    let unzipped;
    let bytes = if is_gzip(bytes) {
        unzipped = gunzip(bytes)?;
        &unzipped[..]
    } else {
        bytes
    };
    let encoding = sniff(bytes, hint);
    let (text, _, _) = encoding.decode(bytes);
    // A page that decodes to mostly control characters is an image or an archive that
    // slipped through; say so rather than segmenting noise.
    let sample: Vec<char> = text.chars().take(2048).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count();
    if !sample.is_empty() && control * 10 > sample.len() {
        return Err(DecodeError::Binary);
    }
    Ok(text.into_owned())
}

fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// The bytes, gunzipped when they start with gzip's magic number.
pub fn gunzip_if_gzip(bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    if is_gzip(bytes) {
        gunzip(bytes)
    } else {
        Ok(bytes.to_vec())
    }
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(MAX_INFLATED_BYTES));
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_INFLATED_BYTES as u64 + 1)
        .read_to_end(&mut out)?;
    if out.len() > MAX_INFLATED_BYTES {
        return Err(DecodeError::Inflated {
            limit: MAX_INFLATED_BYTES,
        });
    }
    Ok(out)
}

/// Choose the encoding of a page.
pub fn sniff(bytes: &[u8], hint: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return enc;
    }
    if let Some(enc) = hint.and_then(|h| Encoding::for_label(h.trim().as_bytes())) {
        return ascii_compatible(enc);
    }
    if let Some(enc) = meta_charset(&bytes[..bytes.len().min(META_SCAN)]) {
        // A declared UTF-8 that is not valid UTF-8 is a lie worth catching: detection
        // does better on those than replacement characters.
        if enc != UTF_8 || std::str::from_utf8(bytes).is_ok() {
            return ascii_compatible(enc);
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// A `<meta>` that declares UTF-16 in an ASCII-compatible document means UTF-8 (HTML standard).
fn ascii_compatible(enc: &'static Encoding) -> &'static Encoding {
    if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else {
        enc
    }
}

/// UTF-16 pages without a BOM show as ASCII with a zero byte beside every character.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(512) & !1;
    if n < 8 {
        return None;
    }
    let zeros_even = bytes[..n].iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = bytes[1..n].iter().step_by(2).filter(|&&b| b == 0).count();
    let half = n / 2;
    if zeros_odd * 10 > half * 7 && zeros_even * 10 < half {
        Some(UTF_16LE)
    } else if zeros_even * 10 > half * 7 && zeros_odd * 10 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Find `charset=` inside a `<meta ...>` tag of the page head.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest
                .iter()
                .position(|&b| b == b'=')
                .map(|p| &rest[p + 1..])
                .unwrap_or(&[]);
            let label: Vec<u8> = rest
                .iter()
                .skip_while(|b| b.is_ascii_whitespace() || **b == b'"' || **b == b'\'')
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .copied()
                .collect();
            if let Some(enc) = Encoding::for_label(&label) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_from_meta() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf".to_vec();
        page.push(0xe9); // é in windows-1252
        page.extend_from_slice(b" cr\x92me</p></body></html>");
        let text = decode(&page).unwrap();
        assert!(text.contains("café cr\u{2019}me"), "{text}");
    }

    #[test]
    fn shift_jis_detected_without_declaration() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(
            "<html><body><p>東京都の天気は晴れです。明日は雨が降るでしょう。</p></body></html>",
        );
        let text = decode(&bytes).unwrap();
        assert!(text.contains("東京都の天気は晴れです"), "{text}");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let src = "<html><body><p>Grüße aus Köln</p></body></html>";
        let mut le: Vec<u8> = vec![0xff, 0xfe];
        for u in src.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        assert!(decode(&le).unwrap().contains("Grüße aus Köln"));
        let be: Vec<u8> = src.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert!(decode(&be).unwrap().contains("Grüße aus Köln"));
    }

    #[test]
    fn gzip_is_unwrapped_and_http_hint_wins_over_meta() {
        use std::io::Write;
        let page = b"<meta charset=utf-8><p>na\xefve</p>"; // latin-1 bytes, wrong meta
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(page).unwrap();
        let text = decode_with_hint(&gz.finish().unwrap(), Some("iso-8859-1")).unwrap();
        assert!(text.contains("naïve"), "{text}");
    }

    #[test]
    fn corrupt_gzip_and_binary_are_errors() {
        assert!(matches!(
            decode(&[0x1f, 0x8b, 8, 0, 1, 2, 3]),
            Err(DecodeError::Gzip(_))
        ));
        let junk: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 32) as u8).collect();
        assert!(matches!(decode(&junk), Err(DecodeError::Binary)));
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_limit() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..(MAX_INFLATED_BYTES >> 20) + 1 {
            gz.write_all(&zeros).unwrap();
        }
        let bomb = gz.finish().unwrap();
        assert!(bomb.len() < 100_000);
        assert!(matches!(decode(&bomb), Err(DecodeError::Inflated { .. })));
    }
}
