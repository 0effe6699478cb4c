//! `/api/v1/openapi.json` describes exactly what the server serves.

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
    assert!(paths["/api/v1/sync"]["get"]["responses"]["401"]["content"]
        ["application/problem+json"]
        .is_object());
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
