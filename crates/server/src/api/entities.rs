//! `GET /tickets/{id}`, `GET /orders/{id}`, `GET /shipments/{id}`, `GET /customers/{id}`: one
//! entity in the shape the sync feed carries.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use sportello_protocol::{Customer, Order, Role, Shipment, Ticket};

use super::AppState;
use crate::auth::Signed;
use crate::error::AppError;

const READERS: &[Role] = &[Role::Agent, Role::Lead, Role::Admin];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/tickets/{id}", get(ticket))
        .route("/orders/{id}", get(order))
        .route("/shipments/{id}", get(shipment))
        .route("/customers/{id}", get(customer))
}

fn found<T>(what: &str, id: &str, value: Option<T>) -> Result<Json<T>, AppError> {
    value
        .map(Json)
        .ok_or_else(|| AppError::NotFound(format!("no {what} with id {id:?}")))
}

async fn ticket(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Json<Ticket>, AppError> {
    who.require(READERS)?;
    found("ticket", &id, state.store.ticket(&id).await?)
}

async fn order(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    who.require(READERS)?;
    found("order", &id, state.store.order(&id).await?)
}

async fn shipment(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Json<Shipment>, AppError> {
    who.require(READERS)?;
    found("shipment", &id, state.store.shipment(&id).await?)
}

async fn customer(
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
) -> Result<Json<Customer>, AppError> {
    who.require(READERS)?;
    found("customer", &id, state.store.customer(&id).await?)
}
