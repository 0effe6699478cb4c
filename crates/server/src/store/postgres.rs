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

use super::bulk::{Table, Value};
use super::docs;
use super::reads::ReadConnections;
use super::*;
use crate::mask;
use crate::secrets::SealedCode;
use futures::future::BoxFuture;

pub struct PgStore {
    pool: PgPool,
    reads: ReadConnections<PgConnection>,
    /// This process's rounds of chaining audit entries (`store/sql/audit.rs`).
    chain: crate::store::ChainRounds,
    /// The feed's signal, fed by a `LISTEN` connection started by the first follower.
    signal: std::sync::OnceLock<std::sync::Arc<tokio::sync::watch::Sender<u64>>>,
    /// Who is typing, fed by the same connection.
    typing: tokio::sync::broadcast::Sender<sportello_protocol::Typing>,
    /// Which entities changed, fed by the same connection.
    changed: tokio::sync::broadcast::Sender<Changed>,
}

/// The channel writers `NOTIFY` when they record a change (delivered when they commit).
const FEED_CHANNEL: &str = "sportello_feed";

/// The channel that carries who is typing (a `Typing` as JSON).
const TYPING_CHANNEL: &str = "sportello_typing";

/// The feed's signal, with the listener that moves it started on first use.
fn feed_signal(store: &PgStore) -> &std::sync::Arc<tokio::sync::watch::Sender<u64>> {
    store.signal.get_or_init(|| {
        let signal = std::sync::Arc::new(tokio::sync::watch::channel(0).0);
        tokio::spawn(listen_feed(
            store.pool.clone(),
            std::sync::Arc::downgrade(&signal),
            Heard {
                typing: store.typing.clone(),
                changed: store.changed.clone(),
            },
        ));
        signal
    })
}

fn subscribe_feed(store: &PgStore) -> tokio::sync::watch::Receiver<u64> {
    feed_signal(store).subscribe()
}

fn subscribe_changed(store: &PgStore) -> tokio::sync::broadcast::Receiver<Changed> {
    // Subscribed before the listener may start, so nothing it hears is lost to this one.
    let changed = store.changed.subscribe();
    feed_signal(store);
    changed
}

/// Where the listener passes on what it hears besides the feed's signal.
struct Heard {
    typing: tokio::sync::broadcast::Sender<sportello_protocol::Typing>,
    changed: tokio::sync::broadcast::Sender<Changed>,
}

/// The listener moves the feed's signal once it listens: the first subscriber waits for it.
async fn hear_others(store: &PgStore) {
    let mut signal = subscribe_feed(store);
    if tokio::time::timeout(Duration::from_secs(5), signal.changed())
        .await
        .is_err()
    {
        tracing::warn!("not yet listening to the other replicas; going on");
    }
}

async fn announce_typing(store: &PgStore, typing: &sportello_protocol::Typing) -> StoreResult<()> {
    let payload = serde_json::to_string(typing).map_err(|e| StoreError::Other(e.into()))?;
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(TYPING_CHANNEL)
        .bind(payload)
        .execute(&store.pool)
        .await?;
    Ok(())
}

fn subscribe_typing(
    store: &PgStore,
) -> tokio::sync::broadcast::Receiver<sportello_protocol::Typing> {
    // Subscribed before the listener may start, so nothing it hears is lost to this one.
    let typing = store.typing.subscribe();
    feed_signal(store);
    typing
}

