//! The queue itself: enqueue flagged pages, list and read them, record decisions; and the
//! outbox, whose rows the webhook delivery reads and updates only through the methods here.

use super::{
    Counts, Decision, DeliveryState, Event, HistoryEntry, Item, NewItem, OutboxCounts, OutboxEntry,
    QueueError, Status, decided_webhook_id, now_ms, schema, webhook_id,
};
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior, params};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// An open moderation queue file.
pub struct Queue {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
}

/// How a list is sorted. Every order is a walk down one index (see `schema`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Newest first (highest id).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// Highest score first, newest first among equal scores.
    Score,
}

impl Order {
    pub fn parse(s: &str) -> Option<Order> {
        match s {
            "newest" => Some(Order::Newest),
            "oldest" => Some(Order::Oldest),
            "score" => Some(Order::Score),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Order::Newest => "newest",
            Order::Oldest => "oldest",
            Order::Score => "score",
        }
    }
}

/// Which items a list shows, in what order, from where.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemFilter {
    pub status: Option<Status>,
    /// Exact site name.
    pub site: Option<String>,
    /// Exact agency of the wire match (`AP`, `Reuters`, `AFP`).
    pub agency: Option<String>,
    /// Only items scoring at least this.
    pub min_score: Option<f32>,
    pub order: Order,
    /// Keyset pagination: the items after this one in `order` (the `next` of the last page).
    pub after: Option<i64>,
    /// Items per page (at least 1).
    pub limit: usize,
}

/// One line of a list: what a moderator scans, without the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemSummary {
    pub id: i64,
    pub url: String,
    pub status: Status,
    pub score: f32,
    pub title: Option<String>,
    pub site: Option<String>,
    pub agency: Option<String>,
    /// The wire story's id, when the body matched one.
    pub wire_id: Option<String>,
    /// The first reason's code.
    pub top_reason: Option<String>,
    #[serde(serialize_with = "super::time::ser_ms")]
    pub last_seen: i64,
}

/// A page of a list and where the next one starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemPage {
    pub items: Vec<ItemSummary>,
    /// Pass as `after` for the next page; `None` on the last.
    pub next: Option<i64>,
}

/// A due outbox row, as the delivery loop needs it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DueRow {
    pub row_id: i64,
    pub item_id: i64,
    pub event: Event,
    pub history_id: Option<i64>,
    pub webhook_id: String,
    pub attempts: i64,
}

/// A moderator's mark on one block of an item's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlockLabel {
    pub block: usize,
    pub body: bool,
    pub by: String,
    #[serde(serialize_with = "super::time::ser_ms")]
    pub at: i64,
}

const ITEM_COLUMNS: &str = "id, url, status, score, reasons, wire_match, title, site, source, \
     body_hash, first_seen, last_seen, seen_count, resolved_by, resolved_at, note, verdict, body";

