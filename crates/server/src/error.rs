//! One error type for every handler, turned into an RFC 9457 problem answer. Internal causes
//! are logged with the request's span and never sent to the client.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sportello_protocol::problem::{types, PROBLEM_CONTENT_TYPE};
use sportello_protocol::Problem;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Malformed syntax: broken JSON, a bad query string.
    #[error("{0}")]
    BadRequest(String),
    /// Well-formed but wrong: a missing field, a wrong type.
    #[error("{0}")]
    InvalidBody(String),
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    #[error("the request body is larger than the server accepts")]
    PayloadTooLarge,
    #[error("sign in first: this request needs a valid bearer token")]
    Unauthorized,
    #[error("wrong username or password")]
    InvalidCredentials,
    /// A signed-in agent's own password, asked again, was not right.
    #[error("the current password is not right")]
    WrongPassword,
    #[error("your role may not do this")]
    Forbidden,
    #[error("{0}")]
    NotFound(String),
    /// Over a limit; `retry_after` seconds until it resets.
    #[error("{detail}")]
    TooManyRequests { detail: String, retry_after: u64 },
    /// The entity's state forbids the change; `kind` is the problem type.
    #[error("{detail}")]
    Conflict { kind: &'static str, detail: String },
    #[error("{0}")]
    LeadRequired(String),
    /// A callback attempt too soon after the last; the next may be made at `retry_at`.
    #[error("{detail}")]
    TooSoon {
        detail: String,
        retry_at: chrono::DateTime<chrono::Utc>,
        retry_after: u64,
    },
    /// A delivery-password limit: which, and when it resets.
    #[error("{detail}")]
    LimitReached {
        limit: sportello_protocol::PasswordLimit,
        resets_at: chrono::DateTime<chrono::Utc>,
        retry_after: u64,
        detail: String,
    },
    #[error("this Idempotency-Key was already used for a different request; use a new key for a new request")]
    IdempotencyKeyReused,
    #[error("this method is not allowed on this path")]
    MethodNotAllowed,
    #[error("the store is unavailable; try again shortly")]
    Unavailable,
    /// Too much at once (rule 6.3): try again after `retry_after` seconds.
    #[error("the server is busy checking other sign-ins; try again in a moment")]
    Busy { retry_after: u64 },
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl From<crate::text::Refused> for AppError {
    fn from(e: crate::text::Refused) -> Self {
        AppError::InvalidBody(e.0)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "store unavailable");
                AppError::Unavailable
            }
            StoreError::NotFound(detail) => AppError::NotFound(detail),
            StoreError::Conflict { kind, detail } => AppError::Conflict { kind, detail },
            StoreError::KeyReused => AppError::IdempotencyKeyReused,
            StoreError::Disabled => AppError::Unauthorized,
            StoreError::Invalid(detail) => AppError::InvalidBody(detail),
            StoreError::LeadRequired(detail) => AppError::LeadRequired(detail),
            StoreError::TooSoon {
                detail,
                retry_at,
                retry_after_secs,
            } => AppError::TooSoon {
                retry_after: retry_after_secs,
                detail,
                retry_at,
            },
            StoreError::Limit {
                limit,
                resets_at,
                retry_after_secs,
                detail,
            } => AppError::LimitReached {
                limit,
                resets_at,
                retry_after: retry_after_secs,
                detail,
            },
            StoreError::Other(cause) => AppError::Internal(cause),
        }
    }
}

impl AppError {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use AppError::*;
        match self {
            BadRequest(_) => (StatusCode::BAD_REQUEST, types::BAD_REQUEST, "Bad request"),
            InvalidBody(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                types::INVALID_BODY,
                "Invalid request body",
            ),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                types::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type",
            ),
            PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                types::PAYLOAD_TOO_LARGE,
                "Payload too large",
            ),
            Unauthorized => (
                StatusCode::UNAUTHORIZED,
                types::UNAUTHORIZED,
                "Unauthorized",
            ),
            InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                types::INVALID_CREDENTIALS,
                "Invalid credentials",
            ),
            Forbidden => (StatusCode::FORBIDDEN, types::FORBIDDEN, "Forbidden"),
            WrongPassword => (
                StatusCode::FORBIDDEN,
                types::INVALID_CREDENTIALS,
                "Wrong password",
            ),
            NotFound(_) => (StatusCode::NOT_FOUND, types::NOT_FOUND, "Not found"),
            Conflict { kind, .. } => (StatusCode::CONFLICT, kind, "Conflict"),
            TooSoon { .. } => (
                StatusCode::CONFLICT,
                types::CALLBACK_TOO_SOON,
                "Too soon for another attempt",
            ),
            LeadRequired(_) => (
                StatusCode::FORBIDDEN,
                types::LEAD_REQUIRED,
                "A lead is required",
            ),
            LimitReached { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                types::PASSWORD_LIMIT,
                "Delivery-password limit reached",
            ),
            IdempotencyKeyReused => (
                StatusCode::UNPROCESSABLE_ENTITY,
                types::IDEMPOTENCY_KEY_REUSED,
                "Idempotency key reused",
            ),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                types::METHOD_NOT_ALLOWED,
                "Method not allowed",
            ),
            TooManyRequests { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                types::TOO_MANY_REQUESTS,
                "Too many requests",
            ),
            Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                types::UNAVAILABLE,
                "Service unavailable",
            ),
            Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, types::BUSY, "Busy"),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                types::INTERNAL,
                "Internal server error",
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(cause) = &self {
            tracing::error!(error = ?cause, "request failed");
        }
        let (status, kind, title) = self.parts();
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after, .. }
            | AppError::LimitReached { retry_after, .. }
            | AppError::TooSoon { retry_after, .. }
            | AppError::Busy { retry_after } => Some(*retry_after),
            _ => None,
        };
        let (limit, resets_at) = match &self {
            AppError::LimitReached {
                limit, resets_at, ..
            } => (Some(*limit), Some(*resets_at)),
            AppError::TooSoon { retry_at, .. } => (None, Some(*retry_at)),
            _ => (None, None),
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
