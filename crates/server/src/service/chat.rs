//! Live chat (docs/product.md rule 8.3): a chat no agent picked up continues by e-mail or as
//! a callback; the customer's page follows their request as it changes (messages, state, the
//! offer when no agent answers); and who is typing reaches the other side, on any replica,
//! without being stored.

use sportello_protocol::{AgentInfo, Channel, TicketStatus, Typing, Typist};

use super::customers::request;
use super::{require, Error, Result, Services, WRITERS};
use crate::store::CustomerAccount;

/// The customer is typing in their open live chat: the agents' streams hear it.
pub async fn customer_typing(
    s: &Services,
    customer: &CustomerAccount,
    ticket_id: &str,
) -> Result<()> {
    let ticket = request(s, customer, ticket_id).await?;
    if ticket.channel != Channel::LiveChat || ticket.status == TicketStatus::Closed {
        return Ok(()); // no one is waiting for it
    }
    s.store
        .announce_typing(&Typing {
            ticket_id: ticket.id,
            by: Typist::Customer,
            name: customer.name.clone(),
        })
        .await?;
    Ok(())
}

/// An agent is typing a reply in a live chat: the customer's page hears it.
pub async fn agent_typing(s: &Services, actor: &AgentInfo, ticket_id: &str) -> Result<()> {
    require(actor, WRITERS)?;
    let ticket = s
        .store
        .ticket(ticket_id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no ticket with id {ticket_id:?}")))?;
    if ticket.channel != Channel::LiveChat || ticket.status == TicketStatus::Closed {
        return Ok(());
    }
    s.store
        .announce_typing(&Typing {
            ticket_id: ticket.id,
            by: Typist::Agent,
            name: actor.name.clone(),
        })
        .await?;
    Ok(())
}

/// How often a customer's request page looks at its ticket when nothing said it changed.
const REQUEST_LOOK_AGAIN: std::time::Duration = std::time::Duration::from_secs(5);

/// How soon it looks again when its ticket's change was heard but not yet seen.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(200);

/// How long a chat waits for an agent before the customer is offered a callback or e-mail.
pub const CHAT_WAIT_MINUTES: i64 = 3;

/// A chat no agent picked up continues by e-mail, or as a callback as soon as possible to
/// `phone_id` (rule 8.3).
pub async fn switch_chat(
    s: &Services,
    customer: &CustomerAccount,
    ticket_id: &str,
    phone_id: Option<&str>,
) -> Result<()> {
    let now = s.clock.now();
    let callback = match phone_id {
        Some(phone) => Some((
            phone,
            crate::callback::due_at(None, true, now)
                .map_err(|_| Error::Invalid("no time for the callback".into()))?,
        )),
        None => None,
    };
    s.store
        .switch_chat(&customer.id, ticket_id, callback, now)
        .await?;
    Ok(())
}

/// What a customer's open request page hears.
pub enum Heard {
    /// A message the customer may read (never a note), in order.
    Message(sportello_protocol::Message),
    /// The request changed state or channel.
    Changed(sportello_protocol::Ticket),
    /// The chat has waited [`CHAT_WAIT_MINUTES`] for an agent: offer the alternatives.
    Offer,
    /// An agent (this name) is typing a reply.
    Typing(String),
}

/// Follows one of the customer's requests as it changes: the messages after the first
/// `seen`, then each new one as it is written (on any replica), state changes, and the offer
/// when a chat waits too long. Ends with the server, the session or the request's access.
pub struct RequestFollow {
    s: Services,
    customer: CustomerAccount,
    ticket_id: String,
    seen: usize,
    last: Option<(
        sportello_protocol::TicketStatus,
        sportello_protocol::Channel,
    )>,
    offered: bool,
    /// Which entities changed: this request's ticket wakes the follower, no other.
    changed: tokio::sync::broadcast::Receiver<crate::store::Changed>,
    /// Woken by its ticket's change, the last read found nothing new: on SQLite the change
    /// is heard a moment before it commits, so look again shortly.
    settle: bool,
    typing: tokio::sync::broadcast::Receiver<Typing>,
    stopping: tokio::sync::watch::Receiver<bool>,
    queue: std::collections::VecDeque<Heard>,
}

/// Starts following request `ticket_id` after its first `seen` messages.
pub async fn follow_request(
    s: &Services,
    customer: &CustomerAccount,
    ticket_id: &str,
    seen: usize,
) -> Result<RequestFollow> {
    // Not the customer's: not found now, before the stream opens.
    request(s, customer, ticket_id).await?;
    Ok(RequestFollow {
        s: s.clone(),
        customer: customer.clone(),
        ticket_id: ticket_id.to_string(),
        seen,
        last: None,
        offered: false,
        changed: s.store.changed(),
        settle: false,
        typing: s.store.typing(),
        stopping: s.stopping.subscribe(),
        queue: Default::default(),
    })
}

impl RequestFollow {
    /// The next thing heard; `None` when the stream ends.
    pub async fn next(&mut self) -> Option<Heard> {
        loop {
            if let Some(heard) = self.queue.pop_front() {
                return Some(heard);
            }
            if *self.stopping.borrow() {
                return None;
            }
            let ticket = request(&self.s, &self.customer, &self.ticket_id)
                .await
                .ok()?;
            let before = (self.seen, self.last);
            for m in ticket.messages.iter().skip(self.seen) {
                self.queue.push_back(Heard::Message(m.clone()));
            }
            self.seen = self.seen.max(ticket.messages.len());
            let state = (ticket.status, ticket.channel);
            if self.last.is_some_and(|last| last != state) {
                self.queue.push_back(Heard::Changed(ticket.clone()));
            }
            self.last = Some(state);
            let waited = self.s.clock.now() - ticket.created_at;
            if !self.offered
                && ticket.channel == Channel::LiveChat
                && ticket.status == TicketStatus::New
                && waited >= chrono::Duration::minutes(CHAT_WAIT_MINUTES)
            {
                self.offered = true;
                self.queue.push_back(Heard::Offer);
            }
            if !self.queue.is_empty() {
                self.settle = false;
                continue;
            }
            // Other tickets' changes and other conversations' typing are passed over without
            // reading this one again (hundreds of open chats must not each read their ticket on
            // every change); a look every few seconds catches what a lost signal hid.
            let settle = std::mem::take(&mut self.settle) && (self.seen, self.last) == before;
            let wait = if settle { SETTLE } else { REQUEST_LOOK_AGAIN };
            let look_again = tokio::time::Instant::now() + wait;
            loop {
                use tokio::sync::broadcast::error::RecvError;
                tokio::select! {
                    changed = self.changed.recv() => match changed {
                        Ok(c) if c.kind == sportello_protocol::EntityKind::Ticket
                            && c.id == self.ticket_id => {
                            self.settle = true;
                            break;
                        }
                        Ok(_) => {}
                        Err(RecvError::Lagged(_)) => break,
                        Err(RecvError::Closed) => {
                            tokio::time::sleep_until(look_again).await;
                            break;
                        }
                    },
                    _ = self.stopping.changed() => break,
                    _ = tokio::time::sleep_until(look_again) => break,
                    typing = self.typing.recv() => match typing {
                        Ok(t) if t.by == Typist::Agent && t.ticket_id == self.ticket_id => {
                            return Some(Heard::Typing(t.name));
                        }
                        Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => {
                            tokio::time::sleep_until(look_again).await;
                            break;
                        }
                    },
                }
            }
        }
    }
}
