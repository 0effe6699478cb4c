//! My orders: an order with its shipments, the code read back for its owner (or why not),
//! and the trusted recipients the customer adds and removes.

use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::pages::{CodeView, TrustedForm};
use super::session::{Signed, Visitor};
use super::{again, failure, page, pages, AppState};
use crate::service::customers as svc;
use crate::service::customers::ReadBack;
use crate::service::Error;

pub(super) async fn order(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Path(order_id): Path<String>,
) -> Response {
    let customer = &customer;
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

pub(super) async fn read_back(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Path((order_id, shipment_id)): Path<(String, String)>,
) -> Response {
    let customer = &customer;
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
pub(super) struct TrustedQuery {
    added: Option<String>,
    removed: Option<String>,
}

pub(super) async fn trusted(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Query(q): Query<TrustedQuery>,
) -> Response {
    let customer = &customer;
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
    let form = TrustedForm {
        name: "",
        email: "",
        problem: None,
    };
    trusted_page(&s, &v, customer, StatusCode::OK, news.as_deref(), &form).await
}

/// The trusted recipients' page with `status`, what just happened and the form as given.
async fn trusted_page(
    s: &AppState,
    v: &Visitor,
    customer: &crate::store::CustomerAccount,
    status: StatusCode,
    news: Option<&str>,
    form: &TrustedForm<'_>,
) -> Response {
    let lang = v.lang;
    match svc::trusted(s, customer).await {
        Ok(list) => page(
            status,
            v,
            lang,
            &lang.t("trusted-heading"),
            pages::trusted(lang, &list, news, form),
        ),
        Err(e) => failure(v, e),
    }
}

#[derive(Deserialize)]
pub(super) struct TrustedAdd {
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

pub(super) async fn add_trusted(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    form: Result<Form<TrustedAdd>, axum::extract::rejection::FormRejection>,
) -> Response {
    let customer = &customer;
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
    let shown = TrustedForm {
        name: &form.name,
        email: &form.email,
        problem: Some(problem),
    };
    trusted_page(&s, &v, customer, StatusCode::BAD_REQUEST, None, &shown).await
}

pub(super) async fn remove_trusted(
    State(s): State<AppState>,
    Signed {
        visitor: v,
        customer,
    }: Signed,
    Path(id): Path<String>,
) -> Response {
    let customer = &customer;
    match svc::remove_trusted(&s, customer, &id).await {
        Ok(removed) => Redirect::to(&news_query("removed", &removed.name)).into_response(),
        Err(e) => failure(&v, e),
    }
}
