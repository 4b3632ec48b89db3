//! Test helpers shared by the integration tests: the seed files, a real webhook receiver on
//! 127.0.0.1 that checks every signature the way a Standard Webhooks consumer would, WARC
//! writers, and a check that a command succeeded.
#![allow(dead_code)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{KeyInit, Mac};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Dragnet's corrected texts in file order, each cut at the comments marker (the text after
/// it is the page's user comments): real article texts for tests that lay out pages of their
/// own. Read at run time from the datasets folder, never committed.
pub fn dragnet_corrected_texts() -> Vec<(PathBuf, String)> {
    let dir = chaff::datasets::root().join("dragnet/Corrected");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (set CHAFF_DATASETS)", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            let article = chaff::datasets::dragnet::gold_text(&text);
            (p, article)
        })
        .collect()
}

/// `../shared/seeds`, beside the project: the seed page, its body and its wire story.
pub fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

/// The webhook secret chaff is given, in Standard Webhooks' `whsec_` form.
pub const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

/// The raw key behind [`SECRET`], which the receiver verifies signatures with.
pub fn key() -> Vec<u8> {
    B64.decode(SECRET.strip_prefix("whsec_").unwrap()).unwrap()
}

/// One request as the receiver saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub id: String,
    pub signature_ok: bool,
    pub timestamp_fresh: bool,
    pub url: String,
    pub status: u16,
}

/// What the receiver answers: status, body, delay before answering.
pub type Policy = Box<dyn FnMut(usize, &serde_json::Value) -> (u16, String, Duration) + Send>;

pub struct Receiver {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Receiver {
    pub fn start(key: &[u8], mut policy: Policy) -> Receiver {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let url = format!(
            "http://{}/hooks/chaff",
            server.server_addr().to_ip().unwrap()
        );
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let key = key.to_vec();
        let (seen2, stop2) = (seen.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let mut n = 0;
            while !stop2.load(Ordering::SeqCst) {
                let Ok(Some(mut req)) = server.recv_timeout(Duration::from_millis(20)) else {
                    continue;
                };
                let header = |name: &str| {
                    req.headers()
                        .iter()
                        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
                        .map(|h| h.value.as_str().to_string())
                        .unwrap_or_default()
                };
                let (id, ts, sig) = (
                    header("webhook-id"),
                    header("webhook-timestamp"),
                    header("webhook-signature"),
                );
                let declared: Option<usize> = header("content-length").parse().ok();
                let mut body = String::new();
                let read = std::io::Read::read_to_string(req.as_reader(), &mut body);
                // A sender killed mid-request (tests/crash.rs kills a run at a random moment)
                // leaves a body shorter than its Content-Length, or a connection reset. An
                // HTTP server never hands such a request to the consumer, so it is not seen:
                // recording it would count a cut body as a forged signature.
                if read.is_err() || declared.is_some_and(|n| n != body.len()) {
                    continue;
                }
                // Verify as a consumer would: HMAC-SHA256 over "id.timestamp.body".
                let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
                mac.update(format!("{id}.{ts}.{body}").as_bytes());
                let expected = format!("v1,{}", B64.encode(mac.finalize().into_bytes()));
                let signature_ok = sig.split(' ').any(|s| s == expected);
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_secs() as i64;
                let timestamp_fresh = ts.parse::<i64>().is_ok_and(|t| (now - t).abs() < 300);
                let json: serde_json::Value =
                    serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
                let (status, text, delay) = policy(n, &json);
                n += 1;
                std::thread::sleep(delay);
                seen2.lock().unwrap().push(Seen {
                    id,
                    signature_ok,
                    timestamp_fresh,
                    url: json["data"]["url"].as_str().unwrap_or("").to_string(),
                    status,
                });
                let _ =
                    req.respond(tiny_http::Response::from_string(text).with_status_code(status));
            }
        });
        Receiver {
            url,
            seen,
            stop,
            thread: Some(thread),
        }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

// WARC writing, for tests that feed crawls to chaff.

/// When every test record was fetched (its WARC-Date).
pub const WARC_DATE: &str = "2025-04-26T10:00:00Z";

/// One WARC record, as a writer would put it out.
pub fn warc_record(kind: &str, url: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: {WARC_DATE}\r\nWARC-Target-URI: {url}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        url.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

pub fn http_response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

pub fn response(url: &str, status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    warc_record(
        "response",
        url,
        "application/http; msgtype=response",
        &http_response(status, content_type, body),
    )
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// The output of a command that must have succeeded; its stderr is the failure message.
pub fn succeeded(out: std::process::Output) -> std::process::Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The `chaff` binary of this build.
pub fn chaff() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("chaff").unwrap()
}

/// `chaff wire add --json --index INDEX INPUTS...`, which must succeed: its summary.
pub fn wire_add(index: &std::path::Path, inputs: &[&std::path::Path]) -> serde_json::Value {
    let out = succeeded(
        chaff()
            .args(["wire", "add", "--json", "--index"])
            .arg(index)
            .args(inputs)
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `chaff wire lookup --index INDEX BODY_FILE`, which must succeed: its JSON line.
pub fn wire_lookup(index: &std::path::Path, body: &std::path::Path) -> serde_json::Value {
    let out = succeeded(
        chaff()
            .args(["wire", "lookup", "--index"])
            .arg(index)
            .arg(body)
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `chaff wire stats --json --index INDEX`, which must succeed.
pub fn wire_stats(index: &std::path::Path) -> serde_json::Value {
    let out = succeeded(
        chaff()
            .args(["wire", "stats", "--json", "--index"])
            .arg(index)
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
