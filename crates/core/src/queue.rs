//! The queue: a page of cached tickets for a query, searched as the agent types. Reads have a
//! connection of their own, so the pages they read stay decrypted in its page cache from one
//! keystroke to the next (a pool hands out its least recently used connection, whose cache is
//! the coldest). Two memos keep typing fast: a search known to match few tickets is ranked and
//! counted in one statement as the agent types on ([`Queue::narrows`]), and a count is kept
//! until something is written. The queue without a filter is not counted at all: the cache
//! keeps its number of tickets as they are written (migration 0013).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use sportello_protocol::contact::ContactKey;
use sqlx::SqlitePool;

use crate::cache::{corrupt, Cache, Result, What};
use crate::types::{QueuePage, QueueQuery, QueueRow, SEARCH_CAP};

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

/// The queue's reader over one cache.
pub struct Queue {
    /// One connection (see the module's introduction).
    conn: SqlitePool,
    /// The last search known to match at most [`SEARCH_CAP`] tickets (see [`Queue::narrows`]).
    narrow: Mutex<Option<NarrowSearch>>,
    /// The last count a queue page needed (see [`Queue::counted`]).
    counted: Mutex<Option<Counted>>,
    /// Set by [`Queue::close`] (see `Drop for Cache`: the same holds here).
    closed: AtomicBool,
}

impl Drop for Queue {
    fn drop(&mut self) {
        if !self.closed.load(Ordering::Relaxed) && !std::thread::panicking() {
            tracing::error!("a queue reader was dropped without being closed");
            debug_assert!(false, "a queue reader was dropped without Queue::close");
        }
    }
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
/// query, and counting a large cache is a noticeable part of every page, while the count
/// changes only when something is written.
struct Counted {
    query: CountKey,
    /// `PRAGMA data_version` of the queue's connection when it was counted: it moves whenever
    /// another connection commits a change.
    version: i64,
    total: i64,
}

/// The queue's page cache: 32 MiB (`cache_size` in KiB, negative), more than a sync's
/// writer keeps, for search as you type over the whole cache.
const PAGE_CACHE: &str = "-32768";

impl Queue {
    /// A reader over `cache` with a connection of its own, which keeps [`PAGE_CACHE`] of
    /// decrypted pages for search as you type.
    pub async fn open(cache: &Cache) -> Result<Queue> {
        let conn = cache
            .connection_of_its_own(PAGE_CACHE)
            .await
            .what("open the queue's connection")?;
        Ok(Queue {
            conn,
            narrow: Mutex::new(None),
            counted: Mutex::new(None),
            closed: false.into(),
        })
    }

    /// Closes the connection and waits until it is gone.
    pub async fn close(&self) {
        self.conn.close().await;
        self.closed.store(true, Ordering::Relaxed);
    }

