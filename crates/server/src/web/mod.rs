//! The customer page under `/customer` (docs/product.md §8): HTML served by the same server,
//! with its own sessions (a cookie that is never an agent's bearer token). A handler only turns
//! the request into a call of `service::customers` and the result into a page, in the
//! customer's language. Every answer is `no-store` with a strict content security policy and
//! a referrer sent only to this site: a sign-in link's token never leaks elsewhere, and a
//! form's `Origin` stays readable (with no referrer at all, browsers send `Origin: null`).
//!
//! - `session.rs`: the visitor (customer, language), cookies, the same-origin check;
//! - `account.rs`: signing in and out, the language; `parcels.rs`: orders, the code, trusted
//!   recipients; `help.rs`: asking for help and the customer's requests;
//! - `pages.rs`: the HTML; `help_pages.rs`: the pages of asking for help; `style.css` and
//!   `chat.js`: the stylesheet and the live chat's script.

mod account;
mod help;
mod help_pages;
mod pages;
mod parcels;
mod session;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use chrono::Duration;
use maud::Markup;

use crate::i18n::Lang;
use crate::service::customers as svc;
use crate::service::Error;
pub(super) use crate::service::Services as AppState;
use session::Visitor;
pub use session::{LANG_COOKIE, SESSION_COOKIE};

/// The customer page's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/customer", get(home))
        .route("/customer/style.css", get(style))
        .route("/customer/signin", post(account::request_link))
        .route(
            "/customer/signin/{token}",
            get(account::confirm_link).post(account::use_link),
        )
        .route("/customer/signout", post(account::sign_out))
        .route("/customer/language", post(account::language))
        .route("/customer/orders/{order}", get(parcels::order))
        .route(
            "/customer/orders/{order}/shipments/{shipment}/code",
            post(parcels::read_back),
        )
        .route(
            "/customer/trusted",
            get(parcels::trusted).post(parcels::add_trusted),
        )
        .route(
            "/customer/trusted/{id}/remove",
            post(parcels::remove_trusted),
        )
        .route("/customer/help", get(help::help).post(help::ask_for_help))
        .route("/customer/requests", get(help::requests))
        .route("/customer/requests/{id}", get(help::request))
        .route("/customer/requests/{id}/messages", post(help::answer))
        .route("/customer/requests/{id}/events", get(help::events))
        .route("/customer/requests/{id}/switch", post(help::switch))
        .route("/customer/requests/{id}/typing", post(help::typing))
        .route("/customer/chat.js", get(chat_script))
        .layer(axum::middleware::map_response(protect))
}

/// Headers on every customer answer.
async fn protect(mut response: Response) -> Response {
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(h, header::CACHE_CONTROL, "no-store");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; \
         connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    response
}

/// A full page with `status`.
pub(super) fn page(
    status: StatusCode,
    v: &Visitor,
    lang: Lang,
    title: &str,
    main: Markup,
) -> Response {
    let html = pages::frame(lang, v.customer.as_ref(), title, main);
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html.into_string(),
    )
        .into_response()
}

/// Back to the page that signs in (or lists the orders).
pub(super) fn to_home() -> Response {
    Redirect::to("/customer").into_response()
}

/// A refusal or failure as a page, in the visitor's language; internals are logged only.
pub(super) fn failure(v: &Visitor, e: Error) -> Response {
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
pub(super) fn cross_site(v: &Visitor) -> Option<Response> {
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
pub(super) fn again(s: &AppState, retry_after: u64) -> chrono::DateTime<chrono::Utc> {
    s.clock.now() + Duration::seconds(retry_after as i64)
}

async fn chat_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        help_pages::CHAT_SCRIPT,
    )
        .into_response()
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
