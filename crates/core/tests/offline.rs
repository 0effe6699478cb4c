//! The console core against a real server on `127.0.0.1:0`: sign in, sync into a fresh cache
//! file, then stop the server and review the queue and a case from the cache alone; password
//! actions update the cached case at once and refuse clearly without the server.

use std::sync::Arc;

use sportello_core::types::{Connection, ErrorCode, ErrorKind, QueueQuery};
use sportello_core::Console;
use sportello_protocol::TicketStatus;
use sportello_server::secrets::Keys;
use sportello_server::seed::{seed, SeedOptions};
use sportello_server::{app, AppState};

struct Running {
    url: String,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    async fn stop(self) {
        let _ = self.stop.send(());
        self.task.await.unwrap();
    }
}

/// Seeds `tickets` tickets into a SQLite file in `dir` and serves it.
async fn serve(dir: &std::path::Path, tickets: u32) -> Running {
    let store =
        sportello_server::store::open(&format!("sqlite://{}", dir.join("server.sqlite").display()))
            .await
            .unwrap();
    store.migrate().await.unwrap();
    let keys = Keys::load_or_create(&dir.join("keys.json")).unwrap();
    let options = SeedOptions {
        tickets,
        seed: 3,
        today: sportello_clock::test_clock().now().date_naive(),
        now: sportello_clock::test_clock().now(),
    };
    seed(&*store, &keys, &options, |_, _| {}).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = app(AppState {
        clock: sportello_clock::test_clock(),
        keys: Some(Arc::new(keys)),
        ..AppState::new(store)
    });
    let task = tokio::spawn(async move {
        axum_serve(listener, app, stopped).await;
    });
    Running { url, stop, task }
}

async fn axum_serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    stopped: tokio::sync::oneshot::Receiver<()>,
) {
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
}

