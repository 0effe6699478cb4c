//! The real console in a real window, driven over WebDriver against a real seeded server:
//! sign-in errors, sign-in, first sync, the queue, a case with order, tracking and password
//! state; a resend to a trusted recipient and a regeneration whose mails reach a real SMTP
//! server, and the daily limit shown in the dialog; then the server stops, the console
//! restarts and shows the same case offline, with the password actions disabled.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;
use sportello_e2e::processes::{seed, serve_with, Notifications, Painting, SmtpSink, Window};
use sportello_e2e::webdriver::Session;
use sportello_e2e::{built, workspace_root};

const TICKETS: u32 = 200;

/// A ticket whose order has a shipment with an active delivery password, read through the API
/// as a reference for what the window must show.
struct Reference {
    ticket_id: String,
    shipment_id: String,
    order_id: String,
    tracking_number: String,
    generation: u64,
    sends_today: u64,
    customer_name: String,
    /// Another case, still open, without callbacks, whose customer has a usable phone: the
    /// one alice works through to its close.
    work_ticket: String,
    /// A third: a callback on it falls due while the console runs. (ticket, phone id)
    due_ticket: (String, String),
    /// alice's API token, for changes made behind the console's back.
    token: String,
    /// The customer's whole phone number, as an agent types it: `347 123 4567`.
    phone_typed: String,
    /// The shipment's delivery time zone: its day is the day the password's limits count.
    delivery_tz: String,
}

/// One value from the server's SQLite store, by the `sqlite3` shell.
fn sqlite_value(db: &str, sql: &str) -> Result<String> {
    sportello_e2e::processes::sqlite(db, sql)
}

