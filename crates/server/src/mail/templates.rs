//! The words of the password mails, one function per language (English, Italian), each in
//! plain text and HTML: the code, until when it is valid in the delivery address's local
//! time, how to share it with a trusted person, and a warning never to tell it to a caller.
//! Every value put into HTML is escaped.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// What a password mail says, before the language chooses the words.
pub struct PasswordMail<'a> {
    pub to_name: &'a str,
    pub customer_name: &'a str,
    /// True when a trusted recipient gets it on the customer's behalf.
    pub on_behalf: bool,
    pub shipment_id: &'a str,
    pub code: &'a str,
    pub expires_at: DateTime<Utc>,
    pub delivery_tz: &'a str,
}

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// `en` unless the customer's language is one we have words for.
pub fn render(language: &str, mail: &PasswordMail<'_>) -> Rendered {
    match language {
        "it" => italian(mail),
        _ => english(mail),
    }
}

fn local(mail: &PasswordMail<'_>, format: &str) -> String {
    let tz: Tz = mail.delivery_tz.parse().unwrap_or(chrono_tz::UTC);
    format!(
        "{} ({})",
        mail.expires_at.with_timezone(&tz).format(format),
        mail.delivery_tz
    )
}

fn html_page(paragraphs: &[String], code: &str) -> String {
    let mut out = String::from("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
    for (i, p) in paragraphs.iter().enumerate() {
        out.push_str(&format!("<p>{}</p>", escape(p)));
        if i == 0 {
            out.push_str(&format!(
                "<p style=\"font-size:28px;letter-spacing:6px\"><strong>{}</strong></p>",
                escape(code)
            ));
        }
    }
    out.push_str("</body></html>");
    out
}

fn text_page(paragraphs: &[String], code: &str) -> String {
    let mut out = String::new();
    for (i, p) in paragraphs.iter().enumerate() {
        out.push_str(p);
        out.push_str("\n\n");
        if i == 0 {
            out.push_str(&format!("    {code}\n\n"));
        }
    }
    out
}

fn english(m: &PasswordMail<'_>) -> Rendered {
    let until = local(m, "%H:%M on %A %-d %B %Y");
    let mut paragraphs = vec![format!("Hello {},", m.to_name)];
    paragraphs[0] = if m.on_behalf {
        format!(
            "Hello {}, {} asked us to send you the delivery password for shipment {}. Tell it to the courier at the door to receive the parcel:",
            m.to_name, m.customer_name, m.shipment_id
        )
    } else {
        format!(
            "Hello {}, here is the delivery password for your shipment {}. Tell it to the courier at the door to receive the parcel:",
            m.to_name, m.shipment_id
        )
    };
    paragraphs.push(format!("It is valid until {until}."));
    paragraphs.push(
        "If someone you trust will receive the parcel for you, you may forward this e-mail to them."
            .into(),
    );
    paragraphs.push(
        "Never tell this password to anyone who calls or writes to you: our staff and the courier will never ask for it, except the courier at your door."
            .into(),
    );
    Rendered {
        subject: format!("Your delivery password for shipment {}", m.shipment_id),
        text: text_page(&paragraphs, m.code),
        html: html_page(&paragraphs, m.code),
    }
}

fn italian(m: &PasswordMail<'_>) -> Rendered {
    let until = local(m, "%H:%M del %d/%m/%Y");
    let mut paragraphs = vec![if m.on_behalf {
        format!(
            "Gentile {}, {} ci ha chiesto di inviarle la password di consegna della spedizione {}. La comunichi al corriere alla porta per ricevere il pacco:",
            m.to_name, m.customer_name, m.shipment_id
        )
    } else {
        format!(
            "Gentile {}, ecco la password di consegna della sua spedizione {}. La comunichi al corriere alla porta per ricevere il pacco:",
            m.to_name, m.shipment_id
        )
    }];
    paragraphs.push(format!("È valida fino alle {until}."));
    paragraphs.push(
        "Se una persona di fiducia riceverà il pacco al suo posto, può inoltrarle questa e-mail."
            .into(),
    );
    paragraphs.push(
        "Non comunichi mai questa password a chi la chiama o le scrive: il nostro personale e il corriere non gliela chiederanno mai, tranne il corriere alla sua porta."
            .into(),
    );
    Rendered {
        subject: format!("La password di consegna della spedizione {}", m.shipment_id),
        text: text_page(&paragraphs, m.code),
        html: html_page(&paragraphs, m.code),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(name: &str) -> PasswordMail<'_> {
        PasswordMail {
            to_name: name,
            customer_name: "Giulia Conti",
            on_behalf: false,
            shipment_id: "S-00000042",
            code: "048213",
            // 23:59:59 in Rome on the day summer time ends.
            expires_at: "2026-10-25T22:59:59Z".parse().unwrap(),
            delivery_tz: "Europe/Rome",
        }
    }

    #[test]
    fn the_validity_is_told_in_the_delivery_time_zone() {
        let en = render("en", &mail("Ann"));
        assert!(
            en.text
                .contains("23:59 on Sunday 25 October 2026 (Europe/Rome)"),
            "{}",
            en.text
        );
        let it = render("it", &mail("Anna"));
        assert!(
            it.text.contains("23:59 del 25/10/2026 (Europe/Rome)"),
            "{}",
            it.text
        );
    }

    #[test]
    fn both_languages_carry_the_code_the_sharing_note_and_the_warning() {
        for (lang, share, warn) in [
            ("en", "someone you trust", "Never tell this password"),
            ("it", "persona di fiducia", "Non comunichi mai"),
        ] {
            let r = render(lang, &mail("Ann"));
            for part in [&r.text, &r.html] {
                assert!(part.contains("048213"), "{lang}");
                assert!(part.contains(share), "{lang}");
                assert!(part.contains(warn), "{lang}");
            }
        }
    }

    #[test]
    fn names_are_escaped_in_html() {
        let r = render("en", &mail("<b>Ann</b> & co"));
        assert!(r.html.contains("&lt;b&gt;Ann&lt;/b&gt; &amp; co"));
        assert!(!r.html.contains("<b>Ann"));
        assert!(
            r.text.contains("<b>Ann</b> & co"),
            "plain text stays as typed"
        );
    }
}
