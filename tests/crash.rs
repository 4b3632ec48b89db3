//! Nothing flagged is lost or sent twice as two items when a moderating run is killed.
//!
//! A real `chaff score --moderate --webhook` process scores a folder of farm copies while a
//! real receiver on 127.0.0.1 fails every item's first delivery; the process is killed with
//! SIGKILL at a random moment, then run again to the end. Afterwards every flagged page is
//! in the queue exactly once and the receiver has accepted every item, each under its own
//! stable `webhook-id`.

mod common;

use common::{Receiver, SECRET, key, seeds, succeeded};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PAGES: usize = 60;

/// The seed farm page, copied onto `PAGES` different URLs (we only change the canonical
/// link; the copies stay farm copies of the same wire story).
fn write_pages(dir: &Path) -> BTreeSet<String> {
    let seed = std::fs::read_to_string(seeds().join("seed-page.html"))
        .expect("../shared/seeds/seed-page.html is beside the project");
    let mut urls = BTreeSet::new();
    for n in 0..PAGES {
        let url = format!("https://farm{}.example/news/{n}.html", n % 7);
        let page = seed.replacen(
            "<head>",
            &format!("<head><link rel=\"canonical\" href=\"{url}\">"),
            1,
        );
        std::fs::write(dir.join(format!("page-{n:03}.html")), page).unwrap();
        urls.insert(url);
    }
    urls
}

fn chaff() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("chaff"));
    c.env("CHAFF_WEBHOOK_SECRET", SECRET);
    c
}

#[test]
fn a_killed_moderating_run_loses_nothing_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let urls = write_pages(&pages);
    let index = dir.path().join("wire.db");
    let queue = dir.path().join("queue.db");
    succeeded(
        chaff()
            .args(["wire", "add", "--index"])
            .arg(&index)
            .arg(seeds().join("wire-original.jsonl"))
            .output()
            .unwrap(),
    );

    // Every item's first delivery fails with a 503; later ones succeed, slowly enough that
    // the run is still delivering when it is killed.
    let mut attempts: BTreeMap<String, usize> = BTreeMap::new();
    let rx = Receiver::start(
        &key(),
        Box::new(move |_, body| {
            let url = body["data"]["url"].as_str().unwrap_or("").to_string();
            let n = attempts.entry(url).or_default();
            *n += 1;
            if *n == 1 {
                (503, "try later".into(), Duration::from_millis(2))
            } else {
                (200, "ok".into(), Duration::from_millis(10))
            }
        }),
    );
    let score = |wait: &str| {
        let mut c = chaff();
        c.args([
            "score",
            "--jsonl",
            "--threads",
            "2",
            "--batch",
            "5",
            "--index",
        ])
        .arg(&index)
        .arg("--queue")
        .arg(&queue)
        .args(["--webhook", &rx.url, "--webhook-wait", wait])
        .arg(&pages);
        c
    };

    // First run, killed at a random moment (the seed is printed to replay a failure).
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    let kill_after = Duration::from_millis(150 + seed % 2500);
    println!("killing the first run after {kill_after:?}");
    let mut child = score("60")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let t0 = Instant::now();
    while t0.elapsed() < kill_after {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().ok(); // SIGKILL: no destructor, no last write
    child.wait().unwrap();
    println!("receiver had {} requests at the kill", rx.seen().len());

    // Second run, to the end.
    let out = succeeded(score("60").output().unwrap());
    let flagged: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["flagged"] == true)
        .map(|v| v["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(flagged.len(), PAGES, "every farm copy is flagged");

    // The queue holds every flagged page exactly once.
    let export = succeeded(
        chaff()
            .args(["queue", "export", "--jsonl", "--queue"])
            .arg(&queue)
            .output()
            .unwrap(),
    );
    let items: Vec<serde_json::Value> = String::from_utf8_lossy(&export.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let queued: BTreeSet<String> = items
        .iter()
        .map(|i| i["url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(items.len(), PAGES, "one item per page, none twice");
    assert_eq!(queued, urls);

    // The receiver accepted every item, each under one stable id, with valid signatures.
    let seen = rx.seen();
    assert!(
        seen.iter().all(|s| s.signature_ok),
        "every signature verifies"
    );
    let accepted: BTreeMap<String, BTreeSet<String>> = seen
        .iter()
        .filter(|s| s.status == 200)
        .fold(BTreeMap::new(), |mut m, s| {
            m.entry(s.url.clone()).or_default().insert(s.id.clone());
            m
        });
    assert_eq!(
        accepted.keys().cloned().collect::<BTreeSet<_>>(),
        urls,
        "every item reached the receiver"
    );
    assert!(
        accepted.values().all(|ids| ids.len() == 1),
        "an item keeps its webhook-id across attempts and runs"
    );
    let ids: BTreeSet<&String> = accepted.values().flatten().collect();
    assert_eq!(ids.len(), PAGES, "no two items share an id");
}
