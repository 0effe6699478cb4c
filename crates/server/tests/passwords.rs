//! Delivery-password actions agents take (rules 3.5, 3.6, 3.7, 3.10, 3.11) on both engines,
//! through the router in-process with a clock the test moves: resend only to contacts on file,
//! the 60-second spacing and the five sends a day, regeneration with its lead rule, finished
//! shipments, repeated keys, a superseded code never mailed; audit entries and outbox rows
//! written with the change. Verification is in `verify.rs`, tracking events in `events.rs`.

mod common;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use common::{start, Desk, Engine};
use serde_json::json;
use sportello_protocol::problem::types;
use sportello_server::secrets::Keys;

async fn resend_goes_only_to_contacts_on_file(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = desk.open_shipment();
    let shipment = desk.shipment(&id).await;
    let recipients: Vec<String> = shipment["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        recipients.len() >= 2,
        "account e-mail and a trusted recipient"
    );

    let (status, body) = desk.resend(&desk.alice, &id, &recipients[0]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["password"]["sends_today"], 1);
    desk.clock.advance(Duration::seconds(60));
    let (status, body) = desk.resend(&desk.alice, &id, &recipients[1]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["password"]["sends_today"], 2);

    // Anything else is refused: a typed address, another customer's trusted recipient.
    let stranger = desk
        .store
        .query(&format!(
            "SELECT r.id FROM trusted_recipients r WHERE r.customer_id <> (
                SELECT o.customer_id FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id = '{id}')
              ORDER BY r.id LIMIT 1"
        ))
        .trim()
        .to_string();
    desk.clock.advance(Duration::seconds(60));
    for recipient in ["someone@example.com", stranger.as_str()] {
        let (status, body) = desk.resend(&desk.alice, &id, recipient).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{recipient}: {body}"
        );
        assert_eq!(body["type"], types::INVALID_BODY);
    }

    // Each send left an outbox row for its recipient and an audit entry (rule 9).
    let outbox = desk.rows(&format!(
        "SELECT kind, generation, recipient_id FROM mail_outbox WHERE shipment_id = '{id}' ORDER BY id"
    ));
    let generation = shipment["password"]["generation"].as_i64().unwrap();
    assert_eq!(
        outbox,
        [
            format!("password_resend|{generation}|{}", recipients[0]),
            format!("password_resend|{generation}|{}", recipients[1]),
        ]
    );
    let audit = desk.audit(
        "actor_id, action, outcome, reason, identity_check, channel, destination",
        &id,
    );
    let sent: Vec<&String> = audit.iter().filter(|e| e.contains("|done|")).collect();
    assert_eq!(sent.len(), 2, "{audit:?}");
    for ((entry, recipient), channel) in sent
        .iter()
        .zip(&shipment["recipients"].as_array().unwrap()[..2])
        .zip(["email", "trusted_email"])
    {
        let masked = recipient["masked"].as_str().unwrap();
        assert_eq!(
            *entry,
            &format!(
                "A-alice|resend|done|Customer lost the e-mail|security_questions|{channel}|{masked}"
            )
        );
    }
}

