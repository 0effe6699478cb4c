//! Free text (rule 4.5) in every field people type: message bodies, callback and attempt
//! notes, resolutions, password reasons and identity-check notes, and the carrier's event
//! locations. NUL, other control characters and bidirectional overrides are refused with a
//! 422 naming the character, and nothing is stored; lines, tabs, markup and any script are
//! kept exactly as typed.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::Duration;
use common::{Desk, Engine};
use serde_json::{json, Value};
use sportello_protocol::problem::types;

/// What the free-text fields are tried on.
struct Targets {
    ticket: String,
    phone: String,
    callback: String,
    shipment: String,
    account: String,
    feed: String,
}

async fn targets(desk: &Desk) -> Targets {
    let row = desk.rows(
        "SELECT t.id, p.id FROM tickets t JOIN customer_phones p ON p.customer_id = t.customer_id
          WHERE t.status IN ('new', 'open') AND p.wrong_number = false
            AND NOT EXISTS (SELECT 1 FROM callbacks c WHERE c.ticket_id = t.id)
          ORDER BY t.id, p.position LIMIT 1",
    );
    let (ticket, phone) = row[0].split_once('|').unwrap();
    let callback =
        desk.rows("SELECT id FROM callbacks WHERE state = 'scheduled' ORDER BY id LIMIT 1");
    let shipment = desk.store.open_password_shipment();
    let customer = desk.rows(&format!(
        "SELECT o.customer_id FROM shipments s JOIN orders o ON o.id = s.order_id
          WHERE s.id = '{shipment}'"
    ));
    Targets {
        ticket: ticket.to_string(),
        phone: phone.to_string(),
        callback: callback[0].clone(),
        account: format!("E-{}", customer[0]),
        shipment,
        feed: desk.login("feed", "feed-demo").await,
    }
}

/// Every free-text field: (who, path, body with `text` in that field).
fn fields<'a>(desk: &'a Desk, t: &'a Targets, text: &str) -> Vec<(&'a str, String, Value)> {
    let checked = json!({"method": "security_questions"});
    let other = json!({"method": "other", "note": text});
    vec![
        (
            &desk.alice,
            format!("/tickets/{}/messages", t.ticket),
            json!({"kind": "reply", "body": text}),
        ),
        (
            &desk.alice,
            format!("/tickets/{}/callbacks", t.ticket),
            json!({"phone_id": t.phone, "asap": true, "note": text}),
        ),
        (
            &desk.alice,
            format!("/callbacks/{}/attempts", t.callback),
            json!({"outcome": "no_answer", "note": text}),
        ),
        (
            &desk.alice,
            format!("/shipments/{}/password/resend", t.shipment),
            json!({"recipient": t.account, "reason": text, "identity_check": checked}),
        ),
        (
            &desk.alice,
            format!("/shipments/{}/password/resend", t.shipment),
            json!({"recipient": t.account, "reason": "lost it", "identity_check": other}),
        ),
        (
            &desk.lena,
            format!("/shipments/{}/password/regenerate", t.shipment),
            json!({"reason": text, "identity_check": checked}),
        ),
        (
            &desk.lena,
            format!("/shipments/{}/password/regenerate", t.shipment),
            json!({"reason": "forwarded", "identity_check": other}),
        ),
        (
            &t.feed,
            format!("/shipments/{}/events", t.shipment),
            json!({"kind": "in_transit", "at": desk.clock.now(), "location": text}),
        ),
        (
            &desk.alice,
            format!("/tickets/{}/close", t.ticket),
            json!({"resolution": text}),
        ),
    ]
}

/// Row counts of everything a free-text request could write.
fn stored(desk: &Desk) -> Vec<String> {
    desk.rows(
        "SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM callbacks),
                (SELECT count(*) FROM callback_attempts),
                (SELECT count(*) FROM tickets WHERE status = 'closed'),
                (SELECT count(*) FROM audit), (SELECT count(*) FROM mail_outbox),
                (SELECT count(*) FROM tracking_events), (SELECT count(*) FROM idempotency_keys),
                (SELECT sum(generation) FROM delivery_passwords)",
    )
}

