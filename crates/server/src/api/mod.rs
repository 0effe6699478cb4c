//! The HTTP API under `/api/v1`: `app(state)` builds the whole router so tests can drive it
//! directly or through a real listener.

mod audit;
mod cases;
mod entities;
mod events;
mod health;
mod idempotent;
mod login;
mod messages;
mod passwords;
mod signed;
mod social;
mod stream;
mod sync;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::{Json, Router};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::error::AppError;

/// The largest `/sync` page a client may ask for.
pub use sync::MAX_LIMIT as SYNC_MAX_LIMIT;

/// Largest request body accepted.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// What every handler shares: the service layer's context.
pub type AppState = crate::service::Services;

/// Every route with its OpenAPI description: a route cannot be served without being
/// documented, because both come from the same `routes!` registration.
fn documented() -> (Router<AppState>, OpenApi) {
    let api = OpenApiRouter::new()
        .merge(login::routes())
        .merge(sync::routes())
        .merge(stream::routes())
        .merge(entities::routes())
        .merge(messages::routes())
        .merge(cases::routes())
        .merge(passwords::routes())
        .merge(events::routes())
        .merge(audit::routes())
        .merge(social::routes());
    let (router, mut spec) = OpenApiRouter::new()
        .nest(sportello_protocol::API_PREFIX, api)
        .merge(health::routes())
        .split_for_parts();
    spec.info.title = "Sportello API".into();
    spec.info.version = env!("CARGO_PKG_VERSION").into();
    spec.info.description = Some(
        "The server behind the Sportello support console. Errors are RFC 9457 problem details."
            .into(),
    );
    spec.components
        .get_or_insert_with(Default::default)
        .add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    document_common_answers(&mut spec);
    (router, spec)
}

/// The answers every operation of a kind can give, whatever its handler says: a signed
/// operation 401; one with a JSON body 400 (malformed), 413 (over 1 MiB), 415 (not JSON) and
/// 422 (wrong fields); one with an `Idempotency-Key` 400 (a bad key) and 422 (a reused one);
/// one with a query 400; and any 500 (logged, never detailed) and 503 (the store cannot be
/// reached). Written once here, so no operation forgets one (the schema-driven fuzzer in
/// `tests/openapi.rs` checks every answer is documented).
fn document_common_answers(spec: &mut OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content(
                    sportello_protocol::problem::PROBLEM_CONTENT_TYPE,
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("Problem")))
                        .build(),
                )
                .build(),
        )
    };
    for (path, item) in spec.paths.paths.iter_mut() {
        let operations = [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ];
        for op in operations.into_iter().flatten() {
            let mut answers: Vec<(&str, &str)> = Vec::new();
            if path.starts_with(sportello_protocol::API_PREFIX) {
                answers.push((
                    "500",
                    "an internal error (logged on the server; the answer says no more)",
                ));
                answers.push(("503", "the store cannot be reached; try again shortly"));
            }
            if op.security.is_some() {
                answers.push(("401", "no valid token"));
            }
            if op.request_body.is_some() {
                answers.push(("400", "malformed JSON"));
                answers.push(("413", "the body is over 1 MiB"));
                answers.push(("415", "not JSON"));
                answers.push(("422", "missing or mistyped fields, or values out of bounds"));
            }
            let params = op.parameters.as_deref().unwrap_or_default();
            if params
                .iter()
                .any(|p| matches!(p, RefOr::T(p) if p.name == "Idempotency-Key"))
            {
                answers.push((
                    "400",
                    "an Idempotency-Key that is not 1 to 255 visible ASCII characters",
                ));
                answers.push((
                    "422",
                    "an Idempotency-Key already used for a different request",
                ));
            }
            if params
                .iter()
                .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query))
            {
                answers.push((
                    "400",
                    "a query parameter of the wrong type or out of bounds",
                ));
            }
            for (status, description) in answers {
                op.responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| problem(description));
            }
        }
    }
}

/// The OpenAPI document of this server.
pub fn openapi() -> OpenApi {
    documented().1
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let (router, spec) = documented();
    let spec = std::sync::Arc::new(spec);
    let api_fallbacks = Router::new()
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let spec = spec.clone();
                async move { Json(spec.as_ref().clone()) }
            }),
        )
        .fallback(|| async { AppError::NotFound("no such API path".into()) });
    router
        .nest(sportello_protocol::API_PREFIX, api_fallbacks)
        .merge(crate::web::routes())
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .fallback(|| async { AppError::NotFound("no such path".into()) })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        // Outermost last: every request gets an id (or keeps the caller's), its span carries
        // it, and the answer echoes it in `X-Request-Id`. Bodies are never logged.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request<_>| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!(
                        "request",
                        method = %req.method(),
                        path = %req.uri().path(),
                        request_id = %id,
                        agent = tracing::field::Empty,
                    )
                })
                .on_response(
                    DefaultOnResponse::new()
                        .level(tracing::Level::INFO)
                        .latency_unit(LatencyUnit::Millis),
                ),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}
