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
mod document;

pub use chain::{
    check_checkpoint, links_on_every_core, windows, AuditKey, AuditVerification, BreakKind,
    ChainBreak, ChainLink, ChainVerifier, Checkpoint,
};
pub use document::EntryDocument;

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

/// The 32 bytes of a hash written in hex (either case), if it is one. A table per digit:
/// a verification reads two hashes an entry.
pub fn unhex32(text: &str) -> Option<[u8; 32]> {
    const INVALID: u8 = 0xff;
    const DIGITS: [u8; 256] = {
        let mut table = [INVALID; 256];
        let mut i = 0;
        while i < 10 {
            table[b'0' as usize + i] = i as u8;
            i += 1;
        }
        let mut i = 0;
        while i < 6 {
            table[b'a' as usize + i] = 10 + i as u8;
            table[b'A' as usize + i] = 10 + i as u8;
            i += 1;
        }
        table
    };
    let text = text.as_bytes();
    if text.len() != 64 {
        return None;
    }
    let mut out = [0; 32];
    let mut bad = 0;
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        let (hi, lo) = (DIGITS[pair[0] as usize], DIGITS[pair[1] as usize]);
        bad |= (hi | lo) & 0xf0;
        *byte = (hi << 4) | (lo & 0x0f);
    }
    (bad == 0).then_some(out)
}

/// An entry's fields as the canonical encoding takes them, borrowed: what a verifier reads
/// from a store's row or a cached document without building an [`AuditEntry`] (docs/audit.md).
/// Absent optional fields are empty; the names of roles, actions and outcomes are as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryFields<'a> {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub actor_id: &'a str,
    pub actor_username: &'a str,
    pub actor_name: &'a str,
    pub actor_role: &'a str,
    pub action: &'a str,
    pub outcome: &'a str,
    pub problem: &'a str,
    pub shipment_id: &'a str,
    pub order_id: &'a str,
    pub ticket_id: &'a str,
    pub generation: u32,
    pub reason: &'a str,
    pub identity_check: &'a str,
    pub channel: &'a str,
    pub destination: &'a str,
    pub prev_hash: &'a str,
}

impl EntryFields<'_> {
    /// Each field of the canonical encoding, in order: the version string, then every field
    /// but `hash` (docs/audit.md).
    fn each_field(&self, mut field: impl FnMut(&[u8])) {
        let mut seq = itoa::Buffer::new();
        let mut generation = itoa::Buffer::new();
        let at = ChainTime::of(self.at);
        for f in [
            ENCODING,
            seq.format(self.seq),
            at.as_str(),
            self.actor_id,
            self.actor_username,
            self.actor_name,
            self.actor_role,
            self.action,
            self.outcome,
            self.problem,
            self.shipment_id,
            self.order_id,
            self.ticket_id,
            generation.format(self.generation),
            self.reason,
            self.identity_check,
            self.channel,
            self.destination,
            self.prev_hash,
        ] {
            field(f.as_bytes());
        }
    }

    /// The canonical encoding (docs/audit.md): the version string, then every field but
    /// `hash`, in order, each as its length (4 bytes, big-endian) and its UTF-8 bytes.
    pub fn canonical(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(512);
        self.each_field(|f| {
            out.extend_from_slice(&(f.len() as u32).to_be_bytes());
            out.extend_from_slice(f);
        });
        out
    }

    /// SHA-256 of [`EntryFields::canonical`], the fields fed to the hash as they come.
    pub fn hash(&self) -> [u8; 32] {
        let mut hasher = Sha256::new();
        self.each_field(|f| {
            hasher.update((f.len() as u32).to_be_bytes());
            hasher.update(f);
        });
        hasher.finalize().into()
    }

    /// What a verifier checks of the entry whose stated hash is `hash`, its own hash computed.
    pub fn link(&self, hash: &str) -> ChainLink {
        ChainLink {
            seq: self.seq,
            prev_hash: unhex32(self.prev_hash),
            hash: unhex32(hash),
            computed: self.hash(),
        }
    }
}

