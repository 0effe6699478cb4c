//! What the store's methods take and give besides the wire documents: the rows of a change
//! an action asks for, a claimed idempotency key, an applied change or its replayed answer, a
//! mail claimed from the outbox, an account as the command line lists it, a throttle's try,
//! what the sweeper removes.

use chrono::{DateTime, NaiveDate, Utc};
use sportello_protocol::{AgentInfo, Ticket};

use crate::secrets::SealedCode;

/// How long an idempotency key is remembered.
pub const IDEMPOTENCY_KEY_LIFETIME_HOURS: i64 = 24;

/// A state-changing request's idempotency key, scoped to the agent who sent it, with a hash
/// of the request (method, path, body) so a key cannot be reused for something else.
pub struct Idempotency {
    pub agent_id: String,
    pub key: String,
    pub request_hash: Vec<u8>,
    pub at: DateTime<Utc>,
}

/// The result of a state-changing store call.
#[derive(Debug)]
pub enum Applied<T> {
    /// The change was made now.
    Done(T),
    /// The key was used before for this very request: nothing changed, here is the first
    /// answer (JSON text).
    Replayed(String),
}

/// A delivery-password action as the store applies it, under the password's row lock.
pub struct PasswordActionRequest<'a> {
    pub shipment_id: &'a str,
    pub actor: &'a AgentInfo,
    pub reason: &'a str,
    /// How the caller's identity was checked, as the audit records it.
    pub identity_check: &'a str,
    pub action: PasswordAction<'a>,
    /// The case the agent acted from, for the audit.
    pub ticket_id: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// An audit entry before the chain numbers and hashes it (rule 3.10). Never a code.
pub struct NewAuditEntry<'a> {
    pub at: DateTime<Utc>,
    pub actor: &'a AgentInfo,
    pub action: sportello_protocol::AuditAction,
    /// `None` when done; the problem type that refused it otherwise.
    pub refused: Option<&'static str>,
    pub shipment_id: &'a str,
    pub ticket_id: Option<&'a str>,
    pub generation: u32,
    pub reason: String,
    pub identity_check: String,
    pub channel: &'static str,
    pub destination: String,
}

pub enum PasswordAction<'a> {
    /// Send the current code again to a contact on file (its id from `recipients`).
    Resend { recipient_id: &'a str },
    /// Retire the code and issue a new one, sealed by `seal(new_generation)`, mailed to the
    /// account e-mail.
    Regenerate {
        seal: &'a (dyn Fn(u32) -> SealedCode + Send + Sync),
    },
}

/// A mail claimed from the outbox, with everything needed to write it.
pub struct OutboxMail {
    pub id: i64,
    pub kind: String,
    pub attempts: u32,
    pub to_name: String,
    pub to_email: String,
    pub customer_name: String,
    pub language: String,
    pub content: MailContent,
}

/// What a claimed mail is about.
pub enum MailContent {
    /// A delivery password. `code` is the sealed copy of its generation's code, if that
    /// generation is still the password's current one.
    Password {
        shipment_id: String,
        generation: u32,
        delivery_date: NaiveDate,
        delivery_tz: String,
        expires_at: DateTime<Utc>,
        code: Option<SealedCode>,
    },
    /// The summary of a closed ticket, with its whole conversation (internal notes too: the
    /// template leaves them out).
    Summary { ticket: Box<Ticket> },
    /// A notice to the account e-mail (rule 8.1, 8.2).
    Notice(CustomerNotice),
    /// An agent's reply on an e-mail ticket (rule 8.3): the ticket and which message.
    Reply {
        ticket: Box<Ticket>,
        message_id: String,
    },
}

/// The outbox kind of a closing summary mail.
pub const SUMMARY_MAIL: &str = "ticket_summary";

/// Kind of the outbox rows that carry a [`CustomerNotice`] to the account e-mail.
pub const NOTICE_MAIL: &str = "customer_notice";

/// A reply or note as the store appends it to a conversation.
pub struct NewMessageRow {
    pub kind: sportello_protocol::MessageKind,
    pub author: String,
    pub at: DateTime<Utc>,
    pub body: String,
}

/// A callback as the store adds it to an open ticket; `due_at` already follows the rules of
/// [`crate::callback::due_at`].
pub struct NewCallbackRow {
    pub phone_id: String,
    pub due_at: DateTime<Utc>,
    pub note: String,
    /// Username of the agent who logs it; becomes the ticket's assignee if it has none.
    pub agent: String,
    pub at: DateTime<Utc>,
}

/// A callback attempt as the store applies it under [`crate::callback::Record::attempt`].
pub struct AttemptRow {
    pub outcome: sportello_protocol::CallbackOutcome,
    pub note: String,
    /// Display name of the agent who called.
    pub agent: String,
    pub at: DateTime<Utc>,
}

