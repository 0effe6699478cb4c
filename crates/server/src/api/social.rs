//! `POST /social/messages`: the HTTP side of `service::social`, a social network connector's
//! inbound messages (integration role). The replies it publishes come through `/sync` and
//! `/stream`, which send an integration account social replies only.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sportello_protocol::{InboundSocialMessage, Problem, SocialReceipt};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::extract::ApiJson;
use crate::service::social;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(receive))
}

/// Files a message a customer wrote on a social network into the handle's open `social`
/// ticket, or a new one. Posting the same network message id again changes nothing.
#[utoipa::path(post, path = "/social/messages", tag = "social",
    request_body = InboundSocialMessage, security(("bearer" = [])), responses(
    (status = 201, description = "filed: the ticket and the message it became", body = SocialReceipt),
    (status = 200, description = "this network message id was filed before: where it went", body = SocialReceipt),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "only integration accounts post social messages", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "a bad network name, an empty or too long text, or a language Sportello does not answer in", body = Problem, content_type = "application/problem+json"),
))]
async fn receive(
    State(s): State<AppState>,
    Signed(actor, _): Signed,
    ApiJson(req): ApiJson<InboundSocialMessage>,
) -> Result<(StatusCode, Json<SocialReceipt>), AppError> {
    let receipt = social::receive(&s, &actor, &req).await?;
    let status = if receipt.duplicate {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(receipt)))
}
