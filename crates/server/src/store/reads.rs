//! Connections for the hot read path (`GET` of a document, the session check of every
//! request), kept outside sqlx's pool: the pool pings every connection when it comes back
//! (a second round trip per query), which doubles the cost of a one-row lookup. Here a
//! connection goes back to the idle list only when its query finished; if the request is
//! cancelled mid-query, the connection is dropped (closed) with it, so a half-read answer can
//! never reach the next caller. A connection that failed with an I/O or protocol error is
//! dropped too, and the next call opens a fresh one.

use std::sync::Mutex;
use std::time::Duration;

use futures::future::BoxFuture;
use sqlx::Connection;
use tokio::sync::Semaphore;

use super::{StoreError, StoreResult};

pub struct ReadConnections<C: Connection> {
    idle: Mutex<Vec<C>>,
    /// At most this many connections are open (idle or in use) at once.
    permits: Semaphore,
    options: C::Options,
}

/// How long a read waits for a free connection before the store counts as unavailable.
const WAIT: Duration = Duration::from_secs(10);

impl<C: Connection> ReadConnections<C> {
    pub fn new(options: C::Options, max: usize) -> Self {
        ReadConnections {
            idle: Mutex::new(Vec::with_capacity(max)),
            permits: Semaphore::new(max),
            options,
        }
    }

    /// Runs `query` on an idle connection (or a new one).
    pub async fn run<T>(
        &self,
        query: impl for<'c> FnOnce(&'c mut C) -> BoxFuture<'c, Result<T, sqlx::Error>>,
    ) -> StoreResult<T> {
        let _permit = tokio::time::timeout(WAIT, self.permits.acquire())
            .await
            .map_err(|_| StoreError::Unavailable(sqlx::Error::PoolTimedOut))?
            .map_err(|_| StoreError::Unavailable(sqlx::Error::PoolClosed))?;
        let idle = self
            .idle
            .lock()
            .expect("the idle list is never poisoned")
            .pop();
        let mut conn = match idle {
            Some(conn) => conn,
            None => C::connect_with(&self.options).await?,
        };
        let result = query(&mut conn).await;
        let broken = matches!(
            result,
            Err(sqlx::Error::Io(_) | sqlx::Error::Protocol(_) | sqlx::Error::Tls(_))
        );
        if !broken {
            self.idle
                .lock()
                .expect("the idle list is never poisoned")
                .push(conn);
        }
        Ok(result?)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::SqliteConnection;

    use super::*;

    fn connections(dir: &tempfile::TempDir) -> ReadConnections<SqliteConnection> {
        let url = format!("sqlite://{}", dir.path().join("reads.sqlite").display());
        let options = SqliteConnectOptions::from_str(&url)
            .unwrap()
            .create_if_missing(true);
        ReadConnections::new(options, 2)
    }

    fn idle(reads: &ReadConnections<SqliteConnection>) -> usize {
        reads.idle.lock().unwrap().len()
    }

    #[tokio::test]
    async fn a_finished_read_returns_its_connection_and_a_cancelled_one_drops_it() {
        let dir = tempfile::tempdir().unwrap();
        let reads = connections(&dir);
        let one: (i64,) = reads
            .run(|c| Box::pin(sqlx::query_as("SELECT 1").fetch_one(c)))
            .await
            .unwrap();
        assert_eq!(one, (1,));
        assert_eq!(idle(&reads), 1);

        // A slow read cancelled halfway takes its connection with it.
        let slow = reads.run(|c| {
            Box::pin(
                sqlx::query_as::<_, (i64,)>(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000)
                     SELECT count(*) FROM n",
                )
                .fetch_one(c),
            )
        });
        assert!(tokio::time::timeout(Duration::from_millis(50), slow)
            .await
            .is_err());
        assert_eq!(idle(&reads), 0);

        // The next read gets a clean connection and its own answer.
        let two: (i64,) = reads
            .run(|c| Box::pin(sqlx::query_as("SELECT 2").fetch_one(c)))
            .await
            .unwrap();
        assert_eq!(two, (2,));
        assert_eq!(idle(&reads), 1);
    }

    #[tokio::test]
    async fn a_failed_query_keeps_a_healthy_connection() {
        let dir = tempfile::tempdir().unwrap();
        let reads = connections(&dir);
        let err = reads
            .run(|c| Box::pin(sqlx::query("SELECT * FROM no_such_table").execute(c)))
            .await;
        assert!(err.is_err());
        assert_eq!(
            idle(&reads),
            1,
            "an SQL error does not break the connection"
        );
    }
}
