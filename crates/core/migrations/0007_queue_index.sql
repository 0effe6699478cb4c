-- The queue without a search (issue 7): its pages list the tickets with a due callback, then
-- the others, newest first, and each ticket's status, category and callback due time decide
-- whether it is listed and where. With those in the indexes, the queue chooses a page from
-- the indexes alone and reads only that page's tickets from the table (each a page to
-- decrypt), and counting no longer reads the whole table: a page of 200 at 100,000 tickets
-- took 250–490 ms, most of it the count. Nothing cached is dropped; the indexes are rebuilt.
DROP INDEX tickets_by_created;
CREATE INDEX tickets_by_created ON tickets(created_at DESC, id, status, category, callback_due_at);
DROP INDEX tickets_by_callback;
CREATE INDEX tickets_by_callback ON tickets(callback_due_at, created_at DESC, id, status, category)
    WHERE callback_due_at IS NOT NULL;
