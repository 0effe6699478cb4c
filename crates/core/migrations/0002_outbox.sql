-- Actions an agent took that must reach the server exactly once (issue 7): written here
-- before they are sent, each with the idempotency key every try carries, and deleted in the
-- same transaction that stores the server's answer. A crash at any point leaves either the
-- row (sent again, with the same key: the server answers the first answer) or its answer.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    key        TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('reply', 'note', 'attempt', 'close')),
    ticket_id  TEXT NOT NULL,
    -- The callback of an attempt.
    callback_id TEXT,
    -- The request body, JSON.
    body       TEXT NOT NULL,
    -- The agent's display name, for the optimistic copy shown until the answer arrives.
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    -- Why the server refused it on replay; NULL while it waits.
    error      TEXT
);
CREATE INDEX outbox_by_ticket ON outbox(ticket_id, seq);
