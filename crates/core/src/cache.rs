//! The local SQLite cache: the documents the server sent, applied a sync page at a time, and
//! the reads the queue and the case view need. It works with the server gone.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sportello_protocol::contact::ContactKey;
use sportello_protocol::{CallbackState, Order, Shipment, Ticket};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqlitePool};

use crate::apply::DecodedPage;
use crate::types::{
    CaseView, ConsoleError, DueCallback, ErrorKind, QueuePage, QueueQuery, QueueRow,
};

/// id, subject, customer name, category, channel, status, created, updated, callback due,
/// and how many rows the query matches (0 from a statement that does not count them).
type QueueDbRow = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    String,
    bool,
    i64,
);

pub struct Cache {
    pub(crate) pool: SqlitePool,
    /// One connection for the queue and search as you type, so the pages they read stay
    /// decrypted in its page cache from one keystroke to the next (the pool hands out its
    /// least recently used connection, whose cache is the coldest).
    queue: SqlitePool,
    path: std::path::PathBuf,
    /// The last search known to match at most [`SEARCH_CAP`] tickets (see [`Cache::narrows`]).
    narrow: std::sync::Mutex<Option<NarrowSearch>>,
    /// The last count a queue page needed (see [`Cache::counted`]).
    counted: std::sync::Mutex<Option<Counted>>,
    /// Set by [`Cache::close`] (see the `Drop` impl).
    closed: std::sync::atomic::AtomicBool,
    /// The deployment's contact-token key (rule 5.2), kept in `meta`.
    contact_key: std::sync::Mutex<Option<ContactKey>>,
    /// The key the cache was opened with (in memory only, for re-sealing it).
    key: crate::vault::CacheKey,
}

/// A search that matched at most [`SEARCH_CAP`] tickets: its terms and filters.
struct NarrowSearch {
    terms: Vec<String>,
    status: Option<&'static str>,
    category: Option<&'static str>,
}

/// What a count depends on: the query's text, status and category (not the page, nor the
/// time, since counts of due callbacks are not kept).
type CountKey = (Option<String>, Option<&'static str>, Option<&'static str>);

fn count_key(st: &QueueStatements) -> CountKey {
    (st.params.text.clone(), st.params.status, st.params.category)
}

/// How many tickets a query matched, and when: the window's list reads page after page of one
/// query, and counting a million tickets is 40 ms of every page, while the count changes only
/// when something is written.
struct Counted {
    query: CountKey,
    /// `PRAGMA data_version` of the queue's connection when it was counted: it moves whenever
    /// another connection commits a change.
    version: i64,
    total: i64,
}

impl Drop for Cache {
    /// A cache is closed before it goes: its connections close on threads of their own, and
    /// one still closing while the process exits races SQLCipher's exit handler, which frees
    /// the memory that connection is using (heap corruption in the kill tests; a test binary
    /// that passed every test and then crashed in CI). Debug builds refuse to forget it.
    fn drop(&mut self) {
        if !self.closed.load(std::sync::atomic::Ordering::Relaxed) && !std::thread::panicking() {
            tracing::error!("a cache was dropped without being closed");
            debug_assert!(false, "a cache was dropped without Cache::close");
        }
    }
}

/// Sync pages applied in one transaction, with their cursor (see [`Cache::begin_sync`]).
pub struct SyncBatch {
    tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    /// Changes applied in it so far.
    pub changes: usize,
}

impl SyncBatch {
    /// Applies a page and moves the cursor past it (both still uncommitted).
    pub async fn apply(&mut self, decoded: &DecodedPage) -> Result<(), ConsoleError> {
        crate::apply::apply_page(&mut self.tx, decoded).await?;
        let page = &decoded.page;
        sqlx::query("INSERT INTO meta (key, value) VALUES ('cursor', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(page.next.to_string())
            .execute(&mut *self.tx)
            .await?;
        self.changes += page.changes.len();
        Ok(())
    }

    /// Makes the pages and their cursor durable together.
    pub async fn commit(self) -> Result<(), ConsoleError> {
        self.tx.commit().await?;
        Ok(())
    }
}

fn decode_contact_key(encoded: &str) -> Option<ContactKey> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .ok()?
        .try_into()
        .ok()
}

/// Deletes a cache and its key file from this computer.
pub fn delete(path: &Path) -> Result<(), ConsoleError> {
    remove_cache_files(path)?;
    match std::fs::remove_file(path.with_extension("key")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(cache_error(e)),
        _ => Ok(()),
    }
}

