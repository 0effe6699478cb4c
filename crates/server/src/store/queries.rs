//! Statements that outside tools must run exactly as the server does: `cargo xtask bench`
//! replays the ones behind `GET /tickets/{id}` through `pgbench` to compare the API with the
//! database alone.

/// The agent and expiry of a session, by token hash (`$1`, bytes).
pub const SESSION_AGENT: &str = "SELECT a.id, a.username, a.name, a.role, s.expires_at
   FROM sessions s JOIN agents a ON a.id = s.agent_id
  WHERE s.token_hash = $1";

/// The current document of one entity (`$1` kind, `$2` id) from the change feed: what the
/// matching `GET` returns.
pub const ENTITY_DOC: &str = "SELECT data FROM changes WHERE kind = $1 AND id = $2 AND NOT deleted";