async fn reference(url: &str, db: &str) -> Result<Reference> {
    let http = reqwest::Client::new();
    let login: Value = http
        .post(format!("{url}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "alice", "password": "alice-demo"}))
        .send()
        .await?
        .json()
        .await?;
    let token = login["token"].as_str().context("token")?.to_string();
    let mut since = 0;
    let mut all = Vec::new();
    loop {
        let page: Value = http
            .get(format!("{url}/api/v1/sync?since={since}&limit=5000"))
            .bearer_auth(&token)
            .send()
            .await?
            .json()
            .await?;
        all.extend(page["changes"].as_array().context("changes")?.clone());
        since = page["next"].as_i64().context("next")?;
        if page["more"] == false {
            break;
        }
    }
    let data = |kind: &str, id: &str| {
        all.iter()
            .find(|c| c["kind"] == kind && c["id"] == id)
            .map(|c| c["data"].clone())
    };
    // Open tickets without callbacks whose customer has a usable phone: alice works the
    // first to its close; a callback falling due is logged on the second.
    let workable: Vec<(String, String)> = all
        .iter()
        .filter(|c| c["kind"] == "ticket")
        .filter_map(|t| {
            let d = &t["data"];
            let phone =
                data("customer", d["customer_id"].as_str().unwrap_or_default()).and_then(|c| {
                    c["phones"]
                        .as_array()?
                        .iter()
                        .find(|p| p["wrong_number"] == false)
                        .map(|p| p["id"].as_str().unwrap().to_string())
                })?;
            (d["status"] == "open" && d["callbacks"].as_array().is_some_and(|c| c.is_empty()))
                .then(|| (t["id"].as_str().unwrap().to_string(), phone))
        })
        .take(2)
        .collect();
    anyhow::ensure!(workable.len() == 2, "two open tickets without callbacks");
    let work_ticket = workable[0].0.clone();
    let due_ticket = workable[1].clone();
    for ticket in all.iter().filter(|c| c["kind"] == "ticket") {
        let Some(order_id) = ticket["data"]["order_id"].as_str() else {
            continue;
        };
        let order = data("order", order_id).context("order")?;
        let Some(shipment_id) = order["shipment_ids"][0].as_str() else {
            continue;
        };
        let shipment = data("shipment", shipment_id).context("shipment")?;
        if shipment["password"]["state"] != "active"
            || order["shipment_ids"].as_array().unwrap().len() != 1
            || shipment["recipients"].as_array().unwrap().len() < 2
        {
            continue;
        }
        let customer = data("customer", ticket["data"]["customer_id"].as_str().unwrap())
            .context("customer")?;
        // A phone with a country code, read from the server's store (the console never holds
        // it), typed as a national number with spaces: `347 123 4567`.
        let number = sqlite_value(
            db,
            &format!(
                "SELECT number FROM customer_phones WHERE customer_id = '{}' AND number LIKE '+%' ORDER BY position LIMIT 1",
                customer["id"].as_str().unwrap()
            ),
        )?;
        let Some((_, national)) = number.split_once(' ') else {
            continue;
        };
        let phone_typed = national.to_string();
        return Ok(Reference {
            ticket_id: ticket["id"].as_str().unwrap().to_string(),
            shipment_id: shipment_id.to_string(),
            order_id: order_id.to_string(),
            tracking_number: shipment["tracking_number"].as_str().unwrap().to_string(),
            generation: shipment["password"]["generation"].as_u64().unwrap(),
            sends_today: shipment["password"]["sends_today"].as_u64().unwrap(),
            customer_name: customer["name"].as_str().unwrap().to_string(),
            work_ticket,
            due_ticket,
            token,
            phone_typed,
            delivery_tz: shipment["delivery_tz"].as_str().unwrap().to_string(),
        });
    }
    anyhow::bail!("the seeded data has no ticket with an active delivery password")
}

/// Today in a delivery time zone, on the test clock.
fn delivery_day(zone: &str) -> Result<chrono::NaiveDate> {
    let zone: chrono_tz::Tz = zone
        .parse()
        .map_err(|_| anyhow::anyhow!("unknown zone {zone}"))?;
    Ok(sportello_clock::test_clock()
        .now()
        .with_timezone(&zone)
        .date_naive())
}

/// Opens a case through the search box and checks what a person reads on screen.
async fn open_and_check_case(s: &Session, r: &Reference, shots: &Path, shot: &str) -> Result<()> {
    s.fill("#search", &r.ticket_id).await?;
    // A cell, not the row: WebKit's driver finds no in-view point for a table row itself.
    let row = format!("tr.queue-row[data-ticket-id=\"{}\"] td", r.ticket_id);
    s.wait_text("#queue-total", |t| t.starts_with("1 ")).await?;
    s.click_css(&row).await?;
    s.wait(&format!("#case[data-ticket-id=\"{}\"]", r.ticket_id))
        .await?;
    s.wait_text("#customer-name", |t| t.contains(&r.customer_name))
        .await?;
    s.wait_text("#order-id", |t| t.contains(&r.order_id))
        .await?;
    s.wait_text(".shipment .tracking-number", |t| {
        t.contains(&r.tracking_number)
    })
    .await?;
    assert!(
        !s.find_all(".shipment .tracking-event").await?.is_empty(),
        "a tracking timeline"
    );
    assert!(!s.find_all(".order-item").await?.is_empty(), "order items");
    let state = s
        .wait_text(".password-card .password-state", |t| !t.is_empty())
        .await?;
    assert!(
        state.to_lowercase().contains("active"),
        "password state {state:?}"
    );
    s.wait_text(".password-card .password-generation", |t| {
        t.contains(&r.generation.to_string())
    })
    .await?;
    s.wait_text(".password-card .password-sends", |t| {
        t.contains(&r.sends_today.to_string())
    })
    .await?;
    let expires = s
        .wait_text(".password-card .password-expires", |t| !t.is_empty())
        .await?;
    assert!(
        expires.contains("23:59"),
        "expiry shown in the delivery time zone: {expires:?}"
    );
    let email = s.wait_text("#customer-email", |t| !t.is_empty()).await?;
    assert!(email.contains("•••@"), "masked e-mail: {email:?}");
    let phone = s.wait_text(".customer-phone", |t| !t.is_empty()).await?;
    assert!(phone.contains("•••• ••"), "masked phone: {phone:?}");
    // Let the repaint settle before the picture.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    s.screenshot(&shots.join(shot)).await?;
    Ok(())
}

/// A colleague logs a callback due in a few seconds; after a sync the console announces it
/// when it falls due (the banner mirrors the desktop notification), and it opens the case.
async fn a_callback_falling_due_is_announced(
    s: &Session,
    r: &Reference,
    url: &str,
    notifications: &Notifications,
) -> Result<()> {
    let (ticket, phone) = &r.due_ticket;
    let due_at = sportello_clock::test_clock().now() + chrono::Duration::seconds(12);
    let res = reqwest::Client::new()
        .post(format!("{url}/api/v1/tickets/{ticket}/callbacks"))
        .bearer_auth(&r.token)
        .json(&serde_json::json!({
            "phone_id": phone,
            "due_at": due_at,
            "note": "falls due in the test",
        }))
        .send()
        .await?;
    anyhow::ensure!(res.status() == 201, "callback: {}", res.text().await?);
    s.click_css("#sync-now").await?;
    // One desktop notification, naming the case.
    let shown = notifications.wait_for(ticket).await?;
    assert_eq!(shown.len(), 1, "one notification per callback: {shown:?}");
    assert!(
        shown[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Callback due"),
        "{shown:?}"
    );
    let banner = s.wait_text("#callbacks-due", |t| !t.is_empty()).await?;
    s.click_css(&format!(
        "#callbacks-due .due-callback[data-ticket-id=\"{ticket}\"]"
    ))
    .await
    .with_context(|| format!("the banner names the case: {banner:?}"))?;
    s.wait(&format!("#case[data-ticket-id=\"{ticket}\"]"))
        .await?;
    s.wait_text("li.callback", |t| t.contains("falls due in the test"))
        .await?;
    Ok(())
}

/// The same limit in the Italian console: the message is Italian and names the limit, and
/// when it resets is a local time, never the server's RFC 3339. Back to English after.
async fn the_limit_in_italian(s: &Session) -> Result<()> {
    s.click_css("label.lang select option[value=\"it\"]")
        .await?;
    s.click_css(".password-card .password-resend").await?;
    s.wait("#password-dialog").await?;
    s.fill("#password-reason", "Il cliente chiede ancora")
        .await?;
    s.click_css("#password-submit").await?;
    let error = s
        .wait_text("#password-error", |t| t.contains("Limite raggiunto"))
        .await?;
    assert!(error.contains("5 volte oggi"), "which limit: {error:?}");
    let resets = s
        .wait_text("#password-resets", |t| t.contains("Di nuovo possibile da:"))
        .await?;
    let raw = |t: &str| t.contains("+00:00") || t.contains(":00Z") || t.contains("T00:");
    assert!(!raw(&error) && !raw(&resets), "no raw time: {error:?}");
    assert!(resets.contains(':'), "a local time: {resets:?}");
    s.click_css("#password-cancel").await?;
    s.click_css("label.lang select option[value=\"en\"]")
        .await?;
    s.wait_text(".password-card .password-resend", |t| t == "Resend")
        .await
        .map(drop)
}

/// Alice logs a callback, a `no_answer` attempt, an internal note and a reply, and closes the
/// case: the SMTP server receives one summary mail with the reply and without the note.
async fn work_a_case_to_its_close(
    s: &Session,
    r: &Reference,
    sink: &SmtpSink,
    shots: &Path,
) -> Result<()> {
    let id = &r.work_ticket;
    s.fill("#search", id).await?;
    s.wait_text("#queue-total", |t| t.starts_with("1 ")).await?;
    s.click_css(&format!("tr.queue-row[data-ticket-id=\"{id}\"] td"))
        .await?;
    s.wait(&format!("#case[data-ticket-id=\"{id}\"]")).await?;

    s.click_css("#log-callback").await?;
    s.wait("#callback-dialog").await?;
    s.fill("#callback-note", "Wants a call before 6pm").await?;
    s.click_css("#callback-submit").await?;
    let callback = s
        .wait_text("li.callback", |t| t.contains("Wants a call before 6pm"))
        .await?;
    // The pushed feed may show the callback a moment before the dialog closes.
    s.wait_gone("#callback-dialog").await?;
    assert!(callback.contains("0 of 3"), "no attempt yet: {callback:?}");

    s.click_css("li.callback .log-attempt").await?;
    s.wait("#attempt-dialog").await?;
    s.click_css("#attempt-outcome option[value=\"no_answer\"]")
        .await?;
    s.fill("#attempt-note", "Rang twelve times").await?;
    s.click_css("#attempt-submit").await?;
    let callback = s.wait_text("li.callback", |t| t.contains("1 of 3")).await?;
    s.wait_gone("#attempt-dialog").await?;
    assert!(callback.contains("Rang twelve times"), "{callback:?}");

    let note = "INTERNAL: the courier left a card, do not tell the customer yet";
    s.click_css("input[name=\"composer-kind\"][value=\"note\"]")
        .await?;
    s.fill("#composer-body", note).await?;
    s.click_css("#composer-send").await?;
    s.wait_text(".message.note:last-child", |t| t.contains(note))
        .await?;
    let reply = "We have asked the courier to deliver tomorrow morning.";
    s.click_css("input[name=\"composer-kind\"][value=\"reply\"]")
        .await?;
    s.fill("#composer-body", reply).await?;
    s.click_css("#composer-send").await?;
    s.wait_text(".message.reply:last-child", |t| t.contains(reply))
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    s.screenshot(&shots.join("case-work.png")).await?;
    sportello_e2e::publish_screenshot(&shots.join("case-work.png"))?;

    s.click_css("#close-case").await?;
    s.wait("#close-dialog").await?;
    let resolution = "Delivery moved to tomorrow morning.";
    s.fill("#close-resolution", resolution).await?;
    s.click_css("#close-submit").await?;
    s.wait_text("#case-resolution", |t| t.contains(resolution))
        .await?;
    s.wait_gone("#close-dialog").await?;

    // The summary: the mail about the case that tells what was done.
    let is_summary = |m: &mail_parser::Message| {
        m.subject().is_some_and(|s| s.contains(id.as_str()))
            && m.body_text(0).is_some_and(|t| t.contains(resolution))
    };
    let mail = sink.wait_for_mail(is_summary).await?;
    let summaries: Vec<_> = mail
        .iter()
        .map(|m| {
            mail_parser::MessageParser::default()
                .parse(m.as_bytes())
                .unwrap()
        })
        .filter(|m| is_summary(m))
        .collect();
    assert_eq!(summaries.len(), 1, "one summary mail for the closed case");
    let text = summaries[0].body_text(0).context("a text part")?;
    assert!(text.contains(reply), "the reply is in the summary: {text}");
    assert!(text.contains(resolution), "what was done: {text}");
    assert!(!text.contains("INTERNAL"), "no internal note: {text}");
    let html = summaries[0].body_html(0).context("an HTML part")?;
    assert!(!html.contains("INTERNAL"), "no internal note in HTML");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_review_a_case_then_review_it_again_offline() -> Result<()> {
    let work = tempfile::tempdir()?;
    let shots = workspace_root().join("tests/artifacts");
    let store = seed(work.path(), TICKETS)?;
    let sink = SmtpSink::start(&work.path().join("mailbox"))?;
    let (server, url) = serve_with(&store, "127.0.0.1:0", &["--smtp", &sink.url()])?;
    let db = store.trim_start_matches("sqlite://");
    let mut r = reference(&url, db).await?;
    // Three sends already today, none in the last minute: two more are allowed.
    sqlite_value(
        db,
        &format!(
            "UPDATE delivery_passwords SET sends_today = 3, regenerations_today = 0, last_sent_at = NULL, counters_day = '{}' WHERE shipment_id = '{}'",
            delivery_day(&r.delivery_tz)?,
            r.shipment_id
        ),
    )
    .context("preparing the shipment")?;

    let data_dir = work.path().join("console-data");
    let window = Window::start(work.path(), &data_dir, Painting::Composited)?;
    let (driver, notifications) = (&window.driver, &window.notifications);
    let app = built("sportello-console");

    // First run: signed out.
    let s = Session::start(&driver.url, &app).await?;
    s.wait("#server-url").await?;
    s.wait_text("#connection", |t| !t.is_empty()).await?;

    // A wrong password and an unreachable server say different things.
    s.fill("#server-url", &url).await?;
    s.fill("#username", "alice").await?;
    s.fill("#password", "not-her-password").await?;
    s.click_css("#sign-in").await?;
    s.wait_text("#sign-in-error", |t| {
        t.contains("Wrong username or password")
    })
    .await?;
    s.fill("#server-url", "http://127.0.0.1:9").await?;
    s.fill("#password", "alice-demo").await?;
    s.click_css("#sign-in").await?;
    s.wait_text("#sign-in-error", |t| t.contains("Cannot reach the server"))
        .await?;
    s.screenshot(&shots.join("sign-in-error.png")).await?;

    // Sign in for real: the first sync fills the queue.
    s.fill("#server-url", &url).await?;
    s.click_css("#sign-in").await?;
    s.wait("#connection[data-state=\"online\"]").await?;
    s.wait_text("#queue-total", |t| t.contains(&TICKETS.to_string()))
        .await?;
    assert!(
        s.find_all("tr.queue-row").await?.len() >= 20,
        "queue rows are shown"
    );
    // Seeded callbacks due now sort first, with a badge.
    let first = s.wait_text("tr.queue-row", |t| !t.is_empty()).await?;
    assert!(
        !s.find_all("tr.queue-row:first-child .badge-callback-due")
            .await?
            .is_empty(),
        "the first row has a due callback: {first:?}"
    );
    s.screenshot(&shots.join("queue.png")).await?;

    // Search as you type: the customer's whole phone number, typed as a national number with
    // spaces, finds the case (the console holds only a keyed token of it).
    s.fill("#search", &r.phone_typed).await?;
    s.wait(&format!("tr.queue-row[data-ticket-id=\"{}\"]", r.ticket_id))
        .await
        .with_context(|| format!("searching {:?}", r.phone_typed))?;
    s.screenshot(&shots.join("search-phone.png")).await?;

    open_and_check_case(&s, &r, &shots, "case-view.png").await?;
    sportello_e2e::publish_screenshot(&shots.join("case-view.png"))?;

    // Resend to the trusted recipient: the card counts the send, the mail leaves, and the
    // account holder is told where it went (rule 8.2).
    s.click_css(".password-card .password-resend").await?;
    s.wait("#password-dialog").await?;
    s.click_css("#password-recipient option:nth-child(2)")
        .await?;
    s.fill("#password-reason", "Customer lost the e-mail")
        .await?;
    s.click_css("#password-submit").await?;
    s.wait_text(".password-card .password-sends", |t| t.trim() == "4")
        .await?;
    s.wait_gone("#password-dialog").await?;
    let mail = sink.wait_for(2).await?;
    assert!(
        mail.iter().all(|m| m.contains(&r.shipment_id)),
        "both mails name the shipment"
    );

    // Regenerate: a reason and a confirmation; the card shows the new generation.
    s.click_css(".password-card .password-regenerate").await?;
    s.wait("#password-dialog").await?;
    s.fill("#password-reason", "Code forwarded to a stranger")
        .await?;
    s.click_css("#password-confirm").await?;
    s.click_css("#password-submit").await?;
    let generation = (r.generation + 1).to_string();
    s.wait_text(".password-card .password-generation", |t| {
        t.trim() == generation
    })
    .await?;
    s.wait_gone("#password-dialog").await?;
    sink.wait_for(3).await?;

    // The sixth send of the day: the dialog says which limit and when it resets.
    s.click_css(".password-card .password-resend").await?;
    s.wait("#password-dialog").await?;
    s.fill("#password-reason", "Customer asks again").await?;
    s.click_css("#password-submit").await?;
    let error = s
        .wait_text("#password-error", |t| t.contains("Limit reached"))
        .await?;
    assert!(error.contains("5 times today"), "which limit: {error:?}");
    s.wait_text("#password-resets", |t| !t.is_empty()).await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    s.screenshot(&shots.join("password-limit.png")).await?;
    assert_eq!(sink.messages().len(), 3, "no mail for a refused send");
    s.click_css("#password-cancel").await?;
    the_limit_in_italian(&s).await?;

    work_a_case_to_its_close(&s, &r, &sink, &shots).await?;
    a_callback_falling_due_is_announced(&s, &r, &url, notifications).await?;

    // The server goes away while alice works: the status bar says so at once, and a note
    // written now waits in the outbox; when the server is back it is sent, once.
    server.stop();
    s.wait("#connection[data-state=\"offline\"]").await?;
    let note = "Written while the server was away";
    s.click_css("input[name=\"composer-kind\"][value=\"note\"]")
        .await?;
    s.fill("#composer-body", note).await?;
    s.click_css("#composer-send").await?;
    s.wait_text(".message.note:last-child", |t| t.contains(note))
        .await?;
    s.wait("#outbox-count[data-pending=\"1\"]").await?;
    s.wait(".message-pending").await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    s.screenshot(&shots.join("outbox-offline.png")).await?;
    let listen = url.trim_start_matches("http://").to_string();
    let (server, _) = serve_with(&store, &listen, &["--smtp", &sink.url()])?;
    s.wait("#connection[data-state=\"online\"]").await?;
    s.wait("#outbox-count[data-pending=\"0\"]").await?;
    let on_server: Value = reqwest::Client::new()
        .get(format!("{url}/api/v1/tickets/{}", r.due_ticket.0))
        .bearer_auth(&r.token)
        .send()
        .await?
        .json()
        .await?;
    let copies = on_server["messages"]
        .as_array()
        .context("messages")?
        .iter()
        .filter(|m| m["body"] == note)
        .count();
    assert_eq!(copies, 1, "the note reached the server once");

    // Signing out (keeping the cache on this computer, locked) returns to the sign-in screen.
    s.click_css("#sign-out").await?;
    s.wait("#sign-out-dialog").await?;
    s.click_css("#sign-out-submit").await?;
    s.wait("#server-url").await?;
    s.close().await?;
    r.generation += 1;
    r.sends_today = 5;

    // The server goes away; the console starts again and shows nothing of the cache until
    // alice's password unlocks it, offline (rule 7.2).
    server.stop();
    let s = Session::start(&driver.url, &app).await?;
    s.wait_text("#locked-note", |t| t.contains("locked"))
        .await?;
    assert!(
        s.find_all("#queue-total").await?.is_empty(),
        "nothing of the cache shows while it is locked"
    );
    s.fill("#password", "not-her-password").await?;
    s.click_css("#unlock").await?;
    s.wait_text("#sign-in-error", |t| t.contains("does not open"))
        .await?;
    s.fill("#password", "alice-demo").await?;
    s.click_css("#unlock").await?;
    s.wait("#connection[data-state=\"offline\"]").await?;
    let banner = s.wait_text("#offline-banner", |t| !t.is_empty()).await?;
    assert!(
        banner.to_lowercase().contains("offline"),
        "banner: {banner:?}"
    );
    s.wait_text("#queue-total", |t| t.contains(&TICKETS.to_string()))
        .await?;
    open_and_check_case(&s, &r, &shots, "case-view-offline.png").await?;
    // Offline, the password actions say why they are disabled.
    let why = s
        .wait_text(".password-card .password-blocked", |t| !t.is_empty())
        .await?;
    assert!(why.contains("need the server"), "{why:?}");
    let resend = s.find_all(".password-card .password-resend").await?;
    assert!(
        s.attribute(&resend[0], "disabled").await?.is_some(),
        "Resend is disabled offline"
    );
    s.close().await?;
    let about_it = notifications
        .shown()
        .into_iter()
        .filter(|n| {
            n["body"]
                .as_str()
                .unwrap_or_default()
                .contains(&r.due_ticket.0)
        })
        .count();
    assert_eq!(
        about_it, 1,
        "a due callback is announced once, even across a restart"
    );
    Ok(())
}
