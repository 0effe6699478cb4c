//! Social-media conversations (docs/product.md rule 8.5): a connector's inbound messages
//! joined to the handle's open `social` ticket, or opening one; the agents' replies reach the
//! connector as `social_reply` changes, recorded where replies are written (`sql/cases.rs`).
//!
//! The trait is what the rest of the server calls; its SQL is `sql/social.rs`, written once
//! for both engines.

use super::*;

/// Messages from social networks (rule 8.5).
#[async_trait::async_trait]
pub trait Social: Send + Sync {
    /// Files a message: the handle's customer (made on its first message), the open ticket
    /// of that handle and visibility (opened when there is none), the message in its
    /// conversation, published into the feed in one transaction. A network message id posted
    /// before changes nothing and answers where it went.
    async fn receive_social(
        &self,
        message: NewSocialMessage<'_>,
    ) -> StoreResult<sportello_protocol::SocialReceipt>;
}
