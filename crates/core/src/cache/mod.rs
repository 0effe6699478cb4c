//! The local cache at the bottom of the console: one encrypted SQLite file per agent and
//! server, its connections, its bookkeeping (`meta`: the sync cursor, the last sync, the
//! contact-token key) and its files. The layers above write and read the cases in it; this
//! module knows no case.
//!
//! - `format.rs`: how a cache file is encrypted, and its files on disk;
//! - `rows.rs`: bulk inserts and stored documents, for the layers above;
//! - `error.rs`: [`CacheError`], which says what the cache was doing when it failed.

mod error;
mod format;
mod rows;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sportello_protocol::contact::ContactKey;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

pub(crate) use error::{corrupt, Result, What};
pub use error::{CacheError, NotCached};
pub use format::{delete, keyed_options, CipherFormat, FORMAT, LEGACY_FORMATS};
pub(crate) use rows::{document, insert, insert_around, json_array, to_document};

use crate::vault::CacheKey;

/// An open cache file.
pub struct Cache {
    /// The connections every layer writes and reads with.
    pub(crate) pool: SqlitePool,
    /// The one connection sync pages are written with, opened at the first page (see
    /// [`Cache::sync_writer`]).
    sync_writer: tokio::sync::OnceCell<SqlitePool>,
    /// How the connections were opened: a reader of its own (the queue's) opens the same.
    options: SqliteConnectOptions,
    path: PathBuf,
    /// Set by [`Cache::close`] (see the `Drop` impl).
    closed: AtomicBool,
    /// The deployment's contact-token key (rule 5.2), kept in `meta`.
    contact_key: Mutex<Option<ContactKey>>,
    /// The key the cache was opened with (in memory only, for re-sealing it).
    key: CacheKey,
}

