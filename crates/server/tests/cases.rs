//! Working a case (docs/product.md §4) on both engines, through the router in-process with a clock the
//! test moves: callbacks and their due times, the retry policy (three attempts at least ten
//! minutes apart, answered completes, wrong number ends and flags the phone), closing with
//! its summary mail queued once, closed tickets refusing more work, bad input refused with
//! nothing stored half, and every change in the feed.

mod common;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use common::{start, Desk, Engine};
use serde_json::{json, Value};
use sportello_protocol::problem::types;

/// An open ticket whose customer has a phone on file (not flagged), and that phone's id.
fn open_ticket(desk: &Desk) -> (String, String) {
    let row = desk.rows(
        "SELECT t.id, p.id FROM tickets t JOIN customer_phones p ON p.customer_id = t.customer_id
          WHERE t.status IN ('new', 'open') AND p.wrong_number = false
            AND NOT EXISTS (SELECT 1 FROM callbacks c WHERE c.ticket_id = t.id)
          ORDER BY t.id, p.position LIMIT 1",
    );
    let (ticket, phone) = row[0].split_once('|').unwrap();
    (ticket.to_string(), phone.to_string())
}

fn at(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

impl Desk {
    async fn callback(&self, ticket: &str, body: Value) -> (StatusCode, Value) {
        let (status, body, _) = self
            .post(
                &self.alice,
                &format!("/tickets/{ticket}/callbacks"),
                body,
                None,
            )
            .await;
        (status, body)
    }

    async fn attempt(&self, callback: &str, outcome: &str) -> (StatusCode, Value) {
        let (status, body, _) = self
            .post(
                &self.alice,
                &format!("/callbacks/{callback}/attempts"),
                json!({"outcome": outcome, "note": format!("{outcome} at the first try")}),
                None,
            )
            .await;
        (status, body)
    }

    /// The feed's current document of an entity, following the feed from the start.
    async fn fed(&self, kind: &str, id: &str) -> Value {
        let mut since = 0;
        let mut found = None;
        loop {
            let req = axum::http::Request::get(format!("/api/v1/sync?since={since}&limit=1000"))
                .header("authorization", format!("Bearer {}", self.alice))
                .body(axum::body::Body::empty())
                .unwrap();
            let (_, page, _) = self.call(req).await;
            for c in page["changes"].as_array().unwrap() {
                if c["kind"] == kind && c["id"] == id {
                    found = Some(c["data"].clone());
                }
            }
            since = page["next"].as_i64().unwrap();
            if page["more"] == false {
                break;
            }
        }
        found.unwrap_or_else(|| panic!("no {kind} {id} in the feed"))
    }

    fn count(&self, sql: &str) -> i64 {
        self.rows(sql)[0].parse().unwrap()
    }
}

async fn three_failed_attempts_ten_minutes_apart_fail_the_callback(engine: Engine) {
    let desk = Desk::new(engine).await;
    let (ticket, phone) = open_ticket(&desk);
    let (status, body) = desk
        .callback(
            &ticket,
            json!({"phone_id": phone, "asap": true, "note": "after lunch is fine"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["assignee"], "alice");
    let cb = body["callbacks"][0].clone();
    let id = cb["id"].as_str().unwrap().to_string();
    assert_eq!(cb["state"], "scheduled");
    assert_eq!(cb["phone_id"], phone.as_str());
    assert_eq!(
        at(&cb["due_at"]),
        start() + Duration::minutes(5),
        "asap: within 5 minutes"
    );
    assert_eq!(cb["note"], "after lunch is fine");

    let (status, body) = desk.attempt(&id, "no_answer").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let cb = &body["callbacks"][0];
    assert_eq!(cb["state"], "scheduled");
    assert_eq!(
        at(&cb["due_at"]),
        start() + Duration::minutes(10),
        "due again in 10 minutes"
    );
    assert_eq!(cb["attempts"][0]["outcome"], "no_answer");
    assert_eq!(cb["attempts"][0]["agent"], "Alice Bianchi");

    // Nine minutes on is too soon, and says when the next attempt may be made.
    desk.clock.advance(Duration::minutes(9));
    let (status, body) = desk.attempt(&id, "busy").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["type"], types::CALLBACK_TOO_SOON);
    assert_eq!(at(&body["resets_at"]), start() + Duration::minutes(10));

    desk.clock.advance(Duration::minutes(1));
    let (status, body) = desk.attempt(&id, "busy").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["callbacks"][0]["state"], "scheduled");

    desk.clock.advance(Duration::minutes(10));
    let (status, body) = desk.attempt(&id, "voicemail").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["callbacks"][0]["state"], "failed");
    assert_eq!(
        body["callbacks"][0]["attempts"].as_array().unwrap().len(),
        3
    );
    // The ticket is back in the queue: open and nobody's.
    assert_eq!(body["status"], "open");
    assert_eq!(body["assignee"], Value::Null);

    desk.clock.advance(Duration::minutes(20));
    let (status, body) = desk.attempt(&id, "answered").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["type"], types::CALLBACK_FINISHED);

    // The feed carries the callback and its ticket as they now stand.
    assert_eq!(desk.fed("callback", &id).await["state"], "failed");
    let fed = desk.fed("ticket", &ticket).await;
    assert_eq!(fed["callbacks"][0]["attempts"].as_array().unwrap().len(), 3);
    assert_eq!(fed["assignee"], Value::Null);
}

