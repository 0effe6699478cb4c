//! `POST /shipments/{id}/password/resend`, `…/regenerate` and `…/verify`: the HTTP side of
//! `service::passwords` (docs/product.md §3). The answer is the shipment with its password
//! status, never a code.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use sportello_protocol::{
    Problem, RegenerateRequest, ResendRequest, Shipment, VerifyRequest, VerifyResponse,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::idempotent::{answer, Idempotent};
use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::service::passwords;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(resend))
        .routes(routes!(regenerate))
        .routes(routes!(verify))
}

/// Sends the current password again to a contact on file.
#[utoipa::path(post, path = "/shipments/{id}/password/resend", tag = "passwords",
    params(
        ("id" = String, Path, description = "the shipment's id"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "repeat a request with the same key to get the first answer back without a second send"),
    ),
    request_body = ResendRequest, security(("bearer" = [])), responses(
    (status = 200, description = "sent: the shipment with its password status", body = Shipment),
    (status = 400, description = "malformed JSON or Idempotency-Key", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not act on passwords", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such shipment", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "no password, not active (locked, expired, retired), or the shipment was delivered or returned", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "a recipient not on file, a missing reason or identity check", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "a limit: the problem's `limit` and `resets_at` say which and until when", body = Problem, content_type = "application/problem+json"),
))]
async fn resend(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
    req: Idempotent<ResendRequest>,
) -> Result<Response, AppError> {
    let applied = passwords::resend(&s, &actor, &id, &req.body, req.key.as_ref()).await?;
    Ok(answer(StatusCode::OK, applied))
}

/// Retires the current password at once and mails a new one to the account e-mail.
#[utoipa::path(post, path = "/shipments/{id}/password/regenerate", tag = "passwords",
    params(
        ("id" = String, Path, description = "the shipment's id"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "repeat a request with the same key to get the first answer back without a second regeneration"),
    ),
    request_body = RegenerateRequest, security(("bearer" = [])), responses(
    (status = 200, description = "regenerated: the shipment with the new generation's status", body = Shipment),
    (status = 400, description = "malformed JSON or Idempotency-Key", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not act on passwords, or a lead is needed for a third regeneration today", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such shipment", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "no password, or the shipment was delivered or returned", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "a missing reason or identity check", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "a limit: the problem's `limit` and `resets_at` say which and until when", body = Problem, content_type = "application/problem+json"),
    (status = 503, description = "the server has no delivery-password keys", body = Problem, content_type = "application/problem+json"),
))]
async fn regenerate(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
    req: Idempotent<RegenerateRequest>,
) -> Result<Response, AppError> {
    let applied = passwords::regenerate(&s, &actor, &id, &req.body, req.key.as_ref()).await?;
    Ok(answer(StatusCode::OK, applied))
}

/// The courier's device checks the code the recipient tells (rule 8). Five wrong codes lock
/// the password until a regeneration; the answer never says which digits were wrong.
#[utoipa::path(post, path = "/shipments/{id}/password/verify", tag = "passwords",
    params(("id" = String, Path, description = "the shipment's id")),
    request_body = VerifyRequest, security(("bearer" = [])), responses(
    (status = 200, description = "whether the code is right, and the password's state after this attempt", body = VerifyResponse),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "only a courier verifies", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such shipment", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "no password, or the shipment was delivered or returned", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "no code", body = Problem, content_type = "application/problem+json"),
    (status = 503, description = "the server has no delivery-password keys", body = Problem, content_type = "application/problem+json"),
))]
async fn verify(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<VerifyRequest>,
) -> Result<axum::Json<VerifyResponse>, AppError> {
    Ok(axum::Json(
        passwords::verify(&s, &actor, &id, &req.code).await?,
    ))
}
