//! What an agent does to cases through the console: password actions and callbacks that need
//! the server, and replies, notes, attempts and closing, which wait in the outbox offline and
//! reach the server once. Also the outbox's view and the callbacks falling due.

use sportello_protocol::{
    CloseTicket, NewAttempt, NewCallback, NewMessage, RegenerateRequest, ResendRequest, Shipment,
    Ticket,
};

use super::{errors, Console};
use crate::client::{Client, ClientError};
use crate::outbox::NewAction;
use crate::replay::Outcome;
use crate::types::{
    ActionKind, Connection, ConsoleError, DueCallback, ErrorCode, ErrorKind, PendingAction,
};

impl Console {
    /// Sends the current delivery password again to a contact on file. Needs the server:
    /// the limits are live (docs/product.md §3), so this is never queued offline.
    pub async fn resend_password(
        &self,
        shipment_id: &str,
        request: ResendRequest,
    ) -> Result<Shipment, ConsoleError> {
        let key = uuid::Uuid::new_v4().to_string();
        self.password_action(|client| async move {
            client.resend_password(shipment_id, &request, &key).await
        })
        .await
    }

    /// Retires the delivery password and mails a new one. Needs the server.
    pub async fn regenerate_password(
        &self,
        shipment_id: &str,
        request: RegenerateRequest,
    ) -> Result<Shipment, ConsoleError> {
        let key = uuid::Uuid::new_v4().to_string();
        self.password_action(|client| async move {
            client
                .regenerate_password(shipment_id, &request, &key)
                .await
        })
        .await
    }

    /// Adds a reply to the customer or an internal note. Works offline: it waits in the
    /// outbox and reaches the server once, when it is back.
    pub async fn add_message(
        &self,
        ticket_id: &str,
        message: NewMessage,
    ) -> Result<Ticket, ConsoleError> {
        let kind = match message.kind {
            sportello_protocol::NewMessageKind::Reply => ActionKind::Reply,
            sportello_protocol::NewMessageKind::Note => ActionKind::Note,
        };
        self.queued(kind, ticket_id.to_string(), None, &message)
            .await
    }

    /// Logs a callback the customer asked for, to a number on file.
    pub async fn log_callback(
        &self,
        ticket_id: &str,
        callback: NewCallback,
    ) -> Result<Ticket, ConsoleError> {
        self.ticket_action("Callbacks", |client, key| async move {
            client.log_callback(ticket_id, &callback, &key).await
        })
        .await
    }

    /// The full number of a scheduled callback's phone, to dial it (rule 5.3): online only,
    /// audited by the server, never written to the cache.
    pub async fn reveal_phone(
        &self,
        callback_id: &str,
    ) -> Result<sportello_protocol::RevealedPhone, ConsoleError> {
        self.online_action("Phone numbers", |client| async move {
            client.reveal_phone(callback_id).await
        })
        .await
    }

    /// Logs a call made for a callback; the server applies the retry policy. Works offline.
    pub async fn log_attempt(
        &self,
        callback_id: &str,
        attempt: NewAttempt,
    ) -> Result<Ticket, ConsoleError> {
        let ticket_id = self.cases().await?.callback_ticket(callback_id).await?;
        self.queued(
            ActionKind::Attempt,
            ticket_id,
            Some(callback_id.to_string()),
            &attempt,
        )
        .await
    }

    /// Closes a case; the server mails the customer a summary. Works offline.
    pub async fn close_case(
        &self,
        ticket_id: &str,
        request: CloseTicket,
    ) -> Result<Ticket, ConsoleError> {
        self.queued(ActionKind::Close, ticket_id.to_string(), None, &request)
            .await
    }

    /// Writes an action to the outbox (the cached case shows it at once), then sends what
    /// waits, in order. Online, the answer is the server's ticket, or its refusal (the action
    /// is then dropped: nothing was applied). Offline, the action waits and the answer is the
    /// case as the console shows it meanwhile.
    async fn queued<B: serde::Serialize>(
        &self,
        kind: ActionKind,
        ticket_id: String,
        callback_id: Option<String>,
        body: &B,
    ) -> Result<Ticket, ConsoleError> {
        let cases = self.cases().await?;
        let agent = {
            let state = self.state.lock().await;
            state.profile.as_ref().and_then(|p| p.agent.clone())
        };
        let Some(agent) = agent else {
            return Err(ConsoleError::new(
                ErrorKind::SessionExpired,
                ErrorCode::SignInOnce,
                "Sign in once with this console before working cases.",
            ));
        };
        let action = cases
            .enqueue(NewAction {
                kind,
                ticket_id: ticket_id.clone(),
                callback_id,
                body: serde_json::to_string(body).expect("request bodies serialise"),
                author: agent.name,
                agent_id: agent.id,
                at: self.clock.now(),
            })
            .await?;
        for (seq, outcome) in self.replay_outbox().await? {
            if seq != action.seq {
                continue;
            }
            match outcome {
                Outcome::Sent(ticket) => return Ok(ticket),
                Outcome::Refused(e) => {
                    // Refused at once: the agent reads why now; nothing waits.
                    cases.discard(seq).await?;
                    return Err(e.into());
                }
                Outcome::Waiting => break,
            }
        }
        Ok(cases.case(&ticket_id).await?.ticket)
    }

