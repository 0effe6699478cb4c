//! The HTTP boundary's one error: what went wrong with the request as HTTP (malformed, wrong
//! media type, too large, no token, no such route), or what the action refused
//! ([`service::Error`]), turned into an RFC 9457 problem answer. Internal causes are logged with
//! the request's span and never sent to the client.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sportello_protocol::problem::{types, PROBLEM_CONTENT_TYPE};
use sportello_protocol::Problem;

use crate::service;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Malformed syntax: broken JSON, a bad query string, a bad `Idempotency-Key`.
    #[error("{0}")]
    BadRequest(String),
    /// Well-formed JSON of the wrong shape: a missing field, a wrong type.
    #[error("{0}")]
    InvalidBody(String),
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    #[error("the request body is larger than the server accepts")]
    PayloadTooLarge,
    /// No bearer token, or one that names no session.
    #[error("sign in first: this request needs a valid bearer token")]
    Unauthorized,
    #[error("this method is not allowed on this path")]
    MethodNotAllowed,
    /// No route, or no such entity.
    #[error("{0}")]
    NotFound(String),
    /// What the action refused, or failed with.
    #[error(transparent)]
    Service(#[from] service::Error),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Service(e.into())
    }
}

impl From<crate::text::Refused> for AppError {
    fn from(e: crate::text::Refused) -> Self {
        AppError::Service(e.into())
    }
}

impl AppError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use service::Error as S;
        match self {
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, types::BAD_REQUEST, "Bad request"),
            AppError::InvalidBody(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                types::INVALID_BODY,
                "Invalid request body",
            ),
            AppError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                types::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
            ),
            AppError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                types::PAYLOAD_TOO_LARGE,
                "Payload too large",
            ),
            AppError::Unauthorized | AppError::Service(S::Unauthorized) => (
                StatusCode::UNAUTHORIZED,
                types::UNAUTHORIZED,
                "Unauthorized",
            ),
            AppError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                types::METHOD_NOT_ALLOWED,
                "Method not allowed",
            ),
            AppError::NotFound(_) | AppError::Service(S::NotFound(_)) => {
                (StatusCode::NOT_FOUND, types::NOT_FOUND, "Not found")
            }
            AppError::Service(e) => match e {
                S::Invalid(_) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    types::INVALID_BODY,
                    "Invalid request body",
                ),
                S::OutOfBounds(_) => (StatusCode::BAD_REQUEST, types::BAD_REQUEST, "Bad request"),
                S::Forbidden => (StatusCode::FORBIDDEN, types::FORBIDDEN, "Forbidden"),
                S::InvalidCredentials => (
                    StatusCode::UNAUTHORIZED,
                    types::INVALID_CREDENTIALS,
                    "Invalid credentials",
                ),
                S::WrongPassword => (
                    StatusCode::FORBIDDEN,
                    types::INVALID_CREDENTIALS,
                    "Wrong password",
                ),
                S::Conflict { kind, .. } => (StatusCode::CONFLICT, kind, "Conflict"),
                S::LeadRequired(_) => (
                    StatusCode::FORBIDDEN,
                    types::LEAD_REQUIRED,
                    "A lead is required",
                ),
                S::TooSoon { .. } => (
                    StatusCode::CONFLICT,
                    types::CALLBACK_TOO_SOON,
                    "Too soon for another attempt",
                ),
                S::Limit { .. } => (
                    StatusCode::TOO_MANY_REQUESTS,
                    types::PASSWORD_LIMIT,
                    "Delivery-password limit reached",
                ),
                S::Throttled { .. } => (
                    StatusCode::TOO_MANY_REQUESTS,
                    types::TOO_MANY_REQUESTS,
                    "Too many requests",
                ),
                S::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, types::BUSY, "Busy"),
                S::KeyReused => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    types::IDEMPOTENCY_KEY_REUSED,
                    "Idempotency key reused",
                ),
                S::Unavailable => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    types::UNAVAILABLE,
                    "Service unavailable",
                ),
                S::Internal(_) => (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    types::INTERNAL,
                    "Internal server error",
                ),
                S::Unauthorized | S::NotFound(_) => unreachable!("matched above"),
            },
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        use service::Error as S;
        if let AppError::Service(S::Internal(cause)) = &self {
            tracing::error!(error = ?cause, "request failed");
        }
        let (status, kind, title) = self.parts();
        let (retry_after, limit, resets_at) = match &self {
            AppError::Service(S::Limit {
                retry_after,
                limit,
                resets_at,
                ..
            }) => (Some(*retry_after), Some(*limit), Some(*resets_at)),
            AppError::Service(S::TooSoon {
                retry_after,
                retry_at,
                ..
            }) => (Some(*retry_after), None, Some(*retry_at)),
            AppError::Service(S::Throttled { retry_after, .. } | S::Busy { retry_after }) => {
                (Some(*retry_after), None, None)
            }
            _ => (None, None, None),
        };
        let problem = Problem {
            kind: kind.to_string(),
            title: title.to_string(),
            status: status.as_u16(),
            detail: Some(self.to_string()),
            limit,
            resets_at,
        };
        let mut response = (status, axum::Json(problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
        );
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
