//! Contacts and privacy (rules 5.1–5.3) over the real binary: no answer and no change in the
//! feed carries a whole e-mail address or phone number of a customer or trusted recipient
//! (the raw text is scanned for every contact on file, in every form a number is written);
//! customers carry contact tokens for the console's search instead; an agent working a
//! callback may reveal its number, and every reveal is audited without the number.

mod common;

use common::{expect_problem, Engine, Server, TestStore};
use serde_json::{json, Value};
use sportello_protocol::problem::types;

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

/// The forms a number on file may be written in: as stored, its digits, and its digits
/// without the country code when it has one.
fn phone_forms(number: &str) -> Vec<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let mut forms = vec![number.to_string(), digits.clone()];
    if let Some(rest) = number.strip_prefix('+') {
        let country: String = rest.chars().take_while(char::is_ascii_digit).collect();
        forms.push(digits[country.len()..].to_string());
    }
    forms
}

/// Every contact on file, lowercased, in every form it may be written in.
fn contacts_on_file(store: &TestStore) -> Vec<String> {
    let mut contacts = Vec::new();
    for sql in [
        "SELECT email FROM customers",
        "SELECT email FROM trusted_recipients",
    ] {
        let emails: Vec<String> = store.query(sql).lines().map(str::to_lowercase).collect();
        assert!(!emails.is_empty(), "{sql} found nothing");
        contacts.extend(emails);
    }
    let numbers = store.query("SELECT number FROM customer_phones");
    assert!(numbers.lines().count() > 10, "the seed has phones");
    for number in numbers.lines() {
        contacts.extend(phone_forms(number));
    }
    contacts
}

/// Fails when `text` holds any of `contacts` (case-insensitive).
fn assert_no_contact(text: &str, contacts: &[String], what: &str) {
    let text = text.to_lowercase();
    let leaked: Vec<&String> = contacts.iter().filter(|c| text.contains(*c)).collect();
    assert!(leaked.is_empty(), "{what} carries {leaked:?}");
}

