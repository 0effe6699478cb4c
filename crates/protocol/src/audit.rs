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
}

impl AuditAction {
    pub const ALL: [AuditAction; 9] = [
        AuditAction::Issue,
        AuditAction::Resend,
        AuditAction::Regenerate,
        AuditAction::Unlock,
        AuditAction::CodeAccepted,
        AuditAction::CodeRejected,
        AuditAction::Lock,
        AuditAction::Expiry,
        AuditAction::Retire,
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
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// A time as the store keeps it: to the microsecond (both engines keep no more).
pub fn to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of lowercase or uppercase hex, if it is hex of whole bytes.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
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

/// The chain's head signed by the server: "the trail had `seq` entries ending in `hash` at
/// `at`". Whoever holds the public key of `key_id` can check it offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Checkpoint {
    #[ts(type = "number")]
    pub seq: u64,
    /// The hash of entry `seq` (64 hex digits).
    pub hash: String,
    pub at: DateTime<Utc>,
    /// Which signing key signed it.
    pub key_id: String,
    /// Ed25519 over [`Checkpoint::message`], 128 hex digits.
    pub signature: String,
}

impl Checkpoint {
    /// What is signed: four lines of text (docs/audit.md).
    pub fn message(seq: u64, hash: &str, at: DateTime<Utc>) -> String {
        format!(
            "sportello audit checkpoint v1\n{seq}\n{hash}\n{}\n",
            chain_time(at)
        )
    }

    /// Whether one of `keys` (the one named `key_id`) signed this checkpoint.
    pub fn verify(&self, keys: &[AuditKey]) -> bool {
        use ed25519_dalek::{Signature, Verifier, VerifyingKey};
        let Some(key) = keys.iter().find(|k| k.key_id == self.key_id) else {
            return false;
        };
        let Some(public) = unhex(&key.public_key).and_then(|b| <[u8; 32]>::try_from(b).ok()) else {
            return false;
        };
        let Some(signature) = unhex(&self.signature).and_then(|b| <[u8; 64]>::try_from(b).ok())
        else {
            return false;
        };
        let Ok(public) = VerifyingKey::from_bytes(&public) else {
            return false;
        };
        let message = Checkpoint::message(self.seq, &self.hash, self.at);
        public
            .verify(message.as_bytes(), &Signature::from_bytes(&signature))
            .is_ok()
    }
}

/// A public key checkpoints are signed with. Old keys stay listed after a rotation, so old
/// checkpoints stay verifiable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AuditKey {
    pub key_id: String,
    /// The Ed25519 public key, 64 hex digits.
    pub public_key: String,
}

/// Why a chain does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    /// The entry's contents do not give its hash: it was changed.
    HashMismatch,
    /// The entry does not name the hash of the one before: one was changed, swapped or removed.
    BrokenLink,
    /// A sequence number is missing (an entry was deleted), repeated or out of order.
    MissingSequence,
    /// A checkpoint's signature is not one of the server's keys'.
    BadSignature,
    /// A signed checkpoint names an entry whose hash is not the one signed, or one no longer
    /// there (the tail was dropped).
    CheckpointMismatch,
}

/// The first entry that breaks a chain, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct ChainBreak {
    #[ts(type = "number")]
    pub seq: u64,
    pub kind: BreakKind,
    /// In words, for the lead or operator.
    pub detail: String,
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "entry #{}: {}", self.seq, self.detail)
    }
}

/// What a verification found: the range that verified and the signed checkpoint it reaches,
/// or the first break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct AuditVerification {
    /// The first entry checked.
    #[ts(type = "number")]
    pub from_seq: u64,
    /// The last entry that verified (0 when none did).
    #[ts(type = "number")]
    pub verified_to: u64,
    /// The latest signed checkpoint within the verified range, checked against its entry.
    pub checkpoint: Option<Checkpoint>,
    /// The first entry that breaks the chain, if one does.
    pub broken: Option<ChainBreak>,
}

/// Checks entries one at a time, in order: each must carry the next sequence number, name the
/// hash of the one before, and hash to what it says. Memory stays flat however long the chain.
pub struct ChainVerifier {
    next_seq: u64,
    prev: [u8; 32],
    /// Whether the first entry's `prev_hash` is taken on trust (a range not starting at 1).
    trust_first_link: bool,
    /// (seq, hash) of every entry a checkpoint names, found as the chain goes by.
    last: Option<(u64, [u8; 32])>,
}

