//! `GET /sync?since=CURSOR&limit=N`: the change feed, a page at a time.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sportello_protocol::{Problem, SyncPage};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::extract::ApiQuery;
use crate::service::feed;
use crate::store::RawSyncPage;

/// The largest page a client may ask for.
pub use crate::service::feed::MAX_LIMIT;

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
    (status = 403, description = "the role reads no feed (couriers)", body = Problem, content_type = "application/problem+json"),
))]
async fn sync(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    ApiQuery(q): ApiQuery<SyncQuery>,
) -> Result<Json<RawSyncPage>, AppError> {
    Ok(Json(feed::page(&s, &actor, q.since, q.limit).await?))
}
