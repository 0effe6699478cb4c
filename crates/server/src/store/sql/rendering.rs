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
    let shipment = render_shipment(conn, shipment_id, now, View::Agents).await?;
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

/// Where a shipment's code may be sent: the customer's account e-mail and trusted recipients
/// (masked). A shipment needs neither the phones nor the search tokens.
async fn shipment_contacts(
    conn: &mut Conn,
    customer_id: &str,
) -> StoreResult<(ContactPoint, Vec<ContactPoint>)> {
    let (email, recipients) = email_and_recipients(conn, customer_id).await?;
    Ok((docs::account_contact(customer_id, &email), recipients))
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
    let recipients: Vec<(String, String, String)> =
        sqlx::query_as(crate::store::queries::CUSTOMER_RECIPIENTS)
            .bind(customer_id)
            .fetch_all(&mut *conn)
            .await?;
    let recipients = recipients
        .into_iter()
        .map(|(id, name, email)| docs::recipient_contact(id, name, &email))
        .collect();
    Ok((email, recipients))
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
    let shipment_ids: Vec<(String,)> = sqlx::query_as(crate::store::queries::ORDER_SHIPMENTS)
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

pub(super) type ShipmentDbRow = (
    String,
    String,
    String,
    String,
    String,
    NaiveDate,
    String,
    String,
);

pub(super) type PasswordDbRow = (
    i64,
    String,
    DateTime<Utc>,
    DateTime<Utc>,
    NaiveDate,
    i64,
    i64,
    i64,
);

/// Who a shipment is rendered for: agents (and the feed) see its password's history, who
/// sent it where and why; its customer's page does not, and does not read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum View {
    Agents,
    Customer,
}

pub(super) async fn render_shipment(
    conn: &mut Conn,
    id: &str,
    now: DateTime<Utc>,
    view: View,
) -> StoreResult<Option<Shipment>> {
    let row: Option<ShipmentDbRow> = sqlx::query_as(crate::store::queries::SHIPMENT_ROW)
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
    let events: Vec<(DateTime<Utc>, String, Option<String>)> =
        sqlx::query_as(crate::store::queries::SHIPMENT_EVENTS)
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
    let password: Option<PasswordDbRow> = sqlx::query_as(crate::store::queries::SHIPMENT_PASSWORD)
        .bind(&id)
        .fetch_optional(&mut *conn)
        .await?;
    let (account, trusted) = shipment_contacts(conn, &customer_id).await?;
    let history = if password.is_some() && view == View::Agents {
        password_history(conn, &id).await?
    } else {
        Vec::new()
    };
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
                    history,
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
