//! The customer page (docs/product.md §8) on the real binary with a real SMTP server, on both
//! engines: a customer signs in with the link the mail carried (once, and not after 15
//! minutes), sees their orders and reads their code back (it verifies for the courier; it is
//! audited as a read-back by the customer; it is limited), manages trusted recipients (the
//! notices arrive; agents see the change through the feed), and never sees anything of
//! another customer's. Agents' tokens do nothing on customer paths, customers' sessions
//! nothing on agent paths.

mod common;

use common::browser::{code_on, customer_with_code, decoded, link_path, Browser};
use common::{Engine, Server, SmtpSink, TestStore};
use serde_json::{json, Value};

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

/// One client asking for links for many addresses is stopped (rule 8.1): it cannot have the
/// server mail many inboxes, whether or not they are customers'.
async fn one_client_cannot_have_many_inboxes_mailed(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(50, 11);
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let mut browser = Browser::new(&server);
    for n in 1..=20 {
        let page = browser
            .post(
                "/customer/signin",
                &[("email", &format!("someone{n}@example.org"))],
            )
            .await;
        assert_eq!(page.status, 200, "link {n}: {}", page.body);
    }
    let refused = browser
        .post("/customer/signin", &[("email", "someone21@example.org")])
        .await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert!(refused.body.contains("role=\"alert\""), "{}", refused.body);
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

/// The customer's page reads an order's shipments in one statement and the recipients once for
/// all of them; each must be the document agents read of it one by one, less the password's
/// history.
async fn an_orders_shipments_read_at_once_are_those_agents_read(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(300, 5);
    // Orders with several shipments, and one with a shipment that has no password.
    let orders = store.query(
        "SELECT o.customer_id || '|' || o.id FROM orders o
          WHERE (SELECT COUNT(*) FROM shipments s WHERE s.order_id = o.id) > 1
             OR EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id AND NOT EXISTS
                          (SELECT 1 FROM delivery_passwords p WHERE p.shipment_id = s.id))
          ORDER BY o.id LIMIT 12",
    );
    let orders: Vec<(&str, &str)> = orders.lines().filter_map(|l| l.split_once('|')).collect();
    assert!(orders.len() >= 4, "too few orders to compare: {orders:?}");
    let now: chrono::DateTime<chrono::Utc> =
        format!("{}T12:00:00Z", common::today()).parse().unwrap();
    let opened = sportello_server::store::open(&store.url).await.unwrap();
    let (mut shipments, mut without_password) = (0, 0);
    for (customer, order) in orders {
        let (doc, read) = opened.customer_order(customer, order, now).await.unwrap();
        assert_eq!(doc.shipment_ids.len(), read.len());
        for (id, shipment) in doc.shipment_ids.iter().zip(&read) {
            let mut agents = opened.shipment(id, now).await.unwrap().unwrap();
            if let Some(p) = agents.password.as_mut() {
                p.history.clear();
            } else {
                without_password += 1;
            }
            assert_eq!(
                serde_json::to_value(shipment).unwrap(),
                serde_json::to_value(&agents).unwrap(),
                "shipment {id} of order {order}"
            );
            shipments += 1;
        }
        let other = opened.customer_order("someone-else", order, now).await;
        assert!(other.is_err(), "order {order} is not someone else's");
    }
    assert!(shipments > 4, "compared {shipments} shipments");
    assert!(
        without_password > 0,
        "a shipment without a password was compared"
    );
}

on_both_engines!(
    an_orders_shipments_read_at_once_are_those_agents_read,
    a_customer_signs_in_with_the_mailed_link_once_and_reads_the_code,
    one_client_cannot_have_many_inboxes_mailed,
    a_link_does_not_work_after_fifteen_minutes,
    a_customer_never_sees_another_customers_things,
    agents_and_customers_tokens_do_not_cross,
    read_backs_are_limited,
    trusted_recipients_are_managed_with_notices,
    the_page_speaks_the_customers_language,
);
