//! Webhook delivery against a real HTTP receiver on 127.0.0.1 that checks every signature
//! with the same secret, the way a Standard Webhooks consumer would.

mod common;

use chaff::moderation::{
    DeliveryOptions, DeliveryState, NewItem, Queue, RetryPolicy, WebhookSecret, body_hash,
};
use chaff::verdict::Reason;
use common::{Receiver, SECRET, key};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

fn item(n: u32) -> NewItem {
    let body = format!("(Reuters) - Copied story {n}.");
    NewItem {
        url: format!("https://farm.example/{n}"),
        body_hash: body_hash(&body),
        source: format!("pages.jsonl#{n}"),
        score: 0.95,
        reasons: vec![Reason {
            code: "wire_dateline".into(),
            message: "Reuters dateline on a site that is not Reuters".into(),
            weight: 1.0,
        }],
        wire_match: None,
        verdict: serde_json::json!({"flagged": true}),
        title: Some(format!("Story {n}")),
        site: Some("Farm".into()),
        body,
        html: None,
    }
}

fn quick(wait: Duration) -> DeliveryOptions {
    DeliveryOptions {
        timeout: Duration::from_secs(2),
        retry: RetryPolicy {
            base_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
            max_attempts: 20,
            breaker_after: 0,
        },
        wait_for_retries: wait,
    }
}

/// The webhook-id of every item in the queue: what the receiver must end up having seen.
fn webhook_ids(q: &Queue) -> BTreeSet<String> {
    q.list(None)
        .unwrap()
        .into_iter()
        .map(|i| i.webhook_id)
        .collect()
}

/// A URL on 127.0.0.1 where nobody listens: the port was free a moment ago, so
/// connecting is refused rather than timed out.
fn dead_url(path: &str) -> String {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    format!("http://{}{path}", closed.local_addr().unwrap())
}

#[test]
fn retries_with_backoff_until_the_receiver_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let mut q = Queue::open(dir.path().join("q.db")).unwrap();
    q.enqueue(&(1..=4).map(item).collect::<Vec<_>>()).unwrap();
    let expected = webhook_ids(&q);

    // The first three requests get 503, everything after 200.
    let rx = Receiver::start(
        &key(),
        Box::new(|n, _| {
            if n < 3 {
                (503, "busy".into(), Duration::ZERO)
            } else {
                (200, "ok".into(), Duration::ZERO)
            }
        }),
    );
    let secret = WebhookSecret::parse(SECRET).unwrap();
    // The breaker opens after two failures in a row and the whole outbox waits; then all go.
    let mut opts = quick(Duration::from_secs(10));
    opts.retry.breaker_after = 2;
    let report = q.deliver(&rx.url, &secret, &opts).unwrap();
    assert_eq!(report.delivered, 4, "{report:?}");
    assert_eq!(report.pending, 0);
    assert_eq!(report.attempts, 7);
    assert!(
        report.errors.iter().any(|e| e.contains("503")),
        "{report:?}"
    );

    let seen = rx.seen();
    assert_eq!(seen.len(), 7);
    assert!(
        seen.iter().all(|s| s.signature_ok && s.timestamp_fresh),
        "{seen:?}"
    );
    let delivered: BTreeSet<String> = seen
        .iter()
        .filter(|s| s.status == 200)
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(delivered, expected);
    // A retried item comes back under the same webhook-id.
    for s in seen.iter().filter(|s| s.status == 503) {
        assert!(expected.contains(&s.id));
    }
    let attempts: i64 = q
        .list(None)
        .unwrap()
        .iter()
        .map(|i| q.outbox_entry(i.id).unwrap().unwrap().attempts)
        .sum();
    assert_eq!(attempts, 7);
    assert_eq!(q.outbox_counts().unwrap().delivered, 4);

    // Nothing is due any more: a second call sends nothing.
    let again = q.deliver(&rx.url, &secret, &quick(Duration::ZERO)).unwrap();
    assert_eq!(again.attempts, 0);
    assert_eq!(rx.seen().len(), 7);
}

