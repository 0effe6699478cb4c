//! Mail that really leaves. Changes that call for a mail write an outbox row in their own
//! transaction (`store`); this worker claims due rows with a lease (so replicas never send the
//! same row at once), renders each from the sealed copy of its code at the moment it sends,
//! hands it to SMTP (`lettre`: STARTTLS, TLS and auth from the URL) or writes an `.eml` file,
//! and marks it sent. A failure retries later with exponential backoff, so an SMTP outage
//! delays mail but loses none. No mail body is ever stored; each message carries a Message-ID
//! derived from its outbox row, so a receiver can drop a copy sent again after a crash
//! between handing it over and marking it sent.

pub mod layout;
pub mod notices;
pub mod replies;
pub mod summary;
pub mod templates;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::clock::Clock;
use crate::secrets::Keys;
use crate::store::{CustomerNotice, MailContent, OutboxMail, Store};

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One RFC 5322 `.eml` file per mail.
    Dir(PathBuf),
}

impl Transport {
    /// `smtp://host:port` (plain), `smtp://user:pass@host:587?tls=required` (STARTTLS) or
    /// `smtps://user:pass@host:465`.
    pub fn smtp(url: &str) -> anyhow::Result<Transport> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .with_context(|| "cannot use the SMTP URL (expected smtp://HOST:PORT, smtp://USER:PASS@HOST:587?tls=required or smtps://USER:PASS@HOST:465)")?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Transport::Smtp(transport))
    }

    /// Mails as files in `path` (mode 0700), each mode 0600 (rule 10.5).
    pub fn dir(path: PathBuf) -> anyhow::Result<Transport> {
        crate::files::create_private_dir(&path)
            .with_context(|| format!("cannot create the mail directory {}", path.display()))?;
        Ok(Transport::Dir(path))
    }

    async fn send(&self, id: i64, message: Message) -> anyhow::Result<()> {
        match self {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
            }
            Transport::Dir(dir) => {
                let path = dir.join(format!("{id:010}.eml"));
                let bytes = message.formatted();
                tokio::task::spawn_blocking(move || crate::files::replace_private(&path, &bytes))
                    .await??;
            }
        }
        Ok(())
    }
}

/// How the worker behaves.
#[derive(Clone)]
pub struct Settings {
    pub from: Mailbox,
    /// Where the customer page is served, without a final `/`: sign-in links point there.
    pub base_url: String,
    /// How often the outbox is looked at.
    pub poll: Duration,
    /// The first retry's delay; each next one doubles, up to `max_backoff`.
    pub backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            from: "Sportello <no-reply@sportello.example>"
                .parse()
                .expect("a valid mailbox"),
            base_url: "http://127.0.0.1:8088".into(),
            poll: Duration::from_millis(500),
            backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(300),
        }
    }
}

/// How long a claimed mail is held by this worker before another may try it.
const LEASE: chrono::Duration = chrono::Duration::seconds(120);

/// Runs until the process ends. Without `keys`, password mails wait in the outbox (they cannot
/// be read) while other mail goes out.
pub async fn run(
    store: Arc<dyn Store>,
    keys: Option<Arc<Keys>>,
    transport: Transport,
    settings: Settings,
    clock: Clock,
) {
    loop {
        match deliver_due(&*store, keys.as_deref(), &transport, &settings, &clock).await {
            Ok(0) => tokio::time::sleep(settings.poll).await,
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "the mail outbox cannot be read; retrying");
                tokio::time::sleep(settings.poll).await;
            }
        }
    }
}

