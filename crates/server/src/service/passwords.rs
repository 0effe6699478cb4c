//! Delivery-password actions (docs/product.md §3): an agent resends the current code to a
//! contact on file or regenerates it, without ever seeing it; a courier's device verifies the
//! code a recipient tells. The reason and identity check are checked here; the limits and the
//! lock are the store's, under the password's row lock, so they hold across replicas.

use sportello_protocol::{
    AgentInfo, AuditAction, IdentityCheck, IdentityMethod, RegenerateRequest, ResendRequest, Role,
    Shipment, VerifyResponse,
};

use super::{require, scoped, Error, RequestKey, Result, Services, WRITERS};
use crate::secrets::Code;
use crate::store::{Applied, NewAuditEntry, PasswordAction, PasswordActionRequest};

/// Refuses an actor whose role may not take `action` on a password, and writes the refusal
/// into the audit (rule 3.10).
async fn allowed(
    s: &Services,
    actor: &AgentInfo,
    roles: &[Role],
    shipment_id: &str,
    action: AuditAction,
) -> Result<()> {
    let Err(refusal) = require(actor, roles) else {
        return Ok(());
    };
    s.store
        .audit_refusal(NewAuditEntry {
            at: s.clock.now(),
            actor,
            action,
            refused: Some(sportello_protocol::problem::types::FORBIDDEN),
            shipment_id,
            ticket_id: None,
            generation: 0,
            reason: format!("refused: the {} role may not do this", actor.role.as_str()),
            identity_check: String::new(),
            channel: "",
            destination: String::new(),
        })
        .await?;
    Err(refusal)
}

/// A case id as a request names it: letters, digits, `.`, `_` and `-`, at most 64.
fn ticket_id(id: Option<&str>) -> Result<Option<&str>> {
    match id {
        Some(id)
            if id.is_empty()
                || id.len() > 64
                || !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) =>
        {
            Err(Error::Invalid(format!("{id:?} is not a case id")))
        }
        other => Ok(other),
    }
}

/// Longest reason or identity-check note kept in the audit (rule 4.5).
pub const MAX_TEXT_CHARS: usize = sportello_protocol::password::MAX_TEXT_CHARS;

/// A required free text of at most [`MAX_TEXT_CHARS`] characters, as sent; kept trimmed.
fn text<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    crate::text::check(what, value, true, MAX_TEXT_CHARS)?;
    Ok(value.trim())
}

/// The identity check as the audit records it: the method, and its note (required with
/// `other`).
fn identity(check: &IdentityCheck) -> Result<String> {
    let note = check.note.as_deref().unwrap_or_default();
    let note = match check.method {
        IdentityMethod::Other => text("a note saying how the identity was checked", note)?,
        _ => {
            crate::text::check("the note", note, false, MAX_TEXT_CHARS)?;
            note.trim()
        }
    };
    Ok(if note.is_empty() {
        check.method.as_str().to_string()
    } else {
        format!("{}: {note}", check.method.as_str())
    })
}

/// Checks the reason, the identity check and the case, then has the store apply `action`.
#[allow(clippy::too_many_arguments)]
async fn act(
    s: &Services,
    actor: &AgentInfo,
    shipment_id: &str,
    key: Option<&RequestKey>,
    reason: &str,
    check: &IdentityCheck,
    ticket: Option<&str>,
    action: PasswordAction<'_>,
) -> Result<Applied<Shipment>> {
    let reason = text("a reason", reason)?;
    let ticket_id = ticket_id(ticket)?;
    let identity_check = identity(check)?;
    let now = s.clock.now();
    Ok(s.store
        .password_action(
            scoped(key, actor, now).as_ref(),
            PasswordActionRequest {
                shipment_id,
                actor,
                reason,
                identity_check: &identity_check,
                action,
                ticket_id,
                now,
            },
        )
        .await?)
}

/// Sends the current code again to a contact on file (rule 3.5, 3.7).
pub async fn resend(
    s: &Services,
    actor: &AgentInfo,
    shipment_id: &str,
    req: &ResendRequest,
    key: Option<&RequestKey>,
) -> Result<Applied<Shipment>> {
    allowed(s, actor, WRITERS, shipment_id, AuditAction::Resend).await?;
    let action = PasswordAction::Resend {
        recipient_id: &req.recipient,
    };
    let applied = act(
        s,
        actor,
        shipment_id,
        key,
        &req.reason,
        &req.identity_check,
        req.ticket_id.as_deref(),
        action,
    )
    .await?;
    tracing::info!(shipment = %shipment_id, "delivery password resent");
    Ok(applied)
}

/// Retires the code at once and mails a new one to the account e-mail (rule 3.6).
pub async fn regenerate(
    s: &Services,
    actor: &AgentInfo,
    shipment_id: &str,
    req: &RegenerateRequest,
    key: Option<&RequestKey>,
) -> Result<Applied<Shipment>> {
    allowed(s, actor, WRITERS, shipment_id, AuditAction::Regenerate).await?;
    let keys = s.keys()?;
    let code = Code::generate();
    let seal = |generation: u32| keys.seal(shipment_id, generation, &code);
    let action = PasswordAction::Regenerate { seal: &seal };
    let applied = act(
        s,
        actor,
        shipment_id,
        key,
        &req.reason,
        &req.identity_check,
        req.ticket_id.as_deref(),
        action,
    )
    .await?;
    tracing::info!(shipment = %shipment_id, "delivery password regenerated");
    Ok(applied)
}

/// The courier's device checks the code a recipient tells (rule 3.9): right or wrong, never
/// which digits; five wrong codes lock the password until a regeneration.
pub async fn verify(
    s: &Services,
    actor: &AgentInfo,
    shipment_id: &str,
    code: &str,
) -> Result<VerifyResponse> {
    allowed(
        s,
        actor,
        &[Role::Courier],
        shipment_id,
        AuditAction::CodeRejected,
    )
    .await?;
    let keys = s.keys()?;
    // Anything but a short string of digits is simply a wrong code; its length is capped so
    // the comparison's cost does not depend on what was sent.
    let typed: String = code.trim().chars().take(16).collect();
    let matches = |generation: u32, at_rest: &crate::secrets::SealedCode| {
        keys.verify(shipment_id, generation, at_rest, &typed)
    };
    let answer = s
        .store
        .verify_password(shipment_id, actor, &matches, s.clock.now())
        .await?;
    tracing::info!(shipment = %shipment_id, valid = answer.valid, "delivery password verification");
    Ok(answer)
}
