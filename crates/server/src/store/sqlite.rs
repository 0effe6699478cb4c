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
    AgentInfo, Callback, CallbackAttempt, ContactPoint, Customer, EntityKind, Message, Order,
    OrderItem, Role, Shipment, Ticket, TrackingEvent,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use super::bulk::{Table, Value};
use super::docs::{self, FeedDoc};
use super::{
    money, AgentRecord, Applied, Idempotency, NewMessageRow, PreparedBatch, RawChange, RawSyncPage,
    Store, StoreError, StoreResult,
};

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

/// Most rows one `INSERT` carries. Statements carry a power of two rows at most this many, so
/// a handful of statement shapes per table are prepared once and reused.
const ROWS_PER_INSERT: usize = 256;

/// Bulk-inserts a table with multi-row `INSERT`s.
async fn write_table(conn: &mut SqliteConnection, table: &Table<'_>) -> StoreResult<()> {
    let rows: Vec<&[Value<'_>]> = table.rows().collect();
    let mut rest = &rows[..];
    while !rest.is_empty() {
        let n = 1 << rest.len().min(ROWS_PER_INSERT).ilog2();
        let (chunk, tail) = rest.split_at(n);
        let mut insert = QueryBuilder::<Sqlite>::new(format!(
            "INSERT INTO {} ({}) ",
            table.name,
            table.columns.join(", ")
        ));
        insert.push_values(chunk, |mut row, cells| {
            for cell in *cells {
                match *cell {
                    Value::Text(s) => row.push_bind(s),
                    Value::Int(n) => row.push_bind(n),
                    Value::Bool(b) => row.push_bind(b),
                    Value::Time(t) => row.push_bind(t),
                    Value::Date(d) => row.push_bind(d),
                    Value::Bytes(b) => row.push_bind(b),
                    Value::Null => row.push_bind(None::<String>),
                };
            }
        });
        insert.build().execute(&mut *conn).await?;
        rest = tail;
    }
    Ok(())
}

/// Appends seed documents to the feed: cursors follow the insertion order.
async fn write_feed(conn: &mut SqliteConnection, docs: &[FeedDoc]) -> StoreResult<()> {
    write_table(conn, &super::bulk::feed_table(docs)).await
}

/// A transaction that will write: SQLite takes the write lock at once, so two writers never
/// deadlock upgrading their read locks.
async fn begin_write(
    conn: &mut SqliteConnection,
) -> Result<sqlx::Transaction<'_, sqlx::Sqlite>, sqlx::Error> {
    conn.begin_with("BEGIN IMMEDIATE").await
}

super::sql::sql_store!(SqliteStore, SqliteConnection);
