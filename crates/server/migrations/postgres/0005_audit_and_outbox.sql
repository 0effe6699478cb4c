-- Every password action (rule 3.10): who, why, how the caller was identified, where the
-- code went (masked). Never the code.
CREATE TABLE audit (
    id             BIGSERIAL PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL,
    actor_id       TEXT NOT NULL,
    actor_name     TEXT NOT NULL,
    action         TEXT NOT NULL,
    shipment_id    TEXT NOT NULL,
    generation     BIGINT NOT NULL,
    reason         TEXT NOT NULL,
    identity_check TEXT NOT NULL,
    channel        TEXT NOT NULL,
    destination    TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit(at);

-- Mail to send, written in the same transaction as the change that calls for it. A password
-- mail names the shipment, generation and recipient; the worker renders the code from its
-- sealed copy when it sends, so no code is ever stored here.
CREATE TABLE mail_outbox (
    id              BIGSERIAL PRIMARY KEY,
    created_at      TIMESTAMPTZ NOT NULL,
    kind            TEXT NOT NULL,
    shipment_id     TEXT,
    generation      BIGINT,
    recipient_id    TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    last_error      TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(sent_at, next_attempt_at);
