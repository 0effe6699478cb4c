//! Accounts, sessions and the sign-in throttles (docs/product.md §6): who may sign in, the
//! sessions their tokens name, the tries counted per username and client address, and the
//! sweep of what outlived its purpose.
//!
//! The trait is what the rest of the server calls; its SQL is `sql/sessions.rs`, written once for
//! both engines.

use super::*;

/// Accounts, sessions, sign-in throttles and the sweep of old rows (docs/product.md §6).
#[async_trait::async_trait]
pub trait Sessions: Send + Sync {
    async fn agent_by_username(&self, username: &str) -> StoreResult<Option<AgentRecord>>;

    async fn create_session(
        &self,
        token_hash: &[u8],
        agent_id: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The agent a token hash belongs to, if the session exists and has not expired.
    async fn session_agent(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<AgentInfo>>;

    /// When a live session ends; `None` for an unknown token.
    async fn session_expiry(&self, token_hash: &[u8]) -> StoreResult<Option<DateTime<Utc>>>;

    /// Ends a session: its token stops working at once.
    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;

    /// Counts a sign-in try against a throttle before the password is checked, in one
    /// statement, so concurrent tries (on any replica) cannot pass the limit together.
    /// `Err(window_start)` when the window's tries are used up: nothing was counted.
    async fn reserve_try(&self, t: ThrottleTry<'_>) -> StoreResult<Result<(), DateTime<Utc>>>;

    /// Gives back a try that was not a failure (the password was never checked).
    async fn release_try(&self, key: &str) -> StoreResult<()>;

    /// Forgets a throttle's tries (after a successful sign-in).
    async fn clear_tries(&self, key: &str) -> StoreResult<()>;

    /// Adds an account (rule 6.1); a conflict when the username is taken.
    async fn add_agent(&self, agent: NewAgent) -> StoreResult<()>;

    /// Every account, by username.
    async fn agents(&self, now: DateTime<Utc>) -> StoreResult<Vec<AgentListing>>;

    /// Sets an account's password hash and ends its sessions but `keep` (the session that
    /// changed it, if any). Not found when there is no such account.
    async fn set_password(
        &self,
        agent_id: &str,
        password_hash: &str,
        keep: Option<&[u8]>,
    ) -> StoreResult<()>;

    /// Disables an account and ends its sessions; `flag` says why when the server did it.
    /// Not found when there is no such username.
    async fn disable_agent(&self, username: &str, flag: Option<&str>) -> StoreResult<()>;

    /// Removes throttle windows, sessions, idempotency keys and wrong-code records older than
    /// their cutoffs (rule 6.5).
    async fn sweep(&self, cutoffs: SweepCutoffs) -> StoreResult<Swept>;
}