    /// Sends every action waiting in the outbox, in order; returns how many were tried.
    /// Without a session, or with the server gone, they keep waiting.
    pub async fn flush_outbox(&self) -> Result<usize, ConsoleError> {
        Ok(self.replay_outbox().await?.len())
    }

    /// [`Console::flush_outbox`], with what happened to each action tried, by `seq`.
    pub(super) async fn replay_outbox(&self) -> Result<Vec<(i64, Outcome)>, ConsoleError> {
        let (client, cases, agent) = {
            let state = self.state.lock().await;
            (
                state.client.clone(),
                state.cases.clone(),
                state.profile.as_ref().and_then(|p| p.agent.clone()),
            )
        };
        let (Some(client), Some(cases), Some(agent)) = (client, cases, agent) else {
            return Ok(Vec::new());
        };
        let _one_at_a_time = self.flushing.lock().await;
        let (outcomes, stopped) = crate::replay::replay(&client, &cases, &agent.id).await?;
        match stopped {
            Some(e) if e.is_unreachable() => {
                self.state.lock().await.connection = Connection::Offline
            }
            Some(e) if e.ends_session() => {
                let mut state = self.state.lock().await;
                state.end_session();
            }
            _ => {}
        }
        Ok(outcomes)
    }

    /// With a session, looks whether the server still answers (online) or answers again
    /// (offline), and returns the new connection when it changed. Back online, the caller
    /// syncs, which sends what waits in the outbox first.
    pub async fn check_connection(&self) -> Option<Connection> {
        let (client, was) = {
            let state = self.state.lock().await;
            match (&state.client, state.connection) {
                (Some(client), c @ (Connection::Online | Connection::Offline)) => {
                    (client.clone(), c)
                }
                _ => return None,
            }
        };
        let now = if client.reachable().await {
            Connection::Online
        } else {
            Connection::Offline
        };
        let mut state = self.state.lock().await;
        // A sign-out meanwhile wins.
        if state.client.is_none() || state.connection != was || now == was {
            return None;
        }
        state.connection = now;
        Some(now)
    }

    /// The outbox: what waits to be sent, and what the server refused.
    pub async fn outbox(&self) -> Result<Vec<PendingAction>, ConsoleError> {
        Ok(self
            .cases()
            .await?
            .outbox()
            .await?
            .iter()
            .map(|a| a.view())
            .collect::<Result<_, _>>()?)
    }

    /// Drops an action from the outbox (after the agent read why the server refused it).
    pub async fn discard_action(&self, seq: i64) -> Result<(), ConsoleError> {
        self.cases().await?.discard(seq).await?;
        Ok(())
    }

    /// Sends a change to a ticket with a fresh idempotency key and puts the ticket the server
    /// answers into the cache, so the case and the queue show it at once.
    async fn ticket_action<F, Fut>(&self, what: &str, call: F) -> Result<Ticket, ConsoleError>
    where
        F: FnOnce(Client, String) -> Fut,
        Fut: std::future::Future<Output = Result<Ticket, ClientError>>,
    {
        let key = uuid::Uuid::new_v4().to_string();
        let ticket = self.online_action(what, |client| call(client, key)).await?;
        if let Some(cases) = self.state.lock().await.cases.clone() {
            cases.store_answer(&ticket).await?;
        }
        Ok(ticket)
    }

    /// Callbacks that fell due since the last call, each announced once (see [`DueWatch`]).
    pub async fn callbacks_falling_due(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<DueCallback>, ConsoleError> {
        let Some(cases) = self.state.lock().await.cases.clone() else {
            return Ok(Vec::new());
        };
        Ok(self.due.lock().await.poll(&cases, now).await?)
    }

    async fn password_action<F, Fut>(&self, call: F) -> Result<Shipment, ConsoleError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: std::future::Future<Output = Result<Shipment, ClientError>>,
    {
        let shipment = self.online_action("Password actions", call).await?;
        if let Some(cases) = self.state.lock().await.cases.clone() {
            cases.write_shipment(&shipment).await?;
        }
        Ok(shipment)
    }

    /// Runs a request that needs the server (`what` names it in errors). Unreachable: the
    /// console goes offline and nothing was done; an expired session signs out.
    async fn online_action<T, F, Fut>(&self, what: &str, call: F) -> Result<T, ConsoleError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: std::future::Future<Output = Result<T, ClientError>>,
    {
        let client = self.state.lock().await.client.clone();
        let Some(client) = client else {
            return Err(errors::sign_in_first(what));
        };
        match call(client).await {
            Ok(value) => Ok(value),
            Err(e) if e.is_unreachable() => {
                self.state.lock().await.connection = Connection::Offline;
                Err(errors::needs_server(what))
            }
            Err(e) => {
                if e.ends_session() {
                    self.state.lock().await.end_session();
                }
                Err(e.into())
            }
        }
    }
}
