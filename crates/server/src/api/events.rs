//! `POST /shipments/{id}/events`: the carrier feed's tracking events (integration role).
//! `shipped` issues the delivery password where rule 1 applies; `delivered` and `returned`
//! retire it (rule 10).

use axum::extract::{Path, State};
use axum::Json;
use sportello_protocol::{NewTrackingEvent, Problem, Role, Shipment, TrackingEvent};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::AppState;
use crate::auth::Signed;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::secrets::Code;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(append_event))
}

/// Longest location text kept.
const MAX_LOCATION_CHARS: usize = 200;

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
    State(state): State<AppState>,
    who: Signed,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<NewTrackingEvent>,
) -> Result<Json<Shipment>, AppError> {
    who.require(&[Role::Integration])?;
    let keys = state.keys()?;
    let shipment = apply(&state, &keys, &id, req, &who.0).await?;
    Ok(Json(shipment))
}

/// Checks and applies a tracking event with a fresh code ready in case it issues one: the
/// handler and the `event` command both come here, so both refuse what the API refuses.
pub async fn apply(
    state: &AppState,
    keys: &crate::secrets::Keys,
    id: &str,
    req: NewTrackingEvent,
    actor: &sportello_protocol::AgentInfo,
) -> Result<Shipment, AppError> {
    if let Some(location) = &req.location {
        crate::text::check("the location", location, false, MAX_LOCATION_CHARS)?;
    }
    let code = Code::generate();
    let seal = |generation: u32| keys.seal(id, generation, &code);
    let event = TrackingEvent {
        at: req.at,
        kind: req.kind,
        location: req.location,
    };
    let shipment = state
        .store
        .append_event(
            id,
            &event,
            actor,
            &seal,
            state.secure_threshold_cents,
            state.clock.now(),
        )
        .await?;
    tracing::info!(shipment = %id, kind = event.kind.as_str(), "tracking event");
    Ok(shipment)
}
