//! Asking for help (rule 8.3): the contact form, the customer's requests, one request's
//! conversation and the customer's answer.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::pages::HelpForm;
use super::session::Visitor;
use super::{cross_site, failure, page, pages, to_home, AppState};
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
            pages::help(
                lang,
                &orders,
                &phones,
                zone.name(),
                &HelpForm {
                    topic: &form.topic,
                    order: &form.order,
                    note: &form.note,
                    callback: form.contact == "callback",
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

pub(super) async fn help(State(s): State<AppState>, v: Visitor) -> Response {
    let Some(customer) = v.customer.clone() else {
        return to_home();
    };
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
    v: Visitor,
    form: Result<Form<HelpPost>, axum::extract::rejection::FormRejection>,
) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let Some(customer) = v.customer.clone() else {
        return to_home();
    };
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

pub(super) async fn requests(State(s): State<AppState>, v: Visitor) -> Response {
    let Some(customer) = &v.customer else {
        return to_home();
    };
    let lang = v.lang;
    match svc::requests(&s, customer).await {
        Ok(list) => page(
            StatusCode::OK,
            &v,
            lang,
            &lang.t("requests-heading"),
            pages::requests(lang, &list),
        ),
        Err(e) => failure(&v, e),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct RequestQuery {
    sent: Option<String>,
    answered: Option<String>,
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
            pages::request(
                lang,
                &ticket,
                &phones,
                zone,
                news.as_deref(),
                problem.as_deref(),
            ),
        ),
        Err(e) => failure(v, e),
    }
}

pub(super) async fn request(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<String>,
    Query(q): Query<RequestQuery>,
) -> Response {
    let Some(customer) = v.customer.clone() else {
        return to_home();
    };
    let lang = v.lang;
    let news = if q.sent.is_some() {
        Some(lang.t("request-sent"))
    } else if q.answered.is_some() {
        Some(lang.t("request-answered"))
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
    v: Visitor,
    Path(id): Path<String>,
    form: Result<Form<AnswerPost>, axum::extract::rejection::FormRejection>,
) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let Some(customer) = v.customer.clone() else {
        return to_home();
    };
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
