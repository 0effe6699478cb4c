-- The lead view's filters (rule 7.8) read a page of entry numbers in order from one index:
-- each index that serves a filter ends in `seq` (the page's order) and `at` (a time range is
-- checked in the index, not in the row). An outcome gets an index of its own, for refusals are
-- few, and an agent's actions of one kind another.
DROP INDEX audit_by_actor;
DROP INDEX audit_by_action;
CREATE INDEX audit_by_actor ON audit(actor_username, seq, at);
CREATE INDEX audit_by_action ON audit(action, seq, at);
CREATE INDEX audit_by_outcome ON audit(outcome, seq, at);
CREATE INDEX audit_by_actor_action ON audit(actor_username, action, seq, at);
