//! Who is looking at the customer page, and in which language: the customer behind the
//! session cookie (never an agent's bearer token, which lives elsewhere), the language (the
//! account's when signed in, else the `lang` cookie, else `Accept-Language`), and the check
//! that a form was posted from this very site.

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, HeaderMap, Method};

use crate::i18n::Lang;
use crate::service::Services as AppState;
use crate::store::CustomerAccount;

/// The cookie that carries a customer's session.
pub const SESSION_COOKIE: &str = "sportello_customer";
/// The cookie that remembers the page's language before sign-in.
pub const LANG_COOKIE: &str = "sportello_lang";
/// Where the cookies are sent: the customer page only.
pub const COOKIE_PATH: &str = "/customer";

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value for the customer page: HTTP only, same site only, `Secure` when the
/// page is served over HTTPS. `max_age` 0 removes it.
pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path={COOKIE_PATH}; Max-Age={max_age}; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The visitor of a customer page.
pub struct Visitor {
    /// The signed-in customer, if the session cookie names a live session.
    pub customer: Option<CustomerAccount>,
    /// The session cookie's token, when there is one (live or not).
    pub token: Option<String>,
    pub lang: Lang,
    /// Whether a form came from this site (see [`same_origin`]).
    pub same_origin: bool,
}

impl Visitor {
    /// The language to answer in, before the account's is known.
    fn lang_of(headers: &HeaderMap) -> Lang {
        if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(Lang::find) {
            return lang;
        }
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::negotiate)
            .unwrap_or_else(|| Lang::of(crate::i18n::DEFAULT))
    }
}

/// Whether a state-changing request came from a page of this site: its `Origin` (sent by
/// browsers with every form post) names the host it was sent to. A request without `Origin`
/// (not a browser) passes; the session cookie is `SameSite=Strict` besides.
pub fn same_origin(method: &Method, headers: &HeaderMap) -> bool {
    if method == Method::GET || method == Method::HEAD {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = cookie(&parts.headers, SESSION_COOKIE).map(str::to_string);
        let customer = match &token {
            Some(token) => crate::service::customers::signed_customer(state, token)
                .await
                .ok(),
            None => None,
        };
        let lang = customer
            .as_ref()
            .map(|c| Lang::of(&c.language))
            .unwrap_or_else(|| Visitor::lang_of(&parts.headers));
        Ok(Visitor {
            customer,
            token,
            lang,
            same_origin: same_origin(&parts.method, &parts.headers),
        })
    }
}

/// The signed-in customer of a page that needs one: a visitor who is not signed in is sent to
/// sign in, and a form posted from another site is refused, before the handler runs.
pub struct Signed {
    pub visitor: Visitor,
    pub customer: CustomerAccount,
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        if let Some(refused) = super::cross_site(&visitor) {
            return Err(refused);
        }
        match visitor.customer.clone() {
            Some(customer) => Ok(Signed { visitor, customer }),
            None => Err(super::to_home()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn cookies_are_found_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; sportello_customer=tok"),
        );
        h.append(
            header::COOKIE,
            HeaderValue::from_static("sportello_lang=ar"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("tok"));
        assert_eq!(cookie(&h, LANG_COOKIE), Some("ar"));
        assert_eq!(cookie(&h, "b"), None);
    }

    #[test]
    fn a_form_from_another_site_is_not_same_origin() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("shop.example:8088"));
        assert!(same_origin(&Method::POST, &h), "no Origin: not a browser");
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://shop.example:8088"),
        );
        assert!(same_origin(&Method::POST, &h));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&Method::POST, &h));
        assert!(same_origin(&Method::GET, &h));
    }
}
