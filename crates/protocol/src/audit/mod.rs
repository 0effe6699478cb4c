//! The audit trail of delivery-password actions (docs/product.md §8, docs/audit.md): one entry
//! per action or refusal, each chained to the one before by a SHA-256 hash over a canonical
//! encoding, and the chain's head signed now and then with Ed25519 (a checkpoint). The
//! encoding, the hash, the checkpoint's message and the verification live here, so the server,
//! its command line and the console verify alike, and a third party can follow docs/audit.md.

use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use utoipa::{IntoParams, ToSchema};

use crate::Role;

mod chain;

pub use chain::{
    check_checkpoint, AuditKey, AuditVerification, BreakKind, ChainBreak, ChainVerifier, Checkpoint,
};

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A password was issued when its shipment shipped (rule 3.1).
    Issue,
    /// The current code was sent again to a contact on file (rule 3.5).
    Resend,
    /// A new code replaced the current one (rule 3.6).
    Regenerate,
    /// A regeneration of a locked password: a new code, and the lock is gone (rule 3.9).
    Unlock,
    /// A courier's device was told the right code.
    CodeAccepted,
    /// A courier's device was told a wrong code.
    CodeRejected,
    /// Too many wrong codes locked the password (rule 3.9).
    Lock,
    /// The code expired at the end of its delivery day (rule 3.2).
    Expiry,
    /// Delivery or return retired the password (rule 3.11).
    Retire,
    /// The customer who owns the shipment read the code back on their page (rule 8.1).
    ReadBack,
}

impl AuditAction {
    pub const ALL: [AuditAction; 10] = [
        AuditAction::Issue,
        AuditAction::Resend,
        AuditAction::Regenerate,
        AuditAction::Unlock,
        AuditAction::CodeAccepted,
        AuditAction::CodeRejected,
        AuditAction::Lock,
        AuditAction::Expiry,
        AuditAction::Retire,
        AuditAction::ReadBack,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Issue => "issue",
            AuditAction::Resend => "resend",
            AuditAction::Regenerate => "regenerate",
            AuditAction::Unlock => "unlock",
            AuditAction::CodeAccepted => "code_accepted",
            AuditAction::CodeRejected => "code_rejected",
            AuditAction::Lock => "lock",
            AuditAction::Expiry => "expiry",
            AuditAction::Retire => "retire",
            AuditAction::ReadBack => "read_back",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Whether the action happened or a rule refused it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    Done,
    Refused,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditOutcome::Done => "done",
            AuditOutcome::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<AuditOutcome> {
        match s {
            "done" => Some(AuditOutcome::Done),
            "refused" => Some(AuditOutcome::Refused),
            _ => None,
        }
    }
}

/// Who acted, as they were at the time: the entry keeps their username and name, so it reads
/// the same after the account is renamed or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AuditActor {
    pub id: String,
    pub username: String,
    pub name: String,
    pub role: Role,
}

/// One entry of the trail. Never a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AuditEntry {
    /// 1, 2, 3…: gap-free across every replica.
    #[ts(type = "number")]
    pub seq: u64,
    /// When it happened, to the microsecond.
    pub at: DateTime<Utc>,
    pub actor: AuditActor,
    pub action: AuditAction,
    pub outcome: AuditOutcome,
    /// For a refusal: the problem type that refused it (e.g. the limit).
    pub problem: Option<String>,
    pub shipment_id: String,
    pub order_id: String,
    /// The case it was done from, when there is one.
    pub ticket_id: Option<String>,
    /// The password's generation the action concerns.
    pub generation: u32,
    /// Why, in the actor's words, or what the server saw (e.g. "code rejected (2 of 5)").
    pub reason: String,
    /// How the caller was identified (`method` or `method: note`), for agents' actions.
    pub identity_check: String,
    /// `email`, `courier`, `carrier` or `server`.
    pub channel: String,
    /// Where a code went, masked; empty when nothing was sent.
    pub destination: String,
    /// The hash of the entry before (64 hex digits; zeros before the first).
    pub prev_hash: String,
    /// SHA-256 of this entry's canonical encoding (see [`AuditEntry::canonical`]).
    pub hash: String,
}

/// The hash before the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

/// What the canonical encoding starts with: its version.
const ENCODING: &str = "sportello-audit-v1";

/// A time as the chain writes it: RFC 3339 in UTC with exactly six fraction digits.
pub fn chain_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A time as the store keeps it: to the microsecond (both engines keep no more).
pub fn to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

/// The bytes of lowercase or uppercase hex, if it is hex of whole bytes.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    hex::decode(text).ok()
}

