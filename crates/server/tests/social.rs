//! Social-media messages (rule 8.5) on the real binary with a real SMTP server, on both
//! engines: a connector with the integration role files what customers write on a network
//! into `social` tickets agents see through `/sync`; a network message posted twice, even at
//! once, is filed once; the agents' replies, and nothing else, reach the connector through
//! the feed, to be published where the customer wrote; nothing is ever mailed to a customer
//! made from a handle; what is wrong is refused, field by field.

mod common;

use common::{Engine, Server, SmtpSink, TestStore};
use serde_json::{json, Value};

/// Every change of the feed after `since` as `token` reads it.
async fn changes(server: &Server, token: &str, since: i64) -> Vec<Value> {
    let mut found = Vec::new();
    let mut since = since;
    loop {
        let page = server
            .get_json(token, &format!("/sync?since={since}&limit=500"))
            .await;
        found.extend(page["changes"].as_array().unwrap().iter().cloned());
        if page["more"] != true {
            return found;
        }
        since = page["next"].as_i64().unwrap();
    }
}

/// The latest document of entity `id` among `changes`.
fn latest<'a>(changes: &'a [Value], kind: &str, id: &str) -> &'a Value {
    &changes
        .iter()
        .rev()
        .find(|c| c["kind"] == kind && c["id"] == id)
        .unwrap_or_else(|| panic!("no {kind} {id} in the feed"))["data"]
}

fn message(id: &str, handle: &str, visibility: &str, text: &str) -> Value {
    json!({"network": "mastodon", "message_id": id, "handle": handle, "name": "Anna Rossi",
        "visibility": visibility, "language": "it-IT", "text": text})
}

