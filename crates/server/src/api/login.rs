//! `POST /auth/login`: credentials for a bearer token.

use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};
use sportello_protocol::{LoginRequest, LoginResponse};

use super::AppState;
use crate::auth;
use crate::error::AppError;
use crate::extract::ApiJson;

pub fn routes() -> Router<AppState> {
    Router::new().route("/auth/login", post(login))
}

async fn login(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
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
        _ => return Err(AppError::InvalidCredentials),
    };
    let token = auth::new_token();
    let now = state.clock.now();
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
