//! The outbox against a real server that goes away and comes back: a note, a callback attempt
//! and a close made offline show at once in the cached case, wait, and reach the server
//! exactly once when it returns (one summary mail at a real SMTP server); an action the server
//! refuses on replay is kept with why until the agent discards it.

mod support;

use sportello_core::types::{ActionKind, Connection, ErrorKind, QueueQuery};
use sportello_core::Console;
use sportello_protocol::{
    CallbackOutcome, CallbackState, CloseTicket, NewAttempt, NewCallback, NewMessage,
    NewMessageKind, TicketStatus,
};
use support::{synced_console, SmtpSink, TestServer};

/// An open case without callbacks whose customer has a usable phone: (ticket, phone).
async fn open_case(console: &Console, skip: usize) -> (String, String) {
    let open = console
        .queue(&QueueQuery {
            status: Some(TicketStatus::Open),
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut found = Vec::new();
    for row in open.rows {
        let case = console.case(&row.id).await.unwrap();
        let phone = case
            .customer
            .as_ref()
            .and_then(|c| c.phones.iter().find(|p| !p.wrong_number).cloned());
        if let (true, Some(phone)) = (case.ticket.callbacks.is_empty(), phone) {
            found.push((row.id, phone.id));
        }
    }
    found.swap_remove(skip)
}

fn note(body: &str) -> NewMessage {
    NewMessage {
        kind: NewMessageKind::Note,
        body: body.into(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn actions_taken_offline_arrive_once_when_the_server_is_back() {
    let (smtp, _server_dir, _data_dir, mut server, console) = synced_console(300).await;
    let (ticket_id, phone_id) = open_case(&console, 0).await;
    let ticket = console
        .log_callback(
            &ticket_id,
            NewCallback {
                phone_id,
                due_at: None,
                asap: Some(true),
                note: String::new(),
            },
        )
        .await
        .unwrap();
    let callback_id = ticket.callbacks[0].id.clone();

    server.stop().await;
    assert_eq!(console.check_connection().await, Some(Connection::Offline));
    assert_eq!(console.check_connection().await, None, "no change, no news");
    // Offline: the queue and the case answer from the cache; the actions wait.
    let found = console
        .queue(&QueueQuery {
            text: Some(ticket_id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    let text = "Offline note: customer will call back";
    let shown = console.add_message(&ticket_id, note(text)).await.unwrap();
    let last = shown.messages.last().unwrap();
    assert_eq!(last.body, text);
    assert!(
        last.id.starts_with("pending-"),
        "shown as waiting: {}",
        last.id
    );
    assert_eq!(console.status().await.connection, Connection::Offline);
    let shown = console
        .log_attempt(
            &callback_id,
            NewAttempt {
                outcome: CallbackOutcome::NoAnswer,
                note: "rang out".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(shown.callbacks[0].attempts.len(), 1);
    let resolution = "Customer will call back; closing offline";
    let shown = console
        .close_case(
            &ticket_id,
            CloseTicket {
                resolution: resolution.into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(shown.status, TicketStatus::Closed);
    // The case and the status say so, before the server knows anything.
    let cached = console.case(&ticket_id).await.unwrap().ticket;
    assert_eq!(cached.status, TicketStatus::Closed);
    assert_eq!(cached.callbacks[0].state, CallbackState::Cancelled);
    assert_eq!(console.status().await.pending_actions, 3);
    let outbox = console.outbox().await.unwrap();
    let kinds: Vec<_> = outbox.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [ActionKind::Note, ActionKind::Attempt, ActionKind::Close]
    );
    assert!(outbox.iter().all(|a| a.error.is_none()));

    server.start_again().await;
    assert_eq!(console.check_connection().await, Some(Connection::Online));
    console.sync(|_| {}).await.unwrap();
    assert_eq!(console.status().await.pending_actions, 0);
    // Once more: nothing is sent twice.
    console.sync(|_| {}).await.unwrap();

    let token = server.login("lena", "lena-demo").await;
    let on_server = server.get(&token, &format!("/tickets/{ticket_id}")).await;
    let notes = on_server["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["body"] == text)
        .count();
    assert_eq!(notes, 1, "the note arrived once: {on_server}");
    assert_eq!(
        on_server["callbacks"][0]["attempts"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(on_server["status"], "closed");
    assert_eq!(on_server["resolution"], resolution);
    // The cached case is the server's again: the note has its real id.
    let cached = console.case(&ticket_id).await.unwrap().ticket;
    assert!(cached
        .messages
        .iter()
        .all(|m| !m.id.starts_with("pending-")));
    let summaries = smtp.wait_for(&ticket_id).await;
    assert_eq!(summaries.len(), 1, "exactly one closing summary mail");
    console.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_action_refused_on_replay_is_kept_with_why_until_discarded() {
    let (_smtp, _server_dir, _data_dir, mut server, console) = synced_console(200).await;
    let (ticket_id, _) = open_case(&console, 1).await;

    server.stop().await;
    console
        .add_message(&ticket_id, note("written while a colleague closed it"))
        .await
        .unwrap();
    server.start_again().await;
    // Meanwhile a colleague closed the case.
    let lena = server.login("lena", "lena-demo").await;
    let (status, _) = server
        .post(
            &lena,
            &format!("/tickets/{ticket_id}/close"),
            serde_json::json!({"resolution": "Solved by phone"}),
        )
        .await;
    assert_eq!(status, 200);

    console.sync(|_| {}).await.unwrap();
    let status = console.status().await;
    assert_eq!((status.pending_actions, status.failed_actions), (0, 1));
    let outbox = console.outbox().await.unwrap();
    let why = outbox[0].error.as_deref().unwrap();
    assert!(why.contains("closed"), "{why}");
    // The cache shows the server's truth: closed, without the refused note.
    let cached = console.case(&ticket_id).await.unwrap().ticket;
    assert_eq!(cached.status, TicketStatus::Closed);
    console.discard_action(outbox[0].seq).await.unwrap();
    assert_eq!(console.status().await.failed_actions, 0);

    // Online, a refusal is an error at once, and nothing waits.
    let err = console
        .add_message(&ticket_id, note("too late"))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert_eq!(console.status().await.pending_actions, 0);
    assert!(console
        .case(&ticket_id)
        .await
        .unwrap()
        .ticket
        .messages
        .iter()
        .all(|m| m.body != "too late"));
    console.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sync_rides_out_a_server_that_vanishes_for_a_moment() {
    let smtp = SmtpSink::start();
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    // Over 5,000 changes: the server vanishes after the first of two pages.
    let server = TestServer::seeded(server_dir.path(), 2000, &smtp).await;
    let server = std::sync::Arc::new(tokio::sync::Mutex::new(server));
    let url = server.lock().await.url.clone();
    let console = std::sync::Arc::new(Console::new(data_dir.path(), sportello_clock::test_clock()));
    console.startup().await;
    console.sign_in(&url, "alice", "alice-demo").await.unwrap();

    // After the first page the server goes away for a moment, then comes back.
    let (first_page, wait_first) = std::sync::mpsc::channel::<()>();
    let (gone, wait_gone) = std::sync::mpsc::channel::<()>();
    let bouncer = {
        let server = server.clone();
        tokio::spawn(async move {
            tokio::task::spawn_blocking(move || wait_first.recv().unwrap())
                .await
                .unwrap();
            server.lock().await.stop().await;
            gone.send(()).unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(700)).await;
            server.lock().await.start_again().await;
        })
    };
    let mut reports = Vec::new();
    let applied = console
        .sync(|p| {
            if reports.is_empty() {
                first_page.send(()).unwrap();
                wait_gone.recv().unwrap();
            }
            reports.push(p);
        })
        .await
        .unwrap()
        .unwrap();
    bouncer.await.unwrap();
    assert!(applied > 2000, "every change arrived: {applied}");
    assert_eq!(console.status().await.cached_tickets, 2000);
    let last = reports.last().unwrap();
    assert!(last.finished && last.error.is_none());
    assert!(reports.iter().any(|p| p.rate.is_some_and(|r| r > 0)));
    assert!(reports
        .iter()
        .any(|p| !p.finished && p.seconds_left.is_some()));
    console.shutdown().await;
}