/// [`chain_time`] written without an allocation: a verification writes one an entry.
struct ChainTime {
    text: [u8; 27],
    /// A year outside 0–9999, written by [`chain_time`] instead.
    other: Option<String>,
}

impl ChainTime {
    fn of(at: DateTime<Utc>) -> ChainTime {
        use chrono::{Datelike, Timelike};
        let (year, micros) = (at.year(), at.nanosecond() / 1_000);
        if !(0..=9999).contains(&year) || micros >= 1_000_000 {
            // Years chrono writes with a sign, and leap seconds.
            return ChainTime {
                text: [0; 27],
                other: Some(chain_time(at)),
            };
        }
        let mut text = *b"0000-00-00T00:00:00.000000Z";
        let mut put = |at: usize, width: usize, mut n: u32| {
            for i in (at..at + width).rev() {
                text[i] = b'0' + (n % 10) as u8;
                n /= 10;
            }
        };
        put(0, 4, year as u32);
        put(5, 2, at.month());
        put(8, 2, at.day());
        put(11, 2, at.hour());
        put(14, 2, at.minute());
        put(17, 2, at.second());
        put(20, 6, micros);
        ChainTime { text, other: None }
    }

    fn as_str(&self) -> &str {
        match &self.other {
            Some(other) => other,
            None => std::str::from_utf8(&self.text).expect("digits are text"),
        }
    }
}

impl AuditEntry {
    /// The entry's fields as the canonical encoding takes them.
    pub fn fields(&self) -> EntryFields<'_> {
        EntryFields {
            seq: self.seq,
            at: self.at,
            actor_id: &self.actor.id,
            actor_username: &self.actor.username,
            actor_name: &self.actor.name,
            actor_role: self.actor.role.as_str(),
            action: self.action.as_str(),
            outcome: self.outcome.as_str(),
            problem: self.problem.as_deref().unwrap_or(""),
            shipment_id: &self.shipment_id,
            order_id: &self.order_id,
            ticket_id: self.ticket_id.as_deref().unwrap_or(""),
            generation: self.generation,
            reason: &self.reason,
            identity_check: &self.identity_check,
            channel: &self.channel,
            destination: &self.destination,
            prev_hash: &self.prev_hash,
        }
    }

    /// The canonical encoding: see [`EntryFields::canonical`].
    pub fn canonical(&self) -> Vec<u8> {
        self.fields().canonical()
    }

    /// What a verifier checks of this entry.
    pub fn link(&self) -> ChainLink {
        self.fields().link(&self.hash)
    }

    /// SHA-256 of [`AuditEntry::canonical`].
    pub fn compute_hash(&self) -> [u8; 32] {
        self.fields().hash()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_reads_from_hex_of_either_case_and_nothing_else() {
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 37 + 5) as u8);
        let lower = hex(&bytes);
        assert_eq!(unhex32(&lower), Some(bytes));
        assert_eq!(unhex32(&lower.to_uppercase()), Some(bytes));
        assert_eq!(unhex32(&lower[..62]), None, "too short");
        assert_eq!(unhex32(&format!("{lower}00")), None, "too long");
        for bad in ['g', 'G', ' ', '-', 'é'] {
            let mut text = lower.clone();
            text.replace_range(10..11, &bad.to_string());
            assert_eq!(unhex32(&text), None, "{bad:?}");
        }
    }

    #[test]
    fn the_chain_writes_times_as_chain_time_does() {
        for text in [
            "2026-11-23T09:00:00.123456Z",
            "2026-01-02T03:04:05Z",
            "1999-12-31T23:59:59.000001Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999Z",
            "2026-12-01T22:30:00.5+01:00",
        ] {
            let at: DateTime<Utc> = text.parse().unwrap();
            assert_eq!(ChainTime::of(at).as_str(), chain_time(at), "{text}");
        }
        let far = DateTime::<Utc>::from_timestamp(300_000_000_000, 7_000).unwrap();
        assert_eq!(ChainTime::of(far).as_str(), chain_time(far));
    }
}
