//! The customer page under `/customer` (docs/product.md §8): HTML served by the same server,
//! with its own sessions (a cookie that is never an agent's bearer token). A handler only turns
//! the request into a call of `service::customers` and the result into a page, in the
//! customer's language. Every answer is `no-store` with a strict content security policy and
//! no referrer (a sign-in link's token must not leak).
//!
//! - `session.rs`: the visitor (customer, language), cookies, the same-origin check;
//! - `pages.rs`: the HTML.

mod pages;
mod session;

use axum::extract::{Form, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::Duration;
use maud::Markup;
use serde::Deserialize;

use crate::i18n::Lang;
use crate::service::customers::{self as svc, Contact, Help, HelpRefusal, ReadBack, When};
use crate::service::Error;
use crate::service::Services as AppState;
use pages::{CodeView, HelpForm, TrustedForm};
use session::Visitor;
pub use session::{LANG_COOKIE, SESSION_COOKIE};

/// The customer page's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/customer", get(home))
        .route("/customer/style.css", get(style))
        .route("/customer/signin", post(request_link))
        .route("/customer/signin/{token}", get(confirm_link).post(use_link))
        .route("/customer/signout", post(sign_out))
        .route("/customer/language", post(language))
        .route("/customer/orders/{order}", get(order))
        .route(
            "/customer/orders/{order}/shipments/{shipment}/code",
            post(read_back),
        )
        .route("/customer/trusted", get(trusted).post(add_trusted))
        .route("/customer/trusted/{id}/remove", post(remove_trusted))
        .route("/customer/help", get(help).post(ask_for_help))
        .route("/customer/requests", get(requests))
        .route("/customer/requests/{id}", get(request))
        .route("/customer/requests/{id}/messages", post(answer))
        .layer(axum::middleware::map_response(protect))
}

/// Headers on every customer answer.
async fn protect(mut response: Response) -> Response {
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, header::CACHE_CONTROL, "no-store");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
    );
    response
}

/// A full page with `status`.
fn page(status: StatusCode, v: &Visitor, lang: Lang, title: &str, main: Markup) -> Response {
    let html = pages::frame(lang, v.customer.as_ref(), title, main);
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html.into_string(),
    )
        .into_response()
}

/// Back to the page that signs in (or lists the orders).
fn to_home() -> Response {
    Redirect::to("/customer").into_response()
}

/// A refusal or failure as a page, in the visitor's language; internals are logged only.
fn failure(v: &Visitor, e: Error) -> Response {
    let lang = v.lang;
    let (status, text) = match e {
        Error::Unauthorized => return to_home(),
        Error::NotFound(_) => (StatusCode::NOT_FOUND, lang.t("error-not-found")),
        Error::Forbidden => (StatusCode::FORBIDDEN, lang.t("error-forbidden")),
        Error::Unavailable | Error::Busy { .. } => {
            (StatusCode::SERVICE_UNAVAILABLE, lang.t("error-unavailable"))
        }
        Error::Internal(cause) => {
            tracing::error!(error = %format!("{cause:#}"), "customer page failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                lang.t("error-unavailable"),
            )
        }
        other => (StatusCode::BAD_REQUEST, other.to_string()),
    };
    page(
        status,
        v,
        lang,
        &lang.t("error-heading"),
        pages::error(lang, &text),
    )
}

/// Refuses a form posted from another site.
fn cross_site(v: &Visitor) -> Option<Response> {
    (!v.same_origin).then(|| {
        let lang = v.lang;
        page(
            StatusCode::FORBIDDEN,
            v,
            lang,
            &lang.t("error-heading"),
            pages::error(lang, &lang.t("error-forbidden")),
        )
    })
}

/// When a throttle's window ends, from its `retry_after`.
fn again(s: &AppState, retry_after: u64) -> chrono::DateTime<chrono::Utc> {
    s.clock.now() + Duration::seconds(retry_after as i64)
}

async fn style() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE,
    )
        .into_response()
}

async fn home(State(s): State<AppState>, v: Visitor) -> Response {
    let lang = v.lang;
    let Some(customer) = &v.customer else {
        return page(
            StatusCode::OK,
            &v,
            lang,
            &lang.t("signin-heading"),
            pages::sign_in(lang, None),
        );
    };
    match svc::orders(&s, customer).await {
        Ok(orders) => page(
            StatusCode::OK,
            &v,
            lang,
            &lang.t("orders-heading"),
            pages::orders(lang, &orders),
        ),
        Err(e) => failure(&v, e),
    }
}

#[derive(Deserialize)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

