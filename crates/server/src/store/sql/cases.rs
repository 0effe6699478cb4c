//! The SQL of `cases`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

#[async_trait]
impl crate::store::Cases for Engine {
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
        let message_id = format!("{ticket_id}-M{}", position + 1);
        // A reply on a social ticket goes to its network's connector through the feed (rule
        // 8.5); an internal note never leaves.
        if message.kind == sportello_protocol::MessageKind::Reply
            && ticket.channel == sportello_protocol::Channel::Social
        {
            super::social::publish_social_reply(&mut tx, ticket_id, &message, &message_id).await?;
        }
        // A reply on an e-mail ticket is mailed at once, through the outbox, so exactly once
        // (rule 8.3).
        if message.kind == sportello_protocol::MessageKind::Reply
            && ticket.channel == sportello_protocol::Channel::Email
        {
            sqlx::query(
                "INSERT INTO mail_outbox (created_at, kind, recipient_id, next_attempt_at,
                                          ticket_id, params)
                 VALUES ($1, $2, $3, $1, $4, $5)",
            )
            .bind(message.at)
            .bind(crate::store::REPLY_MAIL)
            .bind(&ticket.customer_id)
            .bind(ticket_id)
            .bind(&message_id)
            .execute(&mut *tx)
            .await?;
        }
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
                    "phone {:?} is not on file for the customer of ticket {ticket_id}: \
                        pick one of the customer's phones",
                    callback.phone_id
                )))
            }
            Some((true,)) => {
                return Err(StoreError::Conflict {
                    kind: sportello_protocol::problem::types::WRONG_NUMBER,
                    detail: format!(
                        "phone {} was found to be a wrong number: pick another number on \
                            file",
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
        let id = insert_callback(
            &mut tx,
            ticket_id,
            &callback.phone_id,
            callback.due_at,
            &callback.note,
        )
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
        let record = crate::callback::Record {
            state: CallbackState::parse(&state).ok_or_else(|| corrupt("callback state", &state))?,
            attempts: attempts as u32,
            last_attempt_at,
        };
        use crate::store::cases::attempt_refused;
        let effect = record
            .attempt(attempt.outcome, attempt.at)
            .map_err(|refusal| attempt_refused(callback_id, refusal, attempt.at))?;
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
            "UPDATE callbacks SET state = $2, due_at = coalesce($3, due_at)
              WHERE id = $1",
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
            sqlx::query(
                "UPDATE tickets SET status = 'open'
                  WHERE id = $1 AND status = 'new'",
            )
            .bind(&ticket_id)
            .execute(&mut *tx)
            .await?;
        }
        if effect.flag_phone {
            let (customer_id,): (String,) = sqlx::query_as(
                "UPDATE customer_phones SET wrong_number = $2
                  WHERE id = $1 RETURNING customer_id",
            )
            .bind(&phone_id)
            .bind(true)
            .fetch_one(&mut *tx)
            .await?;
            let customer = render_customer(&mut tx, &customer_id).await?;
            record_change(&mut tx, EntityKind::Customer, &customer_id, &customer).await?;
        }
        let changed = [callback_id.to_string()];
        let ticket = publish_ticket(&mut tx, &ticket_id, &changed).await?;
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
        // A customer made from a social handle has no address: nothing to mail.
        sqlx::query(
            "INSERT INTO mail_outbox (created_at, kind, ticket_id, recipient_id,
                next_attempt_at)
             SELECT $1, $2, $3, $4, $1 FROM customers WHERE id = $5 AND email <> ''",
        )
        .bind(at)
        .bind(crate::store::SUMMARY_MAIL)
        .bind(ticket_id)
        .bind(docs::account_contact(&customer_id.0, "").id)
        .bind(&customer_id.0)
        .execute(&mut *tx)
        .await?;
        let cancelled: Vec<String> = cancelled.into_iter().map(|(id,)| id).collect();
        let ticket = publish_ticket(&mut tx, ticket_id, &cancelled).await?;
        done(tx, idem, ticket).await
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
            return Err(StoreError::NotFound(format!(
                "no callback with id {callback_id:?}"
            )));
        };
        if state != sportello_protocol::CallbackState::Scheduled.as_str() {
            return Err(StoreError::Conflict {
                kind: sportello_protocol::problem::types::CALLBACK_FINISHED,
                detail: format!(
                    "callback {callback_id} is {state}: its number is shown only while \
                        the callback is being worked"
                ),
            });
        }
        let masked = crate::mask::phone(&number);
        sqlx::query(
            "INSERT INTO contact_reveals (at, actor_id, actor_username, actor_name,
                callback_id, ticket_id, phone_id, masked)
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
        Ok(Revealed {
            phone_id,
            number,
            masked,
        })
    }
}

/// Takes an open ticket's row lock (PostgreSQL) and marks it worked at `at` (a new
/// ticket becomes open): not found, or a conflict when it is closed and so takes no
/// more `what`.
pub(super) async fn lock_open_ticket(
    conn: &mut Conn,
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
    Err(not_open(conn, ticket_id, what).await?)
}

/// Schedules a callback on a ticket (whose row the caller has locked) to a phone already
/// checked; its id, the ticket's next `-C` number.
pub(super) async fn insert_callback(
    conn: &mut Conn,
    ticket_id: &str,
    phone_id: &str,
    due_at: DateTime<Utc>,
    note: &str,
) -> StoreResult<String> {
    let (count,): (i64,) = sqlx::query_as("SELECT count(*) FROM callbacks WHERE ticket_id = $1")
        .bind(ticket_id)
        .fetch_one(&mut *conn)
        .await?;
    let id = format!("{ticket_id}-C{}", count + 1);
    sqlx::query(
        "INSERT INTO callbacks (id, ticket_id, phone_id, due_at, state, note)
         VALUES ($1, $2, $3, $4, 'scheduled', $5)",
    )
    .bind(&id)
    .bind(ticket_id)
    .bind(phone_id)
    .bind(due_at)
    .bind(note)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Why a ticket could not be written to: there is none, or it is closed.
pub(super) async fn not_open(
    conn: &mut Conn,
    ticket_id: &str,
    what: &str,
) -> StoreResult<StoreError> {
    let exists: Option<(String,)> = sqlx::query_as("SELECT status FROM tickets WHERE id = $1")
        .bind(ticket_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match exists {
        None => StoreError::NotFound(format!("no ticket with id {ticket_id:?}")),
        Some(_) => StoreError::Conflict {
            kind: sportello_protocol::problem::types::TICKET_CLOSED,
            detail: format!("ticket {ticket_id} is closed: it takes no new {what}"),
        },
    })
}