impl ChainVerifier {
    /// A verifier from entry 1 on.
    pub fn from_start() -> ChainVerifier {
        ChainVerifier {
            next_seq: 1,
            prev: GENESIS,
            trust_first_link: false,
            last: None,
        }
    }

    /// A verifier from entry `seq` on, taking that entry's link to the one before on trust.
    pub fn from_seq(seq: u64) -> ChainVerifier {
        if seq <= 1 {
            return ChainVerifier::from_start();
        }
        ChainVerifier {
            next_seq: seq,
            prev: GENESIS,
            trust_first_link: true,
            last: None,
        }
    }

    /// The last entry that verified: (seq, hash).
    pub fn last(&self) -> Option<(u64, [u8; 32])> {
        self.last
    }

    /// Checks the next entry.
    pub fn push(&mut self, e: &AuditEntry) -> Result<(), ChainBreak> {
        let broken = |kind, detail: String| ChainBreak {
            seq: e.seq,
            kind,
            detail,
        };
        if e.seq != self.next_seq {
            let (seq, detail) = if e.seq > self.next_seq {
                (
                    self.next_seq,
                    format!(
                        "entry #{} is missing (the next entry found is #{})",
                        self.next_seq, e.seq
                    ),
                )
            } else {
                (
                    e.seq,
                    format!("entry #{} comes again, or out of order", e.seq),
                )
            };
            return Err(ChainBreak {
                seq,
                kind: BreakKind::MissingSequence,
                detail,
            });
        }
        let stated_prev = unhex(&e.prev_hash).and_then(|b| <[u8; 32]>::try_from(b).ok());
        let Some(stated_prev) = stated_prev else {
            return Err(broken(
                BreakKind::BrokenLink,
                "its link to the entry before is not a hash".into(),
            ));
        };
        if !(self.trust_first_link && self.last.is_none()) && stated_prev != self.prev {
            return Err(broken(
                BreakKind::BrokenLink,
                format!(
                    "it does not follow entry #{}: an entry was changed, swapped or removed",
                    e.seq - 1
                ),
            ));
        }
        let hash = e.compute_hash();
        if hex(&hash) != e.hash {
            return Err(broken(
                BreakKind::HashMismatch,
                "its contents do not give its hash: it was changed".into(),
            ));
        }
        self.prev = hash;
        self.next_seq = e.seq + 1;
        self.last = Some((e.seq, hash));
        Ok(())
    }
}

