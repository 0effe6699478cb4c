//! Sessions and roles over the real binary: logout, throttled sign-in, and every endpoint
//! tried with every role and with no token.

mod common;

use common::{expect_problem, Engine, Server};
use reqwest::Method;
use serde_json::json;
use sportello_protocol::problem::types;

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn a_token_stops_working_after_logout(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 3);
    let token = server.login("alice", "alice-demo").await;
    let other = server.login("alice", "alice-demo").await;
    let sync = |t: String| client().get(server.api("/sync")).bearer_auth(t).send();
    assert_eq!(sync(token.clone()).await.unwrap().status(), 200);
    let res = client()
        .post(server.api("/auth/logout"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    expect_problem(sync(token.clone()).await.unwrap(), 401, types::UNAUTHORIZED).await;
    // Another session of the same agent is untouched.
    assert_eq!(sync(other).await.unwrap().status(), 200);
}

async fn five_failed_sign_ins_throttle_that_username_whether_or_not_it_exists(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 3);
    for username in ["alice", "nobody-by-that-name"] {
        let attempt = |password: &'static str| {
            client()
                .post(server.api("/auth/login"))
                .json(&json!({"username": username, "password": password}))
                .send()
        };
        for _ in 0..5 {
            expect_problem(
                attempt("wrong").await.unwrap(),
                401,
                types::INVALID_CREDENTIALS,
            )
            .await;
        }
        // Now even the right password waits, and the answer says how long.
        let res = attempt("alice-demo").await.unwrap();
        let retry_after: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            (1..=900).contains(&retry_after),
            "Retry-After {retry_after}"
        );
        let problem = expect_problem(res, 429, types::TOO_MANY_REQUESTS).await;
        assert!(problem["detail"]
            .as_str()
            .unwrap()
            .contains("try again in 15 minutes"));
    }
    // Other usernames are not affected.
    server.login("lena", "lena-demo").await;
}

async fn every_answer_carries_a_request_id(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 1);
    let res = client().get(server.api("/sync")).send().await.unwrap();
    assert!(!res.headers()["x-request-id"].is_empty());
    let res = client()
        .get(format!("{}/healthz", server.url))
        .header("x-request-id", "trace-me-42")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "trace-me-42");
}

async fn every_endpoint_enforces_its_roles(engine: Engine) {
    let (_dir, server) = Server::seeded(engine, 5);
    let sign_ins = [
        ("agent", "alice", "alice-demo"),
        ("lead", "lena", "lena-demo"),
        ("admin", "ada", "ada-demo"),
        ("courier", "carlo", "carlo-demo"),
        ("integration", "feed", "feed-demo"),
    ];
    let mut tokens = vec![("none", None)];
    for (role, user, password) in sign_ins {
        tokens.push((role, Some(server.login(user, password).await)));
    }
    const CASE_READERS: &[&str] = &["agent", "lead", "admin"];
    // An integration account reads the feed, which sends it social replies only (rule 8.5).
    const FEED_READERS: &[&str] = &["agent", "lead", "admin", "integration"];
    // (method, path, body, roles that may call it)
    let table: &[(Method, &str, Option<serde_json::Value>, &[&str])] = &[
        (Method::GET, "/sync", None, FEED_READERS),
        (
            Method::POST,
            "/social/messages",
            Some(
                serde_json::json!({"network": "mastodon", "message_id": "role-check",
                "handle": "@role", "visibility": "private", "language": "en",
                "text": "role check"}),
            ),
            &["integration"],
        ),
        (Method::GET, "/tickets/T-0100001", None, CASE_READERS),
        (
            Method::GET,
            "/orders/402-0000000-0000000",
            None,
            CASE_READERS,
        ),
        (Method::GET, "/shipments/S-00000000", None, CASE_READERS),
        (Method::GET, "/customers/C-0000001", None, CASE_READERS),
        (
            Method::POST,
            "/tickets/T-0100001/messages",
            Some(serde_json::json!({"kind": "note", "body": "role check"})),
            &["agent", "lead"],
        ),
        (
            Method::POST,
            "/shipments/S-00000000/password/resend",
            Some(
                serde_json::json!({"recipient": "E-C-0000001", "reason": "role check", "identity_check": {"method": "security_questions"}}),
            ),
            &["agent", "lead"],
        ),
        (
            Method::POST,
            "/shipments/S-00000000/password/regenerate",
            Some(
                serde_json::json!({"reason": "role check", "identity_check": {"method": "security_questions"}}),
            ),
            &["agent", "lead"],
        ),
        (
            Method::POST,
            "/tickets/T-0100001/callbacks",
            Some(
                serde_json::json!({"phone_id": "P-0000001-1", "asap": true, "note": "role check"}),
            ),
            &["agent", "lead"],
        ),
        (
            Method::POST,
            "/callbacks/CB-0000001/attempts",
            Some(serde_json::json!({"outcome": "busy", "note": "role check"})),
            &["agent", "lead"],
        ),
        // Last: once closed, the ticket answers 409 to the roles that may work it.
        (
            Method::POST,
            "/tickets/T-0100001/close",
            Some(serde_json::json!({"resolution": "role check"})),
            &["agent", "lead"],
        ),
    ];
    for (method, path, body, allowed) in table {
        for (role, token) in &tokens {
            let mut req = client().request(method.clone(), server.api(path));
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            if let Some(b) = body {
                req = req.json(b);
            }
            let status = req.send().await.unwrap().status().as_u16();
            let expected_ok = allowed.contains(role);
            match *role {
                "none" => assert_eq!(status, 401, "{method} {path} without a token"),
                _ if expected_ok => assert!(
                    status != 401 && status != 403,
                    "{method} {path} as {role}: {status}"
                ),
                _ => assert_eq!(status, 403, "{method} {path} as {role}"),
            }
        }
    }
    // Logout works for every signed-in role.
    for (role, token) in tokens.iter().skip(1) {
        let res = client()
            .post(server.api("/auth/logout"))
            .bearer_auth(token.as_ref().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 204, "logout as {role}");
    }
}

on_both_engines!(
    a_token_stops_working_after_logout,
    five_failed_sign_ins_throttle_that_username_whether_or_not_it_exists,
    every_answer_carries_a_request_id,
    every_endpoint_enforces_its_roles,
);
