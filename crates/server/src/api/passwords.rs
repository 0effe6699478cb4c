//! `POST /shipments/{id}/password/resend` and `…/regenerate`: an agent helps a customer who
//! lost the delivery password without ever seeing it (docs/product.md §3). The rules and limits are
//! checked by the store under the password's row lock, so they hold across replicas; the
//! answer is the shipment with its password status.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use sportello_protocol::{
    IdentityCheck, IdentityMethod, Problem, RegenerateRequest, ResendRequest, Role, Shipment,
    VerifyRequest, VerifyResponse,
};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::idempotent::{answer, Idempotent};
use super::AppState;
use crate::auth::Signed;
use crate::error::AppError;
use crate::secrets::Code;
use crate::store::{Applied, PasswordAction, PasswordActionRequest};

const HELPERS: &[Role] = &[Role::Agent, Role::Lead];
/// Longest reason or identity-check note kept in the audit.
pub const MAX_TEXT_CHARS: usize = 1000;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(resend))
        .routes(routes!(regenerate))
        .routes(routes!(verify))
}

/// A required free text of at most [`MAX_TEXT_CHARS`] characters (rule 4.5), as sent; kept
/// trimmed.
fn text<'a>(what: &str, value: &'a str) -> Result<&'a str, AppError> {
    crate::text::check(what, value, true, MAX_TEXT_CHARS)?;
    Ok(value.trim())
}

/// The identity check as the audit records it: the method, and the note for `other`.
fn identity(check: &IdentityCheck) -> Result<String, AppError> {
    let note = check.note.as_deref().unwrap_or_default();
    let note = match check.method {
        IdentityMethod::Other => text("a note saying how the identity was checked", note)?,
        _ => {
            crate::text::check("the note", note, false, MAX_TEXT_CHARS)?;
            note.trim()
        }
    };
    Ok(if note.is_empty() {
        check.method.as_str().to_string()
    } else {
        format!("{}: {note}", check.method.as_str())
    })
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
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
    req: Idempotent<ResendRequest>,
) -> Result<Response, AppError> {
    let action = PasswordAction::Resend {
        recipient_id: &req.body.recipient,
    };
    let applied = act(
        &state,
        &who,
        &id,
        &req,
        &req.body.reason,
        &req.body.identity_check,
        action,
    )
    .await?;
    tracing::info!(shipment = %id, "delivery password resent");
    Ok(answer(StatusCode::OK, applied))
}

/// Checks the role, the reason and the identity check, then has the store apply `action`.
async fn act<T>(
    state: &AppState,
    who: &Signed,
    shipment_id: &str,
    req: &Idempotent<T>,
    reason: &str,
    check: &IdentityCheck,
    action: PasswordAction<'_>,
) -> Result<Applied<Shipment>, AppError> {
    who.require(HELPERS)?;
    let reason = text("a reason", reason)?;
    let identity_check = identity(check)?;
    let now = state.clock.now();
    Ok(state
        .store
        .password_action(
            req.for_agent(who, now).as_ref(),
            PasswordActionRequest {
                shipment_id,
                actor: &who.0,
                reason,
                identity_check: &identity_check,
                action,
                now,
            },
        )
        .await?)
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
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
    req: Idempotent<RegenerateRequest>,
) -> Result<Response, AppError> {
    who.require(HELPERS)?;
    let keys = state.keys()?;
    let code = Code::generate();
    let seal = |generation: u32| keys.seal(&id, generation, &code);
    let action = PasswordAction::Regenerate { seal: &seal };
    let applied = act(
        &state,
        &who,
        &id,
        &req,
        &req.body.reason,
        &req.body.identity_check,
        action,
    )
    .await?;
    tracing::info!(shipment = %id, "delivery password regenerated");
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
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
    crate::extract::ApiJson(req): crate::extract::ApiJson<VerifyRequest>,
) -> Result<axum::Json<VerifyResponse>, AppError> {
    who.require(&[Role::Courier])?;
    let keys = state.keys()?;
    // Anything but a short string of digits is simply a wrong code; its length is capped so
    // the comparison's cost does not depend on what was sent.
    let typed: String = req.code.trim().chars().take(16).collect();
    let matches = |generation: u32, at_rest: &crate::secrets::SealedCode| {
        keys.verify(&id, generation, at_rest, &typed)
    };
    let answer = state
        .store
        .verify_password(&id, &who.0, &matches, state.clock.now())
        .await?;
    tracing::info!(shipment = %id, valid = answer.valid, "delivery password verification");
    Ok(axum::Json(answer))
}
