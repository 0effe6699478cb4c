//! Asking for help (rule 8.3): the contact form, the customer's requests, one request's
//! conversation and the customer's answer.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;
use serde::Deserialize;

use super::help_pages::{self, HelpForm};
use super::session::{Signed, Visitor};
use super::{failure, page, AppState};
use crate::service::chat;
use crate::service::customers as svc;
use crate::service::customers::{Contact, Help, HelpRefusal, When};
use crate::service::Error;

/// What the contact form posts.
#[derive(Deserialize, Default)]
pub(super) struct HelpPost {
    #[serde(default)]
    topic: String,
    #[serde(default)]
    order: String,
    #[serde(default)]
    note: String,
    /// `email` or `callback`.
    #[serde(default)]
    contact: String,
    #[serde(default)]
    phone: String,
    /// `asap` or `at`.
    #[serde(default)]
    when: String,
    /// `YYYY-MM-DDTHH:MM`, in the customer's zone.
    #[serde(default)]
    at: String,
}

/// The contact form, empty or as posted, with what was wrong.
async fn help_page(
    s: &AppState,
    v: &Visitor,
    customer: &crate::store::CustomerAccount,
    status: StatusCode,
    form: &HelpPost,
    problem: Option<(HelpRefusal, String)>,
) -> Response {
    let lang = v.lang;
    let loaded = async {
        Ok::<_, Error>((
            svc::orders(s, customer).await?,
            svc::phones(s, customer).await?,
            svc::zone(s, customer).await?,
        ))
    };
    match loaded.await {
        Ok((orders, phones, zone)) => page(
            status,
            v,
            lang,
            &lang.t("help-heading"),
            help_pages::help(
                lang,
                &orders,
                &phones,
                zone.name(),
                &HelpForm {
                    topic: &form.topic,
                    order: &form.order,
                    note: &form.note,
                    callback: form.contact == "callback",
                    chat: form.contact == "chat",
                    phone: &form.phone,
                    asap: form.when != "at",
                    at: &form.at,
                    problem,
                },
            ),
        ),
        Err(e) => failure(v, e),
    }
}

pub(super) async fn help(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
) -> Response {
    help_page(
        &s,
        &v,
        &customer,
        StatusCode::OK,
        &HelpPost::default(),
        None,
    )
    .await
}

pub(super) async fn ask_for_help(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    form: Result<Form<HelpPost>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = v.lang;
    let form = form.map(|f| f.0).unwrap_or_default();
    let contact = match form.contact.as_str() {
        "callback" => {
            let when = if form.when == "at" {
                match chrono::NaiveDateTime::parse_from_str(&form.at, "%Y-%m-%dT%H:%M") {
                    Ok(at) => When::At(at),
                    Err(_) => {
                        let problem = (HelpRefusal::Time, lang.t("help-invalid-time"));
                        return help_page(
                            &s,
                            &v,
                            &customer,
                            StatusCode::BAD_REQUEST,
                            &form,
                            Some(problem),
                        )
                        .await;
                    }
                }
            } else {
                When::Asap
            };
            Contact::Callback {
                phone_id: form.phone.clone(),
                when,
            }
        }
        "chat" => Contact::Chat,
        _ => Contact::Email,
    };
    let help = Help {
        topic: form.topic.clone(),
        order_id: Some(form.order.clone()),
        note: form.note.clone(),
        contact,
    };
    match svc::ask_for_help(&s, &customer, &help).await {
        Ok(Ok(ticket)) => {
            Redirect::to(&format!("/customer/requests/{}?sent=1", ticket.id)).into_response()
        }
        Ok(Err(refusal)) => {
            let text = lang.t(match refusal {
                HelpRefusal::Topic => "help-invalid-topic",
                HelpRefusal::Note => "help-invalid-note",
                HelpRefusal::Time => "help-invalid-time",
                HelpRefusal::Phone => "help-invalid-phone",
            });
            help_page(
                &s,
                &v,
                &customer,
                StatusCode::BAD_REQUEST,
                &form,
                Some((refusal, text)),
            )
            .await
        }
        // An order that is not the customer's is not found, like any other's.
        Err(Error::Invalid(_)) => failure(&v, Error::NotFound(form.order.clone())),
        Err(e) => failure(&v, e),
    }
}

