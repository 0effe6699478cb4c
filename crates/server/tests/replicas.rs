//! Two `sportello-server` processes on one PostgreSQL database behave as one: sessions and
//! sign-in throttling live in the store, not in either process.

mod common;

use common::{expect_problem, Engine, Server, TestStore};
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
