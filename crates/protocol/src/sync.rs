//! The change feed behind `GET /sync?since=CURSOR&limit=N`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Customer,
    Order,
    Shipment,
    Ticket,
    Callback,
    /// An entry of the audit trail (`data` is an `AuditEntry`): sent to leads and admins only.
    Audit,
    /// An agent's reply on a `social` ticket (`data` is a `SocialReply`): sent to integration
    /// accounts only, and to them nothing else.
    SocialReply,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Customer => "customer",
            EntityKind::Order => "order",
            EntityKind::Shipment => "shipment",
            EntityKind::Ticket => "ticket",
            EntityKind::Callback => "callback",
            EntityKind::Audit => "audit",
            EntityKind::SocialReply => "social_reply",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "customer" => EntityKind::Customer,
            "order" => EntityKind::Order,
            "shipment" => EntityKind::Shipment,
            "ticket" => EntityKind::Ticket,
            "callback" => EntityKind::Callback,
            "audit" => EntityKind::Audit,
            "social_reply" => EntityKind::SocialReply,
            _ => return None,
        })
    }
}

/// One change: the entity's current state (`data` is what the matching `GET` returns) or its
/// deletion. An entity appears in the feed once, at the cursor of its latest change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Change {
    #[ts(type = "number")]
    pub cursor: i64,
    pub kind: EntityKind,
    pub id: String,
    pub deleted: bool,
    #[ts(type = "unknown")]
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
}

/// One page of the feed. Follow `next` as `since` until `more` is false.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct SyncPage {
    pub changes: Vec<Change>,
    /// The cursor to pass as `since` for the next page.
    #[ts(type = "number")]
    pub next: i64,
    pub more: bool,
    /// The newest cursor when this page was read: lets a client show progress.
    #[ts(type = "number")]
    pub head: i64,
}

/// [`SyncPage`] with every document kept as the JSON text it travels as: the server passes
/// stored documents through without parsing them, and the console stores them as they came,
/// decoding only the fields it indexes. Same wire format as [`SyncPage`].
#[derive(Debug, Serialize, Deserialize)]
pub struct RawSyncPage {
    pub changes: Vec<RawChange>,
    pub next: i64,
    pub more: bool,
    pub head: i64,
}

/// [`Change`] with its document as JSON text.
#[derive(Debug, Serialize, Deserialize)]
pub struct RawChange {
    pub cursor: i64,
    pub kind: EntityKind,
    pub id: String,
    pub deleted: bool,
    pub data: Box<serde_json::value::RawValue>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_page_is_a_sync_page_on_the_wire() {
        let doc = r#"{"id":"C-1","name":"Zoë \"Z\" Rossi","search":["39347"]}"#;
        let raw = RawSyncPage {
            changes: vec![RawChange {
                cursor: 7,
                kind: EntityKind::Customer,
                id: "C-1".into(),
                deleted: false,
                data: serde_json::value::RawValue::from_string(doc.into()).unwrap(),
            }],
            next: 7,
            more: true,
            head: 9,
        };
        let text = serde_json::to_string(&raw).unwrap();
        let page: SyncPage = serde_json::from_str(&text).unwrap();
        assert_eq!(page.changes[0].data["name"], "Zoë \"Z\" Rossi");
        assert_eq!((page.next, page.more, page.head), (7, true, 9));
        let back: RawSyncPage =
            serde_json::from_str(&serde_json::to_string(&page).unwrap()).unwrap();
        assert_eq!(back.changes[0].data.get(), doc);
        assert_eq!(back.changes[0].kind, EntityKind::Customer);
    }
}

/// Who is typing in a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Typist {
    Customer,
    Agent,
}

/// Someone is typing in a live chat (rule 8.3): pushed as it happens, on every replica, and
/// never stored. The agents' stream carries the customers' typing (event `typing`), the
/// customer's page the agents'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct Typing {
    pub ticket_id: String,
    pub by: Typist,
    /// The agent's display name, or the customer's.
    pub name: String,
}