async fn request_link(
    State(s): State<AppState>,
    v: Visitor,
    form: Result<Form<EmailForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let lang = v.lang;
    let email = form.map(|f| f.0.email).unwrap_or_default();
    let title = lang.t("signin-heading");
    match svc::request_link(&s, &email).await {
        Ok(()) => page(
            StatusCode::OK,
            &v,
            lang,
            &lang.t("signin-sent-heading"),
            pages::link_sent(lang),
        ),
        Err(Error::Invalid(_)) => page(
            StatusCode::BAD_REQUEST,
            &v,
            lang,
            &title,
            pages::sign_in(lang, Some(&lang.t("signin-invalid-email"))),
        ),
        Err(Error::Throttled { retry_after, .. }) => {
            let time = format!("{} UTC", lang.datetime(&again(&s, retry_after)));
            let text = lang.format("signin-too-many", &[("time", (&time).into())]);
            page(
                StatusCode::TOO_MANY_REQUESTS,
                &v,
                lang,
                &title,
                pages::sign_in(lang, Some(&text)),
            )
        }
        Err(e) => failure(&v, e),
    }
}

async fn confirm_link(v: Visitor, Path(token): Path<String>) -> Response {
    let lang = v.lang;
    // Only what a link of ours can hold goes back into the page's form.
    if token.is_empty()
        || token.len() > 128
        || !token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return page(
            StatusCode::NOT_FOUND,
            &v,
            lang,
            &lang.t("signin-link-invalid-heading"),
            pages::link_invalid(lang),
        );
    }
    page(
        StatusCode::OK,
        &v,
        lang,
        &lang.t("signin-heading"),
        pages::confirm_link(lang, &token),
    )
}

async fn use_link(State(s): State<AppState>, v: Visitor, Path(token): Path<String>) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let lang = v.lang;
    match svc::sign_in_with_link(&s, &token).await {
        Ok(session) => {
            // A session this browser had before ends: one customer at a time.
            if let Some(old) = &v.token {
                let _ = svc::sign_out(&s, old).await;
            }
            let secure = s.public_url.starts_with("https:");
            let cookie =
                session::set_cookie(SESSION_COOKIE, &session, svc::SESSION_HOURS * 3600, secure);
            let mut response = Redirect::to("/customer").into_response();
            response.headers_mut().insert(
                header::SET_COOKIE,
                HeaderValue::from_str(&cookie).expect("a token is a header value"),
            );
            response
        }
        Err(Error::Unauthorized) => page(
            StatusCode::GONE,
            &v,
            lang,
            &lang.t("signin-link-invalid-heading"),
            pages::link_invalid(lang),
        ),
        Err(e) => failure(&v, e),
    }
}

async fn sign_out(State(s): State<AppState>, v: Visitor) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    if let Some(token) = &v.token {
        if let Err(e) = svc::sign_out(&s, token).await {
            return failure(&v, e);
        }
    }
    let secure = s.public_url.starts_with("https:");
    let mut response = to_home();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&session::set_cookie(SESSION_COOKIE, "", 0, secure))
            .expect("a header value"),
    );
    response
}

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    lang: String,
}

async fn language(
    State(s): State<AppState>,
    v: Visitor,
    form: Result<Form<LanguageForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let tag = form.map(|f| f.0.lang).unwrap_or_default();
    let Some(lang) = Lang::find(&tag) else {
        return failure(&v, Error::Invalid(v.lang.t("error-not-found")));
    };
    if let Some(customer) = &v.customer {
        if let Err(e) = svc::set_language(&s, customer, lang.tag()).await {
            return failure(&v, e);
        }
    }
    let secure = s.public_url.starts_with("https:");
    let mut response = to_home();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&session::set_cookie(
            LANG_COOKIE,
            lang.tag(),
            365 * 24 * 3600,
            secure,
        ))
        .expect("a language tag is a header value"),
    );
    response
}

async fn order(State(s): State<AppState>, v: Visitor, Path(order_id): Path<String>) -> Response {
    let Some(customer) = &v.customer else {
        return to_home();
    };
    let lang = v.lang;
    match svc::order(&s, customer, &order_id).await {
        Ok((order, shipments)) => page(
            StatusCode::OK,
            &v,
            lang,
            &lang.format("order-heading", &[("order", (&order.id).into())]),
            pages::order(lang, &order, &shipments, None),
        ),
        Err(e) => failure(&v, e),
    }
}

