-- Callbacks worked and cases closed (docs/product.md §4): a phone found to be a wrong number is
-- flagged, a closed ticket keeps its resolution, and the outbox carries the closing summary.
ALTER TABLE customer_phones ADD COLUMN wrong_number BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE tickets ADD COLUMN resolution TEXT;
ALTER TABLE tickets ADD COLUMN closed_at TIMESTAMPTZ;
-- A summary mail names its ticket; a password mail its shipment.
ALTER TABLE mail_outbox ADD COLUMN ticket_id TEXT;
