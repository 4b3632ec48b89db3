//! `chaff score` and `chaff extract` end to end, as a user runs them, over a WARC, a JSON
//! Lines file and a folder written here, each with a broken record among good ones.

mod common;

use assert_cmd::Command;
use common::{gzip, response, seeds, succeeded, warc_record};
use serde_json::Value;

fn seed_page() -> String {
    std::fs::read_to_string(seeds().join("seed-page.html"))
        .expect("../shared/seeds beside the project")
}

/// A small legitimate page we wrote: a local council story with a byline and no chrome.
const LOCAL_NEWS: &str = r#"<html lang="en"><head><title>Library opens on Sundays - Springfield Times</title>
<meta property="og:site_name" content="Springfield Times"></head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Library opens on Sundays</h1><p class="byline">By Ana Ruiz</p>
<p>The public library will open on Sundays again from March, the council decided on Monday after months of debate about hours and staff.</p>
<p>Money for the extra day comes from a reserve fund set aside last year, so property taxes will not rise, council members said.</p>
</article></body></html>"#;

fn lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect()
}

#[test]
fn score_reads_warc_jsonl_and_folders_and_reports_broken_records() {
    let dir = tempfile::tempdir().unwrap();
    // A WARC as Common Crawl writes it: one gzip member per record; a request record, an
    // image, the farm page, a truncated member, then the legitimate page.
    let mut warc = Vec::new();
    warc.extend(gzip(&warc_record(
        "request",
        "https://farm.example/a",
        "application/http; msgtype=request",
        b"GET /a HTTP/1.1\r\n\r\n",
    )));
    warc.extend(gzip(&response(
        "https://farm.example/logo.png",
        "200 OK",
        "image/png",
        b"\x89PNG....",
    )));
    warc.extend(gzip(&response(
        "https://farm.example/a",
        "200 OK",
        "text/html; charset=utf-8",
        seed_page().as_bytes(),
    )));
    let broken = gzip(&response(
        "https://farm.example/b",
        "200 OK",
        "text/html",
        b"<p>cut</p>",
    ));
    let broken_at = warc.len();
    warc.extend(&broken[..broken.len() / 2]);
    warc.extend(gzip(&response(
        "https://times.example/library",
        "200 OK",
        "text/html",
        LOCAL_NEWS.as_bytes(),
    )));
    std::fs::write(dir.path().join("crawl.warc.gz"), &warc).unwrap();

    let jsonl = format!(
        "{}\nnot json at all\n{}\n",
        serde_json::json!({"url": "https://farm2.example/x", "html": seed_page()}),
        serde_json::json!({"url": "https://times.example/l2", "html": LOCAL_NEWS})
    );
    std::fs::write(dir.path().join("pages.jsonl"), jsonl).unwrap();
    let folder = dir.path().join("site");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("copy.html"), seed_page()).unwrap();
    std::fs::write(folder.join("notes.txt"), "not a page").unwrap();

    let index = dir.path().join("wire.db");
    Command::cargo_bin("chaff")
        .unwrap()
        .args(["wire", "add", "--index"])
        .arg(&index)
        .arg(seeds().join("wire-original.jsonl"))
        .assert()
        .success();

    let run = |strict: bool| {
        let mut c = Command::cargo_bin("chaff").unwrap();
        c.args(["score", "--jsonl", "--index"]).arg(&index);
        if strict {
            c.arg("--strict");
        }
        c.arg(dir.path().join("crawl.warc.gz"))
            .arg(dir.path().join("pages.jsonl"))
            .arg(&folder)
            .output()
            .unwrap()
    };
    let out = run(false);
    assert!(
        out.status.success(),
        "errors alone do not fail a run without --strict"
    );
    let rows = lines(&out.stdout);
    let pages: Vec<&Value> = rows.iter().filter(|r| r.get("flagged").is_some()).collect();
    let errors: Vec<&Value> = rows.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(
        pages.len(),
        5,
        "two pages from the WARC, two from JSONL, one from the folder"
    );
    assert_eq!(
        errors.len(),
        2,
        "the cut gzip member and the bad JSON line: {errors:?}"
    );
    assert!(
        errors.iter().any(|e| e["source"]
            .as_str()
            .unwrap()
            .ends_with(&format!("crawl.warc.gz#{broken_at}"))),
        "the broken member is named by its byte offset: {errors:?}"
    );
    for p in &pages {
        let farm = p["body"].as_str().unwrap().contains("BEIRUT (AP)");
        assert_eq!(p["flagged"], farm, "{}", p["source"]);
        if farm {
            assert_eq!(p["wire_match"]["id"], "ap-20240127-iraq-us-coalition-talks");
            assert!(
                p["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["code"] == "wire_match")
            );
        }
    }
    assert!(
        !run(true).status.success(),
        "--strict makes errors fail the run"
    );

    // extract reads the same inputs.
    let out = Command::cargo_bin("chaff")
        .unwrap()
        .args(["extract", "--jsonl"])
        .arg(dir.path().join("crawl.warc.gz"))
        .output()
        .unwrap();
    let rows = lines(&out.stdout);
    let texts: Vec<&str> = rows.iter().filter_map(|r| r["text"].as_str()).collect();
    assert_eq!(texts.len(), 2);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("open on Sundays again from March"))
    );
    // The title is a field of its own, and the body does not repeat it.
    for r in rows.iter().filter(|r| r["text"].is_string()) {
        let title = r["title"].as_str().expect("every page has a title field");
        assert!(!r["text"].as_str().unwrap().starts_with(title), "{r}");
    }
}

