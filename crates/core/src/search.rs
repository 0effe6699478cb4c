//! Local search over the cache (SQLite FTS5): one row per ticket with its ids (ticket, order,
//! tracking numbers, each also as bare digits), the customer (name, and the keyed tokens of
//! the whole e-mail and phone numbers: never the contacts, rule 5.2), the subject and the
//! whole conversation. What an agent types becomes a prefix query; a whole e-mail or phone
//! number typed in any common format also finds its customer through its tokens. Results are
//! ranked (ids weigh most, then people, subject, conversation). The row is rebuilt whenever
//! its ticket, customer or a new shipment of its order arrives.

use std::collections::{HashMap, HashSet};

use sportello_protocol::{Customer, Ticket};
use sqlx::SqliteConnection;

use crate::cache::{document, insert_around, json_array, Result, What};

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

/// A customer's name and contact tokens: keyed hashes of the whole e-mail and phones, never
/// the contacts themselves (rule 5.2).
fn people_terms(customer: Option<&Customer>) -> String {
    let Some(c) = customer else {
        return String::new();
    };
    let mut out = format!("{} ", c.name);
    for token in &c.contact_tokens {
        out.push_str(token);
        out.push(' ');
    }
    out
}

/// Search rows written per statement. FTS5 writes what a statement added as a new segment
/// of the index when the statement ends (and whenever its buffer of new entries outgrows
/// `hashsize`, see migration 0006), and small segments cost merges later: few, large
/// statements keep a first sync fast (BENCHMARKS.md). Five bound values a row stay below
/// SQLite's limit of 32,766.
const ROWS_PER_STATEMENT: usize = 6000;