async fn control_and_bidi_override_characters_are_refused_everywhere_and_nothing_is_stored(
    engine: Engine,
) {
    let desk = Desk::new(engine).await;
    let t = targets(&desk).await;
    let before = stored(&desk);
    for bad in ['\u{0}', '\u{7}', '\u{202E}', '\u{2066}'] {
        let text = format!("Pacco lasciato al vicino{bad}exe.pdf");
        for (n, (token, path, body)) in fields(&desk, &t, &text).into_iter().enumerate() {
            let key = format!("bad-{}-{n}", bad as u32);
            let (status, answer, _) = desk.post(token, &path, body, Some(&key)).await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{path} with U+{:04X}: {answer}",
                bad as u32
            );
            assert_eq!(answer["type"], types::INVALID_BODY);
            let detail = answer["detail"].as_str().unwrap();
            assert!(
                detail.contains(&format!("U+{:04X}", bad as u32)),
                "{path}: {detail}"
            );
        }
    }
    assert_eq!(stored(&desk), before, "a refused text stored something");
}

/// The number of rows of `table` whose `column` is exactly `text`.
fn rows_holding(desk: &Desk, table: &str, column: &str, text: &str) -> i64 {
    desk.store.count(&format!(
        "SELECT count(*) FROM {table} WHERE {column} = '{}'",
        text.replace('\'', "''")
    ))
}

async fn lines_tabs_markup_and_any_script_are_kept_as_typed(engine: Engine) {
    let desk = Desk::new(engine).await;
    let t = targets(&desk).await;
    let text = "Consegna domani\nalle 9.\tGrazie\r\n<b>non grassetto</b> & 'quoted' \
                مرحبا \u{200F}بكم 配達は明日です";
    let mut answers = Vec::new();
    for (token, path, body) in fields(&desk, &t, text) {
        // Past the 60 seconds between two sends and the 10 minutes between two attempts.
        desk.clock.advance(Duration::minutes(11));
        let (status, answer, _) = desk.post(token, &path, body, None).await;
        assert!(status.is_success(), "{path}: {status} {answer}");
        answers.push(answer);
    }
    let ticket = answers.last().unwrap();
    assert_eq!(ticket["resolution"], text);
    assert!(ticket["messages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["body"] == text));
    assert!(ticket["callbacks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["note"] == text));
    for (table, column, rows) in [
        ("messages", "body", 1),
        ("callbacks", "note", 1),
        ("callback_attempts", "note", 1),
        ("audit_chain", "reason", 2),
        ("audit_chain", "identity_check", 2),
        ("tracking_events", "location", 1),
        ("tickets", "resolution", 1),
    ] {
        let text = if column == "identity_check" {
            format!("other: {text}")
        } else {
            text.to_string()
        };
        assert_eq!(
            rows_holding(&desk, table, column, &text),
            rows,
            "{table}.{column}"
        );
    }
}

async fn a_nul_in_a_path_is_not_found_or_refused_never_a_500(engine: Engine) {
    let desk = Desk::new(engine).await;
    for path in [
        "/tickets/%00",
        "/tickets/T-01%00",
        "/customers/%E2%80%AE",
        "/shipments/%07",
    ] {
        let (status, body, _) = desk.get(&desk.alice, path).await;
        assert!(
            matches!(status.as_u16(), 404 | 422),
            "GET {path}: {status} {body}"
        );
    }
    let req = Request::post("/api/v1/tickets/%00/messages")
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {}", desk.alice))
        .body(Body::from(
            json!({"kind": "note", "body": "hi"}).to_string(),
        ))
        .unwrap();
    let (status, body, _) = desk.call(req).await;
    assert!(matches!(status.as_u16(), 404 | 422), "{status} {body}");
}

on_both_engines!(
    control_and_bidi_override_characters_are_refused_everywhere_and_nothing_is_stored,
    lines_tabs_markup_and_any_script_are_kept_as_typed,
    a_nul_in_a_path_is_not_found_or_refused_never_a_500,
);
