-- Idempotency keys of state-changing requests, per agent, with the first answer: a repeat
-- gets that answer back and changes nothing. Kept in the store so they hold across replicas.
CREATE TABLE idempotency_keys (
    agent_id     TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash BYTEA NOT NULL,
    answer       TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (agent_id, key)
);
