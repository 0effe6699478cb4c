//! Accounts and sessions (docs/product.md §6): signing in with the throttles counted before a
//! password is checked and hashing a few at a time, the session behind a token, an agent's own
//! new password, and what an operator does to accounts from the command line.

use sportello_protocol::{AgentInfo, LoginResponse, Role, SessionInfo};

use super::{Error, Result, Services};
use crate::credentials;
use crate::signin;
use crate::store::{AgentListing, NewAgent, ThrottleTry};

/// What a sign-in sends, and where from.
pub struct SignIn<'a> {
    pub username: &'a str,
    pub password: String,
    /// The client's address, when known: its failed tries are throttled too.
    pub client: Option<std::net::IpAddr>,
}

/// "Try again later" for a throttle whose window started at `started`.
fn throttled(
    whose: &str,
    started: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> Error {
    let resets = started + chrono::Duration::minutes(signin::WINDOW_MINUTES);
    let retry_after = (resets - now).num_seconds().max(1) as u64;
    Error::Throttled {
        detail: format!(
            "too many failed sign-ins for {whose}: try again in {} minutes",
            retry_after.div_ceil(60)
        ),
        retry_after,
    }
}

/// Runs `check` (an argon2 check, slow on purpose) off the async workers, in a turn of the
/// hashing gate (rule 6.3); `None` when the gate is full.
async fn hashed<T: Send + 'static>(
    s: &Services,
    check: impl FnOnce() -> T + Send + 'static,
) -> Result<Option<T>> {
    let Some(turn) = s.hashing.enter().await else {
        tracing::warn!("refused: too many password checks at once");
        return Ok(None);
    };
    let out = tokio::task::spawn_blocking(check)
        .await
        .map_err(|e| Error::Internal(e.into()))?;
    drop(turn);
    Ok(Some(out))
}

/// Signs in (rule 6.2, 6.3): a failed try is counted against the username and the client's
/// address before the password is checked; passwords are checked a few at a time.
pub async fn sign_in(s: &Services, req: SignIn<'_>) -> Result<LoginResponse> {
    signin::check_credentials(req.username, &req.password)?;
    let now = s.clock.now();
    let window_ended_before = now - chrono::Duration::minutes(signin::WINDOW_MINUTES);
    let user = signin::username_key(req.username);
    let try_of = |key, limit| ThrottleTry {
        key,
        now,
        window_ended_before,
        limit,
    };
    if let Err(started) = s
        .store
        .reserve_try(try_of(&user, signin::MAX_FAILURES_PER_USERNAME))
        .await?
    {
        return Err(throttled("this username", started, now));
    }
    let address = req.client.map(signin::address_key);
    if let Some(address) = &address {
        if let Err(started) = s
            .store
            .reserve_try(try_of(address, signin::MAX_FAILURES_PER_ADDRESS))
            .await?
        {
            s.store.release_try(&user).await?;
            return Err(throttled("this address", started, now));
        }
    }
    let record = s.store.agent_by_username(req.username).await?;
    // Unknown usernames are checked against a decoy, so the answer time does not tell which
    // usernames exist.
    let phc = record.as_ref().map_or_else(
        || credentials::decoy_hash().to_string(),
        |r| r.password_hash.clone(),
    );
    let password = req.password;
    let Some(ok) = hashed(s, move || credentials::verify_password(&password, &phc)).await? else {
        // Never checked: not a failure.
        s.store.release_try(&user).await?;
        if let Some(address) = &address {
            s.store.release_try(address).await?;
        }
        return Err(Error::Busy { retry_after: 1 });
    };
    let agent = match record {
        Some(r) if ok && !r.disabled => r.info,
        // The tries stay counted: they were failures.
        _ => return Err(Error::InvalidCredentials),
    };
    s.store.clear_tries(&user).await?;
    if let Some(address) = &address {
        s.store.release_try(address).await?;
    }
    let token = credentials::new_token();
    let expires_at = now + s.session_ttl;
    s.store
        .create_session(&credentials::token_hash(&token), &agent.id, now, expires_at)
        .await?;
    tracing::info!(agent = %agent.username, "signed in");
    let contact_key = contact_key_for(s, &agent).await?;
    Ok(LoginResponse {
        token,
        agent,
        expires_at,
        contact_key,
    })
}

/// The contact-token key, for the roles whose consoles search the queue (rule 5.2).
async fn contact_key_for(s: &Services, agent: &AgentInfo) -> Result<Option<String>> {
    use base64::Engine;
    if !matches!(agent.role, Role::Agent | Role::Lead | Role::Admin) {
        return Ok(None);
    }
    let key = s.store.contact_key().await?;
    Ok(Some(
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key),
    ))
}

/// The agent a token (by its hash) belongs to, while its session lasts.
pub async fn signed_agent(s: &Services, token_hash: &[u8]) -> Result<AgentInfo> {
    s.store
        .session_agent(token_hash, s.clock.now())
        .await?
        .ok_or(Error::Unauthorized)
}

