-- The audit trail a lead's console caches (rule 7.8): every entry as the server sent it
-- (`data`, an AuditEntry), with the columns the lead view filters and counts on. Only lead and
-- admin sessions receive entries; an agent's cache keeps this table empty.
CREATE TABLE audit (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor_username TEXT NOT NULL,
    actor_name     TEXT NOT NULL,
    actor_role     TEXT NOT NULL,
    action         TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    shipment_id    TEXT NOT NULL,
    order_id       TEXT NOT NULL,
    channel        TEXT NOT NULL,
    data           TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit(at);
CREATE INDEX audit_by_actor ON audit(actor_username, seq);
CREATE INDEX audit_by_action ON audit(action, seq);
CREATE INDEX audit_by_shipment ON audit(shipment_id, seq);
CREATE INDEX audit_by_order ON audit(order_id, seq);
