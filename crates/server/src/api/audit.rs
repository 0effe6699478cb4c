//! `GET /audit`, `/audit/verify`, `/audit/checkpoint`, `/audit/keys`: the HTTP side of
//! `service::audit` (rules 3.10, 3.12), for leads and admins.

use axum::extract::State;
use axum::Json;
use sportello_protocol::audit::VerifyQuery;
use sportello_protocol::{AuditKey, AuditPage, AuditQuery, AuditVerification, Checkpoint, Problem};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::extract::ApiQuery;
use crate::service::audit;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(trail))
        .routes(routes!(verify))
        .routes(routes!(checkpoint))
        .routes(routes!(keys))
}

/// The audit trail, oldest first, filtered; follow `next_cursor` for the next page.
#[utoipa::path(get, path = "/audit", tag = "audit", params(AuditQuery), security(("bearer" = [])), responses(
    (status = 200, description = "a page of entries", body = AuditPage),
    (status = 403, description = "only leads and admins read the trail", body = Problem, content_type = "application/problem+json"),
))]
async fn trail(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    Ok(Json(audit::page(&s, &actor, q).await?))
}

/// Verifies the chain over a range: the entries that verified and the signed checkpoint
/// they reach, or the first entry that breaks it and why.
#[utoipa::path(get, path = "/audit/verify", tag = "audit", params(VerifyQuery), security(("bearer" = [])), responses(
    (status = 200, description = "what the verification found (a break is an answer, not an error)", body = AuditVerification),
    (status = 403, description = "only leads and admins read the trail", body = Problem, content_type = "application/problem+json"),
))]
async fn verify(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    ApiQuery(q): ApiQuery<VerifyQuery>,
) -> Result<Json<AuditVerification>, AppError> {
    Ok(Json(audit::verify(&s, &actor, q.from_seq, q.to_seq).await?))
}

/// The chain's head, signed now (or the last checkpoint when nothing was added since).
#[utoipa::path(get, path = "/audit/checkpoint", tag = "audit", security(("bearer" = [])), responses(
    (status = 200, description = "the signed head", body = Checkpoint),
    (status = 403, description = "only leads and admins read the trail", body = Problem, content_type = "application/problem+json"),
))]
async fn checkpoint(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
) -> Result<Json<Checkpoint>, AppError> {
    Ok(Json(audit::checkpoint(&s, &actor).await?))
}

/// The public keys checkpoints are signed with, old ones included.
#[utoipa::path(get, path = "/audit/keys", tag = "audit", security(("bearer" = [])), responses(
    (status = 200, description = "the signing keys' public halves", body = [AuditKey]),
    (status = 403, description = "only leads and admins read the trail", body = Problem, content_type = "application/problem+json"),
))]
async fn keys(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
) -> Result<Json<Vec<AuditKey>>, AppError> {
    Ok(Json(audit::keys(&s, &actor)?))
}
