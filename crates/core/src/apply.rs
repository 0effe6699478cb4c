//! Applying sync pages to the cache in bulk. A page arrives with its documents as raw JSON
//! text ([`RawSyncPage`]): they are stored as they came, and only the fields the cache keeps in
//! columns are decoded. Each table's rows go in a few hundred at a time, every value a bound
//! parameter of one multi-row `INSERT`, and the search rows of every ticket the page touched
//! are rebuilt together (see `search::reindex`). Pages are applied in a [`SyncBatch`]: one
//! transaction with the cursor they reach.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use sportello_protocol::{EntityKind, RawSyncPage, Ticket};
use sqlx::SqliteConnection;

use crate::cache::{corrupt, document, insert, json_array, set_meta, Cache, Result, What};
use crate::tickets::TicketDoc;

/// Sync pages applied in one transaction, with their cursor (see [`SyncBatch::begin`]).
pub struct SyncBatch {
    tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    /// Changes applied in it so far.
    pub changes: usize,
}

impl SyncBatch {
    /// Starts a transaction for sync pages on the cache's sync connection: the pages applied
    /// in it and the cursor they reach are committed together, so a crash leaves all of them
    /// or none.
    pub async fn begin(cache: &Cache) -> Result<SyncBatch> {
        Ok(SyncBatch {
            tx: cache
                .sync_writer()
                .await?
                .begin_with(crate::cache::BEGIN_WRITE)
                .await
                .what("start applying sync pages")?,
            changes: 0,
        })
    }

    /// Applies a page and moves the cursor past it (both still uncommitted).
    pub async fn apply(&mut self, decoded: &DecodedPage) -> Result<()> {
        apply_page(&mut self.tx, decoded).await?;
        let page = &decoded.page;
        set_meta(&mut self.tx, "cursor", &page.next.to_string()).await?;
        self.changes += page.changes.len();
        Ok(())
    }

    /// Makes the pages and their cursor durable together.
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await.what("commit sync pages")
    }
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

/// The fields of an audit entry the lead view filters and counts on.
#[derive(Deserialize)]
struct AuditFields {
    at: chrono::DateTime<chrono::Utc>,
    actor: AuditActorFields,
    action: String,
    outcome: String,
    shipment_id: String,
    order_id: String,
    channel: String,
}

#[derive(Deserialize)]
struct AuditActorFields {
    username: String,
    name: String,
    role: String,
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
    audit: Vec<(usize, AuditFields)>,
    deleted: HashMap<EntityKind, Vec<usize>>,
}

impl DecodedPage {
    pub fn new(page: RawSyncPage) -> Result<DecodedPage> {
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
        let mut audit = Vec::new();
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
                EntityKind::Audit => audit.push((i, decode(data)?)),
                // For the connectors of integration accounts; a console is never sent one.
                EntityKind::SocialReply => {}
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
            audit,
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
async fn apply_page(conn: &mut SqliteConnection, decoded: &DecodedPage) -> Result<()> {
    const WHAT: &str = "apply a sync page";
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
        .bind(json_array(decoded.shipments.iter().map(|(i, _)| id(*i))))
        .fetch_all(&mut *conn)
        .await
        .what(WHAT)?
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
    crate::tickets::write(conn, &tickets).await?;
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

    let times: Vec<String> = decoded
        .audit
        .iter()
        .map(|(_, a)| sportello_protocol::audit::chain_time(a.at))
        .collect();
    insert(
        conn,
        "INSERT OR REPLACE INTO audit (seq, at, actor_username, actor_name, actor_role, action,
            outcome, shipment_id, order_id, channel, data)",
        &decoded
            .audit
            .iter()
            .zip(&times)
            .map(|((i, a), at)| {
                [
                    Some(id(*i)),
                    Some(at.as_str()),
                    Some(a.actor.username.as_str()),
                    Some(a.actor.name.as_str()),
                    Some(a.actor.role.as_str()),
                    Some(a.action.as_str()),
                    Some(a.outcome.as_str()),
                    Some(a.shipment_id.as_str()),
                    Some(a.order_id.as_str()),
                    Some(a.channel.as_str()),
                    Some(data(*i)),
                ]
            })
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
        .bind(json_array(&changed_customers))
        .bind(json_array(&new_tracking))
        .bind(json_array(&in_page))
        .fetch_all(&mut *conn)
        .await
        .what(WHAT)?;
        let others = others
            .iter()
            .map(|d| document::<Ticket>("ticket", d))
            .collect::<Result<Vec<_>>>()?;
        crate::search::forget(conn, &json_array(others.iter().map(|t| &t.id))).await?;
        crate::search::reindex(conn, &others.iter().collect::<Vec<_>>()).await?;
    }

    for (kind, changes) in &decoded.deleted {
        let ids = json_array(changes.iter().map(|i| id(*i)));
        if *kind == EntityKind::Ticket {
            crate::search::forget(conn, &ids).await?;
        }
        let table = match kind {
            EntityKind::Customer => "customers",
            EntityKind::Order => "orders",
            EntityKind::Shipment => "shipments",
            EntityKind::Ticket => "tickets",
            EntityKind::Callback => "callbacks",
            // The trail keeps every entry; social replies are not cached.
            EntityKind::Audit | EntityKind::SocialReply => continue,
        };
        let sql = format!("DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(ids)
            .execute(&mut *conn)
            .await
            .what(format!("delete {table} the feed deleted"))?;
    }
    Ok(())
}

fn decode<T: serde::de::DeserializeOwned>(data: &str) -> Result<T> {
    serde_json::from_str(data).map_err(|e| corrupt("document in a sync page", e))
}
