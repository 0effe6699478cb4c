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
    pub username: String,
    pub password: String,
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
}