async fn sends_are_spaced_and_capped_per_day(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = desk.open_shipment();
    let account = format!(
        "E-{}",
        desk.store
            .query(&format!(
                "SELECT o.customer_id FROM shipments s JOIN orders o ON o.id = s.order_id WHERE s.id = '{id}'"
            ))
            .trim()
    );
    assert_eq!(
        desk.resend(&desk.alice, &id, &account).await.0,
        StatusCode::OK
    );
    // Rule 7: 60 s between two sends, said with the limit and when it resets.
    desk.clock.advance(Duration::seconds(30));
    let (status, body) = desk.resend(&desk.alice, &id, &account).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["type"], types::PASSWORD_LIMIT);
    assert_eq!(body["limit"], "seconds_between_sends");
    let resets: DateTime<Utc> = body["resets_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(resets, start() + Duration::seconds(60));
    assert!(body["detail"].as_str().unwrap().contains("60 seconds"));
    // Lena is held to the same limits.
    assert_eq!(
        desk.resend(&desk.lena, &id, &account).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Rule 3.7: five sends a day, then the limit until midnight in the delivery time zone
    // (rule 3.8).
    for _ in 0..4 {
        desk.clock.advance(Duration::seconds(60));
        let (status, body) = desk.resend(&desk.alice, &id, &account).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    desk.clock.advance(Duration::minutes(10));
    let (status, body) = desk.resend(&desk.alice, &id, &account).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["limit"], "sends_per_day");
    let resets: DateTime<Utc> = body["resets_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(resets, next_delivery_day(&desk, &id).await);
    // A contact not on file is refused as such, though the limit would refuse it too
    // (rule 3.5).
    let (status, body) = desk.resend(&desk.alice, &id, "someone@example.com").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("not a contact on file"));
    // A regeneration is a send too.
    assert_eq!(
        desk.regenerate(&desk.lena, &id).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        desk.shipment(&id).await["password"]["sends_today"],
        5,
        "refused sends are not counted"
    );
}

/// The next midnight after the desk's clock in the shipment's delivery time zone, as an
/// instant.
async fn next_delivery_day(desk: &Desk, id: &str) -> DateTime<Utc> {
    use chrono::TimeZone;
    let zone: chrono_tz::Tz = desk.shipment(id).await["delivery_tz"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let local = desk.clock.now().with_timezone(&zone).date_naive() + Duration::days(1);
    zone.from_local_datetime(&local.and_hms_opt(0, 0, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

async fn regeneration_issues_a_new_code_and_the_third_of_a_day_needs_a_lead(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = desk.open_shipment();
    let mac_sql = match engine {
        Engine::Sqlite => format!("SELECT generation, hex(code_mac) FROM delivery_passwords WHERE shipment_id = '{id}'"),
        Engine::Postgres => format!("SELECT generation, encode(code_mac, 'hex') FROM delivery_passwords WHERE shipment_id = '{id}'"),
    };
    let before = desk.store.query(&mac_sql);
    let generation = desk.shipment(&id).await["password"]["generation"]
        .as_u64()
        .unwrap();
    for n in 1..=2 {
        let (status, body) = desk.regenerate(&desk.alice, &id).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["password"]["generation"], generation + n);
        assert_eq!(body["password"]["state"], "active");
        assert_eq!(body["password"]["regenerations_today"], n);
        assert_eq!(body["password"]["failed_verifications"], 0);
    }
    assert_ne!(desk.store.query(&mac_sql), before, "a new code is stored");
    // Rule 6: the third of the day needs a lead.
    let (status, body) = desk.regenerate(&desk.alice, &id).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["type"], types::LEAD_REQUIRED);
    let (status, body) = desk.regenerate(&desk.lena, &id).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["password"]["generation"], generation + 3);
    // Each one mailed the account e-mail and was audited with its actor.
    let outbox = desk.rows(&format!(
        "SELECT kind, generation FROM mail_outbox WHERE shipment_id = '{id}' ORDER BY id"
    ));
    assert_eq!(
        outbox,
        (1..=3)
            .map(|n| format!("password_regenerate|{}", generation + n))
            .collect::<Vec<_>>()
    );
    let actors = desk.audit("actor_id, action, outcome, identity_check", &id);
    assert_eq!(
        actors,
        [
            "A-alice|regenerate|done|callback_to_number_on_file",
            "A-alice|regenerate|done|callback_to_number_on_file",
            "A-alice|regenerate|refused|callback_to_number_on_file",
            "A-lena|regenerate|done|callback_to_number_on_file",
        ]
    );
}

async fn finished_shipments_and_bad_requests_are_refused(engine: Engine) {
    let desk = Desk::new(engine).await;
    // Rule 10: delivered or returned.
    let finished = desk
        .store
        .query(
            "SELECT p.shipment_id FROM delivery_passwords p JOIN shipments s ON s.id = p.shipment_id
              WHERE s.status IN ('delivered', 'returned') ORDER BY 1 LIMIT 1",
        )
        .trim()
        .to_string();
    let (status, body) = desk.regenerate(&desk.lena, &finished).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["type"], types::SHIPMENT_FINISHED);
    let account = desk.account_recipient(&finished).await;
    let (status, body) = desk.resend(&desk.alice, &finished, &account).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["type"], types::SHIPMENT_FINISHED);
    // A shipment below the threshold has no password; an unknown one is not found.
    let plain = desk
        .store
        .query(
            "SELECT s.id FROM shipments s WHERE NOT EXISTS
               (SELECT 1 FROM delivery_passwords p WHERE p.shipment_id = s.id) ORDER BY 1 LIMIT 1",
        )
        .trim()
        .to_string();
    let (status, body) = desk.regenerate(&desk.alice, &plain).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["type"], types::NO_PASSWORD);
    assert_eq!(
        desk.regenerate(&desk.alice, "S-99999999").await.0,
        StatusCode::NOT_FOUND
    );
    // A reason and an identity check are required; `other` needs a note.
    let id = desk.open_shipment();
    let path = format!("/shipments/{id}/password/regenerate");
    for body in [
        json!({"reason": "  ", "identity_check": {"method": "security_questions"}}),
        json!({"reason": "lost", "identity_check": {"method": "other"}}),
        json!({"reason": "lost", "identity_check": {"method": "guessing"}}),
        json!({"reason": "lost"}),
    ] {
        let (status, problem, _) = desk.post(&desk.alice, &path, body.clone(), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(problem["type"], types::INVALID_BODY);
    }
    let (status, body, _) = desk
        .post(
            &desk.alice,
            &path,
            json!({"reason": "lost", "identity_check": {"method": "other", "note": "knew the order total"}}),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        desk.audit("identity_check", &id),
        ["other: knew the order total"],
        "malformed requests write nothing"
    );
    assert_eq!(
        desk.rows(&format!(
            "SELECT action, outcome, problem FROM audit_chain WHERE seq > {} ORDER BY seq",
            desk.seeded_audit
        )),
        [
            format!("regenerate|refused|{}", types::SHIPMENT_FINISHED),
            format!("resend|refused|{}", types::SHIPMENT_FINISHED),
            "regenerate|done|".to_string(),
        ],
        "a rule's refusal writes its entry; a missing password or shipment writes none"
    );
}

