-- Bulk loads (`seed`) COPY into the feed without naming a cursor: the sequence supplies it,
-- under the same advisory lock every writer takes.
ALTER TABLE changes ALTER COLUMN cursor SET DEFAULT nextval('change_cursor');
