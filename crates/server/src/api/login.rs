//! `POST /auth/login`: credentials for a bearer token, throttled per username in the store;
//! `POST /auth/logout`: the token stops working.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sportello_protocol::{LoginRequest, LoginResponse, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::auth::{self, Signed};
use crate::error::AppError;
use crate::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
}

/// Failed sign-ins allowed per username within [`THROTTLE_WINDOW_MINUTES`].
pub const MAX_FAILURES: u32 = 5;
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;

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

/// Signs in: credentials for a bearer token.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, description = "signed in", body = LoginResponse),
    (status = 400, description = "malformed JSON", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "wrong username or password", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "missing or mistyped fields", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "too many failed sign-ins for this username", body = Problem, content_type = "application/problem+json"),
))]
async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    let now = state.clock.now();
    let window = chrono::Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let (failures, oldest) = state
        .store
        .login_failures_since(&req.username, now - window)
        .await?;
    if failures >= MAX_FAILURES {
        let resets = oldest.unwrap_or(now) + window;
        let retry_after = (resets - now).num_seconds().max(1) as u64;
        return Err(AppError::TooManyRequests {
            detail: format!(
                "too many failed sign-ins for this username: try again in {} minutes",
                retry_after.div_ceil(60)
            ),
            retry_after,
        });
    }
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
    let agent = match record {
        Some(r) if ok => r.info,
        _ => {
            state.store.record_login_failure(&req.username, now).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    state.store.clear_login_failures(&req.username).await?;
    let token = auth::new_token();
    let expires_at = now + state.session_ttl;
    state
        .store
        .create_session(&auth::token_hash(&token), &agent.id, now, expires_at)
        .await?;
    tracing::info!(agent = %agent.username, "signed in");
    Ok(Json(LoginResponse {
        token,
        agent,
        expires_at,
    }))
}
