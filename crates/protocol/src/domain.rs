//! The domain as the API shows it to agents: customers, orders, shipments, tickets, callbacks.
//!
//! Contact points arrive masked (`a•••@example.com`, `+39 •••• ••12`) and are picked by id:
//! an agent never types, and never needs, a full address. A delivery password appears only as
//! its status, never its value (rule 3.4).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// A contact point on file (phone, e-mail, trusted recipient), masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct ContactPoint {
    pub id: String,
    pub label: String,
    pub masked: String,
    /// A phone found to be a wrong number on a callback attempt: no callbacks go to it.
    #[serde(default)]
    pub wrong_number: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Customer {
    pub id: String,
    pub name: String,
    /// BCP 47 language tag of the customer's mails: `en` or `it`.
    pub language: String,
    /// The account e-mail, masked.
    pub email: ContactPoint,
    pub phones: Vec<ContactPoint>,
    pub trusted_recipients: Vec<ContactPoint>,
    /// Keyed hashes of the customer's whole e-mail address and phone numbers (see
    /// [`crate::contact`]): the console finds the customer by a whole contact typed in full,
    /// without the contact ever leaving the server (rule 5.2). Never shown.
    #[serde(default)]
    pub contact_tokens: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct OrderItem {
    pub title: String,
    pub quantity: u32,
    /// Unit price as a decimal string in the order's currency, e.g. `"129.90"`.
    pub price: String,
    pub frequently_returned: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Order {
    /// e.g. `402-1234567-1234567`.
    pub id: String,
    pub customer_id: String,
    pub placed_at: DateTime<Utc>,
    pub items: Vec<OrderItem>,
    /// Decimal string, e.g. `"1299.00"`.
    pub total: String,
    /// ISO 4217 code.
    pub currency: String,
    pub shipment_ids: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    LabelCreated,
    Shipped,
    InTransit,
    OutForDelivery,
    DeliveryAttempted,
    Delivered,
    Returned,
}

impl ShipmentStatus {
    pub const ALL: [ShipmentStatus; 7] = [
        ShipmentStatus::LabelCreated,
        ShipmentStatus::Shipped,
        ShipmentStatus::InTransit,
        ShipmentStatus::OutForDelivery,
        ShipmentStatus::DeliveryAttempted,
        ShipmentStatus::Delivered,
        ShipmentStatus::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentStatus::LabelCreated => "label_created",
            ShipmentStatus::Shipped => "shipped",
            ShipmentStatus::InTransit => "in_transit",
            ShipmentStatus::OutForDelivery => "out_for_delivery",
            ShipmentStatus::DeliveryAttempted => "delivery_attempted",
            ShipmentStatus::Delivered => "delivered",
            ShipmentStatus::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One scan or status change reported by the carrier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct TrackingEvent {
    pub at: DateTime<Utc>,
    pub kind: ShipmentStatus,
    pub location: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PasswordState {
    Active,
    Locked,
    Retired,
    Expired,
}

impl PasswordState {
    pub fn as_str(self) -> &'static str {
        match self {
            PasswordState::Active => "active",
            PasswordState::Locked => "locked",
            PasswordState::Retired => "retired",
            PasswordState::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "active" => PasswordState::Active,
            "locked" => PasswordState::Locked,
            "retired" => PasswordState::Retired,
            "expired" => PasswordState::Expired,
            _ => return None,
        })
    }
}

/// The status of a shipment's delivery password. Never its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct PasswordStatus {
    pub state: PasswordState,
    pub generation: u32,
    pub issued_at: DateTime<Utc>,
    /// 23:59:59 of the delivery day in the delivery time zone, as an instant.
    pub expires_at: DateTime<Utc>,
    pub sends_today: u32,
    pub regenerations_today: u32,
    pub failed_verifications: u32,
    /// The last sends and regenerations, newest first (at most [`PasswordStatus::HISTORY`]),
    /// so an agent sees what was done before trying again.
    #[serde(default)]
    pub history: Vec<PasswordEvent>,
}

impl PasswordStatus {
    /// How many past sends and regenerations a status carries.
    pub const HISTORY: usize = 5;
}

/// A send or regeneration of a password, as its card lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct PasswordEvent {
    pub at: DateTime<Utc>,
    pub action: crate::AuditAction,
    /// Who did it (their name at the time).
    pub actor_name: String,
    /// Where the code went, masked.
    pub destination: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Shipment {
    pub id: String,
    pub order_id: String,
    pub carrier: String,
    pub tracking_number: String,
    pub status: ShipmentStatus,
    /// The promised delivery day, in `delivery_tz`.
    pub delivery_date: NaiveDate,
    /// IANA time zone of the delivery address, e.g. `Europe/Rome`.
    pub delivery_tz: String,
    /// Oldest first.
    pub events: Vec<TrackingEvent>,
    pub password: Option<PasswordStatus>,
    /// Where a password may be resent: the account e-mail and the trusted recipients.
    pub recipients: Vec<ContactPoint>,
}

/// Ticket categories, as customers pick them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Orders,
    ReturnsRefunds,
    DigitalDevices,
    Prime,
    PaymentOptions,
    AccountManagement,
    SuspiciousActivity,
    GiftCards,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Orders,
        Category::ReturnsRefunds,
        Category::DigitalDevices,
        Category::Prime,
        Category::PaymentOptions,
        Category::AccountManagement,
        Category::SuspiciousActivity,
        Category::GiftCards,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Orders => "orders",
            Category::ReturnsRefunds => "returns_refunds",
            Category::DigitalDevices => "digital_devices",
            Category::Prime => "prime",
            Category::PaymentOptions => "payment_options",
            Category::AccountManagement => "account_management",
            Category::SuspiciousActivity => "suspicious_activity",
            Category::GiftCards => "gift_cards",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// How the customer reached us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    PhoneCallback,
    Email,
    LiveChat,
    Social,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::PhoneCallback,
        Channel::Email,
        Channel::LiveChat,
        Channel::Social,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::PhoneCallback => "phone_callback",
            Channel::Email => "email",
            Channel::LiveChat => "live_chat",
            Channel::Social => "social",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Not yet picked up.
    New,
    /// Being worked.
    Open,
    /// Waiting for the customer or a third party.
    Pending,
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 4] = [
        TicketStatus::New,
        TicketStatus::Open,
        TicketStatus::Pending,
        TicketStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::New => "new",
            TicketStatus::Open => "open",
            TicketStatus::Pending => "pending",
            TicketStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// What an agent may add to a conversation: customer messages arrive by their own channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NewMessageKind {
    /// An answer the customer receives.
    Reply,
    /// An internal note, never shown to the customer.
    Note,
}

impl From<NewMessageKind> for MessageKind {
    fn from(kind: NewMessageKind) -> Self {
        match kind {
            NewMessageKind::Reply => MessageKind::Reply,
            NewMessageKind::Note => MessageKind::Note,
        }
    }
}

/// `POST /tickets/{id}/messages` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct NewMessage {
    pub kind: NewMessageKind,
    /// Plain text, at most [`NewMessage::MAX_CHARS`] characters, not blank, without control
    /// or bidirectional override characters (rule 4.5); never interpreted as HTML.
    #[schema(
        max_length = 20000,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub body: String,
}

