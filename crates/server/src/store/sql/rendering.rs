//! The SQL of `rendering`, written once for both engines: this file is compiled into each engine's
//! module (`sqlite.rs`, `postgres.rs`) through `sql/mod.rs`, where `Engine` and `Conn` name its store and connection
//! and `begin_write`, `record_change` and the feed's reads are its own.

use super::*;

/// Renders a shipment as it now stands into the feed, and returns it.
pub(super) async fn publish_shipment(
    conn: &mut Conn,
    shipment_id: &str,
    now: DateTime<Utc>,
) -> StoreResult<Shipment> {
    let shipment = render_shipment(conn, shipment_id, now).await?;
    record_change(conn, EntityKind::Shipment, shipment_id, &shipment).await?;
    shipment.ok_or_else(|| corrupt("shipment", shipment_id))
}

/// Renders a ticket as it now stands into the feed, with the callbacks named (which
/// changed), and returns it.
pub(super) async fn publish_ticket(
    conn: &mut Conn,
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

/// A customer's contact points as agents see them (masked), and the terms the
/// console's local search matches the customer by.
pub(super) async fn contact_points(conn: &mut Conn, customer_id: &str) -> StoreResult<Contacts> {
    let (email, recipients) = email_and_recipients(conn, customer_id).await?;
    let phones: Vec<(String, String, String, bool)> =
        sqlx::query_as(crate::store::queries::CUSTOMER_PHONES)
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
        recipients,
    })
}

/// A customer's trusted recipients (masked): where, besides the account e-mail, a shipment's
/// code may be sent. A shipment needs neither the phones nor the search tokens.
async fn trusted_recipients(conn: &mut Conn, customer_id: &str) -> StoreResult<Vec<ContactPoint>> {
    let recipients: Vec<(String, String, String)> =
        sqlx::query_as(crate::store::queries::CUSTOMER_RECIPIENTS)
            .bind(customer_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(recipients
        .into_iter()
        .map(|(id, name, email)| docs::recipient_contact(id, name, &email))
        .collect())
}

/// The customer's whole account e-mail and their trusted recipients (masked).
async fn email_and_recipients(
    conn: &mut Conn,
    customer_id: &str,
) -> StoreResult<(String, Vec<ContactPoint>)> {
    let (email,): (String,) = sqlx::query_as(crate::store::queries::CUSTOMER_EMAIL)
        .bind(customer_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok((email, trusted_recipients(conn, customer_id).await?))
}

pub(super) struct Contacts {
    pub(super) account: ContactPoint,
    pub(super) phones: Vec<ContactPoint>,
    pub(super) recipients: Vec<ContactPoint>,
    /// Keyed hashes of the whole contacts (rule 5.2).
    pub(super) tokens: Vec<String>,
}

/// The deployment's contact-hash key, made by `migrate`.
pub(super) async fn contact_key(
    conn: &mut Conn,
) -> StoreResult<sportello_protocol::contact::ContactKey> {
    let (value,): (Vec<u8>,) = sqlx::query_as(crate::store::queries::CONTACT_KEY)
        .fetch_one(&mut *conn)
        .await?;
    value
        .try_into()
        .map_err(|_| corrupt("contact key", "not 32 bytes"))
}

pub(super) async fn render_customer(conn: &mut Conn, id: &str) -> StoreResult<Option<Customer>> {
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

pub(super) async fn render_order(conn: &mut Conn, id: &str) -> StoreResult<Option<Order>> {
    let Some(mut order) = order_and_items(conn, id).await? else {
        return Ok(None);
    };
    let shipment_ids: Vec<(String,)> = sqlx::query_as(crate::store::queries::ORDER_SHIPMENTS)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    order.shipment_ids = shipment_ids.into_iter().map(|(s,)| s).collect();
    Ok(Some(order))
}

/// Order `id` with its items; its shipments' ids are left for the caller to fill.
async fn order_and_items(conn: &mut Conn, id: &str) -> StoreResult<Option<Order>> {
    let row: Option<(String, String, DateTime<Utc>, i64, String)> =
        sqlx::query_as(crate::store::queries::ORDER_ROW)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((id, customer_id, placed_at, total_cents, currency)) = row else {
        return Ok(None);
    };
    let items: Vec<(String, i64, i64, bool)> = sqlx::query_as(crate::store::queries::ORDER_ITEMS)
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
        shipment_ids: Vec::new(),
    }))
}

