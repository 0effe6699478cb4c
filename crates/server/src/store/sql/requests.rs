//! The SQL of `requests`, written once for both engines: this file is compiled into each
//! engine's module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn`
//! name its store and connection and `begin_write`, `record_change` and the feed's reads are
//! its own.

use super::*;

#[async_trait]
impl crate::store::Requests for Engine {
    async fn customer_phones(&self, customer_id: &str) -> StoreResult<Vec<ContactPoint>> {
        let rows: Vec<(String, String, String, bool)> =
            sqlx::query_as(crate::store::queries::CUSTOMER_PHONES)
                .bind(customer_id)
                .fetch_all(&self.pool)
                .await?;
        Ok(rows
            .into_iter()
            .map(|(id, label, number, wrong)| docs::phone_contact(id, label, &number, wrong))
            .collect())
    }

    async fn customer_zone(&self, customer_id: &str) -> StoreResult<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT s.delivery_tz FROM shipments s JOIN orders o ON o.id = s.order_id
              WHERE o.customer_id = $1 ORDER BY o.placed_at DESC, s.id DESC LIMIT 1",
        )
        .bind(customer_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(tz,)| tz))
    }

    async fn open_request(&self, r: NewRequest<'_>) -> StoreResult<Ticket> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        let customer: Option<(String,)> =
            sqlx::query_as("SELECT name FROM customers WHERE id = $1")
                .bind(r.customer_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((author,)) = customer else {
            return Err(StoreError::NotFound(format!("customer {}", r.customer_id)));
        };
        if let Some(order_id) = r.order_id {
            let theirs: Option<(String,)> =
                sqlx::query_as("SELECT id FROM orders WHERE id = $1 AND customer_id = $2")
                    .bind(order_id)
                    .bind(r.customer_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if theirs.is_none() {
                return Err(StoreError::Invalid(format!(
                    "order {order_id:?} is not yours"
                )));
            }
        }
        let id = insert_ticket(
            &mut tx,
            r.customer_id,
            r.order_id,
            r.category,
            r.channel,
            r.subject,
            r.now,
        )
        .await?;
        append_customer_message(&mut tx, &id, &author, r.note, r.now).await?;
        let mut callbacks = Vec::new();
        if let Some((phone_id, due_at)) = r.callback {
            let note = "asked for by the customer";
            callbacks.push(schedule(&mut tx, r.customer_id, &id, phone_id, due_at, note).await?);
        }
        let ticket = publish_ticket(&mut tx, &id, &callbacks).await?;
        tx.commit().await?;
        Ok(ticket)
    }

    async fn customer_tickets(&self, customer_id: &str) -> StoreResult<Vec<Ticket>> {
        let mut conn = self.pool.acquire().await?;
        let ids: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM tickets WHERE customer_id = $1 ORDER BY created_at DESC, id DESC",
        )
        .bind(customer_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut tickets = Vec::with_capacity(ids.len());
        for (id,) in ids {
            tickets.push(
                render_ticket(&mut conn, &id)
                    .await?
                    .ok_or_else(|| corrupt("ticket", &id))?,
            );
        }
        Ok(tickets)
    }

    async fn customer_ticket(&self, customer_id: &str, ticket_id: &str) -> StoreResult<Ticket> {
        render_ticket(&mut *self.pool.acquire().await?, ticket_id)
            .await?
            .filter(|t| t.customer_id == customer_id)
            .ok_or_else(|| StoreError::NotFound(format!("ticket {ticket_id}")))
    }

    async fn customer_answer(
        &self,
        customer_id: &str,
        ticket_id: &str,
        author: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Ticket> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        let owner: Option<(String,)> =
            sqlx::query_as("SELECT customer_id FROM tickets WHERE id = $1")
                .bind(ticket_id)
                .fetch_optional(&mut *tx)
                .await?;
        if owner.map(|(o,)| o).as_deref() != Some(customer_id) {
            return Err(StoreError::NotFound(format!("ticket {ticket_id}")));
        }
        answer_on(&mut tx, ticket_id, author, body, now).await?;
        let ticket = publish_ticket(&mut tx, ticket_id, &[]).await?;
        tx.commit().await?;
        Ok(ticket)
    }

    async fn switch_chat(
        &self,
        customer_id: &str,
        ticket_id: &str,
        callback: Option<(&str, DateTime<Utc>)>,
        now: DateTime<Utc>,
    ) -> StoreResult<Ticket> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = begin_write(&mut conn).await?;
        let row: Option<(String, String, String)> =
            sqlx::query_as("SELECT customer_id, channel, status FROM tickets WHERE id = $1")
                .bind(ticket_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((_, channel, status)) = row.filter(|(o, _, _)| o == customer_id) else {
            return Err(StoreError::NotFound(format!("ticket {ticket_id}")));
        };
        if channel != sportello_protocol::Channel::LiveChat.as_str() || status != "new" {
            return Err(StoreError::Conflict {
                kind: sportello_protocol::problem::types::TICKET_CLOSED,
                detail: format!("ticket {ticket_id} is no longer a chat waiting for an agent"),
            });
        }
        let channel = match callback {
            Some(_) => sportello_protocol::Channel::PhoneCallback,
            None => sportello_protocol::Channel::Email,
        };
        // The status is checked again under the row's lock (PostgreSQL): an agent who picks
        // the chat up at this moment wins.
        let switched = sqlx::query(
            "UPDATE tickets SET channel = $2, updated_at = $3 WHERE id = $1 AND status = 'new'",
        )
        .bind(ticket_id)
        .bind(channel.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if switched == 0 {
            return Err(StoreError::Conflict {
                kind: sportello_protocol::problem::types::TICKET_CLOSED,
                detail: format!("ticket {ticket_id} was picked up meanwhile"),
            });
        }
        let mut callbacks = Vec::new();
        if let Some((phone_id, due_at)) = callback {
            let note = "asked for by the customer instead of the chat";
            callbacks
                .push(schedule(&mut tx, customer_id, ticket_id, phone_id, due_at, note).await?);
        }
        let ticket = publish_ticket(&mut tx, ticket_id, &callbacks).await?;
        tx.commit().await?;
        Ok(ticket)
    }
}

/// Schedules a callback the customer asked for on their ticket, to one of their phones that is
/// not a wrong number (invalid otherwise); its id.
async fn schedule(
    conn: &mut Conn,
    customer_id: &str,
    ticket_id: &str,
    phone_id: &str,
    due_at: DateTime<Utc>,
    note: &str,
) -> StoreResult<String> {
    let phone: Option<(bool,)> = sqlx::query_as(
        "SELECT wrong_number FROM customer_phones WHERE id = $1 AND customer_id = $2",
    )
    .bind(phone_id)
    .bind(customer_id)
    .fetch_optional(&mut *conn)
    .await?;
    if phone != Some((false,)) {
        return Err(StoreError::Invalid(format!(
            "phone {phone_id:?} cannot be called"
        )));
    }
    super::cases::insert_callback(conn, ticket_id, phone_id, due_at, note).await
}

/// Opens a ticket (`new`, no assignee) for a customer; its id.
pub(super) async fn insert_ticket(
    conn: &mut Conn,
    customer_id: &str,
    order_id: Option<&str>,
    category: sportello_protocol::Category,
    channel: sportello_protocol::Channel,
    subject: &str,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let id = format!(
        "T-{}",
        uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase()
    );
    sqlx::query(
        "INSERT INTO tickets (id, customer_id, order_id, category, channel, status, subject,
                              assignee, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'new', $6, NULL, $7, $7)",
    )
    .bind(&id)
    .bind(customer_id)
    .bind(order_id)
    .bind(category.as_str())
    .bind(channel.as_str())
    .bind(subject)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// The customer's answer on an open ticket (a conflict once it is closed): a ticket waiting
/// for the customer is open again. Its message id.
pub(super) async fn answer_on(
    conn: &mut Conn,
    ticket_id: &str,
    author: &str,
    body: &str,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    // The ticket's row lock first (PostgreSQL): positions are numbered one at a time. A
    // request no agent has picked up stays `new`.
    let updated = sqlx::query(
        "UPDATE tickets SET updated_at = $2,
                status = CASE WHEN status = 'pending' THEN 'open' ELSE status END
          WHERE id = $1 AND status <> 'closed'",
    )
    .bind(ticket_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if updated == 0 {
        return Err(super::cases::not_open(conn, ticket_id, "messages").await?);
    }
    append_customer_message(conn, ticket_id, author, body, now).await
}

/// Appends a customer's message to a ticket's conversation (whose row the caller has locked,
/// or just made); its id.
pub(super) async fn append_customer_message(
    conn: &mut Conn,
    ticket_id: &str,
    author: &str,
    body: &str,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let (position,): (i64,) =
        sqlx::query_as("SELECT coalesce(max(position) + 1, 0) FROM messages WHERE ticket_id = $1")
            .bind(ticket_id)
            .fetch_one(&mut *conn)
            .await?;
    let id = format!("{ticket_id}-M{}", position + 1);
    sqlx::query(
        "INSERT INTO messages (id, ticket_id, position, kind, author, at, body)
         VALUES ($1, $2, $3, 'customer', $4, $5, $6)",
    )
    .bind(&id)
    .bind(ticket_id)
    .bind(position)
    .bind(author)
    .bind(now)
    .bind(body)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}
