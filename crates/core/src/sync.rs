//! Sync: follow the server's change feed from the cache's cursor to the head, pages applied
//! in transactions together with the cursor they reach (so a kill at any moment resumes
//! without loss or duplicates), reporting progress (rows, rate, time left) as it goes. A page the
//! network or the server (5xx) fails is asked again after a growing, jittered pause; after
//! [`TRIES`] the sync stops with the error, keeping what it applied.

use crate::apply::{DecodedPage, SyncBatch};
use crate::cache::{Cache, CacheError};
use crate::client::{Client, ClientError};
use crate::types::SyncProgress;

/// Why a sync stopped: the server (after [`TRIES`] for a transient failure), or the cache.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Client(#[from] ClientError),
    #[error(transparent)]
    Cache(#[from] CacheError),
}

type Result<T, E = SyncError> = std::result::Result<T, E>;

/// Changes asked for per page: the most the server gives (`/sync`'s limit). Fewer, larger
/// pages cost the server less per change and the cache fewer statements.
pub const PAGE: u32 = 5000;

/// Changes applied before a commit. Each commit rewrites every index page the changes
/// touched (ticket ids, dates and customers arrive in no index's order), so a first sync
/// commits every ten pages rather than every page; a kill loses at most that much work,
/// never consistency.
pub const COMMIT_EVERY: usize = 50_000;

/// Tries per page before the sync gives up.
pub const TRIES: u32 = 5;

/// The pause before try `n + 1` (n ≥ 1): 250 ms doubling, up to 4 s, with up to half of it
/// again as jitter so that many consoles do not come back in step.
pub fn backoff(n: u32, jitter: f64) -> std::time::Duration {
    let base = (250u64 << (n.saturating_sub(1)).min(4)).min(4000);
    std::time::Duration::from_millis(base + (base as f64 * 0.5 * jitter.clamp(0.0, 1.0)) as u64)
}

/// A page, asked again when the network or the server fails it, and decoded on a thread of its
/// own (so it is decoded while the page before it is written).
async fn page(client: &Client, since: i64) -> Result<DecodedPage> {
    let raw = fetch(client, since).await?;
    let decoded = tokio::task::spawn_blocking(move || DecodedPage::new(raw))
        .await
        .map_err(|e| ClientError::Unexpected {
            detail: e.to_string(),
        })?;
    Ok(decoded?)
}

async fn fetch(
    client: &Client,
    since: i64,
) -> Result<sportello_protocol::RawSyncPage, ClientError> {
    let mut tries = 0;
    loop {
        tries += 1;
        match client.sync_page(since, PAGE).await {
            Err(e) if tries < TRIES && e.is_transient() => {
                let jitter = (uuid::Uuid::new_v4().as_u128() % 1000) as f64 / 1000.0;
                tracing::debug!(error = %e, tries, "sync page failed; trying again");
                tokio::time::sleep(backoff(tries, jitter)).await;
            }
            other => return other,
        }
    }
}

/// Pulls every change after the cache's cursor. Returns how many were applied.
pub async fn run(
    client: &Client,
    cache: &Cache,
    clock: &sportello_clock::Clock,
    mut progress: impl FnMut(SyncProgress),
) -> Result<u32> {
    let start = cache.cursor().await?;
    let started = std::time::Instant::now();
    let mut applied = 0u32;
    let abort_after = abort_after_pages_for_tests();
    let mut next = page(client, start).await?;
    let mut batch = None;
    let mut commits = 0u32;
    loop {
        let decoded: DecodedPage = next;
        let page = &decoded.page;
        let mut writing = match batch.take() {
            Some(b) => b,
            None => SyncBatch::begin(cache).await?,
        };
        // The next page travels while this one is written.
        let (written, fetched) = if page.more {
            let (w, f) = tokio::join!(writing.apply(&decoded), self::page(client, page.next));
            (w, Some(f))
        } else {
            (writing.apply(&decoded).await, None)
        };
        written?;
        if !page.more || writing.changes >= COMMIT_EVERY {
            writing.commit().await?;
            commits += 1;
            if abort_after == Some(commits) {
                std::process::abort();
            }
        } else {
            batch = Some(writing);
        }
        applied += page.changes.len() as u32;
        // Cursors are dense unless entities changed twice, so this bounds what is left.
        let remaining = (page.head - page.next).max(0) as u32;
        if !page.more {
            cache.mark_synced(clock.now()).await?;
            progress(SyncProgress {
                applied,
                total: applied,
                rate: rate(applied, started),
                seconds_left: Some(0),
                finished: true,
                error: None,
            });
            return Ok(applied);
        }
        next = match fetched.expect("a page with more has its next fetched") {
            Ok(next) => next,
            Err(e) => {
                // Keep what was written before giving up.
                if let Some(b) = batch.take() {
                    b.commit().await?;
                }
                return Err(e);
            }
        };
        let per_second = rate(applied, started);
        progress(SyncProgress {
            applied,
            total: applied + remaining,
            rate: per_second,
            seconds_left: per_second.filter(|r| *r > 0).map(|r| remaining.div_ceil(r)),
            finished: false,
            error: None,
        });
    }
}

/// Applies a page the server pushed (`GET /stream`) that continues the cache from `since`:
/// the page and its cursor in one transaction, as a pulled page. A page that does not
/// continue the cache (a sync moved the cursor meanwhile) is not applied: `Ok(None)`, and the
/// follower opens a new stream from the cache's cursor.
pub async fn apply_pushed(
    cache: &Cache,
    clock: &sportello_clock::Clock,
    since: i64,
    raw: sportello_protocol::RawSyncPage,
) -> Result<Option<u32>> {
    if cache.cursor().await? != since {
        return Ok(None);
    }
    let decoded = tokio::task::spawn_blocking(move || DecodedPage::new(raw))
        .await
        .map_err(|e| ClientError::Unexpected {
            detail: e.to_string(),
        })??;
    let applied = decoded.page.changes.len() as u32;
    let mut batch = SyncBatch::begin(cache).await?;
    batch.apply(&decoded).await?;
    batch.commit().await?;
    cache.mark_synced(clock.now()).await?;
    Ok(Some(applied))
}

/// A test hook: with `SPORTELLO_TEST_ABORT_AFTER_PAGES=N` the process dies right after the
/// N-th commit of sync pages, as a kill or power loss would stop it mid-sync. The kill test uses
/// it to prove the next sync resumes without loss or duplicates.
fn abort_after_pages_for_tests() -> Option<u32> {
    std::env::var("SPORTELLO_TEST_ABORT_AFTER_PAGES")
        .ok()?
        .parse()
        .ok()
}

fn rate(applied: u32, started: std::time::Instant) -> Option<u32> {
    let secs = started.elapsed().as_secs_f64();
    (secs > 0.0).then(|| (f64::from(applied) / secs) as u32)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pauses_grow_with_jitter_up_to_a_cap() {
        let ms = |n, j| super::backoff(n, j).as_millis();
        assert_eq!(
            [ms(1, 0.0), ms(2, 0.0), ms(3, 0.0), ms(4, 0.0)],
            [250, 500, 1000, 2000]
        );
        assert_eq!(ms(9, 0.0), 4000);
        assert_eq!(ms(1, 1.0), 375);
        assert!(ms(9, 1.0) <= 6000);
    }
}