/// Sends what is due at the clock's `now`; returns how many mails it handled.
pub async fn deliver_due(
    store: &dyn Store,
    keys: Option<&Keys>,
    transport: &Transport,
    settings: &Settings,
    clock: &Clock,
) -> anyhow::Result<usize> {
    let now = clock.now();
    let mails = store.claim_mail(now, now + LEASE, 20).await?;
    let handled = mails.len();
    for mail in mails {
        let id = mail.id;
        match compose(&mail, keys, settings) {
            Ok(None) => {
                store
                    .mail_done(id, clock.now(), Some("superseded: a newer code was issued"))
                    .await?;
            }
            Ok(Some(message)) => match transport.send(id, message).await {
                Ok(()) => {
                    store.mail_done(id, clock.now(), None).await?;
                    tracing::info!(mail = id, kind = %mail.kind, "mail sent");
                }
                Err(e) => {
                    let delay = backoff(settings, mail.attempts);
                    tracing::warn!(mail = id, error = %e, retry_in_s = delay.as_secs_f64(), "mail not sent");
                    let retry_at = clock.now() + chrono::Duration::from_std(delay)?;
                    store.mail_failed(id, retry_at, &e.to_string()).await?;
                }
            },
            Err(e) => {
                tracing::error!(mail = id, error = %e, "mail cannot be written; retrying later");
                let retry_at = clock.now() + chrono::Duration::from_std(settings.max_backoff)?;
                store.mail_failed(id, retry_at, &e.to_string()).await?;
            }
        }
    }
    Ok(handled)
}

/// The delay before attempt `attempts + 1`.
pub fn backoff(settings: &Settings, attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(16));
    (settings.backoff * factor).min(settings.max_backoff)
}

/// A quoted-printable part: readable as sent, and the code's line never split.
fn part(kind: ContentType, body: String) -> SinglePart {
    SinglePart::builder()
        .header(kind)
        .header(ContentTransferEncoding::QuotedPrintable)
        .body(body)
}

/// The message for an outbox row, or `None` when it must not be sent any more: a password
/// mail whose code was replaced since (regenerated) would carry a stale code.
fn compose(
    mail: &OutboxMail,
    keys: Option<&Keys>,
    settings: &Settings,
) -> anyhow::Result<Option<Message>> {
    let rendered = match &mail.content {
        MailContent::Password {
            shipment_id,
            generation,
            expires_at,
            delivery_tz,
            code,
            ..
        } => {
            let Some(sealed) = code else {
                return Ok(None);
            };
            let keys = keys
                .context("the server has no delivery-password keys file to read the code with")?;
            let code = keys.open(shipment_id, *generation, sealed)?;
            templates::render(
                &mail.language,
                &templates::PasswordMail {
                    to_name: &mail.to_name,
                    customer_name: &mail.customer_name,
                    on_behalf: mail.to_name != mail.customer_name,
                    shipment_id,
                    code: code.reveal(),
                    expires_at: *expires_at,
                    delivery_tz,
                },
            )
        }
        MailContent::Summary { ticket } => {
            summary::render(&mail.language, &mail.customer_name, ticket)
        }
        MailContent::Reply { ticket, message_id } => {
            let Some(reply) = replies::render(
                &mail.language,
                &mail.customer_name,
                settings.base_url.trim_end_matches('/'),
                ticket,
                message_id,
            ) else {
                anyhow::bail!(
                    "mail {} names {message_id:?}, which is not a reply",
                    mail.id
                );
            };
            reply
        }
        MailContent::Notice(notice) => {
            let token = match notice {
                CustomerNotice::SigninLink { link_id, key_id } => Some(
                    keys.context("the server has no keys file to make the sign-in link with")?
                        .signin_token(key_id, link_id)?,
                ),
                _ => None,
            };
            notices::render(
                notice,
                &notices::Context {
                    language: &mail.language,
                    customer_name: &mail.customer_name,
                    base_url: settings.base_url.trim_end_matches('/'),
                    signin_token: token.as_deref(),
                },
            )
            .context("a sign-in link mail without its link")?
        }
    };
    let to = Mailbox::new(Some(mail.to_name.clone()), mail.to_email.parse()?);
    let message = Message::builder()
        .from(settings.from.clone())
        .to(to)
        .subject(rendered.subject)
        .message_id(Some(format!("<outbox-{}@sportello.example>", mail.id)))
        .multipart(
            MultiPart::alternative()
                .singlepart(part(ContentType::TEXT_PLAIN, rendered.text))
                .singlepart(part(ContentType::TEXT_HTML, rendered.html)),
        )?;
    Ok(Some(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_a_cap() {
        let s = Settings::default();
        let secs: Vec<u64> = (1..=12).map(|a| backoff(&s, a).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    }
}
