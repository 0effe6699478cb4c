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
use sqlx::sqlite::SqliteArguments;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Arguments, Connection, SqliteConnection, SqlitePool};

use super::bulk::{Table, Value};
use super::docs;
use super::*;
use crate::mask;
use crate::secrets::SealedCode;
use futures::future::BoxFuture;

pub struct SqliteStore {
    pool: SqlitePool,
    /// This process's rounds of chaining audit entries (`store/sql/audit.rs`).
    chain: crate::store::ChainRounds,
    /// Who is typing: carried by this store alone, so two stores in one process (tests) never
    /// hear each other's customers.
    typing: tokio::sync::broadcast::Sender<sportello_protocol::Typing>,
}

impl SqliteStore {
    pub async fn open(url: &str) -> anyhow::Result<SqliteStore> {
        // A new store is its owner's alone (rule 10.5); SQLite gives its WAL and shared-memory
        // files the database's mode.
        if let Some(path) = super::sqlite_path(url) {
            crate::files::touch_private(&path)?;
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true)
            // Room for every bulk-insert shape of `seed` besides the API's statements.
            .statement_cache_capacity(512);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(SqliteStore {
            pool,
            chain: Default::default(),
            typing: tokio::sync::broadcast::channel(TYPING_BACKLOG).0,
        })
    }

    /// Runs a one-shot read on a pooled connection (in process, the pool's checks cost little).
    async fn read<T>(
        &self,
        query: impl for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, sqlx::Result<T>>,
    ) -> StoreResult<T> {
        let mut conn = self.pool.acquire().await?;
        Ok(query(&mut conn).await?)
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        let migrator = sqlx::migrate!("./migrations/sqlite");
        let applied: Option<(String,)> = sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_optional(&self.pool)
        .await?;
        if applied.is_some() {
            for (new, version, old) in super::reworded::updates(&migrator, super::reworded::SQLITE)
            {
                sqlx::query(super::reworded::UPDATE)
                    .bind(new)
                    .bind(version)
                    .bind(old)
                    .execute(&self.pool)
                    .await?;
            }
        }
        migrator
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Other(e.into()))
    }
}

/// SQLite numbers each change as it is written (one writer at a time): nothing is pending.
async fn before_feed_read(_conn: &mut SqliteConnection) -> StoreResult<()> {
    Ok(())
}

/// A SQLite transaction already reads one snapshot.
async fn read_snapshot(_conn: &mut SqliteConnection) -> StoreResult<()> {
    Ok(())
}

/// Puts an entity's current document at the head of the feed (or marks it deleted).
/// The feed's signal on SQLite: one process writes the file, so the process carries it. It
/// moves as a change is recorded, a moment before its transaction commits: a follower that
/// reads too early finds the change on its next look (`service::feed::Follow` looks again
/// within a second).
static FEED_SIGNAL: std::sync::LazyLock<tokio::sync::watch::Sender<u64>> =
    std::sync::LazyLock::new(|| tokio::sync::watch::channel(0).0);

fn subscribe_feed(_: &SqliteStore) -> tokio::sync::watch::Receiver<u64> {
    FEED_SIGNAL.subscribe()
}

/// Which entities changed, on SQLite: the one process carries it.
static CHANGED: std::sync::LazyLock<tokio::sync::broadcast::Sender<Changed>> =
    std::sync::LazyLock::new(|| tokio::sync::broadcast::channel(CHANGED_BACKLOG).0);

fn subscribe_changed(_: &SqliteStore) -> tokio::sync::broadcast::Receiver<Changed> {
    CHANGED.subscribe()
}

/// One process: it hears itself at once.
async fn hear_others(_: &SqliteStore) {}

async fn announce_typing(
    store: &SqliteStore,
    typing: &sportello_protocol::Typing,
) -> StoreResult<()> {
    // No one following is no one to tell.
    let _ = store.typing.send(typing.clone());
    Ok(())
}

fn subscribe_typing(
    store: &SqliteStore,
) -> tokio::sync::broadcast::Receiver<sportello_protocol::Typing> {
    store.typing.subscribe()
}

