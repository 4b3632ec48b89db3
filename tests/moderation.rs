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
        html: None,
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
        .resolve(ids[0], Decision::Confirm, "maria", Some("clear AP copy"))
        .unwrap();
    assert_eq!(a.status, Status::Confirmed);
    assert_eq!(a.resolved_by.as_deref(), Some("maria"));
    assert!(a.resolved_at.unwrap() >= a.first_seen);
    assert_eq!(a.note.as_deref(), Some("clear AP copy"));

    // Same decision twice is refused; a changed mind is recorded.
    assert!(matches!(
        q.resolve(ids[0], Decision::Confirm, "maria", None),
        Err(QueueError::AlreadyResolved { .. })
    ));
    q.resolve(
        ids[0],
        Decision::Dismiss,
        "lead",
        Some("licensed syndication"),
    )
    .unwrap();
    q.resolve(ids[1], Decision::Dismiss, "maria", None).unwrap();
    assert!(matches!(
        q.resolve(999, Decision::Dismiss, "maria", None),
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
            (Some(Status::Pending), Status::Confirmed, "maria"),
            (Some(Status::Confirmed), Status::Dismissed, "lead"),
        ]
    );
    assert_eq!(h[2].note.as_deref(), Some("licensed syndication"));
    assert_eq!(q.list(Some(Status::Dismissed)).unwrap().len(), 2);
    assert_eq!(q.list(Some(Status::Pending)).unwrap().len(), 0);

    let mut out = Vec::new();
    assert_eq!(q.export_jsonl(None, &mut out).unwrap(), 2);
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["status"], "dismissed");
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
            .args(["queue", "--queue", q, "resolve", &id, "--dismiss"])
            .args(["--note", "licensed", "--by", "maria"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("dismissed by maria"));

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
            shown.contains("pending -> dismissed  by maria  \"licensed\""),
            "{shown}"
        );

        let out = chaff()
            .args(["queue", "show", &id, "--jsonl", "--queue", q])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["status"], "dismissed");
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

mod schema_and_read_only {
    use super::*;
    use assert_cmd::Command;

    /// The version 1 schema, as the first release wrote it.
    const SCHEMA_V1: &str = include_str!("moderator/schema_v1.sql");

