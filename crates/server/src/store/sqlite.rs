//! The SQLite store: one database file, WAL, migrations embedded in the binary.
//!
//! Entities live in normalised tables; `render_*` reads them back into the wire shapes, and
//! every write re-renders what it touched into the `changes` feed in the same transaction.
//! The shared statements are in `sql.rs`; a change's cursor is SQLite's AUTOINCREMENT, in
//! commit order because SQLite has one writer at a time.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sportello_protocol::{
    AgentInfo, Callback, CallbackAttempt, Change, ContactPoint, Customer, EntityKind, Message,
    Order, OrderItem, PasswordStatus, Role, Shipment, SyncPage, Ticket, TrackingEvent,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};

use super::{money, AgentRecord, SeedBatch, Store, StoreError, StoreResult};
use crate::mask;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub async fn open(url: &str) -> anyhow::Result<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(SqliteStore { pool })
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/sqlite")
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Other(e.into()))
    }
}

/// A SQLite transaction already reads one snapshot.
async fn read_snapshot(_conn: &mut SqliteConnection) -> StoreResult<()> {
    Ok(())
}

/// Puts an entity's current document at the head of the feed (or marks it deleted).
async fn record_change<T: serde::Serialize>(
    conn: &mut SqliteConnection,
    kind: EntityKind,
    id: &str,
    doc: &Option<T>,
) -> StoreResult<()> {
    let data = serde_json::to_string(doc).map_err(|e| StoreError::Other(e.into()))?;
    sqlx::query("DELETE FROM changes WHERE kind = $1 AND id = $2")
        .bind(kind.as_str())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO changes (kind, id, deleted, data) VALUES ($1, $2, $3, $4)")
        .bind(kind.as_str())
        .bind(id)
        .bind(doc.is_none())
        .bind(data)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

super::sql::sql_store!(SqliteStore, SqliteConnection);
