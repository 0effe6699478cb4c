//! The documents the feed carries and the `GET`s answer, built from rows. The store's
//! `render_*` read rows back from the tables and finish them here; `seed` builds the same
//! documents straight from the rows it is about to write, so a bulk load never reads back.
//! A test checks both paths give equal documents.

use chrono::{DateTime, NaiveDate, Utc};
use sportello_protocol::{
    Callback, ContactPoint, Customer, EntityKind, Order, OrderItem, PasswordState, PasswordStatus,
    Shipment, Ticket,
};

use super::{money, CustomerRow, OrderRow, SeedBatch, ShipmentRow, TicketRow};
use sportello_protocol::contact::ContactKey;

/// The account e-mail as a contact point: its id is derived from the customer's.
pub fn account_contact(customer_id: &str, email: &str) -> ContactPoint {
    ContactPoint {
        id: format!("E-{customer_id}"),
        label: "account".into(),
        masked: crate::mask::email(email),
        wrong_number: false,
    }
}

pub fn phone_contact(id: String, label: String, number: &str, wrong_number: bool) -> ContactPoint {
    ContactPoint {
        id,
        label,
        masked: crate::mask::phone(number),
        wrong_number,
    }
}

pub fn recipient_contact(id: String, name: String, email: &str) -> ContactPoint {
    ContactPoint {
        id,
        label: name,
        masked: crate::mask::email(email),
        wrong_number: false,
    }
}

/// A delivery password's stored fields, without its code.
pub struct StoredPassword {
    pub generation: u32,
    pub state: PasswordState,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The delivery day (in the delivery time zone) the counters count.
    pub counters_day: NaiveDate,
    pub sends_today: u32,
    pub regenerations_today: u32,
    pub failed_verifications: u32,
    /// The last sends and regenerations, newest first.
    pub history: Vec<sportello_protocol::PasswordEvent>,
}

