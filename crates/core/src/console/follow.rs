//! Following the server's pushed feed (`GET /stream`, rule 7.10): while signed in and online, each page
//! the server pushes is applied to the cache as it arrives, so a new request shows in the
//! queue without the agent asking and without the console polling. A pushed page continues
//! the cache's cursor or is not applied; a stream that ends or breaks is opened again from
//! the cache's cursor, so nothing is missed or applied twice. A pull (`sync`) and a push never
//! write at once.

use std::sync::atomic::Ordering;

use super::Console;
use crate::types::{Connection, ConsoleError, ErrorKind};

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
    /// applies each pushed page, calling `applied` with how many changes each brought, until
    /// the stream ends. An error says why it broke (unreachable, session expired); the caller
    /// waits and follows again.
    pub async fn follow(&self, mut applied: impl FnMut(u32)) -> Result<FollowEnd, ConsoleError> {
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
            let page = match stream.next_page().await {
                Ok(Some(page)) => page,
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
                    applied(n);
                }
                None => return Ok(FollowEnd::Overtaken),
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
