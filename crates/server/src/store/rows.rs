//! The rows `seed` writes, mirroring the tables, in self-contained batches.

use chrono::{DateTime, NaiveDate, Utc};
use sportello_protocol::{
    AgentInfo, Callback, Message, PasswordState, ShipmentStatus, TicketStatus, TrackingEvent,
};

use crate::secrets::SealedCode;

pub struct NewAgent {
    pub info: AgentInfo,
    pub password_hash: String,
}

pub struct PhoneRow {
    pub id: String,
    pub label: String,
    pub number: String,
    /// Found to be a wrong number on a callback attempt.
    pub wrong_number: bool,
}

pub struct RecipientRow {
    pub id: String,
    pub name: String,
    pub email: String,
}

pub struct CustomerRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub language: String,
    pub phones: Vec<PhoneRow>,
    pub recipients: Vec<RecipientRow>,
}

pub struct ItemRow {
    pub title: String,
    pub quantity: u32,
    pub price_cents: i64,
    pub frequently_returned: bool,
}

pub struct OrderRow {
    pub id: String,
    pub customer_id: String,
    pub placed_at: DateTime<Utc>,
    pub total_cents: i64,
    pub currency: String,
    pub items: Vec<ItemRow>,
}

pub struct PasswordRow {
    pub generation: u32,
    pub state: PasswordState,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub code: SealedCode,
    pub counters_day: NaiveDate,
    pub sends_today: u32,
    pub regenerations_today: u32,
    pub failed_verifications: u32,
    pub last_sent_at: Option<DateTime<Utc>>,
    /// Its seeded sends and regenerations, newest first (the audit history's, for its card).
    pub history: Vec<sportello_protocol::PasswordEvent>,
}

pub struct ShipmentRow {
    pub id: String,
    pub order_id: String,
    pub carrier: String,
    pub tracking_number: String,
    pub status: ShipmentStatus,
    pub delivery_date: NaiveDate,
    pub delivery_tz: String,
    pub events: Vec<TrackingEvent>,
    pub password: Option<PasswordRow>,
}

pub struct TicketRow {
    pub id: String,
    pub customer_id: String,
    pub order_id: Option<String>,
    pub category: sportello_protocol::Category,
    pub channel: sportello_protocol::Channel,
    pub status: TicketStatus,
    pub subject: String,
    pub assignee: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub resolution: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub messages: Vec<Message>,
    pub callbacks: Vec<Callback>,
}

/// One self-contained slice of seed data: every row it references is in it.
#[derive(Default)]
pub struct SeedBatch {
    pub agents: Vec<NewAgent>,
    pub customers: Vec<CustomerRow>,
    pub orders: Vec<OrderRow>,
    pub shipments: Vec<ShipmentRow>,
    pub tickets: Vec<TicketRow>,
    /// Audit entries, already numbered and chained (the seed chains every batch's history
    /// in time order before it writes them).
    pub audit: Vec<sportello_protocol::AuditEntry>,
}

/// `1299` cents → `"12.99"`.
pub fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}
