//! Delivery-password actions an agent asks for (docs/product.md §3): resend the current code to a
//! contact on file, or regenerate it. The code itself never travels to an agent: the answer
//! is the shipment with its password *status*.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Rule 4.5: the longest identity note or reason a password action carries, in characters.
pub const MAX_TEXT_CHARS: usize = 1000;

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
    /// Every method, in the order the console offers them.
    pub const ALL: [IdentityMethod; 4] = [
        IdentityMethod::SecurityQuestions,
        IdentityMethod::CallbackToNumberOnFile,
        IdentityMethod::VerifiedEmailReply,
        IdentityMethod::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IdentityMethod::SecurityQuestions => "security_questions",
            IdentityMethod::CallbackToNumberOnFile => "callback_to_number_on_file",
            IdentityMethod::VerifiedEmailReply => "verified_email_reply",
            IdentityMethod::Other => "other",
        }
    }
}

/// The caller's identity check. Its OpenAPI schema (below) says what the server holds it to:
/// a note is optional with the named methods and required, not blank, with `other`; at most
/// 1,000 characters without control or bidirectional override characters (rule 4.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IdentityCheck {
    pub method: IdentityMethod,
    /// Required when `method` is `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

impl utoipa::PartialSchema for IdentityCheck {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, SchemaType, Type};
        let method = |values: &[&str]| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(values.iter().copied()))
        };
        let note = |pattern: &str, types: SchemaType| {
            ObjectBuilder::new()
                .schema_type(types)
                .max_length(Some(MAX_TEXT_CHARS))
                .pattern(Some(pattern))
        };
        let named = [
            IdentityMethod::SecurityQuestions,
            IdentityMethod::CallbackToNumberOnFile,
            IdentityMethod::VerifiedEmailReply,
        ]
        .map(IdentityMethod::as_str);
        OneOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .property("method", method(&named))
                    .required("method")
                    .property(
                        "note",
                        note(
                            crate::text::FREE_TEXT,
                            SchemaType::from_iter([Type::String, Type::Null]),
                        ),
                    ),
            )
            .item(
                ObjectBuilder::new()
                    .property("method", method(&[IdentityMethod::Other.as_str()]))
                    .required("method")
                    .property(
                        "note",
                        note(crate::text::REQUIRED_TEXT, Type::String.into()),
                    )
                    .required("note"),
            )
            .into()
    }
}

impl utoipa::ToSchema for IdentityCheck {}

/// `POST /shipments/{id}/password/resend` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct ResendRequest {
    /// The id of a contact in the shipment's `recipients`: the account e-mail or a trusted
    /// recipient on file. Never an address.
    pub recipient: String,
    /// Why, in the agent's words: not blank, at most 1,000 characters (rule 4.5).
    #[schema(
        max_length = 1000,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub reason: String,
    pub identity_check: IdentityCheck,
    /// The case the agent acts from, for the audit trail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(max_length = 64, pattern = r"^[A-Za-z0-9_.-]{1,64}$")]
    pub ticket_id: Option<String>,
}

/// `POST /shipments/{id}/password/regenerate` body.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct RegenerateRequest {
    /// Why, in the agent's words: not blank, at most 1,000 characters (rule 4.5).
    #[schema(
        max_length = 1000,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub reason: String,
    pub identity_check: IdentityCheck,
    /// The case the agent acts from, for the audit trail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(max_length = 64, pattern = r"^[A-Za-z0-9_.-]{1,64}$")]
    pub ticket_id: Option<String>,
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

impl PasswordLimit {
    /// The limit's number: sends a delivery day allows, or seconds between two sends. The
    /// server enforces these; the console names them in the agent's language.
    pub const fn max(self) -> u32 {
        match self {
            PasswordLimit::SendsPerDay => 5,
            PasswordLimit::SecondsBetweenSends => 60,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PasswordLimit::SendsPerDay => "sends_per_day",
            PasswordLimit::SecondsBetweenSends => "seconds_between_sends",
        }
    }
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
    /// Wrong codes the password still takes before it locks (rule 3.9); 0 once it is not
    /// active.
    pub attempts_left: u32,
}

/// `POST /shipments/{id}/events` body (integration role): a tracking event from the carrier.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct NewTrackingEvent {
    pub kind: crate::ShipmentStatus,
    pub at: chrono::DateTime<chrono::Utc>,
    /// At most 200 characters, without control or bidirectional override characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(
        max_length = 200,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub location: Option<String>,
}
