//! Bulk loading for `seed`: whether a store is empty, and writing a self-contained batch of
//! rows with its feed documents in one transaction.
//!
//! The trait is what the rest of the server calls; its SQL is `sql/seeding.rs`, written once for
//! both engines.

use super::*;

/// Filling an empty store in bulk (`seed`).
#[async_trait::async_trait]
pub trait Seeding: Send + Sync {
    /// Whether the store holds no tickets and no agents yet.
    async fn is_empty(&self) -> StoreResult<bool>;

    /// Work on a seed batch that needs no database, which `seed` runs on its generator thread
    /// ahead of [`Self::write_seed`] (SQLite encodes its statements there).
    fn seed_encoder(&self) -> Option<SeedEncoder>;

    /// Writes one batch of seed data in one transaction, its feed documents included, in
    /// bulk: a seed store is empty, so nothing already there is touched.
    async fn write_seed(&self, batch: PreparedBatch) -> StoreResult<()>;

    /// Called once the last batch is written: the planner learns what the load put in the
    /// tables, so the first requests are planned for a full store rather than an empty one.
    async fn seeded(&self) -> StoreResult<()>;
}
