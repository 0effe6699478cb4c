-- Sign-in throttles (rule 6.2): one row per username or client address, counting the failed
-- tries of its current 15-minute window. A try is counted before the password is checked,
-- in one statement, so parallel guesses cannot all pass the count.
DROP TABLE login_failures;
CREATE TABLE login_throttle (
    key          TEXT PRIMARY KEY,
    window_start TIMESTAMPTZ NOT NULL,
    tries        BIGINT NOT NULL
);
CREATE INDEX login_throttle_by_window ON login_throttle(window_start);

-- Accounts an operator disabled, or that were disabled and flagged (rule 3.9): no sign-in.
ALTER TABLE agents ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE agents ADD COLUMN flagged TEXT;

-- The sweeper removes expired sessions and idempotency keys past their day (rule 6.5).
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
CREATE INDEX sessions_by_agent ON sessions(agent_id);
CREATE INDEX idempotency_keys_by_time ON idempotency_keys(created_at);

-- Wrong codes entered by each courier account, for the hourly lock-out (rule 3.9).
CREATE TABLE verification_failures (
    agent_id TEXT NOT NULL,
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX verification_failures_by_agent ON verification_failures(agent_id, at);

-- Every full phone number an agent revealed while working a callback (rule 5.3).
CREATE TABLE contact_reveals (
    id             BIGSERIAL PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    actor_id       TEXT NOT NULL,
    actor_username TEXT NOT NULL,
    actor_name     TEXT NOT NULL,
    callback_id    TEXT NOT NULL,
    ticket_id      TEXT NOT NULL,
    phone_id       TEXT NOT NULL,
    masked         TEXT NOT NULL
);
CREATE INDEX contact_reveals_by_time ON contact_reveals(at);

-- Settings of this deployment that live with its data: the key of the contact hashes that
-- let consoles find a customer by a whole e-mail or phone without holding either (rule 5.2).
CREATE TABLE deployment (
    name  TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);
