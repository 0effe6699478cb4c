//! The store: the server's source of truth, behind one trait so the rest of the server does
//! not care which engine holds the data. `sqlite://PATH` is the embedded default;
//! `postgres://…` serves many replicas. `Store` is the sum of one trait per aggregate
//! (`schema`, `sessions`, `cases`, `passwords`, `events`, `mail`, `feed`, `seeding`), each with
//! its SQL written once for both engines in its file.

pub mod bulk;
pub mod cases;
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
mod reworded;
mod rows;
pub mod schema;
pub mod seeding;
pub mod sessions;
mod sqlite;

use std::sync::Arc;

use sportello_protocol::{
    AgentInfo, Customer, EntityKind, Order, Shipment, SyncPage, Ticket, TrackingEvent,
};

pub use bulk::{PreparedBatch, SeedEncoder};
pub use cases::Cases;
pub use error::{StoreError, StoreResult};
pub use events::Events;
pub use feed::Feed;
pub use mail::Mail;
pub use passwords::Passwords;
pub use postgres::PgStore;
pub use records::*;
pub use rows::*;
pub use schema::Schema;
pub use seeding::Seeding;
pub use sessions::Sessions;
pub use sqlite::SqliteStore;

use crate::secrets::SealedCode;
use chrono::{DateTime, Utc};

/// Feed pages whose documents stay the JSON text they were stored as: `/sync` passes them
/// through without parsing and re-serialising each one.
pub use sportello_protocol::{RawChange, RawSyncPage};

/// The server's data, whatever the engine: every aggregate's trait.
pub trait Store:
    Schema + Sessions + Cases + Passwords + Events + Mail + Feed + Seeding + Send + Sync + 'static
{
}

impl<T> Store for T where
    T: Schema
        + Sessions
        + Cases
        + Passwords
        + Events
        + Mail
        + Feed
        + Seeding
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
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}
