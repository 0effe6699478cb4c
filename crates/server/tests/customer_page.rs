//! The customer page (docs/product.md §8) on the real binary with a real SMTP server, on both
//! engines: a customer signs in with the link the mail carried (once, and not after 15
//! minutes), sees their orders and reads their code back (it verifies for the courier; it is
//! audited as a read-back by the customer; it is limited), manages trusted recipients (the
//! notices arrive; agents see the change through the feed), and never sees anything of
//! another customer's. Agents' tokens do nothing on customer paths, customers' sessions
//! nothing on agent paths.

mod common;

use std::collections::HashMap;

use common::{Engine, Server, SmtpSink, TestStore};
use serde_json::{json, Value};

/// A browser without JavaScript: follows nothing by itself, keeps the cookies it is given.
struct Browser {
    base: String,
    client: reqwest::Client,
    cookies: HashMap<String, String>,
}

/// What a page answered.
struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Browser {
    fn new(server: &Server) -> Browser {
        Browser {
            base: server.url.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn send(&mut self, req: reqwest::RequestBuilder) -> Page {
        let req = if self.cookies.is_empty() {
            req
        } else {
            req.header("cookie", self.cookie_header())
        };
        let res = req.send().await.unwrap();
        for value in res.headers().get_all("set-cookie") {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.into(), value.into());
            }
        }
        Page {
            status: res.status().as_u16(),
            location: res
                .headers()
                .get("location")
                .map(|v| v.to_str().unwrap().to_string()),
            body: res.text().await.unwrap(),
        }
    }

    async fn get(&mut self, path: &str) -> Page {
        let req = self.client.get(format!("{}{path}", self.base));
        self.send(req).await
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("origin", &self.base)
            .form(form);
        self.send(req).await
    }

    /// Asks for a link for `email`, reads it from the mail and signs in with it.
    async fn sign_in(&mut self, sink: &SmtpSink, email: &str) -> String {
        let before = sink.messages().len();
        let sent = self.post("/customer/signin", &[("email", email)]).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let mails = sink.wait_for(before + 1).await;
        let mail = mails
            .iter()
            .find(|m| {
                decoded(m).contains("/customer/signin/")
                    && m.to_lowercase()
                        .contains(&format!("<{}>", email.to_lowercase()))
            })
            .unwrap_or_else(|| panic!("no sign-in link for {email} in {mails:?}"));
        let path = link_path(mail);
        let confirm = self.get(&path).await;
        assert_eq!(confirm.status, 200, "{}", confirm.body);
        let used = self.post(&path, &[]).await;
        assert_eq!(used.status, 303, "{}", used.body);
        assert_eq!(used.location.as_deref(), Some("/customer"));
        assert!(self.cookies.contains_key("sportello_customer"));
        path
    }
}

