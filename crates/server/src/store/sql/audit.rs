//! The SQL of `audit`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

/// One audit row (rule 9): never a code.
pub(super) struct AuditEntry<'a> {
    pub(super) at: DateTime<Utc>,
    pub(super) actor: &'a AgentInfo,
    pub(super) action: &'static str,
    pub(super) shipment_id: &'a str,
    pub(super) generation: u32,
    pub(super) reason: String,
    pub(super) identity_check: String,
    pub(super) channel: &'static str,
    pub(super) destination: String,
}

pub(super) async fn write_audit(conn: &mut Conn, e: AuditEntry<'_>) -> StoreResult<()> {
    sqlx::query(crate::store::queries::AUDIT_INSERT)
        .bind(e.at)
        .bind(&e.actor.id)
        .bind(&e.actor.name)
        .bind(e.action)
        .bind(e.shipment_id)
        .bind(i64::from(e.generation))
        .bind(&e.reason)
        .bind(&e.identity_check)
        .bind(e.channel)
        .bind(&e.destination)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
