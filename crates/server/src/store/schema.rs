//! The store's schema and what lives with it: migrations, a liveness check, and the
//! deployment's contact-token key (rule 5.2).
//!
//! The trait is what the rest of the server calls; its SQL is `sql/schema.rs`, written once for
//! both engines.

use super::*;

/// The schema, the store's liveness and the deployment's settings.
#[async_trait::async_trait]
pub trait Schema: Send + Sync {
    /// Applies the embedded migrations.
    async fn migrate(&self) -> StoreResult<()>;

    /// Succeeds when the store answers a query.
    async fn ping(&self) -> StoreResult<()>;

    /// The deployment's contact-hash key (rule 5.2), made from the OS CSPRNG the first time.
    async fn contact_key(&self) -> StoreResult<sportello_protocol::contact::ContactKey>;
}