/// Moves the signal on every notification of [`FEED_CHANNEL`], from any replica, until the
/// store is gone, and passes on who is typing ([`TYPING_CHANNEL`]). A lost connection is
/// opened again; the signal moves then too, since notifications may have been missed
/// meanwhile.
async fn listen_feed(
    pool: PgPool,
    signal: std::sync::Weak<tokio::sync::watch::Sender<u64>>,
    heard: Heard,
) {
    let bump = |signal: &std::sync::Weak<tokio::sync::watch::Sender<u64>>| match signal.upgrade() {
        Some(s) => {
            s.send_modify(|n| *n = n.wrapping_add(1));
            true
        }
        None => false,
    };
    loop {
        match sqlx::postgres::PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen_all([FEED_CHANNEL, TYPING_CHANNEL]).await {
                    tracing::warn!(error = %e, "cannot listen for feed changes; trying again");
                } else {
                    if !bump(&signal) {
                        return;
                    }
                    loop {
                        // `None`: the connection was lost (the listener connects again on
                        // the next call, and the signal moves then, as anything may have
                        // been missed). Typing does not move the feed's signal.
                        match listener.try_recv().await {
                            Ok(Some(n)) if n.channel() == TYPING_CHANNEL => {
                                if let Ok(t) = serde_json::from_str(n.payload()) {
                                    let _ = heard.typing.send(t);
                                }
                            }
                            Ok(n) => {
                                if let Some(changed) =
                                    n.as_ref().and_then(|n| Changed::parse(n.payload()))
                                {
                                    let _ = heard.changed.send(changed);
                                }
                                if !bump(&signal) {
                                    return;
                                }
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "the feed's listener failed");
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot listen for feed changes; trying again"),
        }
        if !bump(&signal) {
            return;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

impl PgStore {
    pub async fn open(url: &str) -> anyhow::Result<PgStore> {
        let mut options = PgConnectOptions::from_str(url)?;
        // Asked for TLS, the server's certificate and name are verified against the OS
        // certificate store: `sslmode=require` alone would take any certificate.
        if matches!(options.get_ssl_mode(), sqlx::postgres::PgSslMode::Require) {
            options = options.ssl_mode(sqlx::postgres::PgSslMode::VerifyFull);
        }
        let reads = ReadConnections::new(options.clone(), 16);
        let pool = PgPoolOptions::new()
            .max_connections(16)
            // No ping round trip before every query: a connection that broke fails its query
            // (503 for that one request) and the pool replaces it.
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(PgStore {
            pool,
            reads,
            chain: Default::default(),
            signal: Default::default(),
            typing: tokio::sync::broadcast::channel(TYPING_BACKLOG).0,
            changed: tokio::sync::broadcast::channel(CHANGED_BACKLOG).0,
        })
    }

    /// Runs a one-shot read on the read path's connections.
    async fn read<T>(
        &self,
        query: impl for<'c> FnOnce(&'c mut PgConnection) -> BoxFuture<'c, sqlx::Result<T>>,
    ) -> StoreResult<T> {
        self.reads.run(query).await
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        let migrator = sqlx::migrate!("./migrations/postgres");
        let (applied,): (bool,) =
            sqlx::query_as("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
                .fetch_one(&self.pool)
                .await?;
        if applied {
            for (new, version, old) in
                super::reworded::updates(&migrator, super::reworded::POSTGRES)
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

/// Before a feed page is read, committed pending changes get their cursors.
async fn before_feed_read(conn: &mut PgConnection) -> StoreResult<()> {
    number_pending(conn).await
}

/// A feed page and its head come from one snapshot.
async fn read_snapshot(conn: &mut PgConnection) -> StoreResult<()> {
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(conn)
        .await?;
    Ok(())
}

/// The advisory lock under which pending feed rows are numbered.
const FEED_LOCK: i64 = crate::store::queries::FEED_LOCK;

/// What the feed's `NOTIFY` carries for a change: which ticket (`kind:id`), or nothing for a
/// kind no follower is told of by name.
fn notice(kind: EntityKind, id: &str) -> String {
    if Changed::is_told(kind) {
        Changed::payload(kind, id)
    } else {
        String::new()
    }
}

/// Puts an entity's current document in the feed (or marks it deleted), pending: no lock, so
/// writers commit concurrently. [`number_pending`] gives it its cursor once it is committed.
async fn record_change<T: serde::Serialize>(
    conn: &mut PgConnection,
    kind: EntityKind,
    id: &str,
    doc: &Option<T>,
) -> StoreResult<()> {
    let data = serde_json::to_string(doc).map_err(|e| StoreError::Other(e.into()))?;
    // Followers on every replica hear of it when the transaction commits.
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(FEED_CHANNEL)
        .bind(notice(kind, id))
        .execute(&mut *conn)
        .await?;
    sqlx::query(crate::store::queries::CHANGE_UPSERT)
        .bind(kind.as_str())
        .bind(id)
        .bind(doc.is_none())
        .bind(data)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Puts many documents at the head of the feed at once, as [`record_change`] puts one (each
/// `(kind, id)` at most once), in one statement.
async fn record_changes(conn: &mut PgConnection, docs: &[docs::FeedDoc]) -> StoreResult<()> {
    if docs.is_empty() {
        return Ok(());
    }
    // PostgreSQL sends a transaction's equal notifications once: the empty one stands for
    // every change of a kind no follower is told of by name.
    let mut told: Vec<String> = docs.iter().map(|d| notice(d.kind, &d.id)).collect();
    told.sort_unstable();
    told.dedup();
    sqlx::query("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload")
        .bind(FEED_CHANNEL)
        .bind(told)
        .execute(&mut *conn)
        .await?;
    let column = |f: fn(&docs::FeedDoc) -> &str| docs.iter().map(f).collect::<Vec<_>>();
    sqlx::query(crate::store::queries::CHANGES_UPSERT_MANY)
        .bind(column(|d| d.kind.as_str()))
        .bind(column(|d| &d.id))
        .bind(column(|d| &d.data))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Numbers the committed pending feed rows, in the order they were written, under the feed
/// lock, and commits. Rows of transactions still open are not visible here and get later
/// cursors in a later call: a reader that has passed cursor N never meets a smaller one.
async fn number_pending(conn: &mut PgConnection) -> StoreResult<()> {
    // Most reads find nothing pending: one indexed look instead of a locked transaction. A row
    // committed just after it is numbered by the next read, with a later cursor.
    let (any,): (bool,) = sqlx::query_as(crate::store::queries::FEED_ANY_PENDING)
        .fetch_one(&mut *conn)
        .await?;
    if !any {
        return Ok(());
    }
    let mut tx = conn.begin().await?;
    sqlx::query(crate::store::queries::FEED_LOCK_TAKE)
        .bind(FEED_LOCK)
        .execute(&mut *tx)
        .await?;
    let pending: Vec<(String, String)> = sqlx::query_as(crate::store::queries::FEED_PENDING)
        .fetch_all(&mut *tx)
        .await?;
    if !pending.is_empty() {
        let n = pending.len() as i64;
        let (last,): (i64,) = sqlx::query_as(crate::store::queries::FEED_RESERVE)
            .bind(n)
            .fetch_one(&mut *tx)
            .await?;
        let (kinds, ids): (Vec<String>, Vec<String>) = pending.into_iter().unzip();
        let cursors: Vec<i64> = (last - n + 1..=last).collect();
        sqlx::query(crate::store::queries::FEED_NUMBER)
            .bind(kinds)
            .bind(ids)
            .bind(cursors)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Bulk-loads a table in one `INSERT … SELECT FROM unnest($1::type[], …)`: one array per
/// column, one round trip. (Not `COPY`: sqlx's COPY ends with a second small write that
/// waits out TCP delayed ACKs on every table and batch; BENCHMARKS.md has the figures.)
async fn write_table(conn: &mut PgConnection, table: &Table<'_>) -> StoreResult<()> {
    if table.is_empty() {
        return Ok(());
    }
    let width = table.columns.len();
    let column = |i: usize| table.cells.iter().skip(i).step_by(width).copied();
    let mut names = Vec::new();
    let mut arrays = Vec::new();
    let mut query_args = Vec::new();
    for (i, name) in table.columns.iter().enumerate() {
        // A column that is NULL in every row is left to its default (NULL).
        let Some(kind) = column(i).find(|v| !matches!(v, Value::Null)) else {
            continue;
        };
        let (array, sql_type) = ColumnArray::collect(kind, column(i)).ok_or_else(|| {
            StoreError::Other(anyhow::anyhow!("mixed types in {}.{name}", table.name))
        })?;
        names.push(*name);
        arrays.push(format!("${}::{sql_type}[]", arrays.len() + 1));
        query_args.push(array);
    }
    let sql = format!(
        "INSERT INTO {} ({}) SELECT * FROM unnest({})",
        table.name,
        names.join(", "),
        arrays.join(", ")
    );
    // Built only from the static table and column names above.
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for array in query_args {
        query = match array {
            ColumnArray::Text(v) => query.bind(v),
            ColumnArray::Int(v) => query.bind(v),
            ColumnArray::Bool(v) => query.bind(v),
            ColumnArray::Time(v) => query.bind(v),
            ColumnArray::Date(v) => query.bind(v),
            ColumnArray::Bytes(v) => query.bind(v),
        };
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// One column's cells as a typed array.
enum ColumnArray<'a> {
    Text(Vec<Option<&'a str>>),
    Int(Vec<Option<i64>>),
    Bool(Vec<Option<bool>>),
    Time(Vec<Option<DateTime<Utc>>>),
    Date(Vec<Option<NaiveDate>>),
    Bytes(Vec<Option<&'a [u8]>>),
}

impl<'a> ColumnArray<'a> {
    /// The column's cells typed like `first`, and the SQL type of its array; `None` when a
    /// cell has another type.
    fn collect(
        first: Value<'a>,
        cells: impl Iterator<Item = Value<'a>>,
    ) -> Option<(ColumnArray<'a>, &'static str)> {
        macro_rules! typed {
            ($variant:ident, $sql:literal) => {
                cells
                    .map(|v| match v {
                        Value::$variant(x) => Some(Some(x)),
                        Value::Null => Some(None),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()
                    .map(|v| (ColumnArray::$variant(v), $sql))
            };
        }
        match first {
            Value::Text(_) => typed!(Text, "text"),
            Value::Int(_) => typed!(Int, "int8"),
            Value::Bool(_) => typed!(Bool, "bool"),
            Value::Time(_) => typed!(Time, "timestamptz"),
            Value::Date(_) => typed!(Date, "date"),
            Value::Bytes(_) => typed!(Bytes, "bytea"),
            Value::Null => None,
        }
    }
}

/// Settings for a bulk load on this connection, or back to normal: seeding does not wait for
/// each batch's commit to reach the disk (a crash can lose the last batches, never corrupt).
async fn bulk_settings(conn: &mut PgConnection, bulk: bool) -> StoreResult<()> {
    let sql = if bulk {
        "SET synchronous_commit = off"
    } else {
        "RESET synchronous_commit"
    };
    sqlx::raw_sql(sql).execute(&mut *conn).await?;
    Ok(())
}

/// After a bulk load: `ANALYZE`. Without it the planner sees the tables as it last sampled
/// them (empty) until autovacuum comes by, and plans joins over millions of rows as over a few
/// (a hash join reading a whole table where an index lookup was meant).
async fn refresh_statistics(conn: &mut PgConnection) -> StoreResult<()> {
    sqlx::raw_sql("ANALYZE").execute(&mut *conn).await?;
    Ok(())
}

/// PostgreSQL encodes as it writes: its arrays are cheap to build.
const SEED_ENCODER: Option<SeedEncoder> = None;

/// Writes a seed batch's tables, then its documents to the feed, numbered at once: the batch
/// reserves its cursors under the feed lock and holds it until it commits (seeding is the one
/// writer that does), so a large load never leaves millions of rows for a reader to number.
async fn write_batch(conn: &mut PgConnection, batch: PreparedBatch) -> StoreResult<()> {
    for table in batch.tables() {
        write_table(conn, &table).await?;
    }
    if batch.docs.is_empty() {
        return Ok(());
    }
    sqlx::query(crate::store::queries::FEED_LOCK_TAKE)
        .bind(FEED_LOCK)
        .execute(&mut *conn)
        .await?;
    let n = batch.docs.len() as i64;
    let (last,): (i64,) = sqlx::query_as(crate::store::queries::FEED_RESERVE)
        .bind(n)
        .fetch_one(&mut *conn)
        .await?;
    write_table(
        conn,
        &super::bulk::numbered_feed_table(&batch.docs, last - n + 1),
    )
    .await
}

/// A transaction that will write (row locks are taken by its statements).
async fn begin_write(
    conn: &mut PgConnection,
) -> Result<sqlx::Transaction<'_, sqlx::Postgres>, sqlx::Error> {
    conn.begin().await
}

/// Takes the audit chain's lock for the transaction: an advisory lock, so a writer that finds
/// nothing left to chain commits without a write of its own.
async fn lock_audit_chain(conn: &mut PgConnection) -> StoreResult<()> {
    sqlx::query(crate::store::queries::FEED_LOCK_TAKE)
        .bind(crate::store::queries::AUDIT_LOCK)
        .execute(conn)
        .await?;
    Ok(())
}

/// This engine's store, connection and row, as the shared SQL (`sql/`) names them.
type Engine = PgStore;
type Conn = PgConnection;
type Row = sqlx::postgres::PgRow;

// The one source of the SQL, compiled once per engine on purpose.
#[allow(clippy::duplicate_mod)]
#[path = "sql/mod.rs"]
mod sql;
