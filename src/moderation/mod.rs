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

mod queue;
mod schema;
mod sink;
mod time;
mod webhook;

use crate::verdict::{Reason, WireMatch};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub use queue::Queue;
pub use sink::{Sink, Webhook};
pub use time::{now_ms, rfc3339};
pub use webhook::{DeliveryOptions, DeliveryReport, WebhookSecret, check_url, webhook_id};

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

/// Where an item stands with the moderators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pending,
    Approved,
    Rejected,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "pending" => Some(Status::Pending),
            "approved" => Some(Status::Approved),
            "rejected" => Some(Status::Rejected),
            _ => None,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A moderator's decision on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The flag was right: the page is a farm copy.
    Approve,
    /// The flag was wrong: the page is fine.
    Reject,
}

impl Decision {
    pub fn status(self) -> Status {
        match self {
            Decision::Approve => Status::Approved,
            Decision::Reject => Status::Rejected,
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

/// An item's row in the outbox.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxEntry {
    pub item_id: i64,
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

/// Everything that can go wrong with the queue, naming the file or the item.
#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("{path}: cannot open the moderation queue: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: not a chaff moderation queue ({what})")]
    NotAQueue { path: PathBuf, what: String },
    #[error("{path}: queue schema version {found}, this chaff reads version {expected}")]
    SchemaVersion {
        path: PathBuf,
        found: i64,
        expected: i64,
    },
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
