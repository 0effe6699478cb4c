//! The PostgreSQL store: many server replicas on one database. The statements are shared with
//! SQLite (`sql.rs`); what differs is how a change gets its cursor and how a feed page is read.

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sportello_protocol::{
    AgentInfo, Callback, CallbackAttempt, ContactPoint, Customer, EntityKind, Message, Order,
    OrderItem, Role, Shipment, Ticket, TrackingEvent,
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};

use super::bulk::{copy_text, Table};
use super::docs::{self, FeedDoc};
use super::{
    money, AgentRecord, Applied, Idempotency, NewMessageRow, PreparedBatch, RawChange, RawSyncPage,
    Store, StoreError, StoreResult,
};

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn open(url: &str) -> anyhow::Result<PgStore> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(PgStore { pool })
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/postgres")
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Other(e.into()))
    }
}

/// A feed page and its head come from one snapshot.
async fn read_snapshot(conn: &mut PgConnection) -> StoreResult<()> {
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(conn)
        .await?;
    Ok(())
}

/// The advisory lock that orders cursor assignment by commit (an arbitrary constant key).
const FEED_LOCK: i64 = 0x5350_4f52_5445_4c4c; // "SPORTELL"

/// Puts an entity's current document at the head of the feed (or marks it deleted). The
/// transaction holds the feed lock from its first change until it commits, so no other
/// writer can take a later cursor and commit before it: readers never skip a change.
async fn record_change<T: serde::Serialize>(
    conn: &mut PgConnection,
    kind: EntityKind,
    id: &str,
    doc: &Option<T>,
) -> StoreResult<()> {
    let data = serde_json::to_string(doc).map_err(|e| StoreError::Other(e.into()))?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(FEED_LOCK)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO changes (cursor, kind, id, deleted, data)
         VALUES (nextval('change_cursor'), $1, $2, $3, $4)
         ON CONFLICT (kind, id) DO UPDATE
            SET cursor = excluded.cursor, deleted = excluded.deleted, data = excluded.data",
    )
    .bind(kind.as_str())
    .bind(id)
    .bind(doc.is_none())
    .bind(data)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Bulk-loads a table with `COPY … FROM STDIN`.
async fn write_table(conn: &mut PgConnection, table: &Table<'_>) -> StoreResult<()> {
    if table.is_empty() {
        return Ok(());
    }
    let mut data = Vec::with_capacity(table.cells.len() * 16);
    copy_text(table, &mut data);
    let mut copy = conn
        .copy_in_raw(&format!(
            "COPY {} ({}) FROM STDIN",
            table.name,
            table.columns.join(", ")
        ))
        .await?;
    if let Err(e) = copy.send(data).await {
        copy.abort("the bulk load failed").await.ok();
        return Err(e.into());
    }
    copy.finish().await?;
    Ok(())
}

/// Appends seed documents to the feed: the column default takes each cursor from the
/// sequence, under the feed lock like every other writer.
async fn write_feed(conn: &mut PgConnection, docs: &[FeedDoc]) -> StoreResult<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(FEED_LOCK)
        .execute(&mut *conn)
        .await?;
    write_table(conn, &super::bulk::feed_table(docs)).await
}

/// A transaction that will write (row locks are taken by its statements).
async fn begin_write(
    conn: &mut PgConnection,
) -> Result<sqlx::Transaction<'_, sqlx::Postgres>, sqlx::Error> {
    conn.begin().await
}

super::sql::sql_store!(PgStore, PgConnection);
