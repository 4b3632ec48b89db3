//! The queue file's tables, and the checks that a file is a queue this chaff can read.
//!
//! `application_id` marks the file as a chaff queue; `user_version` is the schema version.
//! A newer or older schema is refused rather than guessed at.

use super::QueueError;
use rusqlite::Connection;
use std::path::Path;

/// 'chaf' in ASCII.
const APPLICATION_ID: i64 = 0x6368_6166;
/// 2: decisions say `confirmed`/`dismissed`; raw HTML kept; outbox rows per event; block
/// labels; columns and indexes for the moderator's filters. 1 was the first release.
pub const SCHEMA_VERSION: i64 = 2;

/// The items table and its indexes. The indexes serve the web list: every filter it offers
/// (status, site, agency, score) and every order (id, score) is a keyset walk down one
/// index, so a page of 50 costs the same with 100 or 100,000 items.
const ITEMS: &str = r#"
CREATE TABLE items (
    id          INTEGER PRIMARY KEY,
    url         TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    source      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'confirmed', 'dismissed')),
    score       REAL NOT NULL,
    reasons     TEXT NOT NULL,
    wire_match  TEXT,
    agency      TEXT,
    verdict     TEXT NOT NULL,
    title       TEXT,
    site        TEXT,
    body        TEXT NOT NULL,
    html        BLOB,
    first_seen  INTEGER NOT NULL,
    last_seen   INTEGER NOT NULL,
    seen_count  INTEGER NOT NULL DEFAULT 1,
    resolved_by TEXT,
    resolved_at INTEGER,
    note        TEXT,
    UNIQUE (url, body_hash)
);
CREATE INDEX items_status ON items (status, id);
CREATE INDEX items_status_score ON items (status, score, id);
CREATE INDEX items_score ON items (score, id);
CREATE INDEX items_site ON items (site, id);
CREATE INDEX items_agency ON items (agency, id);
"#;

const HISTORY: &str = r#"
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
"#;

/// One row per event to deliver: the item's creation, and each decision on it.
const OUTBOX: &str = r#"
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES items (id),
    event           TEXT NOT NULL DEFAULT 'moderation.item.created'
                    CHECK (event IN ('moderation.item.created', 'moderation.item.decided')),
    history_id      INTEGER REFERENCES history (id),
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
CREATE INDEX outbox_item ON outbox (item_id, id);
"#;

/// A moderator's mark on one block of an item's page: body or boilerplate.
const BLOCK_LABELS: &str = r#"
CREATE TABLE block_labels (
    item_id INTEGER NOT NULL REFERENCES items (id),
    block   INTEGER NOT NULL,
    body    INTEGER NOT NULL CHECK (body IN (0, 1)),
    by      TEXT NOT NULL,
    at      INTEGER NOT NULL,
    PRIMARY KEY (item_id, block)
) WITHOUT ROWID;
"#;

/// Version 1 to 2, in one transaction. SQLite cannot change a CHECK constraint in place, so
/// items and outbox are copied into new tables; the old decision words are translated on
/// the way (`approved` was "the flag was right", `rejected` "the flag was wrong").
/// (`legacy_alter_table`: renaming the old tables must not rewrite the history table's
/// reference to `items`, which is to point at the new one.)
const MIGRATE_1_TO_2: &str = r#"
PRAGMA legacy_alter_table = ON;
ALTER TABLE items RENAME TO items_v1;
ALTER TABLE outbox RENAME TO outbox_v1;
DROP INDEX IF EXISTS items_status;
DROP INDEX IF EXISTS outbox_due;
"#;

const COPY_1_TO_2: &str = r#"
INSERT INTO items (id, url, body_hash, source, status, score, reasons, wire_match, agency,
                   verdict, title, site, body, first_seen, last_seen, seen_count,
                   resolved_by, resolved_at, note)
SELECT id, url, body_hash, source,
       CASE status WHEN 'approved' THEN 'confirmed' WHEN 'rejected' THEN 'dismissed'
                   ELSE status END,
       score, reasons, wire_match, json_extract(wire_match, '$.agency'), verdict, title, site,
       body, first_seen, last_seen, seen_count, resolved_by, resolved_at, note
