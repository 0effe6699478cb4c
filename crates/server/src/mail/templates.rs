//! The password mail, in the customer's language (`locales/`): the code, until when it is
//! valid in the delivery address's local time, how to share it with a trusted person, and a
//! warning never to tell it to a caller.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::layout::{self, Block};
pub use super::layout::{escape, Rendered};
use crate::i18n::Lang;

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

/// The mail in `language` (English when it is not one of ours).
pub fn render(language: &str, m: &PasswordMail<'_>) -> Rendered {
    let lang = Lang::of(language);
    let tz: Tz = m.delivery_tz.parse().unwrap_or(chrono_tz::UTC);
    let until = lang.datetime(&m.expires_at.with_timezone(&tz));
    let intro = if m.on_behalf {
        lang.format(
            "mail-password-intro-behalf",
            &[
                ("name", m.to_name.into()),
                ("customer", m.customer_name.into()),
                ("shipment", m.shipment_id.into()),
            ],
        )
    } else {
        lang.format(
            "mail-password-intro",
            &[
                ("name", m.to_name.into()),
                ("shipment", m.shipment_id.into()),
            ],
        )
    };
    let blocks = [
        Block::Para(intro),
        Block::Code(m.code.to_string()),
        Block::Para(lang.format(
            "mail-password-valid",
            &[("time", (&until).into()), ("zone", m.delivery_tz.into())],
        )),
        Block::Para(lang.t("mail-password-share")),
        Block::Para(lang.t("mail-password-warning")),
        Block::Para(lang.t("mail-signature")),
    ];
    layout::render(
        lang,
        lang.format(
            "mail-password-subject",
            &[("shipment", m.shipment_id.into())],
        ),
        &blocks,
    )
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
            it.text
                .contains("23:59 di domenica 25 ottobre 2026 (Europe/Rome)"),
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
    fn every_language_carries_the_code_escapes_names_and_arabic_reads_right_to_left() {
        for lang in Lang::all() {
            let mut m = mail("<i>Ann</i>");
            m.on_behalf = true;
            m.customer_name = "Bob & <Co>";
            let r = render(lang.tag(), &m);
            assert!(
                r.text.contains("    048213\n"),
                "{}: {}",
                lang.tag(),
                r.text
            );
            assert!(r.html.contains("048213"), "{}", lang.tag());
            assert!(r.subject.contains("S-00000042"), "{}", lang.tag());
            assert!(
                r.html.contains("&lt;i&gt;Ann&lt;/i&gt;"),
                "{}: {}",
                lang.tag(),
                r.html
            );
            assert!(
                r.html.contains("Bob &amp; &lt;Co&gt;"),
                "{}: {}",
                lang.tag(),
                r.html
            );
            assert!(!r.html.contains("<i>"), "{}", lang.tag());
            assert!(r.html.contains(&format!("lang=\"{}\"", lang.tag())));
            let dir = if lang.tag() == "ar" { "rtl" } else { "ltr" };
            assert!(r
                .html
                .contains(&format!("<html lang=\"{}\" dir=\"{dir}\"", lang.tag())));
            // The validity names the delivery zone in every language.
            assert!(r.text.contains("Europe/Rome"), "{}", lang.tag());
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
