-- Social-media messages (docs/product.md rule 8.5). A connector with the integration role
-- posts what customers write on a network; each handle is one customer, each handle and
-- visibility (public or private) one open `social` ticket at a time.

-- Who a handle on a network is: a customer of their own when no account is known.
CREATE TABLE social_identities (
    network     TEXT NOT NULL,
    handle      TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    PRIMARY KEY (network, handle)
);

-- Where a social ticket's replies are published.
CREATE TABLE social_threads (
    ticket_id  TEXT PRIMARY KEY REFERENCES tickets(id),
    network    TEXT NOT NULL,
    handle     TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'private')),
    language   TEXT NOT NULL
);
CREATE INDEX social_threads_by_handle ON social_threads(network, handle, visibility);

-- Each network message once: posting its id again changes nothing.
CREATE TABLE social_messages (
    network     TEXT NOT NULL,
    external_id TEXT NOT NULL,
    ticket_id   TEXT NOT NULL REFERENCES tickets(id),
    message_id  TEXT NOT NULL,
    PRIMARY KEY (network, external_id)
);
CREATE INDEX social_messages_by_ticket ON social_messages(ticket_id);

-- A connector reads the feed's social replies alone.
CREATE INDEX changes_social_replies ON changes(cursor) WHERE kind = 'social_reply';
