//! Applying a sync page to the cache in bulk. The page arrives with its documents as raw
//! JSON text ([`RawSyncPage`]): they are stored as they came, and only the fields the cache
//! keeps in columns are decoded. Each table's rows go in a few hundred at a time, every value
//! a bound parameter of one multi-row `INSERT`, and the search rows of every ticket the page
//! touched are rebuilt together (see [`crate::search::reindex`]). The caller runs it in the
//! batch's transaction, with the cursor.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use sportello_protocol::{CallbackState, EntityKind, RawSyncPage, Ticket};
use sqlx::SqliteConnection;

use crate::cache::{cache_error, json};
use crate::types::ConsoleError;

/// A ticket with its document as stored.
pub(crate) struct TicketDoc<'a> {
    pub ticket: &'a Ticket,
    pub data: &'a str,
}

/// The fields of a customer the cache keeps in columns; the document is stored as it came.
#[derive(Deserialize)]
struct CustomerFields {
    name: String,
}

#[derive(Deserialize)]
struct ShipmentFields {
    order_id: String,
    tracking_number: String,
}

#[derive(Deserialize)]
struct CallbackFields {
    ticket_id: String,
}

/// A sync page with the column fields of its documents decoded, ready to be written. The sync
/// decodes a page on a thread of its own while the page before it is written.
pub struct DecodedPage {
    pub page: RawSyncPage,
    // Each with the index of its change in the page.
    customers: Vec<(usize, CustomerFields)>,
    orders: Vec<usize>,
    shipments: Vec<(usize, ShipmentFields)>,
    tickets: Vec<(usize, Ticket)>,
    callbacks: Vec<(usize, CallbackFields)>,
    deleted: HashMap<EntityKind, Vec<usize>>,
}

impl DecodedPage {
    pub fn new(page: RawSyncPage) -> Result<DecodedPage, ConsoleError> {
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
        let mut deleted: HashMap<EntityKind, Vec<usize>> = HashMap::new();
        for (i, change) in page.changes.iter().enumerate() {
            if last.get(&(change.kind, change.id.as_str())) != Some(&i) {
                continue;
            }
            if change.deleted {
                deleted.entry(change.kind).or_default().push(i);
                continue;
            }
            let data = change.data.get();
            match change.kind {
                EntityKind::Customer => customers.push((i, decode(data)?)),
                EntityKind::Order => orders.push(i),
                EntityKind::Shipment => shipments.push((i, decode(data)?)),
                EntityKind::Ticket => tickets.push((i, decode(data)?)),
                EntityKind::Callback => callbacks.push((i, decode(data)?)),
            }
        }
        drop(last);
        Ok(DecodedPage {
            page,
            customers,
            orders,
            shipments,
            tickets,
            callbacks,
            deleted,
        })
    }

    fn id(&self, i: usize) -> &str {
        &self.page.changes[i].id
    }

    fn data(&self, i: usize) -> &str {
        self.page.changes[i].data.get()
    }
}

