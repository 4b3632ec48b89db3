//! Input readers over files written here: a gzipped WARC with a broken member, a plain WARC
//! whose lengths lie, JSON Lines with a bad line, and a folder of mixed files.

mod common;

use chaff::input::{InputError, Record, open_inputs};
use common::{gzip, http_response, response, warc_record};
use flate2::{Compression, write::GzEncoder};
use std::io::Write;
use std::path::Path;

fn read_all(paths: &[&Path]) -> (Vec<Record>, Vec<InputError>, chaff::input::InputStats) {
    let mut inputs = open_inputs(paths);
    let (mut records, mut errors) = (Vec::new(), Vec::new());
    for item in inputs.by_ref() {
        match item {
            Ok(r) => records.push(r),
            Err(e) => errors.push(e),
        }
    }
    (records, errors, inputs.stats())
}

const PAGE_A: &[u8] = b"<html><head><title>A</title></head><body><p>First page.</p></body></html>";
const PAGE_B: &[u8] = b"<html><body><p>Caf\xe9 cr\xe8me, 1252 bytes.</p></body></html>";
const PAGE_C: &[u8] = b"<html><body><p>After the broken member.</p></body></html>";

#[test]
fn gzipped_warc_skips_counts_and_survives_a_broken_member() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crawl.warc.gz");
    let members: Vec<Vec<u8>> = vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "http://a.example/1",
            "application/http; msgtype=request",
            b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n",
        ),
        response(
            "http://a.example/1",
            "200 OK",
            "text/html; charset=utf-8",
            PAGE_A,
        ),
        response(
            "http://a.example/logo.png",
            "200 OK",
            "image/png",
            b"\x89PNG\r\n\x1a\n\x00\x00",
        ),
        warc_record(
            "metadata",
            "http://a.example/1",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        response(
            "http://b.example/cafe",
            "200 OK",
            "text/html; charset=windows-1252",
            PAGE_B,
        ),
        response(
            "http://b.example/old",
            "301 Moved Permanently",
            "text/html",
            b"<a href=/new>moved</a>",
        ),
    ];
    let mut file = Vec::new();
    for m in &members {
        file.extend_from_slice(&gzip(m));
    }
    // A member cut short in the middle of its deflate stream.
    let broken_offset = file.len() as u64;
    let whole = gzip(&response(
        "http://c.example/cut",
        "200 OK",
        "text/html",
        &[b'x'; 4000],
    ));
    file.extend_from_slice(&whole[..whole.len() / 2]);
    // Binary junk between members.
    let junk_offset = file.len() as u64;
    file.extend_from_slice(b"\x00\x01\x02 garbage that is not gzip \xff\xfe");
    let last_offset = file.len() as u64;
    file.extend_from_slice(&gzip(&response(
        "http://c.example/ok",
        "200 OK",
        "text/html",
        PAGE_C,
    )));
    std::fs::write(&path, &file).unwrap();

    let (records, errors, stats) = read_all(&[&path]);

    let urls: Vec<_> = records.iter().map(|r| r.url.clone().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "http://a.example/1",
            "http://b.example/cafe",
            "http://c.example/ok"
        ]
    );
    assert_eq!(records[0].bytes, PAGE_A);
    assert_eq!(records[0].charset.as_deref(), Some("utf-8"));
    // WARC-Date is when the page was fetched: what "17 hours ago" on it counts from.
    assert_eq!(
        records[0].fetched,
        chaff::calendar::parse_instant(common::WARC_DATE)
    );
    assert_eq!(records[1].bytes, PAGE_B, "bytes pass through undecoded");
    assert_eq!(records[1].charset.as_deref(), Some("windows-1252"));
    let name = path.display().to_string();
    assert_eq!(records[2].source, format!("{name}#{last_offset}"));

    // The cut member swallows the junk after it (both are one unreadable stretch): one error,
    // at the member's offset, then the reader finds the last member.
    assert!(!errors.is_empty() && errors.len() <= 2, "{errors:?}");
    assert_eq!(errors[0].location(), format!("{name}#{broken_offset}"));
    assert!(errors[0].to_string().contains("gzip"), "{}", errors[0]);
    for e in &errors[1..] {
        assert_eq!(e.location(), format!("{name}#{junk_offset}"));
    }

    assert_eq!(stats.records, 3);
    assert_eq!(stats.errors, errors.len() as u64);
    assert_eq!(stats.skipped.get("warcinfo"), Some(&1));
    assert_eq!(stats.skipped.get("request"), Some(&1));
    assert_eq!(stats.skipped.get("metadata"), Some(&1));
    assert_eq!(stats.skipped.get("not_html"), Some(&1));
    assert_eq!(stats.skipped.get("http_status"), Some(&1));
}

