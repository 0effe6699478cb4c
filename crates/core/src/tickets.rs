//! Writing cases into the cache: tickets with the columns the queue sorts and filters on and
//! their search rows, shipments the server just answered with, and forgetting cases past
//! retention. Above the search index, below the outbox and the sync.

use chrono::{DateTime, Utc};
use sportello_protocol::{CallbackState, Shipment, Ticket};
use sqlx::SqliteConnection;

use crate::cache::{insert, json_array, to_document, Cache, Result, What};

/// A ticket with its document as stored.
pub(crate) struct TicketDoc<'a> {
    pub ticket: &'a Ticket,
    pub data: &'a str,
}

/// Writes tickets with the columns the queue sorts and filters on, and their search rows.
/// A written ticket gets the next `seq`: the queue's "recently changed" order.
pub(crate) async fn write(conn: &mut SqliteConnection, tickets: &[TicketDoc<'_>]) -> Result<()> {
    if tickets.is_empty() {
        return Ok(());
    }
    let ids = json_array(tickets.iter().map(|t| &t.ticket.id));
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

/// Writes one ticket as the console shows it, and its callbacks (see [`write`]).
pub(crate) async fn write_one(conn: &mut SqliteConnection, ticket: &Ticket) -> Result<()> {
    let data = to_document(ticket);
    write(
        conn,
        &[TicketDoc {
            ticket,
            data: &data,
        }],
    )
    .await?;
    for callback in &ticket.callbacks {
        sqlx::query("INSERT OR REPLACE INTO callbacks (id, ticket_id, data) VALUES (?, ?, ?)")
            .bind(&callback.id)
            .bind(&ticket.id)
            .bind(to_document(callback))
            .execute(&mut *conn)
            .await
            .what("write a callback")?;
    }
    Ok(())
}

impl Cache {
    /// Stores a shipment the server just answered with, so its case shows the new password
    /// state at once; the feed brings the same document on the next sync.
    pub async fn write_shipment(&self, shipment: &Shipment) -> Result<()> {
        sqlx::query(
            "INSERT OR REPLACE INTO shipments (id, order_id, tracking_number, data) VALUES (?, ?, ?, ?)",
        )
        .bind(&shipment.id)
        .bind(&shipment.order_id)
        .bind(&shipment.tracking_number)
        .bind(to_document(shipment))
        .execute(&self.pool)
        .await
        .what("write a shipment")?;
        Ok(())
    }

    /// Forgets cached cases nobody touched since `cutoff` (their last update), with what only
    /// they referenced: customers, orders, shipments, callbacks and search rows. Cases with
    /// actions still in the outbox stay. Returns how many cases went.
    pub async fn purge_older_than(&self, cutoff: DateTime<Utc>) -> Result<u32> {
        const WHAT: &str = "forget cases past retention";
        let mut conn = self.pool.acquire().await.what(WHAT)?;
        let mut tx = crate::cache::begin_write(&mut conn).await.what(WHAT)?;
        let old: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM tickets WHERE updated_at < ?
                AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.ticket_id = tickets.id)",
        )
        .bind(cutoff.to_rfc3339())
        .fetch_all(&mut *tx)
        .await
        .what(WHAT)?;
        if !old.is_empty() {
            let ids = json_array(&old);
            crate::search::forget(&mut tx, &ids).await?;
            for sql in [
                "DELETE FROM callbacks WHERE ticket_id IN (SELECT value FROM json_each(?))",
                "DELETE FROM tickets WHERE id IN (SELECT value FROM json_each(?))",
            ] {
                sqlx::query(sql)
                    .bind(&ids)
                    .execute(&mut *tx)
                    .await
                    .what(WHAT)?;
            }
            for sql in [
                "DELETE FROM customers WHERE id NOT IN (SELECT customer_id FROM tickets)",
                "DELETE FROM orders WHERE id NOT IN
                    (SELECT order_id FROM tickets WHERE order_id IS NOT NULL)",
                "DELETE FROM shipments WHERE order_id NOT IN (SELECT id FROM orders)",
            ] {
                sqlx::query(sql).execute(&mut *tx).await.what(WHAT)?;
            }
        }
        tx.commit().await.what(WHAT)?;
        Ok(old.len() as u32)
    }
}
