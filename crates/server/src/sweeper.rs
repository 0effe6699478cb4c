//! The sweeper (rule 6.5): every minute, rows that outlived their purpose go: throttle
//! windows that ended (also those of usernames nobody has), expired sessions, idempotency
//! keys past their day, and wrong codes older than the courier lock-out's hour. Every replica
//! runs one; their deletes overlap harmlessly.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::clock::Clock;
use crate::store::{Store, SweepCutoffs, Swept};

/// How often the sweeper runs.
pub const EVERY: Duration = Duration::from_secs(60);

/// What is old enough to go at `now`.
pub fn cutoffs(now: DateTime<Utc>) -> SweepCutoffs {
    SweepCutoffs {
        throttles: now - chrono::Duration::minutes(crate::signin::WINDOW_MINUTES),
        sessions: now,
        idempotency_keys: now
            - chrono::Duration::hours(crate::store::IDEMPOTENCY_KEY_LIFETIME_HOURS),
        verification_failures: now - chrono::Duration::hours(1),
    }
}

/// One sweep at the clock's `now`.
pub async fn sweep_once(store: &dyn Store, clock: &Clock) -> crate::store::StoreResult<Swept> {
    let swept = store.sweep(cutoffs(clock.now())).await?;
    if swept != Swept::default() {
        tracing::info!(
            throttles = swept.throttles,
            sessions = swept.sessions,
            idempotency_keys = swept.idempotency_keys,
            verification_failures = swept.verification_failures,
            "swept"
        );
    }
    Ok(swept)
}

/// Sweeps every [`EVERY`] until the process ends; a failed sweep is logged and tried again.
pub async fn run(store: Arc<dyn Store>, clock: Clock) {
    loop {
        if let Err(e) = sweep_once(&*store, &clock).await {
            tracing::warn!(error = %e, "the sweep failed; trying again in a minute");
        }
        tokio::time::sleep(EVERY).await;
    }
}
