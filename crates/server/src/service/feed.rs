//! Reading the case data a console caches: pages of the change feed after a cursor, and one
//! entity's current document, for the roles that read cases.

use sportello_protocol::{AgentInfo, EntityKind, Role, Shipment, Typing, Typist};

use super::{require, Error, Result, Services, READERS};
use crate::store::{FeedScope, RawSyncPage};

/// Who reads the feed: the roles that read cases, and integration accounts, which are sent
/// the agents' replies on social tickets and nothing else (rule 8.5).
pub const FEED_READERS: &[Role] = &[Role::Agent, Role::Lead, Role::Admin, Role::Integration];

/// The changes a role is sent.
fn scope(role: Role) -> FeedScope {
    match role {
        // Audit entries reach the consoles of leads and admins only (rule 3.12).
        r if super::audit::AUDITORS.contains(&r) => FeedScope::CasesAndAudit,
        Role::Integration => FeedScope::SocialReplies,
        _ => FeedScope::Cases,
    }
}

/// Page size when none is asked for, and the largest allowed.
pub const DEFAULT_LIMIT: u32 = 500;
pub const MAX_LIMIT: u32 = 5000;

/// Every change after `since`, oldest first, at most `limit` (default [`DEFAULT_LIMIT`]).
pub async fn page(
    s: &Services,
    actor: &AgentInfo,
    since: i64,
    limit: Option<u32>,
) -> Result<RawSyncPage> {
    require(actor, FEED_READERS)?;
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::OutOfBounds(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    if since < 0 {
        return Err(Error::OutOfBounds("since must not be negative".into()));
    }
    Ok(s.store.changes_raw(since, limit, scope(actor.role)).await?)
}

/// An entity's stored feed document (JSON text), as the feed carries it. Shipments are read
/// live instead ([`shipment`]): their password state depends on the clock.
pub async fn document(
    s: &Services,
    actor: &AgentInfo,
    kind: EntityKind,
    id: &str,
) -> Result<String> {
    require(actor, READERS)?;
    s.store
        .doc(kind, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no {} with id {id:?}", kind.as_str())))
}

/// A shipment as it stands now.
pub async fn shipment(s: &Services, actor: &AgentInfo, id: &str) -> Result<Shipment> {
    require(actor, READERS)?;
    s.store
        .shipment(id, s.clock.now())
        .await?
        .ok_or_else(|| Error::NotFound(format!("no shipment with id {id:?}")))
}

/// How long a follower may wait between two looks at the feed when nothing signals: a change
/// recorded on SQLite signals a moment before it commits, and a signal can be lost with a
/// connection; neither delays a change by more than this.
pub const LOOK_AGAIN: std::time::Duration = std::time::Duration::from_secs(1);

/// How often a follower checks that its session still holds.
pub const SESSION_CHECK: std::time::Duration = std::time::Duration::from_secs(30);

/// The longest a stream stays open (the client opens another from its cursor).
pub const MAX_FOLLOW_SECONDS: u64 = 3600;

/// What a stream pushes.
pub enum Pushed {
    /// A page of the feed after the last.
    Page(RawSyncPage),
    /// A customer is typing in a live chat (to the roles that read cases).
    Typing(Typing),
}

/// Follows the feed from a cursor: each [`Follow::next`] waits until there are changes after
/// it (woken by the store's signal, or looking again every [`LOOK_AGAIN`]) and returns them
/// as a page, whose `next` it follows on; a customer typing meanwhile is pushed as it
/// happens. It ends at its deadline, when the session ends or when the server stops.
pub struct Follow {
    s: Services,
    actor: AgentInfo,
    token_hash: Vec<u8>,
    since: i64,
    signal: tokio::sync::watch::Receiver<u64>,
    /// Who is typing; none for an integration account.
    typing: Option<tokio::sync::broadcast::Receiver<Typing>>,
    stopping: tokio::sync::watch::Receiver<bool>,
    until: tokio::time::Instant,
    checked: tokio::time::Instant,
}

/// Starts following the feed after `since` for at most `seconds` (role and bounds checked now).
pub fn follow(
    s: &Services,
    actor: &AgentInfo,
    token_hash: Vec<u8>,
    since: i64,
    seconds: u64,
) -> Result<Follow> {
    require(actor, FEED_READERS)?;
    if since < 0 {
        return Err(Error::OutOfBounds("since must not be negative".into()));
    }
    if seconds == 0 || seconds > MAX_FOLLOW_SECONDS {
        return Err(Error::OutOfBounds(format!(
            "wait must be between 1 and {MAX_FOLLOW_SECONDS} seconds"
        )));
    }
    let now = tokio::time::Instant::now();
    let mut signal = s.store.signal();
    signal.mark_unchanged();
    Ok(Follow {
        s: s.clone(),
        actor: actor.clone(),
        token_hash,
        since,
        signal,
        typing: READERS.contains(&actor.role).then(|| s.store.typing()),
        stopping: s.stopping.subscribe(),
        until: now + std::time::Duration::from_secs(seconds),
        checked: now,
    })
}

impl Follow {
    /// The cursor the next page starts after.
    pub fn cursor(&self) -> i64 {
        self.since
    }

    /// The next page of changes, or a customer typing; `None` when the stream is over (its
    /// time is up, or the session ended).
    pub async fn next(&mut self) -> Option<Result<Pushed>> {
        loop {
            let now = tokio::time::Instant::now();
            if now >= self.until || *self.stopping.borrow() {
                return None;
            }
            if now.duration_since(self.checked) >= SESSION_CHECK {
                self.checked = now;
                if super::accounts::signed_agent(&self.s, &self.token_hash)
                    .await
                    .is_err()
                {
                    return None;
                }
            }
            // Marked seen before the read: a signal during it wakes the next wait.
            self.signal.mark_unchanged();
            match page(&self.s, &self.actor, self.since, Some(DEFAULT_LIMIT)).await {
                Ok(page) if !page.changes.is_empty() => {
                    self.since = page.next;
                    return Some(Ok(Pushed::Page(page)));
                }
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
            let wait = LOOK_AGAIN.min(self.until - tokio::time::Instant::now());
            let look_again = tokio::time::Instant::now() + wait;
            if let Some(typing) = self.wait(look_again).await {
                return Some(Ok(Pushed::Typing(typing)));
            }
        }
    }

    /// Waits for the feed's signal, the server stopping or `look_again`; a customer typing
    /// meanwhile is returned at once (agents typing are passed over without a read).
    async fn wait(&mut self, look_again: tokio::time::Instant) -> Option<Typing> {
        use tokio::sync::broadcast::error::RecvError;
        let Follow {
            signal,
            stopping,
            typing,
            ..
        } = self;
        loop {
            let heard = async {
                match typing.as_mut() {
                    Some(typing) => typing.recv().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                changed = signal.changed() => {
                    if changed.is_err() {
                        tokio::time::sleep_until(look_again).await;
                    }
                    return None;
                }
                _ = stopping.changed() => return None,
                _ = tokio::time::sleep_until(look_again) => return None,
                heard = heard => match heard {
                    Ok(t) if t.by == Typist::Customer => return Some(t),
                    Ok(_) | Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => *typing = None,
                },
            }
        }
    }
}