FROM items_v1;
INSERT INTO outbox (id, item_id, webhook_id, state, attempts, next_attempt_at, last_error,
                    response_status, response_body, delivered_at, created_at)
SELECT id, item_id, webhook_id, state, attempts, next_attempt_at, last_error,
       response_status, response_body, delivered_at, created_at
FROM outbox_v1;
UPDATE history SET
    from_status = CASE from_status WHEN 'approved' THEN 'confirmed'
                                   WHEN 'rejected' THEN 'dismissed' ELSE from_status END,
    to_status = CASE to_status WHEN 'approved' THEN 'confirmed'
                               WHEN 'rejected' THEN 'dismissed' ELSE to_status END;
DROP TABLE outbox_v1;
DROP TABLE items_v1;
PRAGMA legacy_alter_table = OFF;
"#;

fn open_err(path: &Path) -> impl Fn(rusqlite::Error) -> QueueError + '_ {
    move |error| QueueError::Open {
        path: path.to_path_buf(),
        error,
    }
}

/// Set a writable connection up: create the tables in a new file, migrate an old one,
/// check that it is a queue.
pub fn prepare(conn: &mut Connection, path: &Path) -> Result<(), QueueError> {
    let open_err = open_err(path);
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(&open_err)?;
    // WAL: readers (a moderator listing) do not block the batch writing, and a commit is one
    // append. FULL sync: a committed batch survives a power cut, not only a kill -9.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(&open_err)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(QueueError::NotAQueue {
            path: path.to_path_buf(),
            what: format!("cannot use WAL mode (journal mode stays {mode})"),
        });
    }
    // Foreign keys stay off while a migration copies tables (they are checked after it).
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF;")
        .map_err(&open_err)?;

    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(&open_err)?;
    let (tables, app_id, version) = identity(&tx).map_err(&open_err)?;
    if tables == 0 && app_id == 0 {
        for part in [ITEMS, HISTORY, OUTBOX, BLOCK_LABELS] {
            tx.execute_batch(part).map_err(&open_err)?;
        }
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
        ))
        .map_err(&open_err)?;
        tx.commit().map_err(&open_err)?;
    } else {
        check_identity(path, app_id, version)?;
        if version == 1 {
            migrate_1_to_2(&tx).map_err(&open_err)?;
            tx.commit().map_err(&open_err)?;
        } else {
            drop(tx);
        }
    }
    conn.execute_batch("PRAGMA foreign_keys = ON;")
        .map_err(&open_err)?;
    Ok(())
}

/// Check a connection opened read-only: a queue of this version, without writing a byte (no
/// journal mode change, no migration: an old file is refused with what to do).
pub fn check_read_only(conn: &Connection, path: &Path) -> Result<(), QueueError> {
    let open_err = open_err(path);
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(&open_err)?;
    let (_, app_id, version) = identity(conn).map_err(&open_err)?;
    check_identity(path, app_id, version)?;
    if version != SCHEMA_VERSION {
        return Err(QueueError::NeedsMigration {
            path: path.to_path_buf(),
            found: version,
        });
    }
    Ok(())
}

/// (tables, application_id, user_version) of an open file.
fn identity(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((tables, app_id, version))
}

fn check_identity(path: &Path, app_id: i64, version: i64) -> Result<(), QueueError> {
    if app_id != APPLICATION_ID {
        return Err(QueueError::NotAQueue {
            path: path.to_path_buf(),
            what: "an SQLite file made by something else".to_string(),
        });
    }
    if !(1..=SCHEMA_VERSION).contains(&version) {
        return Err(QueueError::SchemaVersion {
            path: path.to_path_buf(),
            found: version,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

fn migrate_1_to_2(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch(MIGRATE_1_TO_2)?;
    tx.execute_batch(ITEMS)?;
    tx.execute_batch(OUTBOX)?;
    tx.execute_batch(BLOCK_LABELS)?;
    tx.execute_batch(COPY_1_TO_2)?;
    let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if broken > 0 {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT),
            Some(format!("{broken} rows lost their item in the migration")),
        ));
    }
    tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION};"))
}
