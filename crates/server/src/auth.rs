//! Passwords and sessions: argon2id hashes for agents' passwords, opaque random bearer tokens
//! kept in the store only as SHA-256 hashes, and the extractor that turns a token into the
//! signed-in agent.

use argon2::password_hash::{
    rand_core::OsRng as HashRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sportello_protocol::{AgentInfo, Role};

use crate::api::AppState;
use crate::error::AppError;

/// An argon2id PHC string for a password.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut HashRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash a password: {e}"))
}

/// Checks a password against a PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the username does not exist, so both cases cost the same.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password nobody has").expect("hashing works"))
}

/// A new bearer token: 32 random bytes, URL-safe base64.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the store keeps of a token.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The agent behind the request's bearer token; 401 without a valid one.
pub struct Signed(pub AgentInfo, pub TokenHash);

/// The stored form of the request's token.
pub struct TokenHash(pub Vec<u8>);

impl Signed {
    /// 403 unless the agent has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.0.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

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
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AppError::Unauthorized)?;
        let hash = token_hash(token);
        let agent = state
            .store
            .session_agent(&hash, state.clock.now())
            .await?
            .ok_or(AppError::Unauthorized)?;
        tracing::Span::current().record("agent", agent.username.as_str());
        Ok(Signed(agent, TokenHash(hash)))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_verify_only_with_their_hash() {
        let phc = super::hash_password("alice-demo").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(super::verify_password("alice-demo", &phc));
        assert!(!super::verify_password("alice-dem0", &phc));
        assert!(!super::verify_password("alice-demo", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (a, b) = (super::new_token(), super::new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_ne!(super::token_hash(&a), a.as_bytes());
    }
}
