//! What can go wrong in a store, as the layers above need to tell it apart. A database error
//! that is not one of these keeps what failed in its message (logged, never sent).

use chrono::{DateTime, Utc};

/// What can go wrong in a store, as the API needs to tell it apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached (or timed out): worth retrying, answer 503.
    #[error("the store is unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// What the request names does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The entity's state forbids the change; `kind` is the problem type to answer with.
    #[error("{detail}")]
    Conflict { kind: &'static str, detail: String },
    /// The request names something the entity does not have (e.g. a recipient not on file).
    #[error("{0}")]
    Invalid(String),
    /// A delivery-password limit (rule 7), with when it resets.
    #[error("{detail}")]
    Limit {
        limit: sportello_protocol::PasswordLimit,
        resets_at: DateTime<Utc>,
        retry_after_secs: u64,
        detail: String,
    },
    /// A callback attempt less than ten minutes after the last: the next may be made at
    /// `retry_at` (rule 4.2).
    #[error("{detail}")]
    TooSoon {
        detail: String,
        retry_at: DateTime<Utc>,
        retry_after_secs: u64,
    },
    /// Only a lead may do this (rule 6).
    #[error("{0}")]
    LeadRequired(String),
    /// The acting account was disabled (or removed) while its request was on its way.
    #[error("the account is disabled")]
    Disabled,
    /// The agent already used this idempotency key for a different request.
    #[error("this Idempotency-Key was already used for a different request")]
    KeyReused,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e)
            }
            // PostgreSQL refuses a NUL in text (22021) or a character its encoding lacks
            // (22P05). Free text is checked before it gets here (rule 4.5); an id sent with one
            // names nothing.
            sqlx::Error::Database(db)
                if matches!(db.code().as_deref(), Some("22021") | Some("22P05")) =>
            {
                StoreError::Invalid(
                    "the request holds a character that text may not hold (such as NUL)".into(),
                )
            }
            other => StoreError::Other(other.into()),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