    /// A queue file as chaff wrote it before the decision words changed: one item approved
    /// (the flag was right), one rejected (the flag was wrong), one pending.
    fn old_queue(path: &std::path::Path) {
        let conn = rusqlite::Connection::open(path).unwrap();
        conn.execute_batch(SCHEMA_V1).unwrap();
        for (id, status) in [(1, "approved"), (2, "rejected"), (3, "pending")] {
            conn.execute(
                "INSERT INTO items (id, url, body_hash, source, status, score, reasons, wire_match,
                                    verdict, title, site, body, first_seen, last_seen)
                 VALUES (?1, ?2, 'h', 's', ?3, 0.9, '[]', '{\"id\":\"ap-1\",\"agency\":\"AP\",\"similarity\":0.9,\"containment\":0.9}',
                         '{}', 't', 'Farm', 'body', 1000, 1000)",
                rusqlite::params![id, format!("https://farm.example/{id}"), status],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO history (item_id, from_status, to_status, by, at) VALUES (?1, NULL, 'pending', 'chaff', 1000)",
                [id],
            )
            .unwrap();
            if status != "pending" {
                conn.execute(
                    "INSERT INTO history (item_id, from_status, to_status, by, at) VALUES (?1, 'pending', ?2, 'maria', 2000)",
                    rusqlite::params![id, status],
                )
                .unwrap();
            }
            conn.execute(
                "INSERT INTO outbox (item_id, webhook_id, next_attempt_at, created_at) VALUES (?1, ?2, 0, 0)",
                rusqlite::params![id, format!("msg_{id}")],
            )
            .unwrap();
        }
    }

    #[test]
    fn an_old_queue_file_migrates_with_its_decisions_read_the_right_way() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        old_queue(&path);
        // Read-only, an old file is refused with what to do, and left as it was.
        let err = Queue::open_read_only(&path).err().expect("refused");
        assert!(err.to_string().contains("must be migrated"), "{err}");

        let mut q = Queue::open(&path).unwrap();
        let status: Vec<Status> = q.list(None).unwrap().iter().map(|i| i.status).collect();
        assert_eq!(
            status,
            [Status::Confirmed, Status::Dismissed, Status::Pending]
        );
        let h = q.history(2).unwrap();
        assert_eq!(
            (h[1].from, h[1].to),
            (Some(Status::Pending), Status::Dismissed)
        );
        assert_eq!(q.outbox_entry(1).unwrap().unwrap().webhook_id, "msg_1");
        // The new columns work on migrated rows: the agency filter, decisions, events.
        let page = q
            .page(&chaff::moderation::ItemFilter {
                agency: Some("AP".into()),
                limit: 10,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(page.items.len(), 3);
        q.resolve(3, Decision::Confirm, "lead", None).unwrap();
        assert_eq!(q.outbox_entries(3).unwrap().len(), 2);
        drop(q);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 2);
        // A second open changes nothing.
        drop(conn);
        assert_eq!(Queue::open(&path).unwrap().list(None).unwrap().len(), 3);
    }

    /// Run a chaff command as a user who may not write the file (root writes anything, so a
    /// test run as root drops to `nobody` for the command).
    fn as_reader(args: &[&str]) -> std::process::Output {
        let bin = assert_cmd::cargo::cargo_bin("chaff");
        let root = std::process::Command::new("id")
            .arg("-u")
            .output()
            .unwrap()
            .stdout
            == b"0\n";
        let mut cmd = if root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(bin);
            c
        } else {
            std::process::Command::new(bin)
        };
        cmd.args(args).output().unwrap()
    }

    #[test]
    fn read_commands_work_on_a_queue_the_user_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ro.db");
        {
            let mut q = Queue::open(&path).unwrap();
            q.enqueue(&[item(1), item(2)]).unwrap();
        }
        // The queue (WAL mode, closed) read-only, in a folder the reader cannot write.
        assert!(!dir.path().join("ro.db-wal").exists());
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
        let q = path.to_str().unwrap();
        for args in [
            vec!["queue", "list", "--queue", q],
            vec!["queue", "show", "1", "--queue", q],
            vec!["queue", "export", "--queue", q],
        ] {
            let out = as_reader(&args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{args:?}: {err}");
            assert!(!err.contains("readonly"), "{args:?}: {err}");
        }
        let out = as_reader(&["queue", "list", "--jsonl", "--queue", q]);
        assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
        // Writing is refused with the database's own word for it, once.
        let out = as_reader(&["queue", "resolve", "1", "--confirm", "--queue", q]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    #[test]
    fn resolve_asks_when_no_decision_is_given_and_show_reads_well() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.db");
        let mut long = item(1);
        long.body = "First paragraph.\n\nSecond paragraph.\nThird line.".into();
        Queue::open(&path)
            .unwrap()
            .enqueue(&[long, item(2)])
            .unwrap();
        let q = path.to_str().unwrap();
        let chaff = || Command::cargo_bin("chaff").unwrap();

        // No flag: it asks, and takes the answer.
        let out = chaff()
            .args(["queue", "resolve", "1", "--by", "maria", "--queue", q])
            .write_stdin("c\n")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("[c]onfirm"));
        assert!(String::from_utf8_lossy(&out.stdout).contains("confirmed by maria"));
        // An unclear answer, or none, decides nothing.
        for answer in ["approve\n", ""] {
            let out = chaff()
                .args(["queue", "resolve", "2", "--queue", q])
                .write_stdin(answer)
                .output()
                .unwrap();
            assert!(!out.status.success());
            assert!(String::from_utf8_lossy(&out.stderr).contains("--confirm or --dismiss"));
        }
        // The old words are gone, so no one records a decision backwards.
        let out = chaff()
            .args(["queue", "resolve", "2", "--approve", "--queue", q])
            .output()
            .unwrap();
        assert!(!out.status.success());

        // show: no webhook was ever set, so nothing is "pending, 0 attempts"; every body
        // line is indented.
        let out = chaff()
            .args(["queue", "show", "1", "--queue", q])
            .output()
            .unwrap();
        let shown = String::from_utf8(out.stdout).unwrap();
        assert!(!shown.contains("0 attempt"), "{shown}");
        assert!(shown.contains("webhook:    not sent yet"), "{shown}");
        let body: Vec<&str> = shown.split("body:\n").nth(1).unwrap().lines().collect();
        assert_eq!(
            body,
            [
                "  First paragraph.",
                "  ",
                "  Second paragraph.",
                "  Third line."
            ]
        );
    }

    #[test]
    fn decisions_are_exported_as_labels() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.db");
        let mut with_html = item(1);
        with_html.html =
            Some("<html><body><h1>T</h1><p>Body text of the page.</p></body></html>".into());
        let mut also = item(2);
        also.html = Some("<p>A fine page.</p>".into());
        let mut q = Queue::open(&path).unwrap();
        q.enqueue(&[with_html, also, item(3)]).unwrap();
        q.resolve(1, Decision::Confirm, "maria", Some("AP copy"))
            .unwrap();
        q.resolve(2, Decision::Dismiss, "maria", None).unwrap();
        q.resolve(3, Decision::Dismiss, "maria", None).unwrap();
        q.label_block(1, 0, false, "maria").unwrap();
        assert_eq!(
            q.html(1).unwrap().unwrap().len(),
            65,
            "kept HTML comes back whole"
        );
        drop(q);
        let file = dir.path().join("labels.jsonl");
        let out = Command::cargo_bin("chaff")
            .unwrap()
            .args([
                "queue",
                "export",
                "--labels",
                file.to_str().unwrap(),
                "--queue",
                path.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("1 decided items have no kept HTML"));
        let lines: Vec<serde_json::Value> = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            (lines[0]["farm"].as_bool(), lines[1]["farm"].as_bool()),
            (Some(true), Some(false))
        );
        assert_eq!(lines[0]["note"], "AP copy");
        // Block marks in chaff's training format: one label per block, the mark applied.
        let blocks = std::fs::read_to_string(dir.path().join("labels.jsonl.blocks.jsonl")).unwrap();
        let line: serde_json::Value = serde_json::from_str(blocks.lines().next().unwrap()).unwrap();
        let labels = line["labels"].as_array().unwrap();
        assert_eq!(labels.len(), 2, "h1 and p");
        assert_eq!(labels[0], false, "the moderator's mark");
        let parsed = chaff::datasets::jsonl::parse_line(blocks.lines().next().unwrap(), &file, 1);
        assert!(parsed.is_ok(), "chaff train reads it: {:?}", parsed.err());
    }

    #[test]
    fn pages_are_keyset_paged_in_every_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut q = Queue::open(dir.path().join("q.db")).unwrap();
        q.enqueue(&(1..=25).map(item).collect::<Vec<_>>()).unwrap();
        use chaff::moderation::{ItemFilter, Order};
        for order in [Order::Newest, Order::Oldest, Order::Score] {
            let mut seen = Vec::new();
            let mut after = None;
            loop {
                let p = q
                    .page(&ItemFilter {
                        order,
                        after,
                        limit: 10,
                        ..Default::default()
                    })
                    .unwrap();
                seen.extend(p.items.iter().map(|i| (i.id, i.score)));
                match p.next {
                    Some(n) => after = Some(n),
                    None => break,
                }
            }
            assert_eq!(seen.len(), 25, "{order:?}");
            let ids: std::collections::HashSet<i64> = seen.iter().map(|s| s.0).collect();
            assert_eq!(ids.len(), 25, "{order:?}: no item twice");
            if order == Order::Score {
                assert!(seen.windows(2).all(|w| w[0].1 >= w[1].1));
            }
        }
        let p = q
            .page(&ItemFilter {
                min_score: Some(0.9205),
                limit: 50,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(p.items.len(), 5, "scores 0.921..0.925");
    }
}
