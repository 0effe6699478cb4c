//! The HTTP API driven through a real `sportello-server` process on `127.0.0.1:0`.

mod common;

use std::collections::{HashMap, HashSet};

use common::{expect_problem, Engine, Server};
use serde_json::{json, Value};
use sportello_protocol::problem::types;

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn login_succeeds_with_the_right_password_and_fails_alike_for_wrong_ones(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 10);
    let res = client()
        .post(server.api("/auth/login"))
        .json(&json!({"username": "alice", "password": "alice-demo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert!(body["token"].as_str().unwrap().len() >= 32);
    assert_eq!(body["agent"]["username"], "alice");
    assert_eq!(body["agent"]["role"], "agent");
    assert_eq!(body["agent"]["name"], "Alice Bianchi");

    for (user, password) in [
        ("alice", "alice-dem0"),
        ("alice", ""),
        ("nobody", "alice-demo"),
    ] {
        let res = client()
            .post(server.api("/auth/login"))
            .json(&json!({"username": user, "password": password}))
            .send()
            .await
            .unwrap();
        let problem = expect_problem(res, 401, types::INVALID_CREDENTIALS).await;
        assert_eq!(problem["detail"], "wrong username or password");
    }
}

async fn requests_without_a_valid_token_get_401(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 10);
    for path in [
        "/sync",
        "/tickets/T-0100001",
        "/orders/x",
        "/shipments/S-00000000",
    ] {
        let res = client().get(server.api(path)).send().await.unwrap();
        expect_problem(res, 401, types::UNAUTHORIZED).await;
        let res = client()
            .get(server.api(path))
            .bearer_auth("not-a-token")
            .send()
            .await
            .unwrap();
        expect_problem(res, 401, types::UNAUTHORIZED).await;
    }
}

async fn roles_without_case_access_are_refused(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 10);
    let courier = server.login("carlo", "carlo-demo").await;
    let res = client()
        .get(server.api("/sync"))
        .bearer_auth(&courier)
        .send()
        .await
        .unwrap();
    expect_problem(res, 403, types::FORBIDDEN).await;
}

async fn sync_all(server: &Server, token: &str, limit: u32) -> Vec<Value> {
    let mut since = 0i64;
    let mut all = Vec::new();
    loop {
        let page: Value = client()
            .get(server.api(&format!("/sync?since={since}&limit={limit}")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let changes = page["changes"].as_array().unwrap();
        assert!(changes.len() <= limit as usize);
        all.extend(changes.iter().cloned());
        since = page["next"].as_i64().unwrap();
        if !page["more"].as_bool().unwrap() {
            break;
        }
        assert!(
            !changes.is_empty(),
            "a page that says more must not be empty"
        );
    }
    all
}

async fn following_the_sync_cursor_with_a_small_limit_yields_every_entity_exactly_once(
    engine: Engine,
) {
    let (_dir, server) = Server::seeded(engine, 60);
    let token = server.login("alice", "alice-demo").await;
    let all = sync_all(&server, &token, 7).await;

    let mut seen = HashSet::new();
    let mut per_kind: HashMap<String, usize> = HashMap::new();
    let mut last_cursor = 0;
    for change in &all {
        let cursor = change["cursor"].as_i64().unwrap();
        assert!(cursor > last_cursor, "cursors increase");
        last_cursor = cursor;
        let key = (
            change["kind"].as_str().unwrap().to_string(),
            change["id"].as_str().unwrap().to_string(),
        );
        assert!(seen.insert(key.clone()), "{key:?} came twice");
        *per_kind.entry(key.0).or_default() += 1;
        assert_eq!(change["data"]["id"], change["id"]);
    }
    // Exactly the seeded rows: 60 tickets, and 36 customers (3 per 5 tickets).
    assert_eq!(per_kind["ticket"], 60);
    assert_eq!(per_kind["customer"], 36);
    assert!(per_kind["order"] > 0 && per_kind["shipment"] >= per_kind["order"]);

    // The same result with one big page.
    let one_page = sync_all(&server, &token, 5000).await;
    assert_eq!(one_page, all);
}

async fn a_sync_change_carries_what_the_matching_get_returns(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 40);
    let token = server.login("alice", "alice-demo").await;
    let all = sync_all(&server, &token, 500).await;
    let mut checked = HashSet::new();
    for change in &all {
        let kind = change["kind"].as_str().unwrap();
        let path = match kind {
            "ticket" => "tickets",
            "order" => "orders",
            "shipment" => "shipments",
            "customer" => "customers",
            _ => continue,
        };
        if !checked.insert(kind) {
            continue;
        }
        let got: Value = client()
            .get(server.api(&format!("/{path}/{}", change["id"].as_str().unwrap())))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(got, change["data"], "{kind} {}", change["id"]);
    }
    assert_eq!(checked.len(), 4);
}

async fn unknown_ids_and_paths_are_404_problems(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 5);
    let token = server.login("alice", "alice-demo").await;
    for path in [
        "/tickets/T-9999999",
        "/orders/402-0000000-0000000",
        "/shipments/S-99999999",
        "/tickets/'%20OR%201=1--",
        "/no/such/path",
    ] {
        let res = client()
            .get(server.api(path))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        expect_problem(res, 404, types::NOT_FOUND).await;
    }
}

