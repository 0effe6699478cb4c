//! The service layer: each action of the server as one function over the store, the keys and
//! the clock, with all its rules and all its validation, so the HTTP handlers (`api/`) and the
//! command line (`cli/`) do exactly the same thing. A handler only translates HTTP into a call
//! and the result into an answer.
//!
//! - [`accounts`]: sign-in, sessions, an agent's own password;
//! - [`feed`]: pages of the change feed and single documents;
//! - [`cases`]: replies and notes, callbacks and attempts, closing, revealing a number;
//! - [`passwords`]: resend, regenerate, verify;
//! - [`events`]: the carrier's tracking events;
//! - [`audit`]: the trail for leads, its verification and signed checkpoints;
//! - [`customers`]: the customer's own page: sign-in links, orders, read-back, trusted
//!   recipients.

pub mod accounts;
pub mod audit;
pub mod cases;
pub mod chat;
pub mod customers;
mod error;
pub mod events;
pub mod feed;
pub mod passwords;
pub mod social;

use std::sync::Arc;

use sportello_protocol::{AgentInfo, Role};

pub use error::{Error, Result};

use crate::clock::Clock;
use crate::store::{Idempotency, Store};

/// What every action shares: the store, the clock, the delivery-password keys, the settings.
#[derive(Clone)]
pub struct Services {
    pub store: Arc<dyn Store>,
    pub clock: Clock,
    /// How long a session token stays valid.
    pub session_ttl: chrono::Duration,
    /// The delivery-password keys; without them, actions that issue or check a code answer
    /// "unavailable".
    pub keys: Option<Arc<crate::secrets::Keys>>,
    /// Orders at or over this total (in cents of their currency) ship with a password.
    pub secure_threshold_cents: i64,
    /// Password hashing a few at a time (rule 6.3).
    pub hashing: crate::signin::HashGate,
    /// Where the customer page is served (`https://shop.example`): its cookies are `Secure`
    /// when it is HTTPS.
    pub public_url: String,
    /// Set when the server stops: open streams end, so a graceful shutdown does not wait for
    /// them.
    pub stopping: Arc<tokio::sync::watch::Sender<bool>>,
}

impl Services {
    pub fn new(store: Arc<dyn Store>) -> Services {
        Services {
            store,
            clock: Clock::system(),
            session_ttl: chrono::Duration::hours(12),
            keys: None,
            secure_threshold_cents: crate::password::SECURE_THRESHOLD_CENTS,
            hashing: crate::signin::HashGate::for_this_machine(),
            public_url: "http://127.0.0.1:8088".into(),
            stopping: Arc::new(tokio::sync::watch::channel(false).0),
        }
    }

    /// Tells open streams the server is stopping.
    pub fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// The delivery-password keys, or "unavailable" (logged) without them.
    pub fn keys(&self) -> Result<Arc<crate::secrets::Keys>> {
        self.keys.clone().ok_or_else(|| {
            tracing::error!(
                "refused: the server was started without a delivery-password keys file"
            );
            Error::Unavailable
        })
    }
}

/// Who reads cases: the queue, a ticket, order, shipment or customer, the feed.
pub const READERS: &[Role] = &[Role::Agent, Role::Lead, Role::Admin];
/// Who works cases and helps with passwords: writes messages, logs callbacks and attempts,
/// closes tickets, resends and regenerates.
pub const WRITERS: &[Role] = &[Role::Agent, Role::Lead];

/// Refuses an actor whose role is not one of `roles` (roles are the server's to enforce).
pub fn require(actor: &AgentInfo, roles: &[Role]) -> Result<()> {
    if roles.contains(&actor.role) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// An idempotency key as a request carried it: its text and the hash of the request (method,
/// path, body). Scoped to its agent at the moment of the action, it is what the store claims.
pub struct RequestKey {
    pub key: String,
    pub request_hash: Vec<u8>,
}

impl RequestKey {
    fn scoped(&self, actor: &AgentInfo, at: chrono::DateTime<chrono::Utc>) -> Idempotency {
        Idempotency {
            agent_id: actor.id.clone(),
            key: self.key.clone(),
            request_hash: self.request_hash.clone(),
            at,
        }
    }
}

/// A request's optional key, scoped (see [`RequestKey`]).
fn scoped(
    key: Option<&RequestKey>,
    actor: &AgentInfo,
    at: chrono::DateTime<chrono::Utc>,
) -> Option<Idempotency> {
    key.map(|k| k.scoped(actor, at))
}
