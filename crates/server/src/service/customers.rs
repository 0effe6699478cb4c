//! The customer's side (docs/product.md §8): a sign-in link mailed to the account e-mail, the
//! customer's sessions (never an agent's), their orders and shipments, the code read back
//! from its sealed copy (audited and limited), the page's language and the trusted recipients.
//! Every action takes the signed-in [`CustomerAccount`]; what belongs to another customer is
//! not found, exactly as what does not exist.

use chrono::{DateTime, Duration, Utc};
use sportello_protocol::{AgentInfo, Order, PasswordState, Role, Shipment};

use super::{Error, Result, Services};
use crate::credentials;
use crate::store::{CustomerAccount, CustomerNotice, NewSigninLink, ThrottleTry, TrustedRecipient};

/// How long a sign-in link works (rule 8.1).
pub const LINK_MINUTES: i64 = 15;
/// Sign-in links a single address may be sent per throttle window (rule 8.1).
pub const LINKS_PER_WINDOW: u32 = 3;
/// Sign-in links one client may ask for, whatever the addresses, per throttle window: one
/// client cannot have many inboxes mailed.
pub const LINKS_PER_CLIENT: u32 = 20;
/// Codes a customer may read back per throttle window (rule 8.1).
pub const READ_BACKS_PER_WINDOW: u32 = 5;
/// Trusted recipients a customer may have (rule 8.2).
pub const MAX_TRUSTED: u32 = 5;
/// How long a customer's session lasts.
pub const SESSION_HOURS: i64 = 12;
/// Longest name of a trusted recipient.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest e-mail address (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// The window every throttle counts in: the sign-in throttles' (rule 6.2).
fn window() -> Duration {
    Duration::minutes(crate::signin::WINDOW_MINUTES)
}

/// A throttle's try at `key`, or when its window ends.
async fn throttle(s: &Services, key: &str, limit: u32, now: DateTime<Utc>) -> Result<()> {
    let counted = s
        .store
        .reserve_try(ThrottleTry {
            key,
            now,
            window_ended_before: now - window(),
            limit,
        })
        .await?;
    match counted {
        Ok(()) => Ok(()),
        Err(started) => {
            let resets = started + window();
            Err(Error::Throttled {
                detail: format!("try again after {}", resets.to_rfc3339()),
                retry_after: (resets - now).num_seconds().max(1) as u64,
            })
        }
    }
}

/// An e-mail address as a form sends it: one `@` with text on both sides, no spaces, no
/// control characters, at most [`MAX_EMAIL_CHARS`]; trimmed.
pub fn email(value: &str) -> Result<&str> {
    let value = value.trim();
    let valid = value.chars().count() <= MAX_EMAIL_CHARS
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@')
        })
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
    if valid {
        Ok(value)
    } else {
        Err(Error::Invalid("not an e-mail address".into()))
    }
}

/// Asks for a sign-in link (rule 8.1). Whether or not an account has this address, the answer
/// is the same, so the page tells no one which addresses have accounts; only the account's
/// own address receives the link. Throttled per address and per client (`client`: its
/// network address, when known).
pub async fn request_link(
    s: &Services,
    address: &str,
    client: Option<std::net::IpAddr>,
) -> Result<()> {
    let address = email(address)?;
    let now = s.clock.now();
    if let Some(client) = client {
        throttle(
            s,
            &format!("signin-link-client:{client}"),
            LINKS_PER_CLIENT,
            now,
        )
        .await?;
    }
    throttle(
        s,
        &format!("signin-link:{}", address.to_lowercase()),
        LINKS_PER_WINDOW,
        now,
    )
    .await?;
    let Some(customer) = s.store.customer_by_email(address).await? else {
        return Ok(());
    };
    let keys = s.keys()?;
    let link_id = credentials::new_token();
    let key_id = keys.active_id().to_string();
    let token = keys
        .signin_token(&key_id, &link_id)
        .map_err(Error::Internal)?;
    s.store
        .create_signin_link(NewSigninLink {
            token_hash: &credentials::token_hash(&token),
            customer_id: &customer.id,
            notice: CustomerNotice::SigninLink { link_id, key_id },
            now,
            expires_at: now + Duration::minutes(LINK_MINUTES),
        })
        .await?;
    tracing::info!(customer = %customer.id, "sign-in link sent");
    Ok(())
}

/// Signs in with a link's token: once, within its minutes. The new session's token.
pub async fn sign_in_with_link(s: &Services, token: &str) -> Result<String> {
    let now = s.clock.now();
    let customer_id = s
        .store
        .use_signin_link(&credentials::token_hash(token), now)
        .await?
        .ok_or(Error::Unauthorized)?;
    let session = credentials::new_token();
    s.store
        .create_customer_session(
            &credentials::token_hash(&session),
            &customer_id,
            now,
            now + Duration::hours(SESSION_HOURS),
        )
        .await?;
    tracing::info!(customer = %customer_id, "customer signed in");
    Ok(session)
}

