//! The audit trail a lead's console caches (rule 7.8): pages of it by filter, the rows the
//! chart and the flags are made from, the entries in order for a verification on this machine,
//! and the last signed checkpoint with the server's public keys, kept in `meta`.

use chrono::{DateTime, Utc};
use sportello_protocol::audit::{chain_time, links_on_every_core, ChainLink, EntryDocument};
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

/// The `WHERE` of a filtered read with only the filters `f` sets, and the values it binds in
/// order. A filter left out of the text (rather than written `? IS NULL OR …`) lets SQLite
/// pick the index that serves it (see 0012_audit_indexes.sql).
fn filters(f: &AuditFilter) -> (String, Vec<String>) {
    let text = |v: Option<&str>| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let mut terms = vec!["1"];
    let mut values = Vec::new();
    if let Some(from) = f.from {
        terms.push("at >= ?");
        values.push(chain_time(from));
    }
    if let Some(to) = f.to {
        terms.push("at < ?");
        values.push(chain_time(to));
    }
    if let Some(actor) = text(f.actor.as_deref()) {
        terms.push("actor_username = ?");
        values.push(actor);
    }
    if let Some(action) = f.action {
        terms.push("action = ?");
        values.push(action.as_str().to_string());
    }
    if let Some(outcome) = f.outcome {
        terms.push("outcome = ?");
        values.push(outcome.as_str().to_string());
    }
    if let Some(id) = text(f.shipment.as_deref()) {
        terms.push("(shipment_id = ? OR order_id = ?)");
        values.push(id.clone());
        values.push(id);
    }
    (terms.join(" AND "), values)
}

impl Cache {
    /// A page of the cached trail matching `f`, oldest first.
    pub async fn audit_page(&self, f: &AuditFilter) -> Result<AuditTrailPage> {
        let limit = match f.limit {
            0 => DEFAULT_LIMIT,
            n => n.min(MAX_LIMIT),
        };
        // The page's numbers first, from the indexes alone where they serve; then the
        // documents of those only.
        let (terms, values) = filters(f);
        let sql = format!(
            "SELECT data FROM audit WHERE seq IN
               (SELECT seq FROM audit WHERE seq > ? AND {terms} ORDER BY seq LIMIT ?)
              ORDER BY seq"
        );
        let mut query =
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(f.cursor.unwrap_or(0) as i64);
        for v in values {
            query = query.bind(v);
        }
        let rows: Vec<String> = query
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
        let (terms, values) = filters(f);
        let sql = format!(
            "SELECT seq, at, actor_username, actor_name, actor_role, action, outcome,
                    shipment_id, channel
               FROM audit WHERE {terms} ORDER BY seq"
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
        let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for v in values {
            query = query.bind(v);
        }
        let rows: Vec<Row> = query
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

    /// The documents of the cached entries numbered `first` to `last`, one per line, in order
    /// (a verification's window, decoded by [`decode_links`]). The window comes back as one row:
    /// handing SQLite's rows over one at a time cost more than reading them. The inner query
    /// walks the table's key in order, so SQLite has nothing to sort; `decode_links` puts the
    /// links in order anyway rather than trust an order SQL does not promise for an aggregate.
    pub async fn audit_docs(&self, first: u64, last: u64) -> Result<String> {
        let joined: Option<String> = sqlx::query_scalar(
            "SELECT group_concat(data, char(10)) FROM
               (SELECT data FROM audit WHERE seq >= ? AND seq <= ? ORDER BY seq)",
        )
        .bind(first.min(i64::MAX as u64) as i64)
        .bind(last.min(i64::MAX as u64) as i64)
        .fetch_one(&self.pool)
        .await
        .what("read the audit trail")?;
        Ok(joined.unwrap_or_default())
    }

    /// The number of the last cached entry (0 when none is).
    pub async fn audit_last_seq(&self) -> Result<u64> {
        let last: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM audit")
            .fetch_one(&self.pool)
            .await
            .what("read the audit trail")?;
        Ok(last.unwrap_or(0).max(0) as u64)
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

/// A window of cached documents, one per line (see [`Cache::audit_docs`]), read as a verifier
/// checks them: on every core at once, borrowed from the documents (no entry is built), and
/// in the order of their numbers. A document is JSON written by this cache, which never holds
/// a raw line break; one that does is cut in two and fails to read, as any damaged document.
pub fn decode_links(docs: &str) -> Result<Vec<ChainLink>> {
    let docs: Vec<&str> = docs.lines().collect();
    let mut links = links_on_every_core(&docs, |d| {
        serde_json::from_str::<EntryDocument>(d)
            .map(|doc| doc.link())
            .map_err(|e| corrupt("audit entry", e))
    })?;
    // Already in order unless SQLite chose otherwise: then one pass finds it so.
    links.sort_by_key(|l| l.seq);
    Ok(links)
}

#[cfg(test)]
mod tests {
    use sportello_protocol::audit::{AuditActor, GENESIS};
    use sportello_protocol::Role;

    use super::*;

    fn chained(n: u64) -> Vec<AuditEntry> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|seq| {
                let entry = AuditEntry {
                    seq,
                    at: "2026-11-23T09:00:00.5Z".parse().unwrap(),
                    actor: AuditActor {
                        id: "A-alice".into(),
                        username: "alice".into(),
                        name: "Alice Bianchi".into(),
                        role: Role::Agent,
                    },
                    action: AuditAction::Resend,
                    outcome: AuditOutcome::Done,
                    problem: None,
                    shipment_id: "S-1".into(),
                    order_id: "O-1".into(),
                    ticket_id: None,
                    generation: 1,
                    reason: "lost the mail\nagain".into(),
                    identity_check: "security_questions".into(),
                    channel: "email".into(),
                    destination: "s•••@example.com".into(),
                    prev_hash: String::new(),
                    hash: String::new(),
                }
                .chain_after(&prev);
                prev = entry.link().computed;
                entry
            })
            .collect()
    }

    #[test]
    fn a_window_is_read_line_by_line_and_followed_in_number_order() {
        let entries = chained(3);
        // A reason with a line break is written escaped: the document stays on its line.
        let docs: Vec<String> = entries.iter().map(to_document).collect();
        assert!(docs.iter().all(|d| !d.contains('\n')));
        let window = [&docs[2], &docs[0], &docs[1]]
            .map(|d| d.as_str())
            .join("\n");
        let links = decode_links(&window).unwrap();
        let expected: Vec<ChainLink> = entries.iter().map(|e| e.link()).collect();
        assert_eq!(links, expected);
        assert!(decode_links("").unwrap().is_empty(), "an empty window");
    }

    #[test]
    fn a_document_broken_across_lines_is_damage_not_a_shorter_window() {
        let docs: Vec<String> = chained(2).iter().map(to_document).collect();
        let (head, tail) = docs[1].split_at(docs[1].len() / 2);
        let window = format!("{}\n{head}\n{tail}", docs[0]);
        assert!(decode_links(&window).is_err());
    }
}
