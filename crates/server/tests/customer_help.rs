//! Asking for help from the customer page (rule 8.3) on the real binary with a real SMTP
//! server, on both engines: the contact form opens a ticket (with its callback) that agents
//! see through `/sync`, and refuses what is wrong field by field; an agent's reply on an
//! e-mail ticket reaches the customer once, in their language, and never an internal note;
//! the customer answers from the page; another customer sees none of it.

mod common;

use common::browser::{customer_with_code, decoded, Browser, Page};
use common::{Engine, Server, SmtpSink, TestStore};
use serde_json::{json, Value};

/// The newest cursor of the feed.
fn head(store: &TestStore) -> i64 {
    store.count("SELECT coalesce(max(cursor), 0) FROM changes")
}

/// The ticket documents of the feed after `since`, as alice reads them.
async fn tickets_since(server: &Server, token: &str, since: i64) -> Vec<Value> {
    let mut found = Vec::new();
    let mut since = since;
    loop {
        let page = server
            .get_json(token, &format!("/sync?since={since}&limit=500"))
            .await;
        for change in page["changes"].as_array().unwrap() {
            if change["kind"] == "ticket" {
                found.push(change["data"].clone());
            }
        }
        if page["more"] != true {
            return found;
        }
        since = page["next"].as_i64().unwrap();
    }
}

async fn a_customer_asks_for_a_callback_and_agents_see_it_through_the_feed(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (customer, email, order, _) = customer_with_code(&store, "");
    let phone = store
        .query(&format!(
            "SELECT id FROM customer_phones WHERE customer_id = '{customer}' AND NOT wrong_number ORDER BY position LIMIT 1"
        ))
        .trim()
        .to_string();
    let (other, _, other_order, _) = customer_with_code(&store, &customer);
    let other_phone = store
        .query(&format!(
            "SELECT id FROM customer_phones WHERE customer_id = '{other}' LIMIT 1"
        ))
        .trim()
        .to_string();
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let alice = server.login("alice", "alice-demo").await;
    let mut browser = Browser::new(&server);
    browser.sign_in(&sink, &email).await;
    let form = browser.get("/customer/help").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("<optgroup"), "{}", form.body);
    assert!(
        form.body.contains(&format!("value=\"{order}\"")),
        "the customer's orders are offered"
    );
    assert!(!form.body.contains(&other_order));

    let post = |topic: &'static str,
                order: String,
                phone: String,
                when: &'static str,
                at: &'static str| {
        vec![
            ("topic", topic.to_string()),
            ("order", order),
            ("note", "Where is it? <b>urgent</b>".to_string()),
            ("contact", "callback".to_string()),
            ("phone", phone),
            ("when", when.to_string()),
            ("at", at.to_string()),
        ]
    };
    async fn send(b: &mut Browser, form: Vec<(&'static str, String)>) -> Page {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        b.post("/customer/help", &pairs).await
    }
    // What is wrong is said beside its field, and nothing is opened.
    let before = store.count("SELECT COUNT(*) FROM tickets");
    let no_topic = send(
        &mut browser,
        post("", order.clone(), phone.clone(), "asap", ""),
    )
    .await;
    assert_eq!(no_topic.status, 400);
    assert!(
        no_topic.body.contains("aria-invalid=\"true\""),
        "{}",
        no_topic.body
    );
    let past = send(
        &mut browser,
        post(
            "orders/where_is_my_parcel",
            order.clone(),
            phone.clone(),
            "at",
            "2001-01-01T10:00",
        ),
    )
    .await;
    assert_eq!(past.status, 400, "{}", past.body);
    let not_my_phone = send(
        &mut browser,
        post(
            "orders/where_is_my_parcel",
            order.clone(),
            other_phone,
            "asap",
            "",
        ),
    )
    .await;
    assert_eq!(not_my_phone.status, 400, "{}", not_my_phone.body);
    let not_my_order = send(
        &mut browser,
        post(
            "orders/where_is_my_parcel",
            other_order.clone(),
            phone.clone(),
            "asap",
            "",
        ),
    )
    .await;
    assert_eq!(not_my_order.status, 404, "{}", not_my_order.body);
    assert_eq!(store.count("SELECT COUNT(*) FROM tickets"), before);

    // A callback as soon as possible: the ticket and its callback reach agents through /sync.
    let since = head(&store);
    let sent = send(
        &mut browser,
        post(
            "orders/where_is_my_parcel",
            order.clone(),
            phone.clone(),
            "asap",
            "",
        ),
    )
    .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let location = sent.location.unwrap();
    let id = location
        .trim_start_matches("/customer/requests/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let page = browser.get(&location).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Where is it? &lt;b&gt;urgent&lt;/b&gt;"),
        "{}",
        page.body
    );
    assert!(page.body.contains("role=\"status\""));
    let tickets = tickets_since(&server, &alice, since).await;
    let ticket = tickets
        .iter()
        .find(|t| t["id"] == id.as_str())
        .unwrap_or_else(|| panic!("{id} not in the feed: {tickets:?}"));
    assert_eq!(ticket["customer_id"], customer.as_str());
    assert_eq!(ticket["order_id"], order.as_str());
    assert_eq!(ticket["category"], "orders");
    assert_eq!(ticket["channel"], "phone_callback");
    assert_eq!(ticket["status"], "new");
    assert_eq!(ticket["subject"], "Where is my parcel?");
    assert_eq!(ticket["messages"][0]["kind"], "customer");
    assert_eq!(ticket["messages"][0]["body"], "Where is it? <b>urgent</b>");
    assert_eq!(ticket["callbacks"][0]["phone_id"], phone.as_str());
    assert_eq!(ticket["callbacks"][0]["state"], "scheduled");
    let due: chrono::DateTime<chrono::Utc> = ticket["callbacks"][0]["due_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let created: chrono::DateTime<chrono::Utc> =
        ticket["created_at"].as_str().unwrap().parse().unwrap();
    assert!(
        due - created <= chrono::Duration::minutes(5),
        "as soon as possible: {due} for {created}"
    );
    // And it is listed among the customer's requests.
    let list = browser.get("/customer/requests").await;
    assert!(list.body.contains(&id), "{}", list.body);
}

