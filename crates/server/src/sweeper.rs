//! The sweeper: every minute, rows that outlived their purpose go (rule 6.5): throttle
//! windows that ended (also those of usernames nobody has), expired sessions, idempotency
//! keys past their day, and wrong codes older than the courier lock-out's hour; codes whose
//! delivery day ended expire, each with its audit entry (rule 3.2); and the audit chain's head
//! is signed when it moved (rule 3.12). Every replica runs one; their work overlaps
//! harmlessly.

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

/// Codes expired per transaction batch: the sweeper expires batches until none is due.
const EXPIRE_BATCH: u32 = 500;

/// Expires every code whose delivery day ended by the clock's `now` (rule 3.2).
pub async fn expire_due(store: &dyn Store, clock: &Clock) -> crate::store::StoreResult<u32> {
    let mut total = 0;
    loop {
        let n = store.expire_passwords(clock.now(), EXPIRE_BATCH).await?;
        total += n;
        if n < EXPIRE_BATCH {
            break;
        }
    }
    if total > 0 {
        tracing::info!(expired = total, "delivery passwords expired");
    }
    Ok(total)
}

/// Sweeps, expires and signs every [`EVERY`] (at once first) until the process ends; a failed
/// round is logged and tried again.
pub async fn run(store: Arc<dyn Store>, clock: Clock, keys: Option<Arc<crate::secrets::Keys>>) {
    loop {
        if let Err(e) = sweep_once(&*store, &clock).await {
            tracing::warn!(error = %e, "the sweep failed; trying again in a minute");
        }
        if let Err(e) = expire_due(&*store, &clock).await {
            tracing::warn!(error = %e, "expiring codes failed; trying again in a minute");
        }
        if let Some(keys) = &keys {
            if let Err(e) = crate::service::audit::sign_head(&*store, keys, clock.now()).await {
                tracing::warn!(error = %e, "signing the audit chain failed; trying again in a minute");
            }
        }
        tokio::time::sleep(EVERY).await;
    }
}