async fn post(server: &Server, token: &str, body: &Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(server.api("/social/messages"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

async fn a_connector_files_messages_and_publishes_the_agents_replies(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(50, 11);
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let feed = server.login("feed", "feed-demo").await;
    let alice = server.login("alice", "alice-demo").await;
    assert!(
        changes(&server, &feed, 0).await.is_empty(),
        "a connector's feed holds no case data"
    );

    // The first message opens a social ticket for a customer made from the handle; HTML is
    // kept as the text it is.
    let first = message(
        "m-1",
        "@anna",
        "private",
        "<b>Dov'è</b> il mio pacco?\nOrdine 42",
    );
    let (status, receipt) = post(&server, &feed, &first).await;
    assert_eq!(status, 201, "{receipt}");
    let ticket = receipt["ticket_id"].as_str().unwrap().to_string();
    assert_eq!(receipt["message_id"], format!("{ticket}-M1"));
    assert_eq!(receipt["duplicate"], false);
    // Posted again: where it went, nothing new.
    let (status, again) = post(&server, &feed, &first).await;
    assert_eq!((status, &again["ticket_id"]), (200, &receipt["ticket_id"]));
    assert_eq!(again["duplicate"], true);
    // The same handle in private again: the same conversation; in public: another one.
    let (status, second) = post(&server, &feed, &message("m-2", "@anna", "private", "Ciao?")).await;
    assert_eq!(
        (status, second["ticket_id"].as_str()),
        (201, Some(ticket.as_str()))
    );
    let (_, public) = post(&server, &feed, &message("m-3", "@anna", "public", "Help!")).await;
    assert_ne!(public["ticket_id"], receipt["ticket_id"]);

    // Agents see it through the feed like any request.
    let seen = changes(&server, &alice, 0).await;
    let doc = latest(&seen, "ticket", &ticket);
    assert_eq!(doc["channel"], "social");
    assert_eq!(doc["status"], "new");
    assert_eq!(doc["subject"], "<b>Dov'è</b> il mio pacco?");
    let bodies: Vec<&str> = doc["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["<b>Dov'è</b> il mio pacco?\nOrdine 42", "Ciao?"]);
    let customer = latest(&seen, "customer", doc["customer_id"].as_str().unwrap());
    assert_eq!(
        (&customer["name"], &customer["language"]),
        (&json!("Anna Rossi"), &json!("it"))
    );
    assert_eq!(
        public["ticket_id"]
            .as_str()
            .map(|t| latest(&seen, "ticket", t)["customer_id"].clone()),
        Some(doc["customer_id"].clone()),
        "one handle, one customer"
    );

    // alice answers and notes: the connector reads the reply alone, to publish in private
    // below the customer's latest message; alice's feed never carries it.
    let head = server.get_json(&feed, "/sync?since=0").await["head"]
        .as_i64()
        .unwrap();
    for (kind, body) in [
        ("note", "INTERNAL: depot delay"),
        ("reply", "È partito oggi."),
    ] {
        let res = reqwest::Client::new()
            .post(server.api(&format!("/tickets/{ticket}/messages")))
            .bearer_auth(&alice)
            .json(&json!({"kind": kind, "body": body}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
    }
    let replies = changes(&server, &feed, head).await;
    assert_eq!(replies.len(), 1, "{replies:?}");
    assert_eq!(replies[0]["kind"], "social_reply");
    let reply = &replies[0]["data"];
    assert_eq!(reply["id"], format!("{ticket}-M4"));
    assert_eq!(reply["ticket_id"], ticket);
    assert_eq!(reply["network"], "mastodon");
    assert_eq!(reply["handle"], "@anna");
    assert_eq!(reply["visibility"], "private");
    assert_eq!(reply["in_reply_to"], "m-2");
    assert_eq!(reply["language"], "it");
    assert_eq!(reply["text"], "È partito oggi.");
    assert!(
        reply["author"].as_str().unwrap().contains("Alice"),
        "{reply}"
    );
    assert!(
        changes(&server, &alice, 0)
            .await
            .iter()
            .all(|c| c["kind"] != "social_reply"),
        "a console is never sent a social reply"
    );

    // Closed, the conversation mails nothing (the customer has no address); the handle's
    // next message opens a new ticket.
    let res = reqwest::Client::new()
        .post(server.api(&format!("/tickets/{ticket}/close")))
        .bearer_auth(&alice)
        .json(&json!({"resolution": "Answered on Mastodon."}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let (status, next) = post(
        &server,
        &feed,
        &message("m-4", "@anna", "private", "Grazie!"),
    )
    .await;
    assert_eq!(status, 201);
    assert_ne!(next["ticket_id"].as_str(), Some(ticket.as_str()));
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    assert!(
        sink.messages().is_empty(),
        "nothing mailed: {:?}",
        sink.messages()
    );
    assert_eq!(
        store.count("SELECT count(*) FROM mail_outbox"),
        0,
        "nothing waits to be mailed"
    );
}

/// The same network message posted by several connector processes at once is filed once; a
/// new handle's first messages at once make one customer and one conversation.
async fn messages_posted_at_once_are_filed_once(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(20, 11);
    let server = Server::start(&store);
    let feed = server.login("feed", "feed-demo").await;
    let same = message("dup-1", "@bruno", "private", "Pacco?");
    let posts = (0..8).map(|_| post(&server, &feed, &same));
    let answers = futures::future::join_all(posts).await;
    let created = answers.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!(created, 1, "{answers:?}");
    assert!(answers
        .iter()
        .all(|(s, r)| (*s == 201 || *s == 200) && r["ticket_id"] == answers[0].1["ticket_id"]));

    let bodies: Vec<Value> = (0..8)
        .map(|i| {
            message(
                &format!("new-{i}"),
                "@carla",
                "private",
                &format!("Messaggio {i}"),
            )
        })
        .collect();
    let answers = futures::future::join_all(bodies.iter().map(|b| post(&server, &feed, b))).await;
    assert!(answers.iter().all(|(s, _)| *s == 201), "{answers:?}");
    let ticket = answers[0].1["ticket_id"].as_str().unwrap();
    assert!(
        answers.iter().all(|(_, r)| r["ticket_id"] == ticket),
        "{answers:?}"
    );
    assert_eq!(
        store.count(&format!(
            "SELECT count(*) FROM messages WHERE ticket_id = '{ticket}'"
        )),
        8
    );
    assert_eq!(
        store.count("SELECT count(*) FROM social_identities WHERE handle = '@carla'"),
        1
    );
    assert_eq!(
        store.count("SELECT count(*) FROM customers WHERE id LIKE 'C-S%'"),
        2,
        "@bruno and @carla, no orphan"
    );
}

async fn what_is_wrong_is_refused_field_by_field(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(20, 11);
    let server = Server::start(&store);
    let feed = server.login("feed", "feed-demo").await;
    let alice = server.login("alice", "alice-demo").await;
    let good = message("bad-0", "@dora", "public", "Ciao");
    let with = |field: &str, value: Value| {
        let mut body = good.clone();
        body[field] = value;
        body
    };
    for (body, says) in [
        (with("network", json!("Mastodon!")), "network"),
        (
            with("language", json!("xx")),
            "not one Sportello answers in",
        ),
        (with("text", json!("   ")), "the text is empty"),
        (with("text", json!("x".repeat(5001))), "5001 characters"),
        (with("handle", json!("@do\u{202E}ra")), "bidirectional"),
    ] {
        let (status, problem) = post(&server, &feed, &body).await;
        assert_eq!(status, 422, "{body}: {problem}");
        assert!(
            problem["detail"].as_str().unwrap().contains(says),
            "{problem}"
        );
    }
    let (status, _) = post(&server, &feed, &with("visibility", json!("secret"))).await;
    assert_eq!(status, 422);
    let (status, _) = post(&server, &alice, &good).await;
    assert_eq!(status, 403, "agents do not post social messages");
    assert_eq!(store.count("SELECT count(*) FROM social_messages"), 0);
}

on_both_engines!(
    a_connector_files_messages_and_publishes_the_agents_replies,
    messages_posted_at_once_are_filed_once,
    what_is_wrong_is_refused_field_by_field,
);
