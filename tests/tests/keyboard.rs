//! The console driven by the keyboard alone, in the real window against a real seeded server
//! (rule 7.7): alice finds a case by search, opens it, logs a callback and an attempt, writes a
//! note and a reply, resends the password and closes the case, and opens the command palette
//! and the cheat sheet, without a click. In every dialog, Tab and Shift+Tab never take the
//! focus out of it, and closing it gives the focus back. A second launch of the console in the
//! same session hands over to the first and ends.

use anyhow::{ensure, Context, Result};
use sportello_e2e::built;
use sportello_e2e::processes::{seed, serve_with, Painting, SmtpSink, Window};
use sportello_e2e::webdriver::{keys, Session};

const TICKETS: u32 = 200;

/// Tabs forwards and backwards through the open dialog `css`: the focus never leaves it.
async fn focus_stays_in(s: &Session, css: &str) -> Result<()> {
    ensure!(
        s.focus_is_in(css).await?,
        "{css} has the focus when it opens"
    );
    for chord in [&[keys::TAB][..], &[keys::SHIFT, keys::TAB][..]] {
        for n in 0..12 {
            s.press(chord).await?;
            ensure!(
                s.focus_is_in(css).await?,
                "the focus left {css} after {} presses of {chord:?}",
                n + 1
            );
        }
    }
    Ok(())
}

/// The id of the element with the keyboard's focus.
async fn focused(s: &Session) -> Result<String> {
    Ok(s.execute(
        "return document.activeElement?.id ?? '';",
        serde_json::json!([]),
    )
    .await?
    .as_str()
    .unwrap_or_default()
    .to_string())
}

