//! Wire types shared by `sportello-server`, `sportello-core` and, generated as TypeScript,
//! the UI.
//!
//! Everything here is plain data: serde shapes of the HTTP API under `/api/v1`. Field names are
//! part of the public interface (rule 9.5): fields may be added, none renamed.

pub mod audit;
pub mod auth;
pub mod contact;
pub mod domain;
pub mod password;
pub mod problem;
pub mod social;
pub mod sync;
pub mod text;

pub use audit::{
    AuditAction, AuditActor, AuditEntry, AuditKey, AuditOutcome, AuditPage, AuditQuery,
    AuditVerification, BreakKind, ChainBreak, Checkpoint,
};
pub use auth::{AgentInfo, ChangePassword, LoginRequest, LoginResponse, Role, SessionInfo};
pub use domain::*;
pub use password::{
    IdentityCheck, IdentityMethod, NewTrackingEvent, PasswordLimit, RegenerateRequest,
    ResendRequest, VerifyRequest, VerifyResponse,
};
pub use problem::Problem;
pub use social::{InboundSocialMessage, SocialReceipt, SocialReply, SocialVisibility};
pub use sync::{Change, EntityKind, RawChange, RawSyncPage, SyncPage, Typing, Typist};

/// The path prefix of every API route.
pub const API_PREFIX: &str = "/api/v1";