#[tokio::test]
async fn a_synced_cache_serves_the_queue_and_cases_after_the_server_is_gone() {
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    // Over 5,000 changes: a sync of two pages (`sync::PAGE`).
    let server = serve(server_dir.path(), 1700).await;

    let console = Console::new(data_dir.path(), sportello_clock::test_clock());
    assert_eq!(console.startup().await.connection, Connection::SignedOut);
    let status = console
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    assert_eq!(status.connection, Connection::Online);
    assert_eq!(status.agent.unwrap().name, "Alice Bianchi");

    let progress = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = progress.clone();
    let applied = console
        .sync(move |p| seen.lock().unwrap().push(p))
        .await
        .unwrap()
        .unwrap();
    let progress = progress.lock().unwrap().clone();
    assert!(
        progress.len() > 1,
        "a sync over several pages reports progress"
    );
    assert!(progress.windows(2).all(|w| w[0].applied < w[1].applied));
    let last = progress.last().unwrap();
    assert!(last.finished && last.applied == applied && last.total == applied);

    let status = console.status().await;
    assert_eq!(status.cached_tickets, 1700);
    assert!(status.last_sync_at.is_some());

    // A case with an order and a shipment, read while online.
    let queue = console
        .queue(&QueueQuery {
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(queue.total, 1700);
    assert_eq!(queue.rows.len(), 500);
    let mut with_shipment = None;
    for row in &queue.rows {
        let case = console.case(&row.id).await.unwrap();
        if !case.shipments.is_empty() {
            with_shipment = Some(case);
            break;
        }
    }
    let online_case = with_shipment.expect("some case has a shipment");
    assert!(online_case.customer.is_some());
    assert!(online_case.order.is_some());

    // The server goes away; a new console process starts on the same data directory.
    server.stop().await;
    console.shutdown().await;
    let console = Arc::new(Console::new(data_dir.path(), sportello_clock::test_clock()));
    // As the shell starts: the cache opened and its first page read ahead while the window
    // loads, the window's own start-up meeting it halfway.
    let early = {
        let console = console.clone();
        tokio::spawn(async move { console.prepare(200).await })
    };
    let status = console.startup().await;
    early.await.unwrap();
    assert_eq!(console.status().await.connection, Connection::Offline);
    assert_eq!(status.connection, Connection::Offline);
    assert!(status.cache_available);
    assert_eq!(status.cached_tickets, 1700);
    assert!(status.last_sync_at.is_some());

    let offline_queue = console
        .queue(&QueueQuery {
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(offline_queue, queue);
    let offline_case = console.case(&online_case.ticket.id).await.unwrap();
    assert_eq!(offline_case, online_case);

    // Filters and search work from the cache.
    let closed = console
        .queue(&QueueQuery {
            status: Some(TicketStatus::Closed),
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(closed.total > 0 && closed.rows.iter().all(|r| r.status == TicketStatus::Closed));
    let by_id = console
        .queue(&QueueQuery {
            text: Some(online_case.ticket.id.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(by_id.total, 1);
    let tracking = online_case.shipments[0].tracking_number.clone();
    let by_tracking = console
        .queue(&QueueQuery {
            text: Some(tracking),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(by_tracking
        .rows
        .iter()
        .any(|r| r.id == online_case.ticket.id));
    // Injection strings are words to look for, never syntax.
    let words = console
        .queue(&QueueQuery {
            text: Some("%' OR 1=1 --".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!words.more && words.total < 1700, "{}", words.total);
    for text in ["%';--", "\"*(", "\")"] {
        let nothing = console
            .queue(&QueueQuery {
                text: Some(text.into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(nothing.total, 0, "{text}");
    }

    // Syncing offline (with the session the keyring kept) fails with a clear error and
    // leaves the cache as it was.
    let err = console.sync(|_| {}).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unreachable, "{err}");
    assert_eq!(console.status().await.cached_tickets, 1700);

    let missing = console.case("T-does-not-exist").await.unwrap_err();
    assert_eq!(missing.kind, ErrorKind::NotFound);
    console.shutdown().await;
}

#[tokio::test]
async fn sign_in_errors_say_what_went_wrong() {
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let server = serve(server_dir.path(), 5).await;
    let console = Console::new(data_dir.path(), sportello_clock::test_clock());

    let wrong = console
        .sign_in(&server.url, "alice", "wrong")
        .await
        .unwrap_err();
    assert_eq!(wrong.kind, ErrorKind::InvalidCredentials);
    assert!(wrong.message.contains("Wrong username or password"));

    let bad_url = console
        .sign_in("not a url", "alice", "alice-demo")
        .await
        .unwrap_err();
    assert_eq!(bad_url.kind, ErrorKind::InvalidInput);

    let url = server.url.clone();
    server.stop().await;
    let gone = console
        .sign_in(&url, "alice", "alice-demo")
        .await
        .unwrap_err();
    assert_eq!(gone.kind, ErrorKind::Unreachable);
    assert!(gone.message.contains(&url), "{}", gone.message);
    assert_eq!(console.status().await.connection, Connection::SignedOut);
    console.shutdown().await;
}

#[tokio::test]
async fn a_sync_that_loses_the_server_keeps_what_it_applied_and_resumes() {
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let server = serve(server_dir.path(), 40).await;
    let console = Console::new(data_dir.path(), sportello_clock::test_clock());
    console
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    console.sync(|_| {}).await.unwrap();
    let before = console.status().await;
    server.stop().await;
    let err = console.sync(|_| {}).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unreachable);
    let after = console.status().await;
    assert_eq!(after.connection, Connection::Offline);
    assert_eq!(after.cached_tickets, before.cached_tickets);
    console.shutdown().await;
}

#[tokio::test]
async fn password_actions_update_the_cached_case_and_need_the_server() {
    use sportello_protocol::{
        IdentityCheck, IdentityMethod, PasswordState, RegenerateRequest, ResendRequest,
        ShipmentStatus,
    };
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let server = serve(server_dir.path(), 300).await;
    let console = Console::new(data_dir.path(), sportello_clock::test_clock());
    console.startup().await;
    console
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    console.sync(|_| {}).await.unwrap();

    // A cached case whose shipment has an active password, still on its way.
    let page = console
        .queue(&QueueQuery {
            limit: 1000,
            ..Default::default()
        })
        .await
        .unwrap();
    let today = sportello_clock::test_clock().now().date_naive();
    let mut found = None;
    for row in &page.rows {
        let case = console.case(&row.id).await.unwrap();
        if let Some(s) = case.shipments.iter().find(|s| {
            s.password.as_ref().is_some_and(|p| {
                p.state == PasswordState::Active && p.sends_today < 3 && p.regenerations_today == 0
            }) && s.delivery_date > today
                && matches!(
                    s.status,
                    ShipmentStatus::Shipped | ShipmentStatus::InTransit
                )
        }) {
            found = Some((row.id.clone(), s.clone()));
            break;
        }
    }
    let (ticket_id, shipment) = found.expect("a case with an active password");
    let before = shipment.password.clone().unwrap();
    let check = IdentityCheck {
        method: IdentityMethod::SecurityQuestions,
        note: None,
    };
    let resend = ResendRequest {
        recipient: shipment.recipients[0].id.clone(),
        reason: "customer lost the e-mail".into(),
        identity_check: check.clone(),
        ticket_id: None,
    };
    // The seeded last send was long ago; this one goes out and the cached case shows it.
    let sent = console
        .resend_password(&shipment.id, resend.clone())
        .await
        .unwrap();
    assert_eq!(
        sent.password.as_ref().unwrap().sends_today,
        before.sends_today + 1
    );
    let cached = console.case(&ticket_id).await.unwrap();
    let card = cached
        .shipments
        .iter()
        .find(|s| s.id == shipment.id)
        .unwrap();
    assert_eq!(card.password, sent.password);

    // At once again: the limit, which one and when it resets.
    let err = console
        .resend_password(&shipment.id, resend.clone())
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::LimitReached);
    assert!(err.message.contains("60 seconds"), "{}", err.message);
    // Named for the UI to word: which limit and its number, not the server's English.
    assert_eq!(err.params["limit"], "seconds_between_sends");
    assert_eq!(err.params["max"], "60");
    assert!(!err.params.contains_key("detail"));
    let resets = err.resets_at.expect("when it resets");
    assert!(
        resets > sportello_clock::test_clock().now()
            && resets <= sportello_clock::test_clock().now() + chrono::Duration::seconds(61)
    );

    let regenerated = console
        .regenerate_password(
            &shipment.id,
            RegenerateRequest {
                reason: "code forwarded to a stranger".into(),
                identity_check: check,
                ticket_id: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        regenerated.password.as_ref().unwrap().generation,
        before.generation + 1
    );
    let cached = console.case(&ticket_id).await.unwrap();
    let card = cached
        .shipments
        .iter()
        .find(|s| s.id == shipment.id)
        .unwrap();
    assert_eq!(
        card.password.as_ref().unwrap().generation,
        before.generation + 1
    );

    // Without the server nothing is queued: a clear refusal, and the console knows it is offline.
    server.stop().await;
    let err = console
        .resend_password(&shipment.id, resend)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unreachable);
    assert!(
        err.message.contains("password actions need it"),
        "{}",
        err.message
    );
    assert_eq!(console.status().await.connection, Connection::Offline);
    console.shutdown().await;
}

#[tokio::test]
async fn working_a_case_updates_the_cache_and_due_callbacks_are_announced_once() {
    use sportello_protocol::{
        CallbackOutcome, CallbackState, CloseTicket, NewAttempt, NewCallback, NewMessage,
        NewMessageKind,
    };
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let server = serve(server_dir.path(), 300).await;
    let before = sportello_clock::test_clock().now();
    let console = Console::new(data_dir.path(), sportello_clock::test_clock());
    let t0 = sportello_clock::test_clock().now();
    console.startup().await;
    console
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    console.sync(|_| {}).await.unwrap();

    // An open case without callbacks, whose customer has a usable phone.
    let open = console
        .queue(&QueueQuery {
            status: Some(TicketStatus::Open),
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut picked = None;
    for row in open.rows {
        let case = console.case(&row.id).await.unwrap();
        let phone = case
            .customer
            .as_ref()
            .and_then(|c| c.phones.iter().find(|p| !p.wrong_number).cloned());
        if let (true, Some(phone)) = (case.ticket.callbacks.is_empty(), phone) {
            picked = Some((row.id, phone.id));
            break;
        }
    }
    let (ticket_id, phone_id) = picked.expect("an open case to work");

    let ticket = console
        .log_callback(
            &ticket_id,
            NewCallback {
                phone_id,
                due_at: None,
                asap: Some(true),
                note: "call back before 6pm".into(),
            },
        )
        .await
        .unwrap();
    let callback = ticket.callbacks[0].clone();
    assert_eq!(callback.state, CallbackState::Scheduled);
    // The cache has it at once: the case shows it, and the queue will sort it first once due.
    let cached = console.case(&ticket_id).await.unwrap();
    assert_eq!(cached.ticket.callbacks[0].id, callback.id);

    let ours = |due: &[sportello_core::types::DueCallback]| {
        due.iter().filter(|d| d.callback_id == callback.id).count()
    };
    // Not due yet; due within six minutes, announced once; then no more.
    let due = console.callbacks_falling_due(t0).await.unwrap();
    assert_eq!(ours(&due), 0);
    let six = t0 + chrono::Duration::minutes(6);
    let due = console.callbacks_falling_due(six).await.unwrap();
    assert_eq!(ours(&due), 1, "{due:?}");
    assert!(
        due.iter().all(|d| d.due_at > before),
        "callbacks overdue before the console started are not announced: {due:?}"
    );
    let due = console
        .callbacks_falling_due(six + chrono::Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(ours(&due), 0, "announced once");

    // A failed attempt makes it due again ten minutes on: a new announcement then.
    let ticket = console
        .log_attempt(
            &callback.id,
            NewAttempt {
                outcome: CallbackOutcome::NoAnswer,
                note: "no answer".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(ticket.callbacks[0].attempts.len(), 1);
    // Another attempt at once is too soon: named for the UI to word (how long between two
    // attempts, and when the next may be made), never the server's English with its time.
    let too_soon = console
        .log_attempt(
            &callback.id,
            NewAttempt {
                outcome: CallbackOutcome::NoAnswer,
                note: "again".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(too_soon.code, ErrorCode::TooSoon, "{too_soon:?}");
    assert_eq!(too_soon.params["minutes"], "10");
    assert!(!too_soon.params.contains_key("detail"));
    let retry = too_soon
        .resets_at
        .expect("when the next attempt may be made");
    assert!(
        retry > t0 && retry <= t0 + chrono::Duration::minutes(11),
        "{retry}"
    );
    let due = console
        .callbacks_falling_due(t0 + chrono::Duration::minutes(12))
        .await
        .unwrap();
    assert_eq!(ours(&due), 1, "due again after the failed attempt");

    let ticket = console
        .add_message(
            &ticket_id,
            NewMessage {
                kind: NewMessageKind::Note,
                body: "<b>not</b> for the customer".into(),
            },
        )
        .await
        .unwrap();
    let cached = console.case(&ticket_id).await.unwrap();
    assert_eq!(cached.ticket.messages, ticket.messages);
    assert_eq!(
        cached.ticket.messages.last().unwrap().body,
        "<b>not</b> for the customer"
    );

    let closed = console
        .close_case(
            &ticket_id,
            CloseTicket {
                resolution: "Delivered to the neighbour".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(closed.status, TicketStatus::Closed);
    let cached = console.case(&ticket_id).await.unwrap();
    assert_eq!(cached.ticket.status, TicketStatus::Closed);
    assert_eq!(cached.ticket.callbacks[0].state, CallbackState::Cancelled);
    // A closed case refuses more work, and says so.
    let err = console
        .add_message(
            &ticket_id,
            NewMessage {
                kind: NewMessageKind::Reply,
                body: "one more thing".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(err.message.contains("closed"), "{}", err.message);

    server.stop().await;
    // Offline, a note waits in the outbox (tests/outbox.rs follows it to the server).
    let shown = console
        .add_message(
            &other_open_case(&console, &ticket_id).await,
            NewMessage {
                kind: NewMessageKind::Note,
                body: "offline".into(),
            },
        )
        .await
        .unwrap();
    assert!(shown.messages.last().unwrap().id.starts_with("pending-"));
    assert_eq!(console.status().await.connection, Connection::Offline);
    assert_eq!(console.status().await.pending_actions, 1);
    console.shutdown().await;
}

async fn other_open_case(console: &Console, not: &str) -> String {
    console
        .queue(&QueueQuery {
            status: Some(TicketStatus::Open),
            ..Default::default()
        })
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.id != not)
        .unwrap()
        .id
}
