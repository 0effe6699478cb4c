-- Kept in step with the PostgreSQL migrations: SQLite's AUTOINCREMENT already numbers feed
-- rows a bulk load inserts without a cursor, so nothing changes here.
SELECT 1;
