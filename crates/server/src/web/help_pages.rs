//! The pages of asking for help (rule 8.3), written with `maud` like the rest: the contact
//! form, the customer's requests, one request's conversation with its answer form, and a live
//! chat's offer of other ways when no agent answers.

use chrono_tz::Tz;
use maud::{html, Markup};
use sportello_protocol::{ContactPoint, Order, Ticket};

use super::pages::notice;
use crate::i18n::Lang;
use crate::service::customers::HelpRefusal;

/// What the contact form shows again after a refusal.
pub struct HelpForm<'a> {
    pub topic: &'a str,
    pub order: &'a str,
    pub note: &'a str,
    pub callback: bool,
    /// Live chat chosen.
    pub chat: bool,
    pub phone: &'a str,
    pub asap: bool,
    pub at: &'a str,
    /// The field at fault and what to say.
    pub problem: Option<(HelpRefusal, String)>,
}

/// The contact form (rule 8.3): what it is about (a category's options, grouped), the order,
/// the message, and how to answer (e-mail, or a callback to a number on file, as soon as
/// possible or at a time in `zone`). Plain HTML: it works without JavaScript.
pub fn help(
    lang: Lang,
    orders: &[Order],
    phones: &[ContactPoint],
    zone: &str,
    form: &HelpForm<'_>,
) -> Markup {
    let problem = |field: HelpRefusal| {
        form.problem
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, p)| p.as_str())
    };
    let callable: Vec<&ContactPoint> = phones.iter().filter(|p| !p.wrong_number).collect();
    html! {
        h1 { (lang.t("help-heading")) }
        p { (lang.t("help-intro")) }
        form id="ask-for-help" method="post" action="/customer/help" {
            div class="field" {
                label for="topic" { (lang.t("help-topic")) }
                @if let Some(p) = problem(HelpRefusal::Topic) {
                    p id="topic-problem" class="problem" role="alert" { (p) }
                }
                select id="topic" name="topic" required aria-invalid=[problem(HelpRefusal::Topic).map(|_| "true")] {
                    option value="" { "—" }
                    @for (category, options) in crate::topics::TOPICS {
                        optgroup label=(lang.t(&format!("category-{}", category.as_str()))) {
                            @for o in *options {
                                @let value = crate::topics::value(*category, o);
                                option value=(value) selected[form.topic == value] {
                                    (lang.t(&crate::topics::message_id(*category, o)))
                                }
                            }
                        }
                    }
                }
            }
            div class="field" {
                label for="order" { (lang.t("help-order")) }
                select id="order" name="order" {
                    option value="" { (lang.t("help-order-none")) }
                    @for o in orders {
                        option value=(o.id) selected[form.order == o.id] { (o.id) " · " (lang.date(&o.placed_at)) }
                    }
                }
            }
            div class="field" {
                label for="note" { (lang.t("help-note")) }
                @if let Some(p) = problem(HelpRefusal::Note) {
                    p id="note-problem" class="problem" role="alert" { (p) }
                }
                textarea id="note" name="note" rows="5" maxlength="4000" required
                    aria-invalid=[problem(HelpRefusal::Note).map(|_| "true")] { (form.note) }
            }
            fieldset {
                legend { (lang.t("help-contact")) }
                div class="choice" {
                    input type="radio" id="contact-email" name="contact" value="email" checked[!form.callback && !form.chat];
                    label for="contact-email" { (lang.t("help-contact-email")) }
                }
                div class="choice" {
                    input type="radio" id="contact-chat" name="contact" value="chat" checked[form.chat];
                    label for="contact-chat" { (lang.t("help-contact-chat")) }
                }
                @if callable.is_empty() {
                    p class="hint" { (lang.t("help-no-phone")) }
                } @else {
                    div class="choice" {
                        input type="radio" id="contact-callback" name="contact" value="callback" checked[form.callback];
                        label for="contact-callback" { (lang.t("help-contact-callback")) }
                    }
                    div class="field" {
                        label for="phone" { (lang.t("help-phone")) }
                        @if let Some(p) = problem(HelpRefusal::Phone) {
                            p class="problem" role="alert" { (p) }
                        }
                        select id="phone" name="phone" {
                            @for p in &callable {
                                option value=(p.id) selected[form.phone == p.id] { (p.label) " · " span dir="ltr" { (p.masked) } }
                            }
                        }
                    }
                    fieldset {
                        legend { (lang.t("help-when")) }
                        @if let Some(p) = problem(HelpRefusal::Time) {
                            p class="problem" role="alert" { (p) }
                        }
                        div class="choice" {
                            input type="radio" id="when-asap" name="when" value="asap" checked[form.asap];
                            label for="when-asap" { (lang.t("help-when-asap")) }
                        }
                        div class="choice" {
                            input type="radio" id="when-at" name="when" value="at" checked[!form.asap];
                            label for="when-at" { (lang.format("help-when-at", &[("zone", zone.into())])) }
                        }
                        input type="datetime-local" id="at" name="at" value=(form.at)
                            aria-label=(lang.format("help-when-at", &[("zone", zone.into())]));
                    }
                }
            }
            button type="submit" class="primary" { (lang.t("help-send")) }
        }
    }
}

/// The customer's requests, newest first.
pub fn requests(lang: Lang, tickets: &[Ticket]) -> Markup {
    html! {
        h1 { (lang.t("requests-heading")) }
        @if tickets.is_empty() {
            p { (lang.t("requests-none")) }
        }
        ul class="orders" {
            @for t in tickets {
                li {
                    h2 { a href=(format!("/customer/requests/{}", t.id)) { (t.subject) span class="visually-hidden" { " " (t.id) } } }
                    p { (lang.format("request-heading", &[("ticket", (&t.id).into())])) " · "
                        (lang.format("request-opened", &[("date", (&lang.date(&t.created_at)).into())])) }
                    p { strong { (lang.t(&format!("request-status-{}", t.status.as_str()))) }
                        " · " (lang.t(&format!("request-channel-{}", t.channel.as_str()))) }
                }
            }
        }
    }
}

