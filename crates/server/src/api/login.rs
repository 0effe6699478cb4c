//! `POST /auth/login`: credentials for a bearer token, throttled per username and client
//! address in the store (rule 6.2); `POST /auth/logout`: the token stops working;
//! `GET /auth/session`: who the token belongs to; `POST /auth/password`: a new password for
//! the signed-in agent, ending their other sessions (rule 6.4).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sportello_protocol::{ChangePassword, LoginRequest, LoginResponse, Problem, Role, SessionInfo};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::auth::{self, Signed};
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::signin;
use crate::store::ThrottleTry;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(session))
        .routes(routes!(change_password))
}

/// Ends the session of the request's token.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", security(("bearer" = [])), responses(
    (status = 204, description = "signed out"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
))]
async fn logout(
    State(state): State<AppState>,
    Signed(agent, token): Signed,
) -> Result<StatusCode, AppError> {
    state.store.delete_session(&token.0).await?;
    tracing::info!(agent = %agent.username, "signed out");
    Ok(StatusCode::NO_CONTENT)
}

/// The client's address, when the server was started with connection info (a real listener;
/// not a router called in-process).
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip()),
        ))
    }
}

/// 429 for a throttle whose window started at `started`.
fn throttled(
    whose: &str,
    started: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> AppError {
    let resets = started + chrono::Duration::minutes(signin::WINDOW_MINUTES);
    let retry_after = (resets - now).num_seconds().max(1) as u64;
    AppError::TooManyRequests {
        detail: format!(
            "too many failed sign-ins for {whose}: try again in {} minutes",
            retry_after.div_ceil(60)
        ),
        retry_after,
    }
}

/// Signs in: credentials for a bearer token. A failed try counts against the username and
/// the client's address before the password is checked (rule 6.2); passwords are checked a
/// few at a time (rule 6.3).
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, description = "signed in", body = LoginResponse),
    (status = 400, description = "malformed JSON", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "wrong username or password, or a disabled account", body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "the body is over 1 MiB", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "missing or mistyped fields, a username over 128 characters or with control characters, a password over 1 KiB", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "too many failed sign-ins for this username or from this address; Retry-After says when to try again", body = Problem, content_type = "application/problem+json"),
    (status = 503, description = "too many sign-ins are being checked at once; Retry-After says when to try again", body = Problem, content_type = "application/problem+json"),
))]
async fn login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    signin::check_credentials(&req.username, &req.password)?;
    let now = state.clock.now();
    let window_ended_before = now - chrono::Duration::minutes(signin::WINDOW_MINUTES);
    let user = signin::username_key(&req.username);
    let try_of = |key, limit| ThrottleTry {
        key,
        now,
        window_ended_before,
        limit,
    };
    if let Err(started) = state
        .store
        .reserve_try(try_of(&user, signin::MAX_FAILURES_PER_USERNAME))
        .await?
    {
        return Err(throttled("this username", started, now));
    }
    let address = client.map(signin::address_key);
    if let Some(address) = &address {
        if let Err(started) = state
            .store
            .reserve_try(try_of(address, signin::MAX_FAILURES_PER_ADDRESS))
            .await?
        {
            state.store.release_try(&user).await?;
            return Err(throttled("this address", started, now));
        }
    }
    let release = || async {
        state.store.release_try(&user).await?;
        if let Some(address) = &address {
            state.store.release_try(address).await?;
        }
        Ok::<_, AppError>(())
    };
    let Some(turn) = state.hashing.enter().await else {
        release().await?;
        tracing::warn!("sign-in refused: too many password checks at once");
        return Err(AppError::Busy { retry_after: 1 });
    };
    let record = state.store.agent_by_username(&req.username).await?;
    // Argon2 is slow on purpose: run it off the async workers, and run it for unknown users
    // too so the answer time does not tell which usernames exist.
    let password = req.password;
    let phc = record.as_ref().map_or_else(
        || auth::decoy_hash().to_string(),
        |r| r.password_hash.clone(),
    );
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&password, &phc))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    drop(turn);
    let agent = match record {
        Some(r) if ok && !r.disabled => r.info,
        // The tries stay counted: they were failures.
        _ => return Err(AppError::InvalidCredentials),
    };
    state.store.clear_tries(&user).await?;
    if let Some(address) = &address {
        state.store.release_try(address).await?;
    }
    let token = auth::new_token();
    let expires_at = now + state.session_ttl;
    state
        .store
        .create_session(&auth::token_hash(&token), &agent.id, now, expires_at)
        .await?;
    tracing::info!(agent = %agent.username, "signed in");
    let contact_key = contact_key_for(&state, &agent).await?;
    Ok(Json(LoginResponse {
        token,
        agent,
        expires_at,
        contact_key,
    }))
}

