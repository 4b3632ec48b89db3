-- The moderation queue's schema version 1, as the first release of chaff wrote it.
CREATE TABLE items (
    id INTEGER PRIMARY KEY, url TEXT NOT NULL, body_hash TEXT NOT NULL, source TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    score REAL NOT NULL, reasons TEXT NOT NULL, wire_match TEXT, verdict TEXT NOT NULL,
    title TEXT, site TEXT, body TEXT NOT NULL, first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL, seen_count INTEGER NOT NULL DEFAULT 1, resolved_by TEXT,
    resolved_at INTEGER, note TEXT, UNIQUE (url, body_hash)
);
CREATE INDEX items_status ON items (status, id);
CREATE TABLE history (
    id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES items (id), from_status TEXT,
    to_status TEXT NOT NULL, by TEXT NOT NULL, at INTEGER NOT NULL, note TEXT
);
CREATE INDEX history_item ON history (item_id, id);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL UNIQUE REFERENCES items (id),
    webhook_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT,
    response_status INTEGER, response_body TEXT, delivered_at INTEGER, created_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
PRAGMA application_id = 1667785062;
PRAGMA user_version = 1;
