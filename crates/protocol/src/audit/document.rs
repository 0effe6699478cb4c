//! An entry's JSON read without building an [`AuditEntry`]: its text borrowed from the
//! document wherever JSON did not escape it, so a verification of a cached chain decodes a
//! million entries without a string allocation for each field.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::Deserialize;

#[cfg(doc)]
use super::AuditEntry;
use super::{ChainLink, EntryFields};

/// [`AuditEntry`]'s JSON, borrowed. Its fields are the entry's, by the same names.
#[derive(Debug, Deserialize)]
pub struct EntryDocument<'a> {
    seq: u64,
    at: DateTime<Utc>,
    #[serde(borrow)]
    actor: ActorDocument<'a>,
    #[serde(borrow)]
    action: Cow<'a, str>,
    #[serde(borrow)]
    outcome: Cow<'a, str>,
    #[serde(borrow)]
    problem: Option<Cow<'a, str>>,
    #[serde(borrow)]
    shipment_id: Cow<'a, str>,
    #[serde(borrow)]
    order_id: Cow<'a, str>,
    #[serde(borrow)]
    ticket_id: Option<Cow<'a, str>>,
    generation: u32,
    #[serde(borrow)]
    reason: Cow<'a, str>,
    #[serde(borrow)]
    identity_check: Cow<'a, str>,
    #[serde(borrow)]
    channel: Cow<'a, str>,
    #[serde(borrow)]
    destination: Cow<'a, str>,
    #[serde(borrow)]
    prev_hash: Cow<'a, str>,
    #[serde(borrow)]
    hash: Cow<'a, str>,
}

/// [`super::AuditActor`]'s JSON, borrowed.
#[derive(Debug, Deserialize)]
struct ActorDocument<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    username: Cow<'a, str>,
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    role: Cow<'a, str>,
}

impl EntryDocument<'_> {
    /// The entry's fields as the canonical encoding takes them.
    pub fn fields(&self) -> EntryFields<'_> {
        EntryFields {
            seq: self.seq,
            at: self.at,
            actor_id: &self.actor.id,
            actor_username: &self.actor.username,
            actor_name: &self.actor.name,
            actor_role: &self.actor.role,
            action: &self.action,
            outcome: &self.outcome,
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

    /// What a verifier checks of the entry.
    pub fn link(&self) -> ChainLink {
        self.fields().link(&self.hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditAction, AuditActor, AuditOutcome};
    use crate::{AuditEntry, Role};
    use sha2::Digest;

    fn entry(reason: &str, ticket_id: Option<&str>, problem: Option<&str>) -> AuditEntry {
        AuditEntry {
            seq: 12,
            at: "2026-11-23T09:00:00.123456Z".parse().unwrap(),
            actor: AuditActor {
                id: "A-lena".into(),
                username: "lena".into(),
                name: "Lena \"Léna\" Rossi".into(),
                role: Role::Lead,
            },
            action: AuditAction::CodeRejected,
            outcome: AuditOutcome::Refused,
            problem: problem.map(Into::into),
            shipment_id: "S-1".into(),
            order_id: "O-1".into(),
            ticket_id: ticket_id.map(Into::into),
            generation: 3,
            reason: reason.into(),
            identity_check: "security_questions".into(),
            channel: "email".into(),
            destination: "s•••@example.com".into(),
            prev_hash: String::new(),
            hash: String::new(),
        }
        .chain_after(&[7; 32])
    }

    #[test]
    fn a_document_read_borrowed_is_checked_as_the_entry_it_encodes() {
        let entries = [
            entry("lost the mail", Some("T-1"), None),
            entry(
                "a \"quoted\"\nline\t\\ and <b>HTML</b>",
                None,
                Some("rate_limited"),
            ),
            entry("", None, None),
        ];
        for e in entries {
            let json = serde_json::to_string(&e).unwrap();
            let doc: EntryDocument = serde_json::from_str(&json).unwrap();
            assert_eq!(doc.link(), e.link(), "{json}");
            assert_eq!(doc.link().computed, e.compute_hash());
            // The hash fed field by field is the hash of the whole encoding.
            let whole: [u8; 32] = sha2::Sha256::digest(e.canonical()).into();
            assert_eq!(e.compute_hash(), whole);
        }
        // A changed field changes what is checked.
        let e = entry("lost the mail", Some("T-1"), None);
        let json = serde_json::to_string(&e)
            .unwrap()
            .replace("lost the mail", "found it");
        let doc: EntryDocument = serde_json::from_str(&json).unwrap();
        assert_ne!(doc.link().computed, e.compute_hash());
    }
}