/// Moves the feed's signal once and tells followers of each ticket among `changes` that it
/// changed (see `FEED_SIGNAL` and `CHANGED`).
fn tell_changes<'a>(changes: impl IntoIterator<Item = (EntityKind, &'a str)>) {
    FEED_SIGNAL.send_modify(|n| *n = n.wrapping_add(1));
    for (kind, id) in changes {
        if Changed::is_told(kind) {
            let _ = CHANGED.send(Changed {
                kind,
                id: id.to_string(),
            });
        }
    }
}

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
    tell_changes([(kind, id)]);
    sqlx::query("INSERT INTO changes (kind, id, deleted, data) VALUES ($1, $2, $3, $4)")
        .bind(kind.as_str())
        .bind(id)
        .bind(doc.is_none())
        .bind(data)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Puts many documents at the head of the feed at once, as [`record_change`] puts one (each
/// `(kind, id)` at most once): the old rows go in one statement, the new ones in a few.
async fn record_changes(conn: &mut SqliteConnection, docs: &[docs::FeedDoc]) -> StoreResult<()> {
    if docs.is_empty() {
        return Ok(());
    }
    let keys: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d.kind.as_str(), d.id.as_str()))
        .collect();
    let keys = serde_json::to_string(&keys).map_err(|e| StoreError::Other(e.into()))?;
    sqlx::query(
        "DELETE FROM changes WHERE (kind, id) IN
           (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($1))",
    )
    .bind(keys)
    .execute(&mut *conn)
    .await?;
    tell_changes(docs.iter().map(|d| (d.kind, d.id.as_str())));
    write_table(conn, &super::bulk::feed_table(docs)).await
}

/// Most rows one `INSERT` carries, and most arguments (SQLite's limit is 32,766). Statements
/// carry a power of two rows, so a handful of statement shapes per table are prepared once
/// and reused from the statement cache.
const MAX_ROWS_PER_INSERT: usize = 1024;
const MAX_ARGUMENTS: usize = 32_000;

/// A batch's statements, ready to run.
struct SeedStatements(Vec<(String, SqliteArguments)>);

/// Encodes a seed batch into multi-row `INSERT`s with their arguments (on `seed`'s generator
/// thread, so the connection's thread only executes).
fn encode_batch(batch: &PreparedBatch) -> StoreResult<Box<dyn std::any::Any + Send>> {
    let mut statements = Vec::new();
    let feed = super::bulk::feed_table(&batch.docs);
    for table in batch.tables().iter().chain([&feed]) {
        encode_table(table, &mut statements)?;
    }
    Ok(Box::new(SeedStatements(statements)))
}