impl Drop for Cache {
    /// A cache is closed before it goes: its connections close on threads of their own, and
    /// one still closing while the process exits races SQLCipher's exit handler, which frees
    /// the memory that connection is using (heap corruption in the kill tests). Debug builds
    /// refuse to forget it.
    fn drop(&mut self) {
        if !self.closed.load(Ordering::Relaxed) && !std::thread::panicking() {
            tracing::error!("a cache was dropped without being closed");
            debug_assert!(false, "a cache was dropped without Cache::close");
        }
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

/// Decrypted pages stay in memory, a cache a connection: SQLCipher decrypts and checks every
/// page it reads from disk. 24 MiB each (`cache_size` in KiB, negative): as fast as more, in
/// less memory.
const CACHE_SIZE: &str = "-24576";

/// How a transaction that writes the cache begins: with the write lock taken at once, so a
/// writer that must wait for another (the pushed feed applying a page while an action's answer
/// is stored) waits out the busy timeout. A deferred transaction that read first would fail
/// at its first write instead ("database is locked"), after the server had done the action.
pub(crate) const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// Begins a transaction that writes the cache ([`BEGIN_WRITE`]).
pub(crate) async fn begin_write(
    conn: &mut sqlx::SqliteConnection,
) -> std::result::Result<sqlx::Transaction<'_, sqlx::Sqlite>, sqlx::Error> {
    use sqlx::Connection;
    conn.begin_with(BEGIN_WRITE).await
}

impl Cache {
    /// Opens (creating if needed) the cache file at `path`, readable by its owner only and
    /// encrypted with `key` (see `vault.rs` for where keys are kept). A cache made by an
    /// earlier version keeps its format ([`LEGACY_FORMATS`]). A cache that cannot be opened
    /// with the key (an older plain cache, a lost key) is rebuilt empty: the next sync fills it
    /// again.
    pub async fn open(path: &Path, key: &CacheKey) -> Result<Cache> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).what("create the cache's folder")?;
        }
        match Cache::open_keyed(path, key, FORMAT).await {
            Ok(cache) => Ok(cache),
            Err(e) if path.exists() => {
                for format in LEGACY_FORMATS {
                    if let Ok(cache) = Cache::open_keyed(path, key, format).await {
                        return Ok(cache);
                    }
                }
                tracing::warn!(error = %e, "the cache cannot be read with its key: rebuilding it");
                format::remove_cache_files(path)?;
                Cache::open_keyed(path, key, FORMAT).await
            }
            Err(e) => Err(e),
        }
    }

    /// Opens the cache at `path` in `format`, or fails (nothing is rebuilt).
    pub(crate) async fn open_keyed(
        path: &Path,
        key: &CacheKey,
        format: CipherFormat,
    ) -> Result<Cache> {
        let options = keyed_options(path, &key.hex(), format)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone().pragma("cache_size", CACHE_SIZE))
            .await
            .what("open the cache")?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .what("make the cache readable by its owner only")?;
        }
        let cache = Cache {
            pool,
            sync_writer: tokio::sync::OnceCell::new(),
            options,
            path: path.to_path_buf(),
            closed: false.into(),
            contact_key: Mutex::new(None),
            key: key.clone(),
        };
        let prepared = async {
            sqlx::migrate!("./migrations").run(&cache.pool).await?;
            cache.meta("contact_key").await
        };
        match prepared.await {
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

    /// The connection sync pages are written with: always the same one, so the pages a
    /// sync's batches touch (the tables' and the search index's, decrypted) stay in its page
    /// cache from one batch to the next. Through the pool, each batch took the least recently
    /// used connection, which found its cache stale (another connection had written since)
    /// and read its pages again, and every connection filled a page cache of its own: a
    /// first sync held up to four.
    pub(crate) async fn sync_writer(&self) -> Result<&SqlitePool> {
        self.sync_writer
            .get_or_try_init(|| self.connection_of_its_own(CACHE_SIZE))
            .await
            .what("open the cache's sync connection")
    }

    /// One more connection to this cache, opened as the others, kept for one purpose (the
    /// sync's writes, the queue's reads) so its page cache of `cache_size` (SQLite's pragma)
    /// holds that purpose's pages.
    pub(crate) async fn connection_of_its_own(
        &self,
        cache_size: &str,
    ) -> std::result::Result<SqlitePool, sqlx::Error> {
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(
                self.options
                    .clone()
                    .pragma("cache_size", cache_size.to_string()),
            )
            .await
    }

    /// The key this cache was opened with.
    pub fn key(&self) -> &CacheKey {
        &self.key
    }

    /// The cache file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The deployment's contact-token key, if the cache knows it.
    pub fn contact_key(&self) -> Option<ContactKey> {
        *self.contact_key.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps the deployment's contact-token key (URL-safe base64, as the server sends it), so
    /// a whole e-mail or phone typed in the search finds its customer, offline too.
    pub async fn set_contact_key(&self, encoded: &str) -> Result<()> {
        let key = decode_contact_key(encoded)
            .ok_or_else(|| corrupt("contact key", "the server sent one that is not 32 bytes"))?;
        self.set_meta("contact_key", encoded).await?;
        *self.contact_key.lock().unwrap_or_else(|e| e.into_inner()) = Some(key);
        Ok(())
    }

    /// Closes every connection and waits until they are gone: call it before the cache is
    /// dropped.
    pub async fn close(&self) {
        if let Some(writer) = self.sync_writer.get() {
            writer.close().await;
        }
        self.pool.close().await;
        self.closed.store(true, Ordering::Relaxed);
    }

    /// A `meta` value, for the layers above that keep one.
    pub(crate) async fn meta_value(&self, key: &str) -> Result<Option<String>> {
        self.meta(key).await
    }

    async fn meta(&self, key: &str) -> Result<Option<String>> {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await
            .what(format!("read the cache's {key}"))
    }

    async fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        set_meta(
            &mut *self.pool.acquire().await.what("open the cache")?,
            key,
            value,
        )
        .await
    }

    /// The sync cursor: every change up to it is applied.
    pub async fn cursor(&self) -> Result<i64> {
        Ok(self
            .meta("cursor")
            .await?
            .and_then(|c| c.parse().ok())
            .unwrap_or(0))
    }

    /// When a sync last reached the head of the feed.
    pub async fn last_sync_at(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .meta("last_sync_at")
            .await?
            .and_then(|t| t.parse().ok()))
    }

    /// Notes that a sync reached the head of the feed at `at`.
    pub async fn mark_synced(&self, at: DateTime<Utc>) -> Result<()> {
        self.set_meta("last_sync_at", &at.to_rfc3339()).await
    }

    /// How many tickets the cache holds.
    pub async fn ticket_count(&self) -> Result<u32> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets")
            .fetch_one(&self.pool)
            .await
            .what("count the cached tickets")?;
        Ok(n as u32)
    }

    /// How many different ticket ids the cache holds (a check that nothing is doubled).
    pub async fn distinct_ticket_ids(&self) -> Result<u32> {
        let n: i64 = sqlx::query_scalar("SELECT count(DISTINCT id) FROM tickets")
            .fetch_one(&self.pool)
            .await
            .what("count the cached ticket ids")?;
        Ok(n as u32)
    }
}

