//! The pushed feed (`GET /stream`, rule 7.10) as the console reads it: server-sent events
//! `changes`, each a page of the feed with the cursor it reaches, and `typing`, a customer
//! typing in a live chat; a comment every 15 seconds keeps the connection alive, and a stream
//! silent for longer is taken for broken.

use std::time::Duration;

use sportello_protocol::{RawSyncPage, Typing};

use crate::client::{Client, ClientError};

/// How long the console asks the server to keep a stream open; it opens the next from its
/// cursor.
pub const STREAM_SECONDS: u64 = 300;

/// A stream silent for this long is taken for dead (the server comments every 15 seconds).
pub const STREAM_SILENCE: Duration = Duration::from_secs(45);

/// What the server pushes.
#[derive(Debug)]
pub enum Pushed {
    /// A page of the feed.
    Page(RawSyncPage),
    /// A customer is typing in a live chat.
    Typing(Typing),
}

/// The pushed feed, read event by event (server-sent events: `event: changes`, `id:` the
/// cursor reached, `data:` a page of the feed).
pub struct FeedStream {
    response: reqwest::Response,
    buffer: Vec<u8>,
    server: String,
}

impl FeedStream {
    /// Opens the pushed feed after `since`: the server keeps it open for [`STREAM_SECONDS`],
    /// pushing each page of changes as the feed moves.
    pub async fn open(client: &Client, since: i64) -> Result<FeedStream, ClientError> {
        let response = client
            .open(
                &format!("/stream?since={since}&wait={STREAM_SECONDS}"),
                // The stream outlives the client's usual timeout; the server ends it.
                Duration::from_secs(STREAM_SECONDS + 30),
            )
            .await?;
        Ok(FeedStream {
            response,
            buffer: Vec::new(),
            server: client.server().to_string(),
        })
    }

    /// The next page or typing pushed; `None` when the server ended the stream.
    pub async fn next(&mut self) -> Result<Option<Pushed>, ClientError> {
        loop {
            if let Some(end) = self.buffer.windows(2).position(|w| w == b"\n\n") {
                let block: Vec<u8> = self.buffer.drain(..end + 2).collect();
                let block = String::from_utf8_lossy(&block);
                let mut event = None;
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        event = Some(v.trim().to_string());
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.strip_prefix(' ').unwrap_or(v));
                    }
                }
                let parsed = match event.as_deref() {
                    Some("changes") => serde_json::from_str(&data).map(Pushed::Page),
                    Some("typing") => serde_json::from_str(&data).map(Pushed::Typing),
                    _ => continue,
                };
                return parsed.map(Some).map_err(|e| ClientError::Unexpected {
                    detail: format!("a pushed event did not parse: {e}"),
                });
            }
            match tokio::time::timeout(STREAM_SILENCE, self.response.chunk()).await {
                Ok(Ok(Some(bytes))) => self.buffer.extend_from_slice(&bytes),
                Ok(Ok(None)) => return Ok(None),
                // A broken or silent stream: the server is as good as unreachable.
                Ok(Err(e)) => {
                    tracing::debug!(error = %e, "the stream broke");
                    return Err(ClientError::Unreachable {
                        server: self.server.clone(),
                    });
                }
                Err(_) => {
                    tracing::debug!("the stream went silent");
                    return Err(ClientError::Unreachable {
                        server: self.server.clone(),
                    });
                }
            }
        }
    }
}