async fn read_back(
    State(s): State<AppState>,
    v: Visitor,
    Path((order_id, shipment_id)): Path<(String, String)>,
) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let Some(customer) = &v.customer else {
        return to_home();
    };
    let lang = v.lang;
    let (order, shipments) = match svc::order(&s, customer, &order_id).await {
        Ok(found) => found,
        Err(e) => return failure(&v, e),
    };
    if !order.shipment_ids.contains(&shipment_id) {
        return failure(&v, Error::NotFound(shipment_id));
    }
    let read = svc::read_back(&s, customer, &shipment_id).await;
    let (status, shown);
    let view = match &read {
        Ok(ReadBack::Code(code)) => {
            (status, shown) = (StatusCode::OK, true);
            Some(CodeView::Shown(code))
        }
        // The password changed state meanwhile: the page shows what it is now.
        Ok(ReadBack::NotActive(_)) => {
            (status, shown) = (StatusCode::OK, false);
            None
        }
        Err(Error::Throttled { retry_after, .. }) => {
            (status, shown) = (StatusCode::TOO_MANY_REQUESTS, false);
            Some(CodeView::TooMany {
                count: svc::READ_BACKS_PER_WINDOW,
                again: again(&s, *retry_after),
            })
        }
        Err(_) => return failure(&v, read.err().expect("an error")),
    };
    // The shipment as it is after the read (an expiry may have happened).
    let shipments = if shown {
        shipments
    } else {
        match svc::order(&s, customer, &order_id).await {
            Ok((_, now)) => now,
            Err(e) => return failure(&v, e),
        }
    };
    page(
        status,
        &v,
        lang,
        &lang.format("order-heading", &[("order", (&order.id).into())]),
        pages::order(
            lang,
            &order,
            &shipments,
            view.map(|view| (shipment_id.as_str(), view)),
        ),
    )
}

#[derive(Deserialize, Default)]
struct TrustedQuery {
    added: Option<String>,
    removed: Option<String>,
}

async fn trusted(State(s): State<AppState>, v: Visitor, Query(q): Query<TrustedQuery>) -> Response {
    let Some(customer) = &v.customer else {
        return to_home();
    };
    let lang = v.lang;
    let news = q
        .added
        .as_ref()
        .map(|name| lang.format("trusted-added", &[("name", name.into())]))
        .or_else(|| {
            q.removed
                .as_ref()
                .map(|name| lang.format("trusted-removed", &[("name", name.into())]))
        });
    match svc::trusted(&s, customer).await {
        Ok(list) => page(
            StatusCode::OK,
            &v,
            lang,
            &lang.t("trusted-heading"),
            pages::trusted(
                lang,
                &list,
                news.as_deref(),
                &TrustedForm {
                    name: "",
                    email: "",
                    problem: None,
                },
            ),
        ),
        Err(e) => failure(&v, e),
    }
}

#[derive(Deserialize)]
struct TrustedAdd {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
}

/// `?added=NAME` (or `removed`), encoded for a query.
fn news_query(key: &str, name: &str) -> String {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("/customer/trusted?{key}={encoded}")
}

async fn add_trusted(
    State(s): State<AppState>,
    v: Visitor,
    form: Result<Form<TrustedAdd>, axum::extract::rejection::FormRejection>,
) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let Some(customer) = &v.customer else {
        return to_home();
    };
    let lang = v.lang;
    let form = form.map(|f| f.0).unwrap_or(TrustedAdd {
        name: String::new(),
        email: String::new(),
    });
    let problem = match svc::add_trusted(&s, customer, &form.name, &form.email).await {
        Ok(added) => return Redirect::to(&news_query("added", &added.name)).into_response(),
        Err(Error::Invalid(detail)) if detail.contains("trusted recipients") => (
            "list",
            lang.format(
                "trusted-too-many",
                &[("max", i64::from(svc::MAX_TRUSTED).into())],
            ),
        ),
        Err(Error::Invalid(detail)) if detail.contains("e-mail") => {
            ("email", lang.t("trusted-invalid-email"))
        }
        Err(Error::Invalid(_)) => ("name", lang.t("trusted-invalid-name")),
        Err(e) => return failure(&v, e),
    };
    match svc::trusted(&s, customer).await {
        Ok(list) => page(
            StatusCode::BAD_REQUEST,
            &v,
            lang,
            &lang.t("trusted-heading"),
            pages::trusted(
                lang,
                &list,
                None,
                &TrustedForm {
                    name: &form.name,
                    email: &form.email,
                    problem: Some(problem),
                },
            ),
        ),
        Err(e) => failure(&v, e),
    }
}

async fn remove_trusted(State(s): State<AppState>, v: Visitor, Path(id): Path<String>) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let Some(customer) = &v.customer else {
        return to_home();
    };
    match svc::remove_trusted(&s, customer, &id).await {
        Ok(removed) => Redirect::to(&news_query("removed", &removed.name)).into_response(),
        Err(e) => failure(&v, e),
    }
}

/// What the contact form posts.
#[derive(Deserialize, Default)]
struct HelpPost {
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

async fn help(State(s): State<AppState>, v: Visitor) -> Response {
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

async fn ask_for_help(
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

async fn requests(State(s): State<AppState>, v: Visitor) -> Response {
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
struct RequestQuery {
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

async fn request(
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
struct AnswerPost {
    #[serde(default)]
    body: String,
}

async fn answer(
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
