//! `sportello-server seed`: deterministic and realistic.

mod common;

use std::collections::HashSet;

use common::{Engine, Server, TestStore};
use serde_json::Value;

async fn everything(server: &Server) -> Vec<Value> {
    let token = server.login("alice", "alice-demo").await;
    let (mut all, mut since) = (Vec::new(), 0);
    loop {
        let page: Value = reqwest::Client::new()
            .get(server.api(&format!("/sync?since={since}&limit=5000")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        all.extend(page["changes"].as_array().unwrap().iter().cloned());
        since = page["next"].as_i64().unwrap();
        if page["more"] == false {
            return all;
        }
    }
}

fn of_kind<'a>(all: &'a [Value], kind: &str) -> Vec<&'a Value> {
    all.iter()
        .filter(|c| c["kind"] == kind)
        .map(|c| &c["data"])
        .collect()
}

async fn the_same_seed_gives_the_same_data_and_another_seed_does_not(engine: Engine) {
    let stores: Vec<TestStore> = [42, 42, 43]
        .into_iter()
        .map(|seed| {
            let store = TestStore::new(engine);
            store.seed(300, seed);
            store
        })
        .collect();
    let mut data = Vec::new();
    for store in &stores {
        let mut all = everything(&Server::start(store)).await;
        // Contact tokens are keyed per deployment (rule 5.2): each store has its own key.
        for change in all.iter_mut().filter(|c| c["kind"] == "customer") {
            let tokens = change["data"]
                .as_object_mut()
                .unwrap()
                .remove("contact_tokens");
            assert!(tokens.is_some_and(|t| t.as_array().is_some_and(|t| !t.is_empty())));
        }
        data.push(all);
    }
    assert_eq!(data[0], data[1]);
    assert_ne!(data[0], data[2]);
}

