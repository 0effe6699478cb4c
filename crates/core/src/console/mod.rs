//! The console: the one facade the shell (and the command line) use. It holds the session
//! (which server and agent, online or offline) and the open cached cases, and turns every
//! layer's error into a [`ConsoleError`] the UI words for the agent.
//!
//! - this module: start-up, sign-in, unlocking, sync, sign-out, status, reads;
//! - `prepare.rs`: the cache reopened and read ahead while the window loads;
//! - `actions.rs`: what an agent does to cases, online or through the outbox;
//! - `handover.rs`: a courier's hand-over screen, checking the code a recipient tells;
//! - `lead.rs`: the lead view: the cached audit trail, its flags, export and verification;
//! - `profile.rs`: who last signed in where, and where their cache is;
//! - `errors.rs`: the error boundary.

mod actions;
mod errors;
mod follow;
mod handover;
mod lead;
mod prepare;
mod profile;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use sportello_clock::Clock;
use tokio::sync::Mutex;

use crate::cases::Cases;
use crate::client::{normalise_url, Client};
use crate::due::DueWatch;
use crate::types::{
    CaseView, Connection, ConsoleError, ConsoleStatus, ErrorCode, ErrorKind, QueuePage, QueueQuery,
    SyncProgress,
};
pub use follow::{FollowEnd, Followed};
pub use profile::default_data_dir;
use profile::Profile;

/// How long an untouched case stays in the cache, by default.
pub const RETENTION_DAYS: i64 = 30;

