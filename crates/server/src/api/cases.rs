//! Working a case (docs/product.md §4): `POST /tickets/{id}/callbacks` logs a callback to a number on
//! file, `POST /callbacks/{id}/attempts` records a call and applies the retry policy
//! (`callback.rs`), `POST /tickets/{id}/close` closes the ticket and queues the customer's
//! summary mail. Each answers the whole ticket and accepts an `Idempotency-Key`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use sportello_protocol::{CloseTicket, NewAttempt, NewCallback, Problem, RevealedPhone, Ticket};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::idempotent::{answer, Idempotent};
use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::service::cases;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_callback))
        .routes(routes!(add_attempt))
        .routes(routes!(close_ticket))
        .routes(routes!(reveal_phone))
}

/// The full number of a scheduled callback's phone, for the agent calling it (rule 5.3): never
/// in the feed or a cache, answered on demand and audited with who, when and which phone.
#[utoipa::path(post, path = "/callbacks/{id}/reveal", tag = "cases",
    params(("id" = String, Path, description = "the callback's id")),
    security(("bearer" = [])), responses(
    (status = 200, description = "the number to dial", body = RevealedPhone),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not work cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such callback", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "the callback is finished: its number is shown only while it is worked", body = Problem, content_type = "application/problem+json"),
))]
async fn reveal_phone(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
) -> Result<axum::Json<RevealedPhone>, AppError> {
    let revealed = cases::reveal_phone(&s, &actor, &id).await?;
    Ok(axum::Json(RevealedPhone {
        callback_id: id,
        phone_id: revealed.phone_id,
        number: revealed.number,
    }))
}

/// Logs a callback the customer asked for: to a phone on file (by id), at a due time or as
/// soon as possible (within 5 minutes). Answers the whole ticket.
#[utoipa::path(post, path = "/tickets/{id}/callbacks", tag = "cases",
    params(
        ("id" = String, Path, description = "the ticket's id"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "repeat a request with the same key to get the first answer back without a second callback"),
    ),
    request_body = NewCallback, security(("bearer" = [])), responses(
    (status = 201, description = "the ticket with the new callback", body = Ticket),
    (status = 400, description = "malformed JSON or Idempotency-Key", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not work cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such ticket", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "the ticket is closed, or the phone is flagged as a wrong number", body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "the body is over 1 MiB", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "a phone not on file, a due time in the past or too far ahead, neither or both of due_at and asap, a note too long, or a key reused", body = Problem, content_type = "application/problem+json"),
))]
async fn add_callback(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
    req: Idempotent<NewCallback>,
) -> Result<Response, AppError> {
    let applied = cases::add_callback(&s, &actor, &id, &req.body, req.key.as_ref()).await?;
    Ok(answer(StatusCode::CREATED, applied))
}

/// Records a call to the customer: `answered` completes the callback, `wrong_number` ends it
/// and flags the phone, other outcomes schedule the next attempt 10 minutes on; the third
/// failure fails the callback and returns the ticket to the queue. Answers the whole ticket.
#[utoipa::path(post, path = "/callbacks/{id}/attempts", tag = "cases",
    params(
        ("id" = String, Path, description = "the callback's id"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "repeat a request with the same key to get the first answer back without a second attempt"),
    ),
    request_body = NewAttempt, security(("bearer" = [])), responses(
    (status = 201, description = "the callback's ticket with the attempt", body = Ticket),
    (status = 400, description = "malformed JSON or Idempotency-Key", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not work cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such callback", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "the callback is finished (`callback-finished`), or the last attempt was less than 10 minutes ago (`callback-too-soon`, with `resets_at` and Retry-After)", body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "the body is over 1 MiB", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "an unknown outcome, a note too long, or a key reused", body = Problem, content_type = "application/problem+json"),
))]
async fn add_attempt(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
    req: Idempotent<NewAttempt>,
) -> Result<Response, AppError> {
    let applied = cases::add_attempt(&s, &actor, &id, &req.body, req.key.as_ref()).await?;
    Ok(answer(StatusCode::CREATED, applied))
}

/// Closes a ticket with its resolution. Scheduled callbacks are cancelled, and the customer
/// is mailed a summary with the whole conversation (internal notes excluded) in their
/// language. Answers the closed ticket.
#[utoipa::path(post, path = "/tickets/{id}/close", tag = "cases",
    params(
        ("id" = String, Path, description = "the ticket's id"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "repeat a request with the same key to get the first answer back (one summary mail)"),
    ),
    request_body = CloseTicket, security(("bearer" = [])), responses(
    (status = 200, description = "the closed ticket", body = Ticket),
    (status = 400, description = "malformed JSON or Idempotency-Key", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not work cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such ticket", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "the ticket is already closed", body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "the body is over 1 MiB", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "an empty or too long resolution, or a key reused", body = Problem, content_type = "application/problem+json"),
))]
async fn close_ticket(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
    req: Idempotent<CloseTicket>,
) -> Result<Response, AppError> {
    let applied = cases::close(&s, &actor, &id, &req.body, req.key.as_ref()).await?;
    Ok(answer(StatusCode::OK, applied))
}
