//! The audit trail in the real window (rules 3.9, 3.10, 3.12, 7.8), against a real seeded
//! server: carlo, a courier, gets the hand-over screen, where the code the recipient was mailed
//! releases the parcel, each wrong one counts down and the fifth locks; alice sees the last
//! send of that password on its card; lena opens the lead view, sees a flag explained, filters by alice,
//! exports exactly the filtered trail as CSV and verifies the chain on her machine.

use anyhow::{Context, Result};
use serde_json::{json, Value};
use sportello_e2e::processes::{seed, serve_with, Painting, SmtpSink, Window};
use sportello_e2e::webdriver::Session;
use sportello_e2e::{built, workspace_root};

const TICKETS: u32 = 200;

/// Signs in to `url` as `user` with the demo password.
async fn sign_in(s: &Session, url: &str, user: &str) -> Result<()> {
    s.wait("#server-url").await?;
    s.fill("#server-url", url).await?;
    s.fill("#username", user).await?;
    s.fill("#password", &format!("{user}-demo")).await?;
    s.click_css("#sign-in").await
}

/// Signs out, keeping the cache.
async fn sign_out(s: &Session) -> Result<()> {
    s.click_css("#sign-out").await?;
    s.wait("#sign-out-dialog").await?;
    s.click_css("#sign-out-submit").await?;
    s.wait("#server-url").await?;
    Ok(())
}

async fn api_login(http: &reqwest::Client, url: &str, user: &str) -> Result<String> {
    let login: Value = http
        .post(format!("{url}/api/v1/auth/login"))
        .json(&json!({"username": user, "password": format!("{user}-demo")}))
        .send()
        .await?
        .json()
        .await?;
    login["token"]
        .as_str()
        .map(str::to_string)
        .context("a token")
}

