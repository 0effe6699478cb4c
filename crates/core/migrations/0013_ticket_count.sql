-- How many tickets the cache holds, kept as they are written (issue 18.4): the queue without a
-- search or filter shows this count, and counting read the whole `tickets_by_order` index at
-- every start-up (2.3 MiB of pages decrypted and held at 100,000 tickets, ten times that at a
-- million) and again after every sync. A ticket is counted before it is inserted unless its id
-- is already cached (INSERT OR REPLACE then replaces it: one ticket still), and uncounted when
-- deleted (the rows REPLACE removes fire no delete trigger, recursive triggers being off).
CREATE TABLE ticket_count (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    n   INTEGER NOT NULL
);
INSERT INTO ticket_count (one, n) SELECT 1, count(*) FROM tickets;
CREATE TRIGGER ticket_counted BEFORE INSERT ON tickets
    WHEN NOT EXISTS (SELECT 1 FROM tickets WHERE id = NEW.id)
BEGIN
    UPDATE ticket_count SET n = n + 1;
END;
CREATE TRIGGER ticket_uncounted AFTER DELETE ON tickets
BEGIN
    UPDATE ticket_count SET n = n - 1;
END;
