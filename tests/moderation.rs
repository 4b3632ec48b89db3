//! The moderation queue on real SQLite files: idempotent batches, decisions and their
//! history, an outbox row for every new item, and refusal of files it cannot read.

use chaff::moderation::{
    Decision, DeliveryState, NewItem, Queue, QueueError, Status, body_hash, webhook_id,
};
use chaff::verdict::{Reason, WireMatch};
use serde_json::json;

fn item(n: u32) -> NewItem {
    let body = format!("BEIRUT (AP) — Story number {n} as copied by a farm.");
    NewItem {
        url: format!("https://farm.example/news/{n}"),
        body_hash: body_hash(&body),
        source: format!("crawl.warc.gz#{}", n * 1000),
        score: 0.9 + n as f32 / 1000.0,
        reasons: vec![Reason {
            code: "wire_match".into(),
            message: format!("body is 98% of AP story ap-{n}"),
            weight: 1.0,
        }],
        wire_match: Some(WireMatch {
            id: format!("ap-{n}"),
            agency: "AP".into(),
            similarity: 0.9,
            containment: 0.98,
        }),
        verdict: json!({"flagged": true, "score": 0.9}),
        title: Some(format!("Story {n}")),
        site: Some("Farm News".into()),
        body,
    }
}

#[test]
fn enqueue_is_idempotent_and_moves_last_seen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    let batch: Vec<NewItem> = (1..=5).map(item).collect();

    let mut q = Queue::open(&path).unwrap();
    let c = q.enqueue(&batch).unwrap();
    assert_eq!((c.added, c.updated), (5, 0));
    let before = q.list(None).unwrap();
    drop(q);

    std::thread::sleep(std::time::Duration::from_millis(5));
    let mut q = Queue::open(&path).unwrap();
    let c = q.enqueue(&batch).unwrap();
    assert_eq!((c.added, c.updated), (0, 5));
    let after = q.list(None).unwrap();
    assert_eq!(after.len(), 5);
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.first_seen, b.first_seen);
        assert!(a.last_seen > b.last_seen, "last_seen must move");
        assert_eq!(a.seen_count, 2);
    }

    // Same URL with a different body is a different item; same body elsewhere too.
    let mut changed = item(1);
    changed.body.push_str(" Updated.");
    changed.body_hash = body_hash(&changed.body);
    let mut moved = item(2);
    moved.url = "https://other.example/2".into();
    let c = q.enqueue(&[changed, moved]).unwrap();
    assert_eq!((c.added, c.updated), (2, 0));
    assert_eq!(q.list(Some(Status::Pending)).unwrap().len(), 7);

    // Fields survive the round trip.
    let got = q.get(after[2].id).unwrap();
    let want = item(3);
    assert_eq!(got.url, want.url);
    assert_eq!(got.reasons, want.reasons);
    assert_eq!(got.wire_match, want.wire_match);
    assert_eq!(got.body, want.body);
    assert_eq!(got.verdict, want.verdict);
    assert_eq!(got.webhook_id, webhook_id(&want.url, &want.body_hash));
}

#[test]
fn every_new_item_has_one_outbox_row_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut q = Queue::open(dir.path().join("q.db")).unwrap();
    q.enqueue(&(1..=3).map(item).collect::<Vec<_>>()).unwrap();
    q.enqueue(&(2..=4).map(item).collect::<Vec<_>>()).unwrap();
    let items = q.list(None).unwrap();
    assert_eq!(items.len(), 4);
    let mut ids = std::collections::HashSet::new();
    for it in &items {
        let row = q.outbox_entry(it.id).unwrap().expect("outbox row");
        assert_eq!(row.state, DeliveryState::Pending);
        assert_eq!(row.attempts, 0);
        assert_eq!(row.webhook_id, it.webhook_id);
        assert!(ids.insert(row.webhook_id));
        let h = q.history(it.id).unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].from, h[0].to), (None, Status::Pending));
    }
    assert_eq!(q.outbox_counts().unwrap().pending, 4);
}

