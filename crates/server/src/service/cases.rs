//! Working a case (docs/product.md §4): replies and internal notes, callbacks to a number on
//! file and the calls made for them, closing with the customer's summary mail, and showing the
//! full number of a callback's phone to the agent calling it (rule 5.3). Free text is checked
//! here (rule 4.5); the store applies the rest under the ticket's row lock.

use sportello_protocol::{
    AgentInfo, CloseTicket, EntityKind, NewAttempt, NewCallback, NewMessage, Ticket,
};

use super::{require, scoped, Error, RequestKey, Result, Services, WRITERS};
use crate::store::{Applied, AttemptRow, NewCallbackRow, NewMessageRow, Revealed};

/// Checks free text an agent typed: at most [`NewMessage::MAX_CHARS`] characters, not blank
/// when `required`, no control or bidirectional override character.
fn plain_text(what: &str, text: &str, required: bool) -> Result<()> {
    Ok(crate::text::check(
        what,
        text,
        required,
        NewMessage::MAX_CHARS,
    )?)
}

/// Adds a reply to the customer or an internal note to an open ticket.
pub async fn add_message(
    s: &Services,
    actor: &AgentInfo,
    ticket_id: &str,
    req: &NewMessage,
    key: Option<&RequestKey>,
) -> Result<Applied<Ticket>> {
    require(actor, WRITERS)?;
    plain_text("the message", &req.body, true)?;
    let now = s.clock.now();
    let message = NewMessageRow {
        kind: req.kind.into(),
        author: actor.name.clone(),
        at: now,
        body: req.body.clone(),
    };
    Ok(s.store
        .add_message(scoped(key, actor, now).as_ref(), ticket_id, message)
        .await?)
}

/// Logs a callback the customer asked for: to a phone on file, at a time ahead or as soon as
/// possible (rule 4.1).
pub async fn add_callback(
    s: &Services,
    actor: &AgentInfo,
    ticket_id: &str,
    req: &NewCallback,
    key: Option<&RequestKey>,
) -> Result<Applied<Ticket>> {
    require(actor, WRITERS)?;
    plain_text("the note", &req.note, false)?;
    // An unknown ticket is that, whatever the due time asked for.
    if s.store.doc(EntityKind::Ticket, ticket_id).await?.is_none() {
        return Err(Error::NotFound(format!("no ticket with id {ticket_id:?}")));
    }
    let now = s.clock.now();
    let due_at = crate::callback::due_at(req.due_at, req.asap.unwrap_or(false), now)
        .map_err(|refusal| Error::Invalid(refusal.message()))?;
    let callback = NewCallbackRow {
        phone_id: req.phone_id.clone(),
        due_at,
        note: req.note.clone(),
        agent: actor.username.clone(),
        at: now,
    };
    Ok(s.store
        .add_callback(scoped(key, actor, now).as_ref(), ticket_id, callback)
        .await?)
}

/// Records a call made for a callback; the store applies the retry policy (rule 4.2).
pub async fn add_attempt(
    s: &Services,
    actor: &AgentInfo,
    callback_id: &str,
    req: &NewAttempt,
    key: Option<&RequestKey>,
) -> Result<Applied<Ticket>> {
    require(actor, WRITERS)?;
    plain_text("the note", &req.note, false)?;
    let now = s.clock.now();
    let attempt = AttemptRow {
        outcome: req.outcome,
        note: req.note.clone(),
        agent: actor.name.clone(),
        at: now,
    };
    Ok(s.store
        .add_attempt(scoped(key, actor, now).as_ref(), callback_id, attempt)
        .await?)
}

/// Closes a ticket with its resolution: scheduled callbacks are cancelled and the customer is
/// mailed a summary (rule 4.4).
pub async fn close(
    s: &Services,
    actor: &AgentInfo,
    ticket_id: &str,
    req: &CloseTicket,
    key: Option<&RequestKey>,
) -> Result<Applied<Ticket>> {
    require(actor, WRITERS)?;
    plain_text("the resolution", &req.resolution, true)?;
    let now = s.clock.now();
    Ok(s.store
        .close_ticket(
            scoped(key, actor, now).as_ref(),
            ticket_id,
            req.resolution.trim(),
            now,
        )
        .await?)
}

/// The full number of a scheduled callback's phone, for the agent calling it, audited by the
/// store with who, when and which phone (rule 5.3).
pub async fn reveal_phone(s: &Services, actor: &AgentInfo, callback_id: &str) -> Result<Revealed> {
    require(actor, WRITERS)?;
    let revealed = s
        .store
        .reveal_callback_phone(callback_id, actor, s.clock.now())
        .await?;
    tracing::info!(callback = %callback_id, phone = %revealed.phone_id, "phone number revealed");
    Ok(revealed)
}
