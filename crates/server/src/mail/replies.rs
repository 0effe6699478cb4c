//! An agent's reply on an e-mail ticket, mailed to the customer at once (rule 8.3), in the
//! customer's language: who answered, the answer as written, and how to answer back from the
//! customer page. Only a reply is ever mailed this way; an internal note never leaves.

use sportello_protocol::{MessageKind, Ticket};

use super::layout::{self, Block, Rendered};
use crate::i18n::Lang;

/// The mail of reply `message_id` on `ticket`; `None` when that message is not a reply
/// (nothing else may leave).
pub fn render(
    language: &str,
    customer_name: &str,
    base_url: &str,
    ticket: &Ticket,
    message_id: &str,
) -> Option<Rendered> {
    let message = ticket
        .messages
        .iter()
        .find(|m| m.id == message_id && m.kind == MessageKind::Reply)?;
    let lang = Lang::of(language);
    let blocks = [
        Block::Para(lang.format(
            "mail-reply-intro",
            &[
                ("name", customer_name.into()),
                ("agent", (&message.author).into()),
                ("ticket", (&ticket.id).into()),
            ],
        )),
        Block::Pre(message.body.clone()),
        Block::Para(lang.t("mail-reply-how")),
        Block::Link {
            url: format!("{base_url}/customer/requests/{}", ticket.id),
            label: lang.format("request-open-link", &[("ticket", (&ticket.id).into())]),
        },
        Block::Para(lang.t("mail-signature")),
    ];
    let subject = lang.format(
        "mail-reply-subject",
        &[
            ("ticket", (&ticket.id).into()),
            ("subject", (&ticket.subject).into()),
        ],
    );
    Some(layout::render(lang, subject, &blocks))
}
