//! A customer's requests for help (docs/product.md §8): the phones and time zone the contact
//! form offers, a ticket opened from it with its callback, the customer's own tickets, and
//! their answers. What is another customer's is not found.
//!
//! The trait is what the rest of the server calls; its SQL is `sql/requests.rs`, written once
//! for both engines.

use super::*;

/// Requests for help from the customer page (rule 8.3).
#[async_trait::async_trait]
pub trait Requests: Send + Sync {
    /// The customer's phones as the contact form offers them (masked, wrong numbers flagged).
    async fn customer_phones(&self, customer_id: &str) -> StoreResult<Vec<ContactPoint>>;

    /// The time zone the customer's times are told in: their latest shipment's delivery zone.
    async fn customer_zone(&self, customer_id: &str) -> StoreResult<Option<String>>;

    /// Opens a ticket from the contact form (rule 8.3): the customer's message, and for a
    /// callback the callback, published into the feed in one transaction. Invalid when the
    /// order or the phone is not the customer's (or the phone is a wrong number).
    async fn open_request(&self, request: NewRequest<'_>) -> StoreResult<Ticket>;

    /// The customer's tickets, newest first.
    async fn customer_tickets(&self, customer_id: &str) -> StoreResult<Vec<Ticket>>;

    /// One of the customer's tickets; not found when it is not theirs.
    async fn customer_ticket(&self, customer_id: &str, ticket_id: &str) -> StoreResult<Ticket>;

    /// The customer's answer on one of their open tickets (a conflict once it is closed); a
    /// ticket waiting for the customer is open again.
    async fn customer_answer(
        &self,
        customer_id: &str,
        ticket_id: &str,
        author: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Ticket>;

    /// A live chat no agent picked up continues as an e-mail request or a callback (to a
    /// phone of the customer's, due at `callback.1`): only while it is a chat still `new`
    /// (a conflict otherwise); not found when it is not theirs.
    async fn switch_chat(
        &self,
        customer_id: &str,
        ticket_id: &str,
        callback: Option<(&str, DateTime<Utc>)>,
        now: DateTime<Utc>,
    ) -> StoreResult<Ticket>;
}
