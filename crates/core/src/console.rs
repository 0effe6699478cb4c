//! The console session: which server and agent, the open cache, online or offline. The Tauri
//! shell holds one [`Console`] and forwards its commands here.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sportello_clock::Clock;
use sportello_protocol::{
    AgentInfo, CloseTicket, NewAttempt, NewCallback, NewMessage, RegenerateRequest, ResendRequest,
    Shipment, Ticket,
};
use tokio::sync::Mutex;

use crate::cache::Cache;
use crate::client::{normalise_url, Client};
use crate::due::DueWatch;
use crate::outbox::{NewAction, Outcome};
use crate::types::{
    ActionKind, CaseView, Connection, ConsoleError, ConsoleStatus, DueCallback, ErrorKind,
    PendingAction, QueuePage, QueueQuery, SyncProgress,
};

/// How long an untouched case stays in the cache, by default.
pub const RETENTION_DAYS: i64 = 30;

/// Who last signed in where: lets the console reopen the right cache at start-up.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Profile {
    server_url: String,
    username: String,
    agent: Option<AgentInfo>,
}

struct State {
    profile: Option<Profile>,
    /// A client holding a valid token, when signed in.
    client: Option<Client>,
    cache: Option<Arc<Cache>>,
    connection: Connection,
}

impl State {
    /// The server no longer takes the token, or the agent signed out: the session ends here
    /// and in the keyring.
    fn end_session(&mut self) {
        self.client = None;
        self.connection = Connection::SignedOut;
        if let Some(p) = &self.profile {
            crate::secrets::forget_token(&p.server_url, &p.username);
        }
    }
}

pub struct Console {
    data_dir: PathBuf,
    /// Where every `now` of the console comes from (tests shift or stop it).
    clock: Clock,
    state: Mutex<State>,
    syncing: AtomicBool,
    due: Mutex<DueWatch>,
    /// One outbox replay at a time, so no action is sent twice at once.
    flushing: Mutex<()>,
}

/// The cache file for one agent on one server.
pub fn cache_path(data_dir: &Path, server_url: &str, username: &str) -> PathBuf {
    let digest = Sha256::digest(format!("{server_url}\n{username}").as_bytes());
    let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    data_dir.join("caches").join(format!("{name}.sqlite"))
}

fn no_cache() -> ConsoleError {
    ConsoleError::new(
        ErrorKind::NotFound,
        "There is no cached data yet. Sign in to sync the queue.",
    )
}

/// The key that opens `path` without the agent's password: unwrapped in this login session
/// (the keyring), or kept in clear beside it by an earlier version.
fn kept_key(profile: &Profile, path: &Path) -> Option<crate::vault::CacheKey> {
    crate::secrets::load_cache_key(&profile.server_url, &profile.username).or_else(|| {
        match crate::vault::read(path) {
            Ok(Some(crate::vault::KeyFile::Legacy(key))) => Some(key),
            _ => None,
        }
    })
}

impl Console {
    /// A console keeping its data under `data_dir`, reading the time from `clock` (the shell
    /// and the CLI pass `Clock::from_env()`).
    pub fn new(data_dir: impl Into<PathBuf>, clock: Clock) -> Console {
        Console {
            data_dir: data_dir.into(),
            due: Mutex::new(DueWatch::new(clock.now())),
            clock,
            state: Mutex::new(State {
                profile: None,
                client: None,
                cache: None,
                connection: Connection::SignedOut,
            }),
            syncing: AtomicBool::new(false),
            flushing: Mutex::new(()),
        }
    }

    /// The console's time.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// How far the console's clock is from the wall clock, in milliseconds (0 but in tests):
    /// the UI adds it to its own `Date.now()`.
    pub fn clock_offset_ms(&self) -> f64 {
        self.clock.offset_millis() as f64
    }

    fn profile_path(&self) -> PathBuf {
        self.data_dir.join("profile.json")
    }

