-- A faster first sync (issue 7): FTS5 merges the index's segments eight at a time instead of
-- four, so each entry is rewritten fewer times as a sync adds segment after segment (merging
-- was a sixth of a first sync's work). A search reads a few more segments; the bench keeps
-- both in view (BENCHMARKS.md). Nothing is rebuilt.
INSERT INTO search (search, rank) VALUES ('automerge', 8);