/// Writes the search rows of `tickets` (already written to the cache, their old rows gone:
/// see [`forget`]) from the cache's customers and shipments: two reads, then a statement per
/// [`ROWS_PER_STATEMENT`] rows.
pub(crate) async fn reindex(conn: &mut SqliteConnection, tickets: &[&Ticket]) -> Result<()> {
    if tickets.is_empty() {
        return Ok(());
    }
    let customer_ids: HashSet<&str> = tickets.iter().map(|t| t.customer_id.as_str()).collect();
    let customers: HashMap<String, Customer> = sqlx::query_as::<_, (String, String)>(
        "SELECT id, data FROM customers WHERE id IN (SELECT value FROM json_each(?))",
    )
    .bind(json_array(&customer_ids))
    .fetch_all(&mut *conn)
    .await
    .what("read the customers to index")?
    .into_iter()
    .map(|(id, data)| Ok((id, document("customer", &data)?)))
    .collect::<Result<_>>()?;
    let order_ids: HashSet<&str> = tickets
        .iter()
        .filter_map(|t| t.order_id.as_deref())
        .collect();
    let mut tracking: HashMap<String, Vec<String>> = HashMap::new();
    if !order_ids.is_empty() {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT order_id, tracking_number FROM shipments
              WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY id",
        )
        .bind(json_array(&order_ids))
        .fetch_all(&mut *conn)
        .await
        .what("read the tracking numbers to index")?;
        for (order, number) in rows {
            tracking.entry(order).or_default().push(number);
        }
    }
    // What each row says besides the subject: ids, people, conversation.
    let rows: Vec<[String; 3]> = tickets
        .iter()
        .map(|ticket| {
            let mut ids = String::new();
            id_terms(&ticket.id, &mut ids);
            if let Some(order) = &ticket.order_id {
                id_terms(order, &mut ids);
                for number in tracking.get(order).into_iter().flatten() {
                    id_terms(number, &mut ids);
                }
            }
            let conversation = ticket
                .messages
                .iter()
                .map(|m| m.body.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            [
                ids,
                people_terms(customers.get(&ticket.customer_id)),
                conversation,
            ]
        })
        .collect();
    // The search row's rowid is its ticket's `seq`: newest writes have the highest. In
    // rowid order, since FTS5 starts a new segment whenever a rowid goes back.
    insert_around(
        conn,
        "INSERT INTO search (rowid, ids, people, subject, conversation)
         SELECT t.seq, v.column2, v.column3, v.column4, v.column5 FROM (",
        ") v CROSS JOIN tickets t ON t.id = v.column1 ORDER BY t.seq",
        ROWS_PER_STATEMENT,
        &tickets
            .iter()
            .zip(&rows)
            .map(|(t, [ids, people, conversation])| {
                [
                    Some(t.id.as_str()),
                    Some(ids.as_str()),
                    Some(people.as_str()),
                    Some(t.subject.as_str()),
                    Some(conversation.as_str()),
                ]
            })
            .collect::<Vec<_>>(),
    )
    .await?;
    Ok(())
}

/// Drops the search rows of the cached tickets whose ids `ids` (a JSON array) holds.
pub(crate) async fn forget(conn: &mut SqliteConnection, ids: &str) -> Result<()> {
    sqlx::query(
        "DELETE FROM search WHERE rowid IN
            (SELECT seq FROM tickets WHERE id IN (SELECT value FROM json_each(?)))",
    )
    .bind(ids)
    .execute(&mut *conn)
    .await
    .what("drop search rows")?;
    Ok(())
}

/// What an agent typed, as the terms of a search: every word lower case, a number typed with
/// spaces, dashes, dots, brackets or a leading `+` (a phone, an order id) one term of its
/// digits, and so is a ticket id typed with its letter. Empty when nothing searchable is left.
pub fn terms(text: &str) -> Vec<String> {
    let text = text.trim();
    let is_number = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    };
    // A ticket id typed with its letter (`T-01184`, `t01184`) is searched by its digits: the
    // letter alone matches every ticket, and ranking every ticket is slow at a million.
    let letters = text.len()
        - text
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .len();
    let id = (1..=2).contains(&letters)
        && text[letters..].contains(|c: char| c.is_ascii_digit())
        && is_number(&text[letters..]);
    if id || is_number(text) {
        let d = digits(text);
        return if d.is_empty() { vec![] } else { vec![d] };
    }
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Terms as an FTS5 query: each term quoted (no FTS5 syntax survives), a prefix, all of them
/// required. `None` when nothing searchable is left.
pub(crate) fn terms_query(terms: &[String]) -> Option<String> {
    if terms.is_empty() {
        return None;
    }
    Some(
        terms
            .iter()
            .map(|t| format!("\"{}\"*", t.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A search's FTS5 query with the contact tokens of what was typed (see
/// `sportello_protocol::contact::query_tokens`): a ticket matches the typed terms, or its
/// customer has one of the tokens, exactly.
pub fn with_contact_tokens(query: Option<String>, tokens: &[String]) -> Option<String> {
    if tokens.is_empty() {
        return query;
    }
    let tokens = tokens
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" OR ");
    Some(match query {
        Some(q) => format!("({q}) OR {tokens}"),
        None => tokens,
    })
}

/// Whether every ticket the terms `now` match was also matched by the terms `before`, for
/// certain: every earlier term is the beginning of a term now (a word typed further, or one
/// more word). As an agent types on, the matches only narrow.
pub fn narrows(before: &[String], now: &[String]) -> bool {
    !before.is_empty()
        && before
            .iter()
            .all(|b| now.iter().any(|n| n.starts_with(b.as_str())))
}

#[cfg(test)]
mod tests {
    use super::{narrows, terms, terms_query, with_contact_tokens};

    /// What an agent typed as an FTS5 query.
    fn fts_query(text: &str) -> Option<String> {
        terms_query(&terms(text))
    }

    #[test]
    fn typing_on_narrows_and_going_back_does_not() {
        let t = |s: &str| terms(s);
        assert!(narrows(&t("Sara Co"), &t("Sara Col")));
        assert!(narrows(&t("Sara"), &t("Sara Colombo")));
        assert!(narrows(&t("+39 347"), &t("+39 3471")));
        assert!(narrows(&t("T-011"), &t("T-0118")));
        assert!(!narrows(&t("Sara Col"), &t("Sara Co")));
        assert!(!narrows(&t("Sara"), &t("Marco")));
        assert!(!narrows(&t("-"), &t("Sara")));
    }

    #[test]
    fn contact_tokens_are_an_alternative_to_the_typed_terms() {
        let tokens = ["cab".to_string(), "ccd".to_string()];
        assert_eq!(
            with_contact_tokens(fts_query("+39 347 123 4567"), &tokens).unwrap(),
            r#"("393471234567"*) OR "cab" OR "ccd""#
        );
        assert_eq!(
            with_contact_tokens(fts_query("Sara"), &[]).unwrap(),
            r#""sara"*"#
        );
        assert_eq!(with_contact_tokens(None, &tokens[..1]).unwrap(), r#""cab""#);
    }

    #[test]
    fn typed_text_becomes_prefix_terms_and_numbers_become_digits() {
        assert_eq!(fts_query("Olivia Mil").unwrap(), r#""olivia"* "mil"*"#);
        assert_eq!(fts_query("+39 347-12").unwrap(), r#""3934712"*"#);
        assert_eq!(fts_query("(347) 12.34").unwrap(), r#""3471234"*"#);
        assert_eq!(fts_query("T-0100001").unwrap(), r#""0100001"*"#);
        assert_eq!(fts_query("t01184").unwrap(), r#""01184"*"#);
        assert_eq!(fts_query("T-").unwrap(), r#""t"*"#);
        assert_eq!(fts_query("Sara 12").unwrap(), r#""sara"* "12"*"#);
        assert_eq!(fts_query(r#"a" OR "b"#).unwrap(), r#""a"* "or"* "b"*"#);
        assert_eq!(fts_query("  "), None);
        assert_eq!(fts_query("+-"), None);
    }
}
