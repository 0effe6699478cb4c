//! Social-media messages (docs/product.md rule 8.5): a connector with the `integration` role
//! posts what customers write on a network; the message joins the handle's open `social`
//! ticket or opens one, and agents work it like any other. Their replies reach the connector
//! through the feed (`service::feed`, scope `SocialReplies`).

use sportello_protocol::social::{MAX_SOCIAL_NAME_CHARS, MAX_SOCIAL_TEXT_CHARS};
use sportello_protocol::{AgentInfo, InboundSocialMessage, Role, SocialReceipt};

use super::{require, Error, Result, Services};
use crate::i18n::Lang;
use crate::store::NewSocialMessage;

/// Longest subject a conversation's first message gives its ticket, in characters.
const SUBJECT_CHARS: usize = 80;

/// Checks and files a message from a social network.
pub async fn receive(
    s: &Services,
    actor: &AgentInfo,
    m: &InboundSocialMessage,
) -> Result<SocialReceipt> {
    require(actor, &[Role::Integration])?;
    let network_ok = (1..=32).contains(&m.network.len())
        && m.network
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !network_ok {
        return Err(Error::Invalid(
            "the network is 1 to 32 of a-z, 0-9, '-' and '_', e.g. \"mastodon\"".into(),
        ));
    }
    crate::text::check("the message id", &m.message_id, true, MAX_SOCIAL_NAME_CHARS)?;
    crate::text::check("the handle", &m.handle, true, MAX_SOCIAL_NAME_CHARS)?;
    if let Some(name) = &m.name {
        crate::text::check("the name", name, false, MAX_SOCIAL_NAME_CHARS)?;
    }
    crate::text::check("the text", &m.text, true, MAX_SOCIAL_TEXT_CHARS)?;
    let language = Lang::find(&m.language).ok_or_else(|| {
        let spoken: Vec<&str> = Lang::all().map(Lang::tag).collect();
        Error::Invalid(format!(
            "the language {:?} is not one Sportello answers in ({})",
            m.language,
            spoken.join(", ")
        ))
    })?;
    let name = m
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(&m.handle);
    let subject = subject(&m.text);
    let receipt = s
        .store
        .receive_social(NewSocialMessage {
            network: &m.network,
            external_id: &m.message_id,
            handle: &m.handle,
            name,
            visibility: m.visibility,
            language: language.tag(),
            text: &m.text,
            subject: &subject,
            now: s.clock.now(),
        })
        .await?;
    tracing::info!(
        network = %m.network,
        ticket = %receipt.ticket_id,
        duplicate = receipt.duplicate,
        "social message"
    );
    Ok(receipt)
}

/// A ticket's subject from a conversation's first message: its first line, shortened.
fn subject(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or_default().trim();
    if line.chars().count() <= SUBJECT_CHARS {
        return line.to_owned();
    }
    let mut short: String = line.chars().take(SUBJECT_CHARS - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_subject_is_the_first_line_shortened() {
        assert_eq!(
            super::subject("  Where is it?\nOrdered Monday"),
            "Where is it?"
        );
        let long = "x".repeat(200);
        let subject = super::subject(&long);
        assert_eq!(subject.chars().count(), 80);
        assert!(subject.ends_with('…'));
    }
}