/// Applies every change of a decoded page (the cursor is the caller's).
pub(crate) async fn apply_page(
    conn: &mut SqliteConnection,
    decoded: &DecodedPage,
) -> Result<(), ConsoleError> {
    let (id, data) = (|i| decoded.id(i), |i| decoded.data(i));
    // Orders whose shipments bring a tracking number the cache has not seen: their tickets
    // become findable by it.
    let known: HashMap<String, String> = if decoded.shipments.is_empty() {
        HashMap::new()
    } else {
        sqlx::query_as(
            "SELECT id, tracking_number FROM shipments
              WHERE id IN (SELECT value FROM json_each(?))",
        )
        .bind(json_array(decoded.shipments.iter().map(|(i, _)| id(*i)))?)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect()
    };
    let new_tracking: HashSet<&str> = decoded
        .shipments
        .iter()
        .filter(|(i, s)| known.get(id(*i)) != Some(&s.tracking_number))
        .map(|(_, s)| s.order_id.as_str())
        .collect();

    insert(
        conn,
        "INSERT OR REPLACE INTO customers (id, name, data)",
        &decoded
            .customers
            .iter()
            .map(|(i, c)| [Some(id(*i)), Some(c.name.as_str()), Some(data(*i))])
            .collect::<Vec<_>>(),
    )
    .await?;
    insert(
        conn,
        "INSERT OR REPLACE INTO orders (id, data)",
        &decoded
            .orders
            .iter()
            .map(|i| [Some(id(*i)), Some(data(*i))])
            .collect::<Vec<_>>(),
    )
    .await?;
    insert(
        conn,
        "INSERT OR REPLACE INTO shipments (id, order_id, tracking_number, data)",
        &decoded
            .shipments
            .iter()
            .map(|(i, s)| {
                [
                    Some(id(*i)),
                    Some(s.order_id.as_str()),
                    Some(s.tracking_number.as_str()),
                    Some(data(*i)),
                ]
            })
            .collect::<Vec<_>>(),
    )
    .await?;
    let tickets: Vec<TicketDoc<'_>> = decoded
        .tickets
        .iter()
        .map(|(i, ticket)| TicketDoc {
            ticket,
            data: data(*i),
        })
        .collect();
    put_tickets(conn, &tickets).await?;
    insert(
        conn,
        "INSERT OR REPLACE INTO callbacks (id, ticket_id, data)",
        &decoded
            .callbacks
            .iter()
            .map(|(i, c)| [Some(id(*i)), Some(c.ticket_id.as_str()), Some(data(*i))])
            .collect::<Vec<_>>(),
    )
    .await?;

    // Cached tickets of a changed customer or of an order with a new tracking number, which
    // the page itself does not carry, get new search rows.
    let changed_customers: Vec<&str> = decoded.customers.iter().map(|(i, _)| id(*i)).collect();
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

    for (kind, changes) in &decoded.deleted {
        let ids = json_array(changes.iter().map(|i| id(*i)))?;
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
    tickets: &[TicketDoc<'_>],
) -> Result<(), ConsoleError> {
    if tickets.is_empty() {
        return Ok(());
    }
    let ids = json_array(tickets.iter().map(|t| &t.ticket.id))?;
    crate::search::forget(conn, &ids).await?;
    // The dates as stored: created, updated, the earliest scheduled callback's due time.
    let dates: Vec<(String, String, Option<String>)> = tickets
        .iter()
        .map(|doc| {
            let t = &doc.ticket;
            let due = t
                .callbacks
                .iter()
                .filter(|c| c.state == CallbackState::Scheduled)
                .map(|c| c.due_at)
                .min();
            (
                t.created_at.to_rfc3339(),
                t.updated_at.to_rfc3339(),
                due.map(|d| d.to_rfc3339()),
            )
        })
        .collect();
    insert(
        conn,
        "INSERT OR REPLACE INTO tickets (id, customer_id, order_id, subject, category, channel,
            status, created_at, updated_at, callback_due_at, data)",
        &tickets
            .iter()
            .zip(&dates)
            .map(|(doc, (created, updated, due))| {
                let t = &doc.ticket;
                [
                    Some(t.id.as_str()),
                    Some(t.customer_id.as_str()),
                    t.order_id.as_deref(),
                    Some(t.subject.as_str()),
                    Some(t.category.as_str()),
                    Some(t.channel.as_str()),
                    Some(t.status.as_str()),
                    Some(created.as_str()),
                    Some(updated.as_str()),
                    due.as_deref(),
                    Some(doc.data),
                ]
            })
            .collect::<Vec<_>>(),
    )
    .await?;
    let tickets: Vec<&Ticket> = tickets.iter().map(|t| t.ticket).collect();
    crate::search::reindex(conn, &tickets).await
}

/// Rows bound per statement: one statement per few hundred rows, far below SQLite's limit of
/// 32,766 parameters.
const ROWS_PER_STATEMENT: usize = 400;

/// Runs `head` (an `INSERT … (columns)`) with `VALUES` for `rows`, a few hundred rows per
/// statement, every value bound as a parameter; nothing when there are none.
pub(crate) async fn insert<const N: usize>(
    conn: &mut SqliteConnection,
    head: &'static str,
    rows: &[[Option<&str>; N]],
) -> Result<(), ConsoleError> {
    insert_around(conn, head, "", ROWS_PER_STATEMENT, rows).await
}

/// [`insert`] for a statement that goes on after its `VALUES` list (`tail`).
pub(crate) async fn insert_around<const N: usize>(
    conn: &mut SqliteConnection,
    head: &'static str,
    tail: &'static str,
    per_statement: usize,
    rows: &[[Option<&str>; N]],
) -> Result<(), ConsoleError> {
    let row = format!("({})", ["?"; N].join(", "));
    for chunk in rows.chunks(per_statement) {
        let values = vec![row.as_str(); chunk.len()].join(", ");
        let sql = format!("{head} VALUES {values}{tail}");
        let mut query =
            sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(chunk.len() == per_statement);
        for value in chunk.iter().flatten() {
            query = query.bind(*value);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Items as one JSON array, for `json_each`.
pub(crate) fn json_array<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
) -> Result<String, ConsoleError> {
    let items: Vec<T> = items.into_iter().collect();
    serde_json::to_string(&items).map_err(cache_error)
}

fn decode<T: serde::de::DeserializeOwned>(data: &str) -> Result<T, ConsoleError> {
    serde_json::from_str(data).map_err(cache_error)
}