pub(super) async fn requests(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
) -> Response {
    let customer = &customer;
    let lang = v.lang;
    match svc::requests(&s, customer).await {
        Ok(list) => page(
            StatusCode::OK,
            &v,
            lang,
            &lang.t("requests-heading"),
            help_pages::requests(lang, &list),
        ),
        Err(e) => failure(&v, e),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct RequestQuery {
    sent: Option<String>,
    answered: Option<String>,
    switched: Option<String>,
}

/// A request's page, with what just happened or what was wrong.
async fn request_page(
    s: &AppState,
    v: &Visitor,
    customer: &crate::store::CustomerAccount,
    id: &str,
    status: StatusCode,
    news: Option<String>,
    problem: Option<String>,
) -> Response {
    let lang = v.lang;
    let loaded = async {
        Ok::<_, Error>((
            svc::request(s, customer, id).await?,
            svc::phones(s, customer).await?,
            svc::zone(s, customer).await?,
        ))
    };
    match loaded.await {
        Ok((ticket, phones, zone)) => page(
            status,
            v,
            lang,
            &ticket.subject,
            help_pages::request(
                lang,
                &ticket,
                &phones,
                zone,
                news.as_deref(),
                problem.as_deref(),
                waited_too_long(s, &ticket),
            ),
        ),
        Err(e) => failure(v, e),
    }
}

pub(super) async fn request(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Path(id): Path<String>,
    Query(q): Query<RequestQuery>,
) -> Response {
    let lang = v.lang;
    let news = if q.sent.is_some() {
        Some(lang.t("request-sent"))
    } else if q.answered.is_some() {
        Some(lang.t("request-answered"))
    } else if q.switched.is_some() {
        Some(lang.t("chat-switched"))
    } else {
        None
    };
    request_page(&s, &v, &customer, &id, StatusCode::OK, news, None).await
}

#[derive(Deserialize, Default)]
pub(super) struct AnswerPost {
    #[serde(default)]
    body: String,
}

pub(super) async fn answer(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Path(id): Path<String>,
    form: Result<Form<AnswerPost>, axum::extract::rejection::FormRejection>,
) -> Response {
    let lang = v.lang;
    let body = form.map(|f| f.0.body).unwrap_or_default();
    match svc::answer(&s, &customer, &id, &body).await {
        Ok(()) => Redirect::to(&format!("/customer/requests/{id}?answered=1")).into_response(),
        Err(Error::Invalid(_)) => {
            let problem = Some(lang.t("help-invalid-note"));
            request_page(
                &s,
                &v,
                &customer,
                &id,
                StatusCode::BAD_REQUEST,
                None,
                problem,
            )
            .await
        }
        Err(Error::Conflict { .. }) => {
            let problem = Some(lang.t("request-closed"));
            request_page(&s, &v, &customer, &id, StatusCode::CONFLICT, None, problem).await
        }
        Err(e) => failure(&v, e),
    }
}

/// Whether a chat has waited for an agent long enough to offer the alternatives.
fn waited_too_long(s: &AppState, ticket: &sportello_protocol::Ticket) -> bool {
    ticket.channel == sportello_protocol::Channel::LiveChat
        && ticket.status == sportello_protocol::TicketStatus::New
        && s.clock.now() - ticket.created_at >= Duration::minutes(chat::CHAT_WAIT_MINUTES)
}

#[derive(Deserialize, Default)]
pub(super) struct EventsQuery {
    /// Messages the page already shows.
    #[serde(default)]
    seen: usize,
}

/// The request's events for the chat's script (server-sent events): `message` for each new
/// message the customer may read, `changed` when its state or channel changes, `offer` when a
/// chat has waited too long. Resumes after `Last-Event-ID` (the messages seen).
pub(super) async fn events(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Path(id): Path<String>,
    Query(q): Query<EventsQuery>,
    headers: axum::http::HeaderMap,
) -> Response {
    let seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(q.seen);
    let follow = match chat::follow_request(&s, &customer, &id, seen).await {
        Ok(follow) => follow,
        Err(e) => return failure(&v, e),
    };
    let lang = v.lang;
    let zone = svc::zone(&s, &customer)
        .await
        .unwrap_or(chrono_tz::Europe::Rome);
    let events =
        futures::stream::unfold((follow, seen), move |(mut follow, mut seen)| async move {
            let event = match follow.next().await? {
                chat::Heard::Message(m) => {
                    seen += 1;
                    let data = serde_json::json!({
                        "kind": m.kind.as_str(),
                        "author": m.author,
                        "at": lang.datetime(&m.at.with_timezone(&zone)),
                        "body": m.body,
                    });
                    Event::default()
                        .event("message")
                        .id(seen.to_string())
                        .data(data.to_string())
                }
                chat::Heard::Changed(t) => {
                    Event::default().event("changed").data(t.status.as_str())
                }
                chat::Heard::Offer => Event::default().event("offer").data(""),
                chat::Heard::Typing(name) => Event::default().event("typing").data(name),
            };
            Some((Ok::<_, std::convert::Infallible>(event), (follow, seen)))
        });
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(std::time::Duration::from_secs(15)))
        .into_response()
}

/// The chat's script says the customer is typing (at most every few seconds): 204, or the
/// request's refusal.
pub(super) async fn typing(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Path(id): Path<String>,
) -> Response {
    match chat::customer_typing(&s, &customer, &id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => failure(&v, e),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct SwitchPost {
    /// `email` or `callback`.
    #[serde(default)]
    to: String,
    #[serde(default)]
    phone: String,
}

/// A waiting chat continues by e-mail or as a callback.
pub(super) async fn switch(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Path(id): Path<String>,
    form: Result<Form<SwitchPost>, axum::extract::rejection::FormRejection>,
) -> Response {
    let form = form.map(|f| f.0).unwrap_or_default();
    let phone = (form.to == "callback").then_some(form.phone.as_str());
    match chat::switch_chat(&s, &customer, &id, phone).await {
        Ok(()) => Redirect::to(&format!("/customer/requests/{id}?switched=1")).into_response(),
        Err(Error::Conflict { .. } | Error::Invalid(_)) => {
            let problem = Some(v.lang.t("help-invalid-phone"));
            request_page(&s, &v, &customer, &id, StatusCode::CONFLICT, None, problem).await
        }
        Err(e) => failure(&v, e),
    }
}
