//! The outbox: actions that make sense offline (a reply, a note, a callback attempt, closing a
//! case) are written to the cache before they are sent, each with its own idempotency key.
//! Every try carries that key, so the server applies the action once however often it is
//! sent; the server's answer is stored and the row deleted in one transaction. A kill between
//! sending and storing leaves the row, which the next replay sends again and the server
//! answers with its first answer. Until then the cached case shows the action applied
//! (optimistically), so the agent sees what they did.

use chrono::{DateTime, Utc};
use sportello_protocol::{
    CallbackAttempt, CallbackState, CloseTicket, Message, MessageKind, NewAttempt, NewMessage,
    Ticket, TicketStatus,
};
use sqlx::Connection;

use crate::cache::{cache_error, json, put_ticket, Cache};
use crate::client::Client;
use crate::types::{ActionKind, ConsoleError, ErrorKind, PendingAction};

/// An action as the outbox keeps it.
#[derive(Debug, Clone)]
pub struct Action {
    pub seq: i64,
    pub key: String,
    pub kind: ActionKind,
    pub ticket_id: String,
    pub callback_id: Option<String>,
    /// The request body, JSON.
    pub body: String,
    pub author: String,
    pub created_at: DateTime<Utc>,
    pub error: Option<String>,
}

type ActionRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
);

fn action(row: ActionRow) -> Result<Action, ConsoleError> {
    let (seq, key, kind, ticket_id, callback_id, body, author, created_at, error) = row;
    Ok(Action {
        seq,
        key,
        kind: ActionKind::parse(&kind).ok_or_else(|| cache_error(format!("action {kind:?}")))?,
        ticket_id,
        callback_id,
        body,
        author,
        created_at: created_at.parse().map_err(cache_error)?,
        error,
    })
}

const COLUMNS: &str = "seq, key, kind, ticket_id, callback_id, body, author, created_at, error";

impl Action {
    /// What the agent wrote: the message, the attempt's note or the resolution.
    fn text(&self) -> Result<String, ConsoleError> {
        Ok(match self.kind {
            ActionKind::Reply | ActionKind::Note => json::<NewMessage>(&self.body)?.body,
            ActionKind::Attempt => json::<NewAttempt>(&self.body)?.note,
            ActionKind::Close => json::<CloseTicket>(&self.body)?.resolution,
        })
    }

    pub fn view(&self) -> Result<PendingAction, ConsoleError> {
        Ok(PendingAction {
            seq: self.seq,
            kind: self.kind,
            ticket_id: self.ticket_id.clone(),
            callback_id: self.callback_id.clone(),
            text: self.text()?,
            created_at: self.created_at,
            error: self.error.clone(),
        })
    }

    /// Sends the action with its key; the server answers the ticket.
    pub async fn send(&self, client: &Client) -> Result<Ticket, ConsoleError> {
        match self.kind {
            ActionKind::Reply | ActionKind::Note => {
                client
                    .add_message(&self.ticket_id, &json(&self.body)?, &self.key)
                    .await
            }
            ActionKind::Attempt => {
                let callback = self.callback_id.as_deref().unwrap_or_default();
                client
                    .log_attempt(callback, &json(&self.body)?, &self.key)
                    .await
            }
            ActionKind::Close => {
                client
                    .close_ticket(&self.ticket_id, &json(&self.body)?, &self.key)
                    .await
            }
        }
    }

