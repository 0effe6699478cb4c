//! `/api/v1/openapi.json` describes exactly what the server serves, and tells the truth about
//! it: a schema-driven fuzzer (schemathesis) finds no request the schema calls valid that the
//! server refuses, no request it calls invalid that the server takes, no answer that is not
//! documented, and no answer whose body differs from its schema.

mod common;

use common::{expect_problem, Engine, Server};
use serde_json::Value;
use sportello_protocol::problem::types;

/// Every route the server serves, as a client would list them.
const SERVED: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/auth/session"),
    ("post", "/api/v1/auth/password"),
    ("post", "/api/v1/callbacks/{id}/reveal"),
    ("get", "/api/v1/sync"),
    ("get", "/api/v1/stream"),
    ("get", "/api/v1/tickets/{id}"),
    ("get", "/api/v1/orders/{id}"),
    ("get", "/api/v1/shipments/{id}"),
    ("get", "/api/v1/customers/{id}"),
    ("post", "/api/v1/tickets/{id}/messages"),
    ("post", "/api/v1/tickets/{id}/callbacks"),
    ("post", "/api/v1/callbacks/{id}/attempts"),
    ("post", "/api/v1/tickets/{id}/close"),
    ("post", "/api/v1/shipments/{id}/password/resend"),
    ("post", "/api/v1/shipments/{id}/password/regenerate"),
    ("post", "/api/v1/shipments/{id}/password/verify"),
    ("post", "/api/v1/shipments/{id}/events"),
    ("post", "/api/v1/social/messages"),
    ("post", "/api/v1/tickets/{id}/typing"),
    ("get", "/api/v1/audit"),
    ("get", "/api/v1/audit/verify"),
    ("get", "/api/v1/audit/checkpoint"),
    ("get", "/api/v1/audit/keys"),
    ("get", "/healthz"),
    ("get", "/readyz"),
];

#[tokio::test]
async fn the_openapi_document_covers_every_served_route_and_nothing_else() {
    let (_store, server) = Server::seeded(Engine::Sqlite, 2);
    let client = reqwest::Client::new();
    let spec: Value = client
        .get(server.api("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let paths = spec["paths"].as_object().unwrap();

    for (method, path) in SERVED {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{method} {path} is served but not in the OpenAPI document"
        );
    }

    // Everything documented is served: no 404 from the router, no 405.
    let token = server.login("alice", "alice-demo").await;
    let mut documented = 0;
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            documented += 1;
            assert!(
                SERVED.contains(&(method.as_str(), path.as_str())),
                "{method} {path} is documented but the test does not know it: add it to SERVED"
            );
            let url = format!("{}{}", server.url, path.replace("{id}", "x"));
            let res = client
                .request(method.to_uppercase().parse().unwrap(), url)
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            assert_ne!(status, 405, "{method} {path}");
            if status == 404 {
                let body: Value = res.json().await.unwrap();
                let detail = body["detail"].as_str().unwrap_or_default();
                assert!(
                    !detail.starts_with("no such"),
                    "{method} {path} is not routed: {detail}"
                );
            }
        }
    }
    assert_eq!(documented, SERVED.len());

    // Request and answer shapes are described, errors as problems, with bearer security.
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    for name in [
        "LoginRequest",
        "LoginResponse",
        "SyncPage",
        "Change",
        "Ticket",
        "Shipment",
        "PasswordStatus",
        "Problem",
    ] {
        assert!(schemas.contains_key(name), "schema {name}");
    }
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
    // Every pattern is one of the text rules the server holds (the field attributes repeat
    // them as literals; `text.rs` checks the rules themselves agree with the server).
    fn patterns(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("pattern", Value::String(p)) => out.push(p.clone()),
                        _ => patterns(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| patterns(v, out)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    patterns(&spec, &mut found);
    use sportello_protocol::text::{CASE_ID, FREE_TEXT, IDEMPOTENCY_KEY, NETWORK, REQUIRED_TEXT};
    assert!(found.len() >= 15, "{found:?}");
    for p in &found {
        assert!(
            [FREE_TEXT, REQUIRED_TEXT, IDEMPOTENCY_KEY, CASE_ID, NETWORK].contains(&p.as_str()),
            "an unknown pattern {p:?}"
        );
    }
    assert!(paths["/api/v1/sync"]["get"]["responses"]["401"]["content"]
        ["application/problem+json"]
        .is_object());
}

/// Runs schemathesis (from the tests' Python, `SPORTELLO_TEST_PYTHON`, which `./dev test`
/// provides) against the served document with every check, as the holder of `token`, on the
/// operations under `paths` (all of them when empty) but `skip`.
///
/// The coverage and fuzzing phases run; the stateful phase does not: it feeds ids that exist
/// into requests whose other values are random, and the server then refuses what no schema
/// can state (a recipient not on file for that shipment, a key already used for another
/// request). Ids the fuzzer makes up name nothing, so the server answers 404 before any such
/// rule, after the checks the schema does state.
fn fuzz(server: &Server, token: &str, paths: &[&str], skip: &[&str]) {
    let python = std::env::var("SPORTELLO_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let scratch = tempfile::tempdir().unwrap();
    let mut command = std::process::Command::new(python);
    command
        .args(["-m", "schemathesis.cli", "run"])
        .arg(server.api("/openapi.json"))
        .args(["--url", &server.url])
        .args(["-H", &format!("Authorization: Bearer {token}")])
        .args(["--checks", "all", "--phases", "coverage,fuzzing"])
        .args(["--max-examples", "40", "--seed", "20261201"])
        .args(["--generation-database", "none", "--no-color"])
        // In an empty directory of its own: nothing the run writes lands in the repository,
        // and no stray file shadows a Python module (Python looks in the working directory).
        .current_dir(scratch.path());
    for path in paths {
        command.args(["--include-path", path]);
    }
    for path in skip {
        command.args(["--exclude-path", path]);
    }
    let out = command
        .output()
        .expect("python with schemathesis (./dev test installs it)");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "schemathesis found what the document does not say:\n{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn a_schema_driven_fuzzer_finds_the_document_true() {
    let (_store, server) = Server::seeded(Engine::Sqlite, 20);
    // Every operation as an agent, but signing out (it would end the session under test) and
    // the stream (it stays open up to its `wait`; tests/stream.rs drives it).
    let alice = server.login("alice", "alice-demo").await;
    fuzz(
        &server,
        &alice,
        &[],
        &["/api/v1/auth/logout", "/api/v1/stream"],
    );
    // What only the courier and the carrier feed may do, as them; signing out on its own.
    let carlo = server.login("carlo", "carlo-demo").await;
    fuzz(
        &server,
        &carlo,
        &["/api/v1/shipments/{id}/password/verify"],
        &[],
    );
    let feed = server.login("feed", "feed-demo").await;
    fuzz(&server, &feed, &["/api/v1/shipments/{id}/events"], &[]);
    let ada = server.login("ada", "ada-demo").await;
    fuzz(&server, &ada, &["/api/v1/auth/logout"], &[]);
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem() {
    let (_store, server) = Server::seeded(Engine::Sqlite, 1);
    let res = reqwest::Client::new()
        .delete(server.api("/sync"))
        .send()
        .await
        .unwrap();
    expect_problem(res, 405, types::METHOD_NOT_ALLOWED).await;
}
