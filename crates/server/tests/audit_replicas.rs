//! The audit chain across replicas (rule 3.12): two `sportello-server` processes on one
//! PostgreSQL database, 20 password actions at once split between them, write one chain
//! without gaps, one entry per action, that verifies. And an expiry is written by a server
//! whose clock passed the delivery day, with nobody touching the shipment.

mod common;

use common::{Engine, Server, TestStore};
use serde_json::{json, Value};

/// Up to `n` active passwords due after today, their day's counters cleared.
fn open_shipments(store: &TestStore, n: usize) -> Vec<String> {
    let today = common::today();
    let ids: Vec<String> = store
        .query(&format!(
            "SELECT p.shipment_id FROM delivery_passwords p JOIN shipments s ON s.id = p.shipment_id
              WHERE p.state = 'active' AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
                AND s.delivery_date > '{today}'
              ORDER BY p.shipment_id LIMIT {n}"
        ))
        .lines()
        .map(str::to_string)
        .collect();
    store.query(
        "UPDATE delivery_passwords SET sends_today = 0, regenerations_today = 0,
                last_sent_at = NULL, failed_verifications = 0",
    );
    ids
}

#[tokio::test]
async fn twenty_actions_on_two_replicas_make_one_chain() {
    let store = TestStore::new(Engine::Postgres);
    store.seed(400, 5);
    let ids = open_shipments(&store, 20);
    assert_eq!(ids.len(), 20, "the seed has 20 open passwords");
    let (a, b) = (Server::start(&store), Server::start(&store));
    let alice = a.login("alice", "alice-demo").await;
    let lena = b.login("lena", "lena-demo").await;
    let before: Value = b.get_json(&lena, "/audit/verify").await;
    let start = before["verified_to"].as_u64().unwrap();
    let client = reqwest::Client::new();
    let actions = ids.iter().enumerate().map(|(i, id)| {
        let server = if i % 2 == 0 { &a } else { &b };
        let (client, alice) = (client.clone(), alice.clone());
        let url = server.api(&format!("/shipments/{id}/password/regenerate"));
        async move {
            client
                .post(url)
                .bearer_auth(alice)
                .json(&json!({"reason": "Customer suspects the mail was read",
                              "identity_check": {"method": "callback_to_number_on_file"}}))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    let statuses = futures::future::join_all(actions).await;
    assert!(statuses.iter().all(|s| s.is_success()), "{statuses:?}");

    let page: Value = b
        .get_json(&lena, &format!("/audit?cursor={start}&limit=1000"))
        .await;
    let entries = page["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 20, "one entry per action: {page}");
    let mut shipments: Vec<&str> = entries
        .iter()
        .map(|e| e["shipment_id"].as_str().unwrap())
        .collect();
    shipments.sort();
    assert_eq!(
        shipments,
        ids.iter().map(String::as_str).collect::<Vec<_>>()
    );
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e["seq"], json!(start + 1 + i as u64), "no gap");
        assert_eq!(e["action"], "regenerate");
    }
    let after: Value = a.get_json(&lena, "/audit/verify").await;
    assert_eq!(after["broken"], Value::Null, "{after}");
    assert_eq!(after["verified_to"], json!(start + 20));
}

#[tokio::test]
async fn an_expiry_is_written_when_the_day_ends_without_anyone_trying_the_code() {
    let store = TestStore::new(Engine::Sqlite);
    store.seed(200, 8);
    let id = store.open_password_shipment();
    let expires: chrono::DateTime<chrono::Utc> = store
        .query(&format!(
            "SELECT expires_at FROM delivery_passwords WHERE shipment_id = '{id}'"
        ))
        .trim()
        .replace(' ', "T")
        .parse()
        .unwrap();
    // A server whose clock is a minute past the end of that delivery day: its sweeper runs
    // at start.
    let later = expires - sportello_server::clock::test_start() + chrono::Duration::minutes(1);
    let server = Server::start_later(&store, later);
    let lena = server.login("lena", "lena-demo").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let page: Value = server
            .get_json(&lena, &format!("/audit?shipment={id}&action=expiry"))
            .await;
        let found = page["entries"].as_array().unwrap();
        if let Some(entry) = found.first() {
            assert_eq!(found.len(), 1);
            assert_eq!(entry["actor"]["username"], "server");
            assert_eq!(entry["channel"], "server");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no expiry was written for {id}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let shipment: Value = server.get_json(&lena, &format!("/shipments/{id}")).await;
    assert_eq!(shipment["password"]["state"], "expired");
}