/// A mail's text with quoted-printable soft breaks and escapes undone.
fn decoded(mail: &str) -> String {
    let joined = mail.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&joined[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The path of the sign-in link a mail carries.
fn link_path(mail: &str) -> String {
    let text = decoded(mail);
    let start = text.find("/customer/signin/").expect("a sign-in link");
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '"' || c == '<')
        .next()
        .unwrap()
        .to_string()
}

/// The first customer with an active code on a shipment still on its way, and one of their
/// orders holding it: `(customer id, e-mail, order, shipment)`.
fn customer_with_code(store: &TestStore, skip: &str) -> (String, String, String, String) {
    let row = store.query(&format!(
        "SELECT c.id, c.email, o.id, s.id FROM delivery_passwords p
           JOIN shipments s ON s.id = p.shipment_id
           JOIN orders o ON o.id = s.order_id
           JOIN customers c ON c.id = o.customer_id
          WHERE p.state = 'active' AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
            AND s.delivery_date > '{}' AND c.id <> '{skip}'
          ORDER BY c.id, s.id LIMIT 1",
        common::today()
    ));
    let cols: Vec<&str> = row.trim().split('|').collect();
    assert_eq!(cols.len(), 4, "a customer with an open code: {row:?}");
    (
        cols[0].into(),
        cols[1].into(),
        cols[2].into(),
        cols[3].into(),
    )
}

/// The six digits shown in the page's code box.
fn code_on(page: &str) -> String {
    let start = page.find("class=\"code\"").expect("a code box");
    let after = &page[start..];
    let open = after.find('>').unwrap() + 1;
    let close = after.find("</p>").unwrap();
    after[open..close].trim().to_string()
}

async fn a_customer_signs_in_with_the_mailed_link_once_and_reads_the_code(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (customer, email, order, shipment) = customer_with_code(&store, "");
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let mut browser = Browser::new(&server);

    // Not signed in: the sign-in form, in the browser's language.
    let home = browser.get("/customer").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("name=\"email\""), "{}", home.body);

    // An address with no account is answered the same, and nothing is mailed to it.
    let unknown = browser
        .post("/customer/signin", &[("email", "nobody@nowhere.example")])
        .await;
    assert_eq!(unknown.status, 200);
    assert!(
        unknown.body.contains("Check your e-mail"),
        "{}",
        unknown.body
    );
    let not_an_address = browser
        .post("/customer/signin", &[("email", "<script>")])
        .await;
    assert_eq!(not_an_address.status, 400);
    assert!(
        !not_an_address.body.contains("<script>"),
        "{}",
        not_an_address.body
    );

    // The link in the mail signs in, in any case of the address; it is kept only hashed.
    let path = browser.sign_in(&sink, &email.to_uppercase()).await;
    let token = path.rsplit('/').next().unwrap();
    assert_eq!(
        store.count(&format!(
            "SELECT COUNT(*) FROM customer_signin_links WHERE customer_id = '{customer}'"
        )),
        1
    );
    let hex = match engine {
        Engine::Sqlite => "lower(hex(token_hash))",
        Engine::Postgres => "encode(token_hash, 'hex')",
    };
    let stored = store.query(&format!("SELECT {hex} FROM customer_signin_links"));
    let hashed: String = sportello_server::credentials::token_hash(token)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(stored.trim(), hashed, "the link is stored only hashed");
    let orders = browser.get("/customer").await;
    assert_eq!(orders.status, 200);
    assert!(orders.body.contains(&order), "{}", orders.body);

    // Once only: the same link again cannot sign anyone in.
    let mut other = Browser::new(&server);
    let again = other.post(&path, &[]).await;
    assert_eq!(again.status, 410, "{}", again.body);
    assert!(!other.cookies.contains_key("sportello_customer"));

    // The order page offers the code; reading it back shows it with its validity.
    let page = browser.get(&format!("/customer/orders/{order}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&shipment), "{}", page.body);
    assert!(
        !page.body.contains("class=\"code\""),
        "not shown before it is asked for"
    );
    let read = browser
        .post(
            &format!("/customer/orders/{order}/shipments/{shipment}/code"),
            &[],
        )
        .await;
    assert_eq!(read.status, 200, "{}", read.body);
    let code = code_on(&read.body);
    assert_eq!(code.len(), 6, "{code:?}");
    // With its validity in the delivery zone and the warning (in the customer's language).
    let zone = store.query(&format!(
        "SELECT delivery_tz FROM shipments WHERE id = '{shipment}'"
    ));
    assert!(
        read.body.contains(&format!("({})", zone.trim())),
        "{}",
        read.body
    );
    assert!(read.body.contains("class=\"warning\""), "{}", read.body);

    // It is the code: the courier's device accepts it.
    let carlo = server.login("carlo", "carlo-demo").await;
    let verified: Value = reqwest::Client::new()
        .post(server.api(&format!("/shipments/{shipment}/password/verify")))
        .bearer_auth(&carlo)
        .json(&json!({"code": code}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(verified["valid"], true, "{verified}");

    // Audited as a read-back by the customer, without the code.
    let entry = store.query(&format!(
        "SELECT actor_role, actor_id, action, outcome, channel FROM audit_chain
          WHERE shipment_id = '{shipment}' AND action = 'read_back'"
    ));
    assert_eq!(
        entry.trim(),
        format!("customer|{customer}|read_back|done|web")
    );
    let trail = store.query(&format!(
        "SELECT * FROM audit_chain WHERE shipment_id = '{shipment}'"
    ));
    assert!(!trail.contains(&code), "no code in the audit");
    // Signing out ends the session.
    let out = browser.post("/customer/signout", &[]).await;
    assert_eq!(out.status, 303);
    let after = browser.get(&format!("/customer/orders/{order}")).await;
    assert_eq!(after.status, 303, "signed out: back to sign-in");
}

async fn a_link_does_not_work_after_fifteen_minutes(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (_, email, _, _) = customer_with_code(&store, "");
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let mut browser = Browser::new(&server);
    browser.post("/customer/signin", &[("email", &email)]).await;
    browser.post("/customer/signin", &[("email", &email)]).await;
    let mails = sink.wait_for(2).await;
    let (first, second) = (link_path(&mails[0]), link_path(&mails[1]));
    assert_ne!(first, second, "every link is new");
    // Fourteen minutes on, a link still works.
    let sooner = Server::start_later(&store, chrono::Duration::minutes(14));
    let mut in_time = Browser::new(&sooner);
    assert_eq!(in_time.post(&first, &[]).await.status, 303);
    drop(sooner);
    // Fifteen minutes and a second on, the other does not.
    let later = Server::start_later(&store, chrono::Duration::seconds(15 * 60 + 1));
    let mut late = Browser::new(&later);
    let refused = late.post(&second, &[]).await;
    assert_eq!(refused.status, 410, "{}", refused.body);
    assert!(!late.cookies.contains_key("sportello_customer"));
    assert!(
        refused.body.contains("name=\"email\""),
        "a new link is offered: {}",
        refused.body
    );
}

async fn a_customer_never_sees_another_customers_things(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (ann, ann_email, ann_order, ann_shipment) = customer_with_code(&store, "");
    let (bob, bob_email, bob_order, bob_shipment) = customer_with_code(&store, &ann);
    assert_ne!(ann_order, bob_order);
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let mut ann_b = Browser::new(&server);
    ann_b.sign_in(&sink, &ann_email).await;
    let mut bob_b = Browser::new(&server);
    bob_b.sign_in(&sink, &bob_email).await;
    let added = bob_b
        .post(
            "/customer/trusted",
            &[
                ("name", "Bob's Friend"),
                ("email", "friend.of.bob@example.com"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let bob_recipient = store
        .query(&format!(
            "SELECT id FROM trusted_recipients WHERE customer_id = '{bob}' AND email = 'friend.of.bob@example.com'"
        ))
        .trim()
        .to_string();

    // Every path that names Bob's things answers Ann "not found", and shows nothing of his.
    for (method, path) in [
        ("GET", format!("/customer/orders/{bob_order}")),
        (
            "POST",
            format!("/customer/orders/{bob_order}/shipments/{bob_shipment}/code"),
        ),
        (
            "POST",
            format!("/customer/orders/{ann_order}/shipments/{bob_shipment}/code"),
        ),
        ("POST", format!("/customer/trusted/{bob_recipient}/remove")),
    ] {
        let page = match method {
            "GET" => ann_b.get(&path).await,
            _ => ann_b.post(&path, &[]).await,
        };
        assert_eq!(page.status, 404, "{method} {path}: {}", page.body);
        assert!(!page.body.contains(&bob_shipment), "{method} {path}");
        assert!(!page.body.contains("class=\"code\""), "{method} {path}");
    }
    let home = ann_b.get("/customer").await;
    assert!(!home.body.contains(&bob_order));
    let trusted = ann_b.get("/customer/trusted").await;
    assert!(!trusted.body.contains("friend.of.bob"), "{}", trusted.body);
    // Bob's recipient is still his, and no read-back of his shipment was recorded.
    assert_eq!(
        store.count(&format!(
            "SELECT COUNT(*) FROM trusted_recipients WHERE id = '{bob_recipient}'"
        )),
        1
    );
    assert_eq!(
        store.count(&format!(
            "SELECT COUNT(*) FROM audit_chain WHERE shipment_id = '{bob_shipment}' AND action = 'read_back'"
        )),
        0
    );
    let _ = (bob, ann_shipment);
}

async fn agents_and_customers_tokens_do_not_cross(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (_, email, order, _) = customer_with_code(&store, "");
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let alice = server.login("alice", "alice-demo").await;

    // An agent's token, as a cookie or a bearer token, is no customer session.
    let mut agent = Browser::new(&server);
    agent
        .cookies
        .insert("sportello_customer".into(), alice.clone());
    assert_eq!(
        agent.get(&format!("/customer/orders/{order}")).await.status,
        303
    );
    let as_bearer = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{}/customer/orders/{order}", server.url))
        .bearer_auth(&alice)
        .send()
        .await
        .unwrap();
    assert_eq!(as_bearer.status(), 303);
    assert_eq!(agent.get("/customer/trusted").await.status, 303);

    // A customer's session is no agent token.
    let mut customer = Browser::new(&server);
    customer.sign_in(&sink, &email).await;
    let session = customer.cookies["sportello_customer"].clone();
    for path in [
        format!("/orders/{order}"),
        "/sync?since=0&limit=10".to_string(),
        "/audit".into(),
    ] {
        let res = reqwest::Client::new()
            .get(server.api(&path))
            .bearer_auth(&session)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "{path}");
    }

    // A form posted from another site changes nothing.
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/customer/trusted", server.url))
        .header("cookie", format!("sportello_customer={session}"))
        .header("origin", "https://evil.example")
        .form(&[("name", "Mallory"), ("email", "mallory@evil.example")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        store.count("SELECT COUNT(*) FROM trusted_recipients WHERE email = 'mallory@evil.example'"),
        0
    );
}

async fn read_backs_are_limited(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (_, email, order, shipment) = customer_with_code(&store, "");
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let mut browser = Browser::new(&server);
    browser.sign_in(&sink, &email).await;
    let path = format!("/customer/orders/{order}/shipments/{shipment}/code");
    for n in 1..=5 {
        let page = browser.post(&path, &[]).await;
        assert_eq!(page.status, 200, "read-back {n}");
        assert_eq!(code_on(&page.body).len(), 6);
    }
    let refused = browser.post(&path, &[]).await;
    assert_eq!(refused.status, 429);
    assert!(!refused.body.contains("class=\"code\""));
    assert!(
        refused.body.contains("class=\"problem\" role=\"alert\""),
        "{}",
        refused.body
    );
    assert_eq!(
        store.count(&format!(
            "SELECT COUNT(*) FROM audit_chain WHERE shipment_id = '{shipment}' AND action = 'read_back'"
        )),
        5
    );
}

async fn trusted_recipients_are_managed_with_notices(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (customer, email, _, shipment) = customer_with_code(&store, "");
    store.query(&format!(
        "UPDATE delivery_passwords SET sends_today = 0, regenerations_today = 0, last_sent_at = NULL
          WHERE shipment_id = '{shipment}'"
    ));
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let mut browser = Browser::new(&server);
    browser.sign_in(&sink, &email).await;

    // Markup in a name is kept as text and shown as text.
    let added = browser
        .post(
            "/customer/trusted",
            &[
                ("name", "Zoe <b>Neighbour</b>"),
                ("email", "zoe.neighbour@example.com"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let list = browser.get(added.location.as_deref().unwrap()).await;
    assert!(
        list.body.contains("Zoe &lt;b&gt;Neighbour&lt;/b&gt;"),
        "{}",
        list.body
    );
    assert!(!list.body.contains("<b>Neighbour"), "{}", list.body);
    assert!(list.body.contains("zoe.neighbour@example.com"));
    assert!(
        list.body.contains("role=\"status\""),
        "the addition is announced"
    );

    // Not an address: the field says so, nothing is added.
    let bad = browser
        .post(
            "/customer/trusted",
            &[("name", "Max"), ("email", "max at example")],
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("aria-invalid=\"true\""), "{}", bad.body);

    // The account e-mail is told, in the customer's language, without any code.
    let notice = sink.wait_for(2).await;
    let notice = notice
        .iter()
        .map(|m| decoded(m))
        .find(|m| m.contains("zoe.neighbour@example.com"))
        .expect("the trusted-recipient notice");
    assert!(notice.contains(&format!("<{email}>")), "{notice}");

    // Agents see the new recipient through the feed, masked, as a place to resend to.
    let alice = server.login("alice", "alice-demo").await;
    let doc: Value = server
        .get_json(&alice, &format!("/shipments/{shipment}"))
        .await;
    let recipient = doc["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"].as_str().unwrap().starts_with("Zoe"))
        .unwrap_or_else(|| panic!("the new recipient in {doc}"))
        .clone();
    assert!(!recipient["masked"]
        .as_str()
        .unwrap()
        .contains("zoe.neighbour"));

    // A code sent to the recipient: the account holder is told, with no code in the notice.
    let res = reqwest::Client::new()
        .post(server.api(&format!("/shipments/{shipment}/password/resend")))
        .bearer_auth(&alice)
        .json(&json!({"recipient": recipient["id"], "reason": "customer asked", "identity_check": {"method": "security_questions"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let mails = sink.wait_for(4).await;
    let to_zoe = mails
        .iter()
        .map(|m| decoded(m))
        .find(|m| m.contains("<zoe.neighbour@example.com>"))
        .expect("the password mail to the recipient");
    let code = to_zoe
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
        .expect("a code in the recipient's mail")
        .to_string();
    let elsewhere = mails
        .iter()
        .map(|m| decoded(m))
        .find(|m| m.contains(&format!("<{email}>")) && m.contains(&shipment) && m.contains("Zoe"))
        .expect("the sent-elsewhere notice");
    assert!(
        !elsewhere.contains(&code),
        "a notice never carries the code"
    );

    // Removed: gone from the page and from where agents may resend.
    let id = store
        .query(&format!(
            "SELECT id FROM trusted_recipients WHERE customer_id = '{customer}' AND email = 'zoe.neighbour@example.com'"
        ))
        .trim()
        .to_string();
    let removed = browser
        .post(&format!("/customer/trusted/{id}/remove"), &[])
        .await;
    assert_eq!(removed.status, 303);
    let list = browser.get(removed.location.as_deref().unwrap()).await;
    assert!(!list.body.contains("zoe.neighbour@example.com"));
    let doc: Value = server
        .get_json(&alice, &format!("/shipments/{shipment}"))
        .await;
    assert!(!doc["recipients"].to_string().contains("Zoe"), "{doc}");
}

async fn the_page_speaks_the_customers_language(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let (customer, email, order, _) = customer_with_code(&store, "");
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let mut browser = Browser::new(&server);
    // Before sign-in: the chosen language, kept in a cookie.
    let chosen = browser.post("/customer/language", &[("lang", "de")]).await;
    assert_eq!(chosen.status, 303);
    let home = browser.get("/customer").await;
    assert!(home.body.contains("lang=\"de\""), "{}", home.body);
    assert!(
        home.body.contains("Anmelden") || home.body.contains("anmelden"),
        "{}",
        home.body
    );
    browser.sign_in(&sink, &email).await;
    // Signed in: the account's language, which the customer sets for page and mail alike.
    let arabic = browser.post("/customer/language", &[("lang", "ar")]).await;
    assert_eq!(arabic.status, 303);
    let page = browser.get(&format!("/customer/orders/{order}")).await;
    assert!(page.body.contains("dir=\"rtl\""), "{}", page.body);
    assert!(page.body.contains("lang=\"ar\""));
    assert_eq!(
        store
            .query(&format!(
                "SELECT language FROM customers WHERE id = '{customer}'"
            ))
            .trim(),
        "ar"
    );
    // Agents see the new language through the feed.
    let alice = server.login("alice", "alice-demo").await;
    let doc: Value = server
        .get_json(&alice, &format!("/customers/{customer}"))
        .await;
    assert_eq!(doc["language"], "ar");
    let unknown = browser.post("/customer/language", &[("lang", "xx")]).await;
    assert_eq!(unknown.status, 400);
}

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
    let sent = browser
        .post(
            "/customer/help",
            &[
                ("topic", "returns_refunds/refund_status"),
                ("order", &order),
                ("note", "No refund yet."),
                ("contact", "email"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let id = sent
        .location
        .unwrap()
        .trim_start_matches("/customer/requests/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
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

on_both_engines!(
    a_customer_signs_in_with_the_mailed_link_once_and_reads_the_code,
    a_link_does_not_work_after_fifteen_minutes,
    a_customer_never_sees_another_customers_things,
    agents_and_customers_tokens_do_not_cross,
    read_backs_are_limited,
    trusted_recipients_are_managed_with_notices,
    the_page_speaks_the_customers_language,
    a_customer_asks_for_a_callback_and_agents_see_it_through_the_feed,
    replies_on_email_tickets_reach_the_customer_once_and_answers_come_back,
);
