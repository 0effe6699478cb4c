//! `GET /tickets/{id}`, `GET /orders/{id}`, `GET /shipments/{id}`, `GET /customers/{id}`: one
//! entity in the shape the sync feed carries.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sportello_protocol::{AgentInfo, Customer, EntityKind, Order, Problem, Shipment, Ticket};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::service::feed;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(ticket))
        .routes(routes!(order))
        .routes(routes!(shipment))
        .routes(routes!(customer))
}

/// An entity's stored feed document, answered as it is, without parsing it again.
async fn stored(
    s: &AppState,
    actor: &AgentInfo,
    kind: EntityKind,
    id: &str,
) -> Result<Response, AppError> {
    let doc = feed::document(s, actor, kind, id).await?;
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
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    stored(&s, &actor, EntityKind::Ticket, &id).await
}

/// One order, as the sync feed carries it.
#[utoipa::path(get, path = "/orders/{id}", tag = "cases", params(("id" = String, Path, description = "the order's id")), security(("bearer" = [])), responses(
    (status = 200, description = "the order", body = Order),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not read cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such order", body = Problem, content_type = "application/problem+json"),
))]
async fn order(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    stored(&s, &actor, EntityKind::Order, &id).await
}

/// One shipment, as the sync feed carries it.
#[utoipa::path(get, path = "/shipments/{id}", tag = "cases", params(("id" = String, Path, description = "the shipment's id")), security(("bearer" = [])), responses(
    (status = 200, description = "the shipment", body = Shipment),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not read cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such shipment", body = Problem, content_type = "application/problem+json"),
))]
async fn shipment(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
) -> Result<Json<Shipment>, AppError> {
    Ok(Json(feed::shipment(&s, &actor, &id).await?))
}

/// One customer, as the sync feed carries it.
#[utoipa::path(get, path = "/customers/{id}", tag = "cases", params(("id" = String, Path, description = "the customer's id")), security(("bearer" = [])), responses(
    (status = 200, description = "the customer", body = Customer),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the role may not read cases", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such customer", body = Problem, content_type = "application/problem+json"),
))]
async fn customer(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    stored(&s, &actor, EntityKind::Customer, &id).await
}
