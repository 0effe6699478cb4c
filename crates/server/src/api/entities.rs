//! `GET /tickets/{id}`, `GET /orders/{id}`, `GET /shipments/{id}`, `GET /customers/{id}`: one
//! entity in the shape the sync feed carries.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sportello_protocol::{Customer, EntityKind, Order, Problem, Role, Shipment, Ticket};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::auth::Signed;
use crate::error::AppError;

const READERS: &[Role] = &[Role::Agent, Role::Lead, Role::Admin];

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(ticket))
        .routes(routes!(order))
        .routes(routes!(shipment))
        .routes(routes!(customer))
}

fn found<T>(what: &str, id: &str, value: Option<T>) -> Result<T, AppError> {
    value.ok_or_else(|| AppError::NotFound(format!("no {what} with id {id:?}")))
}

/// An entity's stored feed document, answered as it is, without parsing it again.
async fn stored(state: &AppState, kind: EntityKind, id: &str) -> Result<Response, AppError> {
    let doc = found(kind.as_str(), id, state.store.doc(kind, id).await?)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], doc).into_response())
}

/// One ticket, as the sync feed carries it.
#[utoipa::path(get, path = "/tickets/{id}", tag = "cases", params(("id" = String, Path, description = "the ticket's id")), security(("bearer" = [])), responses(
    (status = 200, description = "the ticket", body = Ticket),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not read cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such ticket", body = Problem, content_type = "application/problem+json"),
))]
async fn ticket(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    who.require(READERS)?;
    stored(&state, EntityKind::Ticket, &id).await
}

/// One order, as the sync feed carries it.
#[utoipa::path(get, path = "/orders/{id}", tag = "cases", params(("id" = String, Path, description = "the order's id")), security(("bearer" = [])), responses(
    (status = 200, description = "the order", body = Order),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not read cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such order", body = Problem, content_type = "application/problem+json"),
))]
async fn order(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    who.require(READERS)?;
    stored(&state, EntityKind::Order, &id).await
}

/// One shipment, as the sync feed carries it.
#[utoipa::path(get, path = "/shipments/{id}", tag = "cases", params(("id" = String, Path, description = "the shipment's id")), security(("bearer" = [])), responses(
    (status = 200, description = "the shipment", body = Shipment),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not read cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such shipment", body = Problem, content_type = "application/problem+json"),
))]
async fn shipment(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Json<Shipment>, AppError> {
    who.require(READERS)?;
    found(
        "shipment",
        &id,
        state.store.shipment(&id, state.clock.now()).await?,
    )
    .map(Json)
}

/// One customer, as the sync feed carries it.
#[utoipa::path(get, path = "/customers/{id}", tag = "cases", params(("id" = String, Path, description = "the customer's id")), security(("bearer" = [])), responses(
    (status = 200, description = "the customer", body = Customer),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not read cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such customer", body = Problem, content_type = "application/problem+json"),
))]
async fn customer(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    who.require(READERS)?;
    stored(&state, EntityKind::Customer, &id).await
}