/// Sets a `meta` value on `conn` (in the caller's transaction, if it has one).
pub(crate) async fn set_meta(
    conn: &mut sqlx::SqliteConnection,
    key: &str,
    value: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await
    .what(format!("keep the cache's {key}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use sqlx::Connection;

    use super::*;

    async fn page_size(cache: &Cache) -> i64 {
        // SQLCipher answers the pragma as text.
        let size: String = sqlx::query_scalar("PRAGMA page_size")
            .fetch_one(&cache.pool)
            .await
            .unwrap();
        size.parse().unwrap()
    }

    async fn waiting(cache: &Cache) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM outbox")
            .fetch_one(&cache.pool)
            .await
            .unwrap()
    }

    /// Two writers at once, as an action's answer stored while the pushed feed applies a
    /// page: the one that read first waits for the other's commit instead of failing, which a
    /// deferred transaction does (SQLite cannot move its read snapshot to a write).
    #[tokio::test]
    async fn a_writer_waits_for_another_rather_than_failing() {
        let dir = tempfile::tempdir().unwrap();
        let key = CacheKey::generate().unwrap();
        let cache = Cache::open(&dir.path().join("c.sqlite"), &key)
            .await
            .unwrap();
        let insert = "INSERT INTO outbox (key, kind, ticket_id, body, author, created_at)
                      VALUES (?, 'note', 'T-1', '{}', 'Alice', '2026-11-30T10:00:00Z')";
        for (n, begin) in ["BEGIN", BEGIN_WRITE].into_iter().enumerate() {
            let mut first = cache.pool.acquire().await.unwrap();
            let mut held = first.begin_with(BEGIN_WRITE).await.unwrap();
            sqlx::query(insert)
                .bind(format!("held-{n}"))
                .execute(&mut *held)
                .await
                .unwrap();
            // The second reads, then writes once the first has committed.
            let (read_tx, read_rx) = tokio::sync::oneshot::channel::<()>();
            let (committed_tx, committed_rx) = tokio::sync::oneshot::channel::<()>();
            let second = {
                let pool = cache.pool.clone();
                tokio::spawn(async move {
                    let mut conn = pool.acquire().await?;
                    let mut tx = conn.begin_with(begin).await?;
                    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM outbox")
                        .fetch_one(&mut *tx)
                        .await?;
                    let _ = read_tx.send(());
                    let _ = committed_rx.await;
                    sqlx::query(insert)
                        .bind(format!("second-{n}"))
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await
                })
            };
            // A deferred second has read by now; an immediate one waits to begin.
            let _ = tokio::time::timeout(std::time::Duration::from_millis(300), read_rx).await;
            held.commit().await.unwrap();
            let _ = committed_tx.send(());
            let outcome = second.await.unwrap();
            if begin == BEGIN_WRITE {
                outcome.expect("the second writer waited and wrote");
            } else {
                let e = outcome.expect_err("a deferred writer that read first fails");
                assert!(e.to_string().contains("locked"), "{e}");
            }
        }
        assert_eq!(
            waiting(&cache).await,
            3,
            "both held rows and the waiting writer's"
        );
        cache.close().await;
    }

    #[tokio::test]
    async fn caches_made_by_earlier_versions_open_with_their_waiting_actions() {
        let dir = tempfile::tempdir().unwrap();
        for (i, format) in LEGACY_FORMATS.into_iter().enumerate() {
            let path = dir.path().join(format!("old-{i}.sqlite"));
            let key = CacheKey::generate().unwrap();
            let old = Cache::open_keyed(&path, &key, format).await.unwrap();
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
                waiting(&cache).await,
                1,
                "the action waits in a cache of {format:?}"
            );
            cache.close().await;
        }

        let path = dir.path().join("new.sqlite");
        let key = CacheKey::generate().unwrap();
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