#[test]
fn a_400_marks_the_item_failed_and_keeps_the_response() {
    let dir = tempfile::tempdir().unwrap();
    let mut q = Queue::open(dir.path().join("q.db")).unwrap();
    q.enqueue(&(1..=3).map(item).collect::<Vec<_>>()).unwrap();
    let rx = Receiver::start(
        &key(),
        Box::new(|_, body| {
            if body["data"]["url"] == "https://farm.example/2" {
                (400, "{\"error\":\"unknown site\"}".into(), Duration::ZERO)
            } else {
                (204, String::new(), Duration::ZERO)
            }
        }),
    );
    let secret = WebhookSecret::parse(SECRET).unwrap();
    let report = q
        .deliver(&rx.url, &secret, &quick(Duration::from_secs(5)))
        .unwrap();
    assert_eq!(
        (report.delivered, report.failed, report.pending),
        (2, 1, 0),
        "{report:?}"
    );

    let items = q.list(None).unwrap();
    let failed = items
        .iter()
        .find(|i| i.url == "https://farm.example/2")
        .unwrap();
    let row = q.outbox_entry(failed.id).unwrap().unwrap();
    assert_eq!(row.state, DeliveryState::Failed);
    assert_eq!(row.attempts, 1, "a 400 is not retried");
    assert_eq!(row.response_status, Some(400));
    assert_eq!(
        row.response_body.as_deref(),
        Some("{\"error\":\"unknown site\"}")
    );

    let again = q.deliver(&rx.url, &secret, &quick(Duration::ZERO)).unwrap();
    assert_eq!(again.attempts, 0);
    assert_eq!(rx.seen().len(), 3);

    // After the receiver is fixed, an operator puts it back in line; same id again.
    assert_eq!(q.requeue_failed().unwrap(), 1);
    let again = q.deliver(&rx.url, &secret, &quick(Duration::ZERO)).unwrap();
    assert_eq!((again.attempts, again.failed), (1, 1));
    let seen = rx.seen();
    assert_eq!(
        seen[3].id,
        seen.iter().find(|s| s.status == 400).unwrap().id
    );
}

#[test]
fn delivery_resumes_across_runs_with_stable_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    let secret = WebhookSecret::parse("plain raw secret").unwrap();
    let mut q = Queue::open(&path).unwrap();
    q.enqueue(&(1..=5).map(item).collect::<Vec<_>>()).unwrap();
    let expected = webhook_ids(&q);

    // Run 1: nobody listens (connection refused). Everything stays pending, retry scheduled.
    let dead_url = dead_url("/hook");
    let r1 = q
        .deliver(&dead_url, &secret, &quick(Duration::ZERO))
        .unwrap();
    assert_eq!((r1.attempts, r1.delivered, r1.pending), (5, 0, 5), "{r1:?}");
    assert!(r1.next_attempt_at.is_some());
    drop(q);

    // Run 2, new process in spirit: the receiver answers 503. One pass only (no waiting).
    let up = Arc::new(AtomicBool::new(false));
    let up2 = up.clone();
    let mut since_up = 0;
    let rx = Receiver::start(
        b"plain raw secret",
        Box::new(move |_, _| {
            if !up2.load(Ordering::SeqCst) {
                return (503, "down".into(), Duration::ZERO);
            }
            since_up += 1;
            if since_up == 1 {
                (200, "too late".into(), Duration::from_millis(800))
            } else {
                (200, "ok".into(), Duration::ZERO)
            }
        }),
    );
    let mut q = Queue::open(&path).unwrap();
    std::thread::sleep(Duration::from_millis(60));
    let r2 = q.deliver(&rx.url, &secret, &quick(Duration::ZERO)).unwrap();
    assert_eq!((r2.attempts, r2.delivered, r2.pending), (5, 0, 5), "{r2:?}");
    drop(q);

    // Run 3: the receiver is up; the first request times out, the rest go through.
    up.store(true, Ordering::SeqCst);
    let mut q = Queue::open(&path).unwrap();
    let opts = DeliveryOptions {
        timeout: Duration::from_millis(300),
        ..quick(Duration::from_secs(10))
    };
    let r3 = q.deliver(&rx.url, &secret, &opts).unwrap();
    assert_eq!((r3.delivered, r3.pending, r3.failed), (5, 0, 0), "{r3:?}");
    assert!(
        r3.errors
            .iter()
            .any(|e| e.to_lowercase().contains("timeout")),
        "{r3:?}"
    );

    let seen = rx.seen();
    assert!(seen.iter().all(|s| s.signature_ok), "{seen:?}");
    let ids: BTreeSet<String> = seen.iter().map(|s| s.id.clone()).collect();
    assert_eq!(
        ids, expected,
        "same ids in every run, none missing, none new"
    );
    // Every item reached the receiver with a 2xx at least once.
    let mut ok: HashMap<String, usize> = HashMap::new();
    for s in seen.iter().filter(|s| s.status == 200) {
        *ok.entry(s.url.clone()).or_default() += 1;
    }
    assert_eq!(ok.len(), 5);
    for it in q.list(None).unwrap() {
        let row = q.outbox_entry(it.id).unwrap().unwrap();
        assert_eq!(row.state, DeliveryState::Delivered);
        assert!(row.attempts >= 3, "refused, 503, then delivered: {row:?}");
    }
}

