//! The store: the server's source of truth, behind one trait so the API does not care which
//! engine holds the data. `sqlite://PATH` is the embedded default; `postgres://…` serves many
//! replicas. Both engines expand the same statements (`sql.rs`).

pub mod bulk;
pub mod docs;
mod postgres;
pub mod queries;
mod reads;
mod reworded;
mod sql;
mod sqlite;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sportello_protocol::{
    AgentInfo, Callback, Customer, EntityKind, Message, Order, PasswordState, Shipment,
    ShipmentStatus, SyncPage, Ticket, TicketStatus, TrackingEvent,
};

use crate::secrets::SealedCode;
pub use bulk::{PreparedBatch, SeedEncoder};
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

/// What can go wrong in a store, as the API needs to tell it apart.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached (or timed out): worth retrying, answer 503.
    #[error("the store is unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// What the request names does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The entity's state forbids the change; `kind` is the problem type to answer with.
    #[error("{detail}")]
    Conflict { kind: &'static str, detail: String },
    /// The request names something the entity does not have (e.g. a recipient not on file).
    #[error("{0}")]
    Invalid(String),
    /// A delivery-password limit (rule 7), with when it resets.
    #[error("{detail}")]
    Limit {
        limit: sportello_protocol::PasswordLimit,
        resets_at: DateTime<Utc>,
        retry_after_secs: u64,
        detail: String,
    },
    /// A callback attempt less than ten minutes after the last: the next may be made at
    /// `retry_at` (rule 4.2).
    #[error("{detail}")]
    TooSoon {
        detail: String,
        retry_at: DateTime<Utc>,
        retry_after_secs: u64,
    },
    /// Only a lead may do this (rule 6).
    #[error("{0}")]
    LeadRequired(String),
    /// The acting account was disabled (or removed) while its request was on its way.
    #[error("the account is disabled")]
    Disabled,
    /// The agent already used this idempotency key for a different request.
    #[error("this Idempotency-Key was already used for a different request")]
    KeyReused,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e)
            }
            // PostgreSQL refuses a NUL in text (22021) or a character its encoding lacks
            // (22P05). Free text is checked before it gets here (rule 4.5); an id sent with one
            // names nothing.
            sqlx::Error::Database(db)
                if matches!(db.code().as_deref(), Some("22021") | Some("22P05")) =>
            {
                StoreError::Invalid(
                    "the request holds a character that text may not hold (such as NUL)".into(),
                )
            }
            other => StoreError::Other(other.into()),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Feed pages whose documents stay the JSON text they were stored as: `/sync` passes them
/// through without parsing and re-serialising each one.
pub use sportello_protocol::{RawChange, RawSyncPage};

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
    pub now: DateTime<Utc>,
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
}

/// The outbox kind of a closing summary mail.
pub const SUMMARY_MAIL: &str = "ticket_summary";

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
    /// Sessions that expired at or before this.
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