#[test]
fn resolve_records_who_when_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    let mut q = Queue::open(&path).unwrap();
    q.enqueue(&[item(1), item(2)]).unwrap();
    let ids: Vec<i64> = q.list(None).unwrap().iter().map(|i| i.id).collect();

    let a = q
        .resolve(ids[0], Decision::Approve, "maria", Some("clear AP copy"))
        .unwrap();
    assert_eq!(a.status, Status::Approved);
    assert_eq!(a.resolved_by.as_deref(), Some("maria"));
    assert!(a.resolved_at.unwrap() >= a.first_seen);
    assert_eq!(a.note.as_deref(), Some("clear AP copy"));

    // Same decision twice is refused; a changed mind is recorded.
    assert!(matches!(
        q.resolve(ids[0], Decision::Approve, "maria", None),
        Err(QueueError::AlreadyResolved { .. })
    ));
    q.resolve(
        ids[0],
        Decision::Reject,
        "lead",
        Some("licensed syndication"),
    )
    .unwrap();
    q.resolve(ids[1], Decision::Reject, "maria", None).unwrap();
    assert!(matches!(
        q.resolve(999, Decision::Reject, "maria", None),
        Err(QueueError::NotFound(999))
    ));
    drop(q);

    let q = Queue::open(&path).unwrap();
    let h = q.history(ids[0]).unwrap();
    let steps: Vec<_> = h.iter().map(|e| (e.from, e.to, e.by.as_str())).collect();
    assert_eq!(
        steps,
        [
            (None, Status::Pending, "chaff"),
            (Some(Status::Pending), Status::Approved, "maria"),
            (Some(Status::Approved), Status::Rejected, "lead"),
        ]
    );
    assert_eq!(h[2].note.as_deref(), Some("licensed syndication"));
    assert_eq!(q.list(Some(Status::Rejected)).unwrap().len(), 2);
    assert_eq!(q.list(Some(Status::Pending)).unwrap().len(), 0);

    let mut out = Vec::new();
    assert_eq!(q.export_jsonl(None, &mut out).unwrap(), 2);
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["status"], "rejected");
    assert_eq!(lines[0]["wire_match"]["id"], "ap-1");
    assert_eq!(lines[0]["reasons"][0]["code"], "wire_match");
    assert!(lines[0]["first_seen"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn wal_mode_and_foreign_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q.db");
    Queue::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");

    // A newer schema is refused, not guessed at.
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let err = Queue::open(&path).err().expect("refused");
    assert!(
        matches!(err, QueueError::SchemaVersion { found: 99, .. }),
        "{err}"
    );

    // Some other program's database.
    let other = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x)").unwrap();
    drop(conn);
    assert!(matches!(
        Queue::open(&other),
        Err(QueueError::NotAQueue { .. })
    ));

    // Not a database at all.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    let err = Queue::open(&junk).err().expect("refused");
    assert!(err.to_string().contains("junk.db"), "{err}");
}

mod cli {
    use super::*;
    use assert_cmd::Command;

    fn chaff() -> Command {
        Command::cargo_bin("chaff").unwrap()
    }

    #[test]
    fn list_show_resolve_export_from_the_command_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mod.db");
        Queue::open(&path)
            .unwrap()
            .enqueue(&[item(1), item(2)])
            .unwrap();
        let q = path.to_str().unwrap();

        let out = chaff()
            .args(["queue", "list", "--jsonl", "--queue", q])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let items: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(items.len(), 2);
        for key in ["id", "url", "status", "score", "reasons", "wire_match"] {
            assert!(items[0].get(key).is_some(), "missing {key}");
        }
        let id = items[1]["id"].as_i64().unwrap().to_string();

        let out = chaff()
            .args(["queue", "--queue", q, "resolve", &id, "--reject"])
            .args(["--note", "licensed", "--by", "maria"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("rejected by maria"));

        let out = chaff()
            .args(["queue", "list", "--status", "pending", "--queue", q])
            .output()
            .unwrap();
        let table = String::from_utf8(out.stdout).unwrap();
        assert!(table.contains("farm.example/news/1") && !table.contains("farm.example/news/2"));
        assert!(table.contains("ap-1"), "{table}");

        let out = chaff()
            .args(["queue", "show", &id, "--queue", q])
            .output()
            .unwrap();
        let shown = String::from_utf8(out.stdout).unwrap();
        assert!(
            shown.contains("pending -> rejected  by maria  \"licensed\""),
            "{shown}"
        );

        let out = chaff()
            .args(["queue", "show", &id, "--jsonl", "--queue", q])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["status"], "rejected");
        assert_eq!(v["history"].as_array().unwrap().len(), 2);
        assert_eq!(v["delivery"]["state"], "pending");

        let out = chaff()
            .args(["queue", "export", "--jsonl", "--queue", q])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);

        // Missing flags, ids and files are errors with a message, not panics.
        let out = chaff()
            .args(["queue", "resolve", &id, "--queue", q])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let out = chaff()
            .args(["queue", "show", "999", "--queue", q])
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&out.stderr).contains("no queue item with id 999"));
        let missing = dir.path().join("none.db");
        let out = chaff()
            .args(["queue", "list", "--queue", missing.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("no moderation queue"));
        assert!(!missing.exists());
    }
}
