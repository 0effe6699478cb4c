//! `POST /tickets/{id}/messages`: an agent's reply to the customer or internal note.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use sportello_protocol::{NewMessage, Problem, Role, Ticket};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::idempotent::{answer, Idempotent};
use super::AppState;
use crate::auth::Signed;
use crate::error::AppError;
use crate::store::NewMessageRow;

/// Who works cases: writes messages, logs callbacks and attempts, closes tickets.
pub(super) const WRITERS: &[Role] = &[Role::Agent, Role::Lead];

/// Checks free text an agent typed (rule 4.5): at most [`NewMessage::MAX_CHARS`] characters,
/// not blank when `required`, no control or bidirectional override character. It is stored as
/// typed and never interpreted as HTML.
pub(super) fn plain_text(what: &str, text: &str, required: bool) -> Result<(), AppError> {
    Ok(crate::text::check(
        what,
        text,
        required,
        NewMessage::MAX_CHARS,
    )?)
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(add_message))
}

/// Adds a reply or an internal note to an open ticket; answers the whole ticket.
#[utoipa::path(post, path = "/tickets/{id}/messages", tag = "cases",
    params(
        ("id" = String, Path, description = "the ticket's id"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[\x21-\x7E]{1,255}$", description = "repeat a request with the same key to get the first answer back without a second message"),
    ),
    request_body = NewMessage, security(("bearer" = [])), responses(
    (status = 201, description = "the ticket with the new message (also for a replayed key, with `Idempotent-Replayed: true`)", body = Ticket),
    (status = 400, description = "malformed JSON or Idempotency-Key", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not write to cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such ticket", body = Problem, content_type = "application/problem+json"),
    (status = 409, description = "the ticket is closed", body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "the body is over 1 MiB", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "a wrong kind, an empty or too long body, or a key reused for a different request", body = Problem, content_type = "application/problem+json"),
))]
async fn add_message(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
    req: Idempotent<NewMessage>,
) -> Result<Response, AppError> {
    who.require(WRITERS)?;
    let body = &req.body.body;
    plain_text("the message", body, true)?;
    let now = state.clock.now();
    let message = NewMessageRow {
        kind: req.body.kind.into(),
        author: who.0.name.clone(),
        at: now,
        body: body.clone(),
    };
    let applied = state
        .store
        .add_message(req.for_agent(&who, now).as_ref(), &id, message)
        .await?;
    Ok(answer(StatusCode::CREATED, applied))
}
