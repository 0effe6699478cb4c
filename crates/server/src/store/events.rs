//! The carrier's tracking events: the shipment's status follows them, `shipped` issues the
//! delivery password (rule 3.1), `delivered` and `returned` retire it (rule 3.11).
//!
//! The trait is what the rest of the server calls; its SQL is `sql/events.rs`, written once for
//! both engines.

use super::*;

/// Tracking events from the carrier, and the passwords they issue and retire.
#[async_trait::async_trait]
pub trait Events: Send + Sync {
    /// A carrier's tracking event. The shipment's status follows it; `shipped` issues a password
    /// (sealed by `seal(generation)`, mailed to the account e-mail) when the order total is at
    /// least `threshold_cents` (rule 1); `delivered` and `returned` retire it (rule 10).
    async fn append_event(
        &self,
        shipment_id: &str,
        event: &TrackingEvent,
        actor: &AgentInfo,
        seal: &(dyn Fn(u32) -> SealedCode + Send + Sync),
        threshold_cents: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Shipment>;
}
