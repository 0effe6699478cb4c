-- Writers no longer take a global lock to number their changes. A writer upserts the entity's
-- row with no cursor, in the order of `pending`; whoever reads the feed first numbers the
-- committed pending rows, under the feed lock, in one short transaction. Only committed rows
-- can be numbered, so cursors still become visible in order (a reader past cursor N never
-- misses a later commit), while writers commit concurrently instead of one at a time.
ALTER TABLE changes DROP CONSTRAINT changes_pkey;
ALTER TABLE changes ALTER COLUMN cursor DROP NOT NULL;
ALTER TABLE changes ALTER COLUMN cursor DROP DEFAULT;
CREATE UNIQUE INDEX changes_by_cursor ON changes (cursor);
CREATE SEQUENCE change_pending;
ALTER TABLE changes ADD COLUMN pending BIGINT DEFAULT nextval('change_pending');
CREATE INDEX changes_pending ON changes (pending) WHERE cursor IS NULL;
