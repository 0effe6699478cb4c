//! The audit trail a lead's console caches (rule 7.8): pages of it by filter, the rows the
//! chart and the flags are made from, the entries in order for a verification on this machine,
//! and the last signed checkpoint with the server's public keys, kept in `meta`.

use chrono::{DateTime, Utc};
use sportello_protocol::audit::chain_time;
use sportello_protocol::{AuditAction, AuditEntry, AuditKey, AuditOutcome, Checkpoint};

use crate::cache::{corrupt, document, to_document, Cache, Result, What};
use crate::types::{AuditFilter, AuditTrailPage};

/// What the chart and the flags read of an entry.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub actor_username: String,
    pub actor_name: String,
    /// Whether an agent or a lead did it (not a courier, the carrier feed or the server).
    pub by_agent: bool,
    pub action: AuditAction,
    pub outcome: AuditOutcome,
    pub shipment_id: String,
    pub channel: String,
}

/// Page size when none is asked for, and the largest allowed.
const DEFAULT_LIMIT: u32 = 200;
const MAX_LIMIT: u32 = 1000;

/// The shared `WHERE` of a filtered read: `?1` from, `?2` to, `?3` actor, `?4` action,
/// `?5` outcome, `?6` shipment or order.
const FILTERS: &str = "(?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2)
    AND (?3 IS NULL OR actor_username = ?3) AND (?4 IS NULL OR action = ?4)
    AND (?5 IS NULL OR outcome = ?5) AND (?6 IS NULL OR shipment_id = ?6 OR order_id = ?6)";

/// Binds the six filters of [`FILTERS`] in order.
macro_rules! filtered {
    ($query:expr, $f:expr) => {
        $query
            .bind($f.from.map(chain_time))
            .bind($f.to.map(chain_time))
            .bind($f.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()))
            .bind($f.action.map(|a| a.as_str()))
            .bind($f.outcome.map(|o| o.as_str()))
            .bind(
                $f.shipment
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty()),
            )
    };
}

impl Cache {
    /// A page of the cached trail matching `f`, oldest first.
    pub async fn audit_page(&self, f: &AuditFilter) -> Result<AuditTrailPage> {
        let limit = match f.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(MAX_LIMIT),
        };
        let sql =
            format!("SELECT data FROM audit WHERE seq > ?7 AND {FILTERS} ORDER BY seq LIMIT ?8");
        let rows: Vec<String> = filtered!(sqlx::query_scalar(sqlx::AssertSqlSafe(sql)), f)
            .bind(f.cursor.unwrap_or(0) as i64)
            .bind(i64::from(limit) + 1)
            .fetch_all(&self.pool)
            .await
            .what("read the audit trail")?;
        let mut entries = rows
            .iter()
            .map(|d| document::<AuditEntry>("audit entry", d))
            .collect::<Result<Vec<_>>>()?;
        let next_cursor = if entries.len() > limit as usize {
            entries.truncate(limit as usize);
            entries.last().map(|e| e.seq)
        } else {
            None
        };
        Ok(AuditTrailPage {
            entries,
            next_cursor,
        })
    }

    /// Every entry matching `f` (its cursor and limit aside), oldest first, as `visit`
    /// receives them a batch at a time (an export of any size in flat memory).
    pub async fn audit_each(
        &self,
        f: &AuditFilter,
        mut visit: impl FnMut(&[AuditEntry]) -> std::io::Result<()>,
    ) -> Result<u64> {
        let mut page = AuditFilter {
            cursor: None,
            limit: MAX_LIMIT,
            ..f.clone()
        };
        let mut total = 0;
        loop {
            let found = self.audit_page(&page).await?;
            visit(&found.entries).what("write the export")?;
            total += found.entries.len() as u64;
            match found.next_cursor {
                Some(next) => page.cursor = Some(next),
                None => return Ok(total),
            }
        }
    }

    /// What the chart and the flags read of the entries matching `f` (its cursor and limit
    /// aside), oldest first.
    pub async fn audit_rows(&self, f: &AuditFilter) -> Result<Vec<AuditRow>> {
        let sql = format!(
            "SELECT seq, at, actor_username, actor_name, actor_role, action, outcome,
                    shipment_id, channel
               FROM audit WHERE {FILTERS} ORDER BY seq"
        );
        type Row = (
            i64,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
        );
        let rows: Vec<Row> = filtered!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), f)
            .fetch_all(&self.pool)
            .await
            .what("read the audit trail")?;
        rows.into_iter()
            .map(
                |(seq, at, username, name, role, action, outcome, shipment, channel)| {
                    Ok(AuditRow {
                        seq: seq as u64,
                        at: at.parse().map_err(|e| corrupt("audit time", e))?,
                        actor_username: username,
                        actor_name: name,
                        by_agent: matches!(role.as_str(), "agent" | "lead"),
                        action: AuditAction::parse(&action)
                            .ok_or_else(|| corrupt("audit action", &action))?,
                        outcome: AuditOutcome::parse(&outcome)
                            .ok_or_else(|| corrupt("audit outcome", &outcome))?,
                        shipment_id: shipment,
                        channel,
                    })
                },
            )
            .collect()
    }

    /// Entries from `from_seq` on, in order, at most `limit` (a verification's batch).
    pub async fn audit_range(&self, from_seq: u64, limit: u32) -> Result<Vec<AuditEntry>> {
        let rows: Vec<String> =
            sqlx::query_scalar("SELECT data FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?")
                .bind(from_seq as i64)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await
                .what("read the audit trail")?;
        rows.iter()
            .map(|d| document::<AuditEntry>("audit entry", d))
            .collect()
    }

    /// The hash of cached entry `seq`, if it is cached.
    pub async fn audit_hash(&self, seq: u64) -> Result<Option<String>> {
        let data: Option<String> = sqlx::query_scalar("SELECT data FROM audit WHERE seq = ?")
            .bind(seq as i64)
            .fetch_optional(&self.pool)
            .await
            .what("read the audit trail")?;
        Ok(data
            .map(|d| document::<AuditEntry>("audit entry", &d))
            .transpose()?
            .map(|e| e.hash))
    }

    /// How many entries are cached.
    pub async fn audit_count(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM audit")
            .fetch_one(&self.pool)
            .await
            .what("count the audit trail")?;
        Ok(n as u64)
    }

    /// Keeps the server's latest signed checkpoint and its public keys, for verifying the
    /// trail offline.
    pub async fn keep_audit_seal(&self, checkpoint: &Checkpoint, keys: &[AuditKey]) -> Result<()> {
        let mut conn = self
            .pool
            .acquire()
            .await
            .what("keep the audit checkpoint")?;
        crate::cache::set_meta(&mut conn, "audit_checkpoint", &to_document(checkpoint)).await?;
        crate::cache::set_meta(&mut conn, "audit_keys", &to_document(&keys)).await
    }

    /// The kept checkpoint and keys, if a sync brought them.
    pub async fn audit_seal(&self) -> Result<Option<(Checkpoint, Vec<AuditKey>)>> {
        let (checkpoint, keys) = (
            self.meta_value("audit_checkpoint").await?,
            self.meta_value("audit_keys").await?,
        );
        match (checkpoint, keys) {
            (Some(c), Some(k)) => Ok(Some((
                document("audit checkpoint", &c)?,
                document("audit keys", &k)?,
            ))),
            _ => Ok(None),
        }
    }
}
