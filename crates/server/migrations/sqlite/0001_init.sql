-- The Sportello store, SQLite flavour. Money is kept in cents; instants as RFC 3339 UTC text.

CREATE TABLE agents (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin', 'courier', 'integration')),
    password_hash TEXT NOT NULL
);

-- Bearer tokens, kept only as SHA-256 hashes.
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    agent_id   TEXT NOT NULL REFERENCES agents(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE TABLE customers (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    email    TEXT NOT NULL,
    language TEXT NOT NULL
);

CREATE TABLE customer_phones (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    number      TEXT NOT NULL
);
CREATE INDEX customer_phones_by_customer ON customer_phones(customer_id, position);

CREATE TABLE trusted_recipients (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL
);
CREATE INDEX trusted_recipients_by_customer ON trusted_recipients(customer_id, position);

CREATE TABLE orders (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    placed_at   TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    currency    TEXT NOT NULL
);

CREATE TABLE order_items (
    order_id            TEXT NOT NULL REFERENCES orders(id),
    position            INTEGER NOT NULL,
    title               TEXT NOT NULL,
    quantity            INTEGER NOT NULL,
    price_cents         INTEGER NOT NULL,
    frequently_returned INTEGER NOT NULL,
    PRIMARY KEY (order_id, position)
);

CREATE TABLE shipments (
    id              TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL REFERENCES orders(id),
    carrier         TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    status          TEXT NOT NULL,
    delivery_date   TEXT NOT NULL,
    delivery_tz     TEXT NOT NULL
);
CREATE INDEX shipments_by_order ON shipments(order_id);

CREATE TABLE tracking_events (
    shipment_id TEXT NOT NULL REFERENCES shipments(id),
    position    INTEGER NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    location    TEXT,
    PRIMARY KEY (shipment_id, position)
);

-- One row per shipment: the current password. The code itself is never stored: a keyed
-- hash verifies it, an AEAD ciphertext lets the customer read it back; keys live outside.
CREATE TABLE delivery_passwords (
    shipment_id          TEXT PRIMARY KEY REFERENCES shipments(id),
    generation           INTEGER NOT NULL,
    state                TEXT NOT NULL CHECK (state IN ('active', 'locked', 'retired', 'expired')),
    issued_at            TEXT NOT NULL,
    expires_at           TEXT NOT NULL,
    key_id               TEXT NOT NULL,
    code_mac             BLOB NOT NULL,
    code_nonce           BLOB NOT NULL,
    code_sealed          BLOB NOT NULL,
    counters_day         TEXT NOT NULL,
    sends_today          INTEGER NOT NULL,
    regenerations_today  INTEGER NOT NULL,
    failed_verifications INTEGER NOT NULL,
    last_sent_at         TEXT
);

CREATE TABLE tickets (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    order_id    TEXT REFERENCES orders(id),
    category    TEXT NOT NULL,
    channel     TEXT NOT NULL,
    status      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    assignee    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE messages (
    id        TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('customer', 'reply', 'note')),
    author    TEXT NOT NULL,
    at        TEXT NOT NULL,
    body      TEXT NOT NULL
);
CREATE INDEX messages_by_ticket ON messages(ticket_id, position);

CREATE TABLE callbacks (
    id        TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    phone_id  TEXT NOT NULL REFERENCES customer_phones(id),
    due_at    TEXT NOT NULL,
    state     TEXT NOT NULL,
    note      TEXT NOT NULL
);
CREATE INDEX callbacks_by_ticket ON callbacks(ticket_id);

CREATE TABLE callback_attempts (
    callback_id TEXT NOT NULL REFERENCES callbacks(id),
    position    INTEGER NOT NULL,
    at          TEXT NOT NULL,
    agent       TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    note        TEXT NOT NULL,
    PRIMARY KEY (callback_id, position)
);

-- The change feed. One row per entity, at the cursor of its latest change: a reader that
-- follows the cursor sees every entity once, in its newest state. `data` is the rendered
-- document the matching GET returns.
CREATE TABLE changes (
    cursor  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    data    TEXT NOT NULL,
    UNIQUE (kind, id)
);
