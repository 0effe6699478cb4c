//! The SQL of `mail`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

#[async_trait]
impl crate::store::Mail for Engine {
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMail>> {
        let due: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, kind FROM mail_outbox WHERE sent_at IS NULL AND
                next_attempt_at <= $1
              ORDER BY id LIMIT $2",
        )
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut claimed = Vec::new();
        for (id, kind) in due {
            // Whoever moves the lease first owns the mail until it ends.
            let won = sqlx::query(
                "UPDATE mail_outbox SET next_attempt_at = $2, attempts = attempts + 1
                  WHERE id = $1 AND sent_at IS NULL AND next_attempt_at <= $3",
            )
            .bind(id)
            .bind(lease_until)
            .bind(now)
            .execute(&self.pool)
            .await?
            .rows_affected();
            if won == 0 {
                continue;
            }
            let to_customer = [
                crate::store::SUMMARY_MAIL,
                crate::store::REPLY_MAIL,
                crate::store::NOTICE_MAIL,
            ];
            if to_customer.contains(&kind.as_str()) {
                // A mail to the account e-mail: of the ticket's customer for a summary, of
                // the customer it names otherwise.
                let mut conn = self.pool.acquire().await?;
                let (attempts, ticket_id, params, name, email, language): CustomerMailRow =
                    sqlx::query_as(
                        "SELECT m.attempts, m.ticket_id, m.params, c.name, c.email, c.language
                           FROM mail_outbox m
                           LEFT JOIN tickets t ON t.id = m.ticket_id
                           JOIN customers c
                             ON c.id = CASE WHEN m.kind = $2 THEN t.customer_id
                                            ELSE m.recipient_id END
                          WHERE m.id = $1",
                    )
                    .bind(id)
                    .bind(crate::store::SUMMARY_MAIL)
                    .fetch_one(&mut *conn)
                    .await?;
                let params = params.unwrap_or_default();
                let content = if kind == crate::store::NOTICE_MAIL {
                    MailContent::Notice(
                        serde_json::from_str(&params)
                            .map_err(|_| corrupt("customer notice", &params))?,
                    )
                } else {
                    let ticket_id = ticket_id
                        .ok_or_else(|| corrupt("ticket mail without a ticket", &id.to_string()))?;
                    let ticket = Box::new(
                        render_ticket(&mut conn, &ticket_id)
                            .await?
                            .ok_or_else(|| corrupt("ticket", &ticket_id))?,
                    );
                    if kind == crate::store::SUMMARY_MAIL {
                        MailContent::Summary { ticket }
                    } else {
                        MailContent::Reply {
                            ticket,
                            message_id: params,
                        }
                    }
                };
                claimed.push(OutboxMail {
                    id,
                    kind,
                    attempts: attempts as u32,
                    to_name: name.clone(),
                    to_email: email,
                    customer_name: name,
                    language,
                    content,
                });
                continue;
            }
            // One read: the mail, its shipment, customer, password and, when it goes
            // to a trusted recipient, that recipient.
            let m: MailRow = sqlx::query_as(
                "SELECT m.kind, m.attempts, m.recipient_id, m.generation, m.shipment_id,
                        c.id AS customer_id, c.name AS customer_name, c.email AS
                        account_email,
                        c.language, s.delivery_date, s.delivery_tz, p.expires_at,
                        p.generation AS current, p.key_id, p.code_mac, p.code_nonce,
                        p.code_sealed, r.name AS trusted_name, r.email AS trusted_email
                   FROM mail_outbox m
                   JOIN shipments s ON s.id = m.shipment_id
                   JOIN orders o ON o.id = s.order_id
                   JOIN customers c ON c.id = o.customer_id
                   JOIN delivery_passwords p ON p.shipment_id = s.id
                   LEFT JOIN trusted_recipients r
                          ON r.id = m.recipient_id AND r.customer_id = c.id
                  WHERE m.id = $1",
            )
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
            let (to_name, to_email) =
                if m.recipient_id == docs::account_contact(&m.customer_id, "").id {
                    (m.customer_name.clone(), m.account_email)
                } else {
                    match m.trusted_name.zip(m.trusted_email) {
                        Some(recipient) => recipient,
                        None => {
                            // The customer removed the recipient before the mail left.
                            self.mail_done(id, now, Some("not sent: the recipient was removed"))
                                .await?;
                            continue;
                        }
                    }
                };
            claimed.push(OutboxMail {
                id,
                kind: m.kind,
                attempts: m.attempts as u32,
                to_name,
                to_email,
                customer_name: m.customer_name,
                language: m.language,
                content: MailContent::Password {
                    shipment_id: m.shipment_id,
                    generation: m.generation as u32,
                    delivery_date: m.delivery_date,
                    delivery_tz: m.delivery_tz,
                    expires_at: m.expires_at,
                    code: (m.current == m.generation).then_some(SealedCode {
                        key_id: m.key_id,
                        mac: m.code_mac,
                        nonce: m.code_nonce,
                        sealed: m.code_sealed,
                    }),
                },
            });
        }
        Ok(claimed)
    }

    async fn mail_done(&self, id: i64, at: DateTime<Utc>, note: Option<&str>) -> StoreResult<()> {
        sqlx::query("UPDATE mail_outbox SET sent_at = $2, last_error = $3 WHERE id = $1")
            .bind(id)
            .bind(at)
            .bind(note)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn mail_failed(&self, id: i64, retry_at: DateTime<Utc>, error: &str) -> StoreResult<()> {
        sqlx::query(
            "UPDATE mail_outbox SET next_attempt_at = $2, last_error = $3 WHERE
            id = $1",
        )
        .bind(id)
        .bind(retry_at)
        .bind(error)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

/// A claimed outbox mail with what it is written from.
#[derive(sqlx::FromRow)]
pub(super) struct MailRow {
    kind: String,
    attempts: i64,
    recipient_id: String,
    generation: i64,
    shipment_id: String,
    customer_id: String,
    customer_name: String,
    account_email: String,
    language: String,
    delivery_date: NaiveDate,
    delivery_tz: String,
    expires_at: DateTime<Utc>,
    current: i64,
    key_id: String,
    code_mac: Vec<u8>,
    code_nonce: Vec<u8>,
    code_sealed: Vec<u8>,
    trusted_name: Option<String>,
    trusted_email: Option<String>,
}

/// What a mail to a customer's account e-mail is written from: attempts, ticket, params,
/// and the customer's name, e-mail and language.
type CustomerMailRow = (i64, Option<String>, Option<String>, String, String, String);
