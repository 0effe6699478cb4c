//! The carrier's tracking events (rules 3.1, 3.11) on both engines, from the feed's HTTP
//! endpoint and the `event` command alike: shipping at or over the threshold issues a password,
//! delivery retires it, and both refuse the same bad events.

mod common;

use axum::http::StatusCode;
use common::{Desk, Engine};
use serde_json::{json, Value};
use sportello_protocol::problem::types;

async fn shipping_issues_a_password_and_delivery_retires_it(engine: Engine) {
    let desk = Desk::new(engine).await;
    let feed = desk.login("feed", "feed-demo").await;
    let waiting = |high: bool| {
        desk.store
            .query(&format!(
                "SELECT s.id FROM shipments s JOIN orders o ON o.id = s.order_id
                  WHERE s.status IN ('label_created', 'shipped', 'in_transit') AND o.total_cents {} 25000
                    AND NOT EXISTS (SELECT 1 FROM delivery_passwords p WHERE p.shipment_id = s.id)
                  ORDER BY s.id LIMIT 1",
                if high { ">=" } else { "<" }
            ))
            .trim()
            .to_string()
    };
    let (high, low) = (waiting(true), waiting(false));
    assert!(
        !high.is_empty() && !low.is_empty(),
        "the seed has both waiting"
    );
    assert_eq!(
        desk.event(&desk.alice, &high, "shipped").await.0,
        StatusCode::FORBIDDEN
    );

    // Rule 1: shipped at or over the threshold issues generation 1, mailed to the account.
    let (status, shipment) = desk.event(&feed, &high, "shipped").await;
    assert_eq!(status, StatusCode::OK, "{shipment}");
    assert_eq!(shipment["status"], "shipped");
    assert_eq!(shipment["password"]["state"], "active");
    assert_eq!(shipment["password"]["generation"], 1);
    let expected = sportello_server::expiry::expires_at(
        shipment["delivery_date"].as_str().unwrap().parse().unwrap(),
        shipment["delivery_tz"].as_str().unwrap(),
    )
    .unwrap();
    assert_eq!(shipment["password"]["expires_at"], json!(expected));
    let account = shipment["recipients"][0]["id"].as_str().unwrap();
    assert_eq!(
        desk.rows(&format!(
            "SELECT kind, generation, recipient_id FROM mail_outbox WHERE shipment_id = '{high}'"
        )),
        [format!("password_issue|1|{account}")]
    );
    let (status, shipment) = desk.event(&feed, &low, "shipped").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shipment["password"], Value::Null, "below the threshold");

    // Rule 10: delivered retires it, and password actions are refused.
    let (status, shipment) = desk.event(&feed, &high, "delivered").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shipment["password"]["state"], "retired");
    assert_eq!(
        shipment["events"].as_array().unwrap().last().unwrap()["kind"],
        "delivered"
    );
    let (status, body) = desk.resend(&desk.alice, &high, account).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["type"], types::SHIPMENT_FINISHED);
    assert_eq!(
        desk.rows(&format!(
            "SELECT action, outcome, actor_id FROM audit_chain WHERE shipment_id = '{high}' ORDER BY seq"
        )),
        [
            "issue|done|A-feed",
            "retire|done|A-feed",
            "resend|refused|A-alice"
        ]
    );
    let (status, _) = desk.event(&feed, &high, "teleported").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// A shipment not shipped yet whose order is over the threshold.
fn unshipped_secure(desk: &Desk) -> String {
    desk.store
        .query(
            "SELECT s.id FROM shipments s JOIN orders o ON o.id = s.order_id
              WHERE s.status = 'label_created' AND o.total_cents >= 25000
                AND NOT EXISTS (SELECT 1 FROM delivery_passwords p WHERE p.shipment_id = s.id)
              ORDER BY s.id LIMIT 1",
        )
        .trim()
        .to_string()
}

/// `sportello-server event` on the desk's store with `args`.
fn event_command(desk: &Desk, args: &[&str]) -> std::process::Output {
    common::server_command()
        .args(["event", "--store", &desk.store.url, "--keys-file"])
        .arg(desk.store.keys_file())
        .args(args)
        .output()
        .unwrap()
}

async fn the_event_command_issues_like_the_feed(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = unshipped_secure(&desk);
    let out = event_command(&desk, &[&id, "shipped"]);
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("{id}: shipped; delivery password: active (generation 1)")
    );
    // The threshold is configurable: above every order, shipping issues nothing.
    let other = unshipped_secure(&desk);
    assert_ne!(other, id);
    let out = event_command(
        &desk,
        &["--secure-threshold", "1000000.00", &other, "shipped"],
    );
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("{other}: shipped; delivery password: none")
    );
    let out = event_command(&desk, &[&id, "lost"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown event kind"));
}

/// The feed and the `event` command hold an event to the same rules: a location over 200
/// characters, or with a control character, is refused by both and changes nothing.
async fn the_event_command_refuses_what_the_feed_refuses(engine: Engine) {
    let desk = Desk::new(engine).await;
    let feed = desk.login("feed", "feed-demo").await;
    let id = desk
        .store
        .query("SELECT id FROM shipments WHERE status = 'label_created' ORDER BY id LIMIT 1")
        .trim()
        .to_string();
    let events = || {
        desk.store.count(&format!(
            "SELECT count(*) FROM tracking_events WHERE shipment_id = '{id}'"
        ))
    };
    let before = events();
    for location in ["x".repeat(201), "Hub\u{1b}[31m".to_string()] {
        let (status, body, _) = desk
            .post(
                &feed,
                &format!("/shipments/{id}/events"),
                json!({"kind": "in_transit", "at": desk.clock.now(), "location": location}),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let out = event_command(&desk, &["--location", &location, &id, "in_transit"]);
        assert!(!out.status.success(), "the command took {location:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("the location"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(events(), before, "nothing was written");
    let out = event_command(&desk, &["--location", &"x".repeat(200), &id, "in_transit"]);
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(events(), before + 1);
}

on_both_engines!(
    shipping_issues_a_password_and_delivery_retires_it,
    the_event_command_issues_like_the_feed,
    the_event_command_refuses_what_the_feed_refuses,
);
