//! Seed data as plain tables, for bulk loading: each engine writes these its fastest way
//! (multi-row `INSERT` on SQLite, one `INSERT … unnest` of column arrays per table on
//! PostgreSQL) instead of a statement per row.

use chrono::{DateTime, NaiveDate, Utc};

use super::docs::FeedDoc;
use super::{SeedBatch, StoreResult};

/// One cell.
#[derive(Clone, Copy)]
pub enum Value<'a> {
    Text(&'a str),
    Int(i64),
    Bool(bool),
    Time(DateTime<Utc>),
    Date(NaiveDate),
    Bytes(&'a [u8]),
    Null,
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Text(s)
    }
}
impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Text(s)
    }
}
impl<'a> From<&'a Option<String>> for Value<'a> {
    fn from(s: &'a Option<String>) -> Self {
        s.as_deref().map_or(Value::Null, Value::Text)
    }
}
impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}
impl From<u32> for Value<'_> {
    fn from(n: u32) -> Self {
        Value::Int(n.into())
    }
}
impl From<usize> for Value<'_> {
    fn from(n: usize) -> Self {
        Value::Int(n as i64)
    }
}
impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
impl From<DateTime<Utc>> for Value<'_> {
    fn from(t: DateTime<Utc>) -> Self {
        Value::Time(t)
    }
}
impl From<Option<DateTime<Utc>>> for Value<'_> {
    fn from(t: Option<DateTime<Utc>>) -> Self {
        t.map_or(Value::Null, Value::Time)
    }
}
impl From<NaiveDate> for Value<'_> {
    fn from(d: NaiveDate) -> Self {
        Value::Date(d)
    }
}
impl<'a> From<&'a [u8]> for Value<'a> {
    fn from(b: &'a [u8]) -> Self {
        Value::Bytes(b)
    }
}
impl<'a> From<&'a Vec<u8>> for Value<'a> {
    fn from(b: &'a Vec<u8>) -> Self {
        Value::Bytes(b)
    }
}

/// The rows of one table, row-major.
pub struct Table<'a> {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub cells: Vec<Value<'a>>,
}

