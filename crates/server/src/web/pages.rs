//! The customer page's HTML, written with `maud` (every value escaped): the frame (skip link,
//! header, language choice), sign-in, my orders, an order with its shipments, tracking and
//! password, and the trusted recipients. Plain forms and links: it works without JavaScript,
//! on a phone-sized screen and with the keyboard alone; every field has its label, errors are
//! announced (`role=alert`) and tied to their field.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{html, Markup, DOCTYPE};
use sportello_protocol::{ContactPoint, Order, PasswordState, Shipment, Ticket};

use crate::i18n::Lang;
use crate::service::customers::{Code, HelpRefusal};
use crate::store::{CustomerAccount, TrustedRecipient};

/// A page: its frame around `main`.
pub fn frame(lang: Lang, customer: Option<&CustomerAccount>, title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) dir=(lang.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (lang.t("page-title")) }
                link rel="stylesheet" href="/customer/style.css";
            }
            body {
                a class="skip" href="#main" { (lang.t("page-skip")) }
                header {
                    a class="brand" href="/customer" { "Sportello" }
                    @if let Some(c) = customer {
                        nav aria-label=(lang.t("page-title")) {
                            a href="/customer" { (lang.t("orders-heading")) }
                            a href="/customer/trusted" { (lang.t("trusted-heading")) }
                            a href="/customer/requests" { (lang.t("requests-nav")) }
                            a href="/customer/help" { (lang.t("help-nav")) }
                        }
                        p class="who" { (lang.format("page-signed-in-as", &[("name", (&c.name).into())])) }
                        form method="post" action="/customer/signout" {
                            button type="submit" { (lang.t("page-sign-out")) }
                        }
                    }
                }
                main id="main" tabindex="-1" { (main) }
                footer {
                    form method="post" action="/customer/language" class="language" {
                        label for="lang" { (lang.t("page-language")) }
                        select id="lang" name="lang" {
                            @for l in Lang::all() {
                                option value=(l.tag()) lang=(l.tag()) selected[l == lang] {
                                    (l.t("language-name"))
                                }
                            }
                        }
                        button type="submit" { (lang.t("page-change-language")) }
                    }
                    p { (lang.t("page-footer")) }
                }
            }
        }
    }
}

/// A notice at the top of a page: `role=status` for news, `role=alert` for a problem.
pub fn notice(text: &str, alert: bool) -> Markup {
    html! {
        @if alert {
            p class="notice problem" role="alert" { (text) }
        } @else {
            p class="notice" role="status" { (text) }
        }
    }
}

/// The sign-in form, with a problem to show beside the field.
pub fn sign_in(lang: Lang, problem: Option<&str>) -> Markup {
    html! {
        h1 { (lang.t("signin-heading")) }
        p id="signin-intro" { (lang.t("signin-intro")) }
        form method="post" action="/customer/signin" {
            label for="email" { (lang.t("signin-email")) }
            @if let Some(p) = problem {
                p id="email-problem" class="problem" role="alert" { (p) }
                input id="email" name="email" type="email" autocomplete="email" required
                    aria-invalid="true" aria-describedby="signin-intro email-problem";
            } @else {
                input id="email" name="email" type="email" autocomplete="email" required
                    aria-describedby="signin-intro";
            }
            button type="submit" { (lang.t("signin-send")) }
        }
    }
}

/// "Check your e-mail".
pub fn link_sent(lang: Lang) -> Markup {
    html! {
        h1 { (lang.t("signin-sent-heading")) }
        p role="status" { (lang.t("signin-sent")) }
        p { a href="/customer" { (lang.t("signin-again")) } }
    }
}

/// The page a sign-in link opens: one button that uses the link (a mail scanner that fetches
/// the link does not use it up).
pub fn confirm_link(lang: Lang, token: &str) -> Markup {
    html! {
        h1 { (lang.t("signin-heading")) }
        form method="post" action=(format!("/customer/signin/{token}")) {
            button type="submit" class="primary" { (lang.t("signin-heading")) }
        }
    }
}

/// A link that cannot sign in, with the form for a new one.
pub fn link_invalid(lang: Lang) -> Markup {
    html! {
        h1 { (lang.t("signin-link-invalid-heading")) }
        p role="alert" { (lang.t("signin-link-invalid")) }
        (sign_in(lang, None))
    }
}