    /// The ticket as it will be once the server applied this action, as far as the console
    /// can tell: shown until the server's answer replaces it.
    fn apply_to(&self, ticket: &mut Ticket) -> Result<(), ConsoleError> {
        match self.kind {
            ActionKind::Reply | ActionKind::Note => {
                let m: NewMessage = json(&self.body)?;
                ticket.messages.push(Message {
                    id: pending_id(&self.key),
                    kind: MessageKind::from(m.kind),
                    author: self.author.clone(),
                    at: self.created_at,
                    body: m.body,
                });
            }
            ActionKind::Attempt => {
                let a: NewAttempt = json(&self.body)?;
                if let Some(cb) = ticket
                    .callbacks
                    .iter_mut()
                    .find(|c| Some(&c.id) == self.callback_id.as_ref())
                {
                    cb.attempts.push(CallbackAttempt {
                        at: self.created_at,
                        agent: self.author.clone(),
                        outcome: a.outcome,
                        note: a.note,
                    });
                }
            }
            ActionKind::Close => {
                let c: CloseTicket = json(&self.body)?;
                ticket.status = TicketStatus::Closed;
                ticket.resolution = Some(c.resolution);
                ticket.closed_at = Some(self.created_at);
                for cb in &mut ticket.callbacks {
                    if cb.state == CallbackState::Scheduled {
                        cb.state = CallbackState::Cancelled;
                    }
                }
            }
        }
        ticket.updated_at = self.created_at;
        Ok(())
    }
}

/// The id an optimistic message carries until the server gives it its own.
pub fn pending_id(key: &str) -> String {
    format!("pending-{key}")
}

/// What the caller asks the outbox to do.
pub struct NewAction {
    pub kind: ActionKind,
    pub ticket_id: String,
    pub callback_id: Option<String>,
    pub body: String,
    pub author: String,
    /// The agent who took it: only their session sends it (rule 7.3).
    pub agent_id: String,
    /// When the agent took it.
    pub at: DateTime<Utc>,
}

impl Cache {
    /// Writes an action to the outbox and shows it on the cached ticket at once.
    pub async fn enqueue(&self, new: NewAction) -> Result<Action, ConsoleError> {
        let key = uuid::Uuid::new_v4().to_string();
        let now = new.at;
        let mut conn = self.pool.acquire().await?;
        let mut tx = conn.begin().await?;
        let (seq,): (i64,) = sqlx::query_as(
            "INSERT INTO outbox (key, kind, ticket_id, callback_id, body, author, created_at, agent_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq",
        )
        .bind(&key)
        .bind(new.kind.as_str())
        .bind(&new.ticket_id)
        .bind(&new.callback_id)
        .bind(&new.body)
        .bind(&new.author)
        .bind(now.to_rfc3339())
        .bind(&new.agent_id)
        .fetch_one(&mut *tx)
        .await?;
        let action = Action {
            seq,
            key,
            kind: new.kind,
            ticket_id: new.ticket_id,
            callback_id: new.callback_id,
            body: new.body,
            author: new.author,
            created_at: now,
            error: None,
        };
        let ticket: Option<String> = sqlx::query_scalar("SELECT data FROM tickets WHERE id = ?")
            .bind(&action.ticket_id)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(data) = ticket {
            let mut ticket: Ticket = json(&data)?;
            action.apply_to(&mut ticket)?;
            let data = serde_json::to_string(&ticket).map_err(cache_error)?;
            put_ticket(&mut tx, &ticket, &data).await?;
        }
        tx.commit().await?;
        Ok(action)
    }

