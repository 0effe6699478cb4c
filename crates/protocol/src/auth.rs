//! Sign-in: credentials in, bearer token and the signed-in agent out.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// What an agent may do; enforced on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Agent,
    Lead,
    Admin,
    /// The hand-over device of a courier: verifies delivery passwords.
    Courier,
    /// The carrier feed: appends tracking events.
    Integration,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Lead => "lead",
            Role::Admin => "admin",
            Role::Courier => "courier",
            Role::Integration => "integration",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "agent" => Role::Agent,
            "lead" => Role::Lead,
            "admin" => Role::Admin,
            "courier" => Role::Courier,
            "integration" => Role::Integration,
            _ => return None,
        })
    }
}

/// `POST /auth/login` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct LoginRequest {
    /// At most 128 characters, no control characters.
    #[schema(min_length = 1, max_length = 128)]
    pub username: String,
    /// At most 1 KiB.
    #[schema(max_length = 1024)]
    pub password: String,
}

/// `POST /auth/password` body: the signed-in agent's own new password.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct ChangePassword {
    #[schema(max_length = 1024)]
    pub current_password: String,
    /// At least 12 characters, at most 1 KiB, no control characters.
    #[schema(min_length = 12, max_length = 1024)]
    pub new_password: String,
}

/// `GET /auth/session` answer: who the token belongs to, until when, and what the console
/// needs to work (the contact-token key, for roles that search the queue).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct SessionInfo {
    pub agent: AgentInfo,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// See [`LoginResponse::contact_key`].
    #[serde(default)]
    pub contact_key: Option<String>,
}

/// The signed-in agent as others see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct AgentInfo {
    pub id: String,
    pub username: String,
    pub name: String,
    pub role: Role,
}

/// `POST /auth/login` answer.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct LoginResponse {
    /// Opaque bearer token for `Authorization: Bearer …`.
    pub token: String,
    pub agent: AgentInfo,
    /// When the token stops working.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// The deployment's contact-token key (URL-safe base64 of 32 bytes), for agents, leads and
    /// admins: the console hashes a whole e-mail or phone typed in the search with it
    /// (`crate::contact`, rule 5.2). Kept in the console's encrypted cache only.
    #[serde(default)]
    pub contact_key: Option<String>,
}
