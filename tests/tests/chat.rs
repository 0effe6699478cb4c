//! A live chat between a customer in a real browser engine (MiniBrowser over WebKitWebDriver)
//! and alice in the real console window, against one real server (docs/product.md rule 8.3):
//! the customer asks for a chat about an order; the request reaches alice's queue pushed,
//! without a sync; alice opens it and sees the customer typing, then answers; the customer's
//! page shows "Alice … is typing…" and her answer without a reload; the customer's answer
//! reaches alice's open case. Each side shows each message once.

use anyhow::{Context, Result};
use serde_json::json;
use sportello_e2e::customer::{signin_link, use_link};
use sportello_e2e::processes::{seed, serve_with, BrowserDriver, Painting, SmtpSink, Window};
use sportello_e2e::webdriver::Session;
use sportello_e2e::{built, workspace_root};

const TICKETS: u32 = 200;

#[tokio::test]
async fn a_customer_chats_with_alice_who_answers_in_the_console_window() -> Result<()> {
    let work = tempfile::tempdir()?;
    let shots = workspace_root().join("tests/artifacts");
    let store = seed(work.path(), TICKETS)?;
    let sink = SmtpSink::start(&work.path().join("mailbox"))?;
    let (_server, url) = serve_with(&store, "127.0.0.1:0", &["--smtp", &sink.url()])?;
    let db = store.trim_start_matches("sqlite://").to_string();
    let row = sportello_e2e::processes::sqlite(
        &db,
        "SELECT c.email, o.id FROM customers c JOIN orders o ON o.customer_id = c.id
          ORDER BY c.id, o.id LIMIT 1",
    )?;
    let (email, order) = row.split_once('|').context("a customer with an order")?;
    let email = email.to_lowercase();

    // alice, signed in to the console and synced.
    let data_dir = work.path().join("console-data");
    let window = Window::start(work.path(), &data_dir, Painting::Composited)?;
    let alice = Session::start(&window.driver.url, &built("sportello-console")).await?;
    alice.wait("#server-url").await?;
    alice.fill("#server-url", &url).await?;
    alice.fill("#username", "alice").await?;
    alice.fill("#password", "alice-demo").await?;
    alice.click_css("#sign-in").await?;
    alice.wait("#connection[data-state=\"online\"]").await?;
    alice
        .wait_text("#queue-total", |t| !t.starts_with("0 "))
        .await?;

    // The customer signs in and asks for a chat about the order.
    let driver = BrowserDriver::start()?;
    let customer = Session::start_browser(&driver.url, &driver.binary).await?;
    customer.goto(&format!("{url}/customer")).await?;
    customer.fill("#email", &email).await?;
    customer.click_css("main form button[type=submit]").await?;
    customer.wait("main p[role=status]").await?;
    use_link(&customer, &signin_link(&sink, &email).await?).await?;
    customer.goto(&format!("{url}/customer/help")).await?;
    customer
        .execute(
            "document.querySelector('#topic').value = 'orders/where_is_my_parcel';
             document.querySelector('#order').value = arguments[0];
             document.querySelector('#contact-chat').checked = true;",
            json!([order]),
        )
        .await?;
    customer
        .fill("#note", "My parcel has not moved since Monday.")
        .await?;
    customer.click_css("#ask-for-help button.primary").await?;
    customer.wait("#chat-waiting").await?;
    let requested = customer.current_url().await?;
    let ticket = requested
        .split("/customer/requests/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .context("the request's page")?
        .to_string();

    // The chat reaches alice's queue pushed (no sync asked for); she opens it.
    alice.fill("#search", &ticket).await?;
    alice
        .wait_text("#queue-total", |t| t.starts_with("1 "))
        .await?;
    alice
        .click_css(&format!("tr.queue-row[data-ticket-id=\"{ticket}\"] td"))
        .await?;
    alice
        .wait(&format!("#case[data-ticket-id=\"{ticket}\"]"))
        .await?;
    alice
        .wait_text("#case .message.customer .body", |t| {
            t.contains("has not moved since Monday")
        })
        .await?;

    // The customer types: alice sees it.
    customer.fill("#answer", "Is anyone there?").await?;
    alice.wait("#customer-typing").await?;

    // alice types her answer: the customer's page says who is typing, then shows it.
    let answer = "Hello, I am Alice. Your parcel left the depot this morning.";
    alice
        .click_css("input[name=\"composer-kind\"][value=\"reply\"]")
        .await?;
    alice.fill("#composer-body", answer).await?;
    customer
        .wait_text("#chat-typing", |t| t.contains("Alice"))
        .await?;
    alice.click_css("#composer-send").await?;
    customer
        .wait_text("#conversation li.message.reply:last-child .body", |t| {
            t.contains(answer)
        })
        .await?;
    customer.wait_gone("#chat-waiting:not([hidden])").await?;
    customer
        .wait_text("#request-status", |t| t == "Being worked on")
        .await?;

    // The customer sends what they typed (the page did not reload when alice picked the chat
    // up): it reaches alice's open case.
    customer
        .click_css("#answer-form button[type=submit]")
        .await?;
    customer
        .wait_text("#conversation li.message.customer:last-child .body", |t| {
            t.contains("Is anyone there?")
        })
        .await?;
    alice
        .wait_text("#case .message.customer:last-child .body", |t| {
            t.contains("Is anyone there?")
        })
        .await?;
    // Each side shows each message once.
    for (side, css) in [
        (&alice, "#case .message"),
        (&customer, "#conversation li.message"),
    ] {
        let shown = side.find_all(css).await?;
        let mut bodies = Vec::new();
        for m in &shown {
            bodies.push(side.text(m).await?);
        }
        assert_eq!(bodies.len(), 3, "{css}: {bodies:?}");
    }
    customer
        .screenshot(&shots.join("chat-customer.png"))
        .await?;
    alice.screenshot(&shots.join("chat-console.png")).await?;
    Ok(())
}
