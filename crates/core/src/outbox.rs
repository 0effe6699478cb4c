//! The outbox's storage: actions that make sense offline (a reply, a note, a callback attempt,
//! closing a case) are written to the cache before they are sent, each with its own
//! idempotency key, and shown applied on the cached case (optimistically), so the agent sees
//! what they did. The server's answer is stored and the row deleted in one transaction
//! ([`Cache::settle`]). Sending them is `replay.rs`'s.

use chrono::{DateTime, Utc};
use sportello_protocol::{
    CallbackAttempt, CallbackState, CloseTicket, Message, MessageKind, NewAttempt, NewMessage,
    Ticket, TicketStatus,
};

use crate::cache::{corrupt, document, to_document, Cache, Result, What};
use crate::tickets::TicketDoc;
use crate::types::{ActionKind, PendingAction};

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

fn action(row: ActionRow) -> Result<Action> {
    let (seq, key, kind, ticket_id, callback_id, body, author, created_at, error) = row;
    Ok(Action {
        seq,
        key,
        kind: ActionKind::parse(&kind).ok_or_else(|| corrupt("action kind", &kind))?,
        ticket_id,
        callback_id,
        body,
        author,
        created_at: created_at.parse().map_err(|e| corrupt("date", e))?,
        error,
    })
}

const COLUMNS: &str = "seq, key, kind, ticket_id, callback_id, body, author, created_at, error";

impl Action {
    /// What the agent wrote: the message, the attempt's note or the resolution.
    fn text(&self) -> Result<String> {
        Ok(match self.kind {
            ActionKind::Reply | ActionKind::Note => self.body::<NewMessage>()?.body,
            ActionKind::Attempt => self.body::<NewAttempt>()?.note,
            ActionKind::Close => self.body::<CloseTicket>()?.resolution,
        })
    }