async fn replies_on_email_tickets_reach_the_customer_once_and_answers_come_back(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (customer, email, order, _) = customer_with_code(&store, "");
    let (_, other_email, _, _) = customer_with_code(&store, &customer);
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let alice = server.login("alice", "alice-demo").await;
    let mut browser = Browser::new(&server);
    browser.sign_in(&sink, &email).await;
    let id = browser
        .ask_for_help(
            "returns_refunds/refund_status",
            &order,
            "No refund yet.",
            "email",
        )
        .await;
    let mails_before = sink.messages().len();

    // alice answers and writes an internal note; the reply (only) is mailed, once, even when
    // her console sends it again with the same key.
    let post = |body: Value, key: &'static str| {
        reqwest::Client::new()
            .post(server.api(&format!("/tickets/{id}/messages")))
            .bearer_auth(&alice)
            .header("idempotency-key", key)
            .json(&body)
            .send()
    };
    let reply = json!({"kind": "reply", "body": "Your refund left today: 3 to 5 days."});
    assert_eq!(post(reply.clone(), "reply-1").await.unwrap().status(), 201);
    assert_eq!(post(reply, "reply-1").await.unwrap().status(), 201);
    assert_eq!(
        post(
            json!({"kind": "note", "body": "INTERNAL: bank delay"}),
            "note-1"
        )
        .await
        .unwrap()
        .status(),
        201
    );
    sink.wait_for(mails_before + 1).await;
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let mails: Vec<String> = sink.messages().iter().map(|m| decoded(m)).collect();
    let replies: Vec<&String> = mails
        .iter()
        .filter(|m| m.contains("Your refund left today"))
        .collect();
    assert_eq!(replies.len(), 1, "exactly one reply mail: {mails:?}");
    assert!(replies[0]
        .to_lowercase()
        .contains(&format!("<{}>", email.to_lowercase())));
    assert!(
        replies[0].contains(&format!("/customer/requests/{id}")),
        "{}",
        replies[0]
    );
    assert!(
        mails.iter().all(|m| !m.contains("INTERNAL")),
        "a note never leaves"
    );

    // The customer sees the reply (not the note) and answers from the page.
    let page = browser.get(&format!("/customer/requests/{id}")).await;
    assert!(page.body.contains("Your refund left today"));
    assert!(!page.body.contains("INTERNAL"), "{}", page.body);
    let answered = browser
        .post(
            &format!("/customer/requests/{id}/messages"),
            &[("body", "Thank you!")],
        )
        .await;
    assert_eq!(answered.status, 303, "{}", answered.body);
    let ticket = server.get_json(&alice, &format!("/tickets/{id}")).await;
    let last = ticket["messages"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "customer");
    assert_eq!(last["body"], "Thank you!");

    // Another customer can neither read nor answer it.
    let mut other = Browser::new(&server);
    other.sign_in(&sink, &other_email).await;
    assert_eq!(
        other.get(&format!("/customer/requests/{id}")).await.status,
        404
    );
    assert_eq!(
        other
            .post(
                &format!("/customer/requests/{id}/messages"),
                &[("body", "me too")]
            )
            .await
            .status,
        404
    );
    assert!(!other.get("/customer/requests").await.body.contains(&id));

    // Closed: the customer is told to ask again.
    let closed = reqwest::Client::new()
        .post(server.api(&format!("/tickets/{id}/close")))
        .bearer_auth(&alice)
        .json(&json!({"resolution": "Refund sent."}))
        .send()
        .await
        .unwrap();
    assert_eq!(closed.status(), 200);
    let late = browser
        .post(
            &format!("/customer/requests/{id}/messages"),
            &[("body", "One more thing")],
        )
        .await;
    assert_eq!(late.status, 409, "{}", late.body);
}
/// A server-sent event: its name and data.
struct Heard {
    event: String,
    data: String,
}

