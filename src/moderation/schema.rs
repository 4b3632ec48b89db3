//! The queue file's tables, and the checks that a file is a queue this chaff can read.
//!
//! `application_id` marks the file as a chaff queue; `user_version` is the schema version.
//! A newer or older schema is refused rather than guessed at.

use super::QueueError;
use rusqlite::Connection;
use std::path::Path;

/// 'chaf' in ASCII.
const APPLICATION_ID: i64 = 0x6368_6166;
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = r#"
CREATE TABLE items (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    source      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'approved', 'rejected')),
    score       REAL NOT NULL,
    reasons     TEXT NOT NULL,
    wire_match  TEXT,
    verdict     TEXT NOT NULL,
    title       TEXT,
    site        TEXT,
    body        TEXT NOT NULL,
    first_seen  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    seen_count  INTEGER NOT NULL DEFAULT 1,
    resolved_by TEXT,
    resolved_at INTEGER,
    note        TEXT,
    UNIQUE (url, body_hash)
);
CREATE INDEX items_status ON items (status, id);

CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES items (id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    by          TEXT NOT NULL,
    at          INTEGER NOT NULL,
    note        TEXT
);
CREATE INDEX history_item ON history (item_id, id);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL UNIQUE REFERENCES items (id),
    webhook_id      TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    response_status INTEGER,
    response_body   TEXT,
    delivered_at    INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
"#;

/// Set the connection up, create the tables in a new file, check them in an old one.
pub fn prepare(conn: &mut Connection, path: &Path) -> Result<(), QueueError> {
    let open_err = |source| QueueError::Open {
        path: path.to_path_buf(),
        source,
    };
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(open_err)?;
    // WAL: readers (a moderator listing) do not block the batch writing, and a commit is one
    // append. FULL sync: a committed batch survives a power cut, not only a kill -9.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(open_err)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(QueueError::NotAQueue {
            path: path.to_path_buf(),
            what: format!("cannot use WAL mode (journal mode stays {mode})"),
        });
    }
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
        .map_err(open_err)?;

    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(open_err)?;
    let tables: i64 = tx
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .map_err(open_err)?;
    let app_id: i64 = tx
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(open_err)?;
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(open_err)?;
    if tables == 0 && app_id == 0 {
        tx.execute_batch(SCHEMA).map_err(open_err)?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))
        .map_err(open_err)?;
        tx.commit().map_err(open_err)?;
        return Ok(());
    }
    if app_id != APPLICATION_ID {
        return Err(QueueError::NotAQueue {
            path: path.to_path_buf(),
            what: "an SQLite file made by something else".to_string(),
        });
    }
    if version != SCHEMA_VERSION {
        return Err(QueueError::SchemaVersion {
            path: path.to_path_buf(),
            found: version,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}
