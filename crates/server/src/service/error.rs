//! What an action can refuse, or fail with, in the server's own terms: the HTTP layer turns
//! each into its answer, the command line into its message. Internal causes
//! travel as `Internal` and are logged, never shown.

use chrono::{DateTime, Utc};

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Well-formed but wrong: a text with a refused character, a recipient not on file.
    #[error("{0}")]
    Invalid(String),
    /// A parameter of a read out of its bounds (a page size, a cursor).
    #[error("{0}")]
    OutOfBounds(String),
    /// The actor's role may not do this.
    #[error("your role may not do this")]
    Forbidden,
    /// The actor's account or session no longer holds (disabled meanwhile).
    #[error("sign in first: this request needs a valid bearer token")]
    Unauthorized,
    #[error("wrong username or password")]
    InvalidCredentials,
    /// A signed-in agent's own password, asked again, was not right.
    #[error("the current password is not right")]
    WrongPassword,
    #[error("{0}")]
    NotFound(String),
    /// The entity's state forbids the change; `kind` is the problem type.
    #[error("{detail}")]
    Conflict { kind: &'static str, detail: String },
    /// Only a lead may do this (rule 3.6).
    #[error("{0}")]
    LeadRequired(String),
    /// A callback attempt too soon after the last (rule 4.2).
    #[error("{detail}")]
    TooSoon {
        detail: String,
        retry_at: DateTime<Utc>,
        retry_after: u64,
    },
    /// A delivery-password limit (rule 3.7): which, and when it resets.
    #[error("{detail}")]
    Limit {
        limit: sportello_protocol::PasswordLimit,
        resets_at: DateTime<Utc>,
        retry_after: u64,
        detail: String,
    },
    /// Too many failed sign-ins (rule 6.2); `retry_after` seconds until the window ends.
    #[error("{detail}")]
    Throttled { detail: String, retry_after: u64 },
    /// Too much at once (rule 6.3): try again after `retry_after` seconds.
    #[error("the server is busy checking other sign-ins; try again in a moment")]
    Busy { retry_after: u64 },
    #[error("this Idempotency-Key was already used for a different request; use a new key for a new request")]
    KeyReused,
    /// The store (or the keys a code needs) cannot be reached; worth trying again.
    #[error("the store is unavailable; try again shortly")]
    Unavailable,
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "store unavailable");
                Error::Unavailable
            }
            StoreError::NotFound(detail) => Error::NotFound(detail),
            StoreError::Conflict { kind, detail } => Error::Conflict { kind, detail },
            StoreError::KeyReused => Error::KeyReused,
            StoreError::Disabled => Error::Unauthorized,
            StoreError::Invalid(detail) => Error::Invalid(detail),
            StoreError::LeadRequired(detail) => Error::LeadRequired(detail),
            StoreError::TooSoon {
                detail,
                retry_at,
                retry_after_secs,
            } => Error::TooSoon {
                detail,
                retry_at,
                retry_after: retry_after_secs,
            },
            StoreError::Limit {
                limit,
                resets_at,
                retry_after_secs,
                detail,
            } => Error::Limit {
                limit,
                resets_at,
                retry_after: retry_after_secs,
                detail,
            },
            StoreError::Other(cause) => Error::Internal(cause),
        }
    }
}

impl From<crate::text::Refused> for Error {
    fn from(e: crate::text::Refused) -> Self {
        Error::Invalid(e.0)
    }
}
