//! What the case view and the due watch read from the cache: a case with its customer, order
//! and shipments; the callbacks falling due in a window; the ticket a callback belongs to.

use chrono::{DateTime, Utc};
use sportello_protocol::{CallbackState, Order, Ticket};

use crate::cache::{document, Cache, CacheError, NotCached, Result, What};
use crate::types::{CaseView, DueCallback};

impl Cache {
    /// A case with everything the case view shows, or `NotCached` if it is not cached.
    pub async fn case(&self, ticket_id: &str) -> Result<CaseView> {
        const WHAT: &str = "read a case";
        let data: Option<String> = sqlx::query_scalar("SELECT data FROM tickets WHERE id = ?")
            .bind(ticket_id)
            .fetch_optional(&self.pool)
            .await
            .what(WHAT)?;
        let Some(data) = data else {
            return Err(CacheError::NotCached(NotCached::Case(
                ticket_id.to_string(),
            )));
        };
        let ticket: Ticket = document("ticket", &data)?;
        let customer: Option<String> =
            sqlx::query_scalar("SELECT data FROM customers WHERE id = ?")
                .bind(&ticket.customer_id)
                .fetch_optional(&self.pool)
                .await
                .what(WHAT)?;
        let order: Option<String> = sqlx::query_scalar("SELECT data FROM orders WHERE id = ?")
            .bind(&ticket.order_id)
            .fetch_optional(&self.pool)
            .await
            .what(WHAT)?;
        let shipments: Vec<String> =
            sqlx::query_scalar("SELECT data FROM shipments WHERE order_id = ? ORDER BY id")
                .bind(&ticket.order_id)
                .fetch_all(&self.pool)
                .await
                .what(WHAT)?;
        Ok(CaseView {
            customer: customer
                .as_deref()
                .map(|c| document("customer", c))
                .transpose()?,
            order: order
                .as_deref()
                .map(|o| document::<Order>("order", o))
                .transpose()?,
            shipments: shipments
                .iter()
                .map(|s| document("shipment", s))
                .collect::<Result<_>>()?,
            ticket,
        })
    }

    /// Scheduled callbacks that fall due after `from` and at or before `to`, oldest first.
    pub async fn callbacks_due_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<DueCallback>> {
        // A ticket's `callback_due_at` is its earliest scheduled callback: any callback due in
        // the window makes its ticket's earliest one due by the end of it.
        let rows: Vec<(String, Option<String>)> = sqlx::query_as(
            "SELECT t.data, c.name FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id
              WHERE t.callback_due_at IS NOT NULL AND t.callback_due_at <= ? AND t.status <> 'closed'",
        )
        .bind(to.to_rfc3339())
        .fetch_all(&self.pool)
        .await
        .what("read the callbacks falling due")?;
        let mut due = Vec::new();
        for (data, customer) in rows {
            let ticket: Ticket = document("ticket", &data)?;
            for cb in &ticket.callbacks {
                if cb.state == CallbackState::Scheduled && cb.due_at > from && cb.due_at <= to {
                    due.push(DueCallback {
                        callback_id: cb.id.clone(),
                        ticket_id: ticket.id.clone(),
                        subject: ticket.subject.clone(),
                        customer_name: customer.clone().unwrap_or_default(),
                        due_at: cb.due_at,
                    });
                }
            }
        }
        due.sort_by(|a, b| (a.due_at, &a.callback_id).cmp(&(b.due_at, &b.callback_id)));
        Ok(due)
    }

    /// The ticket a cached callback belongs to.
    pub async fn callback_ticket(&self, callback_id: &str) -> Result<String> {
        let ticket: Option<String> =
            sqlx::query_scalar("SELECT ticket_id FROM callbacks WHERE id = ?")
                .bind(callback_id)
                .fetch_optional(&self.pool)
                .await
                .what("find a callback's case")?;
        ticket.ok_or_else(|| CacheError::NotCached(NotCached::Callback(callback_id.to_string())))
    }
}