/// Reads server-sent events from a response, one at a time.
struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    async fn open(server: &Server, path: &str, header: (&str, String)) -> Events {
        let response = reqwest::Client::new()
            .get(format!("{}{path}", server.url))
            .header(header.0, header.1)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        Events {
            response,
            buffer: String::new(),
        }
    }

    /// The next event named `name` within 20 seconds.
    async fn next(&mut self, name: &str) -> Heard {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let field = |f: &str| {
                    block
                        .lines()
                        .find_map(|l| l.strip_prefix(&format!("{f}:")))
                        .map(|v| v.trim_start().to_string())
                };
                if field("event").as_deref() == Some(name) {
                    return Heard {
                        event: name.into(),
                        data: field("data").unwrap_or_default(),
                    };
                }
                continue;
            }
            let left = deadline
                .checked_duration_since(std::time::Instant::now())
                .unwrap_or_else(|| panic!("no {name} event in time"));
            let chunk = tokio::time::timeout(left, self.response.chunk())
                .await
                .unwrap_or_else(|_| panic!("no {name} event in time"))
                .unwrap()
                .expect("the stream stays open");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
}

async fn a_live_chat_carries_messages_both_ways_across_replicas_and_offers_alternatives(
    engine: Engine,
) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (customer, email, order, _) = customer_with_code(&store, "");
    // The customer on one replica, the agent on another.
    let customers = Server::start_with(&store, &["--smtp", &sink.url()]);
    let agents = Server::start(&store);
    let alice = agents.login("alice", "alice-demo").await;
    let mut browser = Browser::new(&customers);
    browser.sign_in(&sink, &email).await;
    let id = browser
        .ask_for_help(
            "orders/where_is_my_parcel",
            &order,
            "Hello, anyone there?",
            "chat",
        )
        .await;
    let page = browser.get(&format!("/customer/requests/{id}")).await;
    assert!(
        page.body
            .contains(&format!("data-events=\"/customer/requests/{id}/events\"")),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("id=\"chat-offer\" hidden"),
        "no offer yet"
    );
    let ticket = agents.get_json(&alice, &format!("/tickets/{id}")).await;
    assert_eq!(ticket["channel"], "live_chat");

    // alice answers on her replica: the customer's page hears it, pushed.
    let cookie = (
        "cookie",
        format!(
            "sportello_customer={}",
            browser.cookies["sportello_customer"]
        ),
    );
    let mut heard = Events::open(
        &customers,
        &format!("/customer/requests/{id}/events?seen=1"),
        cookie.clone(),
    )
    .await;
    let since = store.count("SELECT coalesce(max(cursor), 0) FROM changes");
    let reply = reqwest::Client::new()
        .post(agents.api(&format!("/tickets/{id}/messages")))
        .bearer_auth(&alice)
        .json(&json!({"kind": "reply", "body": "Hi, I am Alice. <b>How can I help?</b>"}))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 201);
    let message = heard.next("message").await;
    let data: Value = serde_json::from_str(&message.data).unwrap();
    assert_eq!(data["kind"], "reply");
    assert_eq!(data["author"], "Alice Bianchi");
    assert_eq!(data["body"], "Hi, I am Alice. <b>How can I help?</b>");
    assert_eq!(message.event, "message");
    // alice types: the customer's page hears who, pushed, and nothing is stored. Across
    // replicas on PostgreSQL (NOTIFY); SQLite's one process carries it within itself.
    let typing_replica = match engine {
        Engine::Postgres => &agents,
        Engine::Sqlite => &customers,
    };
    let typist = typing_replica.login("alice", "alice-demo").await;
    let before = agents.get_json(&alice, &format!("/tickets/{id}")).await;
    let typed = reqwest::Client::new()
        .post(typing_replica.api(&format!("/tickets/{id}/typing")))
        .bearer_auth(&typist)
        .send()
        .await
        .unwrap();
    assert_eq!(typed.status(), 204);
    assert_eq!(heard.next("typing").await.data, "Alice Bianchi");

    // The customer answers on theirs: alice's pushed feed brings it.
    let mut feed = Events::open(
        &agents,
        &format!("/api/v1/stream?since={since}&wait=60"),
        ("authorization", format!("Bearer {alice}")),
    )
    .await;
    // The customer types on theirs: alice's stream hears it, with the chat's id.
    let mut typing_feed = Events::open(
        typing_replica,
        &format!("/api/v1/stream?since={since}&wait=60"),
        ("authorization", format!("Bearer {typist}")),
    )
    .await;
    let typed = browser
        .post(&format!("/customer/requests/{id}/typing"), &[])
        .await;
    assert_eq!(typed.status, 204, "{}", typed.body);
    let typing: Value = serde_json::from_str(&typing_feed.next("typing").await.data).unwrap();
    assert_eq!(
        (&typing["ticket_id"], &typing["by"]),
        (&json!(id), &json!("customer"))
    );
    assert_eq!(
        agents.get_json(&alice, &format!("/tickets/{id}")).await,
        before,
        "typing is not stored"
    );
    let answered = browser
        .post(
            &format!("/customer/requests/{id}/messages"),
            &[("body", "My parcel is late.")],
        )
        .await;
    assert_eq!(answered.status, 303);
    loop {
        let page: Value = serde_json::from_str(&feed.next("changes").await.data).unwrap();
        let found = page["changes"].as_array().unwrap().iter().any(|c| {
            c["kind"] == "ticket"
                && c["id"] == id.as_str()
                && c["data"]["messages"].as_array().unwrap().last().unwrap()["body"]
                    == "My parcel is late."
        });
        if found {
            break;
        }
    }
    // The customer's own message is heard on the page too, once, after alice's.
    let own = heard.next("message").await;
    assert_eq!(
        serde_json::from_str::<Value>(&own.data).unwrap()["body"],
        "My parcel is late."
    );

    // A chat nobody picks up: a few minutes on, the page offers e-mail or a callback, and
    // the request goes on by e-mail.
    let waiting = browser
        .ask_for_help("orders/change_delivery", &order, "Anyone?", "chat")
        .await;
    let later = Server::start_later(&store, chrono::Duration::minutes(4));
    let mut offered = Events::open(
        &later,
        &format!("/customer/requests/{waiting}/events?seen=1"),
        cookie,
    )
    .await;
    offered.next("offer").await;
    let mut late = Browser::new(&later);
    late.cookies = browser.cookies.clone();
    let page = late.get(&format!("/customer/requests/{waiting}")).await;
    assert!(
        !page.body.contains("id=\"chat-offer\" hidden"),
        "the offer shows: {}",
        page.body
    );
    let switched = late
        .post(
            &format!("/customer/requests/{waiting}/switch"),
            &[("to", "email")],
        )
        .await;
    assert_eq!(switched.status, 303, "{}", switched.body);
    let ticket = agents
        .get_json(&alice, &format!("/tickets/{waiting}"))
        .await;
    assert_eq!(ticket["channel"], "email");
    assert_eq!(ticket["customer_id"], customer.as_str());
    // A chat already picked up is not switched.
    let refused = late
        .post(
            &format!("/customer/requests/{id}/switch"),
            &[("to", "email")],
        )
        .await;
    assert_eq!(refused.status, 409);
}

on_both_engines!(
    a_customer_asks_for_a_callback_and_agents_see_it_through_the_feed,
    replies_on_email_tickets_reach_the_customer_once_and_answers_come_back,
    a_live_chat_carries_messages_both_ways_across_replicas_and_offers_alternatives,
);
