//! Callbacks falling due while the console runs (docs/product.md §4): each is announced once, as a
//! desktop notification and a UI event. What was already overdue when the console started is
//! not announced again: the queue shows it first, with a badge. A callback that is due again
//! after a failed attempt is a new due time, announced again.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::cache::{Cache, CacheError};
use crate::types::DueCallback;

pub struct DueWatch {
    /// Everything due at or before this was looked at.
    checked_until: DateTime<Utc>,
    /// When the watch began: nothing due before it is announced.
    started: DateTime<Utc>,
    announced: HashSet<(String, DateTime<Utc>)>,
}

impl DueWatch {
    /// Announces callbacks that fall due after `from`.
    pub fn new(from: DateTime<Utc>) -> DueWatch {
        DueWatch {
            checked_until: from,
            started: from,
            announced: HashSet::new(),
        }
    }

    /// The callbacks that fell due since the last poll (or `from`), each once.
    pub async fn poll(
        &mut self,
        cache: &Cache,
        now: DateTime<Utc>,
    ) -> Result<Vec<DueCallback>, CacheError> {
        if now <= self.checked_until {
            return Ok(Vec::new());
        }
        // Look back a little: a callback synced in late (logged by a colleague, due a moment
        // ago) still deserves its announcement. Never before the start, so a restart does
        // not announce again what the last run did.
        let from = (self.checked_until - chrono::Duration::minutes(1)).max(self.started);
        let due = cache.callbacks_due_between(from, now).await?;
        self.checked_until = now;
        Ok(due
            .into_iter()
            .filter(|d| self.announced.insert((d.callback_id.clone(), d.due_at)))
            .collect())
    }
}
