-- The Sportello store, PostgreSQL flavour: the same tables as SQLite, with native types.
-- Integer columns are BIGINT so both engines decode them as i64.

CREATE TABLE agents (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'lead', 'admin', 'courier', 'integration')),
    password_hash TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash BYTEA PRIMARY KEY,
    agent_id   TEXT NOT NULL REFERENCES agents(id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
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
    position    BIGINT NOT NULL,
    label       TEXT NOT NULL,
    number      TEXT NOT NULL
);
CREATE INDEX customer_phones_by_customer ON customer_phones(customer_id, position);

CREATE TABLE trusted_recipients (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    position    BIGINT NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL
);
CREATE INDEX trusted_recipients_by_customer ON trusted_recipients(customer_id, position);

CREATE TABLE orders (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    placed_at   TIMESTAMPTZ NOT NULL,
    total_cents BIGINT NOT NULL,
    currency    TEXT NOT NULL
);

CREATE TABLE order_items (
    order_id            TEXT NOT NULL REFERENCES orders(id),
    position            BIGINT NOT NULL,
    title               TEXT NOT NULL,
    quantity            BIGINT NOT NULL,
    price_cents         BIGINT NOT NULL,
    frequently_returned BOOLEAN NOT NULL,
    PRIMARY KEY (order_id, position)
);

CREATE TABLE shipments (
    id              TEXT PRIMARY KEY,
    order_id        TEXT NOT NULL REFERENCES orders(id),
    carrier         TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    status          TEXT NOT NULL,
    delivery_date   DATE NOT NULL,
    delivery_tz     TEXT NOT NULL
);
CREATE INDEX shipments_by_order ON shipments(order_id);

CREATE TABLE tracking_events (
    shipment_id TEXT NOT NULL REFERENCES shipments(id),
    position    BIGINT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    kind        TEXT NOT NULL,
    location    TEXT,
    PRIMARY KEY (shipment_id, position)
);

CREATE TABLE delivery_passwords (
    shipment_id          TEXT PRIMARY KEY REFERENCES shipments(id),
    generation           BIGINT NOT NULL,
    state                TEXT NOT NULL CHECK (state IN ('active', 'locked', 'retired', 'expired')),
    issued_at            TIMESTAMPTZ NOT NULL,
    expires_at           TIMESTAMPTZ NOT NULL,
    key_id               TEXT NOT NULL,
    code_mac             BYTEA NOT NULL,
    code_nonce           BYTEA NOT NULL,
    code_sealed          BYTEA NOT NULL,
    counters_day         DATE NOT NULL,
    sends_today          BIGINT NOT NULL,
    regenerations_today  BIGINT NOT NULL,
    failed_verifications BIGINT NOT NULL,
    last_sent_at         TIMESTAMPTZ
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
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE messages (
    id        TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    position  BIGINT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('customer', 'reply', 'note')),
    author    TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    body      TEXT NOT NULL
);
CREATE INDEX messages_by_ticket ON messages(ticket_id, position);

CREATE TABLE callbacks (
    id        TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    phone_id  TEXT NOT NULL REFERENCES customer_phones(id),
    due_at    TIMESTAMPTZ NOT NULL,
    state     TEXT NOT NULL,
    note      TEXT NOT NULL
);
CREATE INDEX callbacks_by_ticket ON callbacks(ticket_id);

CREATE TABLE callback_attempts (
    callback_id TEXT NOT NULL REFERENCES callbacks(id),
    position    BIGINT NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    agent       TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    note        TEXT NOT NULL,
    PRIMARY KEY (callback_id, position)
);

-- The change feed: one row per entity at the cursor of its latest change. Cursors come from
-- a sequence under a transaction-scoped advisory lock, so they become visible in commit order
-- and a reader past cursor N never misses a later commit with a smaller cursor.
CREATE SEQUENCE change_cursor;
CREATE TABLE changes (
    cursor  BIGINT PRIMARY KEY,
    kind    TEXT NOT NULL,
    id      TEXT NOT NULL,
    deleted BOOLEAN NOT NULL DEFAULT FALSE,
    data    TEXT NOT NULL,
    UNIQUE (kind, id)
);
