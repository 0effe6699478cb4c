-- An action waiting in the outbox belongs to the agent who took it and is sent only in that
-- agent's session (rule 7.3). Actions written before carry no agent: they belong to the
-- cache's agent, the only one whose session opens it.
ALTER TABLE outbox ADD COLUMN agent_id TEXT;
