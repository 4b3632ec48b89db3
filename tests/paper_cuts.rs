//! Issue 13's first run, row by row, with the real binary: hostile inputs and the paper cuts a
//! new user met. Each test failed before the change it names and passes after.

mod common;

use assert_cmd::Command;
use common::{response, seeds};
use serde_json::Value;
use std::path::Path;

fn chaff() -> Command {
    let mut c = Command::cargo_bin("chaff").unwrap();
    c.env_remove("CHAFF_WEBHOOK_SECRET");
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    text(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect()
}

fn seed_page() -> std::path::PathBuf {
    seeds().join("seed-page.html")
}

/// A page of `n` bytes that is all article text.
fn big_page(n: usize) -> Vec<u8> {
    let mut page = b"<html><body><p>".to_vec();
    while page.len() < n {
        page.extend_from_slice(b"words of an article ");
    }
    page.truncate(n);
    page
}

#[test]
fn a_page_over_the_size_limit_gets_an_error_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.html");
    std::fs::write(&huge, big_page(50 << 20)).unwrap();
    let small = seed_page();

    // JSON Lines: one line per input, the big one an error naming it and the limit.
    let out = chaff()
        .args(["score", "--jsonl"])
        .arg(&huge)
        .arg(&small)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["source"], huge.display().to_string());
    let error = rows[0]["error"].as_str().expect("an error record");
    assert!(
        error.contains("size limit") && error.contains("33554432"),
        "{error}"
    );
    assert_eq!(rows[1]["flagged"], true);

    // Plain output gives it a line too, and counts it as an error.
    let out = chaff()
        .arg("score")
        .arg(&huge)
        .arg(&small)
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with("ERR ") && first.contains("huge.html") && first.contains("size limit"),
        "{stdout}"
    );
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("2 inputs, 1 page, 1 flagged, 1 error"),
        "{last}"
    );

    // --strict makes it fail the run.
    let out = chaff()
        .args(["score", "--strict"])
        .arg(&huge)
        .arg(&small)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");

    // The limit can be moved both ways.
    let out = chaff()
        .args(["score", "--jsonl", "--max-page-bytes", "64M"])
        .arg(&huge)
        .output()
        .unwrap();
    let rows = json_lines(&out.stdout);
    assert!(rows[0].get("error").is_none(), "{rows:?}");
    let out = chaff()
        .args(["extract", "--jsonl", "--max-page-bytes", "1K"])
        .arg(&small)
        .output()
        .unwrap();
    let rows = json_lines(&out.stdout);
    assert!(
        rows[0]["error"].as_str().unwrap().contains("1024"),
        "{rows:?}"
    );

    // And it shows in --help.
    let help = chaff().args(["score", "--help"]).output().unwrap();
    let help = text(&help.stdout);
    assert!(
        help.contains("--max-page-bytes") && help.contains("33554432"),
        "{help}"
    );
}

#[test]
fn too_large_records_inside_warc_and_jsonl_are_named_by_offset() {
    let dir = tempfile::tempdir().unwrap();
    let page = big_page(4000);
    let records = [
        response("http://big.example/", "200 OK", "text/html", &page),
        response("http://big.example/logo.png", "200 OK", "image/png", &page),
        response(
            "http://small.example/",
            "200 OK",
            "text/html",
            b"<p>small</p>",
        ),
    ];
    let small_at = records[0].len() + records[1].len();
    let warc = records.concat();
    let warc_path = dir.path().join("crawl.warc");
    std::fs::write(&warc_path, &warc).unwrap();
    let jsonl_path = dir.path().join("pages.jsonl");
    let line = serde_json::json!({"url": "http://big.example/", "html": text(&page)});
    std::fs::write(
        &jsonl_path,
        format!("{line}\n{{\"html\":\"<p>small</p>\"}}\n"),
    )
    .unwrap();

    let out = chaff()
        .args(["extract", "--jsonl", "--max-page-bytes", "2K"])
        .arg(&warc_path)
        .arg(&jsonl_path)
        .output()
        .unwrap();
    let rows = json_lines(&out.stdout);
    let sources: Vec<&str> = rows.iter().map(|r| r["source"].as_str().unwrap()).collect();
    let w = warc_path.display().to_string();
    let j = jsonl_path.display().to_string();
    // The oversized image is still a skip, not an error: only HTML pages count.
    assert_eq!(
        sources,
        [
            format!("{w}#0"),
            format!("{w}#{small_at}"),
            format!("{j}#0"),
            format!("{j}#{}", line.to_string().len() + 1),
        ]
    );
    assert!(rows[0]["error"].as_str().unwrap().contains("size limit"));
    assert!(rows[1].get("error").is_none());
    assert!(rows[2]["error"].as_str().unwrap().contains("size limit"));
    assert!(rows[3].get("error").is_none());
}

