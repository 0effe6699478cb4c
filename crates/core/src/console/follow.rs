//! Following the server's pushed feed (`GET /stream`, rule 7.10): while signed in and online, each page
//! the server pushes is applied to the cache as it arrives, so a new request shows in the
//! queue without the agent asking and without the console polling. A pushed page continues
//! the cache's cursor or is not applied; a stream that ends or breaks is opened again from
//! the cache's cursor, so nothing is missed or applied twice. A pull (`sync`) and a push never
//! write at once.

use std::sync::atomic::Ordering;

use super::Console;
use crate::types::{Connection, ConsoleError, ErrorKind};

/// What following brings, as it comes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Followed {
    /// A pushed page was applied to the cache, with this many changes.
    Applied(u32),
    /// A customer is typing in a live chat.
    Typing(sportello_protocol::Typing),
}

/// Why a round of following ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowEnd {
    /// The server closed the stream at its end: open the next.
    Ended,
    /// The cache moved on its own (a sync ran): open the next from its cursor.
    Overtaken,
    /// A sync is running: follow again once it is over.
    Busy,
    /// Nothing to follow: signed out, offline with no session, or a courier's device.
    NotFollowing,
}

impl Console {
    /// One round of following the pushed feed: opens a stream from the cache's cursor and
    /// applies each pushed page, calling `heard` with how many changes each brought (and with
    /// each customer typing), until the stream ends. An error says why it broke (unreachable,
    /// session expired); the caller waits and follows again.
    pub async fn follow(&self, mut heard: impl FnMut(Followed)) -> Result<FollowEnd, ConsoleError> {
        let (client, cache) = {
            let state = self.state.lock().await;
            match (&state.client, &state.cases, &state.courier) {
                (Some(client), Some(cache), None) => (client.clone(), cache.clone()),
                _ => return Ok(FollowEnd::NotFollowing),
            }
        };
        let mut since = cache.cursor().await.map_err(ConsoleError::from)?;
        let mut stream = match crate::stream::FeedStream::open(&client, since).await {
            Ok(stream) => stream,
            Err(e) => {
                let error = ConsoleError::from(e);
                self.broke(&error).await;
                return Err(error);
            }
        };
        loop {
            let page = match stream.next().await {
                Ok(Some(crate::stream::Pushed::Page(page))) => page,
                Ok(Some(crate::stream::Pushed::Typing(typing))) => {
                    heard(Followed::Typing(typing));
                    continue;
                }
                Ok(None) => return Ok(FollowEnd::Ended),
                Err(e) => {
                    let error = ConsoleError::from(e);
                    self.broke(&error).await;
                    return Err(error);
                }
            };
            if self.syncing.swap(true, Ordering::SeqCst) {
                return Ok(FollowEnd::Busy);
            }
            let next = page.next;
            let result = crate::sync::apply_pushed(&cache, &self.clock, since, page).await;
            self.syncing.store(false, Ordering::SeqCst);
            match result.map_err(ConsoleError::from)? {
                Some(n) => {
                    since = next;
                    self.state.lock().await.connection = Connection::Online;
                    heard(Followed::Applied(n));
                }
                None => return Ok(FollowEnd::Overtaken),
            }
        }
    }

    /// Tells the customer's page that the agent is typing a reply in a live chat: best
    /// effort, as typing is only worth its moment (offline or refused, nothing happens).
    pub async fn typing(&self, ticket_id: &str) {
        let client = self.state.lock().await.client.clone();
        if let Some(client) = client {
            if let Err(e) = client.typing(ticket_id).await {
                tracing::debug!(error = %e, "typing was not told");
            }
        }
    }

    /// A stream that broke says what it learned: the server is gone, or the session is over.
    async fn broke(&self, error: &ConsoleError) {
        let mut state = self.state.lock().await;
        match error.kind {
            ErrorKind::Unreachable => state.connection = Connection::Offline,
            ErrorKind::SessionExpired => state.end_session(),
            _ => {}
        }
    }
}
