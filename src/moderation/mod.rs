//! Moderation: flagged pages wait here for a person's decision, and go out to a webhook.
//!
//! The queue is one SQLite file (WAL mode) so that a moderator needs no server and a crash
//! loses nothing committed: items, their history and the outbox of webhook deliveries live
//! in the same file and are written in the same transaction. An item is one
//! (canonical URL, body hash) pair; seeing it again only moves `last_seen`. This module knows
//! nothing of HTML: it stores what the verdict said.
//!
//! How a batch run uses it (`chaff score --moderate --webhook`): collect flagged pages into
//! [`NewItem`]s and call [`Queue::enqueue`] once per batch (tens to hundreds of items: each
//! call is one transaction and one fsync); between batches, [`Queue::deliver`] with
//! `wait_for_retries: 0` sends what is due without blocking the run; at the end, one more
//! `deliver` with a wait. A run killed at any point leaves every committed item with its
//! outbox row, and the next run (or `chaff queue deliver`) sends what is left, under the
//! same `webhook-id`.

mod labels;
mod queue;
mod schema;
mod sink;
mod time;
mod webhook;

use crate::verdict::{Reason, WireMatch};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub use labels::{LabelCounts, PageLabel, blocks_path, export_labels};
pub use queue::{BlockLabel, ItemFilter, ItemPage, ItemSummary, Order, Queue};
pub use sink::Sink;
pub use time::{now_ms, rfc3339};
pub use webhook::{
    Courier, DeliveryOptions, DeliveryReport, RetryPolicy, WebhookSecret, check_url,
    decided_webhook_id, webhook_id,
};

/// The default queue file, in the current folder.
pub const DEFAULT_QUEUE_FILE: &str = "chaff-moderation.db";

#[cfg(test)]
mod tests {
    #[test]
    fn the_queue_can_move_to_a_writer_thread() {
        fn send<T: Send>() {}
        send::<super::Queue>();
        send::<super::NewItem>();
    }
}

/// Where an item stands with the moderators. The words say what the page *is*, so that no
/// one reads them backwards: `confirmed` means the flag was right (a farm copy), `dismissed`
/// that it was wrong. (Schema version 1 said `approved` and `rejected`, which both read
/// either way; opening such a file migrates it, see `schema`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Waiting for a moderator.
    Pending,
    /// A moderator confirmed the flag: the page is a scraper-farm copy.
    Confirmed,
    /// A moderator dismissed the flag: the page is fine.
    Dismissed,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pending, Status::Confirmed, Status::Dismissed];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Confirmed => "confirmed",
            Status::Dismissed => "dismissed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A moderator's decision on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// The flag was right: the page is a farm copy.
    Confirm,
    /// The flag was wrong: the page is fine.
    Dismiss,
}

impl Decision {
    pub fn status(self) -> Status {
        match self {
            Decision::Confirm => Status::Confirmed,
            Decision::Dismiss => Status::Dismissed,
        }
    }

    /// `confirm` or `dismiss`, as the CLI and the JSON API spell them.
    pub fn parse(s: &str) -> Option<Decision> {
        match s {
            "confirm" => Some(Decision::Confirm),
            "dismiss" => Some(Decision::Dismiss),
            _ => None,
        }
    }
}

/// What an outbox row announces to the webhook receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Event {
    /// A flagged page entered the queue.
    #[serde(rename = "moderation.item.created")]
    Created,
    /// A moderator decided on an item.
    #[serde(rename = "moderation.item.decided")]
    Decided,
}

impl Event {
    /// The stored name, which is also the payload's `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Created => "moderation.item.created",
            Event::Decided => "moderation.item.decided",
        }
    }

    fn parse(s: &str) -> Event {
        match s {
            "moderation.item.decided" => Event::Decided,
            _ => Event::Created,
        }
    }
}

/// A flagged page to put in the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewItem {
    /// Canonical URL of the page (or its source when it has none): half of the item's key.
    pub url: String,
    /// Hash of the page body (see [`body_hash`]): the other half of the key.
    pub body_hash: String,
    /// Where the page was read (`path` or `path#offset`).
    pub source: String,
    pub score: f32,
    pub reasons: Vec<Reason>,
    pub wire_match: Option<WireMatch>,
    /// The whole verdict, as JSON, for whoever needs more than the fields above.
    pub verdict: serde_json::Value,
    pub title: Option<String>,
    pub site: Option<String>,
    pub body: String,
    /// The page as it was read, kept (compressed) so that a decision can become a training
    /// label later; `None` when the run was told `--no-keep-html`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
}

