//! The customer page in a real browser engine (MiniBrowser over WebKitWebDriver, not the
//! console's window) against a real seeded server and a real SMTP server (docs/product.md §8):
//! on a phone-sized screen, a customer asks for a sign-in link, signs in with the link the mail
//! carried, finds the parcel, reads the code back (the courier's device accepts it), adds a
//! trusted recipient (the notice reaches the SMTP server), asks for a callback about the order
//! (agents see the ticket and its callback through `/sync`), and switches the page to Arabic,
//! laid out right to left. The keyboard alone reaches the content through the skip link.

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use sportello_e2e::customer::{mail_to, signin_link, use_link};
use sportello_e2e::processes::{seed, serve_with, BrowserDriver, SmtpSink};
use sportello_e2e::webdriver::{keys, Session};
use sportello_e2e::workspace_root;

const TICKETS: u32 = 200;

#[tokio::test]
async fn a_customer_signs_in_reads_the_code_and_trusts_a_neighbour_in_a_browser() -> Result<()> {
    let work = tempfile::tempdir()?;
    let shots = workspace_root().join("tests/artifacts");
    let store = seed(work.path(), TICKETS)?;
    let sink = SmtpSink::start(&work.path().join("mailbox"))?;
    let (_server, url) = serve_with(&store, "127.0.0.1:0", &["--smtp", &sink.url()])?;
    let db = store.trim_start_matches("sqlite://").to_string();
    let sql = |q: &str| sportello_e2e::processes::sqlite(&db, q);
    let today = sportello_clock::test_clock().now().date_naive();
    let row = sql(&format!(
        "SELECT c.email, o.id, s.id FROM delivery_passwords p
           JOIN shipments s ON s.id = p.shipment_id
           JOIN orders o ON o.id = s.order_id
           JOIN customers c ON c.id = o.customer_id
          WHERE p.state = 'active' AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
            AND s.delivery_date > '{today}'
          ORDER BY c.id, s.id LIMIT 1"
    ))?;
    let cols: Vec<&str> = row.split('|').collect();
    let [email, order, shipment] = cols[..] else {
        bail!("no customer with an open code: {row:?}");
    };
    let email = email.to_lowercase();

    let driver = BrowserDriver::start()?;
    let s = Session::start_browser(&driver.url, &driver.binary).await?;
    s.resize(390, 844).await?;
    s.goto(&format!("{url}/customer")).await?;

    // The keyboard alone: the first Tab lands on the skip link.
    s.wait("#email").await?;
    s.press(&[keys::TAB]).await?;
    assert!(s.focus_is_in("a.skip").await?, "the skip link comes first");

    // Ask for a link; the page says to look in the mail, whoever asks.
    s.fill("#email", &email).await?;
    s.click_css("main form button[type=submit]").await?;
    s.wait("main p[role=status]").await?;
    let link = signin_link(&sink, &email).await?;

    // The link opens a page with one button that signs in; then my orders.
    use_link(&s, &link).await?;
    s.wait(&format!("a[href='/customer/orders/{order}']"))
        .await?;
    s.click_css(&format!("a[href='/customer/orders/{order}']"))
        .await?;
    s.wait(&format!("#shipment-{shipment}")).await?;

    // The code, read back for its owner, is the one the courier's device accepts.
    s.click_css(&format!(
        "form[action='/customer/orders/{order}/shipments/{shipment}/code'] button"
    ))
    .await?;
    let code = s
        .wait_text(&format!("p.code[data-code='{shipment}']"), |t| {
            t.trim().len() == 6 && t.trim().bytes().all(|b| b.is_ascii_digit())
        })
        .await?
        .trim()
        .to_string();
    s.execute(
        "document.querySelector('.password').scrollIntoView({block: 'center'})",
        json!([]),
    )
    .await?;
    s.screenshot(&shots.join("customer.png")).await?;
    sportello_e2e::publish_screenshot(&shots.join("customer.png"))?;
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({"username": "carlo", "password": "carlo-demo"}))
        .send()
        .await?
        .json()
        .await?;
    let verified: Value = http
        .post(format!("{url}/api/v1/shipments/{shipment}/password/verify"))
        .bearer_auth(login["token"].as_str().context("a token")?)
        .json(&json!({"code": code}))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(verified["valid"], true, "{verified}");
    assert_eq!(
        sql(&format!(
            "SELECT count(*) FROM audit_chain WHERE shipment_id = '{shipment}' AND action = 'read_back' AND actor_role = 'customer'"
        ))?,
        "1"
    );

    // A trusted neighbour: added, announced on the page, and the account e-mail is told.
    s.goto(&format!("{url}/customer/trusted")).await?;
    s.fill("#field-name", "Nora Neighbour").await?;
    s.fill("#field-email", "nora.neighbour@example.com").await?;
    s.click_css("#add-trusted button[type=submit]").await?;
    s.wait_text("main p[role=status]", |t| t.contains("Nora Neighbour"))
        .await?;
    mail_to(&sink, &email, |t| t.contains("nora.neighbour@example.com")).await?;

    // A callback about the order, as soon as possible: agents see the ticket and its
    // callback through the feed.
    let since: i64 = sql("SELECT coalesce(max(cursor), 0) FROM changes")?.parse()?;
    s.goto(&format!("{url}/customer/help")).await?;
    s.execute(
        "document.querySelector('#topic').value = 'orders/where_is_my_parcel';
         document.querySelector('#order').value = arguments[0];
         document.querySelector('#contact-callback').checked = true;
         document.querySelector('#when-asap').checked = true;",
        json!([order]),
    )
    .await?;
    s.fill("#note", "The parcel has not moved for two days.")
        .await?;
    s.click_css("#ask-for-help button.primary").await?;
    s.wait("main p[role=status]").await?;
    let requested = s.current_url().await?;
    let ticket_id = requested
        .split("/customer/requests/")
        .nth(1)
        .and_then(|rest| rest.split('?').next())
        .context("the request's page")?
        .to_string();
    let alice: Value = http
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({"username": "alice", "password": "alice-demo"}))
        .send()
        .await?
        .json()
        .await?;
    let page: Value = http
        .get(format!("{url}/api/v1/sync?since={since}&limit=500"))
        .bearer_auth(alice["token"].as_str().context("alice's token")?)
        .send()
        .await?
        .json()
        .await?;
    let ticket = page["changes"]
        .as_array()
        .context("changes")?
        .iter()
        .find(|c| c["kind"] == "ticket" && c["id"] == ticket_id.as_str())
        .with_context(|| format!("{ticket_id} in the feed: {page}"))?;
    assert_eq!(ticket["data"]["channel"], "phone_callback");
    assert_eq!(ticket["data"]["order_id"], order);
    assert_eq!(ticket["data"]["callbacks"][0]["state"], "scheduled");
    assert!(page["changes"]
        .as_array()
        .context("changes")?
        .iter()
        .any(|c| c["kind"] == "callback" && c["data"]["ticket_id"] == ticket_id.as_str()));

    // Arabic, right to left, for the page and the account's mail alike.
    s.execute(
        "const sel = document.querySelector('#lang'); sel.value = 'ar';",
        json!([]),
    )
    .await?;
    s.click_css("footer form button[type=submit]").await?;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let dir = s
            .execute("return document.documentElement.dir", json!([]))
            .await?;
        if dir == "rtl" {
            break;
        }
        if Instant::now() > deadline {
            bail!("the page never turned right to left: {dir}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    s.goto(&format!("{url}/customer/orders/{order}")).await?;
    s.wait(&format!("#shipment-{shipment}")).await?;
    s.execute(
        "document.querySelector('.timeline').scrollIntoView({block: 'start'})",
        json!([]),
    )
    .await?;
    s.screenshot(&shots.join("customer-ar.png")).await?;
    sportello_e2e::publish_screenshot(&shots.join("customer-ar.png"))?;
    s.close().await?;
    Ok(())
}