/// The customer a session token names; unauthorized without a live one.
pub async fn signed_customer(s: &Services, token: &str) -> Result<CustomerAccount> {
    s.store
        .customer_session(&credentials::token_hash(token), s.clock.now())
        .await?
        .ok_or(Error::Unauthorized)
}

/// Ends a customer's session.
pub async fn sign_out(s: &Services, token: &str) -> Result<()> {
    Ok(s.store
        .delete_customer_session(&credentials::token_hash(token))
        .await?)
}

/// Sets the language of the customer's page and mails (one of the thirteen).
pub async fn set_language(s: &Services, customer: &CustomerAccount, tag: &str) -> Result<()> {
    let lang = crate::i18n::Lang::find(tag)
        .ok_or_else(|| Error::Invalid(format!("{tag:?} is not a language we speak")))?;
    Ok(s.store
        .set_customer_language(&customer.id, lang.tag())
        .await?)
}

/// The customer's orders, newest first.
pub async fn orders(s: &Services, customer: &CustomerAccount) -> Result<Vec<Order>> {
    Ok(s.store.customer_orders(&customer.id).await?)
}

/// One of the customer's orders with its shipments.
pub async fn order(
    s: &Services,
    customer: &CustomerAccount,
    order_id: &str,
) -> Result<(Order, Vec<Shipment>)> {
    Ok(s.store
        .customer_order(&customer.id, order_id, s.clock.now())
        .await?)
}

/// The customer as the audit names them.
fn actor(customer: &CustomerAccount) -> AgentInfo {
    AgentInfo {
        id: customer.id.clone(),
        username: format!("customer:{}", customer.id),
        name: customer.name.clone(),
        role: Role::Customer,
    }
}

/// A code read back for its owner (rule 8.1).
pub struct Code {
    pub shipment_id: String,
    /// The six digits: shown to the customer who owns the shipment, nowhere else.
    pub digits: crate::secrets::Code,
    pub expires_at: DateTime<Utc>,
    pub delivery_tz: String,
}

/// What reading a code back gave.
pub enum ReadBack {
    Code(Code),
    /// No active password: none at all, or locked, expired or retired.
    NotActive(Option<PasswordState>),
}

/// Reads a shipment's active code back for the customer who owns it, audited, at most
/// [`READ_BACKS_PER_WINDOW`] times per window (rule 8.1).
pub async fn read_back(
    s: &Services,
    customer: &CustomerAccount,
    shipment_id: &str,
) -> Result<ReadBack> {
    let now = s.clock.now();
    let keys = s.keys()?;
    throttle(
        s,
        &format!("read-back:{}", customer.id),
        READ_BACKS_PER_WINDOW,
        now,
    )
    .await?;
    match s
        .store
        .read_back(&actor(customer), shipment_id, now)
        .await?
    {
        crate::store::ReadBack::Code {
            generation,
            expires_at,
            delivery_tz,
            code,
        } => {
            let digits = keys
                .open(shipment_id, generation, &code)
                .map_err(Error::Internal)?;
            Ok(ReadBack::Code(Code {
                shipment_id: shipment_id.to_string(),
                digits,
                expires_at,
                delivery_tz,
            }))
        }
        crate::store::ReadBack::NotActive(state) => Ok(ReadBack::NotActive(state)),
    }
}

/// The customer's trusted recipients.
pub async fn trusted(s: &Services, customer: &CustomerAccount) -> Result<Vec<TrustedRecipient>> {
    Ok(s.store.trusted_recipients(&customer.id).await?)
}

/// Adds a trusted recipient (rule 8.2): a name as free text (rule 4.5) and an e-mail address;
/// the account e-mail is told.
pub async fn add_trusted(
    s: &Services,
    customer: &CustomerAccount,
    name: &str,
    address: &str,
) -> Result<TrustedRecipient> {
    crate::text::check("the name", name, true, MAX_NAME_CHARS)?;
    let address = email(address)?;
    Ok(s.store
        .add_trusted_recipient(
            &customer.id,
            name.trim(),
            address,
            MAX_TRUSTED,
            s.clock.now(),
        )
        .await?)
}

/// Removes one of the customer's trusted recipients.
pub async fn remove_trusted(
    s: &Services,
    customer: &CustomerAccount,
    recipient_id: &str,
) -> Result<TrustedRecipient> {
    Ok(s.store
        .remove_trusted_recipient(&customer.id, recipient_id, s.clock.now())
        .await?)
}

/// Longest message a customer may write (rule 4.5).
pub const MAX_NOTE_CHARS: usize = 4000;