/// A stable hash of a page body for the item key: 128-bit xxh3, hex.
pub fn body_hash(body: &str) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(body.as_bytes()))
}

/// An item as stored. Times are unix milliseconds, written as RFC 3339 in JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub id: i64,
    pub url: String,
    pub status: Status,
    pub score: f32,
    pub reasons: Vec<Reason>,
    pub wire_match: Option<WireMatch>,
    pub title: Option<String>,
    pub site: Option<String>,
    pub source: String,
    pub body_hash: String,
    /// The receiver's idempotency key for this item (`webhook-id` header).
    pub webhook_id: String,
    #[serde(serialize_with = "time::ser_ms")]
    pub first_seen: i64,
    #[serde(serialize_with = "time::ser_ms")]
    pub last_seen: i64,
    /// How many times a batch has sent this same page.
    pub seen_count: i64,
    pub resolved_by: Option<String>,
    #[serde(serialize_with = "time::ser_opt_ms")]
    pub resolved_at: Option<i64>,
    pub note: Option<String>,
    pub verdict: serde_json::Value,
    pub body: String,
}

/// One status change of an item, creation included (`from` is then `None`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    pub item_id: i64,
    pub from: Option<Status>,
    pub to: Status,
    pub by: String,
    #[serde(serialize_with = "time::ser_ms")]
    pub at: i64,
    pub note: Option<String>,
}

/// What one `enqueue` call did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// New items (each with its outbox row).
    pub added: u64,
    /// Items already there whose `last_seen` moved.
    pub updated: u64,
}

/// Where an item's webhook delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeliveryState {
    /// Not delivered yet; tried again at `next_attempt_at`.
    Pending,
    /// A 2xx answer was received.
    Delivered,
    /// Given up: a 4xx answer (other than 408/429), or too many attempts.
    Failed,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> DeliveryState {
        match s {
            "delivered" => DeliveryState::Delivered,
            "failed" => DeliveryState::Failed,
            _ => DeliveryState::Pending,
        }
    }
}

/// A row in the outbox: one event of one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxEntry {
    pub item_id: i64,
    pub event: Event,
    pub webhook_id: String,
    pub state: DeliveryState,
    pub attempts: i64,
    #[serde(serialize_with = "time::ser_ms")]
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub response_status: Option<i64>,
    pub response_body: Option<String>,
    #[serde(serialize_with = "time::ser_opt_ms")]
    pub delivered_at: Option<i64>,
}

/// Outbox rows by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OutboxCounts {
    pub pending: u64,
    pub delivered: u64,
    pub failed: u64,
}

/// What to do about a queue file this user may only read.
fn read_only_hint(e: &rusqlite::Error) -> &'static str {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ReadOnly) => {
            " (the file or its folder is read-only: list, show and export still work; \
             resolve, deliver, serve and score --moderate need write access)"
        }
        _ => "",
    }
}

/// Everything that can go wrong with the queue, naming the file or the item.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    /// (The database error is in the message, not chained as a source: rusqlite's error
    /// repeats its own text in its source, which printed the same words three times.)
    #[error(
        "{path}: cannot open the moderation queue: {error}{}",
        read_only_hint(error)
    )]
    Open {
        path: PathBuf,
        error: rusqlite::Error,
    },
    #[error("{path}: not a chaff moderation queue ({what})")]
    NotAQueue { path: PathBuf, what: String },
    #[error("{path}: queue schema version {found}, this chaff reads versions up to {expected}")]
    SchemaVersion {
        path: PathBuf,
        found: i64,
        expected: i64,
    },
    #[error(
        "{path}: queue schema version {found} must be migrated first; run any chaff queue \
         command with write access to the file once"
    )]
    NeedsMigration { path: PathBuf, found: i64 },
    #[error("{path}: {source}")]
    Db {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: item {id} has corrupt stored JSON: {source}")]
    Json {
        path: PathBuf,
        id: i64,
        #[source]
        source: serde_json::Error,
    },
    #[error("no queue item with id {0}")]
    NotFound(i64),
    #[error("item {id} is already {status}")]
    AlreadyResolved { id: i64, status: Status },
    #[error("bad webhook secret: {0}")]
    Secret(String),
    #[error("bad webhook URL {url:?}: {what}")]
    Url { url: String, what: String },
    #[error("writing the export: {0}")]
    Write(#[from] std::io::Error),
}