/// The contact-token key, for the roles whose consoles search the queue (rule 5.2).
async fn contact_key_for(
    state: &AppState,
    agent: &sportello_protocol::AgentInfo,
) -> Result<Option<String>, AppError> {
    use base64::Engine;
    if !matches!(agent.role, Role::Agent | Role::Lead | Role::Admin) {
        return Ok(None);
    }
    let key = state.store.contact_key().await?;
    Ok(Some(
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key),
    ))
}

/// Who the request's token belongs to, until when, and the contact-token key.
#[utoipa::path(get, path = "/auth/session", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, description = "the session", body = SessionInfo),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
))]
async fn session(
    State(state): State<AppState>,
    Signed(agent, token): Signed,
) -> Result<Json<SessionInfo>, AppError> {
    let expires_at = state
        .store
        .session_expiry(&token.0)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let contact_key = contact_key_for(&state, &agent).await?;
    Ok(Json(SessionInfo {
        agent,
        expires_at,
        contact_key,
    }))
}

/// The signed-in agent's own new password: the current one must be right; every other
/// session of the agent ends, this one goes on (rule 6.4). A wrong current password counts
/// against the username's sign-in throttle.
#[utoipa::path(post, path = "/auth/password", tag = "auth", request_body = ChangePassword, security(("bearer" = [])), responses(
    (status = 204, description = "changed; the agent's other sessions ended"),
    (status = 400, description = "malformed JSON", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "the body is over 1 MiB", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the current password is not right", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "the new password is shorter than 12 characters, over 1 KiB or holds control characters", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "too many wrong passwords for this username; Retry-After says when to try again", body = Problem, content_type = "application/problem+json"),
    (status = 503, description = "too many passwords are being checked at once; Retry-After says when to try again", body = Problem, content_type = "application/problem+json"),
))]
async fn change_password(
    State(state): State<AppState>,
    Signed(agent, token): Signed,
    ApiJson(req): ApiJson<ChangePassword>,
) -> Result<StatusCode, AppError> {
    signin::check_new_password(&req.new_password)?;
    if req.current_password.len() > signin::MAX_PASSWORD_BYTES {
        return Err(AppError::WrongPassword);
    }
    let now = state.clock.now();
    let user = signin::username_key(&agent.username);
    if let Err(started) = state
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
    let Some(_turn) = state.hashing.enter().await else {
        state.store.release_try(&user).await?;
        return Err(AppError::Busy { retry_after: 1 });
    };
    let record = state
        .store
        .agent_by_username(&agent.username)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let (current, new) = (req.current_password, req.new_password);
    let hashed = tokio::task::spawn_blocking(move || {
        auth::verify_password(&current, &record.password_hash)
            .then(|| auth::hash_password(&new))
            .transpose()
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?
    .map_err(AppError::Internal)?;
    let Some(hash) = hashed else {
        return Err(AppError::WrongPassword);
    };
    state.store.clear_tries(&user).await?;
    state
        .store
        .set_password(&agent.id, &hash, Some(&token.0))
        .await?;
    tracing::info!(agent = %agent.username, "password changed; other sessions ended");
    Ok(StatusCode::NO_CONTENT)
}
