//! The body of a state-changing request with its optional `Idempotency-Key`: the key is
//! checked, the request hashed (method, path, body bytes) so the store can tell a repeat
//! from a different request under the same key, and the body parsed as JSON.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::service::RequestKey;
use crate::store::Applied;

pub const HEADER: &str = "idempotency-key";
/// Set on an answer replayed from an earlier request with the same key.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// Longest key accepted.
pub const MAX_KEY_LEN: usize = 255;

pub struct Idempotent<T> {
    /// The caller's key, if it sent one, with the request's hash.
    pub key: Option<RequestKey>,
    pub body: T,
}

fn key_of(value: &HeaderValue) -> Result<String, AppError> {
    let key = value.to_str().ok().filter(|k| {
        !k.is_empty() && k.len() <= MAX_KEY_LEN && k.bytes().all(|b| b.is_ascii_graphic())
    });
    key.map(str::to_owned).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Idempotency-Key must be 1 to {MAX_KEY_LEN} visible ASCII characters, e.g. a UUID"
        ))
    })
}

impl<S, T> FromRequest<S> for Idempotent<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let key = req.headers().get(HEADER).map(key_of).transpose()?;
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<mime::Mime>().ok())
            .is_some_and(|m| {
                m.type_() == "application"
                    && (m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"))
            });
        if !is_json {
            return Err(AppError::UnsupportedMediaType);
        }
        let mut hash = Sha256::new();
        hash.update(req.method().as_str());
        hash.update([0]);
        hash.update(req.uri().path());
        hash.update([0]);
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest(e.body_text())
            }
        })?;
        hash.update(&bytes);
        let body = crate::extract::parse_json(&bytes)?;
        Ok(Idempotent {
            key: key.map(|key| RequestKey {
                key,
                request_hash: hash.finalize().to_vec(),
            }),
            body,
        })
    }
}

/// The answer to a state-changing request: `status` with the new state, or the first answer
/// again, marked as replayed.
pub fn answer<T: serde::Serialize>(status: StatusCode, applied: Applied<T>) -> Response {
    match applied {
        Applied::Done(value) => (status, axum::Json(value)).into_response(),
        Applied::Replayed(json) => (
            status,
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::HeaderName::from_static(REPLAYED_HEADER), "true"),
            ],
            json,
        )
            .into_response(),
    }
}
