//! The mail outbox as the worker sees it: due mails claimed with a lease (so replicas never
//! send one twice at once), each with what it is written from; sent, or failed and due again.
//!
//! The trait is what the rest of the server calls; its SQL is `sql/mail.rs`, written once for
//! both engines.

use super::*;

/// The mail outbox: claiming due mails with a lease, marking them sent or failed.
#[async_trait::async_trait]
pub trait Mail: Send + Sync {
    /// Claims up to `limit` outbox mails due at `now`, leasing each until `lease_until` so no
    /// other worker (on any replica) takes it meanwhile.
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMail>>;

    /// Marks a mail sent (or, with `note`, settled without sending, e.g. superseded).
    async fn mail_done(&self, id: i64, at: DateTime<Utc>, note: Option<&str>) -> StoreResult<()>;

    /// Records a failed attempt; the mail is due again at `retry_at`.
    async fn mail_failed(&self, id: i64, retry_at: DateTime<Utc>, error: &str) -> StoreResult<()>;
}