/// Removes a cache file with its WAL and shared-memory files.
fn remove_cache_files(path: &Path) -> Result<(), ConsoleError> {
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(cache_error(e)),
        }
    }
    Ok(())
}

pub(crate) fn cache_error(e: impl std::fmt::Display) -> ConsoleError {
    ConsoleError::new(
        ErrorKind::Cache,
        format!("The local cache failed ({e}). Sign out and in again to rebuild it."),
    )
}

impl From<sqlx::Error> for ConsoleError {
    fn from(e: sqlx::Error) -> Self {
        cache_error(e)
    }
}

pub(crate) fn json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ConsoleError> {
    serde_json::from_str(text).map_err(cache_error)
}

/// Writes one ticket (see [`crate::apply::put_tickets`]).
pub(crate) async fn put_ticket(
    conn: &mut sqlx::SqliteConnection,
    t: &Ticket,
    data: &str,
) -> Result<(), ConsoleError> {
    let doc = crate::apply::TicketDoc { ticket: t, data };
    crate::apply::put_tickets(conn, std::slice::from_ref(&doc)).await
}

/// How a cache file is encrypted: SQLCipher's page size and the HMAC that authenticates
/// every page. Both are fixed when the file is made; opening it needs the same again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CipherFormat {
    pub page_size: u32,
    /// SQLCipher's `cipher_hmac_algorithm`.
    pub hmac: &'static str,
}

/// The format of a new cache: 16 KiB pages, four times SQLCipher's default (every page is
/// encrypted, authenticated and linked on its own: a first sync of 100,000 tickets took about
/// a tenth less), authenticated with HMAC-SHA-256 rather than SQLCipher's default SHA-512
/// (processors compute SHA-256 in hardware: a first sync took 1–13 % less, and every page a
/// search reads from disk is checked faster). See BENCHMARKS.md.
pub const FORMAT: CipherFormat = CipherFormat {
    page_size: 16384,
    hmac: "HMAC_SHA256",
};

/// The formats of caches made by earlier versions, newest first: such a cache is opened with
/// its own, keeping what it holds (actions waiting in the outbox above all).
pub const LEGACY_FORMATS: [CipherFormat; 2] = [
    CipherFormat {
        page_size: 16384,
        hmac: "HMAC_SHA512",
    },
    CipherFormat {
        page_size: 4096,
        hmac: "HMAC_SHA512",
    },
];

/// Connection options that read (or make) the cache file at `path` in `format` with the raw
/// `key` (64 hex digits, see [`crate::vault::CacheKey::hex`]). Also what the leak test and the bench use to
/// read a cache.
pub fn keyed_options(path: &Path, key: &str, format: CipherFormat) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        // SQLCipher's raw key: the first statement on every connection.
        .pragma("key", format!("\"x'{key}'\""))
        .pragma("cipher_page_size", format.page_size.to_string())
        .pragma("cipher_hmac_algorithm", format.hmac)
}

/// A search stops counting here: the queue then shows "1,000+" and the most recently changed
/// matches first, since ranking most of the cache by relevance is neither fast nor useful.
pub const SEARCH_CAP: u32 = 1000;

/// The statements behind a queue page (how many match, and the page), with their parameters
/// `?1`…`?7`. The bench runs the same statements in the `sqlite3` shell.
pub struct QueueStatements {
    pub count: String,
    /// The page when the count is at most [`SEARCH_CAP`] or no text was typed.
    pub rows: String,
    /// The page of a search with more matches than [`SEARCH_CAP`]: the most recently
    /// changed first, read from the index in that order.
    pub recent: Option<String>,
    /// The ranked page of a search with how many match beside every row: one statement, for
    /// a search that narrows one known to match at most [`SEARCH_CAP`] (see
    /// [`Cache::narrows`]). Ranking reads every match anyway, so counting them costs nothing
    /// more, where a count first runs the match once again.
    pub ranked_counted: Option<String>,
    /// The terms of the search, if text was typed.
    pub terms: Vec<String>,
    pub params: QueueParams,
}

pub struct QueueParams {
    /// ?1: the FTS5 query, if text was typed.
    pub text: Option<String>,
    /// ?2
    pub status: Option<&'static str>,
    /// ?3
    pub category: Option<&'static str>,
    /// ?4: now, for due callbacks.
    pub now: String,
    /// ?5
    pub limit: i64,
    /// ?6
    pub offset: i64,
    /// ?7: 1 for due callbacks only.
    pub due_only: i64,
}

