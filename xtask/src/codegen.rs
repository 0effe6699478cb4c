//! Generates `ui/src/lib/generated/types.ts` from the Rust types of `sportello-protocol` and
//! `sportello-core`, and the constants the UI shows or checks (every ticket status, the callback
//! policy, the message limit, ...) from their Rust values. The UI imports wire data types and
//! these constants only from there, never copying them by hand.

use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

/// Where the generated file lives, relative to the workspace root.
pub const GENERATED: &str = "ui/src/lib/generated/types.ts";

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

fn decl<T: TS>(cfg: &Config, out: &mut String) {
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push_str("\n\n");
}

/// A constant: its doc comment (which names the Rust item it comes from), name, TypeScript type
/// and value, the value written as serde writes the Rust value, which is what the wire carries.
fn constant(out: &mut String, docs: &str, name: &str, ty: &str, value: &serde_json::Value) {
    let literal = match value.as_array() {
        Some(items) => {
            let items: Vec<String> = items.iter().map(ToString::to_string).collect();
            format!("[{}]", items.join(", "))
        }
        None => value.to_string(),
    };
    out.push_str("/**\n * ");
    out.push_str(&docs.replace('\n', "\n * "));
    out.push_str("\n */\nexport const ");
    out.push_str(&format!("{name}: {ty} = {literal};\n\n"));
}

/// Every value of the enum `T`, in order, typed as its generated union. The list must spell
/// that union exactly, as ts-rs writes it from the enum itself, so none can be missed.
fn variants<T: TS>(
    cfg: &Config,
    out: &mut String,
    docs: &str,
    name: &str,
    value: serde_json::Value,
) {
    let listed: Vec<String> = value
        .as_array()
        .expect("a list of enum values")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        listed.join(" | "),
        T::inline(cfg),
        "{name} must list every value of {}, in declaration order",
        T::name(cfg)
    );
    constant(
        out,
        docs,
        name,
        &format!("readonly {}[]", T::name(cfg)),
        &value,
    );
}

/// The constants of crates/protocol and crates/core the console shows or enforces.
fn constants(cfg: &Config, out: &mut String) {
    use serde_json::json;
    use sportello_protocol as p;
    out.push_str("// Constants, from the Rust values named in each comment.\n\n");
    variants::<p::TicketStatus>(
        cfg,
        out,
        "Every ticket status, in order: `sportello_protocol::TicketStatus::ALL`.",
        "TICKET_STATUSES",
        json!(p::TicketStatus::ALL),
    );
    variants::<p::Category>(
        cfg,
        out,
        "Every ticket category, in order: `sportello_protocol::Category::ALL`.",
        "CATEGORIES",
        json!(p::Category::ALL),
    );
    variants::<p::CallbackOutcome>(
        cfg,
        out,
        "Every outcome of a call attempt, in order: `sportello_protocol::CallbackOutcome::ALL`.",
        "CALLBACK_OUTCOMES",
        json!(p::CallbackOutcome::ALL),
    );
    variants::<p::IdentityMethod>(
        cfg,
        out,
        "Every way to check a caller's identity, in order: `sportello_protocol::IdentityMethod::ALL`.",
        "IDENTITY_METHODS",
        json!(p::IdentityMethod::ALL),
    );
    variants::<p::AuditAction>(
        cfg,
        out,
        "Every action of the audit trail, in order: `sportello_protocol::AuditAction::ALL`.",
        "AUDIT_ACTIONS",
        json!(p::AuditAction::ALL),
    );
    variants::<sportello_core::types::FlagKind>(
        cfg,
        out,
        "Every flag of the lead view, in order: `sportello_core::types::FlagKind::ALL`.",
        "FLAG_KINDS",
        json!(sportello_core::types::FlagKind::ALL),
    );
    variants::<sportello_core::types::ErrorCode>(
        cfg,
        out,
        "Every code a console error is worded by, in order: `sportello_core::types::ErrorCode::ALL`.",
        "ERROR_CODES",
        json!(sportello_core::types::ErrorCode::ALL.as_slice()),
    );
    let params: serde_json::Map<String, serde_json::Value> = sportello_core::types::ErrorCode::ALL
        .iter()
        .map(|code| {
            let name = serde_json::to_value(code).expect("codes serialise");
            (
                name.as_str().expect("a code is a string").to_string(),
                json!(code.params()),
            )
        })
        .collect();
    constant(
        out,
        "The parameters each error code's message names: `sportello_core::types::ErrorCode::params`.",
        "ERROR_PARAMS",
        "{ readonly [code in ErrorCode]: readonly string[] }",
        &serde_json::Value::Object(params),
    );
    let numbers = [
        (
            "Attempts a callback gets before it fails (rule 4.2): `sportello_protocol::Callback::MAX_ATTEMPTS`.",
            "CALLBACK_MAX_ATTEMPTS",
            json!(p::Callback::MAX_ATTEMPTS),
        ),
        (
            "The least time between two call attempts, in minutes: `sportello_protocol::Callback::RETRY_MINUTES`.",
            "CALLBACK_RETRY_MINUTES",
            json!(p::Callback::RETRY_MINUTES),
        ),
        (
            "A callback \"as soon as possible\" is due within this many minutes: `sportello_protocol::Callback::ASAP_MINUTES`.",
            "CALLBACK_ASAP_MINUTES",
            json!(p::Callback::ASAP_MINUTES),
        ),
        (
            "How far ahead a callback may be scheduled, in days: `sportello_protocol::Callback::MAX_DAYS_AHEAD`.",
            "CALLBACK_MAX_DAYS_AHEAD",
            json!(p::Callback::MAX_DAYS_AHEAD),
        ),
        (
            "The most characters of a reply, note, callback note, attempt note or resolution (rule 4.5):\n`sportello_protocol::NewMessage::MAX_CHARS`.",
            "MESSAGE_MAX_CHARS",
            json!(p::NewMessage::MAX_CHARS),
        ),
        (
            "The most characters of a password action's reason or identity note (rule 4.5):\n`sportello_protocol::password::MAX_TEXT_CHARS`.",
            "PASSWORD_TEXT_MAX_CHARS",
            json!(p::password::MAX_TEXT_CHARS),
        ),
        (
            "A search stops counting here and the queue shows the count with a \"+\" (`QueuePage.more`):\n`sportello_core::types::SEARCH_CAP`.",
            "SEARCH_CAP",
            json!(sportello_core::types::SEARCH_CAP),
        ),
        (
            "Rows the queue asks for at a time (the shell reads the first page of this size ahead):\n`sportello_core::types::QUEUE_PAGE`.",
            "QUEUE_PAGE",
            json!(sportello_core::types::QUEUE_PAGE),
        ),
    ];
    for (docs, name, value) in numbers {
        constant(out, docs, name, "number", &value);
    }
}

