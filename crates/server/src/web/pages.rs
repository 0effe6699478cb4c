//! The customer page's HTML, written with `maud` (every value escaped): the frame (skip link,
//! header, language choice), sign-in, my orders, an order with its shipments, tracking and
//! password, and the trusted recipients. Plain forms and links: it works without JavaScript,
//! on a phone-sized screen and with the keyboard alone; every field has its label, errors are
//! announced (`role=alert`) and tied to their field.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{html, Markup, DOCTYPE};
use sportello_protocol::{Order, PasswordState, Shipment};

use crate::i18n::Lang;
use crate::service::customers::Code;
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
                script src="/customer/chat.js" defer {}
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
pub const STYLE: &str = include_str!("style.css");

#[cfg(test)]
mod tests {
    /// A colour variable of the stylesheet, as red, green and blue in 0..=1.
    fn colour(name: &str) -> [f64; 3] {
        let start = super::STYLE
            .find(&format!("--{name}: #"))
            .unwrap_or_else(|| panic!("--{name} is in the stylesheet"));
        let hex = &super::STYLE[start + name.len() + 5..start + name.len() + 11];
        [0, 2, 4].map(|i| f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0)
    }

    /// WCAG 2 relative luminance.
    fn luminance([r, g, b]: [f64; 3]) -> f64 {
        let lin = |c: f64| {
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_text_colour_meets_wcag_aa_on_every_background() {
        for text in ["ink", "muted", "accent", "bad"] {
            for background in ["paper", "soft"] {
                let ratio = contrast(colour(text), colour(background));
                assert!(ratio >= 4.5, "--{text} on --{background}: {ratio:.2}:1");
            }
        }
        // The primary button's white text on its accent.
        let ratio = contrast([1.0, 1.0, 1.0], colour("accent"));
        assert!(ratio >= 4.5, "white on --accent: {ratio:.2}:1");
    }
}