async fn a_repeated_key_sends_once(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = desk.open_shipment();
    let account = desk.account_recipient(&id).await;
    let body = json!({
        "recipient": account,
        "reason": "asked twice",
        "identity_check": {"method": "verified_email_reply"},
    });
    let path = format!("/shipments/{id}/password/resend");
    let first = desk
        .post(&desk.alice, &path, body.clone(), Some("r-1"))
        .await;
    let again = desk.post(&desk.alice, &path, body, Some("r-1")).await;
    assert_eq!(first.0, StatusCode::OK);
    assert_eq!(again.0, StatusCode::OK, "a replay, not the 60-second limit");
    assert_eq!(first.1, again.1);
    assert_eq!(
        desk.rows(&format!(
            "SELECT count(*) FROM mail_outbox WHERE shipment_id = '{id}'"
        )),
        ["1"]
    );
}

async fn a_mail_whose_code_was_replaced_is_never_sent(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = desk.open_shipment();
    let account = desk.account_recipient(&id).await;
    // A resend and a regeneration before any mail went out: only the new code may leave.
    assert_eq!(
        desk.resend(&desk.alice, &id, &account).await.0,
        StatusCode::OK
    );
    assert_eq!(desk.regenerate(&desk.alice, &id).await.0, StatusCode::OK);
    let store = sportello_server::store::open(&desk.store.url)
        .await
        .unwrap();
    let keys = Keys::load(std::path::Path::new(&desk.store.keys_file())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let transport = sportello_server::mail::Transport::dir(dir.path().to_path_buf()).unwrap();
    let settings = sportello_server::mail::Settings::default();
    let handled = sportello_server::mail::deliver_due(
        &*store,
        Some(&keys),
        &transport,
        &settings,
        &desk.clock,
    )
    .await
    .unwrap();
    assert_eq!(handled, 2);
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "only the regeneration's mail");
    assert_eq!(
        desk.rows(&format!(
            "SELECT kind, last_error FROM mail_outbox WHERE shipment_id = '{id}' ORDER BY id"
        )),
        [
            "password_resend|superseded: a newer code was issued",
            "password_regenerate|",
        ]
    );
    // Nothing is left to send, and a second pass sends nothing again.
    assert_eq!(
        sportello_server::mail::deliver_due(
            &*store,
            Some(&keys),
            &transport,
            &settings,
            &desk.clock
        )
        .await
        .unwrap(),
        0
    );
}

on_both_engines!(
    a_mail_whose_code_was_replaced_is_never_sent,
    resend_goes_only_to_contacts_on_file,
    sends_are_spaced_and_capped_per_day,
    regeneration_issues_a_new_code_and_the_third_of_a_day_needs_a_lead,
    finished_shipments_and_bad_requests_are_refused,
    a_repeated_key_sends_once,
);
