//! Helpers of the moderator's-view tests: a real queue filled by `chaff score --moderate`
//! from the seed page, a hostile item, and a real `chaff serve` process on 127.0.0.1.
#![allow(dead_code)]

use chaff::moderation::{NewItem, Queue, body_hash};
use chaff::verdict::Reason;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

pub fn chaff_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_chaff"))
}

fn run(args: &[&str]) {
    let out = Command::new(chaff_bin()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "chaff {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A wire index of the seed story, and a queue holding the seed page (flagged by a real
/// `chaff score --moderate` run, its HTML kept). Returns (index, queue).
pub fn seed_queue(dir: &Path) -> (PathBuf, PathBuf) {
    let index = dir.join("wire.db");
    let queue = dir.join("queue.db");
    let feed = seeds().join("wire-original.jsonl");
    let page = seeds().join("seed-page.html");
    run(&[
        "wire",
        "add",
        "--index",
        index.to_str().unwrap(),
        feed.to_str().unwrap(),
    ]);
    run(&[
        "score",
        "--index",
        index.to_str().unwrap(),
        "--moderate",
        "--queue",
        queue.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    (index, queue)
}

/// What a hostile page puts in its title and body: markup that must show as text.
pub const HOSTILE: &str =
    r#"<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">"#;

/// Put a hostile page in the queue, as a farm could make one: script and an image with an
/// `onerror` handler in its title and body (as text), and live scripts in its raw HTML.
pub fn add_hostile(queue: &Path) -> i64 {
    let body = format!("BEIRUT (AP) — {HOSTILE} the rest of a copied story.");
    let html = format!(
        "<html><head><title>{t}</title><script>window.pwned = 3</script></head>\
         <body><h1>{t}</h1><p>{t}</p><img src=x onerror=\"window.pwned = 4\"></body></html>",
        t = HOSTILE.replace('&', "&amp;").replace('<', "&lt;")
    );
    let mut q = Queue::open(queue).unwrap();
    q.enqueue(&[NewItem {
        url: format!("https://farm.example/{}", "x".repeat(3)),
        body_hash: body_hash(&body),
        source: "hostile.html".into(),
        score: 0.99,
        reasons: vec![Reason {
            code: "engagement_widget".into(),
            message: format!("engagement widget \"{HOSTILE}\""),
            weight: 0.5,
        }],
        wire_match: None,
        verdict: serde_json::json!({"flagged": true}),
        title: Some(HOSTILE.to_string()),
        site: Some(format!("{HOSTILE} News")),
        body,
        html: Some(html),
    }])
    .unwrap();
    q.list(None).unwrap().last().unwrap().id
}

/// A running `chaff serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub token: String,
}

impl Server {
    /// Start `chaff serve` on a free port with this token (or a generated one when `None`,
    /// read back from what the server prints).
    pub fn start(queue: &Path, index: Option<&Path>, token: Option<&str>) -> Server {
        let mut cmd = Command::new(chaff_bin());
        cmd.args([
            "serve",
            "--queue",
            queue.to_str().unwrap(),
            "--addr",
            "127.0.0.1:0",
        ]);
        if let Some(i) = index {
            cmd.args(["--index", i.to_str().unwrap()]);
            cmd.args([
                "--wire",
                seeds().join("wire-original.jsonl").to_str().unwrap(),
            ]);
        }
        match token {
            Some(t) => cmd.env("CHAFF_SERVE_TOKEN", t),
            None => cmd.env_remove("CHAFF_SERVE_TOKEN"),
        };
        let mut child = cmd.stderr(Stdio::piped()).spawn().unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut base = None;
        let mut printed_token = None;
        for line in lines.by_ref() {
            let line = line.unwrap();
            if let Some(rest) = line.split(" on http://").nth(1) {
                base = Some(format!("http://{}", rest.trim_end_matches('/')));
            }
            if let Some(t) = line.strip_prefix("chaff serve: write token ") {
                printed_token = t.split_whitespace().next().map(str::to_string);
            }
            if line.contains("open http://") {
                break;
            }
        }
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            base: base.expect("chaff serve printed its address"),
            token: token
                .map(str::to_string)
                .or(printed_token)
                .expect("a token"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