/// Checks a signed checkpoint against the entry it names (`hash_at(seq)` gives that entry's
/// hash, if the entry is there) and the server's `keys`.
pub fn check_checkpoint(
    checkpoint: &Checkpoint,
    keys: &[AuditKey],
    hash_at: impl FnOnce(u64) -> Option<String>,
) -> Result<(), ChainBreak> {
    if !checkpoint.verify(keys) {
        return Err(ChainBreak {
            seq: checkpoint.seq,
            kind: BreakKind::BadSignature,
            detail: format!(
                "the checkpoint at entry #{} is not signed by the server's key {:?}",
                checkpoint.seq, checkpoint.key_id
            ),
        });
    }
    match hash_at(checkpoint.seq) {
        Some(hash) if hash == checkpoint.hash => Ok(()),
        Some(_) => Err(ChainBreak {
            seq: checkpoint.seq,
            kind: BreakKind::CheckpointMismatch,
            detail: format!(
                "entry #{} is not the entry the server signed at {}",
                checkpoint.seq,
                chain_time(checkpoint.at)
            ),
        }),
        None => Err(ChainBreak {
            seq: checkpoint.seq,
            kind: BreakKind::CheckpointMismatch,
            detail: format!(
                "entry #{} was signed at {} and is gone: the trail was cut short",
                checkpoint.seq,
                chain_time(checkpoint.at)
            ),
        }),
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

    fn entry(seq: u64) -> AuditEntry {
        AuditEntry {
            seq,
            at: "2026-11-23T09:00:00.123456Z".parse().unwrap(),
            actor: AuditActor {
                id: "A-alice".into(),
                username: "alice".into(),
                name: "Alice Bianchi".into(),
                role: Role::Agent,
            },
            action: AuditAction::Resend,
            outcome: AuditOutcome::Done,
            problem: None,
            shipment_id: "S-1".into(),
            order_id: "O-1".into(),
            ticket_id: Some("T-1".into()),
            generation: 1,
            reason: "lost the mail".into(),
            identity_check: "security_questions".into(),
            channel: "email".into(),
            destination: "s•••@example.com".into(),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    fn chain(n: u64) -> Vec<AuditEntry> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|seq| {
                let e = entry(seq).chain_after(&prev);
                prev = unhex(&e.hash).unwrap().try_into().unwrap();
                e
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry]) -> Result<(), ChainBreak> {
        let mut v = ChainVerifier::from_start();
        entries.iter().try_for_each(|e| v.push(e))
    }

    #[test]
    fn the_encoding_is_length_prefixed_fields_in_order() {
        let e = entry(7).chain_after(&GENESIS);
        let bytes = e.canonical();
        assert_eq!(&bytes[..4], &(ENCODING.len() as u32).to_be_bytes());
        assert!(bytes
            .windows(27)
            .any(|w| w == b"2026-11-23T09:00:00.123456Z"));
        // A field's boundary cannot move: "ab" + "c" differs from "a" + "bc".
        let mut moved = e.clone();
        moved.reason = "lost the mai".into();
        moved.identity_check = "lsecurity_questions".into();
        assert_ne!(moved.compute_hash(), e.compute_hash());
    }

    #[test]
    fn a_chain_verifies_and_every_kind_of_tampering_is_named() {
        let good = chain(5);
        assert!(verify(&good).is_ok());

        let mut changed = good.clone();
        changed[2].reason = "nothing to see".into();
        let err = verify(&changed).unwrap_err();
        assert_eq!((err.seq, err.kind), (3, BreakKind::HashMismatch));

        let mut deleted = good.clone();
        deleted.remove(1);
        let err = verify(&deleted).unwrap_err();
        assert_eq!((err.seq, err.kind), (2, BreakKind::MissingSequence));

        // Swapped contents, sequence numbers kept.
        let mut swapped = good.clone();
        let (a, b) = (swapped[1].clone(), swapped[2].clone());
        swapped[1] = AuditEntry { seq: 2, ..b };
        swapped[2] = AuditEntry { seq: 3, ..a };
        let err = verify(&swapped).unwrap_err();
        assert_eq!(err.seq, 2);

        // Re-hashed after a change: the next entry's link gives it away.
        let mut rehashed = good.clone();
        rehashed[1].reason = "changed".into();
        rehashed[1] = rehashed[1]
            .clone()
            .chain_after(&unhex(&good[0].hash).unwrap().try_into().unwrap());
        let err = verify(&rehashed).unwrap_err();
        assert_eq!((err.seq, err.kind), (3, BreakKind::BrokenLink));
    }

    #[test]
    fn a_checkpoint_verifies_with_its_key_only() {
        use ed25519_dalek::{Signer, SigningKey};
        let good = chain(3);
        let signing = SigningKey::from_bytes(&[7; 32]);
        let key = AuditKey {
            key_id: "s1".into(),
            public_key: hex(signing.verifying_key().as_bytes()),
        };
        let at: DateTime<Utc> = "2026-11-23T09:01:00Z".parse().unwrap();
        let message = Checkpoint::message(3, &good[2].hash, at);
        let checkpoint = Checkpoint {
            seq: 3,
            hash: good[2].hash.clone(),
            at,
            key_id: "s1".into(),
            signature: hex(&signing.sign(message.as_bytes()).to_bytes()),
        };
        let hash_at = |seq: u64| good.get(seq as usize - 1).map(|e| e.hash.clone());
        assert!(check_checkpoint(&checkpoint, std::slice::from_ref(&key), hash_at).is_ok());
        let wrong = SigningKey::from_bytes(&[8; 32]);
        let forged = Checkpoint {
            signature: hex(&wrong.sign(message.as_bytes()).to_bytes()),
            ..checkpoint.clone()
        };
        let err = check_checkpoint(&forged, std::slice::from_ref(&key), hash_at).unwrap_err();
        assert_eq!(err.kind, BreakKind::BadSignature);
        let cut = check_checkpoint(&checkpoint, std::slice::from_ref(&key), |_| None).unwrap_err();
        assert_eq!(cut.kind, BreakKind::CheckpointMismatch);
    }
}
