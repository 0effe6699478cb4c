-- The audit trail as a chain (rules 3.10, 3.12; docs/audit.md). Entries are numbered under
-- one lock by the writer that chains them (below), so the numbers have no gaps across
-- replicas (a sequence would leave holes on rollback); each entry names the hash of the one
-- before.
CREATE TABLE audit_chain (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    actor_username TEXT NOT NULL,
    actor_name     TEXT NOT NULL,
    actor_role     TEXT NOT NULL,
    action         TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    problem        TEXT,
    shipment_id    TEXT NOT NULL,
    order_id       TEXT NOT NULL,
    ticket_id      TEXT,
    generation     INTEGER NOT NULL,
    reason         TEXT NOT NULL,
    identity_check TEXT NOT NULL,
    channel        TEXT NOT NULL,
    destination    TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
);
CREATE INDEX audit_chain_by_time ON audit_chain(at);
CREATE INDEX audit_chain_by_actor ON audit_chain(actor_id, seq);
CREATE INDEX audit_chain_by_shipment ON audit_chain(shipment_id, seq);
CREATE INDEX audit_chain_by_order ON audit_chain(order_id, seq);

-- Entries written in the transaction of the action they record, without a lock, so writers
-- commit concurrently; `chain_pending` numbers and hashes them under the chain's lock right
-- after (store/sql/audit.rs), in the order they were written. Only committed entries are
-- chained, so numbers have no gaps.
CREATE TABLE audit_pending (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    actor_username TEXT NOT NULL,
    actor_name     TEXT NOT NULL,
    actor_role     TEXT NOT NULL,
    action         TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    problem        TEXT,
    shipment_id    TEXT NOT NULL,
    order_id       TEXT NOT NULL,
    ticket_id      TEXT,
    generation     INTEGER NOT NULL,
    reason         TEXT NOT NULL,
    identity_check TEXT NOT NULL,
    channel        TEXT NOT NULL,
    destination    TEXT NOT NULL
);
CREATE INDEX audit_pending_by_shipment ON audit_pending(shipment_id);

-- The chain's head: the last entry's number and hash.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
     VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The chain's head as the server signed it (Ed25519, by key id).
CREATE TABLE audit_checkpoints (
    seq       INTEGER PRIMARY KEY,
    hash      TEXT NOT NULL,
    at        TEXT NOT NULL,
    key_id    TEXT NOT NULL,
    signature TEXT NOT NULL
);

-- Codes whose delivery day ended are expired by the server (rule 3.2), found by this index.
CREATE INDEX delivery_passwords_active_by_expiry ON delivery_passwords(expires_at)
    WHERE state = 'active';
