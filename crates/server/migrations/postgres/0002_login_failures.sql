-- Failed sign-ins per username, for throttling that holds across server replicas.
CREATE TABLE login_failures (
    username TEXT NOT NULL,
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_by_username ON login_failures(username, at);
