//! Replaying the outbox: every waiting action is sent with its own idempotency key, so the
//! server applies it once however often it is sent. A kill between sending and storing the
//! answer leaves the row, which the next replay sends again and the server answers with its
//! first answer. Network above the outbox's storage (`outbox.rs`).

use sportello_protocol::Ticket;

use crate::cache::{Cache, CacheError};
use crate::client::{Client, ClientError};
use crate::outbox::Action;
use crate::types::ActionKind;

/// Sends an action with its key; the server answers the ticket.
async fn send(action: &Action, client: &Client) -> Result<Ticket, ReplayError> {
    Ok(match action.kind {
        ActionKind::Reply | ActionKind::Note => {
            client
                .add_message(&action.ticket_id, &action.body()?, &action.key)
                .await?
        }
        ActionKind::Attempt => {
            let callback = action.callback_id.as_deref().unwrap_or_default();
            client
                .log_attempt(callback, &action.body()?, &action.key)
                .await?
        }
        ActionKind::Close => {
            client
                .close_ticket(&action.ticket_id, &action.body()?, &action.key)
                .await?
        }
    })
}

/// How a replay went for one action.
pub enum Outcome {
    Sent(Ticket),
    Refused(ReplayError),
    /// Not sent: the server is unreachable or the session ended.
    Waiting,
}

/// Why an action was not applied: the server refused it, or its stored body does not read.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    #[error(transparent)]
    Client(ClientError),
    #[error(transparent)]
    Cache(CacheError),
}

impl From<ClientError> for ReplayError {
    fn from(e: ClientError) -> Self {
        ReplayError::Client(e)
    }
}

impl From<CacheError> for ReplayError {
    fn from(e: CacheError) -> Self {
        ReplayError::Cache(e)
    }
}

/// A test hook: with `SPORTELLO_TEST_ABORT_AFTER_SEND=1` the process dies right after the
/// server answered an action and before the answer is stored, the moment a crash or kill
/// hurts most. The kill test uses it to prove the action still reaches the server once.
fn abort_after_send_for_tests() {
    if std::env::var_os("SPORTELLO_TEST_ABORT_AFTER_SEND").is_some_and(|v| v == "1") {
        std::process::abort();
    }
}

/// Sends every action `agent_id` took that waits, in order, in that agent's session
/// (`client`). Stops at the first that cannot be sent (server gone, session ended: `stopped`
/// says why); a refused action is kept with its error and the replay goes on. Returns what
/// happened to each action tried, by `seq`.
pub async fn replay(
    client: &Client,
    cache: &Cache,
    agent_id: &str,
) -> Result<(Vec<(i64, Outcome)>, Option<ClientError>), CacheError> {
    let mut done = Vec::new();
    for action in cache.pending(agent_id).await? {
        match send(&action, client).await {
            Ok(ticket) => {
                abort_after_send_for_tests();
                cache.settle(action.seq, &ticket).await?;
                done.push((action.seq, Outcome::Sent(ticket)));
            }
            Err(ReplayError::Client(e)) if e.is_unreachable() || e.ends_session() => {
                done.push((action.seq, Outcome::Waiting));
                return Ok((done, Some(e)));
            }
            Err(e) => {
                // Nothing was applied: show the case as the server has it.
                let ticket = client.ticket(&action.ticket_id).await.ok();
                cache
                    .refuse(action.seq, &e.to_string(), ticket.as_ref())
                    .await?;
                done.push((action.seq, Outcome::Refused(e)));
            }
        }
    }
    Ok((done, None))
}
