//! The SQL of `audit`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its
//! store and connection and `begin_write`, `record_change` and the feed's reads are its own.
//!
//! An entry is written in the transaction of the action it records, waiting in
//! `audit_pending`, without a lock, so actions commit concurrently. Right after the commit,
//! `chain_pending` numbers and hashes every committed waiting entry, in the order they were
//! written, under the chain's lock (an advisory lock on PostgreSQL; SQLite's writer), so the
//! numbers have no gaps across replicas and each entry names the hash of the one before (rule
//! 3.12). An action answers only once its entry is chained.

use sportello_protocol::audit::{
    self as chain, AuditActor, AuditEntry, AuditOutcome, ChainLink, Checkpoint,
};
use sportello_protocol::AuditQuery;

use super::*;

/// The columns an entry has whether it waits or is chained.
#[derive(sqlx::FromRow)]
struct EntryColumns {
    at: DateTime<Utc>,
    actor_id: String,
    actor_username: String,
    actor_name: String,
    actor_role: String,
    action: String,
    outcome: String,
    problem: Option<String>,
    shipment_id: String,
    order_id: String,
    ticket_id: Option<String>,
    generation: i64,
    reason: String,
    identity_check: String,
    channel: String,
    destination: String,
}

/// A chained entry as its columns read.
#[derive(sqlx::FromRow)]
struct AuditRow {
    seq: i64,
    #[sqlx(flatten)]
    columns: EntryColumns,
    prev_hash: String,
    hash: String,
}

const COLUMNS: &str = "seq, at, actor_id, actor_username, actor_name, actor_role, action, outcome,
    problem, shipment_id, order_id, ticket_id, generation, reason, identity_check, channel,
    destination, prev_hash, hash";

fn entry(row: AuditRow) -> StoreResult<AuditEntry> {
    row.columns.entry(row.seq, row.prev_hash, row.hash)
}

/// A row of [`COLUMNS`] as a verifier checks it, its text borrowed from the row and fed to the
/// hash: no entry is built. The columns' types are the schema's, not checked row by row.
fn link(row: &Row) -> StoreResult<ChainLink> {
    use sqlx::Row as _;
    let fields = chain::EntryFields {
        seq: row.try_get_unchecked::<i64, _>(0)? as u64,
        at: row.try_get_unchecked(1)?,
        actor_id: row.try_get_unchecked(2)?,
        actor_username: row.try_get_unchecked(3)?,
        actor_name: row.try_get_unchecked(4)?,
        actor_role: row.try_get_unchecked(5)?,
        action: row.try_get_unchecked(6)?,
        outcome: row.try_get_unchecked(7)?,
        problem: row.try_get_unchecked::<Option<&str>, _>(8)?.unwrap_or(""),
        shipment_id: row.try_get_unchecked(9)?,
        order_id: row.try_get_unchecked(10)?,
        ticket_id: row.try_get_unchecked::<Option<&str>, _>(11)?.unwrap_or(""),
        generation: row.try_get_unchecked::<i64, _>(12)? as u32,
        reason: row.try_get_unchecked(13)?,
        identity_check: row.try_get_unchecked(14)?,
        channel: row.try_get_unchecked(15)?,
        destination: row.try_get_unchecked(16)?,
        prev_hash: row.try_get_unchecked(17)?,
    };
    Ok(fields.link(row.try_get_unchecked(18)?))
}

impl EntryColumns {
    /// The entry numbered `seq` with these hashes.
    fn entry(self, seq: i64, prev_hash: String, hash: String) -> StoreResult<AuditEntry> {
        let EntryColumns {
            at,
            actor_id,
            actor_username,
            actor_name,
            actor_role,
            action,
            outcome,
            problem,
            shipment_id,
            order_id,
            ticket_id,
            generation,
            reason,
            identity_check,
            channel,
            destination,
        } = self;
        Ok(AuditEntry {
            seq: seq as u64,
            at,
            actor: AuditActor {
                id: actor_id,
                username: actor_username,
                name: actor_name,
                role: sportello_protocol::Role::parse(&actor_role)
                    .ok_or_else(|| corrupt("audit role", &actor_role))?,
            },
            action: sportello_protocol::AuditAction::parse(&action)
                .ok_or_else(|| corrupt("audit action", &action))?,
            outcome: AuditOutcome::parse(&outcome)
                .ok_or_else(|| corrupt("audit outcome", &outcome))?,
            problem,
            shipment_id,
            order_id,
            ticket_id,
            generation: generation as u32,
            reason,
            identity_check,
            channel,
            destination,
            prev_hash,
            hash,
        })
    }
}