async fn answered_completes_and_a_wrong_number_is_flagged(engine: Engine) {
    let desk = Desk::new(engine).await;
    let (ticket, phone) = open_ticket(&desk);
    let later = start() + Duration::hours(2);
    let (status, body) = desk
        .callback(
            &ticket,
            json!({"phone_id": phone, "due_at": later, "note": ""}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(at(&body["callbacks"][0]["due_at"]), later);
    let first = body["callbacks"][0]["id"].as_str().unwrap().to_string();
    // The first attempt may come before the due time.
    let (status, body) = desk.attempt(&first, "answered").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["callbacks"][0]["state"], "completed");

    let (_, body) = desk
        .callback(
            &ticket,
            json!({"phone_id": phone, "asap": true, "note": ""}),
        )
        .await;
    let second = body["callbacks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] != first.as_str())
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, body) = desk.attempt(&second, "wrong_number").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let cb = body["callbacks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == second.as_str())
        .unwrap()
        .clone();
    assert_eq!(cb["state"], "failed");
    // The phone is flagged on the customer, in the feed, and takes no more callbacks.
    let customer = body["customer_id"].as_str().unwrap().to_string();
    let fed = desk.fed("customer", &customer).await;
    let flagged = fed["phones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == phone.as_str())
        .unwrap()
        .clone();
    assert_eq!(flagged["wrong_number"], true);
    let (status, body) = desk
        .callback(
            &ticket,
            json!({"phone_id": phone, "asap": true, "note": ""}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["type"], types::WRONG_NUMBER);
}

async fn bad_callbacks_and_attempts_are_refused_and_nothing_is_stored_half(engine: Engine) {
    let desk = Desk::new(engine).await;
    let (ticket, phone) = open_ticket(&desk);
    let callbacks = |desk: &Desk| desk.count("SELECT count(*) FROM callbacks");
    let before = callbacks(&desk);
    let other_phone = desk.rows(&format!(
        "SELECT p.id FROM customer_phones p JOIN tickets t ON t.id = '{ticket}'
          WHERE p.customer_id <> t.customer_id ORDER BY p.id LIMIT 1"
    ))[0]
        .clone();
    for (body, why) in [
        (
            json!({"phone_id": phone, "due_at": start() - Duration::hours(1), "note": ""}),
            "past",
        ),
        (
            json!({"phone_id": phone, "due_at": start() + Duration::days(40), "note": ""}),
            "far",
        ),
        (json!({"phone_id": phone, "note": ""}), "neither"),
        (
            json!({"phone_id": phone, "asap": true, "due_at": start(), "note": ""}),
            "both",
        ),
        (
            json!({"phone_id": other_phone, "asap": true, "note": ""}),
            "not on file",
        ),
        (
            json!({"phone_id": "+39 347 000 0000", "asap": true, "note": ""}),
            "typed number",
        ),
        (
            json!({"phone_id": phone, "asap": "yes", "note": ""}),
            "wrong type",
        ),
        (
            json!({"phone_id": phone, "asap": true, "note": "x".repeat(20_001)}),
            "long note",
        ),
    ] {
        let (status, problem) = desk.callback(&ticket, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{why}: {problem}");
        assert_eq!(problem["type"], types::INVALID_BODY, "{why}");
    }
    let (status, problem) = desk
        .callback(
            "T-9999999",
            json!({"phone_id": phone, "asap": true, "note": ""}),
        )
        .await;
    assert_eq!(
        (status, problem["type"].clone()),
        (StatusCode::NOT_FOUND, json!(types::NOT_FOUND))
    );
    // A 10 MB note is refused before it is read whole.
    let huge = json!({"phone_id": phone, "asap": true, "note": "n".repeat(10 << 20)});
    let (status, problem) = desk.callback(&ticket, huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{problem}");
    assert_eq!(
        callbacks(&desk),
        before,
        "no callback stored by a refused request"
    );

    // HTML and SQL in a note are kept as typed, as text.
    let nasty = "<script>alert('x')</script>'); DROP TABLE callbacks; --";
    let (status, body) = desk
        .callback(
            &ticket,
            json!({"phone_id": phone, "asap": true, "note": nasty}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["callbacks"][0]["note"], nasty);
    let id = body["callbacks"][0]["id"].as_str().unwrap().to_string();

    let attempts = |desk: &Desk| desk.count("SELECT count(*) FROM callback_attempts");
    let before = attempts(&desk);
    let (status, problem) = desk.attempt(&id, "hung_up").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    assert!(
        problem["detail"].as_str().unwrap().contains("outcome"),
        "{problem}"
    );
    let (status, _) = desk.attempt("CB-nope", "answered").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body, _) = desk
        .post(
            &desk.alice,
            &format!("/callbacks/{id}/attempts"),
            json!({"outcome": "busy", "note": nasty}),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["callbacks"][0]["attempts"][0]["note"], nasty);
    assert_eq!(attempts(&desk), before + 1);
}

async fn closing_cancels_callbacks_queues_one_summary_and_refuses_more_work(engine: Engine) {
    let desk = Desk::new(engine).await;
    let (ticket, phone) = open_ticket(&desk);
    let (_, body) = desk
        .callback(
            &ticket,
            json!({"phone_id": phone, "asap": true, "note": ""}),
        )
        .await;
    let callback = body["callbacks"][0]["id"].as_str().unwrap().to_string();
    let path = format!("/tickets/{ticket}/close");
    let (status, problem, _) = desk
        .post(&desk.alice, &path, json!({"resolution": "   "}), None)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");

    let close = json!({"resolution": "Resent the password to the trusted recipient."});
    let (status, body, _) = desk
        .post(&desk.alice, &path, close.clone(), Some("close-1"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "closed");
    assert_eq!(
        body["resolution"],
        "Resent the password to the trusted recipient."
    );
    assert_eq!(at(&body["closed_at"]), start());
    assert_eq!(body["callbacks"][0]["state"], "cancelled");
    // The same key again: the first answer, and still one summary mail.
    let (status, again, _) = desk
        .post(&desk.alice, &path, close.clone(), Some("close-1"))
        .await;
    assert_eq!((status, &again), (StatusCode::OK, &body));
    let summaries = format!(
        "SELECT count(*) FROM mail_outbox WHERE kind = 'ticket_summary' AND ticket_id = '{ticket}'"
    );
    assert_eq!(desk.count(&summaries), 1);

    // A closed ticket takes no more work.
    let (status, problem, _) = desk.post(&desk.alice, &path, close, None).await;
    assert_eq!(
        (status, problem["type"].clone()),
        (StatusCode::CONFLICT, json!(types::TICKET_CLOSED))
    );
    let (status, problem, _) = desk
        .post(
            &desk.alice,
            &format!("/tickets/{ticket}/messages"),
            json!({"kind": "note", "body": "one more thing"}),
            None,
        )
        .await;
    assert_eq!(
        (status, problem["type"].clone()),
        (StatusCode::CONFLICT, json!(types::TICKET_CLOSED))
    );
    let (status, problem) = desk
        .callback(
            &ticket,
            json!({"phone_id": phone, "asap": true, "note": ""}),
        )
        .await;
    assert_eq!(
        (status, problem["type"].clone()),
        (StatusCode::CONFLICT, json!(types::TICKET_CLOSED))
    );
    let (status, problem) = desk.attempt(&callback, "answered").await;
    assert_eq!(
        (status, problem["type"].clone()),
        (StatusCode::CONFLICT, json!(types::CALLBACK_FINISHED))
    );
    assert_eq!(desk.count(&summaries), 1);
    assert_eq!(desk.fed("ticket", &ticket).await["status"], "closed");
    assert_eq!(desk.fed("callback", &callback).await["state"], "cancelled");

    // Couriers and the carrier feed do not work cases.
    let carlo = desk.login("carlo", "carlo-demo").await;
    let (other, _) = open_ticket(&desk);
    let (status, _, _) = desk
        .post(
            &carlo,
            &format!("/tickets/{other}/close"),
            json!({"resolution": "x"}),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn concurrent_attempts_on_one_callback_record_one(engine: Engine) {
    let desk = Desk::new(engine).await;
    let (ticket, phone) = open_ticket(&desk);
    let (_, body) = desk
        .callback(
            &ticket,
            json!({"phone_id": phone, "asap": true, "note": ""}),
        )
        .await;
    let id = body["callbacks"][0]["id"].as_str().unwrap().to_string();
    // Two agents press "no answer" at once, ten times: one attempt is recorded, the others
    // are told it is too soon.
    let calls = (0..10).map(|_| desk.attempt(&id, "no_answer"));
    let answers = futures::future::join_all(calls).await;
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{answers:?}");
    assert!(answers
        .iter()
        .all(|(s, b)| *s == StatusCode::CREATED || b["type"] == types::CALLBACK_TOO_SOON));
    assert_eq!(
        desk.count(&format!(
            "SELECT count(*) FROM callback_attempts WHERE callback_id = '{id}'"
        )),
        1
    );
}

on_both_engines!(
    concurrent_attempts_on_one_callback_record_one,
    three_failed_attempts_ten_minutes_apart_fail_the_callback,
    answered_completes_and_a_wrong_number_is_flagged,
    bad_callbacks_and_attempts_are_refused_and_nothing_is_stored_half,
    closing_cancels_callbacks_queues_one_summary_and_refuses_more_work,
);