impl<'a> Table<'a> {
    fn new(name: &'static str, columns: &'static [&'static str]) -> Self {
        Table {
            name,
            columns,
            cells: Vec::new(),
        }
    }

    fn push<const N: usize>(&mut self, row: [Value<'a>; N]) {
        debug_assert_eq!(N, self.columns.len(), "a row of {}", self.name);
        self.cells.extend(row);
    }

    pub fn rows(&self) -> impl Iterator<Item = &[Value<'a>]> {
        self.cells.chunks(self.columns.len())
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

macro_rules! row {
    ($($v:expr),* $(,)?) => { [$(Value::from($v)),*] };
}

/// A seed batch with its feed documents, as the store writes it.
pub struct PreparedBatch {
    pub rows: SeedBatch,
    pub docs: Vec<FeedDoc>,
    /// What the store's [`SeedEncoder`] made of the batch ahead of writing, if it has one.
    pub encoded: Option<Box<dyn std::any::Any + Send>>,
}

/// Turns a batch into what an engine writes (its statements with their arguments), away from
/// the thread that talks to the database.
pub type SeedEncoder = fn(&PreparedBatch) -> StoreResult<Box<dyn std::any::Any + Send>>;

impl PreparedBatch {
    /// Renders the batch's documents as seen at `now` (the CPU-heavy part of seeding, done
    /// before the store is involved).
    /// The batch with its feed documents as they read at `now`, contact tokens made with
    /// `key`.
    pub fn new(
        rows: SeedBatch,
        now: DateTime<Utc>,
        key: &sportello_protocol::contact::ContactKey,
    ) -> Self {
        let docs = super::docs::seed_docs(&rows, now, key);
        PreparedBatch {
            rows,
            docs,
            encoded: None,
        }
    }

    /// Every table the batch fills, parents before children. The feed is not among them:
    /// each engine numbers its changes its own way.
    pub fn tables(&self) -> Vec<Table<'_>> {
        let b = &self.rows;
        let mut agents = Table::new(
            "agents",
            &["id", "username", "name", "role", "password_hash"],
        );
        for a in &b.agents {
            agents.push(row![
                &a.info.id,
                &a.info.username,
                &a.info.name,
                a.info.role.as_str(),
                &a.password_hash,
            ]);
        }
        let mut customers = Table::new("customers", &["id", "name", "email", "language"]);
        let mut phones = Table::new(
            "customer_phones",
            &[
                "id",
                "customer_id",
                "position",
                "label",
                "number",
                "wrong_number",
            ],
        );
        let mut recipients = Table::new(
            "trusted_recipients",
            &["id", "customer_id", "position", "name", "email"],
        );
        for c in &b.customers {
            customers.push(row![&c.id, &c.name, &c.email, &c.language]);
            for (i, p) in c.phones.iter().enumerate() {
                phones.push(row![&p.id, &c.id, i, &p.label, &p.number, p.wrong_number]);
            }
            for (i, r) in c.recipients.iter().enumerate() {
                recipients.push(row![&r.id, &c.id, i, &r.name, &r.email]);
            }
        }
        let mut orders = Table::new(
            "orders",
            &["id", "customer_id", "placed_at", "total_cents", "currency"],
        );
        let mut items = Table::new(
            "order_items",
            &[
                "order_id",
                "position",
                "title",
                "quantity",
                "price_cents",
                "frequently_returned",
            ],
        );
        for o in &b.orders {
            orders.push(row![
                &o.id,
                &o.customer_id,
                o.placed_at,
                o.total_cents,
                &o.currency
            ]);
            for (i, it) in o.items.iter().enumerate() {
                items.push(row![
                    &o.id,
                    i,
                    &it.title,
                    it.quantity,
                    it.price_cents,
                    it.frequently_returned,
                ]);
            }
        }
        let mut shipments = Table::new(
            "shipments",
            &[
                "id",
                "order_id",
                "carrier",
                "tracking_number",
                "status",
                "delivery_date",
                "delivery_tz",
            ],
        );
        let mut events = Table::new(
            "tracking_events",
            &["shipment_id", "position", "at", "kind", "location"],
        );
        let mut passwords = Table::new(
            "delivery_passwords",
            &[
                "shipment_id",
                "generation",
                "state",
                "issued_at",
                "expires_at",
                "key_id",
                "code_mac",
                "code_nonce",
                "code_sealed",
                "counters_day",
                "sends_today",
                "regenerations_today",
                "failed_verifications",
                "last_sent_at",
            ],
        );
        for s in &b.shipments {
            shipments.push(row![
                &s.id,
                &s.order_id,
                &s.carrier,
                &s.tracking_number,
                s.status.as_str(),
                s.delivery_date,
                &s.delivery_tz,
            ]);
            for (i, e) in s.events.iter().enumerate() {
                events.push(row![&s.id, i, e.at, e.kind.as_str(), &e.location]);
            }
            if let Some(p) = &s.password {
                passwords.push(row![
                    &s.id,
                    p.generation,
                    p.state.as_str(),
                    p.issued_at,
                    p.expires_at,
                    &p.code.key_id,
                    &p.code.mac,
                    &p.code.nonce,
                    &p.code.sealed,
                    p.counters_day,
                    p.sends_today,
                    p.regenerations_today,
                    p.failed_verifications,
                    p.last_sent_at,
                ]);
            }
        }
        let mut tickets = Table::new(
            "tickets",
            &[
                "id",
                "customer_id",
                "order_id",
                "category",
                "channel",
                "status",
                "subject",
                "assignee",
                "created_at",
                "updated_at",
                "resolution",
                "closed_at",
            ],
        );
        let mut messages = Table::new(
            "messages",
            &[
                "id",
                "ticket_id",
                "position",
                "kind",
                "author",
                "at",
                "body",
            ],
        );
        let mut callbacks = Table::new(
            "callbacks",
            &["id", "ticket_id", "phone_id", "due_at", "state", "note"],
        );
        let mut attempts = Table::new(
            "callback_attempts",
            &["callback_id", "position", "at", "agent", "outcome", "note"],
        );
        for t in &b.tickets {
            tickets.push(row![
                &t.id,
                &t.customer_id,
                &t.order_id,
                t.category.as_str(),
                t.channel.as_str(),
                t.status.as_str(),
                &t.subject,
                &t.assignee,
                t.created_at,
                t.updated_at,
                &t.resolution,
                t.closed_at,
            ]);
            for (i, m) in t.messages.iter().enumerate() {
                messages.push(row![
                    &m.id,
                    &t.id,
                    i,
                    m.kind.as_str(),
                    &m.author,
                    m.at,
                    &m.body
                ]);
            }
            for cb in &t.callbacks {
                callbacks.push(row![
                    &cb.id,
                    &t.id,
                    &cb.phone_id,
                    cb.due_at,
                    cb.state.as_str(),
                    &cb.note
                ]);
                for (i, a) in cb.attempts.iter().enumerate() {
                    attempts.push(row![&cb.id, i, a.at, &a.agent, a.outcome.as_str(), &a.note]);
                }
            }
        }
        let audit = audit_table(&b.audit);
        vec![
            agents, customers, phones, recipients, orders, items, shipments, events, passwords,
            tickets, messages, callbacks, attempts, audit,
        ]
    }
}

/// Chained audit entries as rows of `audit_chain`: the seed's, and each round of chaining's.
/// The table's columns are the entry's fields, named and ordered as in an export.
pub fn audit_table(entries: &[sportello_protocol::AuditEntry]) -> Table<'_> {
    let mut audit = Table::new("audit_chain", &sportello_protocol::audit::CSV_HEADER);
    for e in entries {
        audit.push(row![
            e.seq as i64,
            e.at,
            &e.actor.id,
            &e.actor.username,
            &e.actor.name,
            e.actor.role.as_str(),
            e.action.as_str(),
            e.outcome.as_str(),
            &e.problem,
            &e.shipment_id,
            &e.order_id,
            &e.ticket_id,
            e.generation,
            &e.reason,
            &e.identity_check,
            &e.channel,
            &e.destination,
            &e.prev_hash,
            &e.hash,
        ]);
    }
    audit
}

/// The feed rows for seed documents with their cursors given, from `first` on.
pub fn numbered_feed_table(docs: &[FeedDoc], first: i64) -> Table<'_> {
    let mut feed = Table::new("changes", &["cursor", "kind", "id", "deleted", "data"]);
    for (i, d) in docs.iter().enumerate() {
        feed.push(row![
            first + i as i64,
            d.kind.as_str(),
            &d.id,
            false,
            &d.data
        ]);
    }
    feed
}

/// The feed rows for seed documents (the cursor is left to each engine).
pub fn feed_table(docs: &[FeedDoc]) -> Table<'_> {
    let mut feed = Table::new("changes", &["kind", "id", "deleted", "data"]);
    for d in docs {
        feed.push(row![d.kind.as_str(), &d.id, false, &d.data]);
    }
    feed
}
