//! `chaff wire` end to end: the seed story into a real index file, idempotent re-adds,
//! persistence across processes, look-up of the seed page's body, and bad index files.

mod common;

use chaff::wire::WireIndex;
use common::{chaff, seeds, wire_stats};

/// The summary line of a successful `wire add`, without the index path.
fn summary(out: std::process::Output) -> String {
    let out = common::succeeded(out);
    let s = String::from_utf8_lossy(&out.stdout);
    s.split(" (").next().unwrap().trim().to_string()
}

#[test]
fn seed_story_is_added_once_persists_and_matches_the_seed_page_body() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    let jsonl = seeds().join("wire-original.jsonl");

    let add = || {
        summary(
            chaff()
                .args(["wire", "add", "--index"])
                .arg(&index)
                .arg(&jsonl)
                .output()
                .unwrap(),
        )
    };
    assert_eq!(add(), "1 added, 0 already present, 0 errors");
    let before = std::fs::read(&index).unwrap();

    // Again: nothing changes, not even a byte of the file.
    assert_eq!(add(), "0 added, 1 already present, 0 errors");
    assert_eq!(std::fs::read(&index).unwrap(), before);

    let stats = wire_stats(&index);
    assert_eq!(stats["stories"], 1);
    assert_eq!(stats["agencies"][0]["agency"], "AP");
    assert_eq!(stats["first_published"], "2024-01-27T12:00:00Z");
    assert_eq!(stats["file_bytes"], before.len() as u64);

    // A new process, the page's body as extraction gives it (one line per paragraph).
    let body = std::fs::read_to_string(seeds().join("seed-page.body.txt")).unwrap();
    let idx = WireIndex::open(&index).unwrap();
    let m = idx
        .lookup(&body)
        .unwrap()
        .expect("the seed body matches its wire story");
    assert_eq!(m.wire.id, "ap-20240127-iraq-us-coalition-talks");
    assert_eq!(m.wire.agency, "AP");
    assert!(m.wire.containment >= 0.95, "{m:?}");
    assert_eq!(m.published, "2024-01-27T12:00:00Z");

    // The same body with its last three paragraphs cut, as a farm might: still found.
    let paras: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    let cut = paras[..paras.len() - 3].join("\n");
    let m = idx.lookup(&cut).unwrap().expect("a cut copy still matches");
    assert_eq!(m.wire.id, "ap-20240127-iraq-us-coalition-talks");
    assert!(
        m.wire.containment > 0.6 && m.wire.containment < 0.95,
        "{m:?}"
    );
    assert!(m.body_in_story > 0.9, "{m:?}");

    // And through the command.
    let line = common::wire_lookup(&index, &seeds().join("seed-page.body.txt"));
    assert_eq!(line["match"]["id"], "ap-20240127-iraq-us-coalition-talks");
    assert!(line["match"]["containment"].as_f64().unwrap() >= 0.95);
}

#[test]
fn bad_lines_are_named_and_skipped_and_the_exit_status_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    let input = dir.path().join("mixed.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id":"r-1","agency":"Reuters","published":"2023-05-02","title":"One","text":"Markets rose on Tuesday as investors weighed the latest figures on inflation and jobs."}"#,
            "\n",
            "not json at all\n",
            "\n",
            r#"{"id":"r-2","agency":"Reuters","published":"May 2nd","text":"Words here."}"#,
            "\n",
            r#"{"id":"afp-1","agency":"AFP","published":"2022-11-30T08:00:00Z","title":"Two","text":"Floods forced thousands from their homes in the north of the country on Wednesday."}"#,
            "\n",
        ),
    )
    .unwrap();
    // A page with neither a wire dateline nor a date: it cannot become a story.
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<html><body><p>Just some words of a blog, no date.</p></body></html>",
    )
    .unwrap();
    let out = chaff()
        .args(["wire", "add", "--index"])
        .arg(&index)
        .arg(&input)
        .arg(&page)
        .arg(dir.path().join("no-such-file.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("2 added, 0 already present, 4 errors"),
        "{stdout}"
    );
    assert!(
        stderr.contains("mixed.jsonl:2: not a story JSON object"),
        "{stderr}"
    );
    assert!(
        stderr.contains("mixed.jsonl:4: `published` is not a date"),
        "{stderr}"
    );
    assert!(stderr.contains("page.html: "), "{stderr}");
    assert!(
        stderr.contains("no-such-file.jsonl: cannot open"),
        "{stderr}"
    );

    let stats = wire_stats(&index);
    assert_eq!(stats["stories"], 2);
    assert_eq!(stats["first_published"], "2022-11-30T08:00:00Z");
    assert_eq!(stats["last_published"], "2023-05-02");
}

#[test]
fn a_missing_or_corrupt_index_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let out = chaff()
        .args(["wire", "stats", "--index"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.db does not exist"), "{err}");
    assert!(!missing.exists());

    // A real index with its header overwritten.
    let broken = dir.path().join("broken.db");
    chaff()
        .args(["wire", "add", "--index"])
        .arg(&broken)
        .arg(seeds().join("wire-original.jsonl"))
        .assert()
        .success();
    let mut bytes = std::fs::read(&broken).unwrap();
    bytes[..100].fill(0x5a);
    std::fs::write(&broken, &bytes).unwrap();
    for sub in ["stats", "add"] {
        let mut cmd = chaff();
        cmd.args(["wire", sub, "--index"]).arg(&broken);
        if sub == "add" {
            cmd.arg(seeds().join("wire-original.jsonl"));
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("broken.db is corrupt or not a chaff wire index"),
            "{sub}: {err}"
        );
    }
}

#[test]
fn an_html_page_of_a_wire_story_is_added_from_its_extracted_body() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    let page = dir.path().join("story.html");
    let paragraphs = [
        "LYON (AFP) – Floods forced thousands of people from their homes across the north of the country on Wednesday, after three days of rain swelled rivers past their banks.",
        "Rescue teams worked through the night to reach villages cut off by the water, the interior ministry said in a statement, adding that no deaths had been reported so far.",
        "Forecasters expect the rain to ease on Thursday, but warned that river levels could keep rising downstream until the weekend as water from the hills drains away.",
        "Farmers in the worst-hit valleys said entire harvests had been lost, and called on the government to release emergency funds before the winter sets in.",
    ];
    let html = format!(
        r#"<html><head><title>Floods force thousands from homes | Wire</title>
        <link rel="canonical" href="https://wire.example/2022/floods-north">
        <meta property="article:published_time" content="2022-11-30T08:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Floods force thousands from homes</h1>{}</article>
        <footer>Copyright 2022 Wire. All rights reserved.</footer></body></html>"#,
        paragraphs.map(|p| format!("<p>{p}</p>")).join("\n")
    );
    std::fs::write(&page, html).unwrap();
    let out = chaff()
        .args(["wire", "add", "--index"])
        .arg(&index)
        .arg(&page)
        .output()
        .unwrap();
    if chaff::extract::Extractor::embedded().is_err() {
        // This build has no usable block model yet: the page is refused, and says why.
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("story.html: cannot extract HTML pages"),
            "{err}"
        );
        return;
    }
    assert_eq!(summary(out), "1 added, 0 already present, 0 errors");
    let m = WireIndex::open(&index)
        .unwrap()
        .lookup(&paragraphs.join("\n"))
        .unwrap()
        .expect("the page's body was indexed");
    assert_eq!(m.wire.id, "https://wire.example/2022/floods-north");
    assert_eq!(m.wire.agency, "AFP");
    assert_eq!(m.published, "2022-11-30T08:00:00Z");
    assert!(m.wire.containment >= 0.9, "{m:?}");
}
