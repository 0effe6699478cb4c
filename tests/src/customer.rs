//! The customer's side as the end-to-end tests drive it in a real browser engine: the mails a
//! customer receives, and signing in with the link one of them carries.

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::processes::SmtpSink;
use crate::webdriver::Session;

/// The plain-text parts of the mails received so far, with their `To` addresses.
pub fn mails(sink: &SmtpSink) -> Vec<(String, String)> {
    sink.messages()
        .iter()
        .filter_map(|raw| {
            let mail = mail_parser::MessageParser::default().parse(raw.as_bytes())?;
            let to = mail
                .to()
                .and_then(|to| to.first())
                .and_then(|a| a.address())
                .unwrap_or_default()
                .to_lowercase();
            Some((to, mail.body_text(0)?.into_owned()))
        })
        .collect()
}

/// Waits for a mail to `to` whose text `ok` accepts.
pub async fn mail_to(sink: &SmtpSink, to: &str, ok: impl Fn(&str) -> bool) -> Result<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some((_, text)) = mails(sink)
            .into_iter()
            .find(|(t, text)| t == to && ok(text))
        {
            return Ok(text);
        }
        if Instant::now() > deadline {
            bail!("no such mail to {to}; received: {:?}", mails(sink));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The sign-in link mailed to `email` (the page has asked for one).
pub async fn signin_link(sink: &SmtpSink, email: &str) -> Result<String> {
    let text = mail_to(sink, email, |t| t.contains("/customer/signin/")).await?;
    Ok(text
        .split_whitespace()
        .find(|w| w.contains("/customer/signin/"))
        .context("a link in the mail")?
        .to_string())
}

/// Opens a mailed sign-in link and uses it (the page's one button).
pub async fn use_link(s: &Session, link: &str) -> Result<()> {
    s.goto(link).await?;
    s.click_css("main form button.primary").await?;
    s.wait("a[href^='/customer/orders/']").await?;
    Ok(())
}