    /// Actions of `agent_id` waiting to be sent, oldest first (those written before actions
    /// carried their agent belong to the cache's agent, the only one who opens it).
    pub async fn pending(&self, agent_id: &str) -> Result<Vec<Action>, ConsoleError> {
        let rows: Vec<ActionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM outbox
              WHERE error IS NULL AND (agent_id IS NULL OR agent_id = ?) ORDER BY seq"
        )))
        .bind(agent_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(action).collect()
    }

    /// Every action in the outbox, waiting or refused, oldest first.
    pub async fn outbox(&self) -> Result<Vec<Action>, ConsoleError> {
        let rows: Vec<ActionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM outbox ORDER BY seq"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(action).collect()
    }

    /// (waiting, refused) actions.
    pub async fn outbox_counts(&self) -> Result<(u32, u32), ConsoleError> {
        let (pending, failed): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE error IS NULL), count(*) FILTER (WHERE error IS NOT NULL)
               FROM outbox",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((pending as u32, failed as u32))
    }

    /// The server applied `seq` and answered `ticket`: store it and forget the action, in
    /// one transaction. Actions still waiting on that ticket stay shown on it.
    pub async fn settle(&self, seq: i64, ticket: &Ticket) -> Result<(), ConsoleError> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = conn.begin().await?;
        sqlx::query("DELETE FROM outbox WHERE seq = ?")
            .bind(seq)
            .execute(&mut *tx)
            .await?;
        store_with_pending(&mut tx, ticket).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The server refused `seq` on replay: keep it, with why, for the agent to review, and
    /// show the case as the server has it (`ticket`, when it could be read), with what still
    /// waits.
    pub async fn refuse(
        &self,
        seq: i64,
        error: &str,
        ticket: Option<&Ticket>,
    ) -> Result<(), ConsoleError> {
        let mut conn = self.pool.acquire().await?;
        let mut tx = conn.begin().await?;
        sqlx::query("UPDATE outbox SET error = ? WHERE seq = ?")
            .bind(error)
            .bind(seq)
            .execute(&mut *tx)
            .await?;
        if let Some(ticket) = ticket {
            store_with_pending(&mut tx, ticket).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Forgets an action (one the server refused, or one just refused interactively).
    pub async fn discard(&self, seq: i64) -> Result<bool, ConsoleError> {
        let gone = sqlx::query("DELETE FROM outbox WHERE seq = ?")
            .bind(seq)
            .execute(&self.pool)
            .await?
            .rows_affected();
        Ok(gone == 1)
    }

    /// The ticket a cached callback belongs to.
    pub async fn callback_ticket(&self, callback_id: &str) -> Result<String, ConsoleError> {
        let ticket: Option<String> =
            sqlx::query_scalar("SELECT ticket_id FROM callbacks WHERE id = ?")
                .bind(callback_id)
                .fetch_optional(&self.pool)
                .await?;
        ticket.ok_or_else(|| {
            ConsoleError::new(
                ErrorKind::NotFound,
                format!("Callback {callback_id} is not in the local cache. Sync, then try again."),
            )
        })
    }
}

/// Stores the server's copy of a ticket with the actions still waiting on it applied.
pub(crate) async fn store_with_pending(
    conn: &mut sqlx::SqliteConnection,
    ticket: &Ticket,
) -> Result<(), ConsoleError> {
    let mut ticket = ticket.clone();
    let rows: Vec<ActionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM outbox WHERE ticket_id = ? AND error IS NULL ORDER BY seq"
    )))
    .bind(&ticket.id)
    .fetch_all(&mut *conn)
    .await?;
    for row in rows {
        action(row)?.apply_to(&mut ticket)?;
    }
    let data = serde_json::to_string(&ticket).map_err(cache_error)?;
    put_ticket(&mut *conn, &ticket, &data).await?;
    for callback in &ticket.callbacks {
        sqlx::query("INSERT OR REPLACE INTO callbacks (id, ticket_id, data) VALUES (?, ?, ?)")
            .bind(&callback.id)
            .bind(&ticket.id)
            .bind(serde_json::to_string(callback).map_err(cache_error)?)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// How a replay went for one action.
pub enum Outcome {
    Sent(Ticket),
    Refused(ConsoleError),
    /// Not sent: the server is unreachable or the session ended.
    Waiting,
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
) -> Result<(Vec<(i64, Outcome)>, Option<ConsoleError>), ConsoleError> {
    let mut done = Vec::new();
    for action in cache.pending(agent_id).await? {
        match action.send(client).await {
            Ok(ticket) => {
                abort_after_send_for_tests();
                cache.settle(action.seq, &ticket).await?;
                done.push((action.seq, Outcome::Sent(ticket)));
            }
            Err(e) if matches!(e.kind, ErrorKind::Unreachable | ErrorKind::SessionExpired) => {
                done.push((action.seq, Outcome::Waiting));
                return Ok((done, Some(e)));
            }
            Err(e) => {
                // Nothing was applied: show the case as the server has it.
                let ticket = client.ticket(&action.ticket_id).await.ok();
                cache
                    .refuse(action.seq, &e.message, ticket.as_ref())
                    .await?;
                done.push((action.seq, Outcome::Refused(e)));
            }
        }
    }
    Ok((done, None))
}
