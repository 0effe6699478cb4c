//! The notices a customer's account e-mail receives (rules 8.1, 8.2): the sign-in link, a
//! trusted recipient added, a code sent somewhere else. Never a code; the sign-in link is made
//! from its id and the keys as the mail is written, so no link is ever stored.

use chrono::{DateTime, Utc};

use super::layout::{self, Block, Rendered};
use crate::i18n::Lang;
use crate::store::CustomerNotice;

/// The path of the page a sign-in link opens, under the customer page's address.
pub fn signin_path(token: &str) -> String {
    format!("/customer/signin/{token}")
}

/// What a notice needs besides its own fields.
pub struct Context<'a> {
    pub language: &'a str,
    pub customer_name: &'a str,
    /// Where the customer page is served (`https://shop.example`), without a final `/`.
    pub base_url: &'a str,
    /// The sign-in link's secret, when the notice is one (made from the keys).
    pub signin_token: Option<&'a str>,
}

/// A notice as it is sent. `None` for a sign-in link without its token.
pub fn render(notice: &CustomerNotice, c: &Context<'_>) -> Option<Rendered> {
    let lang = Lang::of(c.language);
    let when = |at: &DateTime<Utc>| format!("{} UTC", lang.datetime(at));
    let name = ("name", c.customer_name.into());
    let (subject, blocks) = match notice {
        CustomerNotice::SigninLink { .. } => {
            let url = format!("{}{}", c.base_url, signin_path(c.signin_token?));
            (
                lang.t("mail-signin-subject"),
                vec![
                    Block::Para(lang.format("mail-signin-body", &[name])),
                    Block::Link {
                        url,
                        label: lang.t("signin-heading"),
                    },
                    Block::Para(lang.t("mail-signin-ignore")),
                ],
            )
        }
        CustomerNotice::TrustedAdded {
            recipient,
            email,
            at,
        } => (
            lang.t("mail-trusted-subject"),
            vec![
                Block::Para(lang.format(
                    "mail-trusted-body",
                    &[
                        name,
                        ("recipient", recipient.into()),
                        ("email", email.into()),
                        ("time", (&when(at)).into()),
                    ],
                )),
                Block::Para(lang.t("mail-trusted-unexpected")),
            ],
        ),
        CustomerNotice::SentElsewhere {
            shipment_id,
            recipient,
            destination,
            channel,
            at,
        } => {
            let channel = lang.t(&format!("channel-{channel}"));
            (
                lang.format(
                    "mail-sent-elsewhere-subject",
                    &[
                        ("shipment", shipment_id.into()),
                        ("recipient", recipient.into()),
                    ],
                ),
                vec![
                    Block::Para(lang.format(
                        "mail-sent-elsewhere-body",
                        &[
                            name,
                            ("time", (&when(at)).into()),
                            ("shipment", shipment_id.into()),
                            ("channel", (&channel).into()),
                            ("recipient", recipient.into()),
                            ("destination", destination.into()),
                        ],
                    )),
                    Block::Para(lang.t("mail-sent-elsewhere-unexpected")),
                ],
            )
        }
    };
    let mut blocks = blocks;
    blocks.push(Block::Para(lang.t("mail-signature")));
    Some(layout::render(lang, subject, &blocks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        "2026-10-25T09:30:00Z".parse().unwrap()
    }

    fn context<'a>(language: &'a str, token: Option<&'a str>) -> Context<'a> {
        Context {
            language,
            customer_name: "<b>Ann</b>",
            base_url: "https://shop.example",
            signin_token: token,
        }
    }

    fn notices() -> Vec<CustomerNotice> {
        vec![
            CustomerNotice::SigninLink {
                link_id: "L".into(),
                key_id: "k1".into(),
            },
            CustomerNotice::TrustedAdded {
                recipient: "Zoe <script>x</script>".into(),
                email: "zoe@example.com".into(),
                at: at(),
            },
            CustomerNotice::SentElsewhere {
                shipment_id: "S-00000042".into(),
                recipient: "Zoe <script>x</script>".into(),
                destination: "z***@example.com".into(),
                channel: "email".into(),
                at: at(),
            },
        ]
    }

    #[test]
    fn every_notice_renders_in_every_language_escaped_and_arabic_right_to_left() {
        for lang in Lang::all() {
            for notice in notices() {
                let r = render(&notice, &context(lang.tag(), Some("TOKEN123")))
                    .expect("a notice with its token renders");
                let tag = lang.tag();
                assert!(!r.subject.is_empty(), "{tag}");
                assert!(!r.html.contains("<script>"), "{tag}: {}", r.html);
                assert!(!r.html.contains("<b>Ann"), "{tag}: {}", r.html);
                assert!(
                    r.html.contains("&lt;b&gt;Ann&lt;/b&gt;"),
                    "{tag}: {}",
                    r.html
                );
                let dir = if tag == "ar" { "rtl" } else { "ltr" };
                assert!(r.html.contains(&format!("dir=\"{dir}\"")), "{tag}");
                match &notice {
                    CustomerNotice::SigninLink { .. } => {
                        let link = "https://shop.example/customer/signin/TOKEN123";
                        assert!(r.text.contains(link), "{tag}: {}", r.text);
                        assert!(r.html.contains(&format!("href=\"{link}\"")), "{tag}");
                    }
                    CustomerNotice::TrustedAdded { .. } => {
                        assert!(r.text.contains("zoe@example.com"), "{tag}");
                        assert!(r.html.contains("Zoe &lt;script&gt;"), "{tag}");
                    }
                    CustomerNotice::SentElsewhere { .. } => {
                        assert!(r.text.contains("S-00000042"), "{tag}");
                        assert!(r.text.contains("z***@example.com"), "{tag}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_sign_in_mail_without_its_token_is_not_written() {
        assert!(render(&notices()[0], &context("en", None)).is_none());
    }
}