impl Queue {
    /// Open a queue file, creating it (and its tables) when it does not exist, migrating an
    /// older schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Queue, QueueError> {
        let path = path.as_ref().to_path_buf();
        let mut conn = Connection::open(&path).map_err(|error| QueueError::Open {
            path: path.clone(),
            error,
        })?;
        schema::prepare(&mut conn, &path)?;
        Ok(Queue { conn, path })
    }

    /// Open an existing queue file for reading only: nothing is written, so a file the user
    /// may not write (or a copy on read-only media) can still be listed, shown and exported.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Queue, QueueError> {
        let path = path.as_ref().to_path_buf();
        match Self::open_reader(&path, false) {
            // A WAL file needs its shared-memory index (`-shm`) beside it, which a reader
            // who may not write the folder cannot create. Such a file, which this user
            // cannot change, is then read as immutable: without locks, so a writer with
            // more rights changing it meanwhile could be seen half-way; reading commands
            // on a file nobody is writing are what this is for.
            Err(QueueError::Open { error, .. })
                if matches!(
                    error.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
                ) =>
            {
                Self::open_reader(&path, true)
            }
            other => other,
        }
    }

    fn open_reader(path: &Path, immutable: bool) -> Result<Queue, QueueError> {
        let open_err = |error| QueueError::Open {
            path: path.to_path_buf(),
            error,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = if immutable {
            let uri = format!("file:{}?mode=ro&immutable=1", uri_path(path));
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        } else {
            Connection::open_with_flags(path, flags)
        }
        .map_err(open_err)?;
        schema::check_read_only(&conn, path)?;
        Ok(Queue {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The file this queue lives in.
    pub fn path(&self) -> &Path {
        &self.path
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
                                        title, site, body, first_seen, last_seen, agency, html)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)
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
                let agency = item.wire_match.as_ref().map(|w| w.agency.as_str());
                let html = item.html.as_deref().map(compress);
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
                        now,
                        agency,
                        html
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

    /// Record a moderator's decision, with who and when: the item, its history row and the
    /// outbox row of its `decided` event are one transaction, so a crash keeps all or none.
    ///
    /// A decision can be changed later (the history keeps both); giving the same decision
    /// twice is refused, so that a double click (or two moderators at once) does not read as
    /// two reviews: of two requests deciding one pending item, exactly one wins.
    pub fn resolve(
        &mut self,
        id: i64,
        decision: Decision,
        who: &str,
        note: Option<&str>,
    ) -> Result<Item, QueueError> {
        self.decide(id, decision, who, note, |_| true)
    }

    /// Like [`Queue::resolve`], but only a pending item can be decided: the web UI's rule,
    /// where a second moderator must see the first one's decision rather than overwrite it.
    pub fn decide_pending(
        &mut self,
        id: i64,
        decision: Decision,
        who: &str,
        note: Option<&str>,
    ) -> Result<Item, QueueError> {
        self.decide(id, decision, who, note, |from| from == Status::Pending)
    }

    fn decide(
        &mut self,
        id: i64,
        decision: Decision,
        who: &str,
        note: Option<&str>,
        allowed_from: impl Fn(Status) -> bool,
    ) -> Result<Item, QueueError> {
        let db = db_err(&self.path);
        let to = decision.status();
        let now = now_ms();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let row: Option<(String, String, String)> = tx
            .query_row(
                "SELECT status, url, body_hash FROM items WHERE id = ?1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(db)?;
        let (from, url, hash) = row.ok_or(QueueError::NotFound(id))?;
        let from = Status::parse(&from).unwrap_or(Status::Pending);
        if from == to || !allowed_from(from) {
            return Err(QueueError::AlreadyResolved { id, status: from });
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
            params![id, from.as_str(), to.as_str(), who, now, note],
        )
        .map_err(db)?;
        let history_id = tx.last_insert_rowid();
        let decisions: i64 = tx
            .query_row(
                "SELECT count(*) FROM history WHERE item_id = ?1 AND from_status IS NOT NULL",
                params![id],
                |r| r.get(0),
            )
            .map_err(db)?;
        tx.execute(
            "INSERT INTO outbox (item_id, event, history_id, webhook_id, next_attempt_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                id,
                Event::Decided.as_str(),
                history_id,
                decided_webhook_id(&url, &hash, decisions),
                now
            ],
        )
        .map_err(db)?;
        tx.commit().map_err(db)?;
        self.get(id)
    }

    /// A page of items: filtered, sorted and paged by keyset (`after` the last id seen), so
    /// that the 2,000th page costs what the first does.
    pub fn page(&self, filter: &ItemFilter) -> Result<ItemPage, QueueError> {
        let mut conds: Vec<&str> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(s) = filter.status {
            conds.push("status = ?");
            args.push(Value::Text(s.as_str().to_string()));
        }
        if let Some(s) = &filter.site {
            conds.push("site = ?");
            args.push(Value::Text(s.clone()));
        }
        if let Some(a) = &filter.agency {
            conds.push("agency = ?");
            args.push(Value::Text(a.clone()));
        }
        if let Some(m) = filter.min_score {
            conds.push("score >= ?");
            args.push(Value::Real(f64::from(m)));
        }
        if let Some(after) = filter.after {
            match filter.order {
                Order::Newest => conds.push("id < ?"),
                Order::Oldest => conds.push("id > ?"),
                Order::Score => {
                    conds.push("(score, id) < ((SELECT score FROM items WHERE id = ?), ?)");
                    args.push(Value::Integer(after));
                }
            }
            args.push(Value::Integer(after));
        }
        let order = match filter.order {
            Order::Newest => "id DESC",
            Order::Oldest => "id",
            Order::Score => "score DESC, id DESC",
        };
        let limit = filter.limit.max(1);
        // Only the filters given are in the SQL: `(? IS NULL OR site = ?)` would keep SQLite
        // from using the indexes.
        let sql = format!(
            "SELECT id, url, status, score, title, site, agency, wire_match, reasons, last_seen
             FROM items {} ORDER BY {order} LIMIT {}",
            if conds.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", conds.join(" AND "))
            },
            limit + 1
        );
        let mut stmt = self.db(self.conn.prepare_cached(&sql))?;
        let rows = self.db(stmt.query_map(rusqlite::params_from_iter(args), |r| {
            let status: String = r.get(2)?;
            let wire: Option<String> = r.get(7)?;
            let reasons: String = r.get(8)?;
            Ok(ItemSummary {
                id: r.get(0)?,
                url: r.get(1)?,
                status: Status::parse(&status).unwrap_or(Status::Pending),
                score: r.get::<_, f64>(3)? as f32,
                title: r.get(4)?,
                site: r.get(5)?,
                agency: r.get(6)?,
                wire_id: wire.and_then(|w| {
                    serde_json::from_str::<serde_json::Value>(&w)
                        .ok()
                        .and_then(|v| v["id"].as_str().map(str::to_string))
                }),
                top_reason: serde_json::from_str::<serde_json::Value>(&reasons)
                    .ok()
                    .and_then(|v| v[0]["code"].as_str().map(str::to_string)),
                last_seen: r.get(9)?,
            })
        }))?;
        let mut items: Vec<ItemSummary> = self.db(rows.collect())?;
        let next = if items.len() > limit {
            items.truncate(limit);
            items.last().map(|i| i.id)
        } else {
            None
        };
        Ok(ItemPage { items, next })
    }

    /// How many items have each status.
    pub fn status_counts(&self) -> Result<Vec<(Status, u64)>, QueueError> {
        let mut out = Vec::new();
        for s in Status::ALL {
            let n: i64 = self.db(self.conn.query_row(
                "SELECT count(*) FROM items WHERE status = ?1",
                params![s.as_str()],
                |r| r.get(0),
            ))?;
            out.push((s, n as u64));
        }
        Ok(out)
    }

    /// The page's raw HTML, when the run kept it.
    pub fn html(&self, id: i64) -> Result<Option<String>, QueueError> {
        let blob: Option<Option<Vec<u8>>> = self.db(self
            .conn
            .query_row("SELECT html FROM items WHERE id = ?1", params![id], |r| {
                r.get(0)
            })
            .optional())?;
        match blob {
            None => Err(QueueError::NotFound(id)),
            Some(None) => Ok(None),
            Some(Some(bytes)) => decompress(&bytes).map(Some).map_err(|e| QueueError::Json {
                path: self.path.clone(),
                id,
                source: serde_json::Error::io(e),
            }),
        }
    }

    /// Record a moderator's mark on block `block` of item `id`'s page (a later mark replaces
    /// an earlier one).
    pub fn label_block(
        &mut self,
        id: i64,
        block: usize,
        body: bool,
        who: &str,
    ) -> Result<(), QueueError> {
        self.get(id)?;
        self.db(self.conn.execute(
            "INSERT INTO block_labels (item_id, block, body, by, at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (item_id, block) DO UPDATE SET body = ?3, by = ?4, at = ?5",
            params![id, block as i64, body, who, now_ms()],
        ))?;
        Ok(())
    }

    /// The moderators' block marks on an item, by block index.
    pub fn block_labels(&self, id: i64) -> Result<Vec<BlockLabel>, QueueError> {
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT block, body, by, at FROM block_labels WHERE item_id = ?1 ORDER BY block",
        ))?;
        let rows = self.db(stmt.query_map(params![id], |r| {
            Ok(BlockLabel {
                block: r.get::<_, i64>(0)? as usize,
                body: r.get(1)?,
                by: r.get(2)?,
                at: r.get(3)?,
            })
        }))?;
        self.db(rows.collect())
    }

    /// Ids of items with at least one block mark.
    pub fn labelled_items(&self) -> Result<Vec<i64>, QueueError> {
        let mut stmt = self.db(self
            .conn
            .prepare("SELECT DISTINCT item_id FROM block_labels ORDER BY item_id"))?;
        let rows = self.db(stmt.query_map([], |r| r.get(0)))?;
        self.db(rows.collect())
    }

    /// Every status change of an item, oldest first, creation included.
    pub fn history(&self, id: i64) -> Result<Vec<HistoryEntry>, QueueError> {
        let mut stmt = self.db(self.conn.prepare(
            "SELECT item_id, from_status, to_status, by, at, note FROM history
             WHERE item_id = ?1 ORDER BY id",
        ))?;
        let rows = self.db(stmt.query_map(params![id], history_from_row))?;
        self.db(rows.collect())
    }

    /// The outbox row of an item's creation (every item has one).
    pub fn outbox_entry(&self, item_id: i64) -> Result<Option<OutboxEntry>, QueueError> {
        Ok(self
            .outbox_entries(item_id)?
            .into_iter()
            .find(|e| e.event == Event::Created))
    }

    /// Every outbox row of an item, oldest first: its creation, then each decision.
    pub fn outbox_entries(&self, item_id: i64) -> Result<Vec<OutboxEntry>, QueueError> {
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT item_id, event, webhook_id, state, attempts, next_attempt_at, last_error,
                    response_status, response_body, delivered_at
             FROM outbox WHERE item_id = ?1 ORDER BY id",
        ))?;
        let rows = self.db(stmt.query_map(params![item_id], |r| {
            let event: String = r.get(1)?;
            let state: String = r.get(3)?;
            Ok(OutboxEntry {
                item_id: r.get(0)?,
                event: Event::parse(&event),
                webhook_id: r.get(2)?,
                state: DeliveryState::parse(&state),
                attempts: r.get(4)?,
                next_attempt_at: r.get(5)?,
                last_error: r.get(6)?,
                response_status: r.get(7)?,
                response_body: r.get(8)?,
                delivered_at: r.get(9)?,
            })
        }))?;
        self.db(rows.collect())
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

    /// Pending rows due at `now` after row `cursor`, in creation order, at most 200.
    pub(super) fn due_rows(&self, now: i64, cursor: i64) -> Result<Vec<DueRow>, QueueError> {
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT id, item_id, event, history_id, webhook_id, attempts FROM outbox
             WHERE state = 'pending' AND next_attempt_at <= ?1 AND id > ?2
             ORDER BY id LIMIT 200",
        ))?;
        let rows = self.db(stmt.query_map(params![now, cursor], |r| {
            let event: String = r.get(2)?;
            Ok(DueRow {
                row_id: r.get(0)?,
                item_id: r.get(1)?,
                event: Event::parse(&event),
                history_id: r.get(3)?,
                webhook_id: r.get(4)?,
                attempts: r.get(5)?,
            })
        }))?;
        self.db(rows.collect())
    }

    /// The history row a `decided` event announces.
    pub(super) fn history_entry(&self, history_id: i64) -> Result<HistoryEntry, QueueError> {
        let mut stmt = self.db(self.conn.prepare_cached(
            "SELECT item_id, from_status, to_status, by, at, note FROM history WHERE id = ?1",
        ))?;
        self.db(stmt.query_row(params![history_id], history_from_row))
    }

    /// The receiver took the row's event.
    pub(super) fn mark_delivered(
        &self,
        row_id: i64,
        attempts: i64,
        status: u16,
    ) -> Result<(), QueueError> {
        self.db(self.conn.execute(
            "UPDATE outbox SET state = 'delivered', attempts = ?2, delivered_at = ?3,
                    response_status = ?4, last_error = NULL
             WHERE id = ?1",
            params![row_id, attempts, now_ms(), status],
        ))?;
        Ok(())
    }

    /// Given up on the row: the receiver refused it (its answer kept), or too many attempts.
    pub(super) fn mark_failed(
        &self,
        row_id: i64,
        attempts: i64,
        error: &str,
        response: Option<(u16, &str)>,
    ) -> Result<(), QueueError> {
        self.db(self.conn.execute(
            "UPDATE outbox SET state = 'failed', attempts = ?2, last_error = ?3,
                    response_status = coalesce(?4, response_status),
                    response_body = coalesce(?5, response_body)
             WHERE id = ?1",
            params![
                row_id,
                attempts,
                error,
                response.map(|r| r.0),
                response.map(|r| r.1)
            ],
        ))?;
        Ok(())
    }

    /// Try the row again at `at` (unix ms).
    pub(super) fn schedule_retry(
        &self,
        row_id: i64,
        attempts: i64,
        error: &str,
        at: i64,
    ) -> Result<(), QueueError> {
        self.db(self.conn.execute(
            "UPDATE outbox SET attempts = ?2, last_error = ?3, next_attempt_at = ?4
             WHERE id = ?1",
            params![row_id, attempts, error, at],
        ))?;
        Ok(())
    }

    /// Hold every pending row until at least `until` (the receiver, not a row, is down).
    pub(super) fn hold_pending_until(&self, until: i64) -> Result<(), QueueError> {
        self.db(self.conn.execute(
            "UPDATE outbox SET next_attempt_at = ?1
             WHERE state = 'pending' AND next_attempt_at < ?1",
            params![until],
        ))?;
        Ok(())
    }

    /// When the earliest pending row is due.
    pub(super) fn next_due(&self) -> Result<Option<i64>, QueueError> {
        self.db(self.conn.query_row(
            "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'",
            [],
            |r| r.get(0),
        ))
    }

    /// Put failed deliveries back in line, attempts reset: for when the receiver was fixed.
    pub fn requeue_failed(&mut self) -> Result<u64, QueueError> {
        let n = self.db(self.conn.execute(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?1
             WHERE state = 'failed'",
            params![now_ms()],
        ))?;
        Ok(n as u64)
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

fn history_from_row(r: &Row) -> rusqlite::Result<HistoryEntry> {
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
}

/// A file path as the path of a `file:` URI: the characters a URI gives meaning to escaped.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    abs.to_string_lossy()
        .chars()
        .map(|c| match c {
            '%' | '?' | '#' | ' ' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Raw HTML as stored: deflate (zlib), which takes a news page to about a fifth.
fn compress(html: &str) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(html.as_bytes()).expect("writing to memory");
    z.finish().expect("writing to memory")
}

fn decompress(bytes: &[u8]) -> std::io::Result<String> {
    let mut out = String::new();
    flate2::read::ZlibDecoder::new(bytes).read_to_string(&mut out)?;
    Ok(out)
}

/// Wrap a database error with the queue file it came from.
fn db_err(path: &Path) -> impl Fn(rusqlite::Error) -> QueueError + Copy + '_ {
    move |source| QueueError::Db {
        path: path.to_path_buf(),
        source,
    }
}
