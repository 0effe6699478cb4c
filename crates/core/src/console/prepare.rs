//! Start-up work done while the window loads: the last agent's cache reopened with the key
//! kept in this login session and the queue's first page read once, so the window's own
//! `startup` finds the cache open and the window gets its first page without asking again.
//! The server is not asked here.

use std::sync::Arc;

use super::{Cases, Console, Profile};
use crate::types::{QueuePage, QueueQuery};

impl Console {
    /// Start-up work done while the window is still loading: reopens the last agent's cache
    /// with the key kept in this login session, and reads the queue's first page once, as the
    /// window will ask for it. The window's own [`startup`] then finds the cache open, and its
    /// first page finds the count kept and the pages decrypted: opening, keying and the first
    /// read are off the path to the first row. The server is not asked here: that is the
    /// window's `startup` (asked twice, a server that does not answer would hold the first row
    /// back twice as long).
    ///
    /// Returns that first page (the unfiltered queue's first `first_page` rows), for the
    /// window to show while its `startup` still asks the server; `None` when no cache could
    /// be opened without the agent (none kept, locked, a courier's session).
    ///
    /// [`startup`]: Console::startup
    pub async fn prepare(&self, first_page: u32) -> Option<QueuePage> {
        if !self.reopen_kept_cache().await {
            return None;
        }
        let query = QueueQuery {
            limit: first_page,
            ..QueueQuery::default()
        };
        self.queue(&query)
            .await
            .inspect_err(|e| tracing::debug!(error = %e, "the queue was not read ahead"))
            .ok()
    }

    /// Opens the last agent's cache, when its key is kept in this login session and it is not
    /// open yet, for [`Console::startup`] to find. Whether it is open now.
    async fn reopen_kept_cache(&self) -> bool {
        let _one_at_a_time = self.starting.lock().await;
        let Some(profile) = Profile::read(&self.data_dir) else {
            return false;
        };
        let path = profile.cache_path(&self.data_dir);
        {
            let state = self.state.lock().await;
            if state.courier.is_some() {
                return false;
            }
            if let Some(open) = &state.cases {
                return open.path() == path;
            }
        }
        let Some(key) = path.exists().then(|| profile.kept_key(&path)).flatten() else {
            return false;
        };
        match Cases::open(&path, &key).await {
            Ok(cases) => {
                // Under the start-up lock nothing else opens a cache meanwhile.
                self.state.lock().await.cases = Some(Arc::new(cases));
                true
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot open the cache");
                false
            }
        }
    }
}
