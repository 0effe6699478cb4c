//! How every mail to a customer is laid out: a list of blocks (paragraphs, the code, a link,
//! headings, facts, the messages of a conversation) written once as plain text and once as
//! HTML, in the customer's language and its direction (Arabic right to left). Every value
//! put into HTML is escaped, so a customer's `<script>` arrives as text.

use crate::i18n::Lang;

/// One block of a mail.
pub enum Block {
    Para(String),
    /// The delivery password, large.
    Code(String),
    /// A link, written out in full in plain text.
    Link {
        url: String,
        label: String,
    },
    Heading(String),
    /// Label and value pairs.
    Facts(Vec<(String, String)>),
    /// One message of a conversation: who, when, what (kept as typed, line breaks too).
    Message {
        who: String,
        at: String,
        body: String,
    },
    /// Text whose line breaks matter.
    Pre(String),
}

/// A mail as it is sent.
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Writes `blocks` as plain text and HTML in `lang`.
pub fn render(lang: Lang, subject: String, blocks: &[Block]) -> Rendered {
    let mut text = String::new();
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family:sans-serif;max-width:40em\">",
        lang.tag(),
        lang.dir()
    );
    for block in blocks {
        match block {
            Block::Para(p) => {
                text.push_str(p);
                text.push_str("\n\n");
                html.push_str(&format!("<p>{}</p>", escape(p)));
            }
            Block::Code(code) => {
                text.push_str(&format!("    {code}\n\n"));
                // A code reads left to right in every language.
                html.push_str(&format!(
                    "<p dir=\"ltr\" style=\"font-size:28px;letter-spacing:6px\"><strong>{}</strong></p>",
                    escape(code)
                ));
            }
            Block::Link { url, label } => {
                text.push_str(&format!("{url}\n\n"));
                html.push_str(&format!(
                    "<p><a href=\"{}\">{}</a></p><p dir=\"ltr\" style=\"font-size:12px;color:#555\">{}</p>",
                    escape(url),
                    escape(label),
                    escape(url)
                ));
            }
            Block::Heading(h) => {
                text.push_str(&format!("{h}\n"));
                html.push_str(&format!("<h3>{}</h3>", escape(h)));
            }
            Block::Facts(facts) => {
                html.push_str("<table>");
                for (label, value) in facts {
                    text.push_str(&format!("  {label}: {value}\n"));
                    html.push_str(&format!(
                        "<tr><th style=\"text-align:start\">{}</th><td>{}</td></tr>",
                        escape(label),
                        escape(value)
                    ));
                }
                text.push('\n');
                html.push_str("</table>");
            }
            Block::Message { who, at, body } => {
                text.push_str(&format!("--- {who}, {at}\n{body}\n\n"));
                html.push_str(&format!(
                    "<div style=\"margin:0 0 1em\"><div><strong>{}</strong> · <span style=\"color:#555\">{}</span></div><div style=\"white-space:pre-wrap\">{}</div></div>",
                    escape(who),
                    escape(at),
                    escape(body)
                ));
            }
            Block::Pre(p) => {
                text.push_str(&format!("  {p}\n\n"));
                html.push_str(&format!(
                    "<p style=\"white-space:pre-wrap\">{}</p>",
                    escape(p)
                ));
            }
        }
    }
    html.push_str("</body></html>");
    Rendered {
        subject,
        text: text.trim_end().to_string() + "\n",
        html,
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