fn encode_table(table: &Table<'_>, out: &mut Vec<(String, SqliteArguments)>) -> StoreResult<()> {
    let width = table.columns.len();
    let most = MAX_ROWS_PER_INSERT.min(MAX_ARGUMENTS / width);
    let row = format!("({})", vec!["?"; width].join(", "));
    let rows: Vec<&[Value<'_>]> = table.rows().collect();
    let mut rest = &rows[..];
    while !rest.is_empty() {
        let n = 1 << rest.len().min(most).ilog2();
        let (chunk, tail) = rest.split_at(n);
        let sql = format!(
            "INSERT INTO {} ({}) VALUES {}",
            table.name,
            table.columns.join(", "),
            vec![row.as_str(); n].join(", ")
        );
        let mut args = SqliteArguments::default();
        for cell in chunk.iter().flat_map(|r| r.iter()) {
            match *cell {
                Value::Text(s) => args.add(s),
                Value::Int(n) => args.add(n),
                Value::Bool(b) => args.add(b),
                Value::Time(t) => args.add(t),
                Value::Date(d) => args.add(d),
                Value::Bytes(b) => args.add(b),
                Value::Null => args.add(None::<String>),
            }
            .map_err(|e| StoreError::Other(anyhow::anyhow!("cannot bind a seed value: {e}")))?;
        }
        out.push((sql, args));
        rest = tail;
    }
    Ok(())
}

const SEED_ENCODER: Option<SeedEncoder> = Some(encode_batch);

/// Runs a seed batch's statements (encoded ahead when `seed` could).
async fn write_batch(conn: &mut SqliteConnection, batch: PreparedBatch) -> StoreResult<()> {
    let encoded = match batch.encoded {
        Some(encoded) => encoded,
        None => encode_batch(&batch)?,
    };
    let statements = encoded.downcast::<SeedStatements>().map_err(|_| {
        StoreError::Other(anyhow::anyhow!("a seed batch encoded for another engine"))
    })?;
    run_statements(conn, statements.0).await
}

/// Writes a table's rows in a few multi-row `INSERT`s (a round of chained audit entries).
async fn write_table(conn: &mut SqliteConnection, table: &Table<'_>) -> StoreResult<()> {
    let mut statements = Vec::new();
    encode_table(table, &mut statements)?;
    run_statements(conn, statements).await
}

async fn run_statements(
    conn: &mut SqliteConnection,
    statements: Vec<(String, SqliteArguments)>,
) -> StoreResult<()> {
    for (sql, args) in statements {
        // Built only from static table and column names and `?` placeholders.
        sqlx::query_with(sqlx::AssertSqlSafe(sql), args)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Settings for a bulk load on this connection, or back to normal. Seeding fills an empty
/// store that is worthless half-written anyway, so it skips fsync and gets a large page cache
/// (orders and the feed's `(kind, id)` index take keys in random order).
async fn bulk_settings(conn: &mut SqliteConnection, bulk: bool) -> StoreResult<()> {
    let sql = if bulk {
        "PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576"
    } else {
        "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000"
    };
    sqlx::raw_sql(sql).execute(&mut *conn).await?;
    Ok(())
}

/// After a bulk load: nothing. SQLite plans without statistics, and the store's statements
/// are written for those plans; `ANALYZE` would change them.
async fn refresh_statistics(_conn: &mut SqliteConnection) -> StoreResult<()> {
    Ok(())
}

/// A transaction that will write: SQLite takes the write lock at once, so two writers never
/// deadlock upgrading their read locks.
async fn begin_write(
    conn: &mut SqliteConnection,
) -> Result<sqlx::Transaction<'_, sqlx::Sqlite>, sqlx::Error> {
    conn.begin_with("BEGIN IMMEDIATE").await
}

/// The audit chain's lock: SQLite's write transaction (`BEGIN IMMEDIATE`) already holds the
/// database.
async fn lock_audit_chain(_conn: &mut SqliteConnection) -> StoreResult<()> {
    Ok(())
}

/// This engine's store, connection and row, as the shared SQL (`sql/`) names them.
type Engine = SqliteStore;
type Conn = SqliteConnection;
type Row = sqlx::sqlite::SqliteRow;

// The one source of the SQL, compiled once per engine on purpose.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;

#[cfg(test)]
mod tests {
    use super::*;

    /// Typing is carried by its store: a second store in the same process (as tests run
    /// several servers in one) never hears the first one's customers.
    #[tokio::test]
    async fn typing_is_heard_by_its_own_store_alone() {
        let dir = tempfile::tempdir().unwrap();
        let open = |name: &str| {
            let url = format!("sqlite://{}", dir.path().join(name).display());
            async move { SqliteStore::open(&url).await.unwrap() }
        };
        let (one, other) = (open("one.sqlite").await, open("other.sqlite").await);
        let (mut hears_one, mut hears_other) = (subscribe_typing(&one), subscribe_typing(&other));
        let typing = sportello_protocol::Typing {
            ticket_id: "T-1".into(),
            by: sportello_protocol::Typist::Customer,
            name: "A customer".into(),
        };
        announce_typing(&one, &typing).await.unwrap();
        assert_eq!(hears_one.recv().await.unwrap().ticket_id, "T-1");
        assert!(
            hears_other.try_recv().is_err(),
            "the other store heard nothing"
        );
    }
}
