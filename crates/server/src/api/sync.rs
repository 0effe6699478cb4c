//! `GET /sync?since=CURSOR&limit=N`: the change feed, a page at a time.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use sportello_protocol::{Role, SyncPage};

use super::AppState;
use crate::auth::Signed;
use crate::error::AppError;
use crate::extract::ApiQuery;

/// Page size when none is asked for, and the largest allowed.
pub const DEFAULT_LIMIT: u32 = 500;
pub const MAX_LIMIT: u32 = 5000;

#[derive(Deserialize)]
struct SyncQuery {
    #[serde(default)]
    since: i64,
    limit: Option<u32>,
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/sync", get(sync))
}

async fn sync(
    State(state): State<AppState>,
    who: Signed,
    ApiQuery(q): ApiQuery<SyncQuery>,
) -> Result<Json<SyncPage>, AppError> {
    who.require(&[Role::Agent, Role::Lead, Role::Admin])?;
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(AppError::BadRequest(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    if q.since < 0 {
        return Err(AppError::BadRequest("since must not be negative".into()));
    }
    Ok(Json(state.store.changes(q.since, limit).await?))
}
