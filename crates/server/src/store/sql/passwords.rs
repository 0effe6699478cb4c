//! The SQL of `passwords`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use sportello_protocol::AuditAction;

use super::*;

#[async_trait]
impl crate::store::Passwords for Engine {
    async fn password_action(
        &self,
        idem: Option<&Idempotency>,
        request: PasswordActionRequest<'_>,
    ) -> StoreResult<Applied<Shipment>> {
        let mut conn = self.pool.acquire().await?;
        let answer = async {
            let mut tx = begin_write(&mut conn).await?;
            if let Some(answer) = claim(&mut tx, idem).await? {
                return Ok(Applied::Replayed(answer));
            }
            let shipment_id = request.shipment_id;
            let now = request.now;
            // Take the password's row lock (PostgreSQL) before reading its counters.
            lock_password(&mut tx, shipment_id).await?;
            let row: PasswordLockRow = sqlx::query_as(crate::store::queries::PASSWORD_RECORD)
                .bind(shipment_id)
                .fetch_one(&mut *tx)
                .await?;
            let (
                status,
                state,
                generation,
                expires_at,
                counters_day,
                sends_today,
                regenerations_today,
                last_sent_at,
                delivery_date,
                delivery_tz,
                customer_id,
                account_email,
            ) = row;
            let record = crate::password::Record {
                shipment_status: sportello_protocol::ShipmentStatus::parse(&status)
                    .ok_or_else(|| corrupt("shipment status", &status))?,
                state: sportello_protocol::PasswordState::parse(&state)
                    .ok_or_else(|| corrupt("password state", &state))?,
                generation: generation as u32,
                expires_at,
                zone: crate::expiry::zone(&delivery_tz).map_err(StoreError::Other)?,
                counters_day,
                sends_today: sends_today as u32,
                regenerations_today: regenerations_today as u32,
                last_sent_at,
            };
            let account_id = docs::account_contact(&customer_id, &account_email).id;
            let action = match (&request.action, record.state) {
                (PasswordAction::Resend { .. }, _) => AuditAction::Resend,
                (PasswordAction::Regenerate { .. }, sportello_protocol::PasswordState::Locked) => {
                    AuditAction::Unlock
                }
                (PasswordAction::Regenerate { .. }, _) => AuditAction::Regenerate,
            };
            // A recipient not on file is refused as such, whatever else would refuse the
            // request too (rule 3.5).
            let resend_to = match &request.action {
                PasswordAction::Resend { recipient_id } => {
                    let email = if *recipient_id == account_id {
                        Some(account_email.clone())
                    } else {
                        sqlx::query_as::<_, (String,)>(
                            "SELECT email FROM trusted_recipients WHERE id = $1 AND
                            customer_id = $2",
                        )
                        .bind(*recipient_id)
                        .bind(&customer_id)
                        .fetch_optional(&mut *tx)
                        .await?
                        .map(|(e,)| e)
                    };
                    match email {
                        Some(email) => Some(email),
                        None => {
                            let refusal = StoreError::Invalid(format!(
                                "{recipient_id:?} is not a contact on file for shipment \
                                {shipment_id}: pick one of its recipients"
                            ));
                            drop(tx);
                            return Err(
                                refuse(self, &request, action, record.generation, refusal).await
                            );
                        }
                    }
                }
                PasswordAction::Regenerate { .. } => None,
            };
            let checked = match &request.action {
                PasswordAction::Resend { .. } => record.check_resend(now),
                PasswordAction::Regenerate { .. } => {
                    record.check_regenerate(request.actor.role, now)
                }
            };
            if let Err(refusal) = checked {
                drop(tx);
                let refusal = refused(shipment_id, refusal, now);
                return Err(refuse(self, &request, action, record.generation, refusal).await);
            }
            let (sends, regenerations) = record.today(now);
            let day = record.day(now);
            let (recipient_id, destination, new_generation) = match (&request.action, resend_to) {
                (PasswordAction::Resend { recipient_id }, Some(email)) => {
                    sqlx::query(crate::store::queries::PASSWORD_RESEND_COUNTERS)
                        .bind(shipment_id)
                        .bind(day)
                        .bind(i64::from(sends + 1))
                        .bind(i64::from(regenerations))
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    (recipient_id.to_string(), email, record.generation)
                }
                (PasswordAction::Regenerate { seal }, _) => {
                    let next = record.generation + 1;
                    let code = seal(next);
                    let expires = crate::expiry::expires_at(delivery_date, &delivery_tz)
                        .map_err(StoreError::Other)?;
                    sqlx::query(
                        "UPDATE delivery_passwords
                        SET generation = $2, state = 'active', issued_at = $3,
                        expires_at = $4,
                            key_id = $5, code_mac = $6, code_nonce = $7, code_sealed = $8,
                            counters_day = $9, sends_today = $10, regenerations_today = $11,
                            failed_verifications = 0, last_sent_at = $3
                      WHERE shipment_id = $1",
                    )
                    .bind(shipment_id)
                    .bind(i64::from(next))
                    .bind(now)
                    .bind(expires)
                    .bind(&code.key_id)
                    .bind(&code.mac)
                    .bind(&code.nonce)
                    .bind(&code.sealed)
                    .bind(day)
                    .bind(i64::from(sends + 1))
                    .bind(i64::from(regenerations + 1))
                    .execute(&mut *tx)
                    .await?;
                    (account_id.clone(), account_email.clone(), next)
                }
                (PasswordAction::Resend { .. }, None) => {
                    unreachable!("a resend's recipient was looked up")
                }
            };
            let mail_kind = match action {
                AuditAction::Resend => "password_resend",
                _ => "password_regenerate",
            };
            sqlx::query(crate::store::queries::OUTBOX_INSERT)
                .bind(now)
                .bind(mail_kind)
                .bind(shipment_id)
                .bind(i64::from(new_generation))
                .bind(&recipient_id)
                .execute(&mut *tx)
                .await?;
            if recipient_id != account_id {
                // The account holder hears of every code sent elsewhere (rule 8.2).
                let (recipient,): (String,) =
                    sqlx::query_as("SELECT name FROM trusted_recipients WHERE id = $1")
                        .bind(&recipient_id)
                        .fetch_one(&mut *tx)
                        .await?;
                let notice = CustomerNotice::SentElsewhere {
                    shipment_id: shipment_id.to_string(),
                    recipient,
                    destination: mask::email(&destination),
                    channel: "email".into(),
                    at: now,
                };
                notify_customer(&mut tx, &customer_id, &notice, now).await?;
            }
            append_audit(
                &mut tx,
                NewAuditEntry {
                    at: now,
                    actor: request.actor,
                    action,
                    refused: None,
                    shipment_id,
                    ticket_id: request.ticket_id,
                    generation: new_generation,
                    reason: request.reason.to_string(),
                    identity_check: request.identity_check.to_string(),
                    channel: if recipient_id == account_id {
                        "email"
                    } else {
                        "trusted_email"
                    },
                    destination: mask::email(&destination),
                },
            )
            .await?;
            let shipment = publish_shipment(&mut tx, shipment_id, now).await?;
            done(tx, idem, shipment).await
        }
        .await?;
        // The action's audit entries are chained before it answers.
        chain_after_commit(&self.chain, &mut conn).await?;
        Ok(answer)
    }

