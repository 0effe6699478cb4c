//! RFC 9457 problem details: the body of every error answer.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// `application/problem+json`. `type` is stable and machine-readable; `title` is a short
/// human summary of the type; `detail` explains this occurrence and never carries secrets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub detail: Option<String>,
    /// For a limit reached: which one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limit: Option<crate::PasswordLimit>,
    /// For a limit reached (or a callback attempt too soon): when it resets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resets_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The media type of a problem answer.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Stable problem `type` values.
pub mod types {
    pub const BAD_REQUEST: &str = "urn:sportello:problem:bad-request";
    pub const INVALID_BODY: &str = "urn:sportello:problem:invalid-body";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "urn:sportello:problem:unsupported-media-type";
    pub const PAYLOAD_TOO_LARGE: &str = "urn:sportello:problem:payload-too-large";
    pub const UNAUTHORIZED: &str = "urn:sportello:problem:unauthorized";
    pub const INVALID_CREDENTIALS: &str = "urn:sportello:problem:invalid-credentials";
    pub const FORBIDDEN: &str = "urn:sportello:problem:forbidden";
    pub const NOT_FOUND: &str = "urn:sportello:problem:not-found";
    pub const METHOD_NOT_ALLOWED: &str = "urn:sportello:problem:method-not-allowed";
    pub const TOO_MANY_REQUESTS: &str = "urn:sportello:problem:too-many-requests";
    pub const UNAVAILABLE: &str = "urn:sportello:problem:unavailable";
    /// An `Idempotency-Key` already used by this agent for a different request.
    pub const IDEMPOTENCY_KEY_REUSED: &str = "urn:sportello:problem:idempotency-key-reused";
    /// The ticket is closed: it takes no more messages or callbacks.
    pub const TICKET_CLOSED: &str = "urn:sportello:problem:ticket-closed";
    /// A delivery-password limit (rule 3.7); the problem names it and when it resets.
    pub const PASSWORD_LIMIT: &str = "urn:sportello:problem:password-limit";
    /// The shipment was delivered or returned: its password takes no more actions (rule 10).
    pub const SHIPMENT_FINISHED: &str = "urn:sportello:problem:shipment-finished";
    /// The password is locked, expired or retired: only a regeneration helps.
    pub const PASSWORD_NOT_ACTIVE: &str = "urn:sportello:problem:password-not-active";
    /// The shipment has no delivery password (below the secure-delivery threshold).
    pub const NO_PASSWORD: &str = "urn:sportello:problem:no-password";
    /// The third and later regenerations of a shipment on one day need a lead (rule 6).
    pub const LEAD_REQUIRED: &str = "urn:sportello:problem:lead-required";
    /// The callback is completed, failed or cancelled: it takes no more attempts.
    pub const CALLBACK_FINISHED: &str = "urn:sportello:problem:callback-finished";
    /// The last attempt was less than 10 minutes ago; `resets_at` says when the next may be.
    pub const CALLBACK_TOO_SOON: &str = "urn:sportello:problem:callback-too-soon";
    /// The phone was found to be a wrong number: pick another number on file.
    pub const WRONG_NUMBER: &str = "urn:sportello:problem:wrong-number";
    /// An account with this username exists already.
    pub const ACCOUNT_EXISTS: &str = "urn:sportello:problem:account-exists";
    /// Too many sign-ins are being checked at once: try again in a moment (rule 6.3).
    pub const BUSY: &str = "urn:sportello:problem:busy";
    pub const INTERNAL: &str = "urn:sportello:problem:internal";
}