#[test]
fn scoring_a_path_that_does_not_exist_fails() {
    let out = chaff()
        .args(["score", "/nonexistent/chaff/page.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("ERR ") && stdout.contains("/nonexistent/chaff/page.html"),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("not one page could be read"));
    // A missing input among good ones is an error line, and the run goes on.
    let out = chaff()
        .args(["score", "/nonexistent/chaff/page.html"])
        .arg(seed_page())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

/// What the folder holds, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_bad_webhook_url_is_refused_before_any_page_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("queue.db");
    let out = chaff()
        .env("CHAFF_WEBHOOK_SECRET", common::SECRET)
        .args(["score", "--webhook", "notaurl", "--queue"])
        .arg(&queue)
        .arg(seed_page())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("notaurl"), "{out:?}");
    assert!(out.stdout.is_empty(), "no page was scored: {out:?}");
    assert!(names(dir.path()).is_empty(), "no file was created");
}

#[test]
fn a_webhook_without_its_secret_creates_no_queue_file() {
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("queue.db");
    let out = chaff()
        .args(["score", "--webhook", "http://127.0.0.1:9/hook", "--queue"])
        .arg(&queue)
        .arg(seed_page())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("CHAFF_WEBHOOK_SECRET"));
    assert!(out.stdout.is_empty(), "{out:?}");
    assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
}

#[test]
fn a_read_only_queue_is_refused_before_any_page_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    let queue = dir.path().join("queue.db");
    // A real queue, made by a first run, then marked read-only.
    let out = chaff()
        .args(["score", "--moderate", "--queue"])
        .arg(&queue)
        .arg(seed_page())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let mut perms = std::fs::metadata(&queue).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&queue, perms).unwrap();
    let before = std::fs::read(&queue).unwrap();

    let out = chaff()
        .args(["score", "--moderate", "--queue"])
        .arg(&queue)
        .arg(seed_page())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("queue.db") && stderr.contains("read-only"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "no page was scored: {out:?}");
    assert_eq!(std::fs::read(&queue).unwrap(), before);
}

#[test]
fn a_read_only_wire_index_is_refused_before_any_story_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    let feed = seeds().join("wire-original.jsonl");
    chaff()
        .args(["wire", "add", "--index"])
        .arg(&index)
        .arg(&feed)
        .assert()
        .success();
    let mut perms = std::fs::metadata(&index).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&index, perms).unwrap();
    let out = chaff()
        .args(["wire", "add", "--index"])
        .arg(&index)
        .arg("/nonexistent/feed.jsonl")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("read-only") && !stderr.contains("feed.jsonl"),
        "{stderr}"
    );
}

#[test]
fn the_summary_counts_inputs_pages_and_errors_apart() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.html");
    std::fs::write(
        &other,
        "<html><body><p>A short page of our own.</p></body></html>",
    )
    .unwrap();
    let out = chaff()
        .arg("score")
        .arg(seed_page())
        .arg(&other)
        .arg(dir.path().join("missing.html"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stdout = text(&out.stdout);
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("3 inputs, 2 pages, 1 flagged, 1 error,"),
        "{last}"
    );
}

#[test]
fn an_empty_file_is_named_as_empty() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, b"").unwrap();
    let blank = dir.path().join("blank.html");
    std::fs::write(&blank, b"  \n\t\n").unwrap();
    let out = chaff()
        .args(["extract", "--jsonl"])
        .arg(&empty)
        .arg(&blank)
        .arg(seed_page())
        .output()
        .unwrap();
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["source"], empty.display().to_string());
    assert_eq!(rows[0]["error"], "empty page (0 bytes)");
    assert!(rows[1]["error"].as_str().unwrap().contains("blank page"));
    assert!(rows[2]["text"].as_str().unwrap().contains("BEIRUT"));
    assert!(text(&out.stderr).contains("empty.html: empty page"));
}

#[test]
fn the_wire_index_is_in_wal_mode_as_the_readme_says() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("wire.db");
    chaff()
        .args(["wire", "add", "--index"])
        .arg(&index)
        .arg(seeds().join("wire-original.jsonl"))
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&index).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(readme.contains("One SQLite file (WAL)"));
}

#[test]
fn the_readme_says_how_to_get_chaff_and_what_it_needs() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains("cargo install --locked --path ."),
        "how chaff gets on the PATH"
    );
    assert!(readme.contains("target/release/chaff"));
    assert!(
        readme.contains("C compiler"),
        "bundled SQLite and ring need one"
    );
}

/// Every command and subcommand, as typed.
const COMMANDS: &[&[&str]] = &[
    &["extract"],
    &["train"],
    &["eval"],
    &["train-verdict"],
    &["score"],
    &["bench"],
    &["wire", "add"],
    &["wire", "stats"],
    &["wire", "lookup"],
    &["queue", "list"],
    &["queue", "show"],
    &["queue", "resolve"],
    &["queue", "export"],
    &["queue", "deliver"],
];

