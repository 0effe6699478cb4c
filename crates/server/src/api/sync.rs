//! `GET /sync?since=CURSOR&limit=N`: the change feed, a page at a time.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sportello_protocol::{Problem, Role, SyncPage};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::auth::Signed;
use crate::error::AppError;
use crate::extract::ApiQuery;
use crate::store::RawSyncPage;

/// Page size when none is asked for, and the largest allowed.
pub const DEFAULT_LIMIT: u32 = 500;
pub const MAX_LIMIT: u32 = 5000;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct SyncQuery {
    /// Return changes after this cursor (0: from the start).
    #[serde(default)]
    #[param(minimum = 0)]
    since: i64,
    /// Changes per page, 1 to 5000 (default 500).
    #[param(minimum = 1, maximum = 5000)]
    limit: Option<u32>,
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(sync))
}

/// Every change after `since`, oldest first. Follow `next` until `more` is false.
#[utoipa::path(get, path = "/sync", tag = "sync", params(SyncQuery), security(("bearer" = [])), responses(
    (status = 200, description = "a page of the feed", body = SyncPage),
    (status = 400, description = "a bad cursor or limit", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not read cases", body = Problem, content_type = "application/problem+json"),
))]
async fn sync(
    State(state): State<AppState>,
    who: Signed,
    ApiQuery(q): ApiQuery<SyncQuery>,
) -> Result<Json<RawSyncPage>, AppError> {
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
    Ok(Json(state.store.changes_raw(q.since, limit).await?))
}
