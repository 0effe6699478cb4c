//! The audit trail for leads and admins (rules 3.10, 3.12): pages of entries by filter, the
//! chain verified over a range with the signed checkpoint it reaches, the signed head on
//! demand, and the public keys checkpoints are signed with. The operator's `audit` commands
//! verify and export through the same functions.

use futures::StreamExt;
use sportello_protocol::audit::{self, check_checkpoint, ChainVerifier};
use sportello_protocol::{
    AgentInfo, AuditKey, AuditPage, AuditQuery, AuditVerification, Checkpoint, Role,
};

use super::{require, Error, Result, Services};
use crate::store::{Store, StoreResult};

/// Who reads the trail.
pub const AUDITORS: &[Role] = &[Role::Lead, Role::Admin];

/// Page size when none is asked for, and the largest allowed.
pub const DEFAULT_LIMIT: u32 = 100;
pub const MAX_LIMIT: u32 = 1000;

/// Entries a verification reads at a time.
const VERIFY_BATCH: u32 = 10_000;

/// Batches a verification reads at once, each on its own connection.
const VERIFY_READERS: usize = 2;

/// A page of entries matching `query`, oldest first.
pub async fn page(s: &Services, actor: &AgentInfo, query: AuditQuery) -> Result<AuditPage> {
    require(actor, AUDITORS)?;
    let limit = match query.limit {
        None | Some(0) => DEFAULT_LIMIT,
        Some(n) if n <= MAX_LIMIT => n,
        Some(_) => {
            return Err(Error::OutOfBounds(format!(
                "limit must be at most {MAX_LIMIT}"
            )))
        }
    };
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if from > to {
            return Err(Error::OutOfBounds("from must not be after to".into()));
        }
    }
    let mut entries = s.store.audit_page(&query, limit + 1).await?;
    let next_cursor = if entries.len() > limit as usize {
        entries.truncate(limit as usize);
        entries.last().map(|e| e.seq)
    } else {
        None
    };
    Ok(AuditPage {
        entries,
        next_cursor,
    })
}

/// The public keys of every signing key.
pub fn keys(s: &Services, actor: &AgentInfo) -> Result<Vec<AuditKey>> {
    require(actor, AUDITORS)?;
    Ok(s.keys()?.audit_keys())
}

/// The chain's head signed now, or the last checkpoint when nothing was appended since.
pub async fn checkpoint(s: &Services, actor: &AgentInfo) -> Result<Checkpoint> {
    require(actor, AUDITORS)?;
    let keys = s.keys()?;
    sign_head(&*s.store, &keys, s.clock.now())
        .await?
        .ok_or(Error::Unavailable)
}

/// Signs the chain's head at `now` unless the latest checkpoint already names it; `None`
/// without a signing key. Replicas doing this at once keep one checkpoint per entry.
pub async fn sign_head(
    store: &dyn Store,
    keys: &crate::secrets::Keys,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<Option<Checkpoint>> {
    let (seq, hash) = store.audit_head().await?;
    if let Some(latest) = store.latest_checkpoint(None).await? {
        if latest.seq >= seq {
            return Ok(Some(latest));
        }
    }
    let Some(checkpoint) = keys.sign_checkpoint(seq, &hash, now) else {
        return Ok(None);
    };
    store.add_checkpoint(&checkpoint).await?;
    Ok(Some(
        store.latest_checkpoint(None).await?.unwrap_or(checkpoint),
    ))
}

/// Verifies entries `from_seq` to `to_seq` (the whole chain by default).
pub async fn verify(
    s: &Services,
    actor: &AgentInfo,
    from_seq: Option<u64>,
    to_seq: Option<u64>,
) -> Result<AuditVerification> {
    require(actor, AUDITORS)?;
    if let (Some(from), Some(to)) = (from_seq, to_seq) {
        if from > to {
            return Err(Error::OutOfBounds(
                "from_seq must not be after to_seq".into(),
            ));
        }
    }
    let keys = s.keys()?.audit_keys();
    Ok(verify_store(&*s.store, &keys, from_seq, to_seq).await?)
}

/// Verifies the chain in `store` from `from_seq` (1 by default) to `to_seq` (the head by
/// default), a batch at a time, and the latest checkpoint within that range (any, when the
/// whole chain is checked) against `keys`: the range that verified, or the first break.
pub async fn verify_store(
    store: &dyn Store,
    keys: &[AuditKey],
    from_seq: Option<u64>,
    to_seq: Option<u64>,
) -> StoreResult<AuditVerification> {
    verify_in_batches(store, keys, from_seq, to_seq, VERIFY_BATCH).await
}

/// [`verify_store`], reading `batch` entries at a time (tests make breaks fall inside and on
/// the edges of small batches).
pub async fn verify_in_batches(
    store: &dyn Store,
    keys: &[AuditKey],
    from_seq: Option<u64>,
    to_seq: Option<u64>,
    batch: u32,
) -> StoreResult<AuditVerification> {
    let from = from_seq.unwrap_or(1).max(1);
    let (head, _) = store.audit_head().await?;
    let to = to_seq.map_or(head, |t| t.min(head));
    // Windows of numbers are read on VERIFY_READERS connections at once, so the database
    // sends the next while one is decoded and hashed (on every core, by the store); the links
    // are then followed in order. A window with missing numbers is a gap the verifier names.
    // However stale the planner's statistics, a window reads and sorts no more than a batch
    // (an open range once sorted half a million rows a batch).
    let mut reads = futures::stream::iter(audit::windows(from, to, u64::from(batch)))
        .map(|(first, last)| store.audit_links(first, last))
        .buffered(VERIFY_READERS);
    let mut verifier = ChainVerifier::from_seq(from);
    let mut broken = None;
    while let Some(batch) = reads.next().await {
        if let Err(b) = verifier.push_links(&batch?) {
            broken = Some(b);
            break;
        }
    }
    let verified_to = verifier.last().map_or(0, |(seq, _)| seq);
    if broken.is_none() && to >= from && verified_to < to {
        // The head names entries that are not there: the tail was removed.
        broken = Some(sportello_protocol::ChainBreak {
            seq: verified_to.max(from - 1) + 1,
            kind: sportello_protocol::BreakKind::MissingSequence,
            detail: format!(
                "entry #{} is missing: the chain's head says it ends at #{to}",
                verified_to.max(from - 1) + 1
            ),
        });
    }
    let checkpoint = store.latest_checkpoint(to_seq.map(|_| verified_to)).await?;
    let mut signed = None;
    if let (None, Some(checkpoint)) = (&broken, checkpoint) {
        let hash = store.audit_hash(checkpoint.seq).await?;
        match check_checkpoint(&checkpoint, keys, |_| hash) {
            Ok(()) if checkpoint.seq <= verified_to || checkpoint.seq == 0 => {
                signed = Some(checkpoint)
            }
            Ok(()) => {}
            Err(b) => broken = Some(b),
        }
    }
    Ok(AuditVerification {
        from_seq: from,
        verified_to,
        checkpoint: signed,
        broken,
    })
}