const COLUMNS: &str = "t.id, t.subject, c.name, t.category, t.channel, t.status, t.created_at,
    t.updated_at";

/// [`FILTERS`] when none is set: the same parameters, read once.
const NO_FILTERS: &str = "?2 IS NULL AND ?3 IS NULL AND ?7 = 0 AND ?4 IS NOT NULL";

const FILTERS: &str = "(?2 IS NULL OR t.status = ?2)
    AND (?3 IS NULL OR t.category = ?3)
    AND (?7 = 0 OR (t.callback_due_at IS NOT NULL AND t.callback_due_at <= ?4))";

impl QueueStatements {
    /// `None` when the typed text holds nothing searchable (only punctuation). With the
    /// deployment's contact key, a whole e-mail or phone typed finds its customer too.
    pub fn new(
        q: &QueueQuery,
        now: DateTime<Utc>,
        contact_key: Option<&ContactKey>,
    ) -> Option<QueueStatements> {
        let typed = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let mut terms = typed.map(crate::search::terms).unwrap_or_default();
        let tokens = match (typed, contact_key) {
            (Some(typed), Some(key)) => sportello_protocol::contact::query_tokens(key, typed),
            _ => Vec::new(),
        };
        let text = crate::search::with_contact_tokens(crate::search::terms_query(&terms), &tokens);
        if !tokens.is_empty() {
            // A contact matches exactly, not as a prefix: typing on can find another
            // customer, so this search narrows nothing (see `Cache::narrows`).
            terms.clear();
        }
        if typed.is_some() && text.is_none() {
            return None;
        }
        let params = QueueParams {
            status: q.status.map(|s| s.as_str()),
            category: q.category.map(|c| c.as_str()),
            now: now.to_rfc3339(),
            limit: match q.limit {
                0 => 100,
                n => i64::from(n.min(500)),
            },
            offset: i64::from(q.offset),
            due_only: i64::from(q.due_only.unwrap_or(false)),
            text,
        };
        let due = "t.callback_due_at IS NOT NULL AND t.callback_due_at <= ?4";
        // ?5 and ?6 appear in every count, so all statements take the same parameters.
        let page_params = "?5 >= 0 AND ?6 >= 0";
        let filtered = params.status.is_some() || params.category.is_some() || params.due_only != 0;
        Some(if params.text.is_some() {
            // The matches, read from the index (the outer loop: the match runs once, not per
            // ticket); their tickets are read only when a filter needs them, and a page's rows
            // are completed (ticket, customer) only once the page is chosen: every ticket or
            // customer read is a page to decrypt, and a million-ticket cache does not keep
            // them all in memory.
            let matches = if filtered {
                format!(
                    "FROM search s CROSS JOIN tickets t ON t.seq = s.rowid
                     WHERE search MATCH ?1 AND {FILTERS}"
                )
            } else {
                // The same parameters, all of them unset.
                format!("FROM search s WHERE search MATCH ?1 AND {NO_FILTERS}")
            };
            // A page of matches `m` (seq, rank, total) with what the queue shows of them.
            let page = |m: &str, order: &str, total: &str| {
                format!(
                    "SELECT {COLUMNS}, {due} AS due, {total}
                     FROM ({m}) m CROSS JOIN tickets t ON t.seq = m.seq
                     LEFT JOIN customers c ON c.id = t.customer_id
                     ORDER BY {order}"
                )
            };
            // Ids weigh most, then people, subject, conversation; among equals, the latest
            // change first. The rank is a column of its own: FTS5 cannot rank where a count
            // is made.
            let ranked = format!(
                "SELECT s.rowid AS seq, bm25(search, 10.0, 5.0, 3.0, 1.0) AS rank {matches}"
            );
            QueueStatements {
                count: format!(
                    "SELECT count(*) FROM (SELECT 1 {matches} AND {page_params} LIMIT {})",
                    SEARCH_CAP + 1
                ),
                rows: page(
                    &format!("{ranked} ORDER BY rank, seq DESC LIMIT ?5 OFFSET ?6"),
                    "m.rank, m.seq DESC",
                    "0",
                ),
                recent: Some(page(
                    &format!(
                        "SELECT s.rowid AS seq {matches} ORDER BY s.rowid DESC LIMIT ?5 OFFSET ?6"
                    ),
                    "m.seq DESC",
                    "0",
                )),
                ranked_counted: Some(page(
                    &format!(
                        "SELECT seq, rank, count(*) OVER () AS total FROM ({ranked})
                         ORDER BY rank, seq DESC LIMIT ?5 OFFSET ?6"
                    ),
                    "m.rank, m.seq DESC",
                    "m.total",
                )),
                terms,
                params,
            }
        } else {
            // Due callbacks first, then the newest; each part read in its index's order, so
            // a page reads that page, not the whole table. The filters are in the index
            // (migration 0007): a page's tickets are chosen from the index alone, and only
            // they are read from the table, with their customers.
            let filters = if filtered { FILTERS } else { NO_FILTERS };
            let chosen = format!(
                "SELECT * FROM (SELECT t.seq, 1 AS due, t.created_at, t.id FROM tickets t
                                WHERE ?1 IS NULL AND {due} AND {filters}
                                ORDER BY t.created_at DESC, t.id)
                 UNION ALL
                 SELECT * FROM (SELECT t.seq, 0, t.created_at, t.id FROM tickets t
                                WHERE ?1 IS NULL AND NOT ({due}) AND {filters}
                                ORDER BY t.created_at DESC, t.id)
                 LIMIT ?5 OFFSET ?6"
            );
            QueueStatements {
                count: format!(
                    "SELECT count(*) FROM tickets t WHERE ?1 IS NULL AND {filters} AND {page_params}"
                ),
                rows: format!(
                    "SELECT {COLUMNS}, p.due, 0 FROM ({chosen}) p
                     CROSS JOIN tickets t ON t.seq = p.seq
                     LEFT JOIN customers c ON c.id = t.customer_id
                     ORDER BY p.due DESC, p.created_at DESC, p.id"
                ),
                recent: None,
                ranked_counted: None,
                terms,
                params,
            }
        })
    }

    /// The page statement for a query that `count` tickets match.
    pub fn rows_for(&self, count: i64) -> &str {
        match &self.recent {
            Some(recent) if count > i64::from(SEARCH_CAP) => recent,
            _ => &self.rows,
        }
    }

    /// A statement with its parameters written in as SQL literals, for a shell.
    pub fn inline(&self, sql: &str) -> String {
        let quote = |v: Option<&str>| {
            v.map_or("NULL".to_string(), |v| {
                format!("'{}'", v.replace('\'', "''"))
            })
        };
        let p = &self.params;
        // Highest first, so ?1 does not eat the start of a ?1x.
        sql.replace("?7", &p.due_only.to_string())
            .replace("?6", &p.offset.to_string())
            .replace("?5", &p.limit.to_string())
            .replace("?4", &quote(Some(&p.now)))
            .replace("?3", &quote(p.category))
            .replace("?2", &quote(p.status))
            .replace("?1", &quote(p.text.as_deref()))
    }
}

