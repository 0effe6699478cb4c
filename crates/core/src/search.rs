//! Local search over the cache (SQLite FTS5): one row per ticket with its ids (ticket, order,
//! tracking numbers, each also as bare digits), the customer (name, e-mail, phone digits with
//! and without country code and every tail of at least four digits), the subject and the
//! whole conversation. What an agent types becomes a prefix query: `+39 347 12` and `34712`
//! find the same customer; results are ranked (ids weigh most, then people, subject,
//! conversation). The row is rebuilt whenever its ticket, customer or a new shipment of its
//! order arrives.

use sportello_protocol::{Customer, Ticket};
use sqlx::SqliteConnection;

use crate::cache::{cache_error, json};
use crate::types::ConsoleError;

/// The FTS5 rowid of a ticket's search row: a stable 64-bit hash of its id, so a row can be
/// replaced without scanning the index.
fn rowid(ticket_id: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in ticket_id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h as i64
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// An id as typed and as bare digits.
fn id_terms(id: &str, out: &mut String) {
    out.push_str(id);
    out.push(' ');
    let d = digits(id);
    if !d.is_empty() {
        out.push_str(&d);
        out.push(' ');
    }
}

/// A customer's name and search terms; digit terms also with every tail of at least 4 digits.
fn people_terms(customer: Option<&Customer>) -> String {
    let Some(c) = customer else {
        return String::new();
    };
    let mut out = format!("{} ", c.name);
    for term in &c.search {
        out.push_str(term);
        out.push(' ');
        if !term.is_empty() && term.bytes().all(|b| b.is_ascii_digit()) {
            for start in 1..term.len().saturating_sub(3) {
                out.push_str(&term[start..]);
                out.push(' ');
            }
        }
    }
    out
}

/// Rebuilds the search row of `ticket` from the cache's customer and shipments.
pub(crate) async fn index_ticket(
    conn: &mut SqliteConnection,
    ticket: &Ticket,
) -> Result<(), ConsoleError> {
    let customer: Option<String> = sqlx::query_scalar("SELECT data FROM customers WHERE id = ?")
        .bind(&ticket.customer_id)
        .fetch_optional(&mut *conn)
        .await?;
    let customer: Option<Customer> = customer.as_deref().map(json).transpose()?;
    let mut ids = String::new();
    id_terms(&ticket.id, &mut ids);
    if let Some(order) = &ticket.order_id {
        id_terms(order, &mut ids);
        let tracking: Vec<String> =
            sqlx::query_scalar("SELECT tracking_number FROM shipments WHERE order_id = ?")
                .bind(order)
                .fetch_all(&mut *conn)
                .await?;
        for t in tracking {
            id_terms(&t, &mut ids);
        }
    }
    let conversation = ticket
        .messages
        .iter()
        .map(|m| m.body.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let row = rowid(&ticket.id);
    sqlx::query("DELETE FROM search WHERE rowid = ?")
        .bind(row)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO search (rowid, ticket_id, ids, people, subject, conversation)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(row)
    .bind(&ticket.id)
    .bind(ids)
    .bind(people_terms(customer.as_ref()))
    .bind(&ticket.subject)
    .bind(conversation)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Drops a ticket's search row.
pub(crate) async fn forget_ticket(
    conn: &mut SqliteConnection,
    ticket_id: &str,
) -> Result<(), ConsoleError> {
    sqlx::query("DELETE FROM search WHERE rowid = ?")
        .bind(rowid(ticket_id))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Rebuilds the search rows of the cached tickets that `column` (`customer_id` or
/// `order_id`) ties to `id`.
pub(crate) async fn reindex_tickets_of(
    conn: &mut SqliteConnection,
    column: &'static str,
    id: &str,
) -> Result<(), ConsoleError> {
    let sql = match column {
        "customer_id" => "SELECT data FROM tickets WHERE customer_id = ?",
        "order_id" => "SELECT data FROM tickets WHERE order_id = ?",
        other => return Err(cache_error(format!("no tickets by {other}"))),
    };
    let tickets: Vec<String> = sqlx::query_scalar(sql)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    for data in tickets {
        index_ticket(conn, &json(&data)?).await?;
    }
    Ok(())
}

/// What an agent typed, as an FTS5 query: every word a prefix, all of them required. A
/// number typed with spaces, dashes, dots, brackets or a leading `+` (a phone, an order id)
/// is one term of its digits. `None` when nothing searchable is left.
pub fn fts_query(text: &str) -> Option<String> {
    let text = text.trim();
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let terms: Vec<String> = if numeric {
        let d = digits(text);
        if d.is_empty() {
            vec![]
        } else {
            vec![d]
        }
    } else {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    if terms.is_empty() {
        return None;
    }
    // Each term quoted (no FTS5 syntax survives) and a prefix.
    Some(
        terms
            .iter()
            .map(|t| format!("\"{}\"*", t.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn typed_text_becomes_prefix_terms_and_numbers_become_digits() {
        assert_eq!(fts_query("Olivia Mil").unwrap(), r#""olivia"* "mil"*"#);
        assert_eq!(fts_query("+39 347-12").unwrap(), r#""3934712"*"#);
        assert_eq!(fts_query("(347) 12.34").unwrap(), r#""3471234"*"#);
        assert_eq!(fts_query("T-0100001").unwrap(), r#""t"* "0100001"*"#);
        assert_eq!(fts_query(r#"a" OR "b"#).unwrap(), r#""a"* "or"* "b"*"#);
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("+-"), None);
    }
}
