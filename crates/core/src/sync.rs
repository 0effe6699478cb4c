//! Sync: follow the server's change feed from the cache's cursor to the head, a page per
//! transaction, reporting progress as it goes.

use sportello_protocol::SyncPage;

use crate::cache::Cache;
use crate::client::Client;
use crate::types::{ConsoleError, SyncProgress};

/// Changes asked for per page.
pub const PAGE: u32 = 1000;

/// Pulls every change after the cache's cursor. Returns how many were applied.
pub async fn run(
    client: &Client,
    cache: &Cache,
    mut progress: impl FnMut(SyncProgress),
) -> Result<u32, ConsoleError> {
    let start = cache.cursor().await?;
    let mut since = start;
    let mut applied = 0u32;
    let abort_after = abort_after_pages_for_tests();
    let mut pages = 0u32;
    loop {
        let page: SyncPage = client.sync_page(since, PAGE).await?;
        cache.apply(&page).await?;
        pages += 1;
        if abort_after == Some(pages) {
            std::process::abort();
        }
        applied += page.changes.len() as u32;
        since = page.next;
        // Cursors are dense unless entities changed twice, so this bounds what is left.
        let remaining = (page.head - page.next).max(0) as u32;
        if !page.more {
            cache.mark_synced(chrono::Utc::now()).await?;
            progress(SyncProgress {
                applied,
                total: applied,
                finished: true,
                error: None,
            });
            return Ok(applied);
        }
        progress(SyncProgress {
            applied,
            total: applied + remaining,
            finished: false,
            error: None,
        });
    }
}

/// A test hook: with `SPORTELLO_TEST_ABORT_AFTER_PAGES=N` the process dies right after the
/// N-th page is applied, as a kill or power loss would stop it mid-sync. The kill test uses
/// it to prove the next sync resumes without loss or duplicates.
fn abort_after_pages_for_tests() -> Option<u32> {
    std::env::var("SPORTELLO_TEST_ABORT_AFTER_PAGES")
        .ok()?
        .parse()
        .ok()
}