async fn get_text(server: &Server, token: &str, path: &str) -> String {
    let res = client()
        .get(server.api(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "GET {path}");
    res.text().await.unwrap()
}

/// The whole feed, each page as the raw text that came over the wire.
async fn feed_pages(server: &Server, token: &str) -> Vec<String> {
    let mut pages = Vec::new();
    let mut since = 0;
    loop {
        let text = get_text(server, token, &format!("/sync?since={since}&limit=5000")).await;
        let page: Value = serde_json::from_str(&text).unwrap();
        since = page["next"].as_i64().unwrap();
        let more = page["more"].as_bool().unwrap();
        pages.push(text);
        if !more {
            return pages;
        }
    }
}

fn assert_customer_doc(doc: &Value) {
    let tokens = doc["contact_tokens"].as_array();
    assert!(
        tokens.is_some_and(|t| !t.is_empty()),
        "customer {} without contact tokens: {doc}",
        doc["id"]
    );
    assert!(doc.get("search").is_none(), "a search field in {doc}");
    assert!(doc["email"]["masked"].as_str().unwrap().contains("•••"));
}

async fn no_answer_and_no_change_in_the_feed_carries_a_whole_contact(engine: Engine) {
    let (store, server) = Server::seeded(engine, 100);
    let contacts = contacts_on_file(&store);
    let token = server.login("alice", "alice-demo").await;

    let mut ids: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (n, page) in feed_pages(&server, &token).await.iter().enumerate() {
        assert_no_contact(page, &contacts, &format!("feed page {n}"));
        let page: Value = serde_json::from_str(page).unwrap();
        for change in page["changes"].as_array().unwrap() {
            let kind = change["kind"].as_str().unwrap().to_string();
            if kind == "customer" {
                assert_customer_doc(&change["data"]);
            }
            let id = change["id"].as_str().unwrap().to_string();
            ids.entry(kind).or_default().push(id);
        }
    }
    assert_eq!(ids["customer"].len(), 60, "3 customers per 5 tickets");

    for id in &ids["customer"] {
        let text = get_text(&server, &token, &format!("/customers/{id}")).await;
        assert_no_contact(&text, &contacts, &format!("customer {id}"));
        assert_customer_doc(&serde_json::from_str(&text).unwrap());
    }
    for (kind, path) in [
        ("ticket", "tickets"),
        ("order", "orders"),
        ("shipment", "shipments"),
    ] {
        let sample = &ids[kind];
        assert!(sample.len() >= 30, "only {} {kind}s", sample.len());
        for id in sample.iter().take(40) {
            let text = get_text(&server, &token, &format!("/{path}/{id}")).await;
            assert_no_contact(&text, &contacts, &format!("{kind} {id}"));
        }
    }
}

async fn reveal(server: &Server, token: &str, callback: &str) -> reqwest::Response {
    client()
        .post(server.api(&format!("/callbacks/{callback}/reveal")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn an_agent_working_a_callback_reveals_its_number_and_the_reveal_is_audited(engine: Engine) {
    let (store, server) = Server::seeded(engine, 100);
    let row = store.query(
        "SELECT c.id, c.ticket_id, c.phone_id, p.number
           FROM callbacks c JOIN customer_phones p ON p.id = c.phone_id
          WHERE c.state = 'scheduled' ORDER BY c.id LIMIT 1",
    );
    let [callback, ticket, phone, number]: [&str; 4] = row
        .trim()
        .split('|')
        .collect::<Vec<_>>()
        .try_into()
        .unwrap_or_else(|_| panic!("no scheduled callback: {row:?}"));
    let alice = server.login("alice", "alice-demo").await;

    let res = reveal(&server, &alice, callback).await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.unwrap();
    // The scan used everywhere else finds the number here.
    let found =
        std::panic::catch_unwind(|| assert_no_contact(&text, &contacts_on_file(&store), ""));
    assert!(
        found.is_err(),
        "the scan misses the revealed number in {text}"
    );
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        body,
        json!({"callback_id": callback, "phone_id": phone, "number": number})
    );

    // The audit says who, when, which callback and phone, and never the number itself.
    let audit = store.query(
        "SELECT actor_id, actor_username, actor_name, callback_id, ticket_id, phone_id, masked, at
           FROM contact_reveals",
    );
    let rows: Vec<&str> = audit.lines().collect();
    assert_eq!(rows.len(), 1, "{audit}");
    let fields: Vec<&str> = rows[0].split('|').collect();
    assert_eq!(
        fields[..6],
        ["A-alice", "alice", "Alice Bianchi", callback, ticket, phone],
        "{audit}"
    );
    let masked = fields[6];
    let last_two = &number[number.len() - 2..];
    assert!(
        masked.contains('•') && masked.ends_with(last_two),
        "masked as {masked:?}"
    );
    assert!(!fields[7].is_empty(), "the reveal's time");
    assert_no_contact(rows[0], &phone_forms(number), "the reveal's audit row");

    // The feed and the ticket still carry no whole number after the reveal.
    let ticket_text = get_text(&server, &alice, &format!("/tickets/{ticket}")).await;
    assert_no_contact(&ticket_text, &phone_forms(number), "the ticket");
    for page in feed_pages(&server, &alice).await {
        assert_no_contact(&page, &phone_forms(number), "the feed after a reveal");
    }

    // A finished callback's number is not shown.
    let mut finished = 0;
    for state in ["completed", "failed", "cancelled"] {
        let id = store.query(&format!(
            "SELECT id FROM callbacks WHERE state = '{state}' ORDER BY id LIMIT 1"
        ));
        let id = id.trim();
        if id.is_empty() {
            continue;
        }
        finished += 1;
        let problem = expect_problem(
            reveal(&server, &alice, id).await,
            409,
            types::CALLBACK_FINISHED,
        )
        .await;
        assert_no_contact(&problem.to_string(), &contacts_on_file(&store), id);
    }
    assert!(finished >= 2, "the seed has finished callbacks");

    // Only roles that work cases reveal; nobody reveals what does not exist.
    let carlo = server.login("carlo", "carlo-demo").await;
    expect_problem(
        reveal(&server, &carlo, callback).await,
        403,
        types::FORBIDDEN,
    )
    .await;
    expect_problem(
        reveal(&server, "not-a-token", callback).await,
        401,
        types::UNAUTHORIZED,
    )
    .await;
    expect_problem(
        reveal(&server, &alice, "CB-9999999").await,
        404,
        types::NOT_FOUND,
    )
    .await;
    assert_eq!(
        store.count("SELECT count(*) FROM contact_reveals"),
        1,
        "refused reveals are not audited as reveals"
    );
}

on_both_engines!(
    no_answer_and_no_change_in_the_feed_carries_a_whole_contact,
    an_agent_working_a_callback_reveals_its_number_and_the_reveal_is_audited,
);
