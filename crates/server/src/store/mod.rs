//! The store: the server's source of truth, behind one trait so the rest of the server does
//! not care which engine holds the data. `sqlite://PATH` is the embedded default;
//! `postgres://…` serves many replicas. `Store` is the sum of one trait per aggregate
//! (`schema`, `sessions`, `cases`, `customers`, `requests`, `social`, `passwords`, `events`, `mail`,
//! `feed`, `seeding`, `audit`), each with its SQL written once for both engines in its file.

pub mod audit;
pub mod bulk;
pub mod cases;
pub mod customers;
pub mod docs;
mod error;
pub mod events;
pub mod feed;
pub mod mail;
pub mod passwords;
mod postgres;
pub mod queries;
mod reads;
mod records;
pub mod requests;
mod reworded;
mod rows;
pub mod schema;
pub mod seeding;
pub mod sessions;
pub mod social;
mod sqlite;

use std::sync::Arc;

use sportello_protocol::{
    AgentInfo, ContactPoint, Customer, EntityKind, Order, Shipment, SyncPage, Ticket, TrackingEvent,
};

pub use audit::{Audit, ChainRounds};
pub use bulk::{PreparedBatch, SeedEncoder};
pub use cases::Cases;
pub use customers::Customers;
pub use error::{StoreError, StoreResult};
pub use events::Events;
pub use feed::{Changed, Feed, FeedScope};
pub use mail::Mail;
pub use passwords::Passwords;
pub use postgres::PgStore;
pub use records::*;
pub use requests::Requests;
pub use rows::*;
pub use schema::Schema;
pub use seeding::Seeding;
pub use sessions::Sessions;
pub use social::Social;
pub use sqlite::SqliteStore;

use crate::secrets::SealedCode;
use chrono::{DateTime, Utc};

/// Feed pages whose documents stay the JSON text they were stored as: `/sync` passes them
/// through without parsing and re-serialising each one.
pub use sportello_protocol::{RawChange, RawSyncPage};

/// How much typing news a follower may lag behind before it loses the oldest.
const TYPING_BACKLOG: usize = 256;

/// How many changed entities a follower may lag behind before it loses the oldest.
const CHANGED_BACKLOG: usize = 1024;

/// The server's data, whatever the engine: every aggregate's trait.
pub trait Store:
    Schema
    + Sessions
    + Cases
    + Customers
    + Requests
    + Social
    + Passwords
    + Events
    + Mail
    + Feed
    + Seeding
    + Audit
    + Send
    + Sync
    + 'static
{
}

impl<T> Store for T where
    T: Schema
        + Sessions
        + Cases
        + Customers
        + Requests
        + Social
        + Passwords
        + Events
        + Mail
        + Feed
        + Seeding
        + Audit
        + Send
        + Sync
        + 'static
{
}

/// Opens the store a URL names: `sqlite://PATH` (created if missing).
pub async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PgStore::open(url).await?))
    } else {
        anyhow::bail!("unknown store URL {url:?}: expected sqlite://PATH or postgres://…")
    }
}

/// The file path of a `sqlite://` URL, if it is one.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    use std::str::FromStr;
    if !url.starts_with("sqlite:") {
        return None;
    }
    // As sqlx reads it (`%`-escapes decoded), so the file checked is the file opened.
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
    let path = options.get_filename();
    let name = path.to_string_lossy();
    (!name.is_empty() && !name.starts_with(":memory:") && !name.starts_with("file:"))
        .then(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_sqlite_url_names_the_file_sqlx_opens() {
        let path = |url| super::sqlite_path(url).map(|p| p.display().to_string());
        assert_eq!(
            path("sqlite:///tmp/a%20b.sqlite").as_deref(),
            Some("/tmp/a b.sqlite")
        );
        assert_eq!(
            path("sqlite://data/s.sqlite?mode=rwc").as_deref(),
            Some("data/s.sqlite")
        );
        assert_eq!(path("sqlite:s.sqlite").as_deref(), Some("s.sqlite"));
        assert_eq!(path("sqlite::memory:"), None);
        assert_eq!(path("postgres://localhost/x"), None);
    }
}