async fn bad_bodies_get_clear_problems_never_a_500(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 5);
    let login = server.api("/auth/login");
    let post = |body: &'static str, content_type: Option<&'static str>| {
        let mut req = client().post(&login).body(body);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        req.send()
    };
    // Malformed JSON.
    let res = post("{\"username\": \"alice\", ", Some("application/json"))
        .await
        .unwrap();
    expect_problem(res, 400, types::BAD_REQUEST).await;
    // A missing body.
    let res = post("", Some("application/json")).await.unwrap();
    expect_problem(res, 400, types::BAD_REQUEST).await;
    // Wrong types and missing fields.
    let res = post(
        "{\"username\": 42, \"password\": true}",
        Some("application/json"),
    )
    .await
    .unwrap();
    let problem = expect_problem(res, 422, types::INVALID_BODY).await;
    assert!(problem["detail"].as_str().unwrap().contains("username"));
    let res = post("{\"username\": \"alice\"}", Some("application/json"))
        .await
        .unwrap();
    expect_problem(res, 422, types::INVALID_BODY).await;
    // Not JSON at all.
    let res = post("username=alice", Some("application/x-www-form-urlencoded"))
        .await
        .unwrap();
    expect_problem(res, 415, types::UNSUPPORTED_MEDIA_TYPE).await;
    // A huge body.
    let huge = format!(
        "{{\"username\": \"{}\", \"password\": \"x\"}}",
        "a".repeat(2 * 1024 * 1024)
    );
    let res = client()
        .post(&login)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    expect_problem(res, 413, types::PAYLOAD_TOO_LARGE).await;
    // A bad query string.
    let token = server.login("alice", "alice-demo").await;
    for q in [
        "since=abc",
        "limit=-1",
        "limit=0",
        "limit=100000",
        "since=-5",
    ] {
        let res = client()
            .get(server.api(&format!("/sync?{q}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        expect_problem(res, 400, types::BAD_REQUEST).await;
    }
    // The server is still fine.
    let res = client()
        .get(format!("{}/readyz", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

async fn health_endpoints_answer(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 1);
    for path in ["/healthz", "/readyz"] {
        let res = client()
            .get(format!("{}{path}", server.url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
    }
}

on_both_engines!(
    login_succeeds_with_the_right_password_and_fails_alike_for_wrong_ones,
    requests_without_a_valid_token_get_401,
    roles_without_case_access_are_refused,
    following_the_sync_cursor_with_a_small_limit_yields_every_entity_exactly_once,
    a_sync_change_carries_what_the_matching_get_returns,
    unknown_ids_and_paths_are_404_problems,
    bad_bodies_get_clear_problems_never_a_500,
    health_endpoints_answer,
);