#[test]
fn every_help_states_exit_codes_and_an_example() {
    for cmd in COMMANDS {
        let out = chaff().args(*cmd).arg("--help").output().unwrap();
        assert!(out.status.success(), "{cmd:?}");
        let help = text(&out.stdout);
        for want in ["Exit codes", "  2  failed", "Example", "chaff "] {
            assert!(
                help.contains(want),
                "`chaff {}` --help lacks {want:?}:\n{help}",
                cmd.join(" ")
            );
        }
        assert!(
            help.contains("Output") || help.contains("output"),
            "`chaff {}` --help does not say what it outputs",
            cmd.join(" ")
        );
    }
    for cmd in [["queue", "show"], ["queue", "resolve"]] {
        let out = chaff().args(cmd).arg("--help").output().unwrap();
        let help = text(&out.stdout);
        // The description stands beside `<ID>`, or on the next line in the long help.
        let lines: Vec<&str> = help.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.trim_start().starts_with("<ID>"))
            .unwrap();
        let described = lines[at].trim().len() > "<ID>".len()
            || lines.get(at + 1).is_some_and(|l| !l.trim().is_empty());
        assert!(described, "{help}");
    }
}

/// The hostile pages of the fuzzing seeds (fuzz/seed.py) that chaff handles: 100,000 sibling
/// paragraphs, 20,000 attributes on one element, a 30 MB text node, 3,000 unclosed tables.
#[test]
fn pathological_pages_come_through() {
    let dir = tempfile::tempdir().unwrap();
    let pages: [(&str, Vec<u8>); 4] = [
        (
            "siblings.html",
            [
                b"<html><body>".to_vec(),
                b"<p>one paragraph of words</p>".repeat(100_000),
            ]
            .concat(),
        ),
        (
            "attributes.html",
            [
                b"<html><body><div ".to_vec(),
                (0..20_000)
                    .map(|i| format!("a{i}=x "))
                    .collect::<String>()
                    .into_bytes(),
                b">text</div>".to_vec(),
            ]
            .concat(),
        ),
        (
            "text-node.html",
            [b"<html><body><p>".to_vec(), b"word ".repeat(6 << 20)].concat(),
        ),
        ("tables.html", b"<table><tr><td>".repeat(3_000)),
    ];
    for (name, bytes) in &pages {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let out = chaff()
        .args(["score", "--jsonl"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), 4, "{rows:?}");
    for r in &rows {
        assert!(r.get("error").is_none(), "{r}");
        assert_eq!(r["flagged"], false, "{}", r["source"]);
    }
}

#[test]
fn a_binary_file_is_one_error_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    // 256 KB of noise with a newline every few hundred bytes, like a gzip or an image.
    let mut x: u32 = 13;
    let noise: Vec<u8> = (0..256 << 10)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        })
        .collect();
    for name in ["noise.jsonl", "noise.warc", "noise.html"] {
        std::fs::write(dir.path().join(name), &noise).unwrap();
    }
    let good = dir.path().join("good.jsonl");
    std::fs::write(
        &good,
        "{\"html\": \"<p>x</p>\"}\n\u{0}\u{1}junk\nnot json\n{\"html\": \"<p>y</p>\"}\n",
    )
    .unwrap();
    let out = chaff()
        .args(["extract", "--jsonl"])
        .arg(dir.path().join("noise.jsonl"))
        .arg(dir.path().join("noise.warc"))
        .arg(dir.path().join("noise.html"))
        .arg(&good)
        .output()
        .unwrap();
    let rows = json_lines(&out.stdout);
    let errors: Vec<&Value> = rows.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert_eq!(
        text(&out.stderr).lines().count(),
        4,
        "{}",
        text(&out.stderr)
    );
    assert!(errors[0]["error"].as_str().unwrap().starts_with("lines 1-"));
    // Good lines around a run of bad ones are still read, and the run is one error.
    let g = good.display().to_string();
    let sources: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["source"].as_str())
        .filter(|s| s.starts_with(&g))
        .collect();
    assert_eq!(sources.len(), 3, "{rows:#?}");
    assert!(
        errors[3]["error"]
            .as_str()
            .unwrap()
            .starts_with("lines 2-3")
    );
}

/// A million attributes on one element: html5ever looks each new attribute up among the
/// ones before it (to drop duplicates), so this 10 MB page once took hours in segmentation.
/// Found by the fuzzing seeds; the tokenizer now keeps a tag's first `MAX_ATTRIBUTES`
/// and reads the rest through without making them (`segment::tokenizer`), and the whole run through the binary
/// must come back with a line for the page and no error.
#[test]
fn a_million_attributes_on_one_element_come_through() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("attributes.html");
    let attrs: String = (0..1_000_000).map(|i| format!("a{i}=x ")).collect();
    std::fs::write(&page, format!("<html><body><div {attrs}>text</div>")).unwrap();
    let out = chaff()
        .args(["score", "--jsonl"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(json_lines(&out.stdout)[0].get("error").is_none());
}