/// The server's data, whatever the engine.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Applies the embedded migrations.
    async fn migrate(&self) -> StoreResult<()>;
    /// Succeeds when the store answers a query.
    async fn ping(&self) -> StoreResult<()>;
    /// Whether the store holds no tickets and no agents yet.
    async fn is_empty(&self) -> StoreResult<bool>;

    async fn agent_by_username(&self, username: &str) -> StoreResult<Option<AgentRecord>>;
    async fn create_session(
        &self,
        token_hash: &[u8],
        agent_id: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The agent a token hash belongs to, if the session exists and has not expired.
    async fn session_agent(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<AgentInfo>>;

    /// When a live session ends; `None` for an unknown token.
    async fn session_expiry(&self, token_hash: &[u8]) -> StoreResult<Option<DateTime<Utc>>>;

    /// Ends a session: its token stops working at once.
    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;

    /// Counts a sign-in try against a throttle before the password is checked, in one
    /// statement, so concurrent tries (on any replica) cannot pass the limit together.
    /// `Err(window_start)` when the window's tries are used up: nothing was counted.
    async fn reserve_try(&self, t: ThrottleTry<'_>) -> StoreResult<Result<(), DateTime<Utc>>>;
    /// Gives back a try that was not a failure (the password was never checked).
    async fn release_try(&self, key: &str) -> StoreResult<()>;
    /// Forgets a throttle's tries (after a successful sign-in).
    async fn clear_tries(&self, key: &str) -> StoreResult<()>;

    /// Adds an account (rule 6.1); a conflict when the username is taken.
    async fn add_agent(&self, agent: NewAgent) -> StoreResult<()>;
    /// Every account, by username.
    async fn agents(&self, now: DateTime<Utc>) -> StoreResult<Vec<AgentListing>>;
    /// Sets an account's password hash and ends its sessions but `keep` (the session that
    /// changed it, if any). Not found when there is no such account.
    async fn set_password(
        &self,
        agent_id: &str,
        password_hash: &str,
        keep: Option<&[u8]>,
    ) -> StoreResult<()>;
    /// Disables an account and ends its sessions; `flag` says why when the server did it.
    /// Not found when there is no such username.
    async fn disable_agent(&self, username: &str, flag: Option<&str>) -> StoreResult<()>;

    /// Removes throttle windows, sessions, idempotency keys and wrong-code records older than
    /// their cutoffs (rule 6.5).
    async fn sweep(&self, cutoffs: SweepCutoffs) -> StoreResult<Swept>;

    /// The deployment's contact-hash key (rule 5.2), made from the OS CSPRNG the first time.
    async fn contact_key(&self) -> StoreResult<sportello_protocol::contact::ContactKey>;

    /// The full number of a scheduled callback's phone, for the agent working it, with the
    /// reveal audited (rule 5.3). Not found for an unknown callback; a conflict when the
    /// callback is finished.
    async fn reveal_callback_phone(
        &self,
        callback_id: &str,
        actor: &AgentInfo,
        now: DateTime<Utc>,
    ) -> StoreResult<Revealed>;

    async fn customer(&self, id: &str) -> StoreResult<Option<Customer>>;
    async fn order(&self, id: &str) -> StoreResult<Option<Order>>;
    /// A shipment as it stands at `now` (its password may have expired since it was written).
    async fn shipment(&self, id: &str, now: DateTime<Utc>) -> StoreResult<Option<Shipment>>;
    async fn ticket(&self, id: &str) -> StoreResult<Option<Ticket>>;

    /// The current feed document of an entity, as JSON text: what its `GET` answers, read in
    /// one indexed lookup. Shipments are rendered live instead ([`Store::shipment`]): their
    /// password state depends on the clock.
    async fn doc(&self, kind: EntityKind, id: &str) -> StoreResult<Option<String>>;

    /// Appends a reply or internal note to an open ticket, with the ticket's new feed document,
    /// in one transaction. A repeated idempotency key replays the first answer instead.
    async fn add_message(
        &self,
        idem: Option<&Idempotency>,
        ticket_id: &str,
        message: NewMessageRow,
    ) -> StoreResult<Applied<Ticket>>;

    /// Logs a callback on an open ticket, to a phone on file that is not flagged as a wrong
    /// number, with the ticket's and the callback's new feed documents, in one transaction.
    async fn add_callback(
        &self,
        idem: Option<&Idempotency>,
        ticket_id: &str,
        callback: NewCallbackRow,
    ) -> StoreResult<Applied<Ticket>>;

    /// Logs an attempt on a scheduled callback and applies the retry policy (rule 4.2): the
    /// callback, its ticket and (for a wrong number) the customer change in one transaction.
    /// Answers the callback's ticket.
    async fn add_attempt(
        &self,
        idem: Option<&Idempotency>,
        callback_id: &str,
        attempt: AttemptRow,
    ) -> StoreResult<Applied<Ticket>>;

    /// Closes an open ticket with its resolution: scheduled callbacks are cancelled and the
    /// customer's summary mail goes into the outbox, in one transaction.
    async fn close_ticket(
        &self,
        idem: Option<&Idempotency>,
        ticket_id: &str,
        resolution: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Applied<Ticket>>;

    /// Resends or regenerates a delivery password within the rules and limits of docs/product.md §3, with
    /// its audit entry, its mail in the outbox and the shipment's new feed document, in one
    /// transaction. A repeated idempotency key replays the first answer instead.
    async fn password_action(
        &self,
        idem: Option<&Idempotency>,
        request: PasswordActionRequest<'_>,
    ) -> StoreResult<Applied<Shipment>>;

    /// A courier's attempt at a shipment's code (rule 8). `matches(generation, sealed)` compares
    /// in constant time; five wrong codes lock the password until a regeneration. Every
    /// attempt, lock and expiry is audited.
    async fn verify_password(
        &self,
        shipment_id: &str,
        actor: &AgentInfo,
        matches: &(dyn for<'s> Fn(u32, &'s SealedCode) -> bool + Send + Sync),
        now: DateTime<Utc>,
    ) -> StoreResult<sportello_protocol::VerifyResponse>;

    /// A carrier's tracking event. The shipment's status follows it; `shipped` issues a password
    /// (sealed by `seal(generation)`, mailed to the account e-mail) when the order total is at
    /// least `threshold_cents` (rule 1); `delivered` and `returned` retire it (rule 10).
    async fn append_event(
        &self,
        shipment_id: &str,
        event: &TrackingEvent,
        actor: &AgentInfo,
        seal: &(dyn Fn(u32) -> SealedCode + Send + Sync),
        threshold_cents: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<Shipment>;

    /// Claims up to `limit` outbox mails due at `now`, leasing each until `lease_until` so no
    /// other worker (on any replica) takes it meanwhile.
    async fn claim_mail(
        &self,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<Vec<OutboxMail>>;

    /// Marks a mail sent (or, with `note`, settled without sending, e.g. superseded).
    async fn mail_done(&self, id: i64, at: DateTime<Utc>, note: Option<&str>) -> StoreResult<()>;

    /// Records a failed attempt; the mail is due again at `retry_at`.
    async fn mail_failed(&self, id: i64, retry_at: DateTime<Utc>, error: &str) -> StoreResult<()>;

    /// Changes after `since`, oldest first, at most `limit`, with their documents as stored.
    async fn changes_raw(&self, since: i64, limit: u32) -> StoreResult<RawSyncPage>;

    /// [`Store::changes_raw`] with the documents parsed.
    async fn changes(&self, since: i64, limit: u32) -> StoreResult<SyncPage> {
        let raw = self.changes_raw(since, limit).await?;
        let changes = raw
            .changes
            .into_iter()
            .map(|c| {
                Ok(sportello_protocol::Change {
                    cursor: c.cursor,
                    kind: c.kind,
                    id: c.id,
                    deleted: c.deleted,
                    data: serde_json::from_str(c.data.get())
                        .map_err(|e| StoreError::Other(e.into()))?,
                })
            })
            .collect::<StoreResult<_>>()?;
        Ok(SyncPage {
            changes,
            next: raw.next,
            more: raw.more,
            head: raw.head,
        })
    }

    /// Work on a seed batch that needs no database, which `seed` runs on its generator thread
    /// ahead of [`Store::write_seed`] (SQLite encodes its statements there).
    fn seed_encoder(&self) -> Option<SeedEncoder>;

    /// Writes one batch of seed data in one transaction, its feed documents included, in
    /// bulk: a seed store is empty, so nothing already there is touched.
    async fn write_seed(&self, batch: PreparedBatch) -> StoreResult<()>;
}

/// Opens the store a URL names: `sqlite://PATH` (created if missing).
pub async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Arc::new(PgStore::open(url).await?))
    } else {
        anyhow::bail!("unknown store URL {url:?}: expected sqlite://PATH or postgres://…")
    }
}

/// The file path of a `sqlite://` URL, if it is one.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

// ---- seed rows: what `seed` writes, mirroring the tables ----

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
}

/// `1299` cents → `"12.99"`.
pub fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}
