-- The console's local cache: the documents the server sent, plus the columns the queue sorts
-- and filters on. Everything here can be rebuilt by a full sync.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE customers (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE orders (
    id   TEXT PRIMARY KEY,
    data TEXT NOT NULL
);

CREATE TABLE shipments (
    id              TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    data            TEXT NOT NULL
);
CREATE INDEX shipments_by_order ON shipments(order_id);

CREATE TABLE tickets (
    id              TEXT PRIMARY KEY,
    customer_id     TEXT NOT NULL,
    order_id        TEXT,
    subject         TEXT NOT NULL,
    category        TEXT NOT NULL,
    channel         TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- The earliest due time of a scheduled callback, if any.
    callback_due_at TEXT,
    data            TEXT NOT NULL
);
CREATE INDEX tickets_by_created ON tickets(created_at DESC);

CREATE TABLE callbacks (
    id        TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL,
    data      TEXT NOT NULL
);
