//! What the local cache's layers fail with: every failure says what the cache was doing. The
//! console words it for the agent (`console/errors.rs`).

use std::borrow::Cow;

/// A failure of the local cache, or of a layer over it (search, ticket writes, the queue, the
/// outbox's storage, applying sync pages).
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// A statement failed; `what` is what it was for ("read the queue").
    #[error("could not {what}: {source}")]
    Sql {
        what: Cow<'static, str>,
        #[source]
        source: sqlx::Error,
    },
    /// The cache's migrations could not run.
    #[error("could not prepare the cache: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A file beside the cache could not be made, read or removed.
    #[error("could not {what}: {source}")]
    Io {
        what: Cow<'static, str>,
        #[source]
        source: std::io::Error,
    },
    /// A stored document or column does not read back as what was written.
    #[error("a stored {what} does not read back: {detail}")]
    Corrupt { what: &'static str, detail: String },
    /// What was asked for is not cached.
    #[error("{0}")]
    NotCached(NotCached),
}

/// What is not in the cache.
#[derive(Debug)]
pub enum NotCached {
    Case(String),
    Callback(String),
}

impl std::fmt::Display for NotCached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotCached::Case(id) => write!(f, "case {id} is not in the local cache"),
            NotCached::Callback(id) => write!(f, "callback {id} is not in the local cache"),
        }
    }
}

pub type Result<T, E = CacheError> = std::result::Result<T, E>;

/// Says what a statement was for: `query.fetch_all(..).await.what("read the queue")?`.
pub trait What<T> {
    fn what(self, what: impl Into<Cow<'static, str>>) -> Result<T>;
}

impl<T> What<T> for std::result::Result<T, sqlx::Error> {
    fn what(self, what: impl Into<Cow<'static, str>>) -> Result<T> {
        self.map_err(|source| CacheError::Sql {
            what: what.into(),
            source,
        })
    }
}

impl<T> What<T> for std::io::Result<T> {
    fn what(self, what: impl Into<Cow<'static, str>>) -> Result<T> {
        self.map_err(|source| CacheError::Io {
            what: what.into(),
            source,
        })
    }
}

/// A stored value that does not read back.
pub fn corrupt(what: &'static str, detail: impl std::fmt::Display) -> CacheError {
    CacheError::Corrupt {
        what,
        detail: detail.to_string(),
    }
}