/// When a callback the customer asks for is due.
pub enum When {
    /// Within minutes.
    Asap,
    /// At this time of day in the customer's zone ([`zone`]).
    At(chrono::NaiveDateTime),
}

/// How the customer wants to be answered.
pub enum Contact {
    Email,
    Callback {
        phone_id: String,
        when: When,
    },
    /// Live chat with a person (rule 8.3).
    Chat,
}

/// What the contact form sends (rule 8.3).
pub struct Help {
    /// `category/option` (see [`crate::topics`]).
    pub topic: String,
    pub order_id: Option<String>,
    pub note: String,
    pub contact: Contact,
}

/// Why a request for help was refused, field by field, for the form to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpRefusal {
    Topic,
    Note,
    Time,
    Phone,
}

/// The customer's phones, as the form offers them.
pub async fn phones(
    s: &Services,
    customer: &CustomerAccount,
) -> Result<Vec<sportello_protocol::ContactPoint>> {
    Ok(s.store.customer_phones(&customer.id).await?)
}

/// The time zone the customer's times are told in (their latest delivery's, else Rome's).
pub async fn zone(s: &Services, customer: &CustomerAccount) -> Result<chrono_tz::Tz> {
    let zone = s.store.customer_zone(&customer.id).await?;
    Ok(zone
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::Europe::Rome))
}

/// Opens a ticket from the contact form (rule 8.3), with its callback when one is asked for;
/// agents see it in their queues through the feed. `Ok(Err(_))` names the field at fault.
pub async fn ask_for_help(
    s: &Services,
    customer: &CustomerAccount,
    help: &Help,
) -> Result<std::result::Result<sportello_protocol::Ticket, HelpRefusal>> {
    use sportello_protocol::Channel;
    let Some((category, option)) = crate::topics::parse(&help.topic) else {
        return Ok(Err(HelpRefusal::Topic));
    };
    if crate::text::check("the message", &help.note, true, MAX_NOTE_CHARS).is_err() {
        return Ok(Err(HelpRefusal::Note));
    }
    let now = s.clock.now();
    let (channel, callback) = match &help.contact {
        Contact::Email => (Channel::Email, None),
        Contact::Chat => (Channel::LiveChat, None),
        Contact::Callback { phone_id, when } => {
            let at = match when {
                When::Asap => None,
                When::At(local) => {
                    let tz = zone(s, customer).await?;
                    match local.and_local_timezone(tz).earliest() {
                        Some(at) => Some(at.with_timezone(&Utc)),
                        None => return Ok(Err(HelpRefusal::Time)),
                    }
                }
            };
            let Ok(due) = crate::callback::due_at(at, at.is_none(), now) else {
                return Ok(Err(HelpRefusal::Time));
            };
            (Channel::PhoneCallback, Some((phone_id.as_str(), due)))
        }
    };
    // Agents read the subject in the language they work in.
    let subject = crate::i18n::Lang::of("en").t(&crate::topics::message_id(category, option));
    let opened = s
        .store
        .open_request(crate::store::NewRequest {
            customer_id: &customer.id,
            order_id: help.order_id.as_deref().filter(|o| !o.is_empty()),
            category,
            subject: &subject,
            note: help.note.trim(),
            channel,
            callback,
            now,
        })
        .await;
    match opened {
        Ok(ticket) => {
            tracing::info!(ticket = %ticket.id, customer = %customer.id, "request opened");
            Ok(Ok(ticket))
        }
        Err(crate::store::StoreError::Invalid(detail)) if detail.starts_with("phone") => {
            Ok(Err(HelpRefusal::Phone))
        }
        Err(e) => Err(e.into()),
    }
}

/// The customer's requests, newest first.
pub async fn requests(
    s: &Services,
    customer: &CustomerAccount,
) -> Result<Vec<sportello_protocol::Ticket>> {
    Ok(s.store.customer_tickets(&customer.id).await?)
}

/// One of the customer's requests, internal notes left out.
pub async fn request(
    s: &Services,
    customer: &CustomerAccount,
    ticket_id: &str,
) -> Result<sportello_protocol::Ticket> {
    let mut ticket = s.store.customer_ticket(&customer.id, ticket_id).await?;
    ticket
        .messages
        .retain(|m| m.kind != sportello_protocol::MessageKind::Note);
    Ok(ticket)
}

/// The customer's answer on one of their open requests; it reaches the agent's conversation
/// through the feed.
pub async fn answer(
    s: &Services,
    customer: &CustomerAccount,
    ticket_id: &str,
    body: &str,
) -> Result<()> {
    crate::text::check("the message", body, true, MAX_NOTE_CHARS)?;
    s.store
        .customer_answer(
            &customer.id,
            ticket_id,
            &customer.name,
            body.trim(),
            s.clock.now(),
        )
        .await?;
    Ok(())
}
