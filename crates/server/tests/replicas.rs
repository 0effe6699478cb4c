//! Two `sportello-server` processes on one PostgreSQL database behave as one: sessions and
//! sign-in throttling and idempotency keys live in the store, not in either process.

mod common;

use common::{expect_problem, Engine, Server, SmtpSink, TestStore};
use serde_json::json;
use sportello_protocol::problem::types;

#[tokio::test]
async fn two_replicas_share_sessions_and_sign_in_throttling() {
    let store = TestStore::new(Engine::Postgres);
    store.seed(5, 1);
    let (a, b) = (Server::start(&store), Server::start(&store));
    let client = reqwest::Client::new();

    // A token from one replica works on the other, and logging out on one ends it on both.
    let token = a.login("alice", "alice-demo").await;
    let res = client
        .get(b.api("/sync"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = client
        .post(b.api("/auth/logout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = client
        .get(a.api("/sync"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    expect_problem(res, 401, types::UNAUTHORIZED).await;

    // Failures counted on both replicas add up.
    for (i, server) in [&a, &b, &a, &b, &a].into_iter().enumerate() {
        let res = client
            .post(server.api("/auth/login"))
            .json(&json!({"username": "lena", "password": format!("guess-{i}")}))
            .send()
            .await
            .unwrap();
        expect_problem(res, 401, types::INVALID_CREDENTIALS).await;
    }
    let res = client
        .post(b.api("/auth/login"))
        .json(&json!({"username": "lena", "password": "lena-demo"}))
        .send()
        .await
        .unwrap();
    expect_problem(res, 429, types::TOO_MANY_REQUESTS).await;
}

#[tokio::test]
async fn two_replicas_share_idempotency_keys() {
    let store = TestStore::new(Engine::Postgres);
    store.seed(20, 1);
    let ticket = store
        .query("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY id LIMIT 1")
        .trim()
        .to_string();
    let (a, b) = (Server::start(&store), Server::start(&store));
    let token = a.login("alice", "alice-demo").await;
    let count = || async {
        let t: serde_json::Value = a.get_json(&token, &format!("/tickets/{ticket}")).await;
        t["messages"].as_array().unwrap().len()
    };
    let before = count().await;
    let post = |server: &Server, key: &str, body: &str| {
        reqwest::Client::new()
            .post(server.api(&format!("/tickets/{ticket}/messages")))
            .bearer_auth(&token)
            .header("Idempotency-Key", key)
            .json(&json!({"kind": "note", "body": body}))
            .send()
    };

    // Sent to one replica, repeated on the other: the first answer, no second message.
    let first = post(&a, "k1", "first").await.unwrap();
    assert_eq!(first.status(), 201);
    let again = post(&b, "k1", "first").await.unwrap();
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let res = post(&b, "k1", "changed").await.unwrap();
    expect_problem(res, 422, types::IDEMPOTENCY_KEY_REUSED).await;

    // Ten concurrent copies split over both replicas: one message.
    let sends: Vec<_> = (0..10)
        .map(|i| post(if i % 2 == 0 { &a } else { &b }, "k2", "burst"))
        .collect();
    for res in futures::future::join_all(sends).await {
        assert_eq!(res.unwrap().status(), 201);
    }
    assert_eq!(count().await, before + 2);
}

#[tokio::test]
async fn limits_hold_across_replicas_under_concurrent_resends() {
    let store = TestStore::new(Engine::Postgres);
    store.seed(300, 11);
    // Valid for an hour yet on the test clock.
    let soon = sportello_server::clock::test_clock().now() + chrono::Duration::hours(1);
    let id = store
        .query(&format!(
            "SELECT p.shipment_id FROM delivery_passwords p JOIN shipments s ON s.id = p.shipment_id
              WHERE p.state = 'active' AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
                AND p.expires_at > '{}' ORDER BY 1 LIMIT 1",
            soon.to_rfc3339()
        ))
        .trim()
        .to_string();
    assert!(!id.is_empty());
    store.query(&format!(
        "UPDATE delivery_passwords SET sends_today = 0, last_sent_at = NULL WHERE shipment_id = '{id}'"
    ));
    // Both replicas run a mail worker against one SMTP server.
    let sink = SmtpSink::start();
    let smtp = ["--smtp", &sink.url()];
    let (a, b) = (
        Server::start_with(&store, &smtp),
        Server::start_with(&store, &smtp),
    );
    let token = a.login("alice", "alice-demo").await;
    let shipment: serde_json::Value = a.get_json(&token, &format!("/shipments/{id}")).await;
    let recipient = shipment["recipients"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Twenty resends at once, split over both replicas: the 60-second spacing lets one through.
    let sends: Vec<_> = (0..20)
        .map(|i| {
            reqwest::Client::new()
                .post(
                    (if i % 2 == 0 { &a } else { &b })
                        .api(&format!("/shipments/{id}/password/resend")),
                )
                .bearer_auth(&token)
                .json(&json!({
                    "recipient": recipient,
                    "reason": "customer insists",
                    "identity_check": {"method": "security_questions"},
                }))
                .send()
        })
        .collect();
    let mut statuses: Vec<u16> = futures::future::join_all(sends)
        .await
        .into_iter()
        .map(|r| r.unwrap().status().as_u16())
        .collect();
    statuses.sort();
    assert_eq!(statuses[0], 200);
    assert!(statuses[1..].iter().all(|s| *s == 429), "{statuses:?}");
    let outbox = store.query(&format!(
        "SELECT count(*) FROM mail_outbox WHERE shipment_id = '{id}'"
    ));
    assert_eq!(outbox.trim(), "1");
    // Exactly one mail arrives, though two workers watch the outbox.
    assert_eq!(sink.wait_for(1).await.len(), 1);
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert_eq!(sink.messages().len(), 1);
}