/// The delivery password of `shipment`, from the plain-text part of a mail about it.
async fn mailed_code(sink: &SmtpSink, shipment: &str) -> Result<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        for raw in sink.messages() {
            let Some(mail) = mail_parser::MessageParser::default().parse(raw.as_bytes()) else {
                continue;
            };
            let Some(text) = mail.body_text(0) else {
                continue;
            };
            if !text.contains(shipment) {
                continue;
            }
            if let Some(code) = text
                .lines()
                .map(str::trim)
                .find(|l| l.len() == 6 && l.bytes().all(|b| b.is_ascii_digit()))
            {
                return Ok(code.to_string());
            }
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "no mail with the code of {shipment} arrived"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Types a shipment id and the code the recipient tells on the hand-over screen, and checks.
async fn hand_over(s: &Session, shipment: &str, code: &str) -> Result<()> {
    s.fill("#handover-shipment", shipment).await?;
    s.fill("#handover-code", code).await?;
    s.click_css("#handover-check").await
}

/// The hand-over screen's `n`th answer: its outcome (`refused` for an error) and its words.
async fn handover_answer(s: &Session, n: usize) -> Result<(String, String)> {
    let shown = s
        .wait(&format!(".handover-result[data-check=\"{n}\"]"))
        .await?;
    let outcome = s.attribute(&shown, "data-outcome").await?;
    let said = s.text(&shown).await?;
    Ok((outcome.unwrap_or_else(|| "refused".into()), said))
}

/// A count as the English console writes it: 1,234.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[tokio::test]
async fn a_courier_hands_over_an_agent_sees_the_last_send_a_lead_audits_the_trail() -> Result<()> {
    let work = tempfile::tempdir()?;
    let shots = workspace_root().join("tests/artifacts");
    let store = seed(work.path(), TICKETS)?;
    let sink = SmtpSink::start(&work.path().join("mailbox"))?;
    let (_server, url) = serve_with(&store, "127.0.0.1:0", &["--smtp", &sink.url()])?;
    let db = store.trim_start_matches("sqlite://").to_string();
    let http = reqwest::Client::new();

    // alice resends a code to a trusted recipient through the API, from a case: the card will
    // show it, and the lead view will flag it.
    let sql = |q: &str| sportello_e2e::processes::sqlite(&db, q);
    let today = sportello_clock::test_clock().now().date_naive();
    let row = sql(&format!(
        "SELECT t.id, p.shipment_id FROM tickets t JOIN shipments s ON s.order_id = t.order_id
           JOIN delivery_passwords p ON p.shipment_id = s.id
           JOIN orders o ON o.id = s.order_id
          WHERE p.state = 'active' AND p.failed_verifications = 0
            AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
            AND s.delivery_date > '{today}' AND t.status <> 'closed'
            AND EXISTS (SELECT 1 FROM trusted_recipients r WHERE r.customer_id = o.customer_id)
          ORDER BY t.id LIMIT 1"
    ))?;
    let (ticket, shipment) = row.split_once('|').context("a case with a password")?;
    sql(&format!(
        "UPDATE delivery_passwords SET sends_today = 0, last_sent_at = NULL WHERE shipment_id = '{shipment}'"
    ))?;
    let alice = api_login(&http, &url, "alice").await?;
    let doc: Value = http
        .get(format!("{url}/api/v1/shipments/{shipment}"))
        .bearer_auth(&alice)
        .send()
        .await?
        .json()
        .await?;
    let trusted = doc["recipients"][1].clone();
    let res = http
        .post(format!("{url}/api/v1/shipments/{shipment}/password/resend"))
        .bearer_auth(&alice)
        .json(
            &json!({"recipient": trusted["id"], "reason": "Her neighbour takes the parcel",
                      "identity_check": {"method": "security_questions"}, "ticket_id": ticket}),
        )
        .send()
        .await?;
    anyhow::ensure!(res.status().is_success(), "resend: {}", res.text().await?);
    // The code, as the trusted recipient reads it in the mail.
    let code = mailed_code(&sink, shipment).await?;
    let wrong = format!("{:06}", (code.parse::<u32>()? + 1) % 1_000_000);

    let export_dir = work.path().join("exports");
    std::fs::create_dir_all(&export_dir)?;
    let data_dir = work.path().join("console-data");
    let window = Window::start_with(
        work.path(),
        &data_dir,
        Painting::Composited,
        &[("SPORTELLO_TEST_EXPORT_DIR", export_dir.as_os_str())],
    )?;
    let app = built("sportello-console");
    let s = Session::start(&window.driver.url, &app).await?;

    // carlo's account gets the hand-over screen: no queue, no sync, no outbox.
    sign_in(&s, &url, "carlo").await?;
    s.wait("#handover").await?;
    anyhow::ensure!(
        s.find_all("#queue-total").await?.is_empty() && s.find_all("#sync-now").await?.is_empty(),
        "a courier sees no queue and syncs nothing"
    );
    // The right code releases the parcel.
    hand_over(&s, shipment, &code).await?;
    let (outcome, said) = handover_answer(&s, 1).await?;
    assert_eq!(outcome, "released", "{said}");
    assert!(said.contains(shipment), "{said}");
    s.screenshot(&shots.join("handover.png")).await?;
    sportello_e2e::publish_screenshot(&shots.join("handover.png"))?;
    // Each wrong one counts down what the password still takes; the fifth locks it, and then
    // the right one releases nothing.
    for left in (1..=4).rev() {
        hand_over(&s, shipment, &wrong).await?;
        let (outcome, said) = handover_answer(&s, 6 - left).await?;
        assert_eq!(outcome, "wrong", "{said}");
        assert!(said.contains(&format!("{left} attempt")), "{said}");
    }
    hand_over(&s, shipment, &wrong).await?;
    let (outcome, said) = handover_answer(&s, 6).await?;
    assert_eq!(outcome, "locked", "{said}");
    hand_over(&s, shipment, &code).await?;
    let (outcome, said) = handover_answer(&s, 7).await?;
    assert_eq!(outcome, "locked", "{said}");
    // Signing out asks nothing: there is no cache to keep.
    s.click_css("#sign-out").await?;
    s.wait("#server-url").await?;

    // alice opens the case: the card shows her send, to whom, and why.
    sign_in(&s, &url, "alice").await?;
    s.wait("#connection[data-state=\"online\"]").await?;
    assert!(
        s.find_all("#lead-view-tab").await?.is_empty(),
        "agents have no lead view"
    );
    s.fill("#search", ticket).await?;
    s.wait_text("#queue-total", |t| t.starts_with("1 ")).await?;
    // A cell, not the row: WebKit's driver finds no in-view point for a table row itself.
    s.click_css(&format!("tr.queue-row[data-ticket-id=\"{ticket}\"] td"))
        .await?;
    s.wait(&format!("#case[data-ticket-id=\"{ticket}\"]"))
        .await?;
    let last = s
        .wait_text("#password-history li.password-event", |t| {
            t.contains("Alice Bianchi")
        })
        .await?;
    let masked = trusted["masked"].as_str().context("masked")?;
    assert!(last.contains(masked), "to whom: {last:?}");
    assert!(
        last.contains("Her neighbour takes the parcel"),
        "why: {last:?}"
    );
    sign_out(&s).await?;

    // lena's lead view.
    sign_in(&s, &url, "lena").await?;
    s.wait("#connection[data-state=\"online\"]").await?;
    s.click_css("#lead-view-tab").await?;
    s.wait("#lead-view").await?;
    s.wait("tr.audit-row").await?;
    // The seeded habits raise flags, each explained in words.
    let flag = s
        .wait_text("#audit-flags .audit-flag", |t| t.len() > 20)
        .await?;
    assert!(
        flag.chars().any(char::is_alphabetic),
        "explained in words: {flag:?}"
    );

    s.fill("#audit-filter-actor", "alice").await?;
    s.wait_text(
        "#audit-flags .audit-flag[data-kind=\"trusted_recipient\"]",
        |t| t.contains("Alice Bianchi"),
    )
    .await?;
    let lena = api_login(&http, &url, "lena").await?;
    // alice's whole trail, page after page.
    let mut expected: Vec<u64> = Vec::new();
    let mut cursor = 0u64;
    loop {
        let page: Value = http
            .get(format!(
                "{url}/api/v1/audit?actor=alice&limit=1000&cursor={cursor}"
            ))
            .bearer_auth(&lena)
            .send()
            .await?
            .json()
            .await?;
        let entries = page["entries"].as_array().context("entries")?;
        expected.extend(entries.iter().filter_map(|e| e["seq"].as_u64()));
        match page["next_cursor"].as_u64() {
            Some(next) => cursor = next,
            None => break,
        }
    }
    assert!(!expected.is_empty());
    // The rows shown are alice's: the count is the filtered trail's once the filter applies.
    let total = format!("of {} entries", grouped(expected.len()));
    s.wait_text("#audit-shown", |t| t.contains(&total)).await?;
    let rows = s.find_all("tr.audit-row").await?;
    assert!(!rows.is_empty());
    for row in rows.iter().take(20) {
        let seq: u64 = s
            .attribute(row, "data-seq")
            .await?
            .context("data-seq")?
            .parse()?;
        assert!(expected.contains(&seq), "row #{seq} is not alice's");
    }
    s.screenshot(&shots.join("lead-view.png")).await?;
    sportello_e2e::publish_screenshot(&shots.join("lead-view.png"))?;

    // The export holds exactly the filtered trail.
    s.click_css("#audit-export").await?;
    s.wait_text("#audit-export-result", |t| t.contains(".csv"))
        .await?;
    let file = std::fs::read_dir(&export_dir)?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .context("an exported file")?;
    let mut csv = csv::Reader::from_path(&file)?;
    let exported: Vec<u64> = csv
        .records()
        .map(|r| Ok(r?[0].parse()?))
        .collect::<Result<_>>()?;
    assert_eq!(
        exported, expected,
        "the export is exactly the filtered trail"
    );

    // Verified on lena's machine, up to the server's signed checkpoint.
    s.click_css("#audit-verify").await?;
    let verified = s
        .wait_text("#audit-verify-result[data-state=\"verified\"]", |t| {
            t.contains('#')
        })
        .await?;
    assert!(!verified.is_empty());
    s.close().await?;
    Ok(())
}