    async fn verify_password(
        &self,
        shipment_id: &str,
        actor: &AgentInfo,
        matches: &(dyn for<'s> Fn(u32, &'s SealedCode) -> bool + Send + Sync),
        now: DateTime<Utc>,
    ) -> StoreResult<sportello_protocol::VerifyResponse> {
        use sportello_protocol::PasswordState;
        let mut conn = self.pool.acquire().await?;
        let answer = async {
            let mut tx = begin_write(&mut conn).await?;
            // One verification of a courier's at a time, whatever the shipment (the
            // courier's row lock, PostgreSQL): the hourly count of wrong codes sees every
            // one before it, and a courier locked out meanwhile verifies nothing more
            // (rule 3.9).
            let courier: Option<(bool,)> = sqlx::query_as(
                "UPDATE agents SET disabled = disabled WHERE id = $1
                 RETURNING disabled",
            )
            .bind(&actor.id)
            .fetch_optional(&mut *tx)
            .await?;
            if !matches!(courier, Some((false,))) {
                return Err(StoreError::Disabled);
            }
            lock_password(&mut tx, shipment_id).await?;
            let row: (
                String,
                String,
                i64,
                DateTime<Utc>,
                i64,
                String,
                Vec<u8>,
                Vec<u8>,
                Vec<u8>,
            ) = sqlx::query_as(
                "SELECT s.status, p.state, p.generation, p.expires_at,
                    p.failed_verifications,
                        p.key_id, p.code_mac, p.code_nonce, p.code_sealed
                   FROM delivery_passwords p JOIN shipments s ON s.id = p.shipment_id
                  WHERE p.shipment_id = $1",
            )
            .bind(shipment_id)
            .fetch_one(&mut *tx)
            .await?;
            let (status, state, generation, _expires_at, failed, key_id, mac, nonce, sealed) = row;
            let status = sportello_protocol::ShipmentStatus::parse(&status)
                .ok_or_else(|| corrupt("shipment status", &status))?;
            let generation = generation as u32;
            let entry = |action, refused, reason: String| NewAuditEntry {
                at: now,
                actor,
                action,
                refused,
                shipment_id,
                ticket_id: None,
                generation,
                reason,
                identity_check: String::new(),
                channel: "courier",
                destination: String::new(),
            };
            if matches!(
                status,
                sportello_protocol::ShipmentStatus::Delivered
                    | sportello_protocol::ShipmentStatus::Returned
            ) {
                let refusal = refused(shipment_id, crate::password::Refusal::Finished(status), now);
                let reason = format!("refused: {refusal}");
                drop(tx);
                let written = crate::store::Audit::audit_refusal(
                    self,
                    entry(
                        AuditAction::CodeRejected,
                        Some(problem_type(&refusal)),
                        reason,
                    ),
                )
                .await;
                return Err(written.err().unwrap_or(refusal));
            }
            // A code whose day ended is expired first (by the server, as the sweeper would).
            let expired = expire_if_due(&mut tx, shipment_id, &server_actor(), now).await?;
            let mut state =
                PasswordState::parse(&state).ok_or_else(|| corrupt("password state", &state))?;
            if expired {
                state = PasswordState::Expired;
            }
            let mut failed = failed;
            let valid = if state == PasswordState::Active {
                let at_rest = SealedCode {
                    key_id,
                    mac,
                    nonce,
                    sealed,
                };
                let valid = matches(generation, &at_rest);
                if valid {
                    append_audit(
                        &mut tx,
                        entry(AuditAction::CodeAccepted, None, "code accepted".into()),
                    )
                    .await?;
                } else {
                    failed += 1;
                    sqlx::query(
                        "UPDATE delivery_passwords SET failed_verifications = $2
                      WHERE shipment_id = $1",
                    )
                    .bind(shipment_id)
                    .bind(failed)
                    .execute(&mut *tx)
                    .await?;
                    courier_wrong_code(&mut tx, actor, now).await?;
                    append_audit(
                        &mut tx,
                        entry(
                            AuditAction::CodeRejected,
                            None,
                            format!(
                                "code rejected ({failed} of {})",
                                crate::password::MAX_FAILED_VERIFICATIONS
                            ),
                        ),
                    )
                    .await?;
                    if failed >= i64::from(crate::password::MAX_FAILED_VERIFICATIONS) {
                        state = PasswordState::Locked;
                        set_password_state(&mut tx, shipment_id, state).await?;
                        append_audit(
                            &mut tx,
                            entry(
                                AuditAction::Lock,
                                None,
                                "too many wrong codes; a regeneration unlocks it".into(),
                            ),
                        )
                        .await?;
                    }
                }
                valid
            } else {
                append_audit(
                    &mut tx,
                    entry(
                        AuditAction::CodeRejected,
                        Some(sportello_protocol::problem::types::PASSWORD_NOT_ACTIVE),
                        format!("refused: the password is {}", state.as_str()),
                    ),
                )
                .await?;
                false
            };
            publish_shipment(&mut tx, shipment_id, now).await?;
            tx.commit().await?;
            let attempts_left = match state {
                PasswordState::Active => {
                    u32::try_from(i64::from(crate::password::MAX_FAILED_VERIFICATIONS) - failed)
                        .unwrap_or(0)
                }
                _ => 0,
            };
            Ok(sportello_protocol::VerifyResponse {
                valid,
                state,
                attempts_left,
            })
        }
        .await?;
        // The action's audit entries are chained before it answers.
        chain_after_commit(&self.chain, &mut conn).await?;
        Ok(answer)
    }
}

