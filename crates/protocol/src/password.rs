//! Delivery-password actions an agent asks for (docs/product.md §3): resend the current code to a
//! contact on file, or regenerate it. The code itself never travels to an agent: the answer
//! is the shipment with its password *status*.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// How the agent confirmed the caller is the customer, before touching the password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdentityMethod {
    SecurityQuestions,
    /// The agent called the customer back on a number on file.
    CallbackToNumberOnFile,
    /// The customer answered from the account e-mail.
    VerifiedEmailReply,
    /// Something else, described in `note`.
    Other,
}

impl IdentityMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityMethod::SecurityQuestions => "security_questions",
            IdentityMethod::CallbackToNumberOnFile => "callback_to_number_on_file",
            IdentityMethod::VerifiedEmailReply => "verified_email_reply",
            IdentityMethod::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct IdentityCheck {
    pub method: IdentityMethod,
    /// Required when `method` is `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

/// `POST /shipments/{id}/password/resend` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct ResendRequest {
    /// The id of a contact in the shipment's `recipients`: the account e-mail or a trusted
    /// recipient on file. Never an address.
    pub recipient: String,
    pub reason: String,
    pub identity_check: IdentityCheck,
}

/// `POST /shipments/{id}/password/regenerate` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct RegenerateRequest {
    pub reason: String,
    pub identity_check: IdentityCheck,
}

/// The limits of rule 3.7, as a problem answer names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PasswordLimit {
    /// At most 5 sends per shipment and day.
    SendsPerDay,
    /// At least 60 seconds between two sends.
    SecondsBetweenSends,
}

/// `POST /shipments/{id}/password/verify` body (courier role).
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct VerifyRequest {
    /// What the recipient told the courier.
    pub code: String,
}

/// The courier's answer: right or wrong, and the password's state after this attempt. It
/// never says which digits were wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct VerifyResponse {
    pub valid: bool,
    pub state: crate::PasswordState,
}

/// `POST /shipments/{id}/events` body (integration role): a tracking event from the carrier.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct NewTrackingEvent {
    pub kind: crate::ShipmentStatus,
    pub at: chrono::DateTime<chrono::Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub location: Option<String>,
}
