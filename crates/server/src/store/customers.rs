//! The customer's own page (docs/product.md §8): sign-in links and sessions that are never an
//! agent's, a customer's orders and shipments as they may see them, the code read back from
//! its sealed copy (audited), and the trusted recipients the customer manages. Every read
//! names the customer it is for: what belongs to another customer is not found.
//!
//! The trait is what the rest of the server calls; its SQL is `sql/customers.rs`, written once
//! for both engines.

use super::*;

/// The customer page's data (docs/product.md §8).
#[async_trait::async_trait]
pub trait Customers: Send + Sync {
    /// The customer whose account e-mail is `email`, in any case.
    async fn customer_by_email(&self, email: &str) -> StoreResult<Option<CustomerAccount>>;

    /// The first customer (by id) with an active delivery password: who the demo and the
    /// tests sign in as.
    async fn customer_with_active_code(&self) -> StoreResult<Option<CustomerAccount>>;

    /// Records a sign-in link (only its hash) and the mail that carries it.
    async fn create_signin_link(&self, link: NewSigninLink<'_>) -> StoreResult<()>;

    /// Uses a sign-in link: once, before it expires, in one statement (so two replicas cannot
    /// both use it); the customer it signs in.
    async fn use_signin_link(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>>;

    async fn create_customer_session(
        &self,
        token_hash: &[u8],
        customer_id: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The customer a session belongs to, if it exists and has not expired.
    async fn customer_session(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<CustomerAccount>>;

    async fn delete_customer_session(&self, token_hash: &[u8]) -> StoreResult<()>;

    /// Sets the language of a customer's page and mails, and publishes the customer.
    async fn set_customer_language(&self, customer_id: &str, language: &str) -> StoreResult<()>;

    /// A customer's orders, newest first.
    async fn customer_orders(&self, customer_id: &str) -> StoreResult<Vec<Order>>;

    /// One of the customer's orders with its shipments; not found when it is not theirs.
    async fn customer_order(
        &self,
        customer_id: &str,
        order_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<(Order, Vec<Shipment>)>;

    /// Reads an active code back for the customer who owns its shipment, with its audit entry
    /// in the same transaction (rule 8.1); not found when the shipment is not theirs.
    async fn read_back(
        &self,
        customer: &AgentInfo,
        shipment_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<ReadBack>;

    /// A customer's trusted recipients, in the order they were added.
    async fn trusted_recipients(&self, customer_id: &str) -> StoreResult<Vec<TrustedRecipient>>;

    /// Adds a trusted recipient, with the notice to the account e-mail, and publishes the
    /// customer and their shipments (whose recipients changed). Invalid when the customer
    /// has `max` already.
    async fn add_trusted_recipient(
        &self,
        customer_id: &str,
        name: &str,
        email: &str,
        max: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<TrustedRecipient>;

    /// Removes one of the customer's trusted recipients (not found when not theirs) and
    /// publishes the customer and their shipments.
    async fn remove_trusted_recipient(
        &self,
        customer_id: &str,
        recipient_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<TrustedRecipient>;
}
