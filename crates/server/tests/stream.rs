//! The pushed feed (`GET /stream`, server-sent events) on the real binary: a request a
//! customer opens on one replica reaches an agent's stream on another (on PostgreSQL the signal
//! travels by `LISTEN`/`NOTIFY`), without the agent asking; after a disconnect a new stream
//! from the last cursor brings what happened meanwhile, once; the stream refuses what
//! `/sync` refuses; a chat survives the agent's replica being killed.

mod common;

use std::time::{Duration, Instant};

use common::browser::{customer_with_code, Browser};
use common::{Engine, Server, SmtpSink, TestStore};
use serde_json::Value;

/// A server-sent event: its id and its data, parsed.
struct Pushed {
    id: i64,
    page: Value,
}

/// An open stream, read event by event.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(server: &Server, token: &str, since: i64) -> Stream {
        let response = reqwest::Client::new()
            .get(server.api(&format!("/stream?since={since}&wait=60")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream"));
        Stream {
            response,
            buffer: String::new(),
        }
    }

    /// The next `changes` event, or `None` when none comes within `patience`.
    async fn next(&mut self, patience: Duration) -> Option<Pushed> {
        let deadline = Instant::now() + patience;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let field = |name: &str| {
                    block
                        .lines()
                        .find_map(|l| l.strip_prefix(&format!("{name}:")))
                        .map(|v| v.trim_start().to_string())
                };
                if field("event").as_deref() != Some("changes") {
                    continue;
                }
                return Some(Pushed {
                    id: field("id").unwrap().parse().unwrap(),
                    page: serde_json::from_str(&field("data").unwrap()).unwrap(),
                });
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match tokio::time::timeout(left, self.response.chunk()).await {
                Ok(Ok(Some(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                _ => return None,
            }
        }
    }
}

fn head(store: &TestStore) -> i64 {
    store.count("SELECT coalesce(max(cursor), 0) FROM changes")
}

/// Whether a pushed page holds the ticket `id`.
fn has_ticket(pushed: &Pushed, id: &str) -> bool {
    pushed.page["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["kind"] == "ticket" && c["id"] == id)
}

/// Waits for the event that carries ticket `id`, collecting every cursor pushed meanwhile.
async fn until_ticket(stream: &mut Stream, id: &str, cursors: &mut Vec<i64>) -> Pushed {
    loop {
        let pushed = stream
            .next(Duration::from_secs(20))
            .await
            .unwrap_or_else(|| panic!("ticket {id} was never pushed"));
        for c in pushed.page["changes"].as_array().unwrap() {
            cursors.push(c["cursor"].as_i64().unwrap());
        }
        if has_ticket(&pushed, id) {
            return pushed;
        }
    }
}

async fn a_new_request_is_pushed_to_an_agent_on_another_replica_and_resumes_after_a_disconnect(
    engine: Engine,
) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (_, email, order, _) = customer_with_code(&store, "");
    // The customer and the agent use different processes: on PostgreSQL the signal travels
    // by NOTIFY; on SQLite (one process in production) the follower's next look finds it.
    let customers = Server::start_with(&store, &["--smtp", &sink.url()]);
    let agents = Server::start(&store);
    let alice = agents.login("alice", "alice-demo").await;
    let mut browser = Browser::new(&customers);
    browser.sign_in(&sink, &email).await;

    let since = head(&store);
    let mut stream = Stream::open(&agents, &alice, since).await;
    let first = browser
        .ask_for_help("orders/where_is_my_parcel", &order, "first", "email")
        .await;
    let mut cursors = Vec::new();
    let pushed = until_ticket(&mut stream, &first, &mut cursors).await;
    assert!(pushed.id > since);
    assert_eq!(pushed.page["next"].as_i64(), Some(pushed.id));

    // The agent's replica goes away; two more requests meanwhile.
    drop(stream);
    drop(agents);
    let second = browser
        .ask_for_help("orders/where_is_my_parcel", &order, "second", "email")
        .await;
    let third = browser
        .ask_for_help("orders/where_is_my_parcel", &order, "third", "email")
        .await;
    let back = Server::start(&store);
    let alice = back.login("alice", "alice-demo").await;
    let mut resumed = Stream::open(&back, &alice, pushed.id).await;
    let mut after = Vec::new();
    let mut seen = Vec::new();
    while !(seen.contains(&second) && seen.contains(&third)) {
        let page = resumed
            .next(Duration::from_secs(20))
            .await
            .expect("what happened meanwhile is pushed");
        for c in page.page["changes"].as_array().unwrap() {
            after.push(c["cursor"].as_i64().unwrap());
            if c["kind"] == "ticket" {
                seen.push(c["id"].as_str().unwrap().to_string());
            }
        }
    }
    assert!(!seen.contains(&first), "nothing before the cursor again");
    assert!(
        after.iter().all(|c| *c > pushed.id),
        "{after:?} after {}",
        pushed.id
    );
    let mut unique = after.clone();
    unique.dedup();
    assert_eq!(unique, after, "no change twice");
    assert!(after.windows(2).all(|w| w[0] < w[1]), "in order: {after:?}");
}

async fn the_stream_refuses_what_sync_refuses(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(50, 11);
    let server = Server::start(&store);
    let http = reqwest::Client::new();
    let get = |token: Option<String>, query: &'static str| {
        let mut req = http.get(server.api(&format!("/stream{query}")));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send()
    };
    assert_eq!(get(None, "?since=0").await.unwrap().status(), 401);
    let carlo = server.login("carlo", "carlo-demo").await;
    assert_eq!(get(Some(carlo), "?since=0").await.unwrap().status(), 403);
    let alice = server.login("alice", "alice-demo").await;
    for query in [
        "?since=-1",
        "?since=0&wait=0",
        "?since=0&wait=3601",
        "?since=x",
    ] {
        assert_eq!(
            get(Some(alice.clone()), query).await.unwrap().status(),
            400,
            "{query}"
        );
    }
}

/// A social network's connector follows the stream: an agent's reply on a social ticket is
/// pushed to it, and nothing else is (rule 8.5).
async fn a_connector_is_pushed_the_agents_social_replies_alone(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(50, 11);
    let server = Server::start(&store);
    let feed = server.login("feed", "feed-demo").await;
    let alice = server.login("alice", "alice-demo").await;
    let http = reqwest::Client::new();
    let filed: Value = http
        .post(server.api("/social/messages"))
        .bearer_auth(&feed)
        .json(
            &serde_json::json!({"network": "mastodon", "message_id": "109-1",
            "handle": "@anna@example.social", "visibility": "public", "language": "en",
            "text": "Where is my parcel?"}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ticket = filed["ticket_id"].as_str().unwrap();
    let mut stream = Stream::open(&server, &feed, 0).await;
    for (kind, body) in [
        ("note", "INTERNAL: check the depot"),
        ("reply", "It left today."),
    ] {
        let res = http
            .post(server.api(&format!("/tickets/{ticket}/messages")))
            .bearer_auth(&alice)
            .json(&serde_json::json!({"kind": kind, "body": body}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let pushed = stream
        .next(Duration::from_secs(10))
        .await
        .expect("the reply is pushed");
    let changes = pushed.page["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "the reply alone: {changes:?}");
    assert_eq!(changes[0]["kind"], "social_reply");
    assert_eq!(changes[0]["data"]["text"], "It left today.");
    assert_eq!(changes[0]["data"]["in_reply_to"], "109-1");
    assert_eq!(changes[0]["data"]["visibility"], "public");
}

/// The customer writes in their chat from its page.
async fn say(browser: &mut Browser, chat: &str, text: &str) {
    let page = browser
        .post(
            &format!("/customer/requests/{chat}/messages"),
            &[("body", text)],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
}

/// A live chat across two replicas: the customer writes on one, the agent's stream follows
/// on the other; that replica is killed mid-chat, and a stream opened on the surviving one
/// from the last cursor brings what was written meanwhile: in the end every message was
/// pushed, none twice in the conversation, and no change of the stream came twice.
async fn a_chat_survives_the_agents_replica_being_killed(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(100, 11);
    let (_, email, order, _) = customer_with_code(&store, "");
    let customers = Server::start_with(&store, &["--smtp", &sink.url()]);
    let agents = Server::start(&store);
    let mut browser = Browser::new(&customers);
    browser.sign_in(&sink, &email).await;
    let chat = browser
        .ask_for_help("orders/where_is_my_parcel", &order, "hello?", "chat")
        .await;
    let alice = agents.login("alice", "alice-demo").await;
    let mut stream = Stream::open(&agents, &alice, head(&store)).await;
    let reply = reqwest::Client::new()
        .post(agents.api(&format!("/tickets/{chat}/messages")))
        .bearer_auth(&alice)
        .json(&serde_json::json!({"kind": "reply", "body": "Alice here."}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 201);
    say(&mut browser, &chat, "one").await;

    // What the stream pushed of the chat: its conversations, and every cursor.
    let mut cursors = Vec::new();
    let mut last = Vec::new();
    let follow = |pushed: &Pushed, cursors: &mut Vec<i64>, last: &mut Vec<String>| {
        for c in pushed.page["changes"].as_array().unwrap() {
            cursors.push(c["cursor"].as_i64().unwrap());
            if c["kind"] == "ticket" && c["id"] == chat.as_str() {
                *last = c["data"]["messages"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m["body"].as_str().unwrap().to_string())
                    .collect();
            }
        }
    };
    let mut at = 0;
    while last.last().map(String::as_str) != Some("one") {
        let pushed = stream
            .next(Duration::from_secs(20))
            .await
            .expect("the chat is pushed");
        follow(&pushed, &mut cursors, &mut last);
        at = pushed.id;
    }

    // The agent's replica is killed; the customer goes on writing on theirs.
    drop(stream);
    drop(agents);
    say(&mut browser, &chat, "two").await;
    say(&mut browser, &chat, "three").await;
    let alice = customers.login("alice", "alice-demo").await;
    let mut resumed = Stream::open(&customers, &alice, at).await;
    while last.last().map(String::as_str) != Some("three") {
        let pushed = resumed
            .next(Duration::from_secs(20))
            .await
            .expect("what was written meanwhile is pushed");
        follow(&pushed, &mut cursors, &mut last);
    }
    assert_eq!(last, ["hello?", "Alice here.", "one", "two", "three"]);
    let mut unique = cursors.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        cursors.len(),
        "no change pushed twice: {cursors:?}"
    );
}

on_both_engines!(
    a_chat_survives_the_agents_replica_being_killed,
    a_new_request_is_pushed_to_an_agent_on_another_replica_and_resumes_after_a_disconnect,
    the_stream_refuses_what_sync_refuses,
    a_connector_is_pushed_the_agents_social_replies_alone,
);
