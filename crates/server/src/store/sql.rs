//! The SQL both engines share. Every statement is written once, with `$n` placeholders that
//! SQLite and PostgreSQL both read, and expanded into each engine's module by `sql_store!`.
//! An engine module provides what differs: its pool, `run_migrations`, `before_feed_read` and
//! `read_snapshot` (what happens before, and the isolation under which, a page of the feed is
//! read) and `record_change` (how a change gets its cursor).
//!
//! Integers are bound as `i64` and integer columns are 64-bit on both engines.

macro_rules! sql_store {
    ($store:ty, $conn:ty) => {
        fn corrupt(what: &str, value: &str) -> StoreError {
            StoreError::Other(anyhow::anyhow!(
                "the store holds an invalid {what}: {value:?}"
            ))
        }

        #[async_trait]
        impl Store for $store {
            async fn migrate(&self) -> StoreResult<()> {
                self.run_migrations().await?;
                // The deployment's contact-hash key, made once (rule 5.2).
                let mut key = [0u8; 32];
                rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut key);
                sqlx::query(
                    "INSERT INTO deployment (name, value) VALUES ('contact_key', $1)
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(&key[..])
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn contact_key(&self) -> StoreResult<sportello_protocol::contact::ContactKey> {
                contact_key(&mut *self.pool.acquire().await?).await
            }

            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn is_empty(&self) -> StoreResult<bool> {
                let (n,): (i64,) =
                    sqlx::query_as("SELECT (SELECT count(*) FROM agents) + (SELECT count(*) FROM tickets)")
                        .fetch_one(&self.pool)
                        .await?;
                Ok(n == 0)
            }

            async fn agent_by_username(&self, username: &str) -> StoreResult<Option<AgentRecord>> {
                let row: Option<(String, String, String, String, String, bool)> = sqlx::query_as(
                    "SELECT id, username, name, role, password_hash, disabled FROM agents WHERE username = $1",
                )
                .bind(username)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|(id, username, name, role, password_hash, disabled)| {
                    Ok(AgentRecord {
                        info: AgentInfo {
                            role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
                            id,
                            username,
                            name,
                        },
                        password_hash,
                        disabled,
                    })
                })
                .transpose()
            }

            async fn create_session(
                &self,
                token_hash: &[u8],
                agent_id: &str,
                now: DateTime<Utc>,
                expires_at: DateTime<Utc>,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO sessions (token_hash, agent_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(token_hash)
                .bind(agent_id)
                .bind(now)
                .bind(expires_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn session_agent(
                &self,
                token_hash: &[u8],
                now: DateTime<Utc>,
            ) -> StoreResult<Option<AgentInfo>> {
                let token_hash = token_hash.to_vec();
                let row: Option<(String, String, String, String, DateTime<Utc>)> = self
                    .read(move |conn| {
                        Box::pin(async move {
                            sqlx::query_as($crate::store::queries::SESSION_AGENT)
                                .bind(token_hash)
                                .fetch_optional(conn)
                                .await
                        })
                    })
                    .await?;
                match row {
                    Some((id, username, name, role, expires_at)) if expires_at > now => {
                        Ok(Some(AgentInfo {
                            role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
                            id,
                            username,
                            name,
                        }))
                    }
                    _ => Ok(None),
                }
            }

            async fn session_expiry(&self, token_hash: &[u8]) -> StoreResult<Option<DateTime<Utc>>> {
                let row: Option<(DateTime<Utc>,)> =
                    sqlx::query_as("SELECT expires_at FROM sessions WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(at,)| at))
            }

            async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()> {
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn reserve_try(&self, t: ThrottleTry<'_>) -> StoreResult<Result<(), DateTime<Utc>>> {
                let counted: Option<(i64,)> = sqlx::query_as($crate::store::queries::THROTTLE_RESERVE)
                    .bind(t.key)
                    .bind(t.now)
                    .bind(t.window_ended_before)
                    .bind(i64::from(t.limit))
                    .fetch_optional(&self.pool)
                    .await?;
                if counted.is_some() {
                    return Ok(Ok(()));
                }
                let (started,): (DateTime<Utc>,) =
                    sqlx::query_as("SELECT window_start FROM login_throttle WHERE key = $1")
                        .bind(t.key)
                        .fetch_one(&self.pool)
                        .await?;
                Ok(Err(started))
            }

            async fn release_try(&self, key: &str) -> StoreResult<()> {
                sqlx::query("UPDATE login_throttle SET tries = tries - 1 WHERE key = $1 AND tries > 0")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn clear_tries(&self, key: &str) -> StoreResult<()> {
                sqlx::query("DELETE FROM login_throttle WHERE key = $1")
                    .bind(key)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn add_agent(&self, agent: NewAgent) -> StoreResult<()> {
                let added = sqlx::query(
                    "INSERT INTO agents (id, username, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT DO NOTHING",
                )
                .bind(&agent.info.id)
                .bind(&agent.info.username)
                .bind(&agent.info.name)
                .bind(agent.info.role.as_str())
                .bind(&agent.password_hash)
                .execute(&self.pool)
                .await?
                .rows_affected();
                if added == 0 {
                    return Err(StoreError::Conflict {
                        kind: sportello_protocol::problem::types::ACCOUNT_EXISTS,
                        detail: format!("there is already an account {:?}", agent.info.username),
                    });
                }
                Ok(())
            }

            async fn agents(&self, now: DateTime<Utc>) -> StoreResult<Vec<AgentListing>> {
                let rows: Vec<(String, String, String, String, bool, Option<String>, i64)> = sqlx::query_as(
                    "SELECT a.id, a.username, a.name, a.role, a.disabled, a.flagged,
                            (SELECT count(*) FROM sessions s WHERE s.agent_id = a.id AND s.expires_at > $1)
                       FROM agents a ORDER BY a.username",
                )
                .bind(now)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|(id, username, name, role, disabled, flagged, sessions)| {
                        Ok(AgentListing {
                            info: AgentInfo {
                                role: Role::parse(&role).ok_or_else(|| corrupt("role", &role))?,
                                id,
                                username,
                                name,
                            },
                            disabled,
                            flagged,
                            sessions: sessions as u32,
                        })
                    })
                    .collect()
            }

            async fn set_password(
                &self,
                agent_id: &str,
                password_hash: &str,
                keep: Option<&[u8]>,
            ) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = begin_write(&mut conn).await?;
                let updated = sqlx::query("UPDATE agents SET password_hash = $2 WHERE id = $1")
                    .bind(agent_id)
                    .bind(password_hash)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if updated == 0 {
                    return Err(StoreError::NotFound(format!("no account with id {agent_id:?}")));
                }
                sqlx::query("DELETE FROM sessions WHERE agent_id = $1 AND token_hash <> $2")
                    .bind(agent_id)
                    .bind(keep.unwrap_or_default())
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn disable_agent(&self, username: &str, flag: Option<&str>) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = begin_write(&mut conn).await?;
                let id: Option<(String,)> = sqlx::query_as(
                    "UPDATE agents SET disabled = $2, flagged = coalesce($3, flagged) WHERE username = $1 RETURNING id",
                )
                .bind(username)
                .bind(true)
                .bind(flag)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id,)) = id else {
                    return Err(StoreError::NotFound(format!("no account {username:?}")));
                };
                sqlx::query("DELETE FROM sessions WHERE agent_id = $1")
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn sweep(&self, cutoffs: SweepCutoffs) -> StoreResult<Swept> {
                let mut swept = Swept::default();
                swept.throttles = sqlx::query("DELETE FROM login_throttle WHERE window_start <= $1")
                    .bind(cutoffs.throttles)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                swept.sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                    .bind(cutoffs.sessions)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                swept.idempotency_keys = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
                    .bind(cutoffs.idempotency_keys)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                swept.verification_failures = sqlx::query("DELETE FROM verification_failures WHERE at < $1")
                    .bind(cutoffs.verification_failures)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(swept)
            }

            async fn reveal_callback_phone(
                &self,
                callback_id: &str,
                actor: &AgentInfo,
                now: DateTime<Utc>,
            ) -> StoreResult<Revealed> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = begin_write(&mut conn).await?;
                let row: Option<(String, String, String, String)> = sqlx::query_as(
                    "SELECT c.ticket_id, c.state, p.id, p.number
                       FROM callbacks c JOIN customer_phones p ON p.id = c.phone_id
                      WHERE c.id = $1",
                )
                .bind(callback_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((ticket_id, state, phone_id, number)) = row else {
                    return Err(StoreError::NotFound(format!("no callback with id {callback_id:?}")));
                };
                if state != sportello_protocol::CallbackState::Scheduled.as_str() {
                    return Err(StoreError::Conflict {
                        kind: sportello_protocol::problem::types::CALLBACK_FINISHED,
                        detail: format!(
                            "callback {callback_id} is {state}: its number is shown only while the callback is being worked"
                        ),
                    });
                }
                let masked = $crate::mask::phone(&number);
                sqlx::query(
                    "INSERT INTO contact_reveals (at, actor_id, actor_username, actor_name, callback_id, ticket_id, phone_id, masked)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(now)
                .bind(&actor.id)
                .bind(&actor.username)
                .bind(&actor.name)
                .bind(callback_id)
                .bind(&ticket_id)
                .bind(&phone_id)
                .bind(&masked)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Revealed { phone_id, number, masked })
            }

            async fn customer(&self, id: &str) -> StoreResult<Option<Customer>> {
                render_customer(&mut *self.pool.acquire().await?, id).await
            }

            async fn order(&self, id: &str) -> StoreResult<Option<Order>> {
                render_order(&mut *self.pool.acquire().await?, id).await
            }

            async fn shipment(&self, id: &str, now: DateTime<Utc>) -> StoreResult<Option<Shipment>> {
                render_shipment(&mut *self.pool.acquire().await?, id, now).await
            }

            async fn ticket(&self, id: &str) -> StoreResult<Option<Ticket>> {
                render_ticket(&mut *self.pool.acquire().await?, id).await
            }

            async fn doc(&self, kind: EntityKind, id: &str) -> StoreResult<Option<String>> {
                let id = id.to_owned();
                let row: Option<(String,)> = self
                    .read(move |conn| {
                        Box::pin(async move {
                            sqlx::query_as($crate::store::queries::ENTITY_DOC)
                                .bind(kind.as_str())
                                .bind(id)
                                .fetch_optional(conn)
                                .await
                        })
                    })
                    .await?;
                Ok(row.map(|(data,)| data))
            }

            async fn add_message(
                &self,
                idem: Option<&Idempotency>,
                ticket_id: &str,
                message: NewMessageRow,
            ) -> StoreResult<Applied<Ticket>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = begin_write(&mut conn).await?;
                if let Some(answer) = claim(&mut tx, idem).await? {
                    return Ok(Applied::Replayed(answer));
                }
                // Updating the ticket first takes its row lock (PostgreSQL), so concurrent
                // messages on one ticket number their positions one after the other.
                lock_open_ticket(&mut tx, ticket_id, message.at, "messages").await?;
                let (position,): (i64,) = sqlx::query_as(
                    "SELECT coalesce(max(position) + 1, 0) FROM messages WHERE ticket_id = $1",
                )
                .bind(ticket_id)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO messages (id, ticket_id, position, kind, author, at, body)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(format!("{ticket_id}-M{}", position + 1))
                .bind(ticket_id)
                .bind(position)
                .bind(message.kind.as_str())
                .bind(&message.author)
                .bind(message.at)
                .bind(&message.body)
                .execute(&mut *tx)
                .await?;
                let ticket = publish_ticket(&mut tx, ticket_id, &[]).await?;
                done(tx, idem, ticket).await
            }

            async fn add_callback(
                &self,
                idem: Option<&Idempotency>,
                ticket_id: &str,
                callback: NewCallbackRow,
            ) -> StoreResult<Applied<Ticket>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = begin_write(&mut conn).await?;
                if let Some(answer) = claim(&mut tx, idem).await? {
                    return Ok(Applied::Replayed(answer));
                }
                lock_open_ticket(&mut tx, ticket_id, callback.at, "callbacks").await?;
                let phone: Option<(bool,)> = sqlx::query_as(
                    "SELECT p.wrong_number FROM customer_phones p
                       JOIN tickets t ON t.customer_id = p.customer_id
                      WHERE t.id = $1 AND p.id = $2",
                )
                .bind(ticket_id)
                .bind(&callback.phone_id)
                .fetch_optional(&mut *tx)
                .await?;
                match phone {
                    None => {
                        return Err(StoreError::Invalid(format!(
                            "phone {:?} is not on file for the customer of ticket {ticket_id}: pick one of the customer's phones",
                            callback.phone_id
                        )))
                    }
                    Some((true,)) => {
                        return Err(StoreError::Conflict {
                            kind: sportello_protocol::problem::types::WRONG_NUMBER,
                            detail: format!(
                                "phone {} was found to be a wrong number: pick another number on file",
                                callback.phone_id
                            ),
                        })
                    }
                    Some((false,)) => {}
                }
                sqlx::query("UPDATE tickets SET assignee = coalesce(assignee, $2) WHERE id = $1")
                    .bind(ticket_id)
                    .bind(&callback.agent)
                    .execute(&mut *tx)
                    .await?;
                let (count,): (i64,) =
                    sqlx::query_as("SELECT count(*) FROM callbacks WHERE ticket_id = $1")
                        .bind(ticket_id)
                        .fetch_one(&mut *tx)
                        .await?;
                let id = format!("{ticket_id}-C{}", count + 1);
                sqlx::query(
                    "INSERT INTO callbacks (id, ticket_id, phone_id, due_at, state, note)
                     VALUES ($1, $2, $3, $4, 'scheduled', $5)",
                )
                .bind(&id)
                .bind(ticket_id)
                .bind(&callback.phone_id)
                .bind(callback.due_at)
                .bind(&callback.note)
                .execute(&mut *tx)
                .await?;
                let ticket = publish_ticket(&mut tx, ticket_id, &[id]).await?;
                done(tx, idem, ticket).await
            }

            async fn add_attempt(
                &self,
                idem: Option<&Idempotency>,
                callback_id: &str,
                attempt: AttemptRow,
            ) -> StoreResult<Applied<Ticket>> {
                use sportello_protocol::CallbackState;
                let mut conn = self.pool.acquire().await?;
                let mut tx = begin_write(&mut conn).await?;
                if let Some(answer) = claim(&mut tx, idem).await? {
                    return Ok(Applied::Replayed(answer));
                }
                let owner: Option<(String,)> =
                    sqlx::query_as("SELECT ticket_id FROM callbacks WHERE id = $1")
                        .bind(callback_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some((ticket_id,)) = owner else {
                    return Err(StoreError::NotFound(format!(
                        "no callback with id {callback_id:?}"
                    )));
                };
                // The ticket's row lock orders attempts on its callbacks (PostgreSQL).
                sqlx::query("UPDATE tickets SET updated_at = $2 WHERE id = $1")
                    .bind(&ticket_id)
                    .bind(attempt.at)
                    .execute(&mut *tx)
                    .await?;
                let (state, phone_id, attempts, last_attempt_at): (
                    String,
                    String,
                    i64,
                    Option<DateTime<Utc>>,
                ) = sqlx::query_as(
                    "SELECT c.state, c.phone_id,
                            (SELECT count(*) FROM callback_attempts a WHERE a.callback_id = c.id),
                            (SELECT max(a.at) FROM callback_attempts a WHERE a.callback_id = c.id)
                       FROM callbacks c WHERE c.id = $1",
                )
                .bind(callback_id)
                .fetch_one(&mut *tx)
                .await?;
                let record = $crate::callback::Record {
                    state: CallbackState::parse(&state)
                        .ok_or_else(|| corrupt("callback state", &state))?,
                    attempts: attempts as u32,
                    last_attempt_at,
                };
                let effect = record.attempt(attempt.outcome, attempt.at).map_err(|refusal| {
                    match refusal {
                        $crate::callback::AttemptRefusal::Finished(state) => StoreError::Conflict {
                            kind: sportello_protocol::problem::types::CALLBACK_FINISHED,
                            detail: format!(
                                "callback {callback_id} is {}: it takes no more attempts; log a new callback if the customer still needs one",
                                state.as_str()
                            ),
                        },
                        $crate::callback::AttemptRefusal::TooSoon { retry_at } => StoreError::TooSoon {
                            detail: format!(
                                "the last attempt on callback {callback_id} was less than {} minutes ago; try again from {}",
                                sportello_protocol::Callback::RETRY_MINUTES,
                                retry_at.to_rfc3339()
                            ),
                            retry_at,
                            retry_after_secs: (retry_at - attempt.at).num_seconds().max(1) as u64,
                        },
                    }
                })?;
                sqlx::query(
                    "INSERT INTO callback_attempts (callback_id, position, at, agent, outcome, note)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(callback_id)
                .bind(attempts)
                .bind(attempt.at)
                .bind(&attempt.agent)
                .bind(attempt.outcome.as_str())
                .bind(&attempt.note)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE callbacks SET state = $2, due_at = coalesce($3, due_at) WHERE id = $1",
                )
                .bind(callback_id)
                .bind(effect.state.as_str())
                .bind(effect.next_due_at)
                .execute(&mut *tx)
                .await?;
                if effect.back_to_queue {
                    sqlx::query(
                        "UPDATE tickets SET assignee = NULL, status = 'open'
                          WHERE id = $1 AND status <> 'closed'",
                    )
                    .bind(&ticket_id)
                    .execute(&mut *tx)
                    .await?;
                } else {
                    sqlx::query("UPDATE tickets SET status = 'open' WHERE id = $1 AND status = 'new'")
                        .bind(&ticket_id)
                        .execute(&mut *tx)
                        .await?;
                }
                if effect.flag_phone {
                    let (customer_id,): (String,) = sqlx::query_as(
                        "UPDATE customer_phones SET wrong_number = $2 WHERE id = $1 RETURNING customer_id",
                    )
                    .bind(&phone_id)
                    .bind(true)
                    .fetch_one(&mut *tx)
                    .await?;
                    let customer = render_customer(&mut tx, &customer_id).await?;
                    record_change(&mut tx, EntityKind::Customer, &customer_id, &customer).await?;
                }
                let ticket = publish_ticket(&mut tx, &ticket_id, &[callback_id.to_string()]).await?;
                done(tx, idem, ticket).await
            }

            async fn close_ticket(
                &self,
                idem: Option<&Idempotency>,
                ticket_id: &str,
                resolution: &str,
                at: DateTime<Utc>,
            ) -> StoreResult<Applied<Ticket>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = begin_write(&mut conn).await?;
                if let Some(answer) = claim(&mut tx, idem).await? {
                    return Ok(Applied::Replayed(answer));
                }
                lock_open_ticket(&mut tx, ticket_id, at, "changes").await?;
                let customer_id: (String,) = sqlx::query_as(
                    "UPDATE tickets SET status = 'closed', resolution = $2, closed_at = $3
                      WHERE id = $1 RETURNING customer_id",
                )
                .bind(ticket_id)
                .bind(resolution)
                .bind(at)
                .fetch_one(&mut *tx)
                .await?;
                let cancelled: Vec<(String,)> = sqlx::query_as(
                    "UPDATE callbacks SET state = 'cancelled'
                      WHERE ticket_id = $1 AND state = 'scheduled' RETURNING id",
                )
                .bind(ticket_id)
                .fetch_all(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO mail_outbox (created_at, kind, ticket_id, recipient_id, next_attempt_at)
                     VALUES ($1, $2, $3, $4, $1)",
                )
                .bind(at)
                .bind($crate::store::SUMMARY_MAIL)
                .bind(ticket_id)
                .bind(docs::account_contact(&customer_id.0, "").id)
                .execute(&mut *tx)
                .await?;
                let cancelled: Vec<String> = cancelled.into_iter().map(|(id,)| id).collect();
                let ticket = publish_ticket(&mut tx, ticket_id, &cancelled).await?;
                done(tx, idem, ticket).await
            }

            async fn password_action(
                &self,
                idem: Option<&Idempotency>,
                request: PasswordActionRequest<'_>,
            ) -> StoreResult<Applied<Shipment>> {
                let mut conn = self.pool.acquire().await?;
                let mut tx = begin_write(&mut conn).await?;
                if let Some(answer) = claim(&mut tx, idem).await? {
                    return Ok(Applied::Replayed(answer));
                }
                let shipment_id = request.shipment_id;
                let now = request.now;
                // Take the password's row lock (PostgreSQL) before reading its counters.
                lock_password(&mut tx, shipment_id).await?;
                let row: PasswordLockRow = sqlx::query_as($crate::store::queries::PASSWORD_RECORD)
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
                let record = $crate::password::Record {
                    shipment_status: sportello_protocol::ShipmentStatus::parse(&status)
                        .ok_or_else(|| corrupt("shipment status", &status))?,
                    state: sportello_protocol::PasswordState::parse(&state)
                        .ok_or_else(|| corrupt("password state", &state))?,
                    generation: generation as u32,
                    expires_at,
                    zone: $crate::expiry::zone(&delivery_tz).map_err(StoreError::Other)?,
                    counters_day,
                    sends_today: sends_today as u32,
                    regenerations_today: regenerations_today as u32,
                    last_sent_at,
                };
                let account_id = docs::account_contact(&customer_id, &account_email).id;
                // A recipient not on file is refused as such, whatever else would refuse the
                // request too (rule 3.5).
                let resend_to = match &request.action {
                    PasswordAction::Resend { recipient_id } => {
                        let email = if *recipient_id == account_id {
                            Some(account_email.clone())
                        } else {
                            sqlx::query_as::<_, (String,)>(
                                "SELECT email FROM trusted_recipients WHERE id = $1 AND customer_id = $2",
                            )
                            .bind(*recipient_id)
                            .bind(&customer_id)
                            .fetch_optional(&mut *tx)
                            .await?
                            .map(|(e,)| e)
                        };
                        Some(email.ok_or_else(|| {
                            StoreError::Invalid(format!(
                                "{recipient_id:?} is not a contact on file for shipment {shipment_id}: pick one of its recipients"
                            ))
                        })?)
                    }
                    PasswordAction::Regenerate { .. } => None,
                };
                let checked = match &request.action {
                    PasswordAction::Resend { .. } => record.check_resend(now),
                    PasswordAction::Regenerate { .. } => {
                        record.check_regenerate(request.actor.role, now)
                    }
                };
                checked.map_err(|refusal| refused(shipment_id, refusal, now))?;
                let (sends, regenerations) = record.today(now);
                let day = record.day(now);
                let (action, recipient_id, destination, new_generation) = match (&request.action, resend_to) {
                    (PasswordAction::Resend { recipient_id }, Some(email)) => {
                        sqlx::query($crate::store::queries::PASSWORD_RESEND_COUNTERS)
                        .bind(shipment_id)
                        .bind(day)
                        .bind(i64::from(sends + 1))
                        .bind(i64::from(regenerations))
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                        ("resend", recipient_id.to_string(), email, record.generation)
                    }
                    (PasswordAction::Regenerate { seal }, _) => {
                        let next = record.generation + 1;
                        let code = seal(next);
                        let expires = $crate::expiry::expires_at(delivery_date, &delivery_tz)
                            .map_err(StoreError::Other)?;
                        sqlx::query(
                            "UPDATE delivery_passwords
                                SET generation = $2, state = 'active', issued_at = $3, expires_at = $4,
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
                        ("regenerate", account_id.clone(), account_email.clone(), next)
                    }
                    (PasswordAction::Resend { .. }, None) => unreachable!("a resend's recipient was looked up"),
                };
                sqlx::query($crate::store::queries::OUTBOX_INSERT)
                .bind(now)
                .bind(format!("password_{action}"))
                .bind(shipment_id)
                .bind(i64::from(new_generation))
                .bind(&recipient_id)
                .execute(&mut *tx)
                .await?;
                write_audit(
                    &mut tx,
                    AuditEntry {
                        at: now,
                        actor: request.actor,
                        action,
                        shipment_id,
                        generation: new_generation,
                        reason: request.reason.to_string(),
                        identity_check: request.identity_check.to_string(),
                        channel: "email",
                        destination: mask::email(&destination),
                    },
                )
                .await?;
                let shipment = publish_shipment(&mut tx, shipment_id, now).await?;
                done(tx, idem, shipment).await
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
                let mut tx = begin_write(&mut conn).await?;
                // One verification of a courier's at a time, whatever the shipment (the
                // courier's row lock, PostgreSQL): the hourly count of wrong codes sees every
                // one before it, and a courier locked out meanwhile verifies nothing more
                // (rule 3.9).
                let courier: Option<(bool,)> =
                    sqlx::query_as("UPDATE agents SET disabled = disabled WHERE id = $1 RETURNING disabled")
                        .bind(&actor.id)
                        .fetch_optional(&mut *tx)
                        .await?;
                if !matches!(courier, Some((false,))) {
                    return Err(StoreError::Disabled);
                }
                lock_password(&mut tx, shipment_id).await?;
                let row: (String, String, i64, DateTime<Utc>, i64, String, Vec<u8>, Vec<u8>, Vec<u8>) =
                    sqlx::query_as(
                        "SELECT s.status, p.state, p.generation, p.expires_at, p.failed_verifications,
                                p.key_id, p.code_mac, p.code_nonce, p.code_sealed
                           FROM delivery_passwords p JOIN shipments s ON s.id = p.shipment_id
                          WHERE p.shipment_id = $1",
                    )
                    .bind(shipment_id)
                    .fetch_one(&mut *tx)
                    .await?;
                let (status, state, generation, expires_at, failed, key_id, mac, nonce, sealed) = row;
                let status = sportello_protocol::ShipmentStatus::parse(&status)
                    .ok_or_else(|| corrupt("shipment status", &status))?;
                if matches!(
                    status,
                    sportello_protocol::ShipmentStatus::Delivered | sportello_protocol::ShipmentStatus::Returned
                ) {
                    return Err(refused(shipment_id, $crate::password::Refusal::Finished(status), now));
                }
                let mut state = PasswordState::parse(&state).ok_or_else(|| corrupt("password state", &state))?;
                let generation = generation as u32;
                let audit = |action: &'static str, note: String| AuditEntry {
                    at: now,
                    actor,
                    action,
                    shipment_id,
                    generation,
                    reason: note,
                    identity_check: String::new(),
                    channel: "courier",
                    destination: String::new(),
                };
                if state == PasswordState::Active && expires_at <= now {
                    state = PasswordState::Expired;
                    set_password_state(&mut tx, shipment_id, state).await?;
                    write_audit(&mut tx, audit("expiry", format!("expired at {}", expires_at.to_rfc3339()))).await?;
                }
                let valid = if state == PasswordState::Active {
                    let at_rest = SealedCode { key_id, mac, nonce, sealed };
                    let valid = matches(generation, &at_rest);
                    if valid {
                        write_audit(&mut tx, audit("verification", "code accepted".into())).await?;
                    } else {
                        let failed = failed + 1;
                        sqlx::query("UPDATE delivery_passwords SET failed_verifications = $2 WHERE shipment_id = $1")
                            .bind(shipment_id)
                            .bind(failed)
                            .execute(&mut *tx)
                            .await?;
                        write_audit(
                            &mut tx,
                            audit("verification", format!("code rejected ({failed} of {})", $crate::password::MAX_FAILED_VERIFICATIONS)),
                        )
                        .await?;
                        courier_wrong_code(&mut tx, actor, now).await?;
                        if failed >= i64::from($crate::password::MAX_FAILED_VERIFICATIONS) {
                            state = PasswordState::Locked;
                            set_password_state(&mut tx, shipment_id, state).await?;
                            write_audit(&mut tx, audit("lock", "too many wrong codes; a regeneration unlocks it".into())).await?;
                        }
                    }
                    valid
                } else {
                    write_audit(&mut tx, audit("verification", format!("refused: the password is {}", state.as_str()))).await?;
                    false
                };
                publish_shipment(&mut tx, shipment_id, now).await?;
                tx.commit().await?;
                Ok(sportello_protocol::VerifyResponse { valid, state })
            }

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
                let mut tx = begin_write(&mut conn).await?;
                // Updating the shipment first takes its row lock (PostgreSQL).
                let updated = sqlx::query("UPDATE shipments SET status = $2 WHERE id = $1")
                    .bind(shipment_id)
                    .bind(event.kind.as_str())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if updated == 0 {
                    return Err(StoreError::NotFound(format!("no shipment with id {shipment_id:?}")));
                }
                let (position,): (i64,) = sqlx::query_as(
                    "SELECT coalesce(max(position) + 1, 0) FROM tracking_events WHERE shipment_id = $1",
                )
                .bind(shipment_id)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO tracking_events (shipment_id, position, at, kind, location) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(shipment_id)
                .bind(position)
                .bind(event.at)
                .bind(event.kind.as_str())
                .bind(&event.location)
                .execute(&mut *tx)
                .await?;
                let row: (i64, String, String, NaiveDate, String, Option<String>, Option<i64>) = sqlx::query_as(
                    "SELECT o.total_cents, o.customer_id, c.email, s.delivery_date, s.delivery_tz, p.state, p.generation
                       FROM shipments s JOIN orders o ON o.id = s.order_id JOIN customers c ON c.id = o.customer_id
                       LEFT JOIN delivery_passwords p ON p.shipment_id = s.id
                      WHERE s.id = $1",
                )
                .bind(shipment_id)
                .fetch_one(&mut *tx)
                .await?;
                let (total_cents, customer_id, email, delivery_date, delivery_tz, state, generation) = row;
                let entry = |action: &'static str, generation: u32, reason: String, destination: String| AuditEntry {
                    at: now,
                    actor,
                    action,
                    shipment_id,
                    generation,
                    reason,
                    identity_check: String::new(),
                    channel: if action == "issue" { "email" } else { "carrier feed" },
                    destination,
                };
                match (event.kind, state.as_deref()) {
                    (ShipmentStatus::Shipped, None) if total_cents >= threshold_cents => {
                        let code = seal(1);
                        let expires = $crate::expiry::expires_at(delivery_date, &delivery_tz)
                            .map_err(StoreError::Other)?;
                        sqlx::query(
                            "INSERT INTO delivery_passwords (shipment_id, generation, state, issued_at, expires_at,
                                key_id, code_mac, code_nonce, code_sealed, counters_day, sends_today,
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
                            $crate::expiry::zone(&delivery_tz)
                                .map(|tz| $crate::expiry::day_in(tz, now))
                                .map_err(StoreError::Other)?,
                        )
                        .execute(&mut *tx)
                        .await?;
                        let account = docs::account_contact(&customer_id, &email);
                        sqlx::query(
                            "INSERT INTO mail_outbox (created_at, kind, shipment_id, generation, recipient_id, next_attempt_at)
                             VALUES ($1, 'password_issue', $2, 1, $3, $1)",
                        )
                        .bind(now)
                        .bind(shipment_id)
                        .bind(&account.id)
                        .execute(&mut *tx)
                        .await?;
                        write_audit(&mut tx, entry("issue", 1, "shipped".into(), account.masked)).await?;
                    }
                    (ShipmentStatus::Delivered | ShipmentStatus::Returned, Some(s))
                        if s != PasswordState::Retired.as_str() =>
                    {
                        set_password_state(&mut tx, shipment_id, PasswordState::Retired).await?;
                        write_audit(
                            &mut tx,
                            entry("retire", generation.unwrap_or(0) as u32, event.kind.as_str().into(), String::new()),
                        )
                        .await?;
                    }
                    _ => {}
                }
                let shipment = publish_shipment(&mut tx, shipment_id, now).await?;
                tx.commit().await?;
                Ok(shipment)
            }

            async fn claim_mail(
                &self,
                now: DateTime<Utc>,
                lease_until: DateTime<Utc>,
                limit: u32,
            ) -> StoreResult<Vec<OutboxMail>> {
                let due: Vec<(i64, String, Option<String>)> = sqlx::query_as(
                    "SELECT id, kind, ticket_id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= $1
                      ORDER BY id LIMIT $2",
                )
                .bind(now)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                let mut claimed = Vec::new();
                for (id, kind, ticket_id) in due {
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
                    if kind == $crate::store::SUMMARY_MAIL {
                        let ticket_id = ticket_id.ok_or_else(|| corrupt("summary mail without a ticket", &id.to_string()))?;
                        let mut conn = self.pool.acquire().await?;
                        let (attempts, name, email, language): (i64, String, String, String) = sqlx::query_as(
                            "SELECT m.attempts, c.name, c.email, c.language
                               FROM mail_outbox m
                               JOIN tickets t ON t.id = m.ticket_id
                               JOIN customers c ON c.id = t.customer_id
                              WHERE m.id = $1",
                        )
                        .bind(id)
                        .fetch_one(&mut *conn)
                        .await?;
                        let ticket = render_ticket(&mut conn, &ticket_id)
                            .await?
                            .ok_or_else(|| corrupt("ticket", &ticket_id))?;
                        claimed.push(OutboxMail {
                            id,
                            kind,
                            attempts: attempts as u32,
                            to_name: name.clone(),
                            to_email: email,
                            customer_name: name,
                            language,
                            content: MailContent::Summary { ticket: Box::new(ticket) },
                        });
                        continue;
                    }
                    // One read: the mail, its shipment, customer, password and, when it goes
                    // to a trusted recipient, that recipient.
                    let m: MailRow = sqlx::query_as(
                        "SELECT m.kind, m.attempts, m.recipient_id, m.generation, m.shipment_id,
                                c.id AS customer_id, c.name AS customer_name, c.email AS account_email,
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
                            m.trusted_name
                                .zip(m.trusted_email)
                                .ok_or_else(|| corrupt("mail recipient", &m.recipient_id))?
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
                sqlx::query("UPDATE mail_outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1")
                    .bind(id)
                    .bind(retry_at)
                    .bind(error)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn changes_raw(&self, since: i64, limit: u32) -> StoreResult<RawSyncPage> {
                let mut conn = self.pool.acquire().await?;
                before_feed_read(&mut conn).await?;
                // One read transaction: the page and the head come from the same snapshot.
                let mut tx = conn.begin().await?;
                read_snapshot(&mut tx).await?;
                let rows: Vec<(i64, String, String, bool, String)> = sqlx::query_as(
                    "SELECT cursor, kind, id, deleted, data FROM changes
                      WHERE cursor > $1 ORDER BY cursor LIMIT $2",
                )
                .bind(since)
                .bind(i64::from(limit) + 1)
                .fetch_all(&mut *tx)
                .await?;
                let (head,): (i64,) = sqlx::query_as("SELECT coalesce(max(cursor), 0) FROM changes")
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                let more = rows.len() > limit as usize;
                let mut changes = Vec::with_capacity(rows.len().min(limit as usize));
                for (cursor, kind, id, deleted, data) in rows.into_iter().take(limit as usize) {
                    changes.push(RawChange {
                        cursor,
                        kind: EntityKind::parse(&kind).ok_or_else(|| corrupt("change kind", &kind))?,
                        id,
                        deleted,
                        data: serde_json::value::RawValue::from_string(data)
                            .map_err(|e| StoreError::Other(e.into()))?,
                    });
                }
                let next = changes.last().map_or(since, |c| c.cursor);
                Ok(RawSyncPage {
                    changes,
                    next,
                    more,
                    head,
                })
            }

            fn seed_encoder(&self) -> Option<SeedEncoder> {
                SEED_ENCODER
            }

            async fn write_seed(&self, batch: PreparedBatch) -> StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                bulk_settings(&mut conn, true).await?;
                let written = async {
                    let mut tx = conn.begin().await?;
                    write_batch(&mut tx, batch).await?;
                    tx.commit().await?;
                    Ok::<_, StoreError>(())
                }
                .await;
                bulk_settings(&mut conn, false).await?;
                written
            }
        }

        /// A claimed outbox mail with what it is written from.
        #[derive(sqlx::FromRow)]
        struct MailRow {
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

        /// Renders a shipment as it now stands into the feed, and returns it.
        async fn publish_shipment(
            conn: &mut $conn,
            shipment_id: &str,
            now: DateTime<Utc>,
        ) -> StoreResult<Shipment> {
            let shipment = render_shipment(conn, shipment_id, now).await?;
            record_change(conn, EntityKind::Shipment, shipment_id, &shipment).await?;
            shipment.ok_or_else(|| corrupt("shipment", shipment_id))
        }

        /// Takes an open ticket's row lock (PostgreSQL) and marks it worked at `at` (a new
        /// ticket becomes open): not found, or a conflict when it is closed and so takes no
        /// more `what`.
        async fn lock_open_ticket(
            conn: &mut $conn,
            ticket_id: &str,
            at: DateTime<Utc>,
            what: &str,
        ) -> StoreResult<()> {
            let updated = sqlx::query(
                "UPDATE tickets SET updated_at = $2,
                        status = CASE WHEN status = 'new' THEN 'open' ELSE status END
                  WHERE id = $1 AND status <> 'closed'",
            )
            .bind(ticket_id)
            .bind(at)
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if updated == 1 {
                return Ok(());
            }
            let exists: Option<(String,)> = sqlx::query_as("SELECT status FROM tickets WHERE id = $1")
                .bind(ticket_id)
                .fetch_optional(&mut *conn)
                .await?;
            Err(match exists {
                None => StoreError::NotFound(format!("no ticket with id {ticket_id:?}")),
                Some(_) => StoreError::Conflict {
                    kind: sportello_protocol::problem::types::TICKET_CLOSED,
                    detail: format!("ticket {ticket_id} is closed: it takes no new {what}"),
                },
            })
        }

        /// Renders a ticket as it now stands into the feed, with the callbacks named (which
        /// changed), and returns it.
        async fn publish_ticket(
            conn: &mut $conn,
            ticket_id: &str,
            callbacks: &[String],
        ) -> StoreResult<Ticket> {
            let ticket = render_ticket(conn, ticket_id).await?;
            record_change(conn, EntityKind::Ticket, ticket_id, &ticket).await?;
            let ticket = ticket.ok_or_else(|| corrupt("ticket", ticket_id))?;
            for id in callbacks {
                let callback = ticket.callbacks.iter().find(|c| &c.id == id).cloned();
                record_change(conn, EntityKind::Callback, id, &callback).await?;
            }
            Ok(ticket)
        }

        /// One audit row (rule 9): never a code.
        struct AuditEntry<'a> {
            at: DateTime<Utc>,
            actor: &'a AgentInfo,
            action: &'static str,
            shipment_id: &'a str,
            generation: u32,
            reason: String,
            identity_check: String,
            channel: &'static str,
            destination: String,
        }

        async fn write_audit(conn: &mut $conn, e: AuditEntry<'_>) -> StoreResult<()> {
            sqlx::query($crate::store::queries::AUDIT_INSERT)
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

        /// Counts a courier account's wrong code; past the hourly allowance the account is
        /// disabled, flagged and its sessions end (rule 3.9).
        async fn courier_wrong_code(
            conn: &mut $conn,
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
            if recent > i64::from($crate::password::COURIER_WRONG_CODES_PER_HOUR) {
                let flag = format!(
                    "{recent} wrong delivery codes within an hour (at {}): locked out until an admin looks",
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
                tracing::warn!(courier = %actor.username, wrong_codes = recent, "courier account locked out and flagged");
            }
            Ok(())
        }

        async fn set_password_state(
            conn: &mut $conn,
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
        async fn lock_password(conn: &mut $conn, shipment_id: &str) -> StoreResult<()> {
            let locked = sqlx::query($crate::store::queries::PASSWORD_LOCK)
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
                        "shipment {shipment_id} has no delivery password: its order is below the secure-delivery threshold"
                    ),
                },
            })
        }

        type PasswordLockRow = (
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
        fn refused(
            shipment_id: &str,
            refusal: $crate::password::Refusal,
            now: DateTime<Utc>,
        ) -> StoreError {
            use $crate::password::Refusal;
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
                        "the password of shipment {shipment_id} is {}: regenerate it to send a new one",
                        state.as_str()
                    ),
                },
                Refusal::LeadRequired { regenerations_today } => StoreError::LeadRequired(format!(
                    "shipment {shipment_id} was regenerated {regenerations_today} times today: ask a lead for another"
                )),
                Refusal::Limit { limit, resets_at } => {
                    let what = match limit {
                        sportello_protocol::PasswordLimit::SendsPerDay => format!(
                            "the password of shipment {shipment_id} was sent {} times today, the most allowed",
                            $crate::password::MAX_SENDS_PER_DAY
                        ),
                        sportello_protocol::PasswordLimit::SecondsBetweenSends => format!(
                            "the password of shipment {shipment_id} was sent less than {} seconds ago",
                            $crate::password::SECONDS_BETWEEN_SENDS
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

        /// Claims an idempotency key inside a write transaction. `None`: the key is new and now
        /// held by this transaction (a concurrent request with the same key waits for it).
        /// `Some(answer)`: the same request already succeeded; nothing must change.
        async fn claim_key(conn: &mut $conn, idem: &Idempotency) -> StoreResult<Option<String>> {
            let lifetime = chrono::Duration::hours($crate::store::IDEMPOTENCY_KEY_LIFETIME_HOURS);
            sqlx::query("DELETE FROM idempotency_keys WHERE agent_id = $1 AND created_at < $2")
                .bind(&idem.agent_id)
                .bind(idem.at - lifetime)
                .execute(&mut *conn)
                .await?;
            let claimed = sqlx::query(
                "INSERT INTO idempotency_keys (agent_id, key, request_hash, answer, created_at)
                 VALUES ($1, $2, $3, NULL, $4) ON CONFLICT (agent_id, key) DO NOTHING",
            )
            .bind(&idem.agent_id)
            .bind(&idem.key)
            .bind(&idem.request_hash)
            .bind(idem.at)
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if claimed == 1 {
                return Ok(None);
            }
            let (hash, answer): (Vec<u8>, Option<String>) = sqlx::query_as(
                "SELECT request_hash, answer FROM idempotency_keys WHERE agent_id = $1 AND key = $2",
            )
            .bind(&idem.agent_id)
            .bind(&idem.key)
            .fetch_one(&mut *conn)
            .await?;
            if hash != idem.request_hash {
                return Err(StoreError::KeyReused);
            }
            answer
                .map(Some)
                .ok_or_else(|| corrupt("idempotency key without an answer", &idem.key))
        }

        /// [`claim_key`] when the request came with a key.
        async fn claim(conn: &mut $conn, idem: Option<&Idempotency>) -> StoreResult<Option<String>> {
            match idem {
                Some(idem) => claim_key(conn, idem).await,
                None => Ok(None),
            }
        }

        /// Stores the answer under the request's key, if it has one, and commits: the change
        /// is done.
        async fn done<T: serde::Serialize>(
            mut tx: sqlx::Transaction<'_, <$conn as sqlx::Connection>::Database>,
            idem: Option<&Idempotency>,
            value: T,
        ) -> StoreResult<Applied<T>> {
            if let Some(idem) = idem {
                settle_key(&mut tx, idem, &value).await?;
            }
            tx.commit().await?;
            Ok(Applied::Done(value))
        }

        /// Stores the answer of the request that claimed `idem`, in its transaction.
        async fn settle_key<T: serde::Serialize>(
            conn: &mut $conn,
            idem: &Idempotency,
            answer: &T,
        ) -> StoreResult<()> {
            let answer = serde_json::to_string(answer).map_err(|e| StoreError::Other(e.into()))?;
            sqlx::query("UPDATE idempotency_keys SET answer = $3 WHERE agent_id = $1 AND key = $2")
                .bind(&idem.agent_id)
                .bind(&idem.key)
                .bind(answer)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }

        /// A customer's contact points as agents see them (masked), and the terms the
        /// console's local search matches the customer by.
        async fn contact_points(conn: &mut $conn, customer_id: &str) -> StoreResult<Contacts> {
            let (email,): (String,) = sqlx::query_as($crate::store::queries::CUSTOMER_EMAIL)
                .bind(customer_id)
                .fetch_one(&mut *conn)
                .await?;
            let phones: Vec<(String, String, String, bool)> = sqlx::query_as($crate::store::queries::CUSTOMER_PHONES)
            .bind(customer_id)
            .fetch_all(&mut *conn)
            .await?;
            let recipients: Vec<(String, String, String)> = sqlx::query_as($crate::store::queries::CUSTOMER_RECIPIENTS)
            .bind(customer_id)
            .fetch_all(&mut *conn)
            .await?;
            let key = contact_key(conn).await?;
            Ok(Contacts {
                account: docs::account_contact(customer_id, &email),
                tokens: sportello_protocol::contact::customer_tokens(
                    &key,
                    &email,
                    phones.iter().map(|p| p.2.as_str()),
                ),
                phones: phones
                    .into_iter()
                    .map(|(id, label, number, wrong)| docs::phone_contact(id, label, &number, wrong))
                    .collect(),
                recipients: recipients
                    .into_iter()
                    .map(|(id, name, email)| docs::recipient_contact(id, name, &email))
                    .collect(),
            })
        }

        struct Contacts {
            account: ContactPoint,
            phones: Vec<ContactPoint>,
            recipients: Vec<ContactPoint>,
            /// Keyed hashes of the whole contacts (rule 5.2).
            tokens: Vec<String>,
        }

        /// The deployment's contact-hash key, made by `migrate`.
        async fn contact_key(conn: &mut $conn) -> StoreResult<sportello_protocol::contact::ContactKey> {
            let (value,): (Vec<u8>,) = sqlx::query_as($crate::store::queries::CONTACT_KEY)
                .fetch_one(&mut *conn)
                .await?;
            value
                .try_into()
                .map_err(|_| corrupt("contact key", "not 32 bytes"))
        }

        async fn render_customer(conn: &mut $conn, id: &str) -> StoreResult<Option<Customer>> {
            let row: Option<(String, String, String)> =
                sqlx::query_as("SELECT id, name, language FROM customers WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            let Some((id, name, language)) = row else {
                return Ok(None);
            };
            let contacts = contact_points(conn, &id).await?;
            Ok(Some(Customer {
                id,
                name,
                language,
                email: contacts.account,
                phones: contacts.phones,
                contact_tokens: contacts.tokens,
                trusted_recipients: contacts.recipients,
            }))
        }

        async fn render_order(conn: &mut $conn, id: &str) -> StoreResult<Option<Order>> {
            let row: Option<(String, String, DateTime<Utc>, i64, String)> = sqlx::query_as(
                "SELECT id, customer_id, placed_at, total_cents, currency FROM orders WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some((id, customer_id, placed_at, total_cents, currency)) = row else {
                return Ok(None);
            };
            let items: Vec<(String, i64, i64, bool)> = sqlx::query_as(
                "SELECT title, quantity, price_cents, frequently_returned FROM order_items
                  WHERE order_id = $1 ORDER BY position",
            )
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            let shipment_ids: Vec<(String,)> =
                sqlx::query_as("SELECT id FROM shipments WHERE order_id = $1 ORDER BY id")
                    .bind(&id)
                    .fetch_all(&mut *conn)
                    .await?;
            Ok(Some(Order {
                id,
                customer_id,
                placed_at,
                items: items
                    .into_iter()
                    .map(|(title, quantity, price, frequently_returned)| OrderItem {
                        title,
                        quantity: quantity as u32,
                        price: money(price),
                        frequently_returned,
                    })
                    .collect(),
                total: money(total_cents),
                currency,
                shipment_ids: shipment_ids.into_iter().map(|(s,)| s).collect(),
            }))
        }

        type ShipmentDbRow = (
            String,
            String,
            String,
            String,
            String,
            NaiveDate,
            String,
            String,
        );
        type PasswordDbRow = (
            i64,
            String,
            DateTime<Utc>,
            DateTime<Utc>,
            NaiveDate,
            i64,
            i64,
            i64,
        );

        async fn render_shipment(
            conn: &mut $conn,
            id: &str,
            now: DateTime<Utc>,
        ) -> StoreResult<Option<Shipment>> {
            let row: Option<ShipmentDbRow> = sqlx::query_as($crate::store::queries::SHIPMENT_ROW)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some((
                id,
                order_id,
                carrier,
                tracking_number,
                status,
                delivery_date,
                delivery_tz,
                customer_id,
            )) = row
            else {
                return Ok(None);
            };
            let events: Vec<(DateTime<Utc>, String, Option<String>)> = sqlx::query_as($crate::store::queries::SHIPMENT_EVENTS)
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            let password: Option<PasswordDbRow> = sqlx::query_as($crate::store::queries::SHIPMENT_PASSWORD)
            .bind(&id)
            .fetch_optional(&mut *conn)
            .await?;
            let Contacts { account, recipients: trusted, .. } = contact_points(conn, &customer_id).await?;
            let password = password
                .map(
                    |(generation, state, issued_at, expires_at, day, sends, regens, failed)| {
                        let state = sportello_protocol::PasswordState::parse(&state)
                            .ok_or_else(|| corrupt("password state", &state))?;
                        let stored = docs::StoredPassword {
                            generation: generation as u32,
                            state,
                            issued_at,
                            expires_at,
                            counters_day: day,
                            sends_today: sends as u32,
                            regenerations_today: regens as u32,
                            failed_verifications: failed as u32,
                        };
                        docs::password_status(&stored, &delivery_tz, now).map_err(StoreError::Other)
                    },
                )
                .transpose()?;
            Ok(Some(Shipment {
                status: sportello_protocol::ShipmentStatus::parse(&status)
                    .ok_or_else(|| corrupt("shipment status", &status))?,
                id,
                order_id,
                carrier,
                tracking_number,
                delivery_date,
                delivery_tz,
                events: events
                    .into_iter()
                    .map(|(at, kind, location)| {
                        Ok(TrackingEvent {
                            at,
                            kind: sportello_protocol::ShipmentStatus::parse(&kind)
                                .ok_or_else(|| corrupt("tracking event", &kind))?,
                            location,
                        })
                    })
                    .collect::<StoreResult<_>>()?,
                password,
                recipients: std::iter::once(account).chain(trusted).collect(),
            }))
        }

        async fn render_callback(conn: &mut $conn, id: &str) -> StoreResult<Option<Callback>> {
            let row: Option<(String, String, String, DateTime<Utc>, String, String)> = sqlx::query_as(
                "SELECT id, ticket_id, phone_id, due_at, state, note FROM callbacks WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some((id, ticket_id, phone_id, due_at, state, note)) = row else {
                return Ok(None);
            };
            let attempts: Vec<(DateTime<Utc>, String, String, String)> = sqlx::query_as(
                "SELECT at, agent, outcome, note FROM callback_attempts WHERE callback_id = $1 ORDER BY position",
            )
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            Ok(Some(Callback {
                state: sportello_protocol::CallbackState::parse(&state)
                    .ok_or_else(|| corrupt("callback state", &state))?,
                id,
                ticket_id,
                phone_id,
                due_at,
                note,
                attempts: attempts
                    .into_iter()
                    .map(|(at, agent, outcome, note)| {
                        Ok(CallbackAttempt {
                            at,
                            agent,
                            outcome: sportello_protocol::CallbackOutcome::parse(&outcome)
                                .ok_or_else(|| corrupt("callback outcome", &outcome))?,
                            note,
                        })
                    })
                    .collect::<StoreResult<_>>()?,
            }))
        }

        type TicketDbRow = (
            String,
            String,
            Option<String>,
            String,
            String,
            String,
            String,
            Option<String>,
            DateTime<Utc>,
            DateTime<Utc>,
            Option<String>,
            Option<DateTime<Utc>>,
        );

        async fn render_ticket(conn: &mut $conn, id: &str) -> StoreResult<Option<Ticket>> {
            let row: Option<TicketDbRow> = sqlx::query_as(
                "SELECT id, customer_id, order_id, category, channel, status, subject, assignee,
                        created_at, updated_at, resolution, closed_at
                   FROM tickets WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some((
                id,
                customer_id,
                order_id,
                category,
                channel,
                status,
                subject,
                assignee,
                created_at,
                updated_at,
                resolution,
                closed_at,
            )) = row
            else {
                return Ok(None);
            };
            let messages: Vec<(String, String, String, DateTime<Utc>, String)> = sqlx::query_as(
                "SELECT id, kind, author, at, body FROM messages WHERE ticket_id = $1 ORDER BY position",
            )
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            let callback_ids: Vec<(String,)> =
                sqlx::query_as("SELECT id FROM callbacks WHERE ticket_id = $1 ORDER BY due_at, id")
                    .bind(&id)
                    .fetch_all(&mut *conn)
                    .await?;
            let mut callbacks = Vec::with_capacity(callback_ids.len());
            for (cb,) in callback_ids {
                callbacks.extend(render_callback(conn, &cb).await?);
            }
            Ok(Some(Ticket {
                category: sportello_protocol::Category::parse(&category)
                    .ok_or_else(|| corrupt("category", &category))?,
                channel: sportello_protocol::Channel::parse(&channel)
                    .ok_or_else(|| corrupt("channel", &channel))?,
                status: sportello_protocol::TicketStatus::parse(&status)
                    .ok_or_else(|| corrupt("ticket status", &status))?,
                id,
                customer_id,
                order_id,
                subject,
                assignee,
                created_at,
                updated_at,
                resolution,
                closed_at,
                messages: messages
                    .into_iter()
                    .map(|(id, kind, author, at, body)| {
                        Ok(Message {
                            kind: sportello_protocol::MessageKind::parse(&kind)
                                .ok_or_else(|| corrupt("message kind", &kind))?,
                            id,
                            author,
                            at,
                            body,
                        })
                    })
                    .collect::<StoreResult<_>>()?,
                callbacks,
            }))
        }
    };
}

pub(crate) use sql_store;