struct State {
    profile: Option<Profile>,
    /// A client holding a valid token, when signed in.
    client: Option<Client>,
    cases: Option<Arc<Cases>>,
    connection: Connection,
    /// A courier signed in for the hand-over screen (no agent session then).
    courier: Option<handover::Courier>,
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
    /// One start-up at a time: the shell's read-ahead ([`Console::prepare`]) and the window's
    /// own `startup` meet here, and the second finds the cache the first opened instead of
    /// opening (and replacing) it again.
    starting: Mutex<()>,
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
                cases: None,
                connection: Connection::SignedOut,
                courier: None,
            }),
            syncing: AtomicBool::new(false),
            flushing: Mutex::new(()),
            starting: Mutex::new(()),
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

    /// Closes the cache and waits until its connections are gone. Call it before the process
    /// exits: a connection still closing on its own thread while the process tears down its
    /// crypto library crashes the exit (seen as heap corruption in the kill tests).
    pub async fn shutdown(&self) {
        let cases = self.state.lock().await.cases.take();
        if let Some(cases) = cases {
            cases.close().await;
        }
    }

    /// Reopens the last agent's cache, if any, and finds out whether its server answers.
    /// Unreachable with a cache: offline review, at once. Otherwise: signed out.
    pub async fn startup(&self) -> ConsoleStatus {
        let _one_at_a_time = self.starting.lock().await;
        // A window that reloads during a hand-over finds the courier still signed in.
        if let Some(courier) = &self.state.lock().await.courier {
            return courier.status();
        }
        let profile = Profile::read(&self.data_dir);
        // A window that reloads starts again: the cache it had open stays open.
        let open = self.state.lock().await.cases.clone();
        let mut cache = None;
        let mut client = None;
        let mut connection = Connection::SignedOut;
        let mut locked = false;
        if let Some(p) = &profile {
            let path = p.cache_path(&self.data_dir);
            if let Some(c) = open.filter(|c| c.path() == path) {
                cache = Some(c);
            } else if path.exists() {
                // Unlocked in this login session, or a key kept in clear by an earlier
                // version; otherwise only the agent's password opens it (rule 7.2).
                match p.kept_key(&path) {
                    Some(key) => match Cases::open(&path, &key).await {
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
            std::mem::replace(&mut state.cases, cache)
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
                ErrorCode::MissingCredentials,
                "Enter your username and password.",
            ));
        }
        let client = Client::new(&server_url)?;
        let login = client.login(username, password).await?;
        match login.agent.role {
            sportello_protocol::Role::Integration | sportello_protocol::Role::Customer => {
                // Nothing is kept: the session ends on the server too.
                client.with_token(login.token).logout().await;
                return Err(ConsoleError::new(
                    ErrorKind::NotAllowed,
                    ErrorCode::AccountNotForConsole,
                    "This is an account for the carrier feed, not for the support console. Sign in with an agent's, a lead's or an admin's account.",
                )
                .with("role", login.agent.role.as_str()));
            }
            sportello_protocol::Role::Courier => {
                // The hand-over screen: whoever was signed in here signs out first (their
                // cache closes, locked).
                self.sign_out(false).await?;
                let courier = handover::Courier {
                    client: client.with_token(login.token),
                    server_url,
                    agent: login.agent,
                };
                let status = courier.status();
                self.state.lock().await.courier = Some(courier);
                return Ok(status);
            }
            _ => {}
        }
        let profile = Profile {
            server_url: server_url.clone(),
            username: username.to_string(),
            agent: Some(login.agent.clone()),
        };
        let same_cache = {
            let state = self.state.lock().await;
            state.cases.is_some()
                && state
                    .profile
                    .as_ref()
                    .is_some_and(|p| p.server_url == server_url && p.username == username)
        };
        let path = profile.cache_path(&self.data_dir);
        let open_key = {
            let state = self.state.lock().await;
            state
                .cases
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
            Some(Arc::new(Cases::open(&path, &key).await?))
        };
        profile.write(&self.data_dir)?;
        crate::secrets::store_token(&server_url, username, &login.token);
        if let Some(key) = &login.contact_key {
            let cache = match &cache {
                Some(c) => Some(c.clone()),
                None => self.state.lock().await.cases.clone(),
            };
            if let Some(cache) = cache {
                cache.set_contact_key(key).await?;
            }
        }
        {
            let mut state = self.state.lock().await;
            if let Some(cache) = cache {
                if let Some(old) = state.cases.replace(cache) {
                    old.close().await;
                }
            }
            state.profile = Some(profile);
            state.client = Some(client.with_token(login.token));
            state.connection = Connection::Online;
            state.courier = None;
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
                Ok(crate::vault::CacheKey::generate()?)
            }
        }
    }

    /// Opens the cached cases of the last agent with their password, without the server
    /// (rule 7.2): after a restart of the computer the cache stays locked until then. Online
    /// again when a session kept in the keyring still answers; offline review otherwise.
    pub async fn unlock(&self, password: &str) -> Result<ConsoleStatus, ConsoleError> {
        let Some(profile) = self.state.lock().await.profile.clone() else {
            return Err(errors::nothing_cached());
        };
        let path = profile.cache_path(&self.data_dir);
        if !path.exists() {
            return Err(errors::nothing_cached());
        }
        let key = crate::vault::open_with_password(&path, password)?.ok_or_else(|| {
            ConsoleError::new(
                ErrorKind::InvalidCredentials,
                ErrorCode::WrongUnlockPassword,
                "That password does not open the cases kept on this computer. Check it and try again; if it was changed since, sign in with the new one while the server answers.",
            )
        })?;
        let cache = Arc::new(Cases::open(&path, &key).await?);
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
            if let Some(old) = state.cases.replace(cache) {
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
            match (&state.client, &state.cases) {
                (Some(client), Some(cache)) => (client.clone(), cache.clone()),
                // A hand-over device keeps no cases: nothing to sync.
                _ if state.courier.is_some() => return Ok(None),
                _ => return Err(errors::sign_in_first("Syncs")),
            }
        };
        if self.syncing.swap(true, Ordering::SeqCst) {
            return Ok(None);
        }
        // A cache made before contact tokens, or resumed from the keyring, learns the key.
        if cache.contact_key().is_none() {
            if let Ok(session) = client.session().await {
                if let Some(key) = session.contact_key {
                    if let Err(e) = cache.set_contact_key(&key).await {
                        tracing::warn!(error = %e, "cannot keep the contact key: whole contacts are not searchable");
                    }
                }
            }
        }
        // A lead's console keeps the trail's signed head, taken before the pages so the
        // pages reach it, to verify the trail offline.
        let auditor = self.role().await.is_some_and(lead::audits);
        let seal = if auditor {
            match tokio::try_join!(client.audit_checkpoint(), client.audit_keys()) {
                Ok(seal) => Some(seal),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot fetch the audit checkpoint");
                    None
                }
            }
        } else {
            None
        };
        // What waits in the outbox goes first, so the feed brings back its effects.
        let result = match self.replay_outbox().await {
            Ok(_) => crate::sync::run(&client, &cache, &self.clock, progress)
                .await
                .map_err(ConsoleError::from),
            Err(e) => Err(e),
        };
        if result.is_ok() {
            if let Some((checkpoint, keys)) = &seal {
                if let Err(e) = cache.keep_audit_seal(checkpoint, keys).await {
                    tracing::warn!(error = %e, "cannot keep the audit checkpoint");
                }
            }
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

    async fn cases(&self) -> Result<Arc<Cases>, ConsoleError> {
        self.state
            .lock()
            .await
            .cases
            .clone()
            .ok_or_else(errors::nothing_cached)
    }

    /// One page of the queue, from the cache.
    pub async fn queue(&self, query: &QueueQuery) -> Result<QueuePage, ConsoleError> {
        Ok(self.cases().await?.queue(query, self.clock.now()).await?)
    }

    /// A case with everything the case view shows, from the cache.
    pub async fn case(&self, ticket_id: &str) -> Result<CaseView, ConsoleError> {
        Ok(self.cases().await?.case(ticket_id).await?)
    }

    /// Ends the session (on the server too, when it answers). With `wipe`, also deletes this
    /// agent's cache and its key from this computer, unless actions still wait to be sent:
    /// wiping would lose them, so that is refused with what to do instead.
    pub async fn sign_out(&self, wipe: bool) -> Result<ConsoleStatus, ConsoleError> {
        let courier = self.state.lock().await.courier.take();
        if let Some(courier) = courier {
            courier.client.logout().await;
            return Ok(self.status().await);
        }
        let (client, cache, profile) = {
            let state = self.state.lock().await;
            (
                state.client.clone(),
                state.cases.clone(),
                state.profile.clone(),
            )
        };
        if wipe {
            if let Some(cache) = &cache {
                let (pending, _) = cache.outbox_counts().await?;
                if pending > 0 {
                    return Err(ConsoleError::new(
                        ErrorKind::Conflict,
                        ErrorCode::ActionsWaiting,
                        format!("{pending} actions still wait to be sent, and deleting the cache would lose them. Stay signed in until the server is back and the outbox is empty, or discard them first."),
                    ).with("count", pending));
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
            state.cases.take()
        };
        if let Some(cache) = open {
            cache.close().await;
        }
        if let Some(p) = &profile {
            crate::secrets::forget_cache_key(&p.server_url, &p.username);
            if wipe && cache.is_some() {
                crate::cache::delete(&p.cache_path(&self.data_dir))?;
            }
        }
        Ok(self.status().await)
    }

    /// After a sync: forgets cases untouched for longer than the retention period
    /// (`SPORTELLO_RETENTION_DAYS`, default [`RETENTION_DAYS`]).
    async fn purge_old_cases(&self, cache: &Cases) {
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
            if let Some(courier) = &state.courier {
                return courier.status();
            }
            (state.profile.clone(), state.cases.clone(), state.connection)
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
                .is_some_and(|p| p.cache_path(&self.data_dir).exists());
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