/// Customer `customer_id`'s order `id` with its shipments as the customer's page shows them:
/// the order, its items, its shipments with their passwords' status in one statement, each
/// shipment's tracking events (a key range each: one statement for all would need statistics
/// PostgreSQL lacks after a bulk load to avoid scanning every event) and the trusted
/// recipients once. `None` when there is no such order or it is another customer's.
pub(super) async fn render_customer_order(
    conn: &mut Conn,
    customer_id: &str,
    id: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<(Order, Vec<Shipment>)>> {
    let Some(mut order) = order_and_items(conn, id)
        .await?
        .filter(|o| o.customer_id == customer_id)
    else {
        return Ok(None);
    };
    let rows: Vec<ShipmentRecord> = sqlx::query_as(crate::store::queries::ORDER_SHIPMENT_ROWS)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    let trusted = if rows.is_empty() {
        Vec::new()
    } else {
        trusted_recipients(conn, customer_id).await?
    };
    order.shipment_ids = rows.iter().map(|r| r.id.clone()).collect();
    let mut shipments = Vec::with_capacity(rows.len());
    for row in rows {
        let events = sqlx::query_as(crate::store::queries::SHIPMENT_EVENTS)
            .bind(&row.id)
            .fetch_all(&mut *conn)
            .await?;
        shipments.push(shipment_document(
            row,
            events,
            Vec::new(),
            trusted.clone(),
            now,
        )?);
    }
    Ok(Some((order, shipments)))
}

/// A shipment's row as [`crate::store::queries::SHIPMENT_ROW`] reads it: the shipment, its
/// customer's account e-mail and its password's status (`None`s when it has no password).
#[derive(sqlx::FromRow)]
pub(super) struct ShipmentRecord {
    id: String,
    order_id: String,
    carrier: String,
    tracking_number: String,
    status: String,
    delivery_date: NaiveDate,
    delivery_tz: String,
    customer_id: String,
    email: String,
    generation: Option<i64>,
    state: Option<String>,
    issued_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
    counters_day: Option<NaiveDate>,
    sends_today: Option<i64>,
    regenerations_today: Option<i64>,
    failed_verifications: Option<i64>,
}

/// Shipment `id` as agents (and the feed) see it, with its password's history: who sent it
/// where and why. Its customer's page reads none of that ([`render_customer_order`]).
pub(super) async fn render_shipment(
    conn: &mut Conn,
    id: &str,
    now: DateTime<Utc>,
) -> StoreResult<Option<Shipment>> {
    let row: Option<ShipmentRecord> = sqlx::query_as(crate::store::queries::SHIPMENT_ROW)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let events: Vec<(DateTime<Utc>, String, Option<String>)> =
        sqlx::query_as(crate::store::queries::SHIPMENT_EVENTS)
            .bind(&row.id)
            .fetch_all(&mut *conn)
            .await?;
    let trusted = trusted_recipients(conn, &row.customer_id).await?;
    let history = if row.generation.is_some() {
        password_history(conn, &row.id).await?
    } else {
        Vec::new()
    };
    shipment_document(row, events, history, trusted, now).map(Some)
}

/// A shipment's document from what was read of it: its row, its tracking events in order,
/// its password's history (agents' view only) and its customer's trusted recipients.
fn shipment_document(
    row: ShipmentRecord,
    events: Vec<(DateTime<Utc>, String, Option<String>)>,
    history: Vec<sportello_protocol::PasswordEvent>,
    trusted: Vec<ContactPoint>,
    now: DateTime<Utc>,
) -> StoreResult<Shipment> {
    let password = match (
        row.generation,
        row.state,
        row.issued_at,
        row.expires_at,
        row.counters_day,
    ) {
        (Some(generation), Some(state), Some(issued_at), Some(expires_at), Some(day)) => {
            let state = sportello_protocol::PasswordState::parse(&state)
                .ok_or_else(|| corrupt("password state", &state))?;
            let stored = docs::StoredPassword {
                generation: generation as u32,
                state,
                issued_at,
                expires_at,
                counters_day: day,
                sends_today: row.sends_today.unwrap_or(0) as u32,
                regenerations_today: row.regenerations_today.unwrap_or(0) as u32,
                failed_verifications: row.failed_verifications.unwrap_or(0) as u32,
                history,
            };
            Some(docs::password_status(&stored, &row.delivery_tz, now).map_err(StoreError::Other)?)
        }
        (None, ..) => None,
        _ => return Err(corrupt("delivery password", &row.id)),
    };
    let account = docs::account_contact(&row.customer_id, &row.email);
    Ok(Shipment {
        status: sportello_protocol::ShipmentStatus::parse(&row.status)
            .ok_or_else(|| corrupt("shipment status", &row.status))?,
        id: row.id,
        order_id: row.order_id,
        carrier: row.carrier,
        tracking_number: row.tracking_number,
        delivery_date: row.delivery_date,
        delivery_tz: row.delivery_tz,
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
    })
}

pub(super) async fn render_callback(conn: &mut Conn, id: &str) -> StoreResult<Option<Callback>> {
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
        "SELECT at, agent, outcome, note FROM callback_attempts WHERE callback_id = $1
            ORDER BY position",
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

pub(super) type TicketDbRow = (
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

pub(super) async fn render_ticket(conn: &mut Conn, id: &str) -> StoreResult<Option<Ticket>> {
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
        "SELECT id, kind, author, at, body FROM messages WHERE ticket_id = $1 ORDER BY
            position",
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
