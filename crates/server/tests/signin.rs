//! Sign-in under pressure (rules 6.2–6.5): parallel guesses cannot pass the five-per-username
//! count, which holds until its window ends; oversized or control-character credentials are
//! refused before anything is counted; a flood of sign-ins is answered "busy" instead of
//! hashing every password at once; fifty failures from one address throttle that address;
//! and the sweeper removes ended throttles, expired sessions and old idempotency keys.

mod common;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::Duration;
use common::{expect_problem, Desk, Engine, Server};
use serde_json::json;
use sportello_protocol::problem::types;

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

/// A client whose connections come from `address` (any 127.x.y.z reaches the server).
fn client_from(address: Ipv4Addr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(address))
        .build()
        .unwrap()
}

async fn sign_in(
    client: &reqwest::Client,
    server: &Server,
    username: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(server.api("/auth/login"))
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
}

fn retry_after(res: &reqwest::Response) -> u64 {
    res.headers()
        .get("retry-after")
        .expect("a Retry-After header")
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

async fn parallel_guesses_pass_the_count_five_times_and_wait_for_the_window(engine: Engine) {
    let (store, server) = Server::seeded(engine, 5);
    let server = std::sync::Arc::new(server);
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..200 {
        let server = server.clone();
        guesses.spawn(async move {
            let res = sign_in(&client(), &server, "alice", &format!("guess-{n}")).await;
            let status = res.status().as_u16();
            let waits = res.headers().contains_key("retry-after");
            let body: serde_json::Value = res.json().await.unwrap();
            (status, waits, body["type"].as_str().unwrap().to_string())
        });
    }
    let mut answers: BTreeMap<(u16, bool, String), u32> = BTreeMap::new();
    while let Some(answer) = guesses.join_next().await {
        *answers.entry(answer.unwrap()).or_default() += 1;
    }
    let expected = BTreeMap::from([
        ((401, false, types::INVALID_CREDENTIALS.to_string()), 5),
        ((429, true, types::TOO_MANY_REQUESTS.to_string()), 195),
    ]);
    assert_eq!(answers, expected);
    assert_eq!(
        store.query("SELECT tries FROM login_throttle WHERE key = 'user:alice'"),
        "5\n"
    );

    // The right password waits too, until the window's 15 minutes are over.
    let res = sign_in(&client(), &server, "alice", "alice-demo").await;
    let wait = retry_after(&res);
    assert!((840..=900).contains(&wait), "Retry-After {wait}");
    expect_problem(res, 429, types::TOO_MANY_REQUESTS).await;
    drop(server);
    let later = Server::start_later(&store, Duration::minutes(14));
    let res = sign_in(&client(), &later, "alice", "alice-demo").await;
    let wait = retry_after(&res);
    assert!(
        (1..=60).contains(&wait),
        "Retry-After {wait} a minute before"
    );
    expect_problem(res, 429, types::TOO_MANY_REQUESTS).await;
    drop(later);
    let after = Server::start_later(&store, Duration::minutes(16));
    after.login("alice", "alice-demo").await;
    assert_eq!(
        store.count("SELECT count(*) FROM login_throttle WHERE key = 'user:alice'"),
        0
    );
}

async fn oversized_or_control_character_credentials_are_refused_and_not_counted(engine: Engine) {
    let (store, server) = Server::seeded(engine, 5);
    // A username as long as the 1 MiB body cap lets through, and one past the cap.
    let near_cap = "u".repeat(sportello_server::api::BODY_LIMIT - 64);
    let over_cap = "u".repeat(sportello_server::api::BODY_LIMIT);
    let refused = [
        (near_cap.as_str(), "x", 422, types::INVALID_BODY, "username"),
        (&"a".repeat(129), "x", 422, types::INVALID_BODY, "username"),
        (
            "al\u{0}ice",
            "alice-demo",
            422,
            types::INVALID_BODY,
            "U+0000",
        ),
        (
            "ali\u{202E}ce",
            "alice-demo",
            422,
            types::INVALID_BODY,
            "U+202E",
        ),
        ("  ", "alice-demo", 422, types::INVALID_BODY, "username"),
        (
            "alice",
            &"p".repeat(2048),
            422,
            types::INVALID_BODY,
            "password",
        ),
        (&over_cap, "x", 413, types::PAYLOAD_TOO_LARGE, ""),
    ];
    for (username, password, status, kind, says) in refused {
        let res = sign_in(&client(), &server, username, password).await;
        let problem = expect_problem(res, status, kind).await;
        let detail = problem["detail"].as_str().unwrap_or_default();
        assert!(detail.contains(says), "{detail:?} should name {says:?}");
    }
    assert_eq!(store.count("SELECT count(*) FROM login_throttle"), 0);
    assert_eq!(store.count("SELECT count(*) FROM sessions"), 0);
    // Nothing was counted against alice: five wrong passwords still get their 401s.
    for _ in 0..5 {
        let res = sign_in(&client(), &server, "alice", "wrong").await;
        expect_problem(res, 401, types::INVALID_CREDENTIALS).await;
    }
}

/// The peak resident memory of a process, in KiB.
fn vm_hwm(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().strip_suffix("kB"))
        .map(|v| v.trim().parse().unwrap())
        .expect("VmHWM in /proc/PID/status")
}

