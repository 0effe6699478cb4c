//! The chain's checks: the signed head (a checkpoint, Ed25519), the keys it is signed with,
//! and the streaming verifier that reads entries in order and names the first that breaks
//! the chain (docs/audit.md).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

use super::{chain_time, unhex, AuditEntry, GENESIS};

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

/// An entry as the verifier checks it: its number, the hashes it states (none when what is
/// stated is not a hash) and the hash its contents give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainLink {
    pub seq: u64,
    /// The hash of the entry before, as the entry states it.
    pub prev_hash: Option<[u8; 32]>,
    /// The entry's own hash, as stated.
    pub hash: Option<[u8; 32]>,
    /// SHA-256 of the entry's canonical encoding: what `hash` must be.
    pub computed: [u8; 32],
}

/// The windows of numbers `from` to `to` a verification reads, `batch` numbers each, in
/// order: (first, last) of each. None when `to` is before `from`.
pub fn windows(from: u64, to: u64, batch: u64) -> impl Iterator<Item = (u64, u64)> {
    let batch = batch.max(1);
    (from <= to)
        .then(|| {
            (0..=(to - from) / batch).map(move |i| {
                let first = from + i * batch;
                (first, to.min(first.saturating_add(batch - 1)))
            })
        })
        .into_iter()
        .flatten()
}

/// The links of `items` (rows or documents), made on every core at once, in order, or the
/// first item's error. Each entry hashes on its own, since it states the hash before it.
pub fn links_on_every_core<T: Sync, E: Send>(
    items: &[T],
    link: impl Fn(&T) -> Result<ChainLink, E> + Sync,
) -> Result<Vec<ChainLink>, E> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(256);
    let link = &link;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(link).collect::<Result<Vec<_>, E>>()))
            .collect();
        let mut links = Vec::with_capacity(items.len());
        for part in parts {
            links.extend(part.join().expect("a hashing thread ended")?);
        }
        Ok(links)
    })
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
        self.push_link(&e.link())
    }

    /// Follows the next links, in order, up to the first that breaks the chain.
    pub fn push_links(&mut self, links: &[ChainLink]) -> Result<(), ChainBreak> {
        links.iter().try_for_each(|link| self.push_link(link))
    }

    /// Follows the next link.
    pub fn push_link(&mut self, e: &ChainLink) -> Result<(), ChainBreak> {
        let hash = e.computed;
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
        let Some(stated_prev) = e.prev_hash else {
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
        if e.hash != Some(hash) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{hex, AuditAction, AuditActor, AuditOutcome, ENCODING};
    use crate::Role;

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

    /// Verifies one entry at a time and all at once (hashed on every core, in batches of
    /// 300, so a break can fall inside a batch or on its edge): both name the same break.
    fn verify(entries: &[AuditEntry]) -> Result<(), ChainBreak> {
        let mut v = ChainVerifier::from_start();
        let one_by_one = entries.iter().try_for_each(|e| v.push(e));
        let mut v = ChainVerifier::from_start();
        let batched = entries.chunks(300).try_for_each(|batch| {
            let links = links_on_every_core(batch, |e| Ok::<_, ChainBreak>(e.link()))?;
            v.push_links(&links)
        });
        assert_eq!(one_by_one, batched);
        one_by_one
    }

    #[test]
    fn windows_cover_the_range_once_in_order() {
        let all = |from, to, batch| windows(from, to, batch).collect::<Vec<_>>();
        assert_eq!(all(1, 25, 10), [(1, 10), (11, 20), (21, 25)]);
        assert_eq!(all(1, 20, 10), [(1, 10), (11, 20)]);
        assert_eq!(all(7, 7, 10), [(7, 7)]);
        assert_eq!(all(5, 4, 10), []);
        assert_eq!(
            all(3, 5, 0),
            [(3, 3), (4, 4), (5, 5)],
            "a batch of at least one"
        );
        let top = u64::MAX;
        assert_eq!(all(top - 2, top, 2), [(top - 2, top - 1), (top, top)]);
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

    /// A long chain hashed on every core names the first break wherever it falls: in the
    /// first half of a batch, in the second, or on a batch's edge.
    #[test]
    fn all_at_once_names_the_first_break_as_one_by_one_does() {
        let good = chain(1500);
        assert!(verify(&good).is_ok());
        for at in [0, 149, 299, 300, 1200, 1499] {
            let mut changed = good.clone();
            changed[at].reason = "nothing to see".into();
            // And a later one, which must not be the one named.
            changed[1499.min(at + 7)].action = AuditAction::Regenerate;
            let err = verify(&changed).unwrap_err();
            assert_eq!(
                (err.seq, err.kind),
                (at as u64 + 1, BreakKind::HashMismatch)
            );
        }
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