/// The problem type a refusal answers with, as its audit entry names it.
pub(super) fn problem_type(refusal: &StoreError) -> &'static str {
    use sportello_protocol::problem::types;
    match refusal {
        StoreError::Conflict { kind, .. } => kind,
        StoreError::LeadRequired(_) => types::LEAD_REQUIRED,
        StoreError::Limit { .. } => types::PASSWORD_LIMIT,
        StoreError::Invalid(_) => types::INVALID_BODY,
        StoreError::Disabled => types::UNAUTHORIZED,
        StoreError::NotFound(_) => types::NOT_FOUND,
        _ => types::INTERNAL,
    }
}

/// Writes the entry of a password action a rule refused (its transaction rolled back) and
/// gives the refusal back; should the entry not be written, that failure is the answer.
async fn refuse(
    engine: &Engine,
    request: &PasswordActionRequest<'_>,
    action: AuditAction,
    generation: u32,
    refusal: StoreError,
) -> StoreError {
    let entry = NewAuditEntry {
        at: request.now,
        actor: request.actor,
        action,
        refused: Some(problem_type(&refusal)),
        shipment_id: request.shipment_id,
        ticket_id: request.ticket_id,
        generation,
        reason: format!("{} (refused: {refusal})", request.reason),
        identity_check: request.identity_check.to_string(),
        channel: "email",
        destination: String::new(),
    };
    match crate::store::Audit::audit_refusal(engine, entry).await {
        Ok(()) => refusal,
        Err(e) => e,
    }
}

