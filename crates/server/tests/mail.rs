//! Mail that really leaves: a real SMTP server (Python's aiosmtpd, storing each message in a
//! Maildir) receives the password mails the real binary sends; the code in the mail verifies;
//! with the SMTP server down, mail waits in the outbox and arrives exactly once when it is back.
//! Closing a ticket mails the customer a summary: every customer message and reply in order,
//! no internal note, customer HTML escaped.

mod common;

use std::time::{Duration, Instant};

use common::{Engine, Server, SmtpSink, TestStore};
use serde_json::{json, Value};

/// The code on its own line of the plain-text part.
fn code_in(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| panic!("no code in {message}"))
        .to_string()
}

fn header<'a>(message: &'a str, name: &str) -> &'a str {
    message
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .unwrap_or_else(|| panic!("no {name} header in {message}"))
}

async fn post(server: &Server, token: &str, path: &str, body: Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(server.api(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (
        res.status().as_u16(),
        res.json().await.unwrap_or(Value::Null),
    )
}

async fn password_mail_reaches_the_smtp_server_and_its_code_verifies(engine: Engine) {
    let mut sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let id = store.open_password_shipment();
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let alice = server.login("alice", "alice-demo").await;
    let carlo = server.login("carlo", "carlo-demo").await;
    let shipment: Value = server.get_json(&alice, &format!("/shipments/{id}")).await;
    let trusted = shipment["recipients"][1]["id"].as_str().unwrap();
    let (status, body) = post(
        &server,
        &alice,
        &format!("/shipments/{id}/password/resend"),
        json!({"recipient": trusted, "reason": "customer asked", "identity_check": {"method": "security_questions"}}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // The code goes to the trusted recipient, and the account holder is told (rule 8.2).
    let mail = sink.wait_for(2).await;
    assert_eq!(
        mail.len(),
        2,
        "the code's mail and the notice, for one resend"
    );
    let trusted_email = store.query(&format!(
        "SELECT email FROM trusted_recipients WHERE id = '{trusted}'"
    ));
    let (to_trusted, notice): (Vec<&String>, Vec<&String>) = mail
        .iter()
        .partition(|m| header(m, "To").contains(trusted_email.trim()));
    let (to_trusted, notice) = (to_trusted[0], notice[0]);
    assert!(header(to_trusted, "Message-ID").starts_with("<outbox-"));
    assert!(to_trusted.contains(&id));
    let code = code_in(to_trusted);
    assert!(notice.contains(&id), "the notice names the shipment");
    assert!(!notice.contains(&code), "the notice never carries the code");
    let (status, body) = post(
        &server,
        &carlo,
        &format!("/shipments/{id}/password/verify"),
        json!({"code": code}),
    )
    .await;
    assert_eq!(
        (status, body),
        (
            200,
            json!({"valid": true, "state": "active", "attempts_left": 5})
        )
    );
    assert!(!serde_json::to_string(&shipment).unwrap().contains(&code));

    // The SMTP server goes away: a regeneration's mail waits, and is neither lost nor doubled.
    sink.stop();
    let (status, _) = post(
        &server,
        &alice,
        &format!("/shipments/{id}/password/regenerate"),
        json!({"reason": "forwarded to a stranger", "identity_check": {"method": "callback_to_number_on_file"}}),
    )
    .await;
    assert_eq!(status, 200);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let attempts = store.query(&format!(
            "SELECT attempts FROM mail_outbox WHERE shipment_id = '{id}' AND sent_at IS NULL"
        ));
        if attempts.trim().parse::<u32>().unwrap_or(0) >= 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the worker tried to send");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    sink.resume();
    let mail = sink.wait_for(3).await;
    assert_eq!(mail.len(), 3);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(sink.messages().len(), 3, "nothing sent twice");
    let has_code = |m: &str| {
        m.lines()
            .map(str::trim)
            .any(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
    };
    let regenerated = mail
        .iter()
        .find(|m| has_code(m) && code_in(m) != code)
        .expect("the new code's mail");
    let fresh = code_in(regenerated);
    let (_, body) = post(
        &server,
        &carlo,
        &format!("/shipments/{id}/password/verify"),
        json!({"code": fresh}),
    )
    .await;
    assert_eq!(body["valid"], true);
    let unsent = store.query("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL");
    assert_eq!(unsent.trim(), "0");
}

#[tokio::test]
async fn the_mail_directory_gets_one_eml_file_per_mail() {
    let store = TestStore::new(Engine::Sqlite);
    store.seed(300, 11);
    let id = store.open_password_shipment();
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_with(&store, &["--mail-dir", dir.path().to_str().unwrap()]);
    let alice = server.login("alice", "alice-demo").await;
    let (status, _) = post(
        &server,
        &alice,
        &format!("/shipments/{id}/password/regenerate"),
        json!({"reason": "lost", "identity_check": {"method": "verified_email_reply"}}),
    )
    .await;
    assert_eq!(status, 200);
    let deadline = Instant::now() + Duration::from_secs(20);
    let files = loop {
        let files: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        if !files.is_empty() || Instant::now() > deadline {
            break files;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(files.len(), 1);
    let mail = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(code_in(&mail).len(), 6);
    assert!(header(&mail, "Subject").len() > 10);
}

async fn closing_a_ticket_mails_the_conversation_without_internal_notes(engine: Engine) {
    let sink = SmtpSink::start();
    let store = TestStore::new(engine);
    store.seed(300, 11);
    // An Italian customer's open ticket, whose first message holds HTML.
    let ticket = store
        .query(
            "SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id
              WHERE t.status = 'open' AND c.language = 'it' AND t.order_id IS NOT NULL
              ORDER BY t.id LIMIT 1",
        )
        .trim()
        .to_string();
    let html = "<img src=x onerror=alert(1)> Dov'è il mio pacco? & grazie";
    store.query(&format!(
        "UPDATE messages SET body = '{}' WHERE ticket_id = '{ticket}' AND kind = 'customer'",
        html.replace('\'', "''")
    ));
    let server = Server::start_with(&store, &["--smtp", &sink.url()]);
    let alice = server.login("alice", "alice-demo").await;
    for (kind, body) in [
        (
            "note",
            "INTERNAL: customer sounded upset, check the courier",
        ),
        ("reply", "Abbiamo inviato di nuovo la password."),
    ] {
        let (status, body) = post(
            &server,
            &alice,
            &format!("/tickets/{ticket}/messages"),
            json!({"kind": kind, "body": body}),
        )
        .await;
        assert_eq!(status, 201, "{body}");
    }
    let (status, closed) = post(
        &server,
        &alice,
        &format!("/tickets/{ticket}/close"),
        json!({"resolution": "Password inviata di nuovo all'indirizzo dell'account."}),
    )
    .await;
    assert_eq!(status, 200, "{closed}");
    let mail = sink.wait_for(1).await;
    assert_eq!(mail.len(), 1, "one summary mail");
    let message = mail_parser::MessageParser::default()
        .parse(mail[0].as_bytes())
        .unwrap();
    let email = store.query(&format!(
        "SELECT c.email FROM customers c JOIN tickets t ON t.customer_id = c.id WHERE t.id = '{ticket}'"
    ));
    assert!(header(&mail[0], "To").contains(email.trim()));
    assert!(
        message.subject().unwrap().contains(&ticket),
        "subject names the ticket"
    );
    assert!(
        message.subject().unwrap().starts_with("La sua richiesta"),
        "in Italian"
    );
    let text = message.body_text(0).unwrap();
    let page = message.body_html(0).unwrap();
    let conversation: Vec<&Value> = closed["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] != "note")
        .collect();
    assert!(conversation.len() >= 2);
    for part in [&text, &page] {
        assert!(
            !part.contains("INTERNAL"),
            "an internal note leaked: {part}"
        );
        assert!(part.contains(closed["order_id"].as_str().unwrap()));
        assert!(part.contains("Password inviata di nuovo"));
    }
    // Every customer message and reply, in order, in the text part; HTML arrives as text.
    let mut from = 0;
    for m in &conversation {
        let body = m["body"].as_str().unwrap();
        let found = text[from..]
            .find(body)
            .unwrap_or_else(|| panic!("{body:?} missing or out of order in {text}"));
        from += found + body.len();
    }
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
    assert!(
        !page.contains("<img"),
        "customer HTML must not become markup"
    );
    assert!(page.contains("Abbiamo inviato di nuovo la password."));
}

on_both_engines!(
    password_mail_reaches_the_smtp_server_and_its_code_verifies,
    closing_a_ticket_mails_the_conversation_without_internal_notes,
);
