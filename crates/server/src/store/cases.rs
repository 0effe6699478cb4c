//! Cases (docs/product.md §4): reading a customer, order, shipment or ticket as it stands, and
//! working a ticket: replies and notes, callbacks and their attempts, closing, and revealing a
//! callback's number. Each change re-renders what it touched into the feed in its transaction.
//!
//! The trait is what the rest of the server calls; its SQL is `sql/cases.rs`, written once for
//! both engines.

use super::*;

/// Reading the entities of a case and working a ticket (docs/product.md §4, §5).
#[async_trait::async_trait]
pub trait Cases: Send + Sync {
    async fn customer(&self, id: &str) -> StoreResult<Option<Customer>>;

    async fn order(&self, id: &str) -> StoreResult<Option<Order>>;

    /// A shipment as it stands at `now` (its password may have expired since it was written).
    async fn shipment(&self, id: &str, now: DateTime<Utc>) -> StoreResult<Option<Shipment>>;

    async fn ticket(&self, id: &str) -> StoreResult<Option<Ticket>>;

    /// Appends a reply or internal note to an open ticket, with the ticket's new feed document,
    /// in one transaction. A repeated idempotency key replays the first answer instead.
    async fn add_message(
        &self,
        idem: Option<&Idempotency>,
        ticket_id: &str,
        message: NewMessageRow,
    ) -> StoreResult<Applied<Ticket>>;

    /// Logs a callback on an open ticket, to a phone on file that is not flagged as a wrong
    /// number, with the ticket's and the callback's new feed documents, in one transaction.
    async fn add_callback(
        &self,
        idem: Option<&Idempotency>,
        ticket_id: &str,
        callback: NewCallbackRow,
    ) -> StoreResult<Applied<Ticket>>;

    /// Logs an attempt on a scheduled callback and applies the retry policy (rule 4.2): the
    /// callback, its ticket and (for a wrong number) the customer change in one transaction.
    /// Answers the callback's ticket.
    async fn add_attempt(
        &self,
        idem: Option<&Idempotency>,
        callback_id: &str,
        attempt: AttemptRow,
    ) -> StoreResult<Applied<Ticket>>;

    /// Closes an open ticket with its resolution: scheduled callbacks are cancelled and the
    /// customer's summary mail goes into the outbox, in one transaction.
    async fn close_ticket(
        &self,
        idem: Option<&Idempotency>,
        ticket_id: &str,
        resolution: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Applied<Ticket>>;

    /// The full number of a scheduled callback's phone, for the agent working it, with the
    /// reveal audited (rule 5.3). Not found for an unknown callback; a conflict when the
    /// callback is finished.
    async fn reveal_callback_phone(
        &self,
        callback_id: &str,
        actor: &AgentInfo,
        now: DateTime<Utc>,
    ) -> StoreResult<Revealed>;
}

/// An attempt's refusal by the callback rules (rule 4.2), as the store reports it.
pub(crate) fn attempt_refused(
    callback_id: &str,
    refusal: crate::callback::AttemptRefusal,
    at: DateTime<Utc>,
) -> StoreError {
    use crate::callback::AttemptRefusal;
    match refusal {
        AttemptRefusal::Finished(state) => StoreError::Conflict {
            kind: sportello_protocol::problem::types::CALLBACK_FINISHED,
            detail: format!(
                "callback {callback_id} is {}: it takes no more attempts; log a new callback if \
                 the customer still needs one",
                state.as_str()
            ),
        },
        AttemptRefusal::TooSoon { retry_at } => StoreError::TooSoon {
            detail: format!(
                "the last attempt on callback {callback_id} was less than {} minutes ago; try \
                 again from {}",
                sportello_protocol::Callback::RETRY_MINUTES,
                retry_at.to_rfc3339()
            ),
            retry_at,
            retry_after_secs: (retry_at - at).num_seconds().max(1) as u64,
        },
    }
}