impl NewMessage {
    pub const MAX_CHARS: usize = 20_000;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MessageKind {
    /// Written by the customer.
    Customer,
    /// An agent's answer, sent to the customer.
    Reply,
    /// Internal note: agents only, never mailed.
    Note,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Customer => "customer",
            MessageKind::Reply => "reply",
            MessageKind::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "customer" => MessageKind::Customer,
            "reply" => MessageKind::Reply,
            "note" => MessageKind::Note,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Message {
    pub id: String,
    pub kind: MessageKind,
    /// Display name of the writer.
    pub author: String,
    pub at: DateTime<Utc>,
    /// Plain text; never HTML.
    pub body: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CallbackState {
    Scheduled,
    Completed,
    Failed,
    Cancelled,
}

impl CallbackState {
    pub fn as_str(self) -> &'static str {
        match self {
            CallbackState::Scheduled => "scheduled",
            CallbackState::Completed => "completed",
            CallbackState::Failed => "failed",
            CallbackState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "scheduled" => CallbackState::Scheduled,
            "completed" => CallbackState::Completed,
            "failed" => CallbackState::Failed,
            "cancelled" => CallbackState::Cancelled,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CallbackOutcome {
    Answered,
    NoAnswer,
    Busy,
    Voicemail,
    WrongNumber,
}

impl CallbackOutcome {
    pub const ALL: [CallbackOutcome; 5] = [
        CallbackOutcome::Answered,
        CallbackOutcome::NoAnswer,
        CallbackOutcome::Busy,
        CallbackOutcome::Voicemail,
        CallbackOutcome::WrongNumber,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CallbackOutcome::Answered => "answered",
            CallbackOutcome::NoAnswer => "no_answer",
            CallbackOutcome::Busy => "busy",
            CallbackOutcome::Voicemail => "voicemail",
            CallbackOutcome::WrongNumber => "wrong_number",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct CallbackAttempt {
    pub at: DateTime<Utc>,
    pub agent: String,
    pub outcome: CallbackOutcome,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Callback {
    pub id: String,
    pub ticket_id: String,
    /// A phone id from the customer's `phones`.
    pub phone_id: String,
    pub due_at: DateTime<Utc>,
    pub state: CallbackState,
    pub note: String,
    pub attempts: Vec<CallbackAttempt>,
}

impl Callback {
    /// Attempts a callback gets before it fails (rule 4.2).
    pub const MAX_ATTEMPTS: u32 = 3;
    /// The least time between two attempts, in minutes.
    pub const RETRY_MINUTES: i64 = 10;
    /// "As soon as possible" means due within this many minutes.
    pub const ASAP_MINUTES: i64 = 5;
    /// How far ahead a callback may be scheduled, in days.
    pub const MAX_DAYS_AHEAD: i64 = 30;
}

/// `POST /tickets/{id}/callbacks` body: `{phone_id, due_at, note}` or `{phone_id, asap: true,
/// note}`. The number is picked from the customer's `phones` by id, never typed. Its OpenAPI
/// schema (below) says exactly that; the due time must also be ahead, and at most
/// [`Callback::MAX_DAYS_AHEAD`] days so, which no schema can say.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewCallback {
    pub phone_id: String,
    /// When to call; leave out with `asap: true`.
    #[serde(default)]
    #[ts(optional)]
    pub due_at: Option<DateTime<Utc>>,
    /// Call as soon as possible: due within [`Callback::ASAP_MINUTES`] minutes.
    #[serde(default)]
    #[ts(optional)]
    pub asap: Option<bool>,
    /// Plain text, at most [`NewMessage::MAX_CHARS`] characters (rule 4.5).
    #[serde(default)]
    pub note: String,
}

impl utoipa::PartialSchema for NewCallback {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{
            KnownFormat, ObjectBuilder, OneOfBuilder, SchemaFormat, Type,
        };
        let string = || ObjectBuilder::new().schema_type(Type::String);
        let note = || {
            string()
                .max_length(Some(NewMessage::MAX_CHARS))
                .pattern(Some(crate::text::FREE_TEXT))
        };
        let at_a_time = ObjectBuilder::new()
            .property("phone_id", string())
            .required("phone_id")
            .property(
                "due_at",
                string().format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))),
            )
            .required("due_at")
            .property(
                "asap",
                ObjectBuilder::new().enum_values(Some([
                    serde_json::Value::Bool(false),
                    serde_json::Value::Null,
                ])),
            )
            .property("note", note());
        let as_soon_as_possible = ObjectBuilder::new()
            .property("phone_id", string())
            .required("phone_id")
            .property("due_at", ObjectBuilder::new().schema_type(Type::Null))
            .property(
                "asap",
                ObjectBuilder::new().enum_values(Some([serde_json::Value::Bool(true)])),
            )
            .required("asap")
            .property("note", note());
        OneOfBuilder::new()
            .item(at_a_time)
            .item(as_soon_as_possible)
            .into()
    }
}

impl utoipa::ToSchema for NewCallback {}

/// `POST /callbacks/{id}/reveal` answer: the full number of the callback's phone, for the
/// agent working the callback, never cached (rule 5.3).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct RevealedPhone {
    pub callback_id: String,
    pub phone_id: String,
    pub number: String,
}

/// `POST /callbacks/{id}/attempts` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct NewAttempt {
    pub outcome: CallbackOutcome,
    /// Plain text, at most [`NewMessage::MAX_CHARS`] characters (rule 4.5).
    #[serde(default)]
    #[schema(
        max_length = 20000,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub note: String,
}

/// `POST /tickets/{id}/close` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct CloseTicket {
    /// What was done, in words the customer reads in the summary mail; plain text, at most
    /// [`NewMessage::MAX_CHARS`] characters, not blank (rule 4.5).
    #[schema(
        max_length = 20000,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub resolution: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Ticket {
    pub id: String,
    pub customer_id: String,
    pub order_id: Option<String>,
    pub category: Category,
    pub channel: Channel,
    pub status: TicketStatus,
    pub subject: String,
    /// Username of the agent working the ticket, if any.
    pub assignee: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// What was done, once the ticket is closed.
    #[serde(default)]
    pub resolution: Option<String>,
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
    /// Oldest first.
    pub messages: Vec<Message>,
    pub callbacks: Vec<Callback>,
}
