//! The mail a customer gets when their ticket is closed: the request (topic, order, subject),
//! what was done, and the whole conversation in order, internal notes left out, in plain text
//! and HTML. The words come from one TOML file per language in `lang/`; every value put into
//! HTML is escaped, so a customer's `<script>` arrives as text.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;
use sportello_protocol::{MessageKind, Ticket};

use super::templates::{escape, Rendered};

/// The languages with a summary file: `(tag, file)`. A new language is a file and a line.
const FILES: &[(&str, &str)] = &[
    ("en", include_str!("lang/en.toml")),
    ("it", include_str!("lang/it.toml")),
];

/// The language a mail falls back to.
const DEFAULT: &str = "en";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    subject: String,
    greeting: String,
    intro: String,
    request_heading: String,
    topic: String,
    order: String,
    subject_label: String,
    no_order: String,
    resolution_heading: String,
    conversation_heading: String,
    you: String,
    closing: String,
    signature: String,
    time_format: String,
    categories: HashMap<String, String>,
}

static WORDS: LazyLock<HashMap<&'static str, Words>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|(tag, text)| {
            let words = toml::from_str(text)
                .unwrap_or_else(|e| panic!("mail/lang/{tag}.toml is not valid: {e}"));
            (*tag, words)
        })
        .collect()
});

/// The languages the summary mail speaks.
pub fn languages() -> Vec<&'static str> {
    FILES.iter().map(|(tag, _)| *tag).collect()
}

/// The summary of a closed ticket for `customer_name`, in `language` (English when there is
/// no file for it).
pub fn render(language: &str, customer_name: &str, ticket: &Ticket) -> Rendered {
    let w = WORDS
        .get(language)
        .or_else(|| WORDS.get(DEFAULT))
        .expect("the default language has a file");
    let fill = |s: &str| {
        s.replace("{name}", customer_name)
            .replace("{ticket}", &ticket.id)
            .replace("{subject}", &ticket.subject)
    };
    let topic = w
        .categories
        .get(ticket.category.as_str())
        .cloned()
        .unwrap_or_else(|| ticket.category.as_str().replace('_', " "));
    let facts = [
        (w.topic.as_str(), topic),
        (
            w.order.as_str(),
            ticket
                .order_id
                .clone()
                .unwrap_or_else(|| w.no_order.clone()),
        ),
        (w.subject_label.as_str(), ticket.subject.clone()),
    ];
    let resolution = ticket.resolution.clone().unwrap_or_default();
    // The customer sees what they wrote and what we answered; internal notes stay inside.
    let conversation: Vec<(String, String, &str)> = ticket
        .messages
        .iter()
        .filter(|m| m.kind != MessageKind::Note)
        .map(|m| {
            let who = match m.kind {
                MessageKind::Customer => w.you.clone(),
                _ => m.author.clone(),
            };
            (
                who,
                m.at.format(&w.time_format).to_string(),
                m.body.as_str(),
            )
        })
        .collect();

    let mut text = format!("{}\n\n{}\n\n", fill(&w.greeting), fill(&w.intro));
    text.push_str(&format!("{}\n", w.request_heading));
    for (label, value) in &facts {
        text.push_str(&format!("  {label}: {value}\n"));
    }
    text.push_str(&format!("\n{}\n  {}\n\n", w.resolution_heading, resolution));
    text.push_str(&format!("{}\n", w.conversation_heading));
    for (who, at, body) in &conversation {
        text.push_str(&format!("\n--- {who}, {at}\n{body}\n"));
    }
    text.push_str(&format!("\n{}\n\n{}\n", fill(&w.closing), w.signature));

    let mut html =
        String::from("<!DOCTYPE html><html><body style=\"font-family:sans-serif;max-width:40em\">");
    html.push_str(&format!(
        "<p>{}</p><p>{}</p>",
        escape(&fill(&w.greeting)),
        escape(&fill(&w.intro))
    ));
    html.push_str(&format!("<h3>{}</h3><table>", escape(&w.request_heading)));
    for (label, value) in &facts {
        html.push_str(&format!(
            "<tr><th align=\"left\">{}</th><td>{}</td></tr>",
            escape(label),
            escape(value)
        ));
    }
    html.push_str("</table>");
    html.push_str(&format!(
        "<h3>{}</h3><p style=\"white-space:pre-wrap\">{}</p>",
        escape(&w.resolution_heading),
        escape(&resolution)
    ));
    html.push_str(&format!("<h3>{}</h3>", escape(&w.conversation_heading)));
    for (who, at, body) in &conversation {
        html.push_str(&format!(
            "<div style=\"margin:0 0 1em\"><div><strong>{}</strong> · <span style=\"color:#555\">{}</span></div><div style=\"white-space:pre-wrap\">{}</div></div>",
            escape(who),
            escape(at),
            escape(body)
        ));
    }
    html.push_str(&format!(
        "<p>{}</p><p>{}</p></body></html>",
        escape(&fill(&w.closing)),
        escape(&w.signature)
    ));
    Rendered {
        subject: fill(&w.subject),
        text,
        html,
    }
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
    fn every_language_file_parses_and_names_every_category() {
        for tag in languages() {
            let w = WORDS.get(tag).unwrap();
            for c in Category::ALL {
                assert!(w.categories.contains_key(c.as_str()), "{tag}: {c:?}");
            }
        }
    }

    #[test]
    fn the_conversation_is_in_order_without_notes_and_escaped_in_html() {
        for lang in ["en", "it"] {
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
        assert!(render("fr", "Ann", &ticket()).text.contains("Hello Ann"));
    }
}
