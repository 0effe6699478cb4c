//! The console's one error boundary: what each layer failed with becomes a [`ConsoleError`]
//! with a kind the UI acts on, a code and parameters it words in the agent's language, and the
//! English message (logs, the command line).

use crate::cache::{CacheError, NotCached};
use crate::client::{ClientError, Refusal};
use crate::replay::ReplayError;
use crate::sync::SyncError;
use crate::types::{ConsoleError, ErrorCode as Code, ErrorKind as Kind};
use crate::vault::VaultError;

impl From<CacheError> for ConsoleError {
    fn from(e: CacheError) -> Self {
        match e {
            CacheError::NotCached(NotCached::Case(id)) => ConsoleError::new(
                Kind::NotFound,
                Code::CaseNotCached,
                format!("Case {id} is not in the local cache. Sync, then open it again."),
            )
            .with("id", id),
            CacheError::NotCached(NotCached::Callback(id)) => ConsoleError::new(
                Kind::NotFound,
                Code::CallbackNotCached,
                format!("Callback {id} is not in the local cache. Sync, then try again."),
            )
            .with("id", id),
            other => {
                tracing::warn!(error = %other, "the local cache failed");
                ConsoleError::new(
                    Kind::Cache,
                    Code::CacheFailed,
                    format!(
                        "The local cache failed ({other}). Sign out and in again to rebuild it."
                    ),
                )
                .with("detail", other)
            }
        }
    }
}

impl From<VaultError> for ConsoleError {
    fn from(e: VaultError) -> Self {
        ConsoleError::new(
            Kind::Cache,
            Code::KeyNotKept,
            format!(
                "The cache's key could not be kept ({}). Check the disk, then sign in again.",
                e.detail()
            ),
        )
        .with("detail", e.detail())
    }
}

impl From<ClientError> for ConsoleError {
    fn from(e: ClientError) -> Self {
        let message = e.to_string();
        let error = |kind, code| ConsoleError::new(kind, code, message.clone());
        match e {
            ClientError::InvalidAddress { address } => {
                error(Kind::InvalidInput, Code::InvalidAddress).with("address", address)
            }
            ClientError::PlainHttp { address } => {
                error(Kind::InvalidInput, Code::PlainHttp).with("address", address)
            }
            ClientError::Unreachable { server } => {
                error(Kind::Unreachable, Code::Unreachable).with("server", server)
            }
            ClientError::UntrustedCertificate { server, detail } => {
                error(Kind::Unreachable, Code::UntrustedCertificate)
                    .with("server", server)
                    .with("detail", detail)
            }
            ClientError::InvalidCredentials => {
                error(Kind::InvalidCredentials, Code::InvalidCredentials)
            }
            ClientError::SessionExpired => error(Kind::SessionExpired, Code::SessionExpired),
            ClientError::Unexpected { detail } => {
                error(Kind::Server, Code::UnexpectedAnswer).with("detail", detail)
            }
            ClientError::Refused {
                refusal: Refusal::Limit,
                resets_at,
                limit: Some(limit),
                ..
            } => {
                // Which limit and its number, worded by the UI; when it resets, in the
                // agent's time zone (never the server's English with an RFC 3339 time).
                let mut e = error(Kind::LimitReached, Code::LimitReached)
                    .with("limit", limit.as_str())
                    .with("max", limit.max());
                e.resets_at = resets_at;
                e
            }
            ClientError::Refused {
                refusal: Refusal::TooSoon,
                resets_at: Some(resets_at),
                ..
            } => {
                // How long between two attempts, and when the next may be made, worded and
                // written in the agent's language and time zone by the UI (rule 4.2).
                let mut e = error(Kind::Conflict, Code::TooSoon)
                    .with("minutes", sportello_protocol::Callback::RETRY_MINUTES);
                e.resets_at = Some(resets_at);
                e
            }
            ClientError::Refused {
                refusal,
                detail,
                resets_at,
                ..
            } => {
                let (kind, code) = match refusal {
                    // A limit the server did not name.
                    Refusal::Limit => (Kind::LimitReached, Code::Refused),
                    Refusal::LeadRequired => (Kind::NotAllowed, Code::LeadRequired),
                    Refusal::NotPossible => (Kind::Conflict, Code::NotPossible),
                    // Too soon, without saying until when.
                    Refusal::TooSoon => (Kind::Conflict, Code::Refused),
                    Refusal::Throttled => (Kind::Server, Code::Throttled),
                    Refusal::NotFound => (Kind::NotFound, Code::Refused),
                    Refusal::Invalid => (Kind::InvalidInput, Code::Refused),
                    Refusal::Other => (Kind::Server, Code::Refused),
                };
                let mut e = error(kind, code).with("detail", detail);
                e.resets_at = resets_at;
                e
            }
        }
    }
}

impl From<SyncError> for ConsoleError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Client(e) => e.into(),
            SyncError::Cache(e) => e.into(),
        }
    }
}

impl From<ReplayError> for ConsoleError {
    fn from(e: ReplayError) -> Self {
        match e {
            ReplayError::Client(e) => e.into(),
            ReplayError::Cache(e) => e.into(),
        }
    }
}

/// Nothing is cached for this console yet.
pub(super) fn nothing_cached() -> ConsoleError {
    ConsoleError::new(
        Kind::NotFound,
        Code::NothingCached,
        "There is no cached data yet. Sign in to sync the queue.",
    )
}

/// An action that needs the server (`what`, e.g. "Password actions"), without a session.
pub(super) fn sign_in_first(what: &str) -> ConsoleError {
    ConsoleError::new(
        Kind::SessionExpired,
        Code::SignInFirst,
        format!("{what} need the server: sign in, then try again."),
    )
}

/// An action that needs the server (`what`), which cannot be reached: nothing was done.
pub(super) fn needs_server(what: &str) -> ConsoleError {
    ConsoleError::new(
        Kind::Unreachable,
        Code::NeedsServer,
        format!(
            "The server cannot be reached, and {} need it: nothing was done. Try again when the console is back online.",
            what.to_lowercase()
        ),
    )
}