/// The 32 bytes of a hash written in hex, if it is one.
pub fn unhex32(text: &str) -> Option<[u8; 32]> {
    let mut out = [0; 32];
    hex::decode_to_slice(text, &mut out).ok()?;
    Some(out)
}

impl AuditEntry {
    /// The canonical encoding (docs/audit.md): the version string, then every field but
    /// `hash`, in order, each as its length (4 bytes, big-endian) and its UTF-8 bytes.
    pub fn canonical(&self) -> Vec<u8> {
        let seq = self.seq.to_string();
        let generation = self.generation.to_string();
        let at = chain_time(self.at);
        let fields: [&str; 19] = [
            ENCODING,
            &seq,
            &at,
            &self.actor.id,
            &self.actor.username,
            &self.actor.name,
            self.actor.role.as_str(),
            self.action.as_str(),
            self.outcome.as_str(),
            self.problem.as_deref().unwrap_or(""),
            &self.shipment_id,
            &self.order_id,
            self.ticket_id.as_deref().unwrap_or(""),
            &generation,
            &self.reason,
            &self.identity_check,
            &self.channel,
            &self.destination,
            &self.prev_hash,
        ];
        let mut out = Vec::with_capacity(fields.iter().map(|f| f.len() + 4).sum());
        for field in fields {
            out.extend_from_slice(&(field.len() as u32).to_be_bytes());
            out.extend_from_slice(field.as_bytes());
        }
        out
    }

    /// SHA-256 of [`AuditEntry::canonical`].
    pub fn compute_hash(&self) -> [u8; 32] {
        Sha256::digest(self.canonical()).into()
    }

    /// Fills `prev_hash` and `hash` for an entry that follows `prev`.
    pub fn chain_after(mut self, prev: &[u8; 32]) -> AuditEntry {
        self.prev_hash = hex(prev);
        self.hash = hex(&self.compute_hash());
        self
    }
}

/// The columns of an entry in a CSV export, in order (every field; `actor_role` and the
/// others as the canonical encoding writes them).
pub const CSV_HEADER: [&str; 19] = [
    "seq",
    "at",
    "actor_id",
    "actor_username",
    "actor_name",
    "actor_role",
    "action",
    "outcome",
    "problem",
    "shipment_id",
    "order_id",
    "ticket_id",
    "generation",
    "reason",
    "identity_check",
    "channel",
    "destination",
    "prev_hash",
    "hash",
];

impl AuditEntry {
    /// The entry's fields as a CSV export writes them, in [`CSV_HEADER`]'s order.
    pub fn csv_record(&self) -> [String; 19] {
        [
            self.seq.to_string(),
            chain_time(self.at),
            self.actor.id.clone(),
            self.actor.username.clone(),
            self.actor.name.clone(),
            self.actor.role.as_str().into(),
            self.action.as_str().into(),
            self.outcome.as_str().into(),
            self.problem.clone().unwrap_or_default(),
            self.shipment_id.clone(),
            self.order_id.clone(),
            self.ticket_id.clone().unwrap_or_default(),
            self.generation.to_string(),
            self.reason.clone(),
            self.identity_check.clone(),
            self.channel.clone(),
            self.destination.clone(),
            self.prev_hash.clone(),
            self.hash.clone(),
        ]
    }
}

/// `GET /audit` query: every filter optional; pages follow `cursor` (a sequence number).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Entries at or after this time.
    #[serde(default)]
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    #[serde(default)]
    pub to: Option<DateTime<Utc>>,
    /// An actor's id or username.
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub action: Option<AuditAction>,
    /// A shipment's or an order's id.
    #[serde(default)]
    pub shipment: Option<String>,
    #[serde(default)]
    pub outcome: Option<AuditOutcome>,
    /// Entries after this sequence number (the last page's `next_cursor`).
    #[serde(default)]
    #[ts(type = "number | null")]
    #[param(minimum = 0, maximum = 9007199254740991_i64)]
    pub cursor: Option<u64>,
    /// At most 1,000; 0 or none means 100.
    #[serde(default)]
    #[param(minimum = 0, maximum = 1000)]
    pub limit: Option<u32>,
}

/// A page of the trail, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Where the next page starts, when there may be one.
    #[ts(type = "number | null")]
    pub next_cursor: Option<u64>,
}

/// `GET /audit/verify` query: the range to check (all of it by default).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// The first entry to check (1 by default).
    #[serde(default)]
    #[param(minimum = 0, maximum = 9007199254740991_i64)]
    pub from_seq: Option<u64>,
    /// The last entry to check (the chain's head by default).
    #[serde(default)]
    #[param(minimum = 0, maximum = 9007199254740991_i64)]
    pub to_seq: Option<u64>,
}
