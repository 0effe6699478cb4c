//! What the console core hands to the shell and the UI: queue rows, a case, status, progress,
//! errors. Generated into TypeScript with the wire types (`cargo xtask codegen`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sportello_protocol::{
    AgentInfo, Category, Channel, Customer, Order, Shipment, Ticket, TicketStatus,
};
use ts_rs::TS;

/// A request for one page of the queue, read from the cache.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct QueueQuery {
    /// Free text, searched as you type: ticket id, order id, tracking number, customer name,
    /// e-mail, phone (any digits of it), subject and conversation.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub status: Option<TicketStatus>,
    #[serde(default)]
    pub category: Option<Category>,
    /// Only tickets with a callback due now.
    #[serde(default)]
    #[ts(optional)]
    pub due_only: Option<bool>,
    #[serde(default)]
    pub offset: u32,
    /// At most 500; 0 means the default of 100.
    #[serde(default)]
    pub limit: u32,
}

/// One line of the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueueRow {
    pub id: String,
    pub subject: String,
    pub customer_name: String,
    pub category: Category,
    pub channel: Channel,
    pub status: TicketStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// A scheduled callback is due now or overdue.
    pub callback_due: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    /// Rows matching the query, over all pages; a search stops counting at [`SEARCH_CAP`]
    /// and lists that many.
    pub total: u32,
    /// More tickets match the search than `total`: type more to narrow it.
    pub more: bool,
}

/// A search stops counting here: the queue then shows "1,000+" and the most recently changed
/// matches first, since ranking most of the cache by relevance is neither fast nor useful.
pub const SEARCH_CAP: u32 = 1000;

/// Rows the console's queue asks for at a time: three screens of a tall window. The shell reads
/// the first page of this size ahead, while the window loads, so the window's first ask finds
/// it read; every row read is cache pages decrypted and held, so a start-up reads this page
/// and no more (the window reads ahead only half a page beyond its view, see
/// `ui/src/lib/queuePaging.ts`).
pub const QUEUE_PAGE: u32 = 100;

/// Everything the case view shows, assembled from the cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CaseView {
    pub ticket: Ticket,
    pub customer: Option<Customer>,
    pub order: Option<Order>,
    pub shipments: Vec<Shipment>,
}

/// A scheduled callback that just fell due: announced once, as a desktop notification and
/// the `callbacks-due` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DueCallback {
    pub callback_id: String,
    pub ticket_id: String,
    pub subject: String,
    pub customer_name: String,
    pub due_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Connection {
    /// No session: the sign-in screen.
    SignedOut,
    /// Signed in and the server answers.
    Online,
    /// The server cannot be reached: cached cases are read-only.
    Offline,
}

/// What the status bar shows, always.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConsoleStatus {
    pub connection: Connection,
    pub server_url: Option<String>,
    pub username: Option<String>,
    pub agent: Option<AgentInfo>,
    /// When the cache last finished a sync with the server.
    pub last_sync_at: Option<DateTime<Utc>>,
    pub cached_tickets: u32,
    /// A cache is open, so the queue and cases can be reviewed.
    pub cache_available: bool,
    /// This computer keeps the agent's cached cases, locked: only their password opens them
    /// (after a restart, or after signing out; rule 7.2).
    pub locked: bool,
    /// Actions waiting in the outbox to reach the server.
    pub pending_actions: u32,
    /// Actions the server refused on replay: the agent reviews and discards them.
    pub failed_actions: u32,
}

/// What an outbox action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Reply,
    Note,
    Attempt,
    Close,
}

impl ActionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Reply => "reply",
            ActionKind::Note => "note",
            ActionKind::Attempt => "attempt",
            ActionKind::Close => "close",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "reply" => ActionKind::Reply,
            "note" => ActionKind::Note,
            "attempt" => ActionKind::Attempt,
            "close" => ActionKind::Close,
            _ => return None,
        })
    }
}

/// An action in the outbox: written before it is sent, sent with its own idempotency key
/// until the server's answer is stored, so it reaches the server exactly once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PendingAction {
    /// Position in the outbox: actions are replayed in this order.
    pub seq: i64,
    pub kind: ActionKind,
    pub ticket_id: String,
    /// The callback an attempt is for.
    pub callback_id: Option<String>,
    /// The text the agent wrote (message body, attempt note, resolution).
    pub text: String,
    pub created_at: DateTime<Utc>,
    /// Why the server refused it on replay (e.g. the case was closed by someone else); `None`
    /// while it waits to be sent.
    pub error: Option<String>,
}

/// Sync progress, sent as the `sync-progress` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncProgress {
    /// Changes applied in this run.
    pub applied: u32,
    /// Best estimate of the changes this run will apply in all.
    pub total: u32,
    /// Changes applied per second so far in this run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rate: Option<u32>,
    /// Best estimate of the seconds left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub seconds_left: Option<u32>,
    pub finished: bool,
    /// Why the sync stopped early, in words for the agent.
    pub error: Option<ConsoleError>,
}

