//! Reading the case data a console caches: pages of the change feed after a cursor, and one
//! entity's current document, for the roles that read cases.

use sportello_protocol::{AgentInfo, EntityKind, Shipment};

use super::{require, Error, Result, Services, READERS};
use crate::store::RawSyncPage;

/// Page size when none is asked for, and the largest allowed.
pub const DEFAULT_LIMIT: u32 = 500;
pub const MAX_LIMIT: u32 = 5000;

/// Every change after `since`, oldest first, at most `limit` (default [`DEFAULT_LIMIT`]).
pub async fn page(
    s: &Services,
    actor: &AgentInfo,
    since: i64,
    limit: Option<u32>,
) -> Result<RawSyncPage> {
    require(actor, READERS)?;
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::OutOfBounds(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    if since < 0 {
        return Err(Error::OutOfBounds("since must not be negative".into()));
    }
    // Audit entries reach the consoles of leads and admins only (rule 3.12).
    let audit = super::audit::AUDITORS.contains(&actor.role);
    Ok(s.store.changes_raw(since, limit, audit).await?)
}

/// An entity's stored feed document (JSON text), as the feed carries it. Shipments are read
/// live instead ([`shipment`]): their password state depends on the clock.
pub async fn document(
    s: &Services,
    actor: &AgentInfo,
    kind: EntityKind,
    id: &str,
) -> Result<String> {
    require(actor, READERS)?;
    s.store
        .doc(kind, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no {} with id {id:?}", kind.as_str())))
}

/// A shipment as it stands now.
pub async fn shipment(s: &Services, actor: &AgentInfo, id: &str) -> Result<Shipment> {
    require(actor, READERS)?;
    s.store
        .shipment(id, s.clock.now())
        .await?
        .ok_or_else(|| Error::NotFound(format!("no shipment with id {id:?}")))
}