/// Counts a courier account's wrong code; past the hourly allowance the account is
/// disabled, flagged and its sessions end (rule 3.9).
pub(super) async fn courier_wrong_code(
    conn: &mut Conn,
    actor: &AgentInfo,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO verification_failures (agent_id, at) VALUES ($1, $2)")
        .bind(&actor.id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    let (recent,): (i64,) = sqlx::query_as(
        "SELECT count(*) FROM verification_failures WHERE agent_id = $1 AND at > $2",
    )
    .bind(&actor.id)
    .bind(now - chrono::Duration::hours(1))
    .fetch_one(&mut *conn)
    .await?;
    if recent > i64::from(crate::password::COURIER_WRONG_CODES_PER_HOUR) {
        let flag = format!(
            "{recent} wrong delivery codes within an hour (at {}): locked out until an \
                admin looks",
            now.to_rfc3339()
        );
        sqlx::query("UPDATE agents SET disabled = $2, flagged = $3 WHERE id = $1")
            .bind(&actor.id)
            .bind(true)
            .bind(&flag)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE agent_id = $1")
            .bind(&actor.id)
            .execute(&mut *conn)
            .await?;
        tracing::warn!(
            courier = %actor.username,
            wrong_codes = recent,
            "courier account locked out and flagged"
        );
    }
    Ok(())
}

pub(super) async fn set_password_state(
    conn: &mut Conn,
    shipment_id: &str,
    state: sportello_protocol::PasswordState,
) -> StoreResult<()> {
    sqlx::query("UPDATE delivery_passwords SET state = $2 WHERE shipment_id = $1")
        .bind(shipment_id)
        .bind(state.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Takes the password's row lock (PostgreSQL; SQLite's write transaction already holds
/// the database): not found, or a conflict when the shipment has no password.
pub(super) async fn lock_password(conn: &mut Conn, shipment_id: &str) -> StoreResult<()> {
    let locked = sqlx::query(crate::store::queries::PASSWORD_LOCK)
        .bind(shipment_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if locked == 1 {
        return Ok(());
    }
    let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM shipments WHERE id = $1")
        .bind(shipment_id)
        .fetch_optional(&mut *conn)
        .await?;
    Err(match exists {
        None => StoreError::NotFound(format!("no shipment with id {shipment_id:?}")),
        Some(_) => StoreError::Conflict {
            kind: sportello_protocol::problem::types::NO_PASSWORD,
            detail: format!(
                "shipment {shipment_id} has no delivery password: its order is below the \
                    secure-delivery threshold"
            ),
        },
    })
}

pub(super) type PasswordLockRow = (
    String,
    String,
    i64,
    DateTime<Utc>,
    NaiveDate,
    i64,
    i64,
    Option<DateTime<Utc>>,
    NaiveDate,
    String,
    String,
    String,
);

/// A password rule's refusal as the store reports it.
pub(super) fn refused(
    shipment_id: &str,
    refusal: crate::password::Refusal,
    now: DateTime<Utc>,
) -> StoreError {
    use crate::password::Refusal;
    use sportello_protocol::problem::types;
    match refusal {
        Refusal::Finished(status) => StoreError::Conflict {
            kind: types::SHIPMENT_FINISHED,
            detail: format!(
                "shipment {shipment_id} is {}: its password takes no more actions",
                status.as_str().replace('_', " ")
            ),
        },
        Refusal::NotActive(state) => StoreError::Conflict {
            kind: types::PASSWORD_NOT_ACTIVE,
            detail: format!(
                "the password of shipment {shipment_id} is {}: regenerate it to send a \
                    new one",
                state.as_str()
            ),
        },
        Refusal::LeadRequired {
            regenerations_today,
        } => StoreError::LeadRequired(format!(
            "shipment {shipment_id} was regenerated {regenerations_today} times today: \
                ask a lead for another"
        )),
        Refusal::Limit { limit, resets_at } => {
            let what = match limit {
                sportello_protocol::PasswordLimit::SendsPerDay => format!(
                    "the password of shipment {shipment_id} was sent {} times today, the \
                        most allowed",
                    crate::password::MAX_SENDS_PER_DAY
                ),
                sportello_protocol::PasswordLimit::SecondsBetweenSends => format!(
                    "the password of shipment {shipment_id} was sent less than {} \
                        seconds ago",
                    crate::password::SECONDS_BETWEEN_SENDS
                ),
            };
            StoreError::Limit {
                limit,
                resets_at,
                retry_after_secs: (resets_at - now).num_seconds().max(1) as u64,
                detail: format!("{what}; try again after {}", resets_at.to_rfc3339()),
            }
        }
    }
}