#[tokio::test]
async fn an_agent_works_a_case_from_the_keyboard_alone() -> Result<()> {
    let work = tempfile::tempdir()?;
    let store = seed(work.path(), TICKETS)?;
    let sink = SmtpSink::start(&work.path().join("mailbox"))?;
    let (_server, url) = serve_with(&store, "127.0.0.1:0", &["--smtp", &sink.url()])?;
    let db = store.trim_start_matches("sqlite://").to_string();
    let sql = |q: &str| sportello_e2e::processes::sqlite(&db, q);
    // An open case with one shipment whose password may be sent now, a customer with a phone,
    // and no callback yet.
    let today = sportello_clock::test_clock().now().date_naive();
    let row = sql(&format!(
        "SELECT t.id, s.id FROM tickets t JOIN shipments s ON s.order_id = t.order_id
           JOIN delivery_passwords p ON p.shipment_id = s.id
          WHERE p.state = 'active' AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
            AND s.delivery_date > '{today}' AND t.status <> 'closed'
            AND (SELECT count(*) FROM shipments x WHERE x.order_id = t.order_id) = 1
            AND EXISTS (SELECT 1 FROM customer_phones c WHERE c.customer_id = t.customer_id)
            AND NOT EXISTS (SELECT 1 FROM callbacks b WHERE b.ticket_id = t.id)
          ORDER BY t.id LIMIT 1"
    ))?;
    let (ticket, shipment) = row.split_once('|').context("a case to work")?;
    sql(&format!(
        "UPDATE delivery_passwords SET sends_today = 0, last_sent_at = NULL WHERE shipment_id = '{shipment}'"
    ))?;

    let window = Window::start(
        work.path(),
        &work.path().join("console-data"),
        Painting::Composited,
    )?;
    let s = Session::start(&window.driver.url, &built("sportello-console")).await?;
    s.wait("#server-url").await?;
    s.fill("#server-url", &url).await?;
    s.fill("#username", "alice").await?;
    s.fill("#password", "alice-demo").await?;
    s.press(&[keys::ENTER]).await?;
    s.wait("#connection[data-state=\"online\"]").await?;
    s.wait("tr.queue-row").await?;

    // Search, then the first row of what it found.
    s.press(&["/"]).await?;
    ensure!(
        focused(&s).await? == "search",
        "`/` puts the keyboard in the search"
    );
    s.type_keys(ticket).await?;
    s.wait_text("#queue-total", |t| t.starts_with("1 ")).await?;
    s.press(&[keys::ESCAPE]).await?;
    s.press(&["j"]).await?;
    s.wait(&format!("#case[data-ticket-id=\"{ticket}\"]"))
        .await?;
    s.press(&[keys::ENTER]).await?;
    ensure!(
        focused(&s).await? == "case-subject",
        "Enter goes into the case"
    );

    // A callback, then an attempt on it.
    s.press(&["c"]).await?;
    s.wait("#callback-dialog").await?;
    focus_stays_in(&s, "#callback-dialog").await?;
    s.fill("#callback-note", "Call back after lunch").await?;
    s.press(&[keys::CONTROL, keys::ENTER]).await?;
    s.wait_text("li.callback", |t| t.contains("Call back after lunch"))
        .await?;
    // Sent, the dialog closes (the pushed feed may show the callback a moment before the
    // answer does).
    s.wait_gone("#callback-dialog").await?;
    s.press(&["a"]).await?;
    s.wait("#attempt-dialog").await?;
    focus_stays_in(&s, "#attempt-dialog").await?;
    s.fill("#attempt-note", "Reached her at once").await?;
    s.press(&[keys::CONTROL, keys::ENTER]).await?;
    s.wait_text("li.callback", |t| t.contains("Reached her at once"))
        .await?;

    // A note, then a reply, each sent with Ctrl+Enter.
    s.press(&["n"]).await?;
    ensure!(focused(&s).await? == "composer-body", "`n` writes a note");
    s.type_keys("Checked the depot scan").await?;
    s.press(&[keys::CONTROL, keys::ENTER]).await?;
    s.wait_text("ol.conversation", |t| t.contains("Checked the depot scan"))
        .await?;
    let note = s.find_all("li.message.note").await?;
    let last = s.text(note.last().context("a note")?).await?;
    ensure!(
        last.contains("Checked the depot scan"),
        "sent as a note: {last:?}"
    );
    s.press(&[keys::ESCAPE]).await?;
    s.press(&["r"]).await?;
    ensure!(focused(&s).await? == "composer-body", "`r` writes a reply");
    s.type_keys("Your parcel arrives tomorrow").await?;
    s.press(&[keys::CONTROL, keys::ENTER]).await?;
    s.wait_text("ol.conversation", |t| {
        t.contains("Your parcel arrives tomorrow")
    })
    .await?;
    let replies = s.find_all("li.message.reply").await?;
    let last = s.text(replies.last().context("a reply")?).await?;
    ensure!(
        last.contains("arrives tomorrow"),
        "sent as a reply: {last:?}"
    );
    s.press(&[keys::ESCAPE]).await?;

    // The password, resent to the account e-mail: the card lists the send and why.
    s.press(&["p"]).await?;
    s.wait("#password-dialog").await?;
    focus_stays_in(&s, "#password-dialog").await?;
    s.fill("#password-reason", "Lost the e-mail").await?;
    s.press(&[keys::CONTROL, keys::ENTER]).await?;
    s.wait_text("#password-history", |t| t.contains("Lost the e-mail"))
        .await?;
    sink.wait_for(1).await?;

    // The palette finds an action by name and shows its keys; the cheat sheet lists the same.
    s.press(&[keys::CONTROL, "k"]).await?;
    s.wait("#palette").await?;
    ensure!(
        focused(&s).await? == "palette-search",
        "the palette takes the keyboard"
    );
    s.type_keys("close the case").await?;
    let found = s
        .wait_text("#palette-list", |t| t.contains("Close the case"))
        .await?;
    ensure!(found.contains('x'), "the palette shows the keys: {found:?}");
    focus_stays_in(&s, "#palette").await?;
    s.press(&[keys::ESCAPE]).await?;
    ensure!(
        s.find_all("#palette").await?.is_empty(),
        "Escape closes the palette"
    );
    s.press(&["?"]).await?;
    s.wait("#shortcuts-dialog").await?;
    let listed = s.find_all("#shortcuts-dialog tr.shortcut").await?.len();
    ensure!(listed > 20, "every command is on the cheat sheet: {listed}");
    focus_stays_in(&s, "#shortcuts-dialog").await?;
    s.press(&[keys::ESCAPE]).await?;
    ensure!(
        s.find_all("#shortcuts-dialog").await?.is_empty() && !s.find_all("#case").await?.is_empty(),
        "Escape closes the sheet, and only the sheet"
    );

    // Closing, confirmed in its dialog, from the keyboard too.
    s.press(&["x"]).await?;
    s.wait("#close-dialog").await?;
    focus_stays_in(&s, "#close-dialog").await?;
    s.fill("#close-resolution", "Resent the code; delivery tomorrow")
        .await?;
    s.press(&[keys::CONTROL, keys::ENTER]).await?;
    s.wait_text("#case-resolution-text", |t| t.contains("delivery tomorrow"))
        .await?;

    // One console per session: launched again, it hands over to this one and ends.
    let second = window.launch_again(std::time::Duration::from_secs(20))?;
    ensure!(second.success(), "the second launch ended with {second}");
    ensure!(
        !s.find_all("#case").await?.is_empty(),
        "the first console goes on as it was"
    );
    s.close().await?;
    Ok(())
}
