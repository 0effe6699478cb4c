//! Signing in and out of the customer page, and its language: asking for a link (the same
//! answer whether or not an account has the address), the page a link opens and the button
//! that uses it, and the language kept for the account or in a cookie.

use axum::extract::{Form, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::session::{self, Visitor, LANG_COOKIE, SESSION_COOKIE};
use super::{again, cross_site, failure, page, pages, to_home, AppState};
use crate::extract::ClientAddr;
use crate::i18n::Lang;
use crate::service::customers as svc;
use crate::service::Error;

#[derive(Deserialize)]
pub(super) struct EmailForm {
    #[serde(default)]
    email: String,
}

pub(super) async fn request_link(
    State(s): State<AppState>,
    v: Visitor,
    ClientAddr(client): ClientAddr,
    form: Result<Form<EmailForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    if let Some(refused) = cross_site(&v) {
        return refused;
    }
    let lang = v.lang;
    let email = form.map(|f| f.0.email).unwrap_or_default();
    let title = lang.t("signin-heading");
    match svc::request_link(&s, &email, client).await {
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

pub(super) async fn confirm_link(v: Visitor, Path(token): Path<String>) -> Response {
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

pub(super) async fn use_link(
    State(s): State<AppState>,
    v: Visitor,
    Path(token): Path<String>,
) -> Response {
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

pub(super) async fn sign_out(State(s): State<AppState>, v: Visitor) -> Response {
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
pub(super) struct LanguageForm {
    #[serde(default)]
    lang: String,
}

pub(super) async fn language(
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