#[test]
fn corrupt_member_in_the_middle_is_reported_and_the_next_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.warc.gz");
    let mut file = gzip(&response("http://a/1", "200 OK", "text/html", PAGE_A));
    let bad_at = file.len();
    let mut bad = gzip(&response(
        "http://a/2",
        "200 OK",
        "text/html",
        &[b'y'; 3000],
    ));
    // Flip bytes inside the deflate data: the member inflates to garbage or fails its CRC.
    for b in bad[20..40].iter_mut() {
        *b ^= 0x5a;
    }
    file.extend_from_slice(&bad);
    // A sound gzip member whose record claims fewer bytes than it holds.
    let short_at = file.len();
    let mut short = response("http://a/short", "200 OK", "text/html", PAGE_B);
    let at = short
        .windows(16)
        .position(|w| w == b"Content-Length: ")
        .unwrap()
        + 16;
    let end = at + short[at..].iter().position(|b| *b == b'\r').unwrap();
    short.splice(at..end, b"40".iter().copied());
    file.extend_from_slice(&gzip(&short));
    file.extend_from_slice(&gzip(&response(
        "http://a/3",
        "200 OK",
        "text/html",
        PAGE_C,
    )));
    std::fs::write(&path, &file).unwrap();

    let (records, errors, _) = read_all(&[&path]);
    let urls: Vec<_> = records.iter().map(|r| r.url.clone().unwrap()).collect();
    assert_eq!(urls, ["http://a/1", "http://a/3"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].location(), format!("{}#{bad_at}", path.display()));
    assert_eq!(
        errors[1].location(),
        format!("{}#{short_at}", path.display())
    );
    assert!(
        errors[1].to_string().contains("Content-Length 40"),
        "{}",
        errors[1]
    );
}

#[test]
fn plain_warc_resynchronises_after_lying_lengths_and_junk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.warc");
    let mut file = response("http://p/1", "200 OK", "text/html", PAGE_A);

    // Content-Length far larger than the block: it would swallow the next record.
    let too_long_at = file.len() as u64;
    let block = http_response("200 OK", "text/html", b"<p>lies</p>");
    file.extend_from_slice(
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len() + 500
        )
        .as_bytes(),
    );
    file.extend_from_slice(&block);
    file.extend_from_slice(b"\r\n\r\n");
    file.extend_from_slice(&response("http://p/2", "200 OK", "text/html", PAGE_B));

    // Binary junk, then a record with a length that is not a number.
    let junk_at = file.len() as u64;
    file.extend_from_slice(b"\x00\x9f\x13junk junk\r\n");
    file.extend_from_slice(&response("http://p/3", "200 OK", "text/html", PAGE_C));
    let bad_len_at = file.len() as u64;
    file.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\n0123456789ab\r\n\r\n",
    );
    let last = response("http://p/4", "200 OK", "text/html", PAGE_A);
    file.extend_from_slice(&last);
    std::fs::write(&path, &file).unwrap();

    let (records, errors, stats) = read_all(&[&path]);
    let urls: Vec<_> = records.iter().map(|r| r.url.clone().unwrap()).collect();
    assert_eq!(
        urls,
        ["http://p/1", "http://p/2", "http://p/3", "http://p/4"]
    );
    let name = path.display();
    let locations: Vec<_> = errors.iter().map(|e| e.location()).collect();
    assert_eq!(
        locations,
        [
            format!("{name}#{too_long_at}"),
            format!("{name}#{junk_at}"),
            format!("{name}#{bad_len_at}"),
        ],
        "{errors:?}"
    );
    assert!(
        errors[0].to_string().contains("Content-Length"),
        "{}",
        errors[0]
    );
    assert!(
        errors[2].to_string().contains("Content-Length"),
        "{}",
        errors[2]
    );
    assert_eq!(stats.records, 4);
    assert_eq!(stats.errors, 3);
}