/// One request: its state, callbacks, the conversation without internal notes, and the
/// answer form while it is open.
pub fn request(
    lang: Lang,
    ticket: &Ticket,
    phones: &[ContactPoint],
    zone: Tz,
    news: Option<&str>,
    problem: Option<&str>,
    offer: bool,
) -> Markup {
    let open = ticket.status != sportello_protocol::TicketStatus::Closed;
    html! {
        p { a href="/customer/requests" { (lang.t("requests-heading")) } }
        h1 { (ticket.subject) }
        p { (lang.format("request-heading", &[("ticket", (&ticket.id).into())])) " · "
            (lang.format("request-opened", &[("date", (&lang.date(&ticket.created_at)).into())])) }
        @if let Some(news) = news { (notice(news, false)) }
        // The chat's script names a new state in words from `data-*` (no reload mid-chat).
        p class="status" { strong id="request-status"
            data-open=(lang.t("request-status-open")) data-pending=(lang.t("request-status-pending"))
            { (lang.t(&format!("request-status-{}", ticket.status.as_str()))) }
            " · " (lang.t(&format!("request-channel-{}", ticket.channel.as_str()))) }
        @for c in &ticket.callbacks {
            @let phone = phones.iter().find(|p| p.id == c.phone_id).map(|p| p.masked.clone()).unwrap_or_default();
            p class="callback" {
                (lang.format("request-callback", &[
                    ("phone", (&phone).into()),
                    ("time", (&format!("{} ({})", lang.datetime(&c.due_at.with_timezone(&zone)), zone.name())).into()),
                ]))
                " · " (lang.t(&format!("request-callback-{}", c.state.as_str())))
            }
        }
        @let chat = ticket.channel == sportello_protocol::Channel::LiveChat && open;
        @if chat {
            h2 { (lang.t("chat-heading")) }
            @if ticket.status == sportello_protocol::TicketStatus::New {
                p id="chat-waiting" role="status" { (lang.t("chat-waiting")) }
            }
            (chat_offer(lang, ticket, phones, offer))
            noscript { p class="hint" { (lang.t("chat-no-script")) } }
        }
        ol class="conversation" id="conversation" aria-live=[chat.then_some("polite")]
            data-events=[chat.then(|| format!("/customer/requests/{}/events", ticket.id))]
            data-you=(lang.t("request-you")) data-seen=(ticket.messages.len()) {
            @for m in &ticket.messages {
                li class=(format!("message {}", m.kind.as_str())) {
                    p class="who" {
                        strong { @if m.kind == sportello_protocol::MessageKind::Customer { (lang.t("request-you")) } @else { (m.author) } }
                        " · " time datetime=(m.at.to_rfc3339()) { (lang.datetime(&m.at.with_timezone(&zone))) }
                    }
                    p class="body" { (m.body) }
                }
            }
        }
        @if chat {
            // Shown by the chat's script while an agent types (`{name}` is theirs).
            p id="chat-typing" class="hint" role="status" hidden
                data-text=(lang.format("chat-typing", &[("name", "{name}".into())])) {}
        }
        @if open {
            form id="answer-form" method="post" action=(format!("/customer/requests/{}/messages", ticket.id))
                data-typing=[chat.then(|| format!("/customer/requests/{}/typing", ticket.id))] {
                label for="answer" { (lang.t("request-answer")) }
                @if let Some(p) = problem {
                    p id="answer-problem" class="problem" role="alert" { (p) }
                }
                textarea id="answer" name="body" rows="4" maxlength="4000" required
                    aria-invalid=[problem.map(|_| "true")] {}
                button type="submit" class="primary" { (lang.t("request-send")) }
            }
        } @else {
            p { (lang.t("request-closed")) " " a href="/customer/help" { (lang.t("help-nav")) } }
        }
    }
}

/// What a customer whose chat waits too long may choose instead: an answer by e-mail, or a
/// callback as soon as possible to a number on file. Hidden until the wait is over (the
/// page's script shows it when the server says so; without script, a reload does).
fn chat_offer(lang: Lang, ticket: &Ticket, phones: &[ContactPoint], shown: bool) -> Markup {
    let action = format!("/customer/requests/{}/switch", ticket.id);
    let callable: Vec<&ContactPoint> = phones.iter().filter(|p| !p.wrong_number).collect();
    html! {
        section id="chat-offer" hidden[!shown] aria-labelledby="chat-offer-text" {
            p id="chat-offer-text" role="alert" { (lang.t("chat-offer")) }
            form method="post" action=(action) class="inline" {
                input type="hidden" name="to" value="email";
                button type="submit" id="switch-email" { (lang.t("chat-switch-email")) }
            }
            @if !callable.is_empty() {
                form method="post" action=(action) class="inline" {
                    input type="hidden" name="to" value="callback";
                    label for="switch-phone" { (lang.t("help-phone")) }
                    select id="switch-phone" name="phone" {
                        @for p in &callable {
                            option value=(p.id) { (p.label) " · " (p.masked) }
                        }
                    }
                    button type="submit" id="switch-callback" { (lang.t("chat-switch-callback")) }
                }
            }
        }
    }
}

/// The live chat's script: new messages pushed by the server appear as they come, and a
/// message is sent without leaving the page. Every text is set as text, never as markup.
pub const CHAT_SCRIPT: &str = include_str!("chat.js");
