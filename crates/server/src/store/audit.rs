//! The audit trail (rules 3.10, 3.12): a chain of entries, appended in the transaction of the
//! action each records (`sql/audit.rs`), read in pages and ranges, and signed now and then as
//! checkpoints. Refusals that roll their action back are written on their own; expiries are
//! written by the sweeper when a delivery day ends.
//!
//! The trait is what the rest of the server calls; its SQL is `sql/audit.rs`, written once for
//! both engines.

use sportello_protocol::audit::ChainLink;
use sportello_protocol::{AuditEntry, AuditQuery, Checkpoint};

use super::*;

/// The audit trail.
#[async_trait::async_trait]
pub trait Audit: Send + Sync {
    /// Entries matching `query`'s filters after its cursor, oldest first, at most `limit`.
    async fn audit_page(&self, query: &AuditQuery, limit: u32) -> StoreResult<Vec<AuditEntry>>;

    /// The entries numbered `first` to `last`, in order, as a verifier checks them (a
    /// verification reads the chain a window of numbers at a time; a missing number is a gap in
    /// what it gets). Read straight from the rows' columns, without building entries, and
    /// hashed on every core.
    async fn audit_links(&self, first: u64, last: u64) -> StoreResult<Vec<ChainLink>>;

    /// The hash of entry `seq`, if it is there.
    async fn audit_hash(&self, seq: u64) -> StoreResult<Option<String>>;

    /// The chain's head: the last entry's number (0 for none) and hash.
    async fn audit_head(&self) -> StoreResult<(u64, String)>;

    /// The latest signed checkpoint, at or before entry `up_to` when given.
    async fn latest_checkpoint(&self, up_to: Option<u64>) -> StoreResult<Option<Checkpoint>>;

    /// Keeps a signed checkpoint (another replica's for the same entry is kept instead).
    async fn add_checkpoint(&self, checkpoint: &Checkpoint) -> StoreResult<()>;

    /// Writes the entry of a password action refused before or after its transaction (a role
    /// refused it, or a rule rolled it back), in a transaction of its own.
    async fn audit_refusal(&self, entry: NewAuditEntry<'_>) -> StoreResult<()>;

    /// Expires the active codes whose delivery day ended by `now`, at most `limit`, each with
    /// its entry (rule 3.2); returns how many.
    async fn expire_passwords(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u32>;
}

/// Rounds of chaining audit entries in one process: an action that committed its entry waits
/// for a round that began after its commit, and runs one only when none did, so concurrent
/// actions share a round (and its commit) instead of each taking the chain's lock.
#[derive(Default)]
pub struct ChainRounds {
    /// Rounds begun.
    pub(crate) begun: std::sync::atomic::AtomicU64,
    /// The last round finished; held while a round runs.
    pub(crate) finished: tokio::sync::Mutex<u64>,
}