/// My orders.
pub fn orders(lang: Lang, orders: &[Order]) -> Markup {
    html! {
        h1 { (lang.t("orders-heading")) }
        @if orders.is_empty() {
            p { (lang.t("orders-none")) }
        }
        ul class="orders" {
            @for o in orders {
                li {
                    h2 { (lang.format("order-heading", &[("order", (&o.id).into())])) }
                    p { (lang.format("order-placed", &[("date", (&lang.date(&o.placed_at)).into())])) }
                    p { (lang.format("order-total", &[("amount", (&lang.money(&o.total, &o.currency)).into())])) }
                    p { (lang.format("order-shipments", &[("count", (o.shipment_ids.len() as i64).into())])) }
                    a href=(format!("/customer/orders/{}", o.id)) {
                        (lang.t("order-open"))
                        span class="visually-hidden" { " " (o.id) }
                    }
                }
            }
        }
    }
}

/// What the password part of a shipment shows.
pub enum CodeView<'a> {
    /// The code, read back just now.
    Shown(&'a Code),
    /// Read back too often: again after this instant.
    TooMany { count: u32, again: DateTime<Utc> },
}

/// An order with its items and each shipment's tracking and password; `code` applies to the
/// shipment it names.
pub fn order(
    lang: Lang,
    order: &Order,
    shipments: &[Shipment],
    code: Option<(&str, CodeView<'_>)>,
) -> Markup {
    html! {
        p { a href="/customer" { (lang.t("order-back")) } }
        h1 { (lang.format("order-heading", &[("order", (&order.id).into())])) }
        p { (lang.format("order-placed", &[("date", (&lang.date(&order.placed_at)).into())])) }
        h2 { (lang.t("order-items")) }
        ul class="items" {
            @for item in &order.items {
                li {
                    span class="title" { (item.title) }
                    " · " (lang.format("order-item-quantity", &[("quantity", i64::from(item.quantity).into())]))
                    " · " (lang.money(&item.price, &order.currency))
                }
            }
        }
        p { (lang.format("order-total", &[("amount", (&lang.money(&order.total, &order.currency)).into())])) }
        @if shipments.is_empty() {
            p { (lang.format("order-shipments", &[("count", 0.into())])) }
        }
        @for s in shipments {
            @let view = code.as_ref().filter(|(id, _)| *id == s.id).map(|(_, v)| v);
            (shipment(lang, &order.id, s, view))
        }
    }
}

fn shipment(lang: Lang, order_id: &str, s: &Shipment, code: Option<&CodeView<'_>>) -> Markup {
    let tz: Tz = s.delivery_tz.parse().unwrap_or(chrono_tz::UTC);
    let heading_id = format!("shipment-{}", s.id);
    html! {
        section class="shipment" aria-labelledby=(heading_id) {
            h2 id=(heading_id) { (lang.format("shipment-heading", &[("shipment", (&s.id).into())])) }
            p class="status" { strong { (lang.t(&format!("status-{}", s.status.as_str()))) } }
            p { (lang.format("shipment-carrier", &[("carrier", (&s.carrier).into()), ("tracking", (&s.tracking_number).into())])) }
            p { (lang.format("shipment-delivery-date", &[("date", (&lang.date(&s.delivery_date.and_hms_opt(12, 0, 0).expect("noon exists").and_utc())).into())])) }
            h3 { (lang.t("shipment-timeline")) }
            ol class="timeline" {
                @for e in s.events.iter().rev() {
                    li {
                        time datetime=(e.at.to_rfc3339()) { (lang.datetime(&e.at.with_timezone(&tz))) }
                        " · " (lang.t(&format!("status-{}", e.kind.as_str())))
                        @if let Some(place) = &e.location { " · " (place) }
                    }
                }
            }
            (password(lang, order_id, s, code))
        }
    }
}

fn password(lang: Lang, order_id: &str, s: &Shipment, code: Option<&CodeView<'_>>) -> Markup {
    let Some(status) = &s.password else {
        return html! { p { (lang.t("code-none")) } };
    };
    let tz: Tz = s.delivery_tz.parse().unwrap_or(chrono_tz::UTC);
    let heading_id = format!("code-{}", s.id);
    html! {
        div class="password" role="group" aria-labelledby=(heading_id) {
            h3 id=(heading_id) { (lang.t("code-heading")) }
            @match (status.state, code) {
                (_, Some(CodeView::Shown(code))) => {
                    p { (lang.t("code-intro")) }
                    p class="code" dir="ltr" data-code=(s.id) { (code.digits.reveal()) }
                    p { (lang.format("code-valid-until", &[
                        ("time", (&lang.datetime(&code.expires_at.with_timezone(&tz))).into()),
                        ("zone", (&code.delivery_tz).into()),
                    ])) }
                    p class="warning" { strong { (lang.t("code-never-tell")) } }
                }
                (_, Some(CodeView::TooMany { count, again })) => {
                    p class="problem" role="alert" { (lang.format("code-too-many", &[
                        ("count", i64::from(*count).into()),
                        ("time", (&format!("{} ({})", lang.datetime(&again.with_timezone(&tz)), s.delivery_tz)).into()),
                    ])) }
                }
                (PasswordState::Active, _) => {
                    p class="warning" { (lang.t("code-never-tell")) }
                    form method="post" action=(format!("/customer/orders/{order_id}/shipments/{}/code", s.id)) {
                        button type="submit" class="primary" { (lang.t("code-show")) }
                    }
                    p class="hint" { (lang.t("code-shown-note")) }
                }
                (PasswordState::Locked, _) => { p { (lang.t("code-locked")) } }
                (PasswordState::Expired, _) => { p { (lang.t("code-expired")) } }
                (PasswordState::Retired, _) => { p { (lang.t("code-retired")) } }
            }
        }
    }
}

/// What the trusted recipients' form shows after a post.
pub struct TrustedForm<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub problem: Option<(&'static str, String)>,
}

/// The trusted recipients with the form to add one; `news` says what just happened.
pub fn trusted(
    lang: Lang,
    recipients: &[TrustedRecipient],
    news: Option<&str>,
    form: &TrustedForm<'_>,
) -> Markup {
    let problem_for = |field: &str| {
        form.problem
            .as_ref()
            .filter(|(f, _)| *f == field)
            .map(|(_, p)| p.as_str())
    };
    html! {
        h1 { (lang.t("trusted-heading")) }
        p { (lang.t("trusted-intro")) }
        @if let Some(news) = news { (notice(news, false)) }
        @if let Some(p) = problem_for("list") { (notice(p, true)) }
        @if recipients.is_empty() {
            p { (lang.t("trusted-none")) }
        } @else {
            ul class="recipients" {
                @for r in recipients {
                    li {
                        span class="name" { (r.name) } " · " span dir="ltr" { (r.email) }
                        form method="post" action=(format!("/customer/trusted/{}/remove", r.id)) class="inline" {
                            button type="submit" { (lang.format("trusted-remove", &[("name", (&r.name).into())])) }
                        }
                    }
                }
            }
        }
        h2 { (lang.t("trusted-add")) }
        form id="add-trusted" method="post" action="/customer/trusted" {
            (field(lang, "name", "trusted-name", "text", "name", form.name, problem_for("name")))
            (field(lang, "email", "trusted-email", "email", "email", form.email, problem_for("email")))
            button type="submit" { (lang.t("trusted-add")) }
        }
    }
}

/// A labelled input, its problem announced and tied to it.
fn field(
    lang: Lang,
    name: &str,
    label: &str,
    kind: &str,
    autocomplete: &str,
    value: &str,
    problem: Option<&str>,
) -> Markup {
    let id = format!("field-{name}");
    let problem_id = format!("{id}-problem");
    html! {
        div class="field" {
            label for=(id) { (lang.t(label)) }
            @if let Some(p) = problem {
                p id=(problem_id) class="problem" role="alert" { (p) }
                input id=(id) name=(name) type=(kind) autocomplete=(autocomplete) value=(value)
                    required aria-invalid="true" aria-describedby=(problem_id);
            } @else {
                input id=(id) name=(name) type=(kind) autocomplete=(autocomplete) value=(value) required;
            }
        }
    }
}

/// What the contact form shows again after a refusal.
pub struct HelpForm<'a> {
    pub topic: &'a str,
    pub order: &'a str,
    pub note: &'a str,
    pub callback: bool,
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
                    input type="radio" id="contact-email" name="contact" value="email" checked[!form.callback];
                    label for="contact-email" { (lang.t("help-contact-email")) }
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
) -> Markup {
    let open = ticket.status != sportello_protocol::TicketStatus::Closed;
    html! {
        p { a href="/customer/requests" { (lang.t("requests-heading")) } }
        h1 { (ticket.subject) }
        p { (lang.format("request-heading", &[("ticket", (&ticket.id).into())])) " · "
            (lang.format("request-opened", &[("date", (&lang.date(&ticket.created_at)).into())])) }
        @if let Some(news) = news { (notice(news, false)) }
        p class="status" { strong { (lang.t(&format!("request-status-{}", ticket.status.as_str()))) }
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
        ol class="conversation" {
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
        @if open {
            form method="post" action=(format!("/customer/requests/{}/messages", ticket.id)) {
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

/// An error page's body.
pub fn error(lang: Lang, text: &str) -> Markup {
    html! {
        h1 { (lang.t("error-heading")) }
        p role="alert" { (text) }
        p { a href="/customer" { (lang.t("order-back")) } }
    }
}

/// The stylesheet: readable on a phone, visible focus, AA contrast, logical properties so
/// right-to-left pages mirror.
pub const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0b57d0; --bad: #a50e0e; --line: #c7c7c7; --paper: #ffffff; --soft: #f3f6fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: var(--ink); background: var(--paper); }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 0.75rem 1rem; }
header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; border-block-end: 1px solid var(--line); }
header nav { display: flex; gap: 1rem; }
header .who { margin: 0; color: var(--muted); }
.brand { font-weight: 700; color: var(--ink); text-decoration: none; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, main:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; inset-inline-start: -100vw; }
.skip:focus { position: static; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.25rem; } h3 { font-size: 1.05rem; }
ul.orders, ul.recipients, ul.items { padding-inline-start: 0; list-style: none; }
ul.orders > li, section.shipment { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; margin-block: 0.75rem; }
ol.timeline { padding-inline-start: 1.25rem; }
ol.conversation { list-style: none; padding-inline-start: 0; }
ol.conversation li { border-inline-start: 4px solid var(--line); padding-inline-start: 0.75rem; margin-block: 0.75rem; }
ol.conversation li.customer { border-color: var(--accent); }
ol.conversation .who { margin: 0; color: var(--muted); }
ol.conversation .body { white-space: pre-wrap; margin-block: 0.25rem; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin-block: 0.75rem; }
.choice { display: flex; gap: 0.5rem; align-items: center; }
.choice input { width: auto; min-height: 24px; }
.choice label { margin: 0; font-weight: 400; }
textarea { font: inherit; padding: 0.5rem; border: 1px solid var(--muted); border-radius: 4px; width: 100%; }
.password { background: var(--soft); border-radius: 6px; padding: 0.5rem 1rem; }
.code { font: 700 2.25rem/1.2 ui-monospace, monospace; letter-spacing: 0.4em; margin: 0.25rem 0; }
.warning { color: var(--ink); }
.hint { color: var(--muted); font-size: 0.9rem; }
.problem { color: var(--bad); font-weight: 600; }
.notice { border-inline-start: 4px solid var(--accent); padding-inline-start: 0.75rem; }
.notice.problem { border-color: var(--bad); }
label { display: block; font-weight: 600; margin-block-start: 0.75rem; }
input, select { font: inherit; padding: 0.5rem; border: 1px solid var(--muted); border-radius: 4px; width: 100%; max-width: 24rem; min-height: 44px; }
select { width: auto; }
button { font: inherit; min-height: 44px; padding: 0.4rem 1rem; margin-block: 0.5rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--paper); color: var(--accent); cursor: pointer; }
button.primary { background: var(--accent); color: #ffffff; }
form.inline { display: inline; margin-inline-start: 0.5rem; }
footer { border-block-start: 1px solid var(--line); color: var(--muted); font-size: 0.9rem; }
footer .language { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
footer .language label { margin: 0; }
"#;