/// A farm-like page of ours that prints only a relative time under its headline.
const RELATIVE_PAGE: &str = r#"<html lang="en"><head><title>Harbour bridge reopens - Metro Daily Wire</title></head><body>
<div class="top"><a href="/">Metro Daily Wire</a></div>
<h1>Harbour bridge reopens</h1>
<div class="info"><span class="date">Published: 17 hours ago</span></div>
<div class="text">
<p>The harbour bridge reopened to traffic on Tuesday after eight months of repairs to its deck and cables, city engineers said.</p>
<p>Crews replaced more than two hundred steel panels and repainted the towers, and the work finished two weeks ahead of the schedule agreed last spring.</p>
<p>Buses will return to their old routes from Monday, the transport office said, and ferry services added during the closure will end this weekend.</p>
</div></body></html>"#;

#[test]
fn relative_dates_count_back_from_the_fetch_time() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, RELATIVE_PAGE).unwrap();
    let warc = dir.path().join("crawl.warc.gz");
    std::fs::write(
        &warc,
        gzip(&response(
            "http://metro.example/bridge",
            "200 OK",
            "text/html; charset=utf-8",
            RELATIVE_PAGE.as_bytes(),
        )),
    )
    .unwrap();
    let jsonl = dir.path().join("pages.jsonl");
    let line = serde_json::json!({"url": "http://m/1", "html": RELATIVE_PAGE, "fetched": "2024-03-01T06:00:00Z"});
    std::fs::write(&jsonl, format!("{line}\n")).unwrap();
    let declared = |args: &[&str], input: &std::path::Path| -> Value {
        let out = succeeded(
            Command::cargo_bin("chaff")
                .unwrap()
                .args(["score", "--jsonl"])
                .args(args)
                .arg(input)
                .output()
                .unwrap(),
        );
        lines(&out.stdout)[0]["declared_date"].clone()
    };
    // A file alone says nothing of when it was fetched: no date.
    assert_eq!(declared(&[], &page), Value::Null);
    // Fetched 2025-04-26 10:00 (the WARC-Date of common::WARC_DATE): 17 hours before is the 25th.
    assert_eq!(declared(&[], &warc), "2025-04-25");
    assert_eq!(declared(&[], &jsonl), "2024-02-29");
    assert_eq!(
        declared(&["--fetched", "2025-01-01T20:00:00Z"], &page),
        "2025-01-01"
    );
    // The record's own fetch time wins over --fetched.
    assert_eq!(declared(&["--fetched", "2025-01-01"], &warc), "2025-04-25");
    // Against a wire story of the same text from a year before, the re-stamp is a reason,
    // and the moderator is told where the date came from.
    let wire = dir.path().join("wire.jsonl");
    let text = "The harbour bridge reopened to traffic on Tuesday after eight months of repairs to its deck and cables, city engineers said.\n\nCrews replaced more than two hundred steel panels and repainted the towers, and the work finished two weeks ahead of the schedule agreed last spring.\n\nBuses will return to their old routes from Monday, the transport office said, and ferry services added during the closure will end this weekend.";
    let story = serde_json::json!({"id": "ap-bridge", "agency": "AP", "published": "2024-04-20T08:00:00Z", "title": "Harbour bridge reopens", "text": text});
    std::fs::write(&wire, format!("{story}\n")).unwrap();
    let index = dir.path().join("wire.db");
    succeeded(
        Command::cargo_bin("chaff")
            .unwrap()
            .args(["wire", "add", "--index"])
            .arg(&index)
            .arg(&wire)
            .output()
            .unwrap(),
    );
    let out = succeeded(
        Command::cargo_bin("chaff")
            .unwrap()
            .args(["score", "--jsonl", "--index"])
            .arg(&index)
            .arg(&warc)
            .output()
            .unwrap(),
    );
    let scored = &lines(&out.stdout)[0];
    assert_eq!(scored["wire_match"]["id"], "ap-bridge", "{scored}");
    let restamp = scored["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "restamped_date")
        .unwrap_or_else(|| panic!("no restamped_date reason: {scored}"));
    let message = restamp["message"].as_str().unwrap();
    assert!(
        message.contains("2025-04-25")
            && message.contains("counted back from when the page was fetched"),
        "{message}"
    );

    // A bad --fetched is refused with a message naming it.
    let out = Command::cargo_bin("chaff")
        .unwrap()
        .args(["score", "--fetched", "yesterday"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"yesterday\""));
}
