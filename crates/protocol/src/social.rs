//! Social-media messages (docs/product.md rule 8.5): what a connector to a network posts in
//! with the `integration` role, and the agents' replies it reads back from the feed to publish.
//! Sportello knows no network: the connector, written outside it, speaks the network's API.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use utoipa::ToSchema;

/// Longest text of one social message, in characters.
pub const MAX_SOCIAL_TEXT_CHARS: usize = 5000;

/// Longest handle, display name or network message id, in characters.
pub const MAX_SOCIAL_NAME_CHARS: usize = 200;

/// Where a conversation happens on the network: in public (a comment, a mention) or in
/// private (a direct message). A reply is published where the message was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SocialVisibility {
    Public,
    Private,
}

impl SocialVisibility {
    pub fn as_str(self) -> &'static str {
        match self {
            SocialVisibility::Public => "public",
            SocialVisibility::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<SocialVisibility> {
        match s {
            "public" => Some(SocialVisibility::Public),
            "private" => Some(SocialVisibility::Private),
            _ => None,
        }
    }
}

/// `POST /social/messages` body (integration role): one message a customer wrote on a network.
#[derive(Debug, Clone, Serialize, Deserialize, TS, ToSchema)]
pub struct InboundSocialMessage {
    /// The network, as the connector names it: 1 to 32 of `a-z`, `0-9`, `-`, `_`.
    #[schema(pattern = r"^[a-z0-9_-]{1,32}$")]
    pub network: String,
    /// The network's id of this message: posting the same id again changes nothing.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub message_id: String,
    /// Who wrote it on the network (`@anna.rossi`); one conversation per handle and visibility.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub handle: String,
    /// The name the network shows for the handle, if any (the customer's name in the queue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[schema(
        max_length = 200,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub name: Option<String>,
    pub visibility: SocialVisibility,
    /// BCP 47 tag of the message's language; its primary subtag must be one of the thirteen
    /// (rule 8.4), e.g. `it`, `pt-BR`, `ar`.
    #[schema(min_length = 2, max_length = 35)]
    pub language: String,
    /// The message as written (kept as text, never as markup).
    #[schema(
        min_length = 1,
        max_length = 5000,
        pattern = r"^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*[^\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200A\u2028\u2029\u202A-\u202F\u205F\u2066-\u2069\u3000][^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub text: String,
}

/// The answer to a posted social message: the ticket it joined and the message it became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct SocialReceipt {
    pub ticket_id: String,
    /// The message's id in the ticket's conversation.
    pub message_id: String,
    /// True when this network message id was posted before: nothing changed.
    pub duplicate: bool,
}

/// An agent's reply on a `social` ticket, for the connector to publish (a change of kind
/// `social_reply` in the feed, sent only to integration accounts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, ToSchema)]
pub struct SocialReply {
    /// The reply's message id in the ticket's conversation.
    pub id: String,
    pub ticket_id: String,
    pub network: String,
    pub handle: String,
    /// Publish it where the customer wrote: in public or in private.
    pub visibility: SocialVisibility,
    /// The network's id of the customer's latest message before the reply.
    pub in_reply_to: String,
    /// The conversation's language (primary subtag), as the customer wrote.
    pub language: String,
    /// The agent's display name.
    pub author: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub text: String,
}