#[test]
fn queue_deliver_command_signs_with_the_secret_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    Queue::open(&path)
        .unwrap()
        .enqueue(&[item(1), item(2)])
        .unwrap();
    let rx = Receiver::start(&key(), Box::new(|_, _| (200, "ok".into(), Duration::ZERO)));
    let q = path.to_str().unwrap();

    let out = assert_cmd::Command::cargo_bin("chaff")
        .unwrap()
        .args(["queue", "deliver", "--webhook", &rx.url, "--queue", q])
        .env_remove("CHAFF_WEBHOOK_SECRET")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("CHAFF_WEBHOOK_SECRET"));
    assert!(rx.seen().is_empty());

    let out = assert_cmd::Command::cargo_bin("chaff")
        .unwrap()
        .args(["queue", "deliver", "--webhook", &rx.url, "--queue", q])
        .env("CHAFF_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 delivered"));
    let seen = rx.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|s| s.signature_ok));

    // A receiver that is down: exit status 1, items left pending for the next run.
    Queue::open(&path).unwrap().enqueue(&[item(3)]).unwrap();
    let dead = dead_url("/");
    let out = assert_cmd::Command::cargo_bin("chaff")
        .unwrap()
        .args([
            "queue",
            "deliver",
            "--webhook",
            &dead,
            "--wait",
            "0",
            "--queue",
            q,
        ])
        .env("CHAFF_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 still pending"));
}

#[test]
fn a_dead_receiver_makes_the_whole_outbox_wait_not_each_item_time_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut q = Queue::open(dir.path().join("q.db")).unwrap();
    q.enqueue(&(1..=20).map(item).collect::<Vec<_>>()).unwrap();
    let dead = dead_url("/");
    let secret = WebhookSecret::parse(SECRET).unwrap();
    let mut opts = quick(Duration::ZERO);
    opts.retry = RetryPolicy {
        breaker_after: 3,
        base_backoff: Duration::from_secs(30),
        max_backoff: Duration::from_secs(60),
        ..opts.retry
    };
    let before = chaff::moderation::now_ms();
    let r = q.deliver(&dead, &secret, &opts).unwrap();
    assert_eq!((r.attempts, r.pending), (3, 20), "{r:?}");
    assert!(
        r.errors.iter().any(|e| e.contains("3 failures in a row")),
        "{r:?}"
    );
    // Nobody is due now: every row waits at least half the base backoff.
    assert!(r.next_attempt_at.unwrap() >= before + 15_000, "{r:?}");
    let untried = q
        .list(None)
        .unwrap()
        .iter()
        .filter(|i| q.outbox_entry(i.id).unwrap().unwrap().attempts == 0)
        .count();
    assert_eq!(untried, 17, "postponed rows keep their attempt count");
}

#[test]
fn killing_a_delivering_process_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    Queue::open(&path)
        .unwrap()
        .enqueue(&(1..=12).map(item).collect::<Vec<_>>())
        .unwrap();
    let expected = webhook_ids(&Queue::open(&path).unwrap());
    // A slow receiver, so that the kill lands in the middle of the run.
    let rx = Receiver::start(
        &key(),
        Box::new(|_, _| (200, "ok".into(), Duration::from_millis(40))),
    );
    let q = path.to_str().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("chaff");
    let mut child = std::process::Command::new(&bin)
        .args(["queue", "deliver", "--webhook", &rx.url, "--queue", q])
        .env("CHAFF_WEBHOOK_SECRET", SECRET)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let t0 = std::time::Instant::now();
    while rx.seen().len() < 4 && t0.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL: no destructor, no last write
    child.wait().unwrap();
    let before = rx.seen().len();
    assert!(
        (4..12).contains(&before),
        "the kill should land mid-run: {before}"
    );

    let out = std::process::Command::new(&bin)
        .args(["queue", "deliver", "--webhook", &rx.url, "--queue", q])
        .env("CHAFF_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let seen = rx.seen();
    let ids: BTreeSet<String> = seen.iter().map(|s| s.id.clone()).collect();
    assert_eq!(
        ids, expected,
        "every item reached the receiver, under its own id"
    );
    // At least once, and only the request in flight at the kill may come twice.
    assert!(seen.len() <= 13, "{} requests for 12 items", seen.len());
    let q = Queue::open(&path).unwrap();
    assert_eq!(q.outbox_counts().unwrap().delivered, 12);
}