    /// The request body as it will be sent.
    pub fn body<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        document("action", &self.body)
    }

    /// The action as the outbox view shows it.
    pub fn view(&self) -> Result<PendingAction> {
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

    /// The ticket as it will be once the server applied this action, as far as the console
    /// can tell: shown until the server's answer replaces it.
    fn apply_to(&self, ticket: &mut Ticket) -> Result<()> {
        match self.kind {
            ActionKind::Reply | ActionKind::Note => {
                let m: NewMessage = self.body()?;
                ticket.messages.push(Message {
                    id: pending_id(&self.key),
                    kind: MessageKind::from(m.kind),
                    author: self.author.clone(),
                    at: self.created_at,
                    body: m.body,
                });
            }
            ActionKind::Attempt => {
                let a: NewAttempt = self.body()?;
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
                let c: CloseTicket = self.body()?;
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
    pub async fn enqueue(&self, new: NewAction) -> Result<Action> {
        const WHAT: &str = "write an action to the outbox";
        let key = uuid::Uuid::new_v4().to_string();
        let now = new.at;
        let mut conn = self.pool.acquire().await.what(WHAT)?;
        let mut tx = crate::cache::begin_write(&mut conn).await.what(WHAT)?;
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
        .await
        .what(WHAT)?;
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
            .await
            .what(WHAT)?;
        if let Some(data) = ticket {
            let mut ticket: Ticket = document("ticket", &data)?;
            action.apply_to(&mut ticket)?;
            let data = to_document(&ticket);
            crate::tickets::write(
                &mut tx,
                &[TicketDoc {
                    ticket: &ticket,
                    data: &data,
                }],
            )
            .await?;
        }
        tx.commit().await.what(WHAT)?;
        Ok(action)
    }

    /// Actions of `agent_id` waiting to be sent, oldest first (those written before actions
    /// carried their agent belong to the cache's agent, the only one who opens it).
    pub async fn pending(&self, agent_id: &str) -> Result<Vec<Action>> {
        let rows: Vec<ActionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM outbox
              WHERE error IS NULL AND (agent_id IS NULL OR agent_id = ?) ORDER BY seq"
        )))
        .bind(agent_id)
        .fetch_all(&self.pool)
        .await
        .what("read the waiting actions")?;
        rows.into_iter().map(action).collect()
    }

    /// Every action in the outbox, waiting or refused, oldest first.
    pub async fn outbox(&self) -> Result<Vec<Action>> {
        let rows: Vec<ActionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM outbox ORDER BY seq"
        )))
        .fetch_all(&self.pool)
        .await
        .what("read the outbox")?;
        rows.into_iter().map(action).collect()
    }

    /// (waiting, refused) actions.
    pub async fn outbox_counts(&self) -> Result<(u32, u32)> {
        let (pending, failed): (i64, i64) = sqlx::query_as(
            "SELECT count(*) FILTER (WHERE error IS NULL), count(*) FILTER (WHERE error IS NOT NULL)
               FROM outbox",
        )
        .fetch_one(&self.pool)
        .await
        .what("count the outbox")?;
        Ok((pending as u32, failed as u32))
    }

    /// The server applied `seq` and answered `ticket`: store it and forget the action, in
    /// one transaction. Actions still waiting on that ticket stay shown on it.
    pub async fn settle(&self, seq: i64, ticket: &Ticket) -> Result<()> {
        const WHAT: &str = "store the server's answer to an action";
        let mut conn = self.pool.acquire().await.what(WHAT)?;
        let mut tx = crate::cache::begin_write(&mut conn).await.what(WHAT)?;
        sqlx::query("DELETE FROM outbox WHERE seq = ?")
            .bind(seq)
            .execute(&mut *tx)
            .await
            .what(WHAT)?;
        store_with_pending(&mut tx, ticket).await?;
        tx.commit().await.what(WHAT)?;
        Ok(())
    }

    /// The server refused `seq` on replay: keep it, with why, for the agent to review, and
    /// show the case as the server has it (`ticket`, when it could be read), with what still
    /// waits.
    pub async fn refuse(&self, seq: i64, error: &str, ticket: Option<&Ticket>) -> Result<()> {
        const WHAT: &str = "keep a refused action";
        let mut conn = self.pool.acquire().await.what(WHAT)?;
        let mut tx = crate::cache::begin_write(&mut conn).await.what(WHAT)?;
        sqlx::query("UPDATE outbox SET error = ? WHERE seq = ?")
            .bind(error)
            .bind(seq)
            .execute(&mut *tx)
            .await
            .what(WHAT)?;
        if let Some(ticket) = ticket {
            store_with_pending(&mut tx, ticket).await?;
        }
        tx.commit().await.what(WHAT)?;
        Ok(())
    }

    /// Forgets an action (one the server refused, or one just refused interactively).
    pub async fn discard(&self, seq: i64) -> Result<bool> {
        let gone = sqlx::query("DELETE FROM outbox WHERE seq = ?")
            .bind(seq)
            .execute(&self.pool)
            .await
            .what("discard an action")?
            .rows_affected();
        Ok(gone == 1)
    }
}

impl Cache {
    /// Stores a ticket the server just answered with (after a reply, a callback, a close), so
    /// the case and the queue show it at once, with the actions still waiting on it applied;
    /// the feed brings the same document later.
    pub async fn store_answer(&self, ticket: &Ticket) -> Result<()> {
        const WHAT: &str = "store the server's answer";
        let mut conn = self.pool.acquire().await.what(WHAT)?;
        let mut tx = crate::cache::begin_write(&mut conn).await.what(WHAT)?;
        store_with_pending(&mut tx, ticket).await?;
        tx.commit().await.what(WHAT)?;
        Ok(())
    }
}

/// Stores the server's copy of a ticket with the actions still waiting on it applied.
async fn store_with_pending(conn: &mut sqlx::SqliteConnection, ticket: &Ticket) -> Result<()> {
    let mut ticket = ticket.clone();
    let rows: Vec<ActionRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM outbox WHERE ticket_id = ? AND error IS NULL ORDER BY seq"
    )))
    .bind(&ticket.id)
    .fetch_all(&mut *conn)
    .await
    .what("read the actions waiting on a case")?;
    for row in rows {
        action(row)?.apply_to(&mut ticket)?;
    }
    crate::tickets::write_one(conn, &ticket).await
}
