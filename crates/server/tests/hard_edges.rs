//! Edges a test can only reach with a hand on the clock or the store: session expiry (the
//! router in-process with a fixed clock), `/readyz` while the database refuses connections,
//! unknown query parameters, and a graceful stop on SIGTERM.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Engine, Server, TestStore};
use sportello_server::clock::Clock;
use sportello_server::{app, AppState};
use tower::ServiceExt;

async fn call(router: &axum::Router, req: Request<Body>) -> (StatusCode, serde_json::Value) {
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

async fn a_session_ends_after_its_lifetime(engine: Engine) {
    let test_store = TestStore::new(engine);
    test_store.seed(2, 1);
    let store = sportello_server::store::open(&test_store.url)
        .await
        .unwrap();
    let clock = Clock::fixed("2026-11-23T08:00:00Z".parse().unwrap());
    let state = AppState {
        clock: clock.clone(),
        ..AppState::new(store)
    };
    let router = app(state);
    let login = Request::post("/api/v1/auth/login")
        .header("content-type", "application/json")
        .body(Body::from(
            r#"{"username":"alice","password":"alice-demo"}"#,
        ))
        .unwrap();
    let (status, body) = call(&router, login).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["expires_at"], "2026-11-23T20:00:00Z");
    let token = body["token"].as_str().unwrap().to_string();
    let sync = || {
        Request::get("/api/v1/sync?limit=1")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    clock.advance(chrono::Duration::hours(11) + chrono::Duration::minutes(59));
    assert_eq!(call(&router, sync()).await.0, StatusCode::OK);
    clock.advance(chrono::Duration::minutes(1));
    let (status, body) = call(&router, sync()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["type"], "urn:sportello:problem:unauthorized");
}

async fn unknown_query_parameters_are_ignored(engine: Engine) {
    let (_store, server) = Server::seeded(engine, 3);
    let token = server.login("alice", "alice-demo").await;
    let res = reqwest::Client::new()
        .get(server.api("/sync?limit=2&colour=blue&since=0"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

async fn sigterm_lets_the_server_stop_cleanly(engine: Engine) {
    let (store, server) = Server::seeded(engine, 3);
    let token = server.login("alice", "alice-demo").await;
    let status = server.terminate();
    assert!(status.success(), "exit status after SIGTERM: {status:?}");
    // Nothing was left half-done: a new server on the same store serves the same session.
    let again = Server::start(&store);
    let res = reqwest::Client::new()
        .get(again.api("/sync?limit=1"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

async fn a_store_migrated_before_the_comments_were_reworded_still_migrates(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(2, 1);
    // As a store migrated by an earlier version has it: the checksum of the first wording.
    let (version, old) = match engine {
        Engine::Sqlite => (5, "8982dfea897a2f6d23c2e5d75f31758377314ef310c422575b6cb16b20e1f675fb35ede57abe629327420cd839065249"),
        Engine::Postgres => (5, "9064b2b6fbd350b6131d598156db1795e67abb229a51b7e55b365f5ee6aa5b528659b7b17b5b0f2b81918e6613803588"),
    };
    let set = match engine {
        Engine::Sqlite => format!("X'{old}'"),
        Engine::Postgres => format!("'\\x{old}'::bytea"),
    };
    store.query(&format!(
        "UPDATE _sqlx_migrations SET checksum = {set} WHERE version = {version}"
    ));
    let migrate = || {
        common::server_command()
            .args(["migrate", "--store", &store.url])
            .output()
            .unwrap()
    };
    let out = migrate();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A migration whose statements changed is still refused.
    store.query(&format!(
        "UPDATE _sqlx_migrations SET checksum = {} WHERE version = {version}",
        match engine {
            Engine::Sqlite => "X'00'",
            Engine::Postgres => "'\\x00'::bytea",
        }
    ));
    assert!(!migrate().status.success());
}

on_both_engines!(
    a_store_migrated_before_the_comments_were_reworded_still_migrates,
    a_session_ends_after_its_lifetime,
    unknown_query_parameters_are_ignored,
    sigterm_lets_the_server_stop_cleanly,
);

/// `/readyz` answers 503 while PostgreSQL refuses connections, and 200 again when it takes
/// them, without a restart.
#[tokio::test]
async fn readyz_follows_the_database() {
    let store = TestStore::new(Engine::Postgres);
    store.seed(2, 1);
    let server = Server::start(&store);
    let ready = || async {
        reqwest::Client::new()
            .get(format!("{}/readyz", server.url))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(ready().await, 200);
    let db = store.url.rsplit('/').next().unwrap().to_string();
    let admin = common::postgres_admin_url();
    common::psql_run(
        &admin,
        &format!("ALTER DATABASE {db} ALLOW_CONNECTIONS false"),
    );
    common::psql_run(
        &admin,
        &format!("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'"),
    );
    assert_eq!(ready().await, 503);
    // The health of the process itself is unaffected.
    let health = reqwest::get(format!("{}/healthz", server.url))
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    common::psql_run(
        &admin,
        &format!("ALTER DATABASE {db} ALLOW_CONNECTIONS true"),
    );
    let mut status = 0;
    for _ in 0..50 {
        status = ready().await;
        if status == 200 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "ready again once the database is back");
}