/// What went wrong, for the agent: a stable kind the UI acts on, a code and parameters it words
/// in the agent's language, and the same in English (logs, the command line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ConsoleError {
    pub kind: ErrorKind,
    /// Which message: the UI's `error.<code>` text, filled from `params`.
    pub code: ErrorCode,
    /// The values the message names (see [`ErrorCode::params`]).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// The message in English: what happened and what to do next.
    pub message: String,
    /// For a limit reached: when it resets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resets_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Wrong username or password.
    InvalidCredentials,
    /// The server cannot be reached at that address.
    Unreachable,
    /// The session expired or was revoked: sign in again.
    SessionExpired,
    /// The thing asked for is not in the cache or on the server.
    NotFound,
    /// The input makes no sense (e.g. a malformed server URL).
    InvalidInput,
    /// The server answered with an error.
    Server,
    /// The local cache failed.
    Cache,
    /// A delivery-password limit: the message says which, `resets_at` when it resets.
    LimitReached,
    /// The agent's role may not do this (e.g. a third regeneration needs a lead).
    NotAllowed,
    /// The case's state forbids it (e.g. the shipment was delivered, the password is locked).
    Conflict,
}

/// Which message an error shows. Each names the parameters its text uses
/// ([`ErrorCode::params`]); the UI has a text for every code in every language (a test checks
/// them against the list generated from here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// `address` is not a server address.
    InvalidAddress,
    /// `address` is plain http:// to another computer.
    PlainHttp,
    /// The server at `server` does not answer.
    Unreachable,
    /// The server at `server` showed a certificate this computer does not trust (`detail`).
    UntrustedCertificate,
    InvalidCredentials,
    /// The sign-in form lacks a username or password.
    MissingCredentials,
    SessionExpired,
    /// An action that needs the server, without a session.
    SignInFirst,
    /// An action that needs the server, while it cannot be reached: nothing was done.
    NeedsServer,
    /// Working cases before this console ever signed in.
    SignInOnce,
    /// `user` has no session kept for `server` (the command line).
    NoSessionKept,
    /// The server's answer does not decode (`detail`).
    UnexpectedAnswer,
    /// A delivery-password limit: which (`limit`, a [`sportello_protocol::PasswordLimit`]) and
    /// its number (`max`); `resets_at` says when it resets.
    LimitReached,
    /// Only a lead may do this (`detail`).
    LeadRequired,
    /// The case's state forbids it (`detail`).
    NotPossible,
    /// Too soon after the last attempt: at least `minutes` between two; `resets_at` says when
    /// the next may be made.
    TooSoon,
    /// Too many requests: the server refused (`detail`).
    Throttled,
    /// The server refused the request (`detail`).
    Refused,
    /// Case `id` is not cached.
    CaseNotCached,
    /// Callback `id` is not cached.
    CallbackNotCached,
    /// No cache yet: sign in to sync.
    NothingCached,
    /// The local cache failed (`detail`).
    CacheFailed,
    /// The cache's key could not be kept (`detail`).
    KeyNotKept,
    /// The sign-in profile could not be saved (`detail`).
    ProfileNotSaved,
    /// The password does not open the cached cases.
    WrongUnlockPassword,
    /// Deleting the cache would lose `count` waiting actions.
    ActionsWaiting,
    /// Only leads and admins see the audit trail.
    LeadOnly,
    /// A courier's or the carrier feed's account (`role`) signed in to the console.
    AccountNotForConsole,
    /// The export could not be written to `path` (`detail`).
    ExportFailed,
    /// The hand-over screen's shipment id is empty.
    ShipmentIdMissing,
    /// What the recipient told is not six digits: not sent, so it costs no attempt.
    CodeNotSixDigits,
    /// The server has no shipment `id`.
    UnknownShipment,
    /// Only a courier's account checks delivery passwords.
    CourierOnly,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 33] = [
        ErrorCode::InvalidAddress,
        ErrorCode::PlainHttp,
        ErrorCode::Unreachable,
        ErrorCode::UntrustedCertificate,
        ErrorCode::InvalidCredentials,
        ErrorCode::MissingCredentials,
        ErrorCode::SessionExpired,
        ErrorCode::SignInFirst,
        ErrorCode::NeedsServer,
        ErrorCode::SignInOnce,
        ErrorCode::NoSessionKept,
        ErrorCode::UnexpectedAnswer,
        ErrorCode::LimitReached,
        ErrorCode::LeadRequired,
        ErrorCode::NotPossible,
        ErrorCode::TooSoon,
        ErrorCode::Throttled,
        ErrorCode::Refused,
        ErrorCode::CaseNotCached,
        ErrorCode::CallbackNotCached,
        ErrorCode::NothingCached,
        ErrorCode::CacheFailed,
        ErrorCode::KeyNotKept,
        ErrorCode::ProfileNotSaved,
        ErrorCode::WrongUnlockPassword,
        ErrorCode::ActionsWaiting,
        ErrorCode::LeadOnly,
        ErrorCode::AccountNotForConsole,
        ErrorCode::ExportFailed,
        ErrorCode::ShipmentIdMissing,
        ErrorCode::CodeNotSixDigits,
        ErrorCode::UnknownShipment,
        ErrorCode::CourierOnly,
    ];

    /// The parameters the code's message names, each always given.
    pub fn params(self) -> &'static [&'static str] {
        use ErrorCode as C;
        match self {
            C::InvalidAddress | C::PlainHttp => &["address"],
            C::Unreachable => &["server"],
            C::UntrustedCertificate => &["server", "detail"],
            C::NoSessionKept => &["user", "server"],
            C::LimitReached => &["limit", "max"],
            C::TooSoon => &["minutes"],
            C::UnexpectedAnswer
            | C::LeadRequired
            | C::NotPossible
            | C::Throttled
            | C::Refused
            | C::CacheFailed
            | C::KeyNotKept
            | C::ProfileNotSaved => &["detail"],
            C::CaseNotCached | C::CallbackNotCached | C::UnknownShipment => &["id"],
            C::ActionsWaiting => &["count"],
            C::AccountNotForConsole => &["role"],
            C::ExportFailed => &["path", "detail"],
            C::InvalidCredentials
            | C::MissingCredentials
            | C::SessionExpired
            | C::SignInFirst
            | C::NeedsServer
            | C::SignInOnce
            | C::NothingCached
            | C::WrongUnlockPassword
            | C::LeadOnly
            | C::ShipmentIdMissing
            | C::CodeNotSixDigits
            | C::CourierOnly => &[],
        }
    }
}