/// What an agent sees of a delivery password at `now`: the day's counters start again when
/// the delivery day changes in `delivery_tz` (rule 3.8), and an active code past its expiry
/// shows as expired.
pub fn password_status(
    p: &StoredPassword,
    delivery_tz: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<PasswordStatus> {
    let today = crate::expiry::day_in(crate::expiry::zone(delivery_tz)?, now);
    let counted = |n: u32| if p.counters_day == today { n } else { 0 };
    let state = if p.state == PasswordState::Active && p.expires_at <= now {
        PasswordState::Expired
    } else {
        p.state
    };
    Ok(PasswordStatus {
        state,
        generation: p.generation,
        issued_at: p.issued_at,
        expires_at: p.expires_at,
        sends_today: counted(p.sends_today),
        regenerations_today: counted(p.regenerations_today),
        failed_verifications: p.failed_verifications,
        history: p.history.clone(),
    })
}

/// A customer's document; `key` makes the contact tokens the console finds it by (rule 5.2).
pub fn customer(c: &CustomerRow, key: &ContactKey) -> Customer {
    Customer {
        id: c.id.clone(),
        name: c.name.clone(),
        language: c.language.clone(),
        email: account_contact(&c.id, &c.email),
        phones: c
            .phones
            .iter()
            .map(|p| phone_contact(p.id.clone(), p.label.clone(), &p.number, p.wrong_number))
            .collect(),
        trusted_recipients: c
            .recipients
            .iter()
            .map(|r| recipient_contact(r.id.clone(), r.name.clone(), &r.email))
            .collect(),
        contact_tokens: sportello_protocol::contact::customer_tokens(
            key,
            &c.email,
            c.phones.iter().map(|p| p.number.as_str()),
        ),
    }
}

/// An order; `shipment_ids` sorted by id.
pub fn order(o: &OrderRow, shipment_ids: Vec<String>) -> Order {
    Order {
        id: o.id.clone(),
        customer_id: o.customer_id.clone(),
        placed_at: o.placed_at,
        items: o
            .items
            .iter()
            .map(|it| OrderItem {
                title: it.title.clone(),
                quantity: it.quantity,
                price: money(it.price_cents),
                frequently_returned: it.frequently_returned,
            })
            .collect(),
        total: money(o.total_cents),
        currency: o.currency.clone(),
        shipment_ids,
    }
}

/// A shipment of an order of `customer`, as seen at `now`.
pub fn shipment(s: &ShipmentRow, customer: &CustomerRow, now: DateTime<Utc>) -> Shipment {
    let account = account_contact(&customer.id, &customer.email);
    let trusted = customer
        .recipients
        .iter()
        .map(|r| recipient_contact(r.id.clone(), r.name.clone(), &r.email));
    Shipment {
        id: s.id.clone(),
        order_id: s.order_id.clone(),
        carrier: s.carrier.clone(),
        tracking_number: s.tracking_number.clone(),
        status: s.status,
        delivery_date: s.delivery_date,
        delivery_tz: s.delivery_tz.clone(),
        events: s.events.clone(),
        password: s.password.as_ref().map(|p| {
            let stored = StoredPassword {
                generation: p.generation,
                state: p.state,
                issued_at: p.issued_at,
                expires_at: p.expires_at,
                counters_day: p.counters_day,
                sends_today: p.sends_today,
                regenerations_today: p.regenerations_today,
                failed_verifications: p.failed_verifications,
                history: p.history.clone(),
            };
            password_status(&stored, &s.delivery_tz, now)
                .expect("seeded shipments are in known time zones")
        }),
        recipients: std::iter::once(account).chain(trusted).collect(),
    }
}

/// The order callbacks are listed in on a ticket.
pub fn sort_callbacks(callbacks: &mut [Callback]) {
    callbacks.sort_by(|a, b| (a.due_at, &a.id).cmp(&(b.due_at, &b.id)));
}

pub fn ticket(t: &TicketRow) -> Ticket {
    let mut callbacks = t.callbacks.clone();
    sort_callbacks(&mut callbacks);
    Ticket {
        id: t.id.clone(),
        customer_id: t.customer_id.clone(),
        order_id: t.order_id.clone(),
        category: t.category,
        channel: t.channel,
        status: t.status,
        subject: t.subject.clone(),
        assignee: t.assignee.clone(),
        created_at: t.created_at,
        updated_at: t.updated_at,
        resolution: t.resolution.clone(),
        closed_at: t.closed_at,
        messages: t.messages.clone(),
        callbacks,
    }
}

/// One entity's document, serialised, ready for the feed.
pub struct FeedDoc {
    pub kind: EntityKind,
    pub id: String,
    pub data: String,
}

/// A document as its feed row carries it.
pub fn feed_doc<T: serde::Serialize>(kind: EntityKind, id: &str, doc: &T) -> FeedDoc {
    FeedDoc {
        kind,
        id: id.to_owned(),
        data: serde_json::to_string(doc).expect("documents serialise"),
    }
}

/// Every document a seed batch adds to the feed, in dependency order so a reader never meets
/// a ticket before its customer: customers, orders, shipments, then each ticket and its
/// callbacks.
pub fn seed_docs(batch: &SeedBatch, now: DateTime<Utc>, key: &ContactKey) -> Vec<FeedDoc> {
    let customers: std::collections::HashMap<&str, &CustomerRow> =
        batch.customers.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut shipments_of: std::collections::HashMap<&str, Vec<String>> = Default::default();
    for s in &batch.shipments {
        shipments_of
            .entry(s.order_id.as_str())
            .or_default()
            .push(s.id.clone());
    }
    let order_customer: std::collections::HashMap<&str, &str> = batch
        .orders
        .iter()
        .map(|o| (o.id.as_str(), o.customer_id.as_str()))
        .collect();
    let mut docs = Vec::new();
    for c in &batch.customers {
        docs.push(feed_doc(EntityKind::Customer, &c.id, &customer(c, key)));
    }
    for o in &batch.orders {
        let mut ids = shipments_of.remove(o.id.as_str()).unwrap_or_default();
        ids.sort();
        docs.push(feed_doc(EntityKind::Order, &o.id, &order(o, ids)));
    }
    for s in &batch.shipments {
        let owner = order_customer
            .get(s.order_id.as_str())
            .and_then(|c| customers.get(c))
            .expect("a seed batch holds the order and customer of each shipment");
        docs.push(feed_doc(
            EntityKind::Shipment,
            &s.id,
            &shipment(s, owner, now),
        ));
    }
    for e in &batch.audit {
        docs.push(feed_doc(EntityKind::Audit, &e.seq.to_string(), e));
    }
    for t in &batch.tickets {
        docs.push(feed_doc(EntityKind::Ticket, &t.id, &ticket(t)));
        for cb in &t.callbacks {
            docs.push(feed_doc(EntityKind::Callback, &cb.id, cb));
        }
    }
    docs
}
