//! The SQL of `events`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

#[async_trait]
impl crate::store::Events for Engine {
    async fn append_event(
        &self,
        shipment_id: &str,
        event: &TrackingEvent,
        actor: &AgentInfo,
        seal: &(dyn Fn(u32) -> SealedCode + Send + Sync),
        threshold_cents: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Shipment> {
        use sportello_protocol::{PasswordState, ShipmentStatus};
        let mut conn = self.pool.acquire().await?;
        let answer = async {
            let mut tx = begin_write(&mut conn).await?;
            // Updating the shipment first takes its row lock (PostgreSQL).
            let updated = sqlx::query("UPDATE shipments SET status = $2 WHERE id = $1")
                .bind(shipment_id)
                .bind(event.kind.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if updated == 0 {
                return Err(StoreError::NotFound(format!(
                    "no shipment with id {shipment_id:?}"
                )));
            }
            let (position,): (i64,) = sqlx::query_as(
                "SELECT coalesce(max(position) + 1, 0) FROM tracking_events WHERE
                shipment_id = $1",
            )
            .bind(shipment_id)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO tracking_events (shipment_id, position, at, kind, location)
                VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(shipment_id)
            .bind(position)
            .bind(event.at)
            .bind(event.kind.as_str())
            .bind(&event.location)
            .execute(&mut *tx)
            .await?;
            let row: (
                i64,
                String,
                String,
                NaiveDate,
                String,
                Option<String>,
                Option<i64>,
            ) = sqlx::query_as(
                "SELECT o.total_cents, o.customer_id, c.email, s.delivery_date,
                s.delivery_tz, p.state, p.generation
               FROM shipments s JOIN orders o ON o.id = s.order_id JOIN customers c ON
               c.id = o.customer_id
               LEFT JOIN delivery_passwords p ON p.shipment_id = s.id
              WHERE s.id = $1",
            )
            .bind(shipment_id)
            .fetch_one(&mut *tx)
            .await?;
            let (total_cents, customer_id, email, delivery_date, delivery_tz, state, generation) =
                row;
            let entry =
                |action, generation: u32, reason: String, destination: String| NewAuditEntry {
                    at: now,
                    actor,
                    action,
                    refused: None,
                    shipment_id,
                    ticket_id: None,
                    generation,
                    reason,
                    identity_check: String::new(),
                    channel: if action == sportello_protocol::AuditAction::Issue {
                        "email"
                    } else {
                        "carrier"
                    },
                    destination,
                };
            match (event.kind, state.as_deref()) {
                (ShipmentStatus::Shipped, None) if total_cents >= threshold_cents => {
                    let code = seal(1);
                    let expires = crate::expiry::expires_at(delivery_date, &delivery_tz)
                        .map_err(StoreError::Other)?;
                    sqlx::query(
                        "INSERT INTO delivery_passwords (shipment_id, generation, state,
                        issued_at, expires_at,
                        key_id, code_mac, code_nonce, code_sealed, counters_day,
                        sends_today,
                        regenerations_today, failed_verifications, last_sent_at)
                     VALUES ($1, 1, 'active', $2, $3, $4, $5, $6, $7, $8, 1, 0, 0, $2)",
                    )
                    .bind(shipment_id)
                    .bind(now)
                    .bind(expires)
                    .bind(&code.key_id)
                    .bind(&code.mac)
                    .bind(&code.nonce)
                    .bind(&code.sealed)
                    .bind(
                        crate::expiry::zone(&delivery_tz)
                            .map(|tz| crate::expiry::day_in(tz, now))
                            .map_err(StoreError::Other)?,
                    )
                    .execute(&mut *tx)
                    .await?;
                    let account = docs::account_contact(&customer_id, &email);
                    sqlx::query(
                        "INSERT INTO mail_outbox (created_at, kind, shipment_id,
                        generation, recipient_id, next_attempt_at)
                     VALUES ($1, 'password_issue', $2, 1, $3, $1)",
                    )
                    .bind(now)
                    .bind(shipment_id)
                    .bind(&account.id)
                    .execute(&mut *tx)
                    .await?;
                    append_audit(
                        &mut tx,
                        entry(
                            sportello_protocol::AuditAction::Issue,
                            1,
                            "shipped".into(),
                            account.masked,
                        ),
                    )
                    .await?;
                }
                (ShipmentStatus::Delivered | ShipmentStatus::Returned, Some(s))
                    if s != PasswordState::Retired.as_str() =>
                {
                    set_password_state(&mut tx, shipment_id, PasswordState::Retired).await?;
                    append_audit(
                        &mut tx,
                        entry(
                            sportello_protocol::AuditAction::Retire,
                            generation.unwrap_or(0) as u32,
                            event.kind.as_str().into(),
                            String::new(),
                        ),
                    )
                    .await?;
                }
                _ => {}
            }
            let shipment = publish_shipment(&mut tx, shipment_id, now).await?;
            tx.commit().await?;
            Ok(shipment)
        }
        .await?;
        // The action's audit entries are chained before it answers.
        chain_after_commit(&self.chain, &mut conn).await?;
        Ok(answer)
    }
}
