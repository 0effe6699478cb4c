-- A faster first sync (issue 7): FTS5 keeps up to 16 MiB of new index entries in memory
-- before it writes them as a segment (1 MiB by default), so a sync page's search rows become
-- one segment, not a dozen, and far less is merged later. Nothing is rebuilt.
INSERT INTO search (search, rank) VALUES ('hashsize', 16777216);
