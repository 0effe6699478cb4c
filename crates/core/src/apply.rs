//! Applying a sync page to the cache in bulk. A page of a thousand changes becomes a handful
//! of statements: each table's rows go in as one JSON array (`INSERT … SELECT … FROM
//! json_each(?)`), and the search rows of every ticket the page touched are rebuilt together
//! (see [`crate::search::reindex`]). The caller runs it in the page's transaction, with the
//! cursor.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use sportello_protocol::{
    Callback, CallbackState, Customer, EntityKind, Shipment, SyncPage, Ticket,
};
use sqlx::SqliteConnection;

use crate::cache::{cache_error, json};
use crate::types::ConsoleError;

/// A ticket with its document as stored.
pub(crate) struct TicketDoc {
    pub ticket: Ticket,
    pub data: String,
}

/// Applies every change of `page` (the cursor is the caller's).
pub(crate) async fn apply_page(
    conn: &mut SqliteConnection,
    page: &SyncPage,
) -> Result<(), ConsoleError> {
    // The feed holds one change per entity; should a page carry two, the later one wins.
    let mut last: HashMap<(EntityKind, &str), usize> = HashMap::new();
    for (i, change) in page.changes.iter().enumerate() {
        last.insert((change.kind, change.id.as_str()), i);
    }
    let mut customers = Vec::new();
    let mut orders = Vec::new();
    let mut shipments = Vec::new();
    let mut tickets = Vec::new();
    let mut callbacks = Vec::new();
    let mut deleted: HashMap<EntityKind, Vec<&str>> = HashMap::new();
    for (i, change) in page.changes.iter().enumerate() {
        if last.get(&(change.kind, change.id.as_str())) != Some(&i) {
            continue;
        }
        if change.deleted {
            deleted.entry(change.kind).or_default().push(&change.id);
            continue;
        }
        let data = change.data.to_string();
        match change.kind {
            EntityKind::Customer => customers.push((decode::<Customer>(&change.data)?, data)),
            EntityKind::Order => orders.push((change.id.as_str(), data)),
            EntityKind::Shipment => shipments.push((decode::<Shipment>(&change.data)?, data)),
            EntityKind::Ticket => tickets.push(TicketDoc {
                ticket: decode(&change.data)?,
                data,
            }),
            EntityKind::Callback => callbacks.push((decode::<Callback>(&change.data)?, data)),
        }
    }

    // Orders whose shipments bring a tracking number the cache has not seen: their tickets
    // become findable by it.
    let known: HashMap<String, String> = if shipments.is_empty() {
        HashMap::new()
    } else {
        sqlx::query_as(
            "SELECT id, tracking_number FROM shipments
              WHERE id IN (SELECT value FROM json_each(?))",
        )
        .bind(json_array(shipments.iter().map(|(s, _)| &s.id))?)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect()
    };
    let new_tracking: HashSet<&str> = shipments
        .iter()
        .filter(|(s, _)| known.get(&s.id) != Some(&s.tracking_number))
        .map(|(s, _)| s.order_id.as_str())
        .collect();

    bulk(
        conn,
        "INSERT OR REPLACE INTO customers (id, name, data)
         SELECT value->>0, value->>1, value->>2 FROM json_each(?)",
        json_array(customers.iter().map(|(c, d)| (&c.id, &c.name, d)))?,
    )
    .await?;
    bulk(
        conn,
        "INSERT OR REPLACE INTO orders (id, data)
         SELECT value->>0, value->>1 FROM json_each(?)",
        json_array(orders.iter())?,
    )
    .await?;
    bulk(
        conn,
        "INSERT OR REPLACE INTO shipments (id, order_id, tracking_number, data)
         SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?)",
        json_array(
            shipments
                .iter()
                .map(|(s, d)| (&s.id, &s.order_id, &s.tracking_number, d)),
        )?,
    )
    .await?;
    put_tickets(conn, &tickets).await?;
    bulk(
        conn,
        "INSERT OR REPLACE INTO callbacks (id, ticket_id, data)
         SELECT value->>0, value->>1, value->>2 FROM json_each(?)",
        json_array(callbacks.iter().map(|(c, d)| (&c.id, &c.ticket_id, d)))?,
    )
    .await?;

    // Cached tickets of a changed customer or of an order with a new tracking number, which
    // the page itself does not carry, get new search rows.
    let changed_customers: Vec<&str> = customers.iter().map(|(c, _)| c.id.as_str()).collect();
    if !changed_customers.is_empty() || !new_tracking.is_empty() {
        let in_page: Vec<&str> = tickets.iter().map(|t| t.ticket.id.as_str()).collect();
        let others: Vec<String> = sqlx::query_scalar(
            "SELECT data FROM tickets
              WHERE (customer_id IN (SELECT value FROM json_each(?1))
                     OR order_id IN (SELECT value FROM json_each(?2)))
                AND id NOT IN (SELECT value FROM json_each(?3))",
        )
        .bind(json_array(&changed_customers)?)
        .bind(json_array(&new_tracking)?)
        .bind(json_array(&in_page)?)
        .fetch_all(&mut *conn)
        .await?;
        let others = others
            .iter()
            .map(|d| json::<Ticket>(d))
            .collect::<Result<Vec<_>, _>>()?;
        crate::search::forget(conn, &json_array(others.iter().map(|t| &t.id))?).await?;
        crate::search::reindex(conn, &others.iter().collect::<Vec<_>>()).await?;
    }

    for (kind, ids) in &deleted {
        let ids = json_array(ids)?;
        if *kind == EntityKind::Ticket {
            crate::search::forget(conn, &ids).await?;
        }
        let table = match kind {
            EntityKind::Customer => "customers",
            EntityKind::Order => "orders",
            EntityKind::Shipment => "shipments",
            EntityKind::Ticket => "tickets",
            EntityKind::Callback => "callbacks",
        };
        let sql = format!("DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(ids)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Writes tickets with the columns the queue sorts and filters on, and their search rows.
/// A written ticket gets the next `seq`: the queue's "recently changed" order.
pub(crate) async fn put_tickets(
    conn: &mut SqliteConnection,
    tickets: &[TicketDoc],
) -> Result<(), ConsoleError> {
    if tickets.is_empty() {
        return Ok(());
    }
    let ids = json_array(tickets.iter().map(|t| &t.ticket.id))?;
    crate::search::forget(conn, &ids).await?;
    bulk(
        conn,
        "INSERT OR REPLACE INTO tickets (id, customer_id, order_id, subject, category, channel,
            status, created_at, updated_at, callback_due_at, data)
         SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6,
                value->>7, value->>8, value->>9, value->>10
           FROM json_each(?)",
        json_array(tickets.iter().map(|doc| {
            let t = &doc.ticket;
            let due = t
                .callbacks
                .iter()
                .filter(|c| c.state == CallbackState::Scheduled)
                .map(|c| c.due_at)
                .min();
            (
                &t.id,
                &t.customer_id,
                &t.order_id,
                &t.subject,
                t.category.as_str(),
                t.channel.as_str(),
                t.status.as_str(),
                t.created_at.to_rfc3339(),
                t.updated_at.to_rfc3339(),
                due.map(|d| d.to_rfc3339()),
                &doc.data,
            )
        }))?,
    )
    .await?;
    let tickets: Vec<&Ticket> = tickets.iter().map(|t| &t.ticket).collect();
    crate::search::reindex(conn, &tickets).await
}

/// Runs `sql` once with `rows` (a JSON array) as its one parameter; nothing when it is empty.
async fn bulk(
    conn: &mut SqliteConnection,
    sql: &'static str,
    rows: String,
) -> Result<(), ConsoleError> {
    if rows == "[]" {
        return Ok(());
    }
    sqlx::query(sql).bind(rows).execute(&mut *conn).await?;
    Ok(())
}

/// Items as one JSON array, for `json_each`.
pub(crate) fn json_array<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
) -> Result<String, ConsoleError> {
    let items: Vec<T> = items.into_iter().collect();
    serde_json::to_string(&items).map_err(cache_error)
}

fn decode<'a, T: Deserialize<'a>>(value: &'a serde_json::Value) -> Result<T, ConsoleError> {
    T::deserialize(value).map_err(cache_error)
}
