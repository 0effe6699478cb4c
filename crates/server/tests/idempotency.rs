//! State-changing requests with an `Idempotency-Key`, over the real binary on both engines:
//! a repeat answers the first answer and changes nothing, the same key with another body is
//! refused, concurrent repeats make one change, and keys are per agent. Exercised through
//! `POST /tickets/{id}/messages`, which also gets its own checks here.

mod common;

use common::{expect_problem, Engine, Server, TestStore};
use serde_json::{json, Value};
use sportello_protocol::problem::types;

struct Case {
    _store: TestStore,
    server: Server,
    token: String,
    ticket: String,
}

async fn case(engine: Engine) -> Case {
    let store = TestStore::new(engine);
    store.seed(40, 3);
    let ticket = first_line(
        &store.query("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY id LIMIT 1"),
    );
    let server = Server::start(&store);
    let token = server.login("alice", "alice-demo").await;
    Case {
        _store: store,
        server,
        token,
        ticket,
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().expect("a row").trim().to_string()
}

impl Case {
    async fn post(&self, key: Option<&str>, body: &Value) -> reqwest::Response {
        self.post_as(&self.token, key, body).await
    }

    async fn post_as(&self, token: &str, key: Option<&str>, body: &Value) -> reqwest::Response {
        let mut req = reqwest::Client::new()
            .post(
                self.server
                    .api(&format!("/tickets/{}/messages", self.ticket)),
            )
            .bearer_auth(token)
            .json(body);
        if let Some(key) = key {
            req = req.header("Idempotency-Key", key);
        }
        req.send().await.unwrap()
    }

    async fn messages(&self) -> Vec<Value> {
        let ticket: Value = self
            .server
            .get_json(&self.token, &format!("/tickets/{}", self.ticket))
            .await;
        ticket["messages"].as_array().unwrap().clone()
    }
}

async fn a_repeated_key_returns_the_first_answer_and_changes_nothing(engine: Engine) {
    let c = case(engine).await;
    let before = c.messages().await.len();
    let body = json!({"kind": "note", "body": "Customer called twice about the code."});
    let first = c.post(Some("key-1"), &body).await;
    assert_eq!(first.status(), 201);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first: Value = first.json().await.unwrap();
    let added = first["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(added["kind"], "note");
    assert_eq!(added["author"], "Alice Bianchi");
    assert_eq!(added["body"], "Customer called twice about the code.");

    let again = c.post(Some("key-1"), &body).await;
    assert_eq!(again.status(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.unwrap(), first);
    assert_eq!(c.messages().await.len(), before + 1);

    // Without a key, every request is a new one.
    for _ in 0..2 {
        let res = c
            .post(None, &json!({"kind": "reply", "body": "We are on it."}))
            .await;
        assert_eq!(res.status(), 201);
    }
    assert_eq!(c.messages().await.len(), before + 3);
}

async fn the_same_key_with_another_body_is_refused(engine: Engine) {
    let c = case(engine).await;
    let res = c
        .post(Some("key-2"), &json!({"kind": "note", "body": "one"}))
        .await;
    assert_eq!(res.status(), 201);
    let count = c.messages().await.len();
    let res = c
        .post(Some("key-2"), &json!({"kind": "note", "body": "two"}))
        .await;
    expect_problem(res, 422, types::IDEMPOTENCY_KEY_REUSED).await;
    assert_eq!(c.messages().await.len(), count);
}

async fn keys_belong_to_the_agent_who_sent_them(engine: Engine) {
    let c = case(engine).await;
    let lena = c.server.login("lena", "lena-demo").await;
    let body = json!({"kind": "note", "body": "same words"});
    let before = c.messages().await.len();
    assert_eq!(c.post(Some("shared-key"), &body).await.status(), 201);
    let res = c.post_as(&lena, Some("shared-key"), &body).await;
    assert_eq!(res.status(), 201);
    assert!(res.headers().get("idempotent-replayed").is_none());
    let authors: Vec<Value> = c.messages().await[before..]
        .iter()
        .map(|m| m["author"].clone())
        .collect();
    assert_eq!(authors, [json!("Alice Bianchi"), json!("Lena Rossi")]);
}

async fn concurrent_requests_with_one_key_make_one_change(engine: Engine) {
    let c = std::sync::Arc::new(case(engine).await);
    let before = c.messages().await.len();
    let body = json!({"kind": "reply", "body": "Your new code is on its way."});
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (c, body) = (c.clone(), body.clone());
            tokio::spawn(async move {
                let res = c.post(Some("burst"), &body).await;
                (res.status().as_u16(), res.json::<Value>().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tasks {
        answers.push(t.await.unwrap());
    }
    assert!(
        answers.iter().all(|(status, _)| *status == 201),
        "{answers:?}"
    );
    assert!(answers.iter().all(|(_, body)| *body == answers[0].1));
    assert_eq!(c.messages().await.len(), before + 1);
}

async fn bad_messages_get_clear_problems_and_store_nothing(engine: Engine) {
    let c = case(engine).await;
    let before = c.messages().await.len();
    let cases = [
        (
            json!({"kind": "customer", "body": "pretending"}),
            422,
            types::INVALID_BODY,
        ),
        (
            json!({"kind": "note", "body": "   "}),
            422,
            types::INVALID_BODY,
        ),
        (json!({"kind": "note"}), 422, types::INVALID_BODY),
        (
            json!({"kind": "note", "body": 42}),
            422,
            types::INVALID_BODY,
        ),
        (
            json!({"kind": "note", "body": "x".repeat(20_001)}),
            422,
            types::INVALID_BODY,
        ),
        (
            json!({"kind": "note", "body": "x".repeat(2 * 1024 * 1024)}),
            413,
            types::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (body, status, kind) in cases {
        expect_problem(c.post(Some("bad"), &body).await, status, kind).await;
    }
    let res = reqwest::Client::new()
        .post(c.server.api(&format!("/tickets/{}/messages", c.ticket)))
        .bearer_auth(&c.token)
        .header("Idempotency-Key", "has spaces in it")
        .json(&json!({"kind": "note", "body": "fine"}))
        .send()
        .await
        .unwrap();
    expect_problem(res, 400, types::BAD_REQUEST).await;
    let res = reqwest::Client::new()
        .post(c.server.api("/tickets/T-9999999/messages"))
        .bearer_auth(&c.token)
        .json(&json!({"kind": "note", "body": "fine"}))
        .send()
        .await
        .unwrap();
    expect_problem(res, 404, types::NOT_FOUND).await;
    assert_eq!(c.messages().await.len(), before);

    // Markup and SQL are kept as the text they are.
    let text = "<script>alert(1)</script>'; DROP TABLE tickets; --";
    let res = c.post(None, &json!({"kind": "note", "body": text})).await;
    assert_eq!(res.status(), 201);
    assert_eq!(c.messages().await.last().unwrap()["body"], text);
}

async fn a_closed_ticket_takes_no_messages(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(40, 3);
    let closed = first_line(
        &store.query("SELECT id FROM tickets WHERE status = 'closed' ORDER BY id LIMIT 1"),
    );
    let server = Server::start(&store);
    let token = server.login("alice", "alice-demo").await;
    let res = reqwest::Client::new()
        .post(server.api(&format!("/tickets/{closed}/messages")))
        .bearer_auth(&token)
        .json(&json!({"kind": "reply", "body": "hello?"}))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(res, 409, types::TICKET_CLOSED).await;
    assert!(problem["detail"].as_str().unwrap().contains(&closed));
}

async fn a_message_reaches_the_feed(engine: Engine) {
    let c = case(engine).await;
    let head = |page: Value| page["head"].as_i64().unwrap();
    let sync = |since: i64| {
        reqwest::Client::new()
            .get(c.server.api(&format!("/sync?since={since}&limit=1000")))
            .bearer_auth(&c.token)
            .send()
    };
    let before = head(sync(0).await.unwrap().json().await.unwrap());
    let res = c
        .post(None, &json!({"kind": "reply", "body": "Sent again."}))
        .await;
    let ticket: Value = res.json().await.unwrap();
    let page: Value = sync(before).await.unwrap().json().await.unwrap();
    let changes = page["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["kind"], "ticket");
    assert_eq!(changes[0]["data"], ticket);
}

on_both_engines!(
    a_repeated_key_returns_the_first_answer_and_changes_nothing,
    the_same_key_with_another_body_is_refused,
    keys_belong_to_the_agent_who_sent_them,
    concurrent_requests_with_one_key_make_one_change,
    bad_messages_get_clear_problems_and_store_nothing,
    a_closed_ticket_takes_no_messages,
    a_message_reaches_the_feed,
);
