//! The queue itself: enqueue flagged pages, list and read them, record decisions.

use super::{
    Counts, Decision, DeliveryState, HistoryEntry, Item, NewItem, OutboxCounts, OutboxEntry,
    QueueError, Status, now_ms, schema, webhook_id,
};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use std::io::Write;
use std::path::{Path, PathBuf};

/// An open moderation queue file.
pub struct Queue {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

const ITEM_COLUMNS: &str = "id, url, status, score, reasons, wire_match, title, site, source, \
     body_hash, first_seen, last_seen, seen_count, resolved_by, resolved_at, note, verdict, body";

impl Queue {
    /// Open a queue file, creating it (and its tables) when it does not exist.
    pub fn open(path: impl AsRef<Path>) -> Result<Queue, QueueError> {
        let path = path.as_ref().to_path_buf();
        let mut conn = Connection::open(&path).map_err(|source| QueueError::Open {
            path: path.clone(),
            source,
        })?;
        schema::prepare(&mut conn, &path)?;
        Ok(Queue { conn, path })
    }

    pub(super) fn db<T>(&self, r: rusqlite::Result<T>) -> Result<T, QueueError> {
        r.map_err(db_err(&self.path))
    }

    /// Put a batch of flagged pages in the queue, all in one transaction.
    ///
    /// A page not seen before becomes a `pending` item with a history entry and an outbox row
    /// (so its webhook delivery cannot be lost by a crash between the two). A page already
    /// there, same URL and same body hash, only has its `last_seen` moved: re-running a batch
    /// adds nothing.
    pub fn enqueue(&mut self, items: &[NewItem]) -> Result<Counts, QueueError> {
        let db = db_err(&self.path);
        let now = now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let mut counts = Counts::default();
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO items (url, body_hash, source, score, reasons, wire_match, verdict,
                                        title, site, body, first_seen, last_seen)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
                     ON CONFLICT (url, body_hash) DO NOTHING",
                )
                .map_err(db)?;
            let mut seen = tx
                .prepare_cached(
                    "UPDATE items SET last_seen = max(last_seen, ?3), seen_count = seen_count + 1
                     WHERE url = ?1 AND body_hash = ?2",
                )
                .map_err(db)?;
            let mut history = tx
                .prepare_cached(
                    "INSERT INTO history (item_id, from_status, to_status, by, at)
                     VALUES (?1, NULL, 'pending', 'chaff', ?2)",
                )
                .map_err(db)?;
            let mut outbox = tx
                .prepare_cached(
                    "INSERT INTO outbox (item_id, webhook_id, next_attempt_at, created_at)
                     VALUES (?1, ?2, ?3, ?3)",
                )
                .map_err(db)?;
            for item in items {
                let reasons = serde_json::to_string(&item.reasons).unwrap_or_else(|_| "[]".into());
                let wire = item
                    .wire_match
                    .as_ref()
                    .and_then(|w| serde_json::to_string(w).ok());
                let verdict = item.verdict.to_string();
                let n = insert
                    .execute(params![
                        item.url,
                        item.body_hash,
                        item.source,
                        f64::from(item.score),
                        reasons,
                        wire,
                        verdict,
                        item.title,
                        item.site,
                        item.body,
                        now
                    ])
                    .map_err(db)?;
                if n == 1 {
                    let id = tx.last_insert_rowid();
                    history.execute(params![id, now]).map_err(db)?;
                    outbox
                        .execute(params![id, webhook_id(&item.url, &item.body_hash), now])
                        .map_err(db)?;
                    counts.added += 1;
                } else {
                    seen.execute(params![item.url, item.body_hash, now])
                        .map_err(db)?;
                    counts.updated += 1;
                }
            }
        }
        tx.commit().map_err(db)?;
        Ok(counts)
    }

    /// Items, oldest first, all or those with one status.
    pub fn list(&self, status: Option<Status>) -> Result<Vec<Item>, QueueError> {
        let mut out = Vec::new();
        self.each_item(status, |item| {
            out.push(item);
            Ok(())
        })?;
        Ok(out)
    }

    /// Items, all or those with one status, as one JSON line each, streamed: a big queue is
    /// never all in memory.
    pub fn export_jsonl(
        &self,
        status: Option<Status>,
        mut out: impl Write,
    ) -> Result<u64, QueueError> {
        let mut n = 0;
        self.each_item(status, |item| {
            serde_json::to_writer(&mut out, &item).map_err(std::io::Error::other)?;
            out.write_all(b"\n")?;
            n += 1;
            Ok(())
        })?;
        out.flush()?;
        Ok(n)
    }

    /// Call `f` on each item in id order, one row in memory at a time.
    pub fn each_item(
        &self,
        status: Option<Status>,
        mut f: impl FnMut(Item) -> Result<(), QueueError>,
    ) -> Result<(), QueueError> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE (?1 IS NULL OR status = ?1) ORDER BY id"
        );
        let mut stmt = self.db(self.conn.prepare(&sql))?;
        let mut rows = self.db(stmt.query(params![status.map(Status::as_str)]))?;
        while let Some(row) = self.db(rows.next())? {
            f(self.item_from_row(row)?)?;
        }
        Ok(())
    }

    /// One item, or `NotFound`.
    pub fn get(&self, id: i64) -> Result<Item, QueueError> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE id = ?1");
        let mut stmt = self.db(self.conn.prepare(&sql))?;
        let mut rows = self.db(stmt.query(params![id]))?;
        match self.db(rows.next())? {
            Some(row) => self.item_from_row(row),
            None => Err(QueueError::NotFound(id)),
        }
    }

    /// Record a moderator's decision, with who and when, in the item and its history.
    ///
    /// A decision can be changed later (the history keeps both); giving the same decision
    /// twice is refused, so that a double click does not read as two reviews.
    pub fn resolve(
        &mut self,
        id: i64,
        decision: Decision,
        who: &str,
        note: Option<&str>,
    ) -> Result<Item, QueueError> {
        let db = db_err(&self.path);
        let to = decision.status();
        let now = now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let from: Option<String> = tx
            .query_row("SELECT status FROM items WHERE id = ?1", params![id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db)?;
        let from = from.ok_or(QueueError::NotFound(id))?;
        if from == to.as_str() {
            return Err(QueueError::AlreadyResolved { id, status: to });
        }
        tx.execute(
            "UPDATE items SET status = ?2, resolved_by = ?3, resolved_at = ?4, note = ?5
             WHERE id = ?1",
            params![id, to.as_str(), who, now, note],
        )
        .map_err(db)?;
        tx.execute(
            "INSERT INTO history (item_id, from_status, to_status, by, at, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, from, to.as_str(), who, now, note],
        )
        .map_err(db)?;
        tx.commit().map_err(db)?;
        self.get(id)
    }

    /// Every status change of an item, oldest first, creation included.
    pub fn history(&self, id: i64) -> Result<Vec<HistoryEntry>, QueueError> {
        let mut stmt = self.db(self.conn.prepare(
            "SELECT item_id, from_status, to_status, by, at, note FROM history
             WHERE item_id = ?1 ORDER BY id",
        ))?;
        let rows = self.db(stmt.query_map(params![id], |r| {
            let from: Option<String> = r.get(1)?;
            let to: String = r.get(2)?;
            Ok(HistoryEntry {
                item_id: r.get(0)?,
                from: from.as_deref().and_then(Status::parse),
                to: Status::parse(&to).unwrap_or(Status::Pending),
                by: r.get(3)?,
                at: r.get(4)?,
                note: r.get(5)?,
            })
        }))?;
        self.db(rows.collect())
    }

    /// The outbox row of an item (every item has one).
    pub fn outbox_entry(&self, item_id: i64) -> Result<Option<OutboxEntry>, QueueError> {
        self.db(self
            .conn
            .query_row(
                "SELECT item_id, webhook_id, state, attempts, next_attempt_at, last_error,
                            response_status, response_body, delivered_at
                     FROM outbox WHERE item_id = ?1",
                params![item_id],
                |r| {
                    let state: String = r.get(2)?;
                    Ok(OutboxEntry {
                        item_id: r.get(0)?,
                        webhook_id: r.get(1)?,
                        state: DeliveryState::parse(&state),
                        attempts: r.get(3)?,
                        next_attempt_at: r.get(4)?,
                        last_error: r.get(5)?,
                        response_status: r.get(6)?,
                        response_body: r.get(7)?,
                        delivered_at: r.get(8)?,
                    })
                },
            )
            .optional())
    }

    /// How many outbox rows are pending, delivered, failed.
    pub fn outbox_counts(&self) -> Result<OutboxCounts, QueueError> {
        let mut counts = OutboxCounts::default();
        let mut stmt = self.db(self
            .conn
            .prepare("SELECT state, count(*) FROM outbox GROUP BY state"))?;
        let rows =
            self.db(stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))))?;
        for row in rows {
            let (state, n) = self.db(row)?;
            match DeliveryState::parse(&state) {
                DeliveryState::Pending => counts.pending = n as u64,
                DeliveryState::Delivered => counts.delivered = n as u64,
                DeliveryState::Failed => counts.failed = n as u64,
            }
        }
        Ok(counts)
    }

    fn item_from_row(&self, r: &Row) -> Result<Item, QueueError> {
        let item = (|| -> rusqlite::Result<_> {
            let status: String = r.get(2)?;
            let score: f64 = r.get(3)?;
            Ok((
                Item {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    status: Status::parse(&status).unwrap_or(Status::Pending),
                    score: score as f32,
                    reasons: Vec::new(),
                    wire_match: None,
                    title: r.get(6)?,
                    site: r.get(7)?,
                    source: r.get(8)?,
                    body_hash: r.get(9)?,
                    webhook_id: String::new(),
                    first_seen: r.get(10)?,
                    last_seen: r.get(11)?,
                    seen_count: r.get(12)?,
                    resolved_by: r.get(13)?,
                    resolved_at: r.get(14)?,
                    note: r.get(15)?,
                    verdict: serde_json::Value::Null,
                    body: r.get(17)?,
                },
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(16)?,
            ))
        })();
        let (mut item, reasons, wire, verdict) = self.db(item)?;
        let json_err = |source| QueueError::Json {
            path: self.path.clone(),
            id: item.id,
            source,
        };
        item.reasons = serde_json::from_str(&reasons).map_err(json_err)?;
        item.wire_match = match wire {
            Some(w) => Some(serde_json::from_str(&w).map_err(json_err)?),
            None => None,
        };
        item.verdict = serde_json::from_str(&verdict).map_err(json_err)?;
        item.webhook_id = webhook_id(&item.url, &item.body_hash);
        Ok(item)
    }
}

/// Wrap a database error with the queue file it came from.
fn db_err(path: &Path) -> impl Fn(rusqlite::Error) -> QueueError + Copy + '_ {
    move |source| QueueError::Db {
        path: path.to_path_buf(),
        source,
    }
}