impl ConsoleError {
    /// An error of `kind` worded by `code`; its parameters follow with [`ConsoleError::with`].
    pub fn new(kind: ErrorKind, code: ErrorCode, message: impl Into<String>) -> Self {
        ConsoleError {
            kind,
            code,
            params: BTreeMap::new(),
            message: message.into(),
            resets_at: None,
        }
    }

    /// Adds a parameter the code's message names.
    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        debug_assert!(
            self.code.params().contains(&name),
            "{:?} names no {name}",
            self.code
        );
        self.params.insert(name.to_string(), value.to_string());
        self
    }
}

/// What the lead view asks of the cached audit trail: every filter optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditFilter {
    /// Entries at or after this time.
    #[serde(default)]
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
    /// An actor's username.
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub action: Option<sportello_protocol::AuditAction>,
    #[serde(default)]
    pub outcome: Option<sportello_protocol::AuditOutcome>,
    /// A shipment's or an order's id, typed in.
    #[serde(default)]
    pub shipment: Option<String>,
    /// Entries after this sequence number (the last page's `next_cursor`).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub cursor: Option<u64>,
    /// At most 1,000; 0 means 200.
    #[serde(default)]
    pub limit: u32,
}

/// A page of the cached trail, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditTrailPage {
    pub entries: Vec<sportello_protocol::AuditEntry>,
    /// Where the next page starts, when there is one.
    #[ts(type = "number | null")]
    pub next_cursor: Option<u64>,
}

/// Sends and regenerations of one agent on one day (the lead view's chart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DailyCount {
    /// The calendar day in the lead's time zone.
    pub day: chrono::NaiveDate,
    pub actor_username: String,
    pub actor_name: String,
    pub resends: u32,
    pub regenerations: u32,
}

/// A pattern a lead should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// An agent's sends and regenerations on a day above three times the team's median.
    BusyDay,
    /// A regeneration followed by a resend of the same shipment by the same agent within ten
    /// minutes.
    ResendAfterRegenerate,
    /// Actions between 22:00 and 06:00 (the lead's time zone).
    NightActions,
    /// One shipment touched by three or more agents in a day.
    ManyAgents,
    /// A password locked after wrong codes.
    LockAfterWrongCodes,
    /// Codes sent to a trusted recipient rather than the account's e-mail.
    TrustedRecipient,
}

impl FlagKind {
    pub const ALL: [FlagKind; 6] = [
        FlagKind::BusyDay,
        FlagKind::ResendAfterRegenerate,
        FlagKind::NightActions,
        FlagKind::ManyAgents,
        FlagKind::LockAfterWrongCodes,
        FlagKind::TrustedRecipient,
    ];
}

/// One flag, with what its explanation names and the entries it points at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditFlag {
    pub kind: FlagKind,
    /// The day it happened, in the lead's time zone.
    pub day: chrono::NaiveDate,
    /// The agent it concerns, if one.
    pub actor_name: Option<String>,
    /// The shipment it concerns, if one.
    pub shipment_id: Option<String>,
    /// How many actions (or agents, for `many_agents`).
    pub count: u32,
    /// The team's median that day (`busy_day` only).
    pub median: Option<f64>,
    /// The entries it points at.
    #[ts(type = "number[]")]
    pub seqs: Vec<u64>,
}

/// What the lead view shows beside the trail: the chart's counts and the flags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AuditSummary {
    pub daily: Vec<DailyCount>,
    pub flags: Vec<AuditFlag>,
    /// How many cached entries the summary read.
    pub entries: u32,
}