async fn seeded_data_covers_every_state_zone_category_and_channel(engine: Engine) {
    let (_store, server) = Server::seeded(engine, 2000);
    let all = everything(&server).await;
    let strings = |kind: &str, field: &str| -> HashSet<String> {
        of_kind(&all, kind)
            .iter()
            .map(|d| d[field].as_str().unwrap().to_string())
            .collect()
    };
    let set = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<HashSet<_>>();

    assert_eq!(
        strings("shipment", "status"),
        set(&[
            "label_created",
            "shipped",
            "in_transit",
            "out_for_delivery",
            "delivery_attempted",
            "delivered",
            "returned"
        ])
    );
    assert!(strings("shipment", "delivery_tz").is_superset(&set(&[
        "Europe/Rome",
        "Europe/London",
        "America/New_York"
    ])));
    assert_eq!(
        strings("ticket", "category"),
        set(&[
            "orders",
            "returns_refunds",
            "digital_devices",
            "prime",
            "payment_options",
            "account_management",
            "suspicious_activity",
            "gift_cards"
        ])
    );
    assert_eq!(
        strings("ticket", "channel"),
        set(&["phone_callback", "email", "live_chat", "social"])
    );
    assert_eq!(
        strings("ticket", "status"),
        set(&["new", "open", "pending", "closed"])
    );
    assert_eq!(strings("customer", "language"), set(&["en", "it"]));

    let orders = of_kind(&all, "order");
    let order_id = regex_like_order_id;
    assert!(orders.iter().all(|o| order_id(o["id"].as_str().unwrap())));
    assert!(orders
        .iter()
        .any(|o| o["items"].as_array().unwrap().len() > 1));
    assert!(orders
        .iter()
        .flat_map(|o| o["items"].as_array().unwrap())
        .any(|i| i["frequently_returned"] == true));

    let shipments = of_kind(&all, "shipment");
    let states: HashSet<_> = shipments
        .iter()
        .filter_map(|s| s["password"]["state"].as_str())
        .collect();
    assert!(states.is_superset(
        &["active", "locked", "retired", "expired"]
            .into_iter()
            .collect()
    ));
    assert!(shipments
        .iter()
        .all(|s| !s["events"].as_array().unwrap().is_empty()));
    // Every password belongs to a high-value order (rule 3.1).
    let totals: std::collections::HashMap<&str, f64> = orders
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap(),
                o["total"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect();
    for s in &shipments {
        if !s["password"].is_null() {
            assert!(totals[s["order_id"].as_str().unwrap()] >= 250.0);
        }
    }

    let customers = of_kind(&all, "customer");
    assert!(customers
        .iter()
        .any(|c| !c["trusted_recipients"].as_array().unwrap().is_empty()));
    for c in &customers {
        assert!(c["email"]["masked"].as_str().unwrap().contains("•••@"));
        for p in c["phones"].as_array().unwrap() {
            assert!(p["masked"].as_str().unwrap().contains("•••• ••"));
        }
    }

    let tickets = of_kind(&all, "ticket");
    let kinds: HashSet<_> = tickets
        .iter()
        .flat_map(|t| t["messages"].as_array().unwrap())
        .map(|m| m["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["customer", "reply", "note"].into_iter().collect());
    // Callbacks in every state, some due now, some failed on a wrong number (its phone
    // flagged on the customer); closed tickets carry their resolution.
    let callbacks = of_kind(&all, "callback");
    let states: HashSet<_> = callbacks
        .iter()
        .map(|c| c["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["scheduled", "completed", "failed", "cancelled"]
            .into_iter()
            .collect()
    );
    let anchor: chrono::DateTime<chrono::Utc> =
        format!("{}T12:00:00Z", common::today()).parse().unwrap();
    assert!(callbacks.iter().any(|c| c["state"] == "scheduled"
        && c["due_at"]
            .as_str()
            .unwrap()
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
            < anchor));
    assert!(callbacks.iter().any(|c| c["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["outcome"] == "wrong_number")));
    assert!(customers.iter().any(|c| c["phones"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["wrong_number"] == true)));
    assert!(tickets
        .iter()
        .filter(|t| t["status"] == "closed")
        .all(|t| t["resolution"].is_string() && t["closed_at"].is_string()));
}

fn regex_like_order_id(id: &str) -> bool {
    let parts: Vec<_> = id.split('-').collect();
    parts.len() == 3
        && [3, 7, 7]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()))
}

async fn the_store_never_holds_a_password_in_clear(engine: Engine) {
    // Codes are sealed: each stored ciphertext is 6 bytes of code plus a 16-byte tag, the MAC is
    // 32 bytes, and the nonce 12.
    let store = TestStore::new(engine);
    store.seed(200, 1);
    let text = store.query(
        "SELECT length(code_sealed), length(code_mac), length(code_nonce) FROM delivery_passwords",
    );
    assert!(text.lines().count() > 10, "passwords were seeded: {text:?}");
    for line in text.lines() {
        assert_eq!(line, "22|32|12");
    }
}

async fn bulk_loaded_documents_equal_what_the_tables_render(engine: Engine) {
    // `seed` writes feed documents built from its rows, never read back; every one must be
    // exactly what the store renders from the tables it wrote.
    let store = TestStore::new(engine);
    store.seed(1200, 5);
    let db = sportello_server::store::open(&store.url).await.unwrap();
    let page = db.changes(0, 100_000).await.unwrap();
    assert!(!page.more);
    let mut callbacks = std::collections::HashMap::new();
    let mut seen = HashSet::new();
    for change in &page.changes {
        use sportello_protocol::EntityKind::*;
        let rendered = match change.kind {
            Customer => serde_json::to_value(db.customer(&change.id).await.unwrap()),
            Order => serde_json::to_value(db.order(&change.id).await.unwrap()),
            Shipment => serde_json::to_value(
                db.shipment(&change.id, sportello_server::clock::test_clock().now())
                    .await
                    .unwrap(),
            ),
            Ticket => {
                let ticket = db.ticket(&change.id).await.unwrap().unwrap();
                for cb in &ticket.callbacks {
                    callbacks.insert(cb.id.clone(), serde_json::to_value(cb).unwrap());
                }
                serde_json::to_value(Some(ticket))
            }
            Callback => continue,
            SocialReply => panic!("the seed files no social message: {}", change.id),
            Audit => {
                let seq: u64 = change.id.parse().unwrap();
                let query = sportello_protocol::AuditQuery {
                    cursor: Some(seq - 1),
                    ..Default::default()
                };
                serde_json::to_value(db.audit_page(&query, 1).await.unwrap().pop())
            }
        }
        .unwrap();
        assert_eq!(change.data, rendered, "{:?} {}", change.kind, change.id);
        seen.insert(change.kind);
    }
    assert_eq!(seen.len(), 5);
    let feed_callbacks: Vec<_> = page
        .changes
        .iter()
        .filter(|c| c.kind == sportello_protocol::EntityKind::Callback)
        .collect();
    assert!(!feed_callbacks.is_empty());
    for c in feed_callbacks {
        assert_eq!(Some(&c.data), callbacks.get(&c.id), "callback {}", c.id);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_seeded_postgres_store_has_its_planner_statistics() {
    // Planned as empty tables, Track my parcel's joins read whole tables: `seed` analyzes.
    let store = TestStore::new(Engine::Postgres);
    store.seed(200, 1);
    let not_analyzed = || {
        store.query(
            "SELECT relname FROM pg_stat_user_tables
              WHERE relname IN ('tickets', 'shipments', 'orders', 'customers', 'changes')
                AND last_analyze IS NULL ORDER BY relname",
        )
    };
    // The statistics of a finished `seed` may take a moment to be visible to others.
    let mut left = not_analyzed();
    for _ in 0..20 {
        if left.trim().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        left = not_analyzed();
    }
    assert_eq!(left.trim(), "", "tables never analyzed after seed");
}

on_both_engines!(
    bulk_loaded_documents_equal_what_the_tables_render,
    the_same_seed_gives_the_same_data_and_another_seed_does_not,
    seeded_data_covers_every_state_zone_category_and_channel,
    the_store_never_holds_a_password_in_clear,
);