    fn read_profile(&self) -> Option<Profile> {
        let text = std::fs::read_to_string(self.profile_path()).ok()?;
        serde_json::from_str(&text).ok()
    }

    fn write_profile(&self, profile: &Profile) -> Result<(), ConsoleError> {
        let io = |e: std::io::Error| {
            ConsoleError::new(
                ErrorKind::Cache,
                format!("Cannot save the sign-in profile: {e}"),
            )
        };
        std::fs::create_dir_all(&self.data_dir).map_err(io)?;
        let tmp = self.profile_path().with_extension("json.tmp");
        {
            // Who signs in where is the agent's alone (rule 10.5).
            use std::io::Write;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&tmp).map_err(io)?;
            file.write_all(&serde_json::to_vec_pretty(profile).expect("serialisable"))
                .map_err(io)?;
        }
        std::fs::rename(&tmp, self.profile_path()).map_err(io)
    }

    /// Closes the cache and waits until its connections are gone. Call it before the process
    /// exits: a connection still closing on its own thread while the process tears down its
    /// crypto library crashes the exit (seen as heap corruption in the kill tests).
    pub async fn shutdown(&self) {
        let cache = self.state.lock().await.cache.take();
        if let Some(cache) = cache {
            cache.close().await;
        }
    }

    /// Reopens the last agent's cache, if any, and finds out whether its server answers.
    /// Unreachable with a cache: offline review, at once. Otherwise: signed out.
    pub async fn startup(&self) -> ConsoleStatus {
        let profile = self.read_profile();
        // A window that reloads starts again: the cache it had open stays open.
        let open = self.state.lock().await.cache.clone();
        let mut cache = None;
        let mut client = None;
        let mut connection = Connection::SignedOut;
        let mut locked = false;
        if let Some(p) = &profile {
            let path = cache_path(&self.data_dir, &p.server_url, &p.username);
            if let Some(c) = open.filter(|c| c.path() == path) {
                cache = Some(c);
            } else if path.exists() {
                // Unlocked in this login session, or a key kept in clear by an earlier
                // version; otherwise only the agent's password opens it (rule 7.2).
                match kept_key(p, &path) {
                    Some(key) => match Cache::open(&path, &key).await {
                        Ok(c) => cache = Some(Arc::new(c)),
                        Err(e) => tracing::warn!(error = %e, "cannot open the cache"),
                    },
                    None => locked = true,
                }
            }
            let server = Client::new(&p.server_url).ok();
            let reachable = match &server {
                Some(server) => server.reachable().await,
                None => false,
            };
            // A token kept in the keyring resumes the session: online when the server answers,
            // offline (and back online by itself) when it does not. A server that no longer
            // takes it answers 401, which ends the session then.
            let token = crate::secrets::load_token(&p.server_url, &p.username);
            connection = match (&token, reachable, cache.is_some()) {
                _ if locked => Connection::SignedOut,
                (Some(_), true, _) => Connection::Online,
                (_, false, true) => Connection::Offline,
                _ => Connection::SignedOut,
            };
            if connection != Connection::SignedOut {
                client = server
                    .zip(token)
                    .map(|(server, token)| server.with_token(token));
            }
        }
        let kept = cache.clone();
        let replaced = {
            let mut state = self.state.lock().await;
            state.profile = profile;
            state.connection = connection;
            state.client = client;
            std::mem::replace(&mut state.cache, cache)
        };
        if let Some(old) =
            replaced.filter(|old| !kept.as_ref().is_some_and(|k| Arc::ptr_eq(k, old)))
        {
            old.close().await;
        }
        self.status().await
    }

    pub async fn sign_in(
        &self,
        server_url: &str,
        username: &str,
        password: &str,
    ) -> Result<ConsoleStatus, ConsoleError> {
        let server_url = normalise_url(server_url)?;
        let username = username.trim();
        if username.is_empty() || password.is_empty() {
            return Err(ConsoleError::new(
                ErrorKind::InvalidInput,
                "Enter your username and password.",
            ));
        }
        let client = Client::new(&server_url)?;
        let login = client.login(username, password).await?;
        let profile = Profile {
            server_url: server_url.clone(),
            username: username.to_string(),
            agent: Some(login.agent.clone()),
        };
        let same_cache = {
            let state = self.state.lock().await;
            state.cache.is_some()
                && state
                    .profile
                    .as_ref()
                    .is_some_and(|p| p.server_url == server_url && p.username == username)
        };
        let path = cache_path(&self.data_dir, &server_url, username);
        let open_key = {
            let state = self.state.lock().await;
            state
                .cache
                .as_ref()
                .filter(|c| c.path() == path)
                .map(|c| c.key().clone())
        };
        let key = self.cache_key_for_sign_in(&profile, &path, password, open_key)?;
        // Sealed under the password the agent signed in with (a changed password re-seals it).
        crate::vault::save(&path, &key, password)?;
        crate::secrets::store_cache_key(&server_url, username, &key);
        let cache = if same_cache {
            None
        } else {
            Some(Arc::new(Cache::open(&path, &key).await?))
        };
        self.write_profile(&profile)?;
        crate::secrets::store_token(&server_url, username, &login.token);
        if let Some(key) = &login.contact_key {
            let cache = match &cache {
                Some(c) => Some(c.clone()),
                None => self.state.lock().await.cache.clone(),
            };
            if let Some(cache) = cache {
                cache.set_contact_key(key).await?;
            }
        }
        {
            let mut state = self.state.lock().await;
            if let Some(cache) = cache {
                if let Some(old) = state.cache.replace(cache) {
                    old.close().await;
                }
            }
            state.profile = Some(profile);
            state.client = Some(client.with_token(login.token));
            state.connection = Connection::Online;
        }
        Ok(self.status().await)
    }

    /// The key a sign-in opens the agent's cache with: sealed under this password, or under
    /// an earlier one while this login session still holds it unwrapped, or an earlier
    /// version's clear key. Otherwise the cache cannot be read any more (its password changed
    /// on another computer, its key file is lost): it starts afresh with a new key.
    fn cache_key_for_sign_in(
        &self,
        profile: &Profile,
        path: &Path,
        password: &str,
        open: Option<crate::vault::CacheKey>,
    ) -> Result<crate::vault::CacheKey, ConsoleError> {
        use crate::vault::KeyFile;
        if let Some(key) = open {
            return Ok(key);
        }
        let found = match crate::vault::read(path)? {
            Some(KeyFile::Wrapped(w)) => crate::vault::unwrap(&w, password)?,
            Some(KeyFile::Legacy(key)) => Some(key),
            None => None,
        }
        .or_else(|| crate::secrets::load_cache_key(&profile.server_url, &profile.username));
        match found {
            Some(key) => Ok(key),
            None => {
                if path.exists() {
                    tracing::warn!(
                        "the cached cases of this computer cannot be opened with this password: starting a new cache"
                    );
                    crate::cache::delete(path)?;
                }
                crate::vault::CacheKey::generate()
            }
        }
    }

    /// Opens the cached cases of the last agent with their password, without the server
    /// (rule 7.2): after a restart of the computer the cache stays locked until then. Online
    /// again when a session kept in the keyring still answers; offline review otherwise.
    pub async fn unlock(&self, password: &str) -> Result<ConsoleStatus, ConsoleError> {
        let Some(profile) = self.state.lock().await.profile.clone() else {
            return Err(no_cache());
        };
        let path = cache_path(&self.data_dir, &profile.server_url, &profile.username);
        if !path.exists() {
            return Err(no_cache());
        }
        let key = crate::vault::open_with_password(&path, password)?.ok_or_else(|| {
            ConsoleError::new(
                ErrorKind::InvalidCredentials,
                "That password does not open the cases kept on this computer. Check it and try again; if it was changed since, sign in with the new one while the server answers.",
            )
        })?;
        let cache = Arc::new(Cache::open(&path, &key).await?);
        crate::secrets::store_cache_key(&profile.server_url, &profile.username, &key);
        let token = crate::secrets::load_token(&profile.server_url, &profile.username);
        let client = match token {
            Some(token) => {
                let server = Client::new(&profile.server_url)?;
                server.reachable().await.then(|| server.with_token(token))
            }
            None => None,
        };
        {
            let mut state = self.state.lock().await;
            if let Some(old) = state.cache.replace(cache) {
                old.close().await;
            }
            state.connection = if client.is_some() {
                Connection::Online
            } else {
                Connection::Offline
            };
            state.client = client;
        }
        Ok(self.status().await)
    }

    /// Pulls changes from the server into the cache. One sync at a time: a second call while
    /// one runs returns at once with `Ok(None)`.
    pub async fn sync(
        &self,
        progress: impl FnMut(SyncProgress),
    ) -> Result<Option<u32>, ConsoleError> {
        let (client, cache) = {
            let state = self.state.lock().await;
            match (&state.client, &state.cache) {
                (Some(client), Some(cache)) => (client.clone(), cache.clone()),
                _ => {
                    return Err(ConsoleError::new(
                        ErrorKind::SessionExpired,
                        "Sign in to sync with the server.",
                    ))
                }
            }
        };
        if self.syncing.swap(true, Ordering::SeqCst) {
            return Ok(None);
        }
        // A cache made before contact tokens, or resumed from the keyring, learns the key.
        if !cache.has_contact_key() {
            if let Ok(session) = client.session().await {
                if let Some(key) = session.contact_key {
                    if let Err(e) = cache.set_contact_key(&key).await {
                        tracing::warn!(error = %e, "cannot keep the contact key: whole contacts are not searchable");
                    }
                }
            }
        }
        // What waits in the outbox goes first, so the feed brings back its effects.
        let result = match self.flush_outbox().await {
            Ok(_) => crate::sync::run(&client, &cache, &self.clock, progress).await,
            Err(e) => Err(e),
        };
        if result.is_ok() {
            self.purge_old_cases(&cache).await;
        }
        self.syncing.store(false, Ordering::SeqCst);
        let mut state = self.state.lock().await;
        match &result {
            Ok(_) => state.connection = Connection::Online,
            Err(e) if e.kind == ErrorKind::Unreachable => state.connection = Connection::Offline,
            Err(e) if e.kind == ErrorKind::SessionExpired => {
                state.end_session();
            }
            Err(_) => {}
        }
        result.map(Some)
    }

    pub fn is_syncing(&self) -> bool {
        self.syncing.load(Ordering::SeqCst)
    }

    async fn cache(&self) -> Result<Arc<Cache>, ConsoleError> {
        self.state.lock().await.cache.clone().ok_or_else(no_cache)
    }

    pub async fn queue(&self, query: &QueueQuery) -> Result<QueuePage, ConsoleError> {
        self.cache().await?.queue(query, self.clock.now()).await
    }

    pub async fn case(&self, ticket_id: &str) -> Result<CaseView, ConsoleError> {
        self.cache().await?.case(ticket_id).await
    }

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
        let ticket_id = self.cache().await?.callback_ticket(callback_id).await?;
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
        let cache = self.cache().await?;
        let agent = {
            let state = self.state.lock().await;
            state.profile.as_ref().and_then(|p| p.agent.clone())
        };
        let Some(agent) = agent else {
            return Err(ConsoleError::new(
                ErrorKind::SessionExpired,
                "Sign in once with this console before working cases.",
            ));
        };
        let action = cache
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
        for (seq, outcome) in self.flush_outbox().await? {
            if seq != action.seq {
                continue;
            }
            match outcome {
                Outcome::Sent(ticket) => return Ok(ticket),
                Outcome::Refused(e) => {
                    // Refused at once: the agent reads why now; nothing waits.
                    cache.discard(seq).await?;
                    return Err(e);
                }
                Outcome::Waiting => break,
            }
        }
        Ok(cache.case(&ticket_id).await?.ticket)
    }

    /// Sends every action waiting in the outbox, in order (see [`crate::outbox::replay`]).
    /// Without a session, or with the server gone, they keep waiting.
    pub async fn flush_outbox(&self) -> Result<Vec<(i64, Outcome)>, ConsoleError> {
        let (client, cache, agent) = {
            let state = self.state.lock().await;
            (
                state.client.clone(),
                state.cache.clone(),
                state.profile.as_ref().and_then(|p| p.agent.clone()),
            )
        };
        let (Some(client), Some(cache), Some(agent)) = (client, cache, agent) else {
            return Ok(Vec::new());
        };
        let _one_at_a_time = self.flushing.lock().await;
        let (outcomes, stopped) = crate::outbox::replay(&client, &cache, &agent.id).await?;
        match stopped.map(|e| e.kind) {
            Some(ErrorKind::Unreachable) => {
                self.state.lock().await.connection = Connection::Offline
            }
            Some(ErrorKind::SessionExpired) => {
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
        self.cache()
            .await?
            .outbox()
            .await?
            .iter()
            .map(|a| a.view())
            .collect()
    }

    /// Drops an action from the outbox (after the agent read why the server refused it).
    pub async fn discard_action(&self, seq: i64) -> Result<(), ConsoleError> {
        self.cache().await?.discard(seq).await?;
        Ok(())
    }

    /// Sends a change to a ticket with a fresh idempotency key and puts the ticket the server
    /// answers into the cache, so the case and the queue show it at once.
    async fn ticket_action<F, Fut>(&self, what: &str, call: F) -> Result<Ticket, ConsoleError>
    where
        F: FnOnce(Client, String) -> Fut,
        Fut: std::future::Future<Output = Result<Ticket, ConsoleError>>,
    {
        let key = uuid::Uuid::new_v4().to_string();
        let ticket = self.online_action(what, |client| call(client, key)).await?;
        if let Some(cache) = self.state.lock().await.cache.clone() {
            cache.put_ticket(&ticket).await?;
        }
        Ok(ticket)
    }

    /// Callbacks that fell due since the last call, each announced once (see [`DueWatch`]).
    pub async fn callbacks_falling_due(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<DueCallback>, ConsoleError> {
        let Some(cache) = self.state.lock().await.cache.clone() else {
            return Ok(Vec::new());
        };
        self.due.lock().await.poll(&cache, now).await
    }

    async fn password_action<F, Fut>(&self, call: F) -> Result<Shipment, ConsoleError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: std::future::Future<Output = Result<Shipment, ConsoleError>>,
    {
        let shipment = self.online_action("Password actions", call).await?;
        if let Some(cache) = self.state.lock().await.cache.clone() {
            cache.put_shipment(&shipment).await?;
        }
        Ok(shipment)
    }

    /// Runs a request that needs the server (`what` names it in errors). Unreachable: the
    /// console goes offline and nothing was done; an expired session signs out.
    async fn online_action<T, F, Fut>(&self, what: &str, call: F) -> Result<T, ConsoleError>
    where
        F: FnOnce(Client) -> Fut,
        Fut: std::future::Future<Output = Result<T, ConsoleError>>,
    {
        let client = self.state.lock().await.client.clone();
        let Some(client) = client else {
            return Err(ConsoleError::new(
                ErrorKind::SessionExpired,
                format!("{what} need the server: sign in, then try again."),
            ));
        };
        match call(client).await {
            Ok(value) => Ok(value),
            Err(e) if e.kind == ErrorKind::Unreachable => {
                self.state.lock().await.connection = Connection::Offline;
                Err(ConsoleError::new(
                    ErrorKind::Unreachable,
                    format!("The server cannot be reached, and {} need it: nothing was done. Try again when the console is back online.", what.to_lowercase()),
                ))
            }
            Err(e) if e.kind == ErrorKind::SessionExpired => {
                let mut state = self.state.lock().await;
                state.end_session();
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// Ends the session (on the server too, when it answers). With `wipe`, also deletes this
    /// agent's cache and its key from this computer, unless actions still wait to be sent:
    /// wiping would lose them, so that is refused with what to do instead.
    pub async fn sign_out(&self, wipe: bool) -> Result<ConsoleStatus, ConsoleError> {
        let (client, cache, profile) = {
            let state = self.state.lock().await;
            (
                state.client.clone(),
                state.cache.clone(),
                state.profile.clone(),
            )
        };
        if wipe {
            if let Some(cache) = &cache {
                let (pending, _) = cache.outbox_counts().await?;
                if pending > 0 {
                    return Err(ConsoleError::new(
                        ErrorKind::Conflict,
                        format!("{pending} actions still wait to be sent, and deleting the cache would lose them. Stay signed in until the server is back and the outbox is empty, or discard them first."),
                    ));
                }
            }
        }
        if let Some(client) = client {
            client.logout().await;
        }
        // Signed out, the cache closes and its key leaves the keyring: only the agent's
        // password opens it again (rule 7.2).
        let open = {
            let mut state = self.state.lock().await;
            state.end_session();
            state.cache.take()
        };
        if let Some(cache) = open {
            cache.close().await;
        }
        if let Some(p) = &profile {
            crate::secrets::forget_cache_key(&p.server_url, &p.username);
            if wipe && cache.is_some() {
                crate::cache::delete(&cache_path(&self.data_dir, &p.server_url, &p.username))?;
            }
        }
        Ok(self.status().await)
    }

    /// After a sync: forgets cases untouched for longer than the retention period
    /// (`SPORTELLO_RETENTION_DAYS`, default [`RETENTION_DAYS`]).
    async fn purge_old_cases(&self, cache: &Cache) {
        let days = std::env::var("SPORTELLO_RETENTION_DAYS")
            .ok()
            .and_then(|d| d.parse::<i64>().ok())
            .filter(|d| *d > 0)
            .unwrap_or(RETENTION_DAYS);
        match cache
            .purge_older_than(self.clock.now() - chrono::Duration::days(days))
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(cases = n, days, "purged cached cases past retention"),
            Err(e) => tracing::warn!(error = %e, "cannot purge old cached cases"),
        }
    }

    pub async fn status(&self) -> ConsoleStatus {
        let (profile, cache, connection) = {
            let state = self.state.lock().await;
            (state.profile.clone(), state.cache.clone(), state.connection)
        };
        let (last_sync_at, cached_tickets, (pending_actions, failed_actions)) = match &cache {
            Some(c) => (
                c.last_sync_at().await.ok().flatten(),
                c.ticket_count().await.unwrap_or(0),
                c.outbox_counts().await.unwrap_or((0, 0)),
            ),
            None => (None, 0, (0, 0)),
        };
        let locked = cache.is_none()
            && profile
                .as_ref()
                .is_some_and(|p| cache_path(&self.data_dir, &p.server_url, &p.username).exists());
        ConsoleStatus {
            connection,
            locked,
            server_url: profile.as_ref().map(|p| p.server_url.clone()),
            username: profile.as_ref().map(|p| p.username.clone()),
            agent: profile.and_then(|p| p.agent),
            last_sync_at,
            cached_tickets,
            cache_available: cache.is_some(),
            pending_actions,
            failed_actions,
        }
    }
}

/// Where the console keeps its data: `SPORTELLO_DATA_DIR` if set (tests, portable installs),
/// else the OS data directory.
pub fn default_data_dir() -> PathBuf {
    std::env::var_os("SPORTELLO_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("sportello")))
        .unwrap_or_else(|| PathBuf::from(".sportello"))
}