/// The whole generated file.
pub fn typescript() -> String {
    use sportello_core::types as c;
    use sportello_protocol as p;
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated by `cargo xtask codegen` from crates/protocol and crates/core. Do not edit.\n\n",
    );
    macro_rules! all {
        ($($t:ty),* $(,)?) => { $( decl::<$t>(&cfg, &mut out); )* };
    }
    all!(
        p::Role,
        p::LoginRequest,
        p::AgentInfo,
        p::LoginResponse,
        p::ChangePassword,
        p::SessionInfo,
        p::Problem,
        p::EntityKind,
        p::Change,
        p::SyncPage,
        p::Typist,
        p::Typing,
        p::ContactPoint,
        p::Customer,
        p::OrderItem,
        p::Order,
        p::ShipmentStatus,
        p::TrackingEvent,
        p::PasswordState,
        p::PasswordStatus,
        p::Shipment,
        p::Category,
        p::Channel,
        p::TicketStatus,
        p::MessageKind,
        p::Message,
        p::NewMessageKind,
        p::NewMessage,
        p::IdentityMethod,
        p::IdentityCheck,
        p::ResendRequest,
        p::RegenerateRequest,
        p::PasswordLimit,
        p::VerifyRequest,
        p::VerifyResponse,
        p::NewTrackingEvent,
        p::CallbackState,
        p::CallbackOutcome,
        p::CallbackAttempt,
        p::Callback,
        p::Ticket,
        p::NewCallback,
        p::NewAttempt,
        p::CloseTicket,
        p::RevealedPhone,
        c::QueueQuery,
        c::QueueRow,
        c::QueuePage,
        c::CaseView,
        c::DueCallback,
        c::ActionKind,
        c::PendingAction,
        c::Connection,
        c::ConsoleStatus,
        c::SyncProgress,
        c::ConsoleError,
        c::ErrorKind,
        c::ErrorCode,
        p::AuditAction,
        p::AuditOutcome,
        p::AuditActor,
        p::AuditEntry,
        p::Checkpoint,
        p::AuditKey,
        p::BreakKind,
        p::ChainBreak,
        p::AuditVerification,
        p::PasswordEvent,
        c::AuditFilter,
        c::AuditTrailPage,
        c::DailyCount,
        c::FlagKind,
        c::AuditFlag,
        c::AuditSummary,
    );
    constants(&cfg, &mut out);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

pub fn write() -> anyhow::Result<PathBuf> {
    let path = workspace_root().join(GENERATED);
    std::fs::create_dir_all(path.parent().expect("has a parent"))?;
    std::fs::write(&path, typescript())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_typescript_is_fresh() {
        let path = super::workspace_root().join(super::GENERATED);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == super::typescript(),
            "{} is stale: run `cargo xtask codegen` and commit the result",
            path.display()
        );
    }

    #[test]
    #[should_panic(expected = "must list every value of TicketStatus")]
    fn a_list_missing_a_value_is_refused() {
        let mut out = String::new();
        super::variants::<sportello_protocol::TicketStatus>(
            &ts_rs::Config::new(),
            &mut out,
            "Not every status.",
            "SOME_STATUSES",
            serde_json::json!(["new", "open", "closed"]),
        );
    }
}