    /// One page of the queue: due callbacks first, then newest first. With the deployment's
    /// contact key, a whole e-mail or phone typed finds its customer too.
    pub async fn page(
        &self,
        q: &QueueQuery,
        now: DateTime<Utc>,
        contact_key: Option<&ContactKey>,
    ) -> Result<QueuePage> {
        let Some(st) = QueueStatements::new(q, now, contact_key) else {
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
        const WHAT: &str = "read the queue";
        let mut conn = self.conn.acquire().await.what(WHAT)?;
        // As an agent types on, a search that matched few tickets matches fewer: rank them
        // and count them in one statement. Should it match more after all (a sync brought
        // them) or the page lie past the end, count first as below.
        let mut found = None;
        if let Some(sql) = st.ranked_counted.as_deref().filter(|_| self.narrows(&st)) {
            let rows: Vec<QueueDbRow> = bound!(sqlx::query_as(sqlx::AssertSqlSafe(sql)))
                .fetch_all(&mut *conn)
                .await
                .what(WHAT)?;
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
                    .await
                    .what(WHAT)?;
                let total = match self.counted(&st, version) {
                    Some(total) => total,
                    None => {
                        let total: i64 =
                            bound!(sqlx::query_scalar(sqlx::AssertSqlSafe(st.count.clone())))
                                .fetch_one(&mut *conn)
                                .await
                                .what("count the queue")?;
                        self.keep_count(&st, version, total);
                        total
                    }
                };
                let rows = bound!(sqlx::query_as(sqlx::AssertSqlSafe(
                    st.rows_for(total).to_string()
                )))
                .fetch_all(&mut *conn)
                .await
                .what(WHAT)?;
                (total, rows)
            }
        };
        drop(conn);
        self.remember(&st, total);
        let mut rows = rows
            .into_iter()
            .map(
                |(id, subject, customer, category, channel, status, created, updated, due, _)| {
                    let bad = |what: &'static str, v: &str| corrupt(what, format!("{v:?}"));
                    Ok(QueueRow {
                        category: sportello_protocol::Category::parse(&category)
                            .ok_or_else(|| bad("category", &category))?,
                        channel: sportello_protocol::Channel::parse(&channel)
                            .ok_or_else(|| bad("channel", &channel))?,
                        status: sportello_protocol::TicketStatus::parse(&status)
                            .ok_or_else(|| bad("status", &status))?,
                        created_at: created.parse().map_err(|e| corrupt("date", e))?,
                        updated_at: updated.parse().map_err(|e| corrupt("date", e))?,
                        id,
                        subject,
                        customer_name: customer.unwrap_or_default(),
                        callback_due: due,
                    })
                },
            )
            .collect::<Result<Vec<_>>>()?;
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

    /// Keeps a search that matched at most [`SEARCH_CAP`] tickets for [`Queue::narrows`];
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
}

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
    /// [`Queue::narrows`]). Ranking reads every match anyway, so counting them costs nothing
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
            // customer, so this search narrows nothing (see `Queue::narrows`).
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
                // Without a filter, every cached ticket: the count the cache keeps (migration
                // 0013), since counting reads a whole index.
                count: format!(
                    "SELECT {} WHERE ?1 IS NULL AND {filters} AND {page_params}",
                    if filtered {
                        "count(*) FROM tickets t"
                    } else {
                        "n FROM ticket_count"
                    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::CacheKey;

    /// Writes tickets `ids` as the sync does (one multi-row `INSERT OR REPLACE`).
    async fn write(cache: &Cache, ids: &[&str]) {
        let rows = vec!["(?, 'C-1', NULL, 'Lost code', 'orders', 'email', 'open', '2026-11-30T10:00:00+00:00', '2026-11-30T10:00:00+00:00', NULL, '{}')"; ids.len()];
        let sql = format!(
            "INSERT OR REPLACE INTO tickets (id, customer_id, order_id, subject, category,
                channel, status, created_at, updated_at, callback_due_at, data) VALUES {}",
            rows.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in ids {
            q = q.bind(*id);
        }
        q.execute(&cache.pool).await.unwrap();
    }

    /// The unfiltered queue's total, read afresh, beside a count of the table.
    async fn totals(cache: &Cache) -> (u32, i64) {
        let queue = Queue::open(cache).await.unwrap();
        let page = queue
            .page(
                &QueueQuery::default(),
                "2026-12-01T12:00:00Z".parse().unwrap(),
                None,
            )
            .await
            .unwrap();
        queue.close().await;
        let counted = sqlx::query_scalar("SELECT count(*) FROM tickets")
            .fetch_one(&cache.pool)
            .await
            .unwrap();
        (page.total, counted)
    }

    /// The queue's total without a filter is the count the cache keeps (migration 0013): it
    /// stays the number of cached tickets as they are inserted, replaced (the same id, also
    /// twice in one statement), deleted, and in a cache that held tickets before the count.
    #[tokio::test]
    async fn the_kept_count_follows_every_write_of_the_tickets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        let key = CacheKey::generate().unwrap();
        let cache = Cache::open(&path, &key).await.unwrap();
        assert_eq!(totals(&cache).await, (0, 0));
        write(&cache, &["T-1", "T-2", "T-3"]).await;
        assert_eq!(totals(&cache).await, (3, 3));
        write(&cache, &["T-2", "T-4", "T-4"]).await;
        assert_eq!(totals(&cache).await, (4, 4));
        sqlx::query("DELETE FROM tickets WHERE id IN ('T-1', 'T-4', 'T-9')")
            .execute(&cache.pool)
            .await
            .unwrap();
        assert_eq!(totals(&cache).await, (2, 2));
        // A cache from before the count: its tickets are counted as it opens.
        for sql in [
            "DROP TRIGGER ticket_counted",
            "DROP TRIGGER ticket_uncounted",
            "DROP TABLE ticket_count",
            "DELETE FROM _sqlx_migrations WHERE version = 13",
        ] {
            sqlx::query(sql).execute(&cache.pool).await.unwrap();
        }
        write(&cache, &["T-5", "T-6", "T-7"]).await;
        cache.close().await;
        let cache = Cache::open(&path, &key).await.unwrap();
        assert_eq!(totals(&cache).await, (5, 5));
        cache.close().await;
    }
}
