//! `POST /tickets/{id}/messages`: an agent's reply to the customer or internal note; `POST
//! /tickets/{id}/typing`: the agent typing one in a live chat, for the customer's page.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use sportello_protocol::{NewMessage, Problem, Ticket};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::idempotent::{answer, Idempotent};
use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::service::{cases, chat};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_message))
        .routes(routes!(typing))
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
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
    req: Idempotent<NewMessage>,
) -> Result<Response, AppError> {
    let applied = cases::add_message(&s, &actor, &id, &req.body, req.key.as_ref()).await?;
    Ok(answer(StatusCode::CREATED, applied))
}

/// Says the agent is typing a reply in a live chat: the customer's page shows it (send it at
/// most every few seconds while typing). Nothing is stored; on other tickets it does nothing.
#[utoipa::path(post, path = "/tickets/{id}/typing", tag = "cases",
    params(("id" = String, Path, description = "the ticket's id")),
    security(("bearer" = [])), responses(
    (status = 204, description = "told to the customer's page, on any replica"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not write to cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such ticket", body = Problem, content_type = "application/problem+json"),
))]
async fn typing(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    chat::agent_typing(&s, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