/// Writes an entry in the caller's transaction, waiting to be chained: no lock is taken. The
/// store method that commits the transaction calls [`chain_pending`] after the commit.
pub(super) async fn append_audit(conn: &mut Conn, e: NewAuditEntry<'_>) -> StoreResult<()> {
    let order_id: Option<(String,)> = sqlx::query_as(crate::store::queries::SHIPMENT_ORDER)
        .bind(e.shipment_id)
        .fetch_optional(&mut *conn)
        .await?;
    let order_id = order_id.map(|(o,)| o).unwrap_or_default();
    let outcome = if e.refused.is_some() {
        AuditOutcome::Refused
    } else {
        AuditOutcome::Done
    };
    sqlx::query(crate::store::queries::AUDIT_PENDING_INSERT)
        .bind(chain::to_micros(e.at))
        .bind(&e.actor.id)
        .bind(&e.actor.username)
        .bind(&e.actor.name)
        .bind(e.actor.role.as_str())
        .bind(e.action.as_str())
        .bind(outcome.as_str())
        .bind(e.refused)
        .bind(e.shipment_id)
        .bind(&order_id)
        .bind(e.ticket_id)
        .bind(i64::from(e.generation))
        .bind(&e.reason)
        .bind(&e.identity_check)
        .bind(e.channel)
        .bind(&e.destination)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Makes sure every entry committed before the call is chained: by a round of this process
/// begun after the call, run here when no such round has finished (rounds run one at a time;
/// across replicas, the chain's lock orders them).
pub(super) async fn chain_after_commit(
    rounds: &crate::store::ChainRounds,
    conn: &mut Conn,
) -> StoreResult<()> {
    use std::sync::atomic::Ordering;
    let before = rounds.begun.load(Ordering::SeqCst);
    let mut finished = rounds.finished.lock().await;
    if *finished > before {
        return Ok(());
    }
    let round = rounds.begun.fetch_add(1, Ordering::SeqCst) + 1;
    chain_pending(conn).await?;
    *finished = round;
    Ok(())
}

/// Waiting entries read per statement while chaining.
const CHAIN_BATCH: i64 = 500;

/// Chains every committed waiting entry, in the order written, under the chain's lock, and
/// commits: each gets the next number and the hash of its encoding after the one before, and
/// goes into the feed (kind `audit`). When it returns, every entry committed before the call
/// is chained, by this call or by one that held the lock before it.
pub(super) async fn chain_pending(conn: &mut Conn) -> StoreResult<()> {
    // Most calls under load find their entry chained already: one indexed look, no lock.
    let (any,): (bool,) = sqlx::query_as(crate::store::queries::AUDIT_ANY_PENDING)
        .fetch_one(&mut *conn)
        .await?;
    if !any {
        return Ok(());
    }
    let mut tx = begin_write(conn).await?;
    lock_audit_chain(&mut tx).await?;
    let (head, prev): (i64, String) = sqlx::query_as(crate::store::queries::AUDIT_HEAD)
        .fetch_one(&mut *tx)
        .await?;
    let mut prev = chain::unhex32(&prev).ok_or_else(|| corrupt("audit head", &prev))?;
    let mut seq = head;
    // A batch of waiting entries at a time, each in a few statements whatever its size: taken
    // out of `audit_pending`, written to the chain, put in the feed (kind `audit`).
    loop {
        let mut rows: Vec<PendingRow> = sqlx::query_as(crate::store::queries::AUDIT_PENDING_TAKE)
            .bind(CHAIN_BATCH)
            .fetch_all(&mut *tx)
            .await?;
        rows.sort_by_key(|row| row.id);
        let read = rows.len() as i64;
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            seq += 1;
            let entry = row
                .columns
                .entry(seq, String::new(), String::new())?
                .chain_after(&prev);
            prev = chain::unhex32(&entry.hash).ok_or_else(|| corrupt("audit hash", &entry.hash))?;
            entries.push(entry);
        }
        write_table(&mut tx, &crate::store::bulk::audit_table(&entries)).await?;
        let docs: Vec<_> = entries
            .iter()
            .map(|e| crate::store::docs::feed_doc(EntityKind::Audit, &e.seq.to_string(), e))
            .collect();
        record_changes(&mut tx, &docs).await?;
        if read < CHAIN_BATCH {
            break;
        }
    }
    if seq > head {
        sqlx::query(crate::store::queries::AUDIT_HEAD_SET)
            .bind(seq)
            .bind(chain::hex(&prev))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A waiting entry as its columns read.
#[derive(sqlx::FromRow)]
struct PendingRow {
    id: i64,
    #[sqlx(flatten)]
    columns: EntryColumns,
}

/// The last sends and regenerations of shipment `id`'s password, newest first, for its card.
pub(super) async fn password_history(
    conn: &mut Conn,
    id: &str,
) -> StoreResult<Vec<sportello_protocol::PasswordEvent>> {
    let rows: Vec<(DateTime<Utc>, String, String, String, String)> =
        sqlx::query_as(crate::store::queries::PASSWORD_HISTORY)
            .bind(id)
            .bind(sportello_protocol::PasswordStatus::HISTORY as i64)
            .fetch_all(&mut *conn)
            .await?;
    rows.into_iter()
        .map(|(at, action, actor_name, destination, reason)| {
            Ok(sportello_protocol::PasswordEvent {
                at,
                action: sportello_protocol::AuditAction::parse(&action)
                    .ok_or_else(|| corrupt("audit action", &action))?,
                actor_name,
                destination,
                reason,
            })
        })
        .collect()
}

#[async_trait]
impl crate::store::Audit for Engine {
    async fn audit_page(&self, q: &AuditQuery, limit: u32) -> StoreResult<Vec<AuditEntry>> {
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<AuditRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM audit_chain
              WHERE seq > $1
                AND ($2 IS NULL OR at >= $2) AND ($3 IS NULL OR at < $3)
                AND ($4 IS NULL OR actor_id = $4 OR actor_username = $4)
                AND ($5 IS NULL OR action = $5)
                AND ($6 IS NULL OR shipment_id = $6 OR order_id = $6)
                AND ($7 IS NULL OR outcome = $7)
              ORDER BY seq LIMIT $8"
        )))
        .bind(q.cursor.unwrap_or(0) as i64)
        .bind(q.from)
        .bind(q.to)
        .bind(&q.actor)
        .bind(q.action.map(|a| a.as_str()))
        .bind(&q.shipment)
        .bind(q.outcome.map(|o| o.as_str()))
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter().map(entry).collect()
    }

    async fn audit_links(&self, first: u64, last: u64) -> StoreResult<Vec<ChainLink>> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM audit_chain WHERE seq >= $1 AND seq <= $2 ORDER BY seq"
        )))
        .bind(first.min(i64::MAX as u64) as i64)
        .bind(last.min(i64::MAX as u64) as i64)
        .fetch_all(&mut *conn)
        .await?;
        drop(conn);
        // Decoded and hashed on blocking threads, on every core, while the next window is read.
        tokio::task::spawn_blocking(move || chain::links_on_every_core(&rows, link))
            .await
            .expect("the verification's thread ended")
    }

    async fn audit_hash(&self, seq: u64) -> StoreResult<Option<String>> {
        let mut conn = self.pool.acquire().await?;
        let hash: Option<(String,)> = sqlx::query_as("SELECT hash FROM audit_chain WHERE seq = $1")
            .bind(seq as i64)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(hash.map(|(h,)| h))
    }

    async fn audit_head(&self) -> StoreResult<(u64, String)> {
        let mut conn = self.pool.acquire().await?;
        let (seq, hash): (i64, String) =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
                .fetch_one(&mut *conn)
                .await?;
        Ok((seq as u64, hash))
    }

    async fn latest_checkpoint(&self, up_to: Option<u64>) -> StoreResult<Option<Checkpoint>> {
        let mut conn = self.pool.acquire().await?;
        let row: Option<(i64, String, DateTime<Utc>, String, String)> = sqlx::query_as(
            "SELECT seq, hash, at, key_id, signature FROM audit_checkpoints
              WHERE ($1 IS NULL OR seq <= $1) ORDER BY seq DESC LIMIT 1",
        )
        .bind(up_to.map(|s| s.min(i64::MAX as u64) as i64))
        .fetch_optional(&mut *conn)
        .await?;
        Ok(row.map(|(seq, hash, at, key_id, signature)| Checkpoint {
            seq: seq as u64,
            hash,
            at,
            key_id,
            signature,
        }))
    }

    async fn add_checkpoint(&self, c: &Checkpoint) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        sqlx::query(
            "INSERT INTO audit_checkpoints (seq, hash, at, key_id, signature)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (seq) DO NOTHING",
        )
        .bind(c.seq as i64)
        .bind(&c.hash)
        .bind(c.at)
        .bind(&c.key_id)
        .bind(&c.signature)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    async fn audit_refusal(&self, e: NewAuditEntry<'_>) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        // Refusals are kept for shipments that exist: a path naming none is not an action
        // on a password, and not a way to fill the trail.
        let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM shipments WHERE id = $1")
            .bind(e.shipment_id)
            .fetch_optional(&mut *conn)
            .await?;
        if exists.is_none() {
            return Ok(());
        }
        let mut tx = begin_write(&mut conn).await?;
        append_audit(&mut tx, e).await?;
        tx.commit().await?;
        chain_after_commit(&self.chain, &mut conn).await
    }

    async fn expire_passwords(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<u32> {
        let mut conn = self.pool.acquire().await?;
        let due: Vec<(String,)> = sqlx::query_as(
            "SELECT shipment_id FROM delivery_passwords
              WHERE state = 'active' AND expires_at <= $1 ORDER BY expires_at LIMIT $2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&mut *conn)
        .await?;
        let server = server_actor();
        let mut expired = 0;
        for (shipment_id,) in due {
            let mut tx = begin_write(&mut conn).await?;
            lock_password(&mut tx, &shipment_id).await?;
            // Another replica (or a courier's verification) may have expired it meanwhile.
            if expire_if_due(&mut tx, &shipment_id, &server, now).await? {
                publish_shipment(&mut tx, &shipment_id, now).await?;
                tx.commit().await?;
                expired += 1;
            }
        }
        chain_after_commit(&self.chain, &mut conn).await?;
        Ok(expired)
    }
}

