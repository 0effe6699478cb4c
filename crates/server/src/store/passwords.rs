//! Delivery-password actions (docs/product.md §3): resend and regenerate within the limits,
//! the courier's verification with its lock and the courier's own lock-out, each under the
//! password's row lock, with its audit entry and mail in the same transaction.
//!
//! The trait is what the rest of the server calls; its SQL is `sql/passwords.rs`, written once for
//! both engines.

use super::*;

/// Resending, regenerating and verifying delivery passwords (docs/product.md §3).
#[async_trait::async_trait]
pub trait Passwords: Send + Sync {
    /// Resends or regenerates a delivery password within the rules and limits of docs/product.md
    /// §3, with
    /// its audit entry, its mail in the outbox and the shipment's new feed document, in one
    /// transaction. A repeated idempotency key replays the first answer instead.
    async fn password_action(
        &self,
        idem: Option<&Idempotency>,
        request: PasswordActionRequest<'_>,
    ) -> StoreResult<Applied<Shipment>>;

    /// A courier's attempt at a shipment's code (rule 8). `matches(generation, sealed)` compares
    /// in constant time; five wrong codes lock the password until a regeneration. Every
    /// attempt, lock and expiry is audited.
    async fn verify_password(
        &self,
        shipment_id: &str,
        actor: &AgentInfo,
        matches: &(dyn for<'s> Fn(u32, &'s SealedCode) -> bool + Send + Sync),
        now: DateTime<Utc>,
    ) -> StoreResult<sportello_protocol::VerifyResponse>;
}
