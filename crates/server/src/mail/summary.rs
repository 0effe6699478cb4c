//! The mail a customer gets when their ticket is closed: the request (topic, order, subject),
//! what was done, and the whole conversation in order, internal notes left out, in plain text
//! and HTML, in the customer's language (`locales/`).

use sportello_protocol::{MessageKind, Ticket};

use super::layout::{self, Block, Rendered};
use crate::i18n::Lang;

/// The summary of a closed ticket for `customer_name`, in `language` (English when it is not
/// one of ours).
pub fn render(language: &str, customer_name: &str, ticket: &Ticket) -> Rendered {
    let lang = Lang::of(language);
    let with_ticket = |id: &str| lang.format(id, &[("ticket", (&ticket.id).into())]);
    let facts = vec![
        (
            lang.t("mail-summary-topic"),
            lang.t(&format!("category-{}", ticket.category.as_str())),
        ),
        (
            lang.t("mail-summary-order"),
            ticket
                .order_id
                .clone()
                .unwrap_or_else(|| lang.t("mail-summary-no-order")),
        ),
        (lang.t("mail-summary-subject-label"), ticket.subject.clone()),
    ];
    let mut blocks = vec![
        Block::Para(lang.format("mail-summary-greeting", &[("name", customer_name.into())])),
        Block::Para(with_ticket("mail-summary-intro")),
        Block::Heading(lang.t("mail-summary-request")),
        Block::Facts(facts),
        Block::Heading(lang.t("mail-summary-resolution")),
        Block::Pre(ticket.resolution.clone().unwrap_or_default()),
        Block::Heading(lang.t("mail-summary-conversation")),
    ];
    // The customer sees what they wrote and what we answered; internal notes stay inside.
    for m in ticket
        .messages
        .iter()
        .filter(|m| m.kind != MessageKind::Note)
    {
        let who = match m.kind {
            MessageKind::Customer => lang.t("mail-summary-you"),
            _ => m.author.clone(),
        };
        blocks.push(Block::Message {
            who,
            at: format!("{} UTC", lang.datetime(&m.at)),
            body: m.body.clone(),
        });
    }
    blocks.push(Block::Para(with_ticket("mail-summary-closing")));
    blocks.push(Block::Para(lang.t("mail-signature")));
    let subject = lang.format(
        "mail-summary-subject",
        &[
            ("ticket", (&ticket.id).into()),
            ("subject", (&ticket.subject).into()),
        ],
    );
    layout::render(lang, subject, &blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sportello_protocol::{Category, Channel, Message, TicketStatus};

    fn ticket() -> Ticket {
        let at = |m: u32| format!("2026-11-23T10:{m:02}:00Z").parse().unwrap();
        let msg = |id: &str, kind, author: &str, m, body: &str| Message {
            id: id.into(),
            kind,
            author: author.into(),
            at: at(m),
            body: body.into(),
        };
        Ticket {
            id: "T-0100001".into(),
            customer_id: "C-1".into(),
            order_id: Some("402-1234567-1234567".into()),
            category: Category::Orders,
            channel: Channel::PhoneCallback,
            status: TicketStatus::Closed,
            subject: "Where is my parcel?".into(),
            assignee: None,
            created_at: at(0),
            updated_at: at(30),
            resolution: Some("Resent the delivery password.".into()),
            closed_at: Some(at(30)),
            messages: vec![
                msg(
                    "M1",
                    MessageKind::Customer,
                    "Ann",
                    1,
                    "<b>help</b> & thanks",
                ),
                msg("M2", MessageKind::Note, "Alice", 2, "secret internal note"),
                msg("M3", MessageKind::Reply, "Alice", 3, "We resent it."),
                msg("M4", MessageKind::Customer, "Ann", 4, "Got it."),
            ],
            callbacks: vec![],
        }
    }

    #[test]
    fn every_language_names_every_category() {
        for lang in Lang::all() {
            for c in Category::ALL {
                let id = format!("category-{}", c.as_str());
                assert_ne!(lang.t(&id), id, "{}: {c:?}", lang.tag());
            }
        }
    }

    #[test]
    fn a_subject_with_a_placeholder_is_not_filled_twice() {
        let mut t = ticket();
        t.subject = "{ticket} { $name } {name}".into();
        let r = render("en", "Ann", &t);
        assert!(
            r.subject.contains("{ticket} { $name } {name}"),
            "{}",
            r.subject
        );
    }

    #[test]
    fn the_conversation_is_in_order_without_notes_and_escaped_in_html() {
        for lang in Lang::all().map(Lang::tag) {
            let r = render(lang, "Ann", &ticket());
            for part in [&r.text, &r.html] {
                assert!(!part.contains("secret internal note"), "{lang}");
                assert!(part.contains("We resent it."));
                assert!(part.contains("Resent the delivery password."));
                assert!(part.contains("402-1234567-1234567"));
                let first = part.find("help").unwrap();
                let reply = part.find("We resent it.").unwrap();
                let last = part.find("Got it.").unwrap();
                assert!(first < reply && reply < last, "{lang}: out of order");
            }
            assert!(r.text.contains("<b>help</b> & thanks"));
            assert!(r.html.contains("&lt;b&gt;help&lt;/b&gt; &amp; thanks"));
            assert!(!r.html.contains("<b>help"));
            assert!(r.subject.contains("T-0100001"));
        }
        assert!(render("it", "Ann", &ticket()).text.contains("Gentile Ann"));
        assert!(render("fr", "Ann", &ticket()).text.contains("Ann"));
        assert!(
            render("zh", "Ann", &ticket()).text.contains("Hello Ann"),
            "English otherwise"
        );
        let ar = render("ar", "Ann", &ticket());
        assert!(ar.html.contains("dir=\"rtl\""), "{}", ar.html);
    }
}
