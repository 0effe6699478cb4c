//! The change feed behind `/sync` and the `GET`s: each entity's latest document at the cursor
//! of its latest change. How a change gets its cursor is the engine's (`record_change`).
//!
//! The trait is what the rest of the server calls; its SQL is `sql/feed.rs`, written once for
//! both engines.

use super::*;

/// An entity whose feed document changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub kind: EntityKind,
    pub id: String,
}

impl Changed {
    /// Whether changes of `kind` are told one by one: tickets, the only entities a follower
    /// (a customer's request page) watches alone. Other kinds only move the feed's signal, so
    /// a transaction recording thousands of them (the sweeper at midnight) sends one `NOTIFY`
    /// (PostgreSQL folds identical ones), not thousands.
    pub fn is_told(kind: EntityKind) -> bool {
        kind == EntityKind::Ticket
    }

    /// As the feed's `NOTIFY` carries it: `kind:id`.
    pub fn payload(kind: EntityKind, id: &str) -> String {
        format!("{}:{id}", kind.as_str())
    }

    pub fn parse(payload: &str) -> Option<Changed> {
        let (kind, id) = payload.split_once(':')?;
        Some(Changed {
            kind: EntityKind::parse(kind)?,
            id: id.to_string(),
        })
    }
}

/// Which changes of the feed a reader is sent (rules 3.12 and 8.5): a page is full of what
/// its reader may see, never thinned afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedScope {
    /// The cases a console caches (agents).
    Cases,
    /// The cases and the audit trail (leads and admins).
    CasesAndAudit,
    /// Agents' replies on social tickets, and nothing else (integration accounts).
    SocialReplies,
}

/// The change feed: pages of changes after a cursor, and each entity's current document.
#[async_trait::async_trait]
pub trait Feed: Send + Sync {
    /// The current feed document of an entity, as JSON text: what its `GET` answers, read in
    /// one indexed lookup. Shipments are rendered live instead ([`Self::shipment`]): their
    /// password state depends on the clock.
    async fn doc(&self, kind: EntityKind, id: &str) -> StoreResult<Option<String>>;

    /// Changes after `since`, oldest first, at most `limit`, with their documents as stored:
    /// those of the kinds `scope` lets its reader see.
    async fn changes_raw(
        &self,
        since: i64,
        limit: u32,
        scope: FeedScope,
    ) -> StoreResult<RawSyncPage>;

    /// A signal that the feed may have moved: its value changes after writes (on PostgreSQL,
    /// carried from every replica by `LISTEN`/`NOTIFY`; on SQLite, by this process). A
    /// follower reads the feed after its cursor when it changes.
    fn signal(&self) -> tokio::sync::watch::Receiver<u64>;

    /// Which ticket changed (see [`Changed::is_told`]), as each change is recorded (on
    /// PostgreSQL heard from every replica with the feed's `NOTIFY`, when its transaction
    /// commits; on SQLite in this process, a moment before it commits): a follower of one
    /// ticket looks again only when it changed. A follower that lags loses the oldest and
    /// should look again.
    fn changed(&self) -> tokio::sync::broadcast::Receiver<Changed>;

    /// Waits (a few seconds at most) until this replica hears the others: on PostgreSQL, until
    /// its `LISTEN` connection listens, since typing, never stored, told before then would be
    /// lost; on SQLite at once.
    async fn hear_others(&self);

    /// Tells every follower, on every replica, that someone is typing in a conversation
    /// (on PostgreSQL by `NOTIFY`; on SQLite in this process). Nothing is stored.
    async fn announce_typing(&self, typing: &sportello_protocol::Typing) -> StoreResult<()>;

    /// What [`Self::announce_typing`] tells, from now on (a follower that lags loses the
    /// oldest: typing is only ever worth its latest news).
    fn typing(&self) -> tokio::sync::broadcast::Receiver<sportello_protocol::Typing>;

    /// [`Self::changes_raw`] with the documents parsed, audit entries included.
    async fn changes(&self, since: i64, limit: u32) -> StoreResult<SyncPage> {
        let raw = self
            .changes_raw(since, limit, FeedScope::CasesAndAudit)
            .await?;
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
}