/// An agent with the hash to check a password against.
pub struct AgentRecord {
    pub info: AgentInfo,
    /// PHC string of an argon2id hash.
    pub password_hash: String,
    /// Disabled accounts cannot sign in (rule 6.4).
    pub disabled: bool,
}

/// An account as `agent list` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentListing {
    pub info: AgentInfo,
    pub disabled: bool,
    /// Why the server disabled it on its own, e.g. too many wrong codes (rule 3.9).
    pub flagged: Option<String>,
    /// Sessions not yet expired.
    pub sessions: u32,
}

/// One throttle's window (rule 6.2): `key` names a username or a client address.
pub struct ThrottleTry<'a> {
    pub key: &'a str,
    pub now: DateTime<Utc>,
    /// Windows that started at or before this have ended: their count starts again.
    pub window_ended_before: DateTime<Utc>,
    /// Tries a window allows.
    pub limit: u32,
}

/// What the sweeper removes: rows older than each cutoff (rule 6.5).
pub struct SweepCutoffs {
    /// Throttle windows that started at or before this have ended.
    pub throttles: DateTime<Utc>,
    /// Sessions (agents' and customers') and sign-in links that expired at or before this.
    pub sessions: DateTime<Utc>,
    /// Idempotency keys created before this.
    pub idempotency_keys: DateTime<Utc>,
    /// Wrong codes entered before this no longer count toward a courier's lock-out.
    pub verification_failures: DateTime<Utc>,
}

/// How many rows a sweep removed, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub throttles: u64,
    pub sessions: u64,
    pub idempotency_keys: u64,
    pub verification_failures: u64,
}

/// A revealed phone number and what the audit keeps of the reveal (rule 5.3).
pub struct Revealed {
    pub phone_id: String,
    pub number: String,
    pub masked: String,
}

/// A customer as their own page knows them: never shown to agents like this.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CustomerAccount {
    pub id: String,
    pub name: String,
    /// The account e-mail, whole.
    pub email: String,
    pub language: String,
}

/// A trusted recipient as the customer who added them sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedRecipient {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// What a notice mail to a customer says; kept as JSON in its outbox row. Never a code, and
/// never a sign-in link's secret: the link is made again from its id and the keys when the mail
/// is written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
pub enum CustomerNotice {
    /// A sign-in link (rule 8.1), made from `link_id` with the keys of `key_id`.
    SigninLink { link_id: String, key_id: String },
    /// A trusted recipient was added (rule 8.2).
    TrustedAdded {
        recipient: String,
        email: String,
        at: DateTime<Utc>,
    },
    /// A code went somewhere other than the account e-mail (rule 8.2).
    SentElsewhere {
        shipment_id: String,
        recipient: String,
        /// Masked.
        destination: String,
        channel: String,
        at: DateTime<Utc>,
    },
}

/// A sign-in link to record, with its mail, in one transaction.
pub struct NewSigninLink<'a> {
    pub token_hash: &'a [u8],
    pub customer_id: &'a str,
    pub notice: CustomerNotice,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What reading a code back found (rule 8.1).
pub enum ReadBack {
    /// The active password: its sealed code, to be opened for its owner only.
    Code {
        generation: u32,
        expires_at: DateTime<Utc>,
        delivery_tz: String,
        code: SealedCode,
    },
    /// No password, or one that is not active (nothing was read, nothing audited).
    NotActive(Option<sportello_protocol::PasswordState>),
}

/// A customer's request for help, as the contact form sends it (rule 8.3).
pub struct NewRequest<'a> {
    pub customer_id: &'a str,
    /// One of the customer's orders, when it concerns one.
    pub order_id: Option<&'a str>,
    pub category: sportello_protocol::Category,
    pub subject: &'a str,
    /// The customer's first message.
    pub note: &'a str,
    /// `email` or `phone_callback`.
    pub channel: sportello_protocol::Channel,
    /// For a callback: the phone on file and when it is due.
    pub callback: Option<(&'a str, DateTime<Utc>)>,
    pub now: DateTime<Utc>,
}

/// The outbox kind of an agent's reply mailed to the customer (rule 8.3).
pub const REPLY_MAIL: &str = "ticket_reply";

/// A message a customer wrote on a social network, as the connector posted it (rule 8.5),
/// checked by the service.
pub struct NewSocialMessage<'a> {
    pub network: &'a str,
    /// The network's id of the message.
    pub external_id: &'a str,
    pub handle: &'a str,
    /// The name shown for a customer the handle makes (the handle when the network gave none).
    pub name: &'a str,
    pub visibility: sportello_protocol::SocialVisibility,
    /// The primary language subtag, one of the thirteen.
    pub language: &'a str,
    pub text: &'a str,
    /// A new conversation's subject.
    pub subject: &'a str,
    pub now: DateTime<Utc>,
}