#[test]
fn jsonl_bad_line_is_an_error_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pages.jsonl");
    let line1 = "{\"url\":\"http://j/1\",\"html\":\"<p>one \\u00e9</p>\"}\n";
    let line2 = "{\"url\":\"http://j/2\",\"html\": <p>not json</p>}\n";
    let line3 =
        "{\"url\":\"http://j/3\",\"html\":\"<p>three</p>\",\"fetched\":\"2025-04-26T10:00:00Z\"}\n";
    std::fs::write(&path, format!("{line1}{line2}\n{line3}")).unwrap();

    let (records, errors, stats) = read_all(&[&path]);
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].bytes, "<p>one é</p>".as_bytes());
    assert_eq!(records[0].source, format!("{}#0", path.display()));
    assert_eq!(records[1].url.as_deref(), Some("http://j/3"));
    // A fetch time when the line says one, none when it does not.
    assert_eq!(records[0].fetched, None);
    assert_eq!(records[1].fetched, Some(1_745_661_600));
    assert_eq!(
        records[1].source,
        format!("{}#{}", path.display(), line1.len() + line2.len() + 1)
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].location(),
        format!("{}#{}", path.display(), line1.len())
    );
    assert!(errors[0].to_string().contains("line 2"), "{}", errors[0]);
    assert_eq!((stats.records, stats.errors), (2, 1));
}

#[test]
fn folder_is_walked_in_sorted_order_with_gzip_by_magic() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/inner")).unwrap();
    std::fs::write(root.join("c.html"), PAGE_C).unwrap();
    std::fs::write(root.join("a.htm"), PAGE_A).unwrap();
    std::fs::write(root.join("b/inner/page.html.gz"), gzip(PAGE_B)).unwrap();
    // Named .html but gzipped: the magic bytes decide, not the name.
    std::fs::write(root.join("b/sneaky.html"), gzip(PAGE_A)).unwrap();
    std::fs::write(root.join("b/notes.txt"), b"not a page").unwrap();
    std::fs::write(
        root.join("d.jsonl"),
        "{\"url\":\"http://d/\",\"html\":\"<p>d</p>\"}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("e.warc"),
        response("http://e/", "200 OK", "text/html", PAGE_A),
    )
    .unwrap();

    let (records, errors, stats) = read_all(&[root]);
    assert!(errors.is_empty(), "{errors:?}");
    let rel: Vec<String> = records
        .iter()
        .map(|r| {
            r.source
                .strip_prefix(&format!("{}/", root.display()))
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        rel,
        [
            "a.htm",
            "b/inner/page.html.gz",
            "b/sneaky.html",
            "c.html",
            "d.jsonl#0",
            "e.warc#0"
        ]
    );
    assert_eq!(records[1].bytes, PAGE_B);
    assert_eq!(records[2].bytes, PAGE_A);
    assert_eq!(stats.skipped.get("other_file"), Some(&1));

    // A missing path is an error, and the inputs after it are still read.
    let missing = root.join("nope.html");
    let (records, errors, _) = read_all(&[missing.as_path(), &root.join("c.html")]);
    assert_eq!(records.len(), 1);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().contains("nope.html"));
}

#[test]
fn a_whole_warc_gzipped_as_one_stream_is_read_record_by_record() {
    // `gzip crawl.warc` makes one member bigger than any record limit: it must still stream.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-stream.warc.gz");
    let page: Vec<u8> =
        format!("<html><body>{}</body></html>", "<p>word </p>".repeat(3000)).into_bytes();
    let n = (chaff::input::DEFAULT_MAX_PAGE_BYTES / page.len()) + 50;
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    for i in 0..n {
        enc.write_all(&response(
            &format!("http://big/{i}"),
            "200 OK",
            "text/html",
            &page,
        ))
        .unwrap();
        enc.write_all(&warc_record(
            "request",
            "http://big/",
            "application/http",
            b"GET /",
        ))
        .unwrap();
    }
    std::fs::write(&path, enc.finish().unwrap()).unwrap();

    let (records, errors, stats) = read_all(&[&path]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records.len(), n);
    assert_eq!(
        records[n - 1].url.as_deref(),
        Some(format!("http://big/{}", n - 1).as_str())
    );
    assert!(records.iter().all(|r| r.bytes == page));
    assert_eq!(records[0].source, format!("{}#0", path.display()));
    assert!(
        records[1]
            .source
            .starts_with(&format!("{}#0+", path.display()))
    );
    assert_eq!(stats.skipped.get("request"), Some(&(n as u64)));
}
