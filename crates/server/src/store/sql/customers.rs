//! The SQL of `customers`, written once for both engines: this file is compiled into each
//! engine's module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn`
//! name its store and connection and `begin_write`, `record_change` and the feed's reads are
//! its own.

use sportello_protocol::AuditAction;

use super::*;

/// Kind of the outbox rows that carry a [`CustomerNotice`].
pub(super) const NOTICE_MAIL: &str = crate::store::NOTICE_MAIL;

/// Writes a notice to the customer's account e-mail into the outbox, in the caller's
/// transaction.
pub(super) async fn notify_customer(
    conn: &mut Conn,
    customer_id: &str,
    notice: &CustomerNotice,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let params = serde_json::to_string(notice).map_err(|e| StoreError::Other(e.into()))?;
    sqlx::query(
        "INSERT INTO mail_outbox (created_at, kind, recipient_id, next_attempt_at, params)
         VALUES ($1, $2, $3, $1, $4)",
    )
    .bind(now)
    .bind(NOTICE_MAIL)
    .bind(customer_id)
    .bind(params)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The customer who owns shipment `$1`.
const SHIPMENT_OWNER: &str =
    "SELECT o.customer_id FROM shipments s JOIN orders o ON o.id = s.order_id
  WHERE s.id = $1";

/// Publishes a customer and every shipment of theirs (their recipients are the customer's).
async fn publish_customer(
    conn: &mut Conn,
    customer_id: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let customer = render_customer(conn, customer_id).await?;
    record_change(conn, EntityKind::Customer, customer_id, &customer).await?;
    let shipments: Vec<(String,)> = sqlx::query_as(
        "SELECT s.id FROM shipments s JOIN orders o ON o.id = s.order_id
          WHERE o.customer_id = $1 ORDER BY s.id",
    )
    .bind(customer_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id,) in shipments {
        publish_shipment(conn, &id, now).await?;
    }
    Ok(())
}

#[async_trait]
impl crate::store::Customers for Engine {
    async fn customer_by_email(&self, email: &str) -> StoreResult<Option<CustomerAccount>> {
        Ok(sqlx::query_as::<_, CustomerAccount>(
            "SELECT id, name, email, language FROM customers WHERE lower(email) = lower($1)
              ORDER BY id LIMIT 1",
        )
        .bind(email)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn customer_with_active_code(&self) -> StoreResult<Option<CustomerAccount>> {
        Ok(sqlx::query_as::<_, CustomerAccount>(
            "SELECT c.id, c.name, c.email, c.language
               FROM delivery_passwords p
               JOIN shipments s ON s.id = p.shipment_id
               JOIN orders o ON o.id = s.order_id
               JOIN customers c ON c.id = o.customer_id
              WHERE p.state = 'active'
              ORDER BY c.id LIMIT 1",
        )
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn create_signin_link(&self, link: NewSigninLink<'_>) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        sqlx::query(
            "INSERT INTO customer_signin_links (token_hash, customer_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(link.token_hash)
        .bind(link.customer_id)
        .bind(link.now)
        .bind(link.expires_at)
        .execute(&mut *tx)
        .await?;
        notify_customer(&mut tx, link.customer_id, &link.notice, link.now).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn use_signin_link(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as(
            "UPDATE customer_signin_links SET used_at = $2
              WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
              RETURNING customer_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id,)| id))
    }

    async fn create_customer_session(
        &self,
        token_hash: &[u8],
        customer_id: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO customer_sessions (token_hash, customer_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(customer_id)
        .bind(now)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn customer_session(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<CustomerAccount>> {
        Ok(
            sqlx::query_as::<_, CustomerAccount>(crate::store::queries::CUSTOMER_SESSION)
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn delete_customer_session(&self, token_hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM customer_sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn set_customer_language(&self, customer_id: &str, language: &str) -> StoreResult<()> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        let changed = sqlx::query("UPDATE customers SET language = $2 WHERE id = $1")
            .bind(customer_id)
            .bind(language)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound(format!("customer {customer_id}")));
        }
        let customer = render_customer(&mut tx, customer_id).await?;
        record_change(&mut tx, EntityKind::Customer, customer_id, &customer).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn customer_orders(&self, customer_id: &str) -> StoreResult<Vec<Order>> {
        let mut conn = self.pool.acquire().await?;
        let ids: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM orders WHERE customer_id = $1 ORDER BY placed_at DESC, id DESC",
        )
        .bind(customer_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut orders = Vec::with_capacity(ids.len());
        for (id,) in ids {
            orders.push(
                render_order(&mut conn, &id)
                    .await?
                    .ok_or_else(|| corrupt("order", &id))?,
            );
        }
        Ok(orders)
    }

    async fn customer_order(
        &self,
        customer_id: &str,
        order_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<(Order, Vec<Shipment>)> {
        let mut conn = self.pool.acquire().await?;
        render_customer_order(&mut conn, customer_id, order_id, now)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("order {order_id}")))
    }

    async fn read_back(
        &self,
        customer: &AgentInfo,
        shipment_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<ReadBack> {
        let mut conn = self.pool.acquire().await?;
        let answer = async {
            let mut tx = begin_write(&mut conn).await?;
            let owner: Option<(String,)> = sqlx::query_as(SHIPMENT_OWNER)
                .bind(shipment_id)
                .fetch_optional(&mut *tx)
                .await?;
            if owner.map(|(o,)| o).as_deref() != Some(customer.id.as_str()) {
                return Err(StoreError::NotFound(format!("shipment {shipment_id}")));
            }
            // The password's row lock (PostgreSQL), then a code whose day ended since the
            // sweeper last looked is expired first, as the sweeper would.
            let locked = sqlx::query(crate::store::queries::PASSWORD_LOCK)
                .bind(shipment_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if locked == 1 {
                expire_if_due(&mut tx, shipment_id, &server_actor(), now).await?;
            }
            let row: Option<ReadBackRow> = sqlx::query_as(
                "SELECT p.state, p.generation, p.expires_at, s.delivery_tz, p.key_id,
                        p.code_mac, p.code_nonce, p.code_sealed
                   FROM delivery_passwords p JOIN shipments s ON s.id = p.shipment_id
                  WHERE p.shipment_id = $1",
            )
            .bind(shipment_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(row) = row else {
                return Ok(ReadBack::NotActive(None));
            };
            let state = sportello_protocol::PasswordState::parse(&row.state)
                .ok_or_else(|| corrupt("password state", &row.state))?;
            if state != sportello_protocol::PasswordState::Active {
                tx.commit().await?;
                return Ok(ReadBack::NotActive(Some(state)));
            }
            append_audit(
                &mut tx,
                NewAuditEntry {
                    at: now,
                    actor: customer,
                    action: AuditAction::ReadBack,
                    refused: None,
                    shipment_id,
                    ticket_id: None,
                    generation: row.generation as u32,
                    reason: "read back on the customer page".into(),
                    identity_check: "customer_session".into(),
                    channel: "web",
                    destination: String::new(),
                },
            )
            .await?;
            tx.commit().await?;
            Ok(ReadBack::Code {
                generation: row.generation as u32,
                expires_at: row.expires_at,
                delivery_tz: row.delivery_tz,
                code: SealedCode {
                    key_id: row.key_id,
                    mac: row.code_mac,
                    nonce: row.code_nonce,
                    sealed: row.code_sealed,
                },
            })
        }
        .await?;
        chain_after_commit(&self.chain, &mut conn).await?;
        Ok(answer)
    }

    async fn trusted_recipients(&self, customer_id: &str) -> StoreResult<Vec<TrustedRecipient>> {
        let rows: Vec<(String, String, String)> =
            sqlx::query_as(crate::store::queries::CUSTOMER_RECIPIENTS)
                .bind(customer_id)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, email)| TrustedRecipient { id, name, email })
            .collect())
    }

    async fn add_trusted_recipient(
        &self,
        customer_id: &str,
        name: &str,
        email: &str,
        max: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<TrustedRecipient> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        // The customer's row, locked on PostgreSQL: two additions at once count in turn.
        let found: Option<(String,)> = sqlx::query_as(crate::store::queries::CUSTOMER_LOCK)
            .bind(customer_id)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Err(StoreError::NotFound(format!("customer {customer_id}")));
        }
        let (count, last): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MAX(position) FROM trusted_recipients WHERE customer_id = $1",
        )
        .bind(customer_id)
        .fetch_one(&mut *tx)
        .await?;
        if count >= i64::from(max) {
            return Err(StoreError::Invalid(format!(
                "at most {max} trusted recipients"
            )));
        }
        let position = last.unwrap_or(0) + 1;
        let recipient = TrustedRecipient {
            id: format!("R-{}", uuid::Uuid::new_v4().simple()),
            name: name.to_string(),
            email: email.to_string(),
        };
        sqlx::query(
            "INSERT INTO trusted_recipients (id, customer_id, position, name, email)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&recipient.id)
        .bind(customer_id)
        .bind(position)
        .bind(name)
        .bind(email)
        .execute(&mut *tx)
        .await?;
        notify_customer(
            &mut tx,
            customer_id,
            &CustomerNotice::TrustedAdded {
                recipient: name.to_string(),
                email: email.to_string(),
                at: now,
            },
            now,
        )
        .await?;
        publish_customer(&mut tx, customer_id, now).await?;
        tx.commit().await?;
        Ok(recipient)
    }

    async fn remove_trusted_recipient(
        &self,
        customer_id: &str,
        recipient_id: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<TrustedRecipient> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        let row: Option<(String, String)> = sqlx::query_as(
            "DELETE FROM trusted_recipients WHERE id = $1 AND customer_id = $2
             RETURNING name, email",
        )
        .bind(recipient_id)
        .bind(customer_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((name, email)) = row else {
            return Err(StoreError::NotFound(format!(
                "trusted recipient {recipient_id}"
            )));
        };
        publish_customer(&mut tx, customer_id, now).await?;
        tx.commit().await?;
        Ok(TrustedRecipient {
            id: recipient_id.to_string(),
            name,
            email,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ReadBackRow {
    state: String,
    generation: i64,
    expires_at: DateTime<Utc>,
    delivery_tz: String,
    key_id: String,
    code_mac: Vec<u8>,
    code_nonce: Vec<u8>,
    code_sealed: Vec<u8>,
}
