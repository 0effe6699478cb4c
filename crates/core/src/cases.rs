//! The agent's cached cases as the console holds them open: the cache and the queue's reader
//! over it, opened and closed together. Everything the cache's layers offer is reached through
//! it (it dereferences to the [`Cache`]).

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::cache::{Cache, Result};
use crate::queue::{Queue, QueueStatements};
use crate::types::{QueuePage, QueueQuery};
use crate::vault::CacheKey;

pub struct Cases {
    cache: Cache,
    queue: Queue,
}

impl Cases {
    /// Opens the cache at `path` with `key` (see [`Cache::open`]) and the queue's reader.
    pub async fn open(path: &Path, key: &CacheKey) -> Result<Cases> {
        let cache = Cache::open(path, key).await?;
        match Queue::open(&cache).await {
            Ok(queue) => Ok(Cases { cache, queue }),
            Err(e) => {
                cache.close().await;
                Err(e)
            }
        }
    }

    /// Closes every connection and waits until they are gone: call it before they are dropped.
    pub async fn close(&self) {
        self.queue.close().await;
        self.cache.close().await;
    }

    /// One page of the queue (see [`Queue::page`]).
    pub async fn queue(&self, q: &QueueQuery, now: DateTime<Utc>) -> Result<QueuePage> {
        self.queue
            .page(q, now, self.cache.contact_key().as_ref())
            .await
    }

    /// Whether a search is known to match few tickets (see [`Queue::narrows`]).
    pub fn narrows(&self, st: &QueueStatements) -> bool {
        self.queue.narrows(st)
    }
}

impl std::ops::Deref for Cases {
    type Target = Cache;

    fn deref(&self) -> &Cache {
        &self.cache
    }
}
