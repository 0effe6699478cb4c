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
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Customer => "customer",
            EntityKind::Order => "order",
            EntityKind::Shipment => "shipment",
            EntityKind::Ticket => "ticket",
            EntityKind::Callback => "callback",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        Some(match s {
            "customer" => EntityKind::Customer,
            "order" => EntityKind::Order,
            "shipment" => EntityKind::Shipment,
            "ticket" => EntityKind::Ticket,
            "callback" => EntityKind::Callback,
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