impl Cache {
    /// Opens (creating if needed) the cache file at `path`, readable by its owner only and
    /// encrypted with `key` (see `vault.rs` for where keys are kept). A cache made by an
    /// earlier version keeps its format ([`LEGACY_FORMATS`]). A cache that cannot be opened
    /// with the key (an older plain cache, a lost key) is rebuilt empty: the next sync fills it
    /// again.
    pub async fn open(path: &Path, key: &crate::vault::CacheKey) -> Result<Cache, ConsoleError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(cache_error)?;
        }
        let hex = key.hex();
        let opened = match Cache::open_keyed(path, &hex, FORMAT).await {
            Ok(cache) => Ok(cache),
            Err(e) if path.exists() => {
                let mut legacy = None;
                for format in LEGACY_FORMATS {
                    if let Ok(cache) = Cache::open_keyed(path, &hex, format).await {
                        legacy = Some(cache);
                        break;
                    }
                }
                match legacy {
                    Some(cache) => Ok(cache),
                    None => {
                        tracing::warn!(error = %e, "the cache cannot be read with its key: rebuilding it");
                        remove_cache_files(path)?;
                        Cache::open_keyed(path, &hex, FORMAT).await
                    }
                }
            }
            Err(e) => Err(e),
        };
        let mut cache = opened?;
        cache.key = key.clone();
        Ok(cache)
    }

    /// The key this cache was opened with.
    pub fn key(&self) -> &crate::vault::CacheKey {
        &self.key
    }

    async fn open_keyed(
        path: &Path,
        key: &str,
        format: CipherFormat,
    ) -> Result<Cache, ConsoleError> {
        let options = keyed_options(path, key, format)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5));
        // Decrypted pages stay in memory, a cache a connection: SQLCipher decrypts and checks
        // every page it reads from disk. The writers' 24 MiB: a first sync of 100,000 tickets
        // was as fast as with 32 MiB and peaked about 30 MiB lower (16 MiB: 60 MiB lower, but
        // a tenth slower). The queue's connection keeps 32 MiB for search as you type.
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone().pragma("cache_size", "-24576"))
            .await?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(cache_error)?;
        }
        if let Err(e) = sqlx::migrate!("./migrations").run(&pool).await {
            pool.close().await;
            return Err(cache_error(e));
        }
        let queue = match SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.pragma("cache_size", "-32768"))
            .await
        {
            Ok(queue) => queue,
            Err(e) => {
                pool.close().await;
                return Err(e.into());
            }
        };
        let cache = Cache {
            pool,
            queue,
            path: path.to_path_buf(),
            narrow: std::sync::Mutex::new(None),
            counted: std::sync::Mutex::new(None),
            closed: false.into(),
            contact_key: std::sync::Mutex::new(None),
            key: crate::vault::CacheKey::from_hex(key).unwrap_or_else(|| {
                crate::vault::CacheKey::from_hex(&"0".repeat(64)).expect("64 hex digits")
            }),
        };
        match cache.meta("contact_key").await {
            Ok(stored) => {
                *cache.contact_key.lock().unwrap_or_else(|e| e.into_inner()) =
                    stored.as_deref().and_then(decode_contact_key);
                Ok(cache)
            }
            Err(e) => {
                cache.close().await;
                Err(e)
            }
        }
    }

    /// The deployment's contact-token key, if the cache knows it.
    pub fn contact_key(&self) -> Option<ContactKey> {
        *self.contact_key.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the cache knows the deployment's contact-token key.
    pub fn has_contact_key(&self) -> bool {
        self.contact_key().is_some()
    }

    /// Keeps the deployment's contact-token key (URL-safe base64, as the server sends it), so
    /// a whole e-mail or phone typed in the search finds its customer, offline too.
    pub async fn set_contact_key(&self, encoded: &str) -> Result<(), ConsoleError> {
        let key = decode_contact_key(encoded)
            .ok_or_else(|| cache_error("the server sent a contact key that is not 32 bytes"))?;
        sqlx::query("INSERT INTO meta (key, value) VALUES ('contact_key', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(encoded)
            .execute(&self.pool)
            .await?;
        *self.contact_key.lock().unwrap_or_else(|e| e.into_inner()) = Some(key);
        Ok(())
    }

    /// The cache file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Closes every connection and waits until they are gone: call it before the cache is
    /// dropped.
    pub async fn close(&self) {
        self.queue.close().await;
        self.pool.close().await;
        self.closed
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    async fn meta(&self, key: &str) -> Result<Option<String>, ConsoleError> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The sync cursor: every change up to it is applied.
    pub async fn cursor(&self) -> Result<i64, ConsoleError> {
        Ok(self
            .meta("cursor")
            .await?
            .and_then(|c| c.parse().ok())
            .unwrap_or(0))
    }

    /// When a sync last reached the head of the feed.
    pub async fn last_sync_at(&self) -> Result<Option<DateTime<Utc>>, ConsoleError> {
        Ok(self
            .meta("last_sync_at")
            .await?
            .and_then(|t| t.parse().ok()))
    }

    pub async fn mark_synced(&self, at: DateTime<Utc>) -> Result<(), ConsoleError> {
        sqlx::query("INSERT INTO meta (key, value) VALUES ('last_sync_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(at.to_rfc3339())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Starts a transaction for sync pages ([`SyncBatch`]): the pages applied in it and the
    /// cursor they reach are committed together, so a crash leaves all of them or none.
    pub async fn begin_sync(&self) -> Result<SyncBatch, ConsoleError> {
        Ok(SyncBatch {
            tx: self.pool.begin().await?,
            changes: 0,
        })
    }

    pub async fn ticket_count(&self) -> Result<u32, ConsoleError> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as u32)
    }

    /// Forgets cached cases nobody touched since `cutoff` (their last update), with what only
    /// they referenced: customers, orders, shipments, callbacks and search rows. Cases with
    /// actions still in the outbox stay. Returns how many cases went.
    pub async fn purge_older_than(&self, cutoff: DateTime<Utc>) -> Result<u32, ConsoleError> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = conn.begin().await?;
        let old: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM tickets WHERE updated_at < ?
                AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = tickets.id)",
        )
        .bind(cutoff.to_rfc3339())
        .fetch_all(&mut *tx)
        .await?;
        if !old.is_empty() {
            let ids = crate::apply::json_array(&old)?;
            crate::search::forget(&mut tx, &ids).await?;
            for sql in [
                "DELETE FROM callbacks WHERE ticket_id IN (SELECT value FROM json_each(?))",
                "DELETE FROM tickets WHERE id IN (SELECT value FROM json_each(?))",
            ] {
                sqlx::query(sql).bind(&ids).execute(&mut *tx).await?;
            }
        }
        if !old.is_empty() {
            for sql in [
                "DELETE FROM customers WHERE id NOT IN (SELECT customer_id FROM tickets)",
                "DELETE FROM orders WHERE id NOT IN
                    (SELECT order_id FROM tickets WHERE order_id IS NOT NULL)",
                "DELETE FROM shipments WHERE order_id NOT IN (SELECT id FROM orders)",
            ] {
                sqlx::query(sql).execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(old.len() as u32)
    }

    /// How many different ticket ids the cache holds (a check that nothing is doubled).
    pub async fn distinct_ticket_ids(&self) -> Result<u32, ConsoleError> {
        let n: i64 = sqlx::query_scalar("SELECT count(DISTINCT id) FROM tickets")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as u32)
    }

    /// One page of the queue: due callbacks first, then newest first.
    pub async fn queue(
        &self,
        q: &QueueQuery,
        now: DateTime<Utc>,
    ) -> Result<QueuePage, ConsoleError> {
        let Some(st) = QueueStatements::new(q, now, self.contact_key().as_ref()) else {
            // Only punctuation: nothing can match it.
            return Ok(QueuePage {
                rows: Vec::new(),
                total: 0,
                more: false,
            });
        };
        let p = &st.params;
        // Every statement takes the same seven parameters.
        macro_rules! bound {
            ($query:expr) => {
                $query
                    .bind(&p.text)
                    .bind(p.status)
                    .bind(p.category)
                    .bind(&p.now)
                    .bind(p.limit)
                    .bind(p.offset)
                    .bind(p.due_only)
            };
        }
        let mut conn = self.queue.acquire().await?;
        // As an agent types on, a search that matched few tickets matches fewer: rank them
        // and count them in one statement. Should it match more after all (a sync brought
        // them) or the page lie past the end, count first as below.
        let mut found = None;
        if let Some(sql) = st.ranked_counted.as_deref().filter(|_| self.narrows(&st)) {
            let rows: Vec<QueueDbRow> = bound!(sqlx::query_as(sqlx::AssertSqlSafe(sql)))
                .fetch_all(&mut *conn)
                .await?;
            match rows.first().map(|r| r.9) {
                Some(total) if total <= i64::from(SEARCH_CAP) => {
                    found = Some((total, rows));
                }
                None if p.offset == 0 => found = Some((0, Vec::new())),
                _ => {}
            }
        }
        let (total, rows): (i64, Vec<QueueDbRow>) = match found {
            Some(found) => found,
            None => {
                let version: i64 = sqlx::query_scalar("PRAGMA data_version")
                    .fetch_one(&mut *conn)
                    .await?;
                let total = match self.counted(&st, version) {
                    Some(total) => total,
                    None => {
                        let total: i64 =
                            bound!(sqlx::query_scalar(sqlx::AssertSqlSafe(st.count.clone())))
                                .fetch_one(&mut *conn)
                                .await?;
                        self.keep_count(&st, version, total);
                        total
                    }
                };
                let rows = bound!(sqlx::query_as(sqlx::AssertSqlSafe(
                    st.rows_for(total).to_string()
                )))
                .fetch_all(&mut *conn)
                .await?;
                (total, rows)
            }
        };
        drop(conn);
        self.remember(&st, total);
        let mut rows = rows
            .into_iter()
            .map(
                |(id, subject, customer, category, channel, status, created, updated, due, _)| {
                    let bad = |what: &str, v: &str| cache_error(format!("invalid {what} {v:?}"));
                    Ok(QueueRow {
                        category: sportello_protocol::Category::parse(&category)
                            .ok_or_else(|| bad("category", &category))?,
                        channel: sportello_protocol::Channel::parse(&channel)
                            .ok_or_else(|| bad("channel", &channel))?,
                        status: sportello_protocol::TicketStatus::parse(&status)
                            .ok_or_else(|| bad("status", &status))?,
                        created_at: created.parse().map_err(cache_error)?,
                        updated_at: updated.parse().map_err(cache_error)?,
                        id,
                        subject,
                        customer_name: customer.unwrap_or_default(),
                        callback_due: due,
                    })
                },
            )
            .collect::<Result<Vec<_>, ConsoleError>>()?;
        // A search counts up to one past the cap: more than that shows as "1,000+", and the
        // list ends at the cap.
        let more = st.recent.is_some() && total > i64::from(SEARCH_CAP);
        if more {
            rows.truncate(SEARCH_CAP.saturating_sub(q.offset) as usize);
        }
        Ok(QueuePage {
            rows,
            total: if more { SEARCH_CAP } else { total as u32 },
            more,
        })
    }

    /// Whether the search `st` is known to match at most [`SEARCH_CAP`] tickets: it narrows
    /// the last search that did (the same filters, every term of it typed on), so it can be
    /// ranked and counted in one statement ([`QueueStatements::ranked_counted`]).
    pub fn narrows(&self, st: &QueueStatements) -> bool {
        let last = self.narrow.lock().unwrap_or_else(|e| e.into_inner());
        last.as_ref().is_some_and(|n| {
            st.params.due_only == 0
                && n.status == st.params.status
                && n.category == st.params.category
                && crate::search::narrows(&n.terms, &st.terms)
        })
    }

    /// The count of `st`'s query kept from an earlier page, if nothing was written since
    /// (`version`, the queue connection's `PRAGMA data_version`, has not moved).
    fn counted(&self, st: &QueueStatements, version: i64) -> Option<i64> {
        let kept = self.counted.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|c| c.version == version && c.query == count_key(st))
            .map(|c| c.total)
    }

    /// Keeps a count for the next page of the same query; a count of callbacks due is never
    /// kept: tickets fall due as time passes.
    fn keep_count(&self, st: &QueueStatements, version: i64, total: i64) {
        *self.counted.lock().unwrap_or_else(|e| e.into_inner()) =
            (st.params.due_only == 0).then(|| Counted {
                query: count_key(st),
                version,
                total,
            });
    }

    /// Keeps a search that matched at most [`SEARCH_CAP`] tickets for [`Cache::narrows`];
    /// any other query forgets it. A search for callbacks due is never kept: tickets fall
    /// due as time passes.
    fn remember(&self, st: &QueueStatements, total: i64) {
        let narrow =
            st.params.text.is_some() && st.params.due_only == 0 && total <= i64::from(SEARCH_CAP);
        *self.narrow.lock().unwrap_or_else(|e| e.into_inner()) = narrow.then(|| NarrowSearch {
            terms: st.terms.clone(),
            status: st.params.status,
            category: st.params.category,
        });
    }

    /// Stores a shipment the server just answered with, so its case shows the new password
    /// state at once; the feed brings the same document on the next sync.
    pub async fn put_shipment(&self, shipment: &Shipment) -> Result<(), ConsoleError> {
        let data = serde_json::to_string(shipment).map_err(cache_error)?;
        sqlx::query(
            "INSERT OR REPLACE INTO shipments (id, order_id, tracking_number, data) VALUES (?, ?, ?, ?)",
        )
        .bind(&shipment.id)
        .bind(&shipment.order_id)
        .bind(&shipment.tracking_number)
        .bind(&data)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Stores a ticket the server just answered with (after a reply, a callback, a close), so
    /// the case and the queue show it at once; the feed brings the same document later.
    pub async fn put_ticket(&self, ticket: &Ticket) -> Result<(), ConsoleError> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = conn.begin().await?;
        crate::outbox::store_with_pending(&mut tx, ticket).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Scheduled callbacks that fall due after `from` and at or before `to`, oldest first.
    pub async fn callbacks_due_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DueCallback>, ConsoleError> {
        // A ticket's `callback_due_at` is its earliest scheduled callback: any callback due in
        // the window makes its ticket's earliest one due by the end of it.
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT t.data, c.name FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id
              WHERE t.callback_due_at IS NOT NULL AND t.callback_due_at <= ? AND t.status <> 'closed'",
        )
        .bind(to.to_rfc3339())
        .fetch_all(&self.pool)
        .await?;
        let mut due = Vec::new();
        for (data, customer) in rows {
            let ticket: Ticket = json(&data)?;
            for cb in &ticket.callbacks {
                if cb.state == CallbackState::Scheduled && cb.due_at > from && cb.due_at <= to {
                    due.push(DueCallback {
                        callback_id: cb.id.clone(),
                        ticket_id: ticket.id.clone(),
                        subject: ticket.subject.clone(),
                        customer_name: customer.clone().unwrap_or_default(),
                        due_at: cb.due_at,
                    });
                }
            }
        }
        due.sort_by(|a, b| (a.due_at, &a.callback_id).cmp(&(b.due_at, &b.callback_id)));
        Ok(due)
    }

    /// A case with everything the case view shows, or `NotFound` if it is not cached.
    pub async fn case(&self, ticket_id: &str) -> Result<CaseView, ConsoleError> {
        let data: Option<String> = sqlx::query_scalar("SELECT data FROM tickets WHERE id = ?")
            .bind(ticket_id)
            .fetch_optional(&self.pool)
            .await?;
        let ticket: Ticket = match data {
            Some(d) => json(&d)?,
            None => {
                return Err(ConsoleError::new(
                    ErrorKind::NotFound,
                    format!(
                        "Case {ticket_id} is not in the local cache. Sync, then open it again."
                    ),
                ))
            }
        };
        let customer: Option<String> =
            sqlx::query_scalar("SELECT data FROM customers WHERE id = ?")
                .bind(&ticket.customer_id)
                .fetch_optional(&self.pool)
                .await?;
        let order: Option<String> = sqlx::query_scalar("SELECT data FROM orders WHERE id = ?")
            .bind(&ticket.order_id)
            .fetch_optional(&self.pool)
            .await?;
        let shipments: Vec<String> =
            sqlx::query_scalar("SELECT data FROM shipments WHERE order_id = ? ORDER BY id")
                .bind(&ticket.order_id)
                .fetch_all(&self.pool)
                .await?;
        Ok(CaseView {
            customer: customer.as_deref().map(json).transpose()?,
            order: order.as_deref().map(json::<Order>).transpose()?,
            shipments: shipments
                .iter()
                .map(|s| json(s))
                .collect::<Result<_, _>>()?,
            ticket,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn page_size(cache: &Cache) -> i64 {
        // SQLCipher answers the pragma as text.
        let size: String = sqlx::query_scalar("PRAGMA page_size")
            .fetch_one(&cache.pool)
            .await
            .unwrap();
        size.parse().unwrap()
    }

    #[tokio::test]
    async fn caches_made_by_earlier_versions_open_with_their_waiting_actions() {
        let dir = tempfile::tempdir().unwrap();
        for (i, format) in LEGACY_FORMATS.into_iter().enumerate() {
            let path = dir.path().join(format!("old-{i}.sqlite"));
            let key = crate::vault::CacheKey::generate().unwrap();
            let old = Cache::open_keyed(&path, &key.hex(), format).await.unwrap();
            sqlx::query(
                "INSERT INTO outbox (key, kind, ticket_id, body, author, created_at)
                 VALUES ('k-1', 'note', 'T-1', '{}', 'Alice', '2026-11-30T10:00:00Z')",
            )
            .execute(&old.pool)
            .await
            .unwrap();
            old.close().await;

            let cache = Cache::open(&path, &key).await.unwrap();
            assert_eq!(page_size(&cache).await, i64::from(format.page_size));
            assert_eq!(
                cache.outbox_counts().await.unwrap().0,
                1,
                "the action waits in a cache of {format:?}"
            );
            cache.close().await;
        }

        let path = dir.path().join("new.sqlite");
        let key = crate::vault::CacheKey::generate().unwrap();
        let new = Cache::open(&path, &key).await.unwrap();
        assert_eq!(page_size(&new).await, i64::from(FORMAT.page_size));
        new.close().await;
        // Only the new format reads it.
        let key = key.hex();
        for format in LEGACY_FORMATS {
            let mut conn =
                sqlx::SqliteConnection::connect_with(&keyed_options(&path, &key, format))
                    .await
                    .unwrap();
            assert!(
                sqlx::query("SELECT count(*) FROM outbox")
                    .fetch_one(&mut conn)
                    .await
                    .is_err(),
                "{format:?} reads a new cache"
            );
            conn.close().await.unwrap();
        }
    }
}
