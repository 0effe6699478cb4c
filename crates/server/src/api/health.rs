//! `/healthz` (the process answers) and `/readyz` (the store answers too).

use axum::extract::State;
use axum::routing::get;
use axum::Router;

use super::AppState;
use crate::error::AppError;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
}

async fn readyz(State(state): State<AppState>) -> Result<&'static str, AppError> {
    state.store.ping().await.map_err(|e| {
        tracing::warn!(error = %e, "not ready");
        AppError::Unavailable
    })?;
    Ok("ready")
}