/// Argon2 takes 19 MiB per hash: unbounded, these sign-ins at once would take over 2 GiB. Each
/// comes from its own loopback address, as a distributed flood would, so the per-address
/// throttle does not answer first. (The gate admits five per core: on a machine with more
/// than 24 cores, 120 sign-ins would not fill it.)
#[tokio::test(flavor = "multi_thread")]
async fn a_sign_in_flood_is_answered_busy_and_memory_stays_flat() {
    let (_store, server) = Server::seeded(Engine::Sqlite, 5);
    server.login("alice", "alice-demo").await;
    let before = vm_hwm(server.pid());
    let server = std::sync::Arc::new(server);
    let mut flood = tokio::task::JoinSet::new();
    for n in 0..120u8 {
        let server = server.clone();
        flood.spawn(async move {
            let from = client_from(Ipv4Addr::new(127, 0, 1, n + 1));
            let res = sign_in(&from, &server, &format!("made-up-{n}"), "guess").await;
            let status = res.status().as_u16();
            let waits = res.headers().get("retry-after").is_some();
            let body: serde_json::Value = res.json().await.unwrap_or_default();
            (
                status,
                waits,
                body["type"].as_str().unwrap_or("").to_string(),
            )
        });
    }
    let mut busy = 0;
    while let Some(answer) = flood.join_next().await {
        match answer.unwrap() {
            (401, _, kind) => assert_eq!(kind, types::INVALID_CREDENTIALS),
            (503, waits, kind) => {
                assert!(waits, "a 503 without Retry-After");
                assert_eq!(kind, types::BUSY);
                busy += 1;
            }
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert!(busy > 0, "no sign-in was refused as busy");
    let grown_mib = vm_hwm(server.pid()).saturating_sub(before) / 1024;
    assert!(grown_mib < 150, "peak memory grew by {grown_mib} MiB");
    // The server is fine afterwards.
    server.login("lena", "lena-demo").await;
}

async fn fifty_failures_from_one_address_throttle_that_address(engine: Engine) {
    let (store, server) = Server::seeded(engine, 5);
    // Five at a time: within what the hashing gate admits, so none is refused as busy.
    for batch in 0..10 {
        let mut tries = tokio::task::JoinSet::new();
        for n in 0..5 {
            let url = server.api("/auth/login");
            tries.spawn(async move {
                let body = json!({"username": format!("stranger-{batch}-{n}"), "password": "x"});
                client().post(url).json(&body).send().await.unwrap()
            });
        }
        while let Some(res) = tries.join_next().await {
            expect_problem(res.unwrap(), 401, types::INVALID_CREDENTIALS).await;
        }
    }
    assert_eq!(
        store.query("SELECT tries FROM login_throttle WHERE key = 'addr:127.0.0.1'"),
        "50\n"
    );
    // A 51st username from the same address waits, and so does a right password.
    for (username, password) in [("stranger-51", "x"), ("alice", "alice-demo")] {
        let res = sign_in(&client(), &server, username, password).await;
        let wait = retry_after(&res);
        assert!((1..=900).contains(&wait), "Retry-After {wait}");
        let problem = expect_problem(res, 429, types::TOO_MANY_REQUESTS).await;
        assert!(problem["detail"]
            .as_str()
            .unwrap()
            .contains("for this address"));
    }
    // The refusal did not count against the usernames; another address signs in.
    assert_eq!(
        store.count(
            "SELECT count(*) FROM login_throttle
              WHERE key IN ('user:stranger-51', 'user:alice') AND tries > 0"
        ),
        0
    );
    let res = sign_in(
        &client_from(Ipv4Addr::new(127, 0, 0, 2)),
        &server,
        "alice",
        "alice-demo",
    )
    .await;
    assert_eq!(res.status(), 200);
}

async fn the_sweeper_removes_ended_throttles_expired_sessions_and_old_keys(engine: Engine) {
    let desk = Desk::new(engine).await;
    let store = sportello_server::store::open(&desk.store.url)
        .await
        .unwrap();
    let sweep = || sportello_server::sweeper::sweep_once(&*store, &desk.clock);
    let wrong_sign_in = |username: &'static str| {
        let req = Request::post("/api/v1/auth/login")
            .header("content-type", "application/json")
            .body(Body::from(
                json!({"username": username, "password": "guess"}).to_string(),
            ))
            .unwrap();
        desk.call(req)
    };
    for _ in 0..3 {
        assert_eq!(
            wrong_sign_in("nobody-by-that-name").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let ticket = desk.rows("SELECT id FROM tickets WHERE status = 'open' ORDER BY id LIMIT 1");
    let (status, _, _) = desk
        .post(
            &desk.alice,
            &format!("/tickets/{}/messages", ticket[0]),
            json!({"kind": "note", "body": "kept for a day"}),
            Some("sweep-me"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let counts = || {
        [
            "SELECT count(*) FROM login_throttle WHERE key = 'user:nobody-by-that-name'",
            "SELECT count(*) FROM login_throttle WHERE key = 'user:late-comer'",
            "SELECT count(*) FROM sessions",
            "SELECT count(*) FROM idempotency_keys",
        ]
        .map(|sql| desk.store.count(sql))
    };
    assert_eq!(counts(), [1, 0, 2, 1]);
    sweep().await.unwrap();
    assert_eq!(counts(), [1, 0, 2, 1], "nothing is due yet");

    desk.clock.advance(Duration::minutes(16));
    let swept = sweep().await.unwrap();
    assert_eq!(swept.throttles, 1);
    assert_eq!(counts(), [0, 0, 2, 1], "the ended throttle window");

    desk.clock
        .advance(Duration::hours(13) - Duration::minutes(16));
    wrong_sign_in("late-comer").await;
    let swept = sweep().await.unwrap();
    assert_eq!(swept.sessions, 2);
    assert_eq!(counts(), [0, 1, 0, 1], "the sessions past their 12 hours");
    let (status, _, _) = desk.get(&desk.alice, "/auth/session").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    desk.clock.advance(Duration::hours(12));
    let swept = sweep().await.unwrap();
    assert_eq!(swept.idempotency_keys, 1);
    assert_eq!(counts(), [0, 0, 0, 0], "the key past its 24 hours");
}

on_both_engines!(
    parallel_guesses_pass_the_count_five_times_and_wait_for_the_window,
    oversized_or_control_character_credentials_are_refused_and_not_counted,
    fifty_failures_from_one_address_throttle_that_address,
    the_sweeper_removes_ended_throttles_expired_sessions_and_old_keys,
);
