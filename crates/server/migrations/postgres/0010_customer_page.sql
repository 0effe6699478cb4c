-- The customer page (docs/product.md §8). A customer signs in with a single-use link mailed
-- to the account e-mail (rule 8.1): only the link's hash is kept, and using it is one
-- statement that marks it used, so it works once across replicas.
CREATE TABLE customer_signin_links (
    token_hash  BYTEA PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE INDEX customer_signin_links_by_time ON customer_signin_links(created_at);

-- A customer's sessions: never an agent's (their tokens live in `sessions`).
CREATE TABLE customer_sessions (
    token_hash  BYTEA PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX customer_sessions_by_expiry ON customer_sessions(expires_at);

-- Sign-in asks for an account by its e-mail, in any case.
CREATE INDEX customers_by_email ON customers(lower(email));

-- "My orders", newest first.
CREATE INDEX orders_by_customer ON orders(customer_id, placed_at);

-- What a notice to the customer says (JSON, never a code or a link's secret).
ALTER TABLE mail_outbox ADD COLUMN params TEXT;
