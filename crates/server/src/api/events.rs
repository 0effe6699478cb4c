//! `POST /shipments/{id}/events`: the HTTP side of `service::events`, the carrier feed's
//! tracking events (integration role).

use axum::extract::{Path, State};
use axum::Json;
use sportello_protocol::{NewTrackingEvent, Problem, Shipment};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::service::events;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(append_event))
}

/// Appends a tracking event to a shipment.
#[utoipa::path(post, path = "/shipments/{id}/events", tag = "carrier",
    params(("id" = String, Path, description = "the shipment's id")),
    request_body = NewTrackingEvent, security(("bearer" = [])), responses(
    (status = 200, description = "the shipment after the event", body = Shipment),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "only the carrier feed posts events", body = Problem, content_type = "application/problem+json"),
    (status = 404, description = "no such shipment", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "an unknown kind, a bad time or a too long location", body = Problem, content_type = "application/problem+json"),
    (status = 503, description = "the server has no delivery-password keys", body = Problem, content_type = "application/problem+json"),
))]
async fn append_event(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<NewTrackingEvent>,
) -> Result<Json<Shipment>, AppError> {
    Ok(Json(events::append(&s, &actor, &id, req).await?))
}