/// The server itself, as the actor of what it does on its own (an expiry).
pub(super) fn server_actor() -> AgentInfo {
    AgentInfo {
        id: "server".into(),
        username: "server".into(),
        name: "Sportello server".into(),
        role: sportello_protocol::Role::Admin,
    }
}

/// Expires shipment `id`'s code if it is active and its day has ended, with its entry
/// (rule 3.2), under the password's row lock the caller holds. Whether it did.
pub(super) async fn expire_if_due(
    conn: &mut Conn,
    id: &str,
    actor: &AgentInfo,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let row: Option<(i64, DateTime<Utc>)> = sqlx::query_as(
        "SELECT generation, expires_at FROM delivery_passwords
          WHERE shipment_id = $1 AND state = 'active' AND expires_at <= $2",
    )
    .bind(id)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((generation, expires_at)) = row else {
        return Ok(false);
    };
    set_password_state(conn, id, sportello_protocol::PasswordState::Expired).await?;
    append_audit(
        conn,
        NewAuditEntry {
            at: now,
            actor,
            action: sportello_protocol::AuditAction::Expiry,
            refused: None,
            shipment_id: id,
            ticket_id: None,
            generation: generation as u32,
            reason: format!(
                "the delivery day ended at {}",
                sportello_protocol::audit::chain_time(expires_at)
            ),
            identity_check: String::new(),
            channel: "server",
            destination: String::new(),
        },
    )
    .await?;
    Ok(true)
}
