//! Accounts (rules 6.1, 6.4, 3.9): an operator adds, re-keys, disables and lists accounts on
//! the command line with passwords read from standard input; an agent changes their own
//! password and their other sessions end; a store still holding the demo passwords is served
//! only with `--demo`; a courier entering more than twenty wrong codes within an hour is locked
//! out and flagged.

mod common;

use std::io::Write;
use std::process::{Output, Stdio};

use axum::http::StatusCode;
use chrono::Duration;
use common::{
    expect_problem, serve_refused, server_command, today, Desk, Engine, Server, TestStore,
};
use serde_json::json;
use sportello_protocol::problem::types;

/// `sportello-server agent SUBCOMMAND --store URL ARGS…` with `stdin` piped in.
fn agent(store: &TestStore, subcommand: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = server_command()
        .args(["agent", subcommand, "--store", &store.url])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sportello-server agent");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The line of `agent list` for `username`, if any.
fn listed(store: &TestStore, username: &str) -> Option<String> {
    let out = agent(store, "list", &[], "");
    assert!(out.status.success(), "agent list: {}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .find(|l| l.split_whitespace().next() == Some(username))
        .map(str::to_string)
}

fn add_mario(store: &TestStore, password: &str) -> Output {
    let args = ["--role", "agent", "--name", "Mario Rossi", "mario"];
    agent(store, "add", &args, &format!("{password}\n"))
}

async fn sign_in(server: &Server, username: &str, password: &str) -> reqwest::Response {
    reqwest::Client::new()
        .post(server.api("/auth/login"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
}

async fn session_status(server: &Server, token: &str) -> u16 {
    reqwest::Client::new()
        .get(server.api("/auth/session"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn an_operator_adds_an_account_with_a_password_from_standard_input(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(5, 7);
    let out = add_mario(&store, "short-pass1");
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("at least 12 characters"),
        "{}",
        stderr(&out)
    );
    assert_eq!(listed(&store, "mario"), None);
    assert_eq!(
        store.count("SELECT count(*) FROM agents WHERE username = 'mario'"),
        0
    );

    let out = add_mario(&store, "mario-password-1");
    assert!(out.status.success(), "agent add: {}", stderr(&out));
    let line = listed(&store, "mario").expect("mario is listed");
    let words: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(words, ["mario", "agent", "Mario", "Rossi", "0", "active"]);

    let again = add_mario(&store, "another-password-2");
    assert!(!again.status.success());
    assert!(stderr(&again).contains("already"), "{}", stderr(&again));

    let server = Server::start(&store);
    let res = sign_in(&server, "mario", "mario-password-1").await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["agent"]["role"], "agent");
    assert_eq!(body["agent"]["name"], "Mario Rossi");
    let res = sign_in(&server, "mario", "another-password-2").await;
    expect_problem(res, 401, types::INVALID_CREDENTIALS).await;
}

async fn passwd_and_disable_end_the_accounts_sessions(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(5, 7);
    assert!(add_mario(&store, "mario-password-1").status.success());
    let server = Server::start(&store);
    let first = server.login("mario", "mario-password-1").await;
    assert_eq!(session_status(&server, &first).await, 200);

    let out = agent(&store, "passwd", &["mario"], "mario-password-2\n");
    assert!(out.status.success(), "agent passwd: {}", stderr(&out));
    assert_eq!(session_status(&server, &first).await, 401);
    let res = sign_in(&server, "mario", "mario-password-1").await;
    expect_problem(res, 401, types::INVALID_CREDENTIALS).await;
    let second = server.login("mario", "mario-password-2").await;
    let out = agent(&store, "passwd", &["nobody"], "mario-password-3\n");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no account"), "{}", stderr(&out));

    let out = agent(&store, "disable", &["mario"], "");
    assert!(out.status.success(), "agent disable: {}", stderr(&out));
    assert_eq!(session_status(&server, &second).await, 401);
    let res = sign_in(&server, "mario", "mario-password-2").await;
    expect_problem(res, 401, types::INVALID_CREDENTIALS).await;
    let line = listed(&store, "mario").unwrap();
    assert!(line.ends_with("disabled"), "{line}");
}

async fn an_agent_changes_their_own_password_and_their_other_sessions_end(engine: Engine) {
    let desk = Desk::new(engine).await;
    let other = desk.login("alice", "alice-demo").await;
    let change = |current: &str, new: &str| {
        desk.post(
            &desk.alice,
            "/auth/password",
            json!({"current_password": current, "new_password": new}),
            None,
        )
    };
    // A wrong current password is refused (403 `invalid-credentials`; not a 401, which a
    // console takes for an ended session), and the session goes on.
    let (status, body, _) = change("alice-dem0", "a-long-new-password").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["type"], types::INVALID_CREDENTIALS);
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("current password"));
    assert_eq!(
        desk.get(&desk.alice, "/auth/session").await.0,
        StatusCode::OK
    );
    for (new, says) in [
        ("too-short", "at least 12 characters"),
        ("twelve chars\u{7}", "control characters"),
    ] {
        let (status, body, _) = change("alice-demo", new).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["type"], types::INVALID_BODY);
        assert!(body["detail"].as_str().unwrap().contains(says), "{body}");
        assert_eq!(desk.get(&other, "/auth/session").await.0, StatusCode::OK);
    }
    // Nothing changed: the old password still signs in.
    desk.login("alice", "alice-demo").await;

    let (status, body, _) = change("alice-demo", "a-long-new-password").await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(
        desk.get(&other, "/auth/session").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        desk.get(&desk.alice, "/auth/session").await.0,
        StatusCode::OK
    );
    assert_eq!(
        desk.get(&desk.lena, "/auth/session").await.0,
        StatusCode::OK
    );
    desk.login("alice", "a-long-new-password").await;
    let (status, _, _) = desk
        .post(
            "",
            "/auth/login",
            json!({"username": "alice", "password": "alice-demo"}),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

async fn serve_refuses_published_demo_passwords_unless_asked(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(5, 7);
    let err = serve_refused(&store, &[]);
    for says in [
        "--demo",
        "agent passwd",
        "alice, lena, carlo, feed, ada, marco, sarah",
    ] {
        assert!(err.contains(says), "{says:?} not in {err}");
    }
    for username in ["alice", "lena", "carlo", "feed", "marco", "sarah"] {
        let out = agent(&store, "passwd", &[username], "not-the-demo-one\n");
        assert!(out.status.success(), "passwd {username}: {}", stderr(&out));
    }
    let err = serve_refused(&store, &[]);
    assert!(
        err.contains("(ada)"),
        "only ada still has her demo password: {err}"
    );

    assert!(agent(&store, "passwd", &["ada"], "not-the-demo-one\n")
        .status
        .success());
    let mut command = server_command();
    command
        .args(["serve", "--store", &store.url, "--listen", "127.0.0.1:0"])
        .args(["--keys-file", &store.keys_file()]);
    let server = Server::spawn(command);
    assert!(server.url.starts_with("http://127.0.0.1:"));
    server.login("alice", "not-the-demo-one").await;
}

/// Shipments still on their way with an active password, due after today; their wrong-code
/// counts cleared.
fn open_password_shipments(desk: &Desk, n: usize) -> Vec<String> {
    let ids = desk.rows(&format!(
        "SELECT p.shipment_id FROM delivery_passwords p JOIN shipments s ON s.id = p.shipment_id
          WHERE p.state = 'active' AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
            AND s.delivery_date > '{}'
          ORDER BY p.shipment_id LIMIT {n}",
        today()
    ));
    assert_eq!(
        ids.len(),
        n,
        "the seed has {n} open shipments with passwords"
    );
    desk.store.query(&format!(
        "UPDATE delivery_passwords SET failed_verifications = 0 WHERE shipment_id IN ('{}')",
        ids.join("', '")
    ));
    ids
}

/// A wrong code two minutes after the last: a code has six digits, five never match.
async fn wrong_code(desk: &Desk, token: &str, id: &str) -> (StatusCode, serde_json::Value) {
    desk.clock.advance(Duration::minutes(2));
    let path = format!("/shipments/{id}/password/verify");
    let (status, body, _) = desk
        .post(token, &path, json!({"code": "12345"}), None)
        .await;
    (status, body)
}

async fn a_courier_entering_over_twenty_wrong_codes_in_an_hour_is_locked_out(engine: Engine) {
    let desk = Desk::new(engine).await;
    let shipments = open_password_shipments(&desk, 6);
    let carlo = desk.login("carlo", "carlo-demo").await;
    let lockout =
        || desk.rows("SELECT disabled, coalesce(flagged, '') FROM agents WHERE username = 'carlo'");
    let not_locked = lockout();
    // Four wrong codes per password, so no password locks.
    for id in &shipments[..5] {
        for _ in 0..4 {
            let (status, body) = wrong_code(&desk, &carlo, id).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(body["valid"], false);
            assert_eq!(body["state"], "active");
        }
    }
    // Twenty within the hour (40 minutes) are not enough.
    assert_eq!(desk.get(&carlo, "/auth/session").await.0, StatusCode::OK);
    assert_eq!(lockout(), not_locked);
    assert!(not_locked[0].ends_with('|'), "carlo starts unflagged");

    let (status, body) = wrong_code(&desk, &carlo, &shipments[5]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["valid"], false);
    let (status, body, _) = desk.get(&carlo, "/auth/session").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, body, _) = desk
        .post(
            "",
            "/auth/login",
            json!({"username": "carlo", "password": "carlo-demo"}),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let locked = lockout();
    let (disabled, flagged) = locked[0].split_once('|').unwrap();
    assert!(matches!(disabled, "1" | "t"), "disabled: {locked:?}");
    assert!(flagged.contains("21 wrong delivery codes"), "{flagged}");
}

/// Rule 3.9 holds for wrong codes entered at once too: 21 wrong codes, one on each of 21
/// passwords and sent together, lock the courier out as 21 in a row do.
async fn parallel_wrong_codes_lock_the_courier_out_too(engine: Engine) {
    let desk = Desk::new(engine).await;
    let shipments = open_password_shipments(&desk, 21);
    let carlo = desk.login("carlo", "carlo-demo").await;
    let mut codes = tokio::task::JoinSet::new();
    for id in shipments {
        let router = desk.router.clone();
        let req = axum::http::Request::post(format!("/api/v1/shipments/{id}/password/verify"))
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {carlo}"))
            .body(axum::body::Body::from(json!({"code": "12345"}).to_string()))
            .unwrap();
        codes.spawn(async move {
            use tower::ServiceExt;
            router.oneshot(req).await.unwrap().status()
        });
    }
    while let Some(status) = codes.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::OK);
    }
    assert_eq!(
        desk.store
            .count("SELECT count(*) FROM verification_failures"),
        21
    );
    let (status, _, _) = desk.get(&carlo, "/auth/session").await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "21 wrong codes within the hour left carlo signed in: {:?}",
        desk.rows("SELECT disabled, flagged FROM agents WHERE username = 'carlo'")
    );
    let flagged = desk.rows("SELECT coalesce(flagged, '') FROM agents WHERE username = 'carlo'");
    assert!(flagged[0].contains("wrong delivery codes"), "{flagged:?}");
}

on_both_engines!(
    an_operator_adds_an_account_with_a_password_from_standard_input,
    passwd_and_disable_end_the_accounts_sessions,
    an_agent_changes_their_own_password_and_their_other_sessions_end,
    serve_refuses_published_demo_passwords_unless_asked,
    a_courier_entering_over_twenty_wrong_codes_in_an_hour_is_locked_out,
    parallel_wrong_codes_lock_the_courier_out_too,
);
