//! The signed-in agent of a request: the bearer token of its `Authorization` header, turned
//! into the agent whose session it names; a 401 problem without a valid one. Roles are the
//! service layer's to check.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use sportello_protocol::AgentInfo;

use super::AppState;
use crate::error::AppError;

/// The token of an `Authorization: Bearer …` value; the scheme's name is case-insensitive
/// (RFC 9110, 11.1).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token)
}

/// The agent behind the request's bearer token; 401 without a valid one.
pub struct Signed(pub AgentInfo, pub TokenHash);

/// The stored form of the request's token.
pub struct TokenHash(pub Vec<u8>);

impl FromRequestParts<AppState> for Signed {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(bearer)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Unauthorized)?;
        let hash = crate::credentials::token_hash(token);
        let agent = crate::service::accounts::signed_agent(state, &hash).await?;
        tracing::Span::current().record("agent", agent.username.as_str());
        Ok(Signed(agent, TokenHash(hash)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_scheme_is_read_in_any_case() {
        for value in ["Bearer abc", "bearer abc", "BEARER abc"] {
            assert_eq!(super::bearer(value), Some("abc"), "{value}");
        }
        assert_eq!(super::bearer("Basic abc"), None);
        assert_eq!(super::bearer("Bearerabc"), None);
    }
}
