//! The HTTP side of `service::accounts`: `POST /auth/login` (credentials for a bearer token,
//! throttled per username and client address), `POST /auth/logout`, `GET /auth/session` (who the
//! token belongs to) and `POST /auth/password` (the agent's own new password).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use sportello_protocol::{ChangePassword, LoginRequest, LoginResponse, Problem, SessionInfo};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::signed::Signed;
use super::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ClientAddr};
use crate::service::accounts;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(session))
        .routes(routes!(change_password))
}

/// Ends the session of the request's token.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", security(("bearer" = [])), responses(
    (status = 204, description = "signed out"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
))]
async fn logout(
    State(s): State<AppState>,
    Signed(agent, token): Signed,
) -> Result<StatusCode, AppError> {
    accounts::sign_out(&s, &agent, &token.0).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs in: credentials for a bearer token. A failed try counts against the username and
/// the client's address before the password is checked (rule 6.2); passwords are checked a
/// few at a time (rule 6.3).
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginRequest, responses(
    (status = 200, description = "signed in", body = LoginResponse),
    (status = 400, description = "malformed JSON", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "wrong username or password, or a disabled account", body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "the body is over 1 MiB", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "missing or mistyped fields, a username over 128 characters or with control characters, a password over 1 KiB", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "too many failed sign-ins for this username or from this address; Retry-After says when to try again", body = Problem, content_type = "application/problem+json"),
    (status = 503, description = "too many sign-ins are being checked at once; Retry-After says when to try again", body = Problem, content_type = "application/problem+json"),
))]
async fn login(
    State(s): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    let sign_in = accounts::SignIn {
        username: &req.username,
        password: req.password,
        client,
    };
    Ok(Json(accounts::sign_in(&s, sign_in).await?))
}

/// Who the request's token belongs to, until when, and the contact-token key.
#[utoipa::path(get, path = "/auth/session", tag = "auth", security(("bearer" = [])), responses(
    (status = 200, description = "the session", body = SessionInfo),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
))]
async fn session(
    State(s): State<AppState>,
    Signed(agent, token): Signed,
) -> Result<Json<SessionInfo>, AppError> {
    Ok(Json(accounts::session(&s, agent, &token.0).await?))
}

/// The signed-in agent's own new password: the current one must be right; every other
/// session of the agent ends, this one goes on (rule 6.4). A wrong current password counts
/// against the username's sign-in throttle.
#[utoipa::path(post, path = "/auth/password", tag = "auth", request_body = ChangePassword, security(("bearer" = [])), responses(
    (status = 204, description = "changed; the agent's other sessions ended"),
    (status = 400, description = "malformed JSON", body = Problem, content_type = "application/problem+json"),
    (status = 401, description = "no valid token", body = Problem, content_type = "application/problem+json"),
    (status = 413, description = "the body is over 1 MiB", body = Problem, content_type = "application/problem+json"),
    (status = 415, description = "not JSON", body = Problem, content_type = "application/problem+json"),
    (status = 403, description = "the current password is not right", body = Problem, content_type = "application/problem+json"),
    (status = 422, description = "the new password is shorter than 12 characters, over 1 KiB or holds control characters", body = Problem, content_type = "application/problem+json"),
    (status = 429, description = "too many wrong passwords for this username; Retry-After says when to try again", body = Problem, content_type = "application/problem+json"),
    (status = 503, description = "too many passwords are being checked at once; Retry-After says when to try again", body = Problem, content_type = "application/problem+json"),
))]
async fn change_password(
    State(s): State<AppState>,
    Signed(agent, token): Signed,
    ApiJson(req): ApiJson<ChangePassword>,
) -> Result<StatusCode, AppError> {
    accounts::change_password(&s, &agent, &token.0, req.current_password, req.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}
