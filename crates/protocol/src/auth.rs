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
    /// A customer on their own page (docs/product.md §8): never an account of the console;
    /// named in the audit as the actor of a read-back.
    Customer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Lead => "lead",
            Role::Admin => "admin",
            Role::Courier => "courier",
            Role::Integration => "integration",
            Role::Customer => "customer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "agent" => Role::Agent,
            "lead" => Role::Lead,
            "admin" => Role::Admin,
            "courier" => Role::Courier,
            "integration" => Role::Integration,
            "customer" => Role::Customer,
            _ => return None,
        })
    }
}

/// `POST /auth/login` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct LoginRequest {
    /// At most 128 characters, not blank, no control characters.
    #[schema(
        max_length = 128,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub username: String,
    /// At most 1 KiB (256 characters always fit).
    #[schema(max_length = 256)]
    pub password: String,
}

/// `POST /auth/password` body: the signed-in agent's own new password.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct ChangePassword {
    /// At most 1 KiB (256 characters always fit).
    #[schema(max_length = 256)]
    pub current_password: String,
    /// At least 12 characters, at most 1 KiB (256 characters always fit), no control
    /// characters.
    #[schema(
        min_length = 12,
        max_length = 256,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
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