/// Who a session belongs to, until when, and the contact-token key.
pub async fn session(s: &Services, agent: AgentInfo, token_hash: &[u8]) -> Result<SessionInfo> {
    let expires_at = s
        .store
        .session_expiry(token_hash)
        .await?
        .ok_or(Error::Unauthorized)?;
    let contact_key = contact_key_for(s, &agent).await?;
    Ok(SessionInfo {
        agent,
        expires_at,
        contact_key,
    })
}

/// Ends a session: its token stops working at once.
pub async fn sign_out(s: &Services, agent: &AgentInfo, token_hash: &[u8]) -> Result<()> {
    s.store.delete_session(token_hash).await?;
    tracing::info!(agent = %agent.username, "signed out");
    Ok(())
}

/// The signed-in agent's own new password (rule 6.4): the current one must be right (a wrong
/// one counts against the username's throttle); every other session of the agent ends.
pub async fn change_password(
    s: &Services,
    agent: &AgentInfo,
    token_hash: &[u8],
    current: String,
    new: String,
) -> Result<()> {
    signin::check_new_password(&new)?;
    if current.len() > signin::MAX_PASSWORD_BYTES {
        return Err(Error::WrongPassword);
    }
    let now = s.clock.now();
    let user = signin::username_key(&agent.username);
    if let Err(started) = s
        .store
        .reserve_try(ThrottleTry {
            key: &user,
            now,
            window_ended_before: now - chrono::Duration::minutes(signin::WINDOW_MINUTES),
            limit: signin::MAX_FAILURES_PER_USERNAME,
        })
        .await?
    {
        return Err(throttled("this username", started, now));
    }
    let record = s
        .store
        .agent_by_username(&agent.username)
        .await?
        .ok_or(Error::Unauthorized)?;
    let checked = hashed(s, move || {
        credentials::verify_password(&current, &record.password_hash)
            .then(|| credentials::hash_password(&new))
            .transpose()
    })
    .await?;
    let hash = match checked {
        None => {
            s.store.release_try(&user).await?;
            return Err(Error::Busy { retry_after: 1 });
        }
        Some(Err(e)) => return Err(Error::Internal(e)),
        Some(Ok(None)) => return Err(Error::WrongPassword),
        Some(Ok(Some(hash))) => hash,
    };
    s.store.clear_tries(&user).await?;
    s.store
        .set_password(&agent.id, &hash, Some(token_hash))
        .await?;
    tracing::info!(agent = %agent.username, "password changed; other sessions ended");
    Ok(())
}

/// A username an operator may give: letters, digits, `.`, `_` and `-`, 1 to 64 of them.
pub fn check_username(username: &str) -> Result<()> {
    let ok = !username.is_empty()
        && username.len() <= 64
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !ok {
        return Err(Error::Invalid(format!(
            "{username:?} is not a username: use 1 to 64 letters, digits, '.', '_' or '-'"
        )));
    }
    Ok(())
}

/// Adds an account (rule 6.1); its password must be a good one.
pub async fn add_agent(
    s: &Services,
    username: &str,
    name: &str,
    role: Role,
    password: String,
) -> Result<AgentInfo> {
    check_username(username)?;
    crate::text::check("the name", name, true, 200)?;
    signin::check_new_password(&password)?;
    let password_hash = tokio::task::spawn_blocking(move || credentials::hash_password(&password))
        .await
        .map_err(|e| Error::Internal(e.into()))?
        .map_err(Error::Internal)?;
    let info = AgentInfo {
        id: format!("A-{username}"),
        username: username.to_string(),
        name: name.trim().to_string(),
        role,
    };
    s.store
        .add_agent(NewAgent {
            info: info.clone(),
            password_hash,
        })
        .await?;
    Ok(info)
}

/// Gives an account a new password; its sessions end.
pub async fn reset_password(s: &Services, username: &str, password: String) -> Result<()> {
    signin::check_new_password(&password)?;
    let Some(record) = s.store.agent_by_username(username).await? else {
        return Err(Error::NotFound(format!("there is no account {username:?}")));
    };
    let password_hash = tokio::task::spawn_blocking(move || credentials::hash_password(&password))
        .await
        .map_err(|e| Error::Internal(e.into()))?
        .map_err(Error::Internal)?;
    s.store
        .set_password(&record.info.id, &password_hash, None)
        .await?;
    Ok(())
}

/// Disables an account; its sessions end at once.
pub async fn disable(s: &Services, username: &str) -> Result<()> {
    s.store
        .disable_agent(username, None)
        .await
        .map_err(|e| match e {
            crate::store::StoreError::NotFound(_) => {
                Error::NotFound(format!("there is no account {username:?}"))
            }
            other => other.into(),
        })
}

/// Every account, by username.
pub async fn list(s: &Services) -> Result<Vec<AgentListing>> {
    Ok(s.store.agents(s.clock.now()).await?)
}
