//! The Sportello desktop console: a thin Tauri shell over `sportello-core`. Each command
//! forwards to [`Console`]; long work (sync) runs in the background and reports to the UI
//! through the `sync-progress` and `status` events. A watcher announces each callback that
//! falls due with the `callbacks-due` event; the UI raises its desktop notification.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::Arc;

mod rendering;

use sportello_core::types::{
    AuditFilter, AuditSummary, AuditTrailPage, CaseView, Connection, ConsoleError, ConsoleStatus,
    PendingAction, QueuePage, QueueQuery, SyncProgress, QUEUE_PAGE,
};
use sportello_core::{Console, FollowEnd, Followed};
use sportello_protocol::{
    CloseTicket, NewAttempt, NewCallback, NewMessage, RegenerateRequest, ResendRequest, Shipment,
    Ticket, VerifyResponse,
};
use tauri::{AppHandle, Emitter, Manager, State};

type Shared<'a> = State<'a, Arc<Console>>;

/// When this process started: the start-up line in the log counts from it, and the page's
/// marks (taken on the machine's clock) from the second, the machine's epoch ms.
static LAUNCHED: std::sync::OnceLock<(std::time::Instant, f64)> = std::sync::OnceLock::new();

/// Runs a sync in the background, forwarding progress and the final status to the UI.
fn spawn_sync(app: AppHandle, console: Arc<Console>) {
    tauri::async_runtime::spawn(async move {
        let progress_app = app.clone();
        let result = console
            .sync(move |p| {
                let _ = progress_app.emit("sync-progress", &p);
            })
            .await;
        if let Err(error) = result {
            tracing::warn!(%error, "sync failed");
            let _ = app.emit(
                "sync-progress",
                &SyncProgress {
                    applied: 0,
                    total: 0,
                    rate: None,
                    seconds_left: None,
                    finished: true,
                    error: Some(error),
                },
            );
        }
        let _ = app.emit("status", &console.status().await);
    });
}

#[tauri::command]
async fn startup(app: AppHandle, console: Shared<'_>) -> Result<ConsoleStatus, ConsoleError> {
    let status = console.startup().await;
    // A session kept in the keyring goes on: what waits in the outbox goes first.
    if status.connection == Connection::Online {
        spawn_sync(app, console.inner().clone());
    }
    Ok(status)
}

/// The UI painted its first queue row: logged once, with the time since launch and the steps
/// the page marked on the way (`navigation:310,script:402,…`, ms since launch; see
/// `ui/src/lib/launch.ts`), so any console's log says how long its start-up took and where
/// the time went (`cargo xtask bench --only startup` reads it, beside an empty window's).
#[tauri::command]
fn first_row_shown(steps: Vec<(String, f64)>) {
    static TOLD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if TOLD.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let Some((instant, launched_ms)) = LAUNCHED.get() else {
        return;
    };
    let after_ms = instant.elapsed().as_millis();
    let steps = steps
        .iter()
        // A name is the page's own word; only letters and dashes reach the log.
        .filter(|(name, _)| name.chars().all(|c| c.is_ascii_alphabetic() || c == '-'))
        .map(|(name, at)| format!("{name}:{:.0}", at - launched_ms))
        .collect::<Vec<_>>()
        .join(",");
    tracing::info!(after_ms, steps = %steps, "the first queue row is shown");
}

#[tauri::command]
async fn status(console: Shared<'_>) -> Result<ConsoleStatus, ConsoleError> {
    Ok(console.status().await)
}

#[tauri::command]
async fn sign_in(
    app: AppHandle,
    console: Shared<'_>,
    server_url: String,
    username: String,
    password: String,
) -> Result<ConsoleStatus, ConsoleError> {
    let status = console.sign_in(&server_url, &username, &password).await?;
    spawn_sync(app, console.inner().clone());
    Ok(status)
}

/// Opens the locked cache with the agent's password, offline too; a session the keyring kept
/// goes on syncing.
#[tauri::command]
async fn unlock(
    app: AppHandle,
    console: Shared<'_>,
    password: String,
) -> Result<ConsoleStatus, ConsoleError> {
    let status = console.unlock(&password).await?;
    if status.connection == Connection::Online {
        spawn_sync(app, console.inner().clone());
    }
    Ok(status)
}

#[tauri::command]
async fn sync_now(app: AppHandle, console: Shared<'_>) -> Result<(), ConsoleError> {
    spawn_sync(app, console.inner().clone());
    Ok(())
}

/// The queue's first page as the shell read it ahead while the window loaded
/// ([`Console::prepare`]), handed to the window once: asked beside `startup`, it lets the
/// first rows render while the server is still being asked.
struct FirstPage(std::sync::Mutex<Option<tauri::async_runtime::JoinHandle<Option<QueuePage>>>>);

/// The page read ahead at launch, once; `None` when nothing was (no cache opens without the
/// agent) or it was taken already (a reloaded window asks the queue as usual).
#[tauri::command]
async fn first_page(first: State<'_, FirstPage>) -> Result<Option<QueuePage>, ConsoleError> {
    let reading = first.0.lock().ok().and_then(|mut held| held.take());
    Ok(match reading {
        Some(reading) => reading.await.ok().flatten(),
        None => None,
    })
}

#[tauri::command]
async fn queue(console: Shared<'_>, query: QueueQuery) -> Result<QueuePage, ConsoleError> {
    console.queue(&query).await
}

#[tauri::command]
async fn open_case(console: Shared<'_>, ticket_id: String) -> Result<CaseView, ConsoleError> {
    console.case(&ticket_id).await
}

#[tauri::command]
async fn resend_password(
    console: Shared<'_>,
    shipment_id: String,
    request: ResendRequest,
) -> Result<Shipment, ConsoleError> {
    console.resend_password(&shipment_id, request).await
}

#[tauri::command]
async fn regenerate_password(
    console: Shared<'_>,
    shipment_id: String,
    request: RegenerateRequest,
) -> Result<Shipment, ConsoleError> {
    console.regenerate_password(&shipment_id, request).await
}

/// The courier's hand-over screen: checks the code the recipient tells for a shipment.
#[tauri::command]
async fn hand_over(
    console: Shared<'_>,
    shipment_id: String,
    code: String,
) -> Result<VerifyResponse, ConsoleError> {
    console.hand_over(&shipment_id, &code).await
}

/// Tells the UI the status after an action: the outbox counter may have moved.
async fn announce_status(app: &AppHandle, console: &Console) {
    let _ = app.emit("status", &console.status().await);
}

#[tauri::command]
async fn add_message(
    app: AppHandle,
    console: Shared<'_>,
    ticket_id: String,
    message: NewMessage,
) -> Result<Ticket, ConsoleError> {
    let result = console.add_message(&ticket_id, message).await;
    announce_status(&app, &console).await;
    result
}

/// The agent is typing a reply: the customer's page of a live chat shows it (best effort).
#[tauri::command]
async fn typing(console: Shared<'_>, ticket_id: String) -> Result<(), ConsoleError> {
    console.typing(&ticket_id).await;
    Ok(())
}

#[tauri::command]
async fn log_callback(
    console: Shared<'_>,
    ticket_id: String,
    callback: NewCallback,
) -> Result<Ticket, ConsoleError> {
    console.log_callback(&ticket_id, callback).await
}

/// The full number of a callback's phone, on demand (online only, audited; never cached).
#[tauri::command]
async fn reveal_phone(
    console: Shared<'_>,
    callback_id: String,
) -> Result<sportello_protocol::RevealedPhone, ConsoleError> {
    console.reveal_phone(&callback_id).await
}

#[tauri::command]
async fn log_attempt(
    app: AppHandle,
    console: Shared<'_>,
    callback_id: String,
    attempt: NewAttempt,
) -> Result<Ticket, ConsoleError> {
    let result = console.log_attempt(&callback_id, attempt).await;
    announce_status(&app, &console).await;
    result
}

#[tauri::command]
async fn close_case(
    app: AppHandle,
    console: Shared<'_>,
    ticket_id: String,
    request: CloseTicket,
) -> Result<Ticket, ConsoleError> {
    let result = console.close_case(&ticket_id, request).await;
    announce_status(&app, &console).await;
    result
}

#[tauri::command]
async fn outbox(console: Shared<'_>) -> Result<Vec<PendingAction>, ConsoleError> {
    console.outbox().await
}

#[tauri::command]
async fn discard_action(app: AppHandle, console: Shared<'_>, seq: i64) -> Result<(), ConsoleError> {
    console.discard_action(seq).await?;
    announce_status(&app, &console).await;
    Ok(())
}

#[tauri::command]
async fn audit_trail(
    console: Shared<'_>,
    filter: AuditFilter,
) -> Result<AuditTrailPage, ConsoleError> {
    console.audit_trail(&filter).await
}

#[tauri::command]
async fn audit_summary(
    console: Shared<'_>,
    filter: AuditFilter,
) -> Result<AuditSummary, ConsoleError> {
    console.audit_summary(&filter).await
}

#[tauri::command]
async fn verify_audit(
    console: Shared<'_>,
) -> Result<sportello_protocol::AuditVerification, ConsoleError> {
    console.verify_audit().await
}

/// Exports exactly the filtered trail as CSV to a file the lead picks in the OS's save
/// dialog; `None` when they cancel. With `SPORTELLO_TEST_EXPORT_DIR` set (the end-to-end
/// test, which cannot drive a native dialog) the file goes there without asking.
#[tauri::command]
async fn export_audit(
    app: AppHandle,
    console: Shared<'_>,
    filter: AuditFilter,
) -> Result<Option<String>, ConsoleError> {
    use tauri_plugin_dialog::DialogExt;
    let name = format!(
        "sportello-audit-{}.csv",
        console.now().format("%Y%m%d-%H%M%S")
    );
    let path = match std::env::var_os("SPORTELLO_TEST_EXPORT_DIR") {
        Some(dir) => Some(std::path::PathBuf::from(dir).join(&name)),
        None => {
            let (tx, rx) = tokio::sync::oneshot::channel();
            app.dialog()
                .file()
                .set_file_name(&name)
                .add_filter("CSV", &["csv"])
                .save_file(move |path| {
                    let _ = tx.send(path.and_then(|p| p.into_path().ok()));
                });
            rx.await.ok().flatten()
        }
    };
    let Some(path) = path else {
        return Ok(None);
    };
    console.export_audit(&filter, &path).await?;
    Ok(Some(path.display().to_string()))
}

/// How often the console checks that its server answers.
const CONNECTION_POLL: std::time::Duration = std::time::Duration::from_secs(3);

/// Keeps the connection state true: the UI learns at once when the server goes away, and when
/// it comes back the console syncs (which first sends what waits in the outbox).
fn watch_connection(app: AppHandle, console: Arc<Console>) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(CONNECTION_POLL).await;
            match console.check_connection().await {
                Some(Connection::Online) => {
                    tracing::info!("the server is back: syncing");
                    spawn_sync(app.clone(), console.clone());
                }
                Some(_) => {
                    tracing::info!("the server stopped answering");
                    announce_status(&app, &console).await;
                }
                None => {}
            }
        }
    });
}

/// Follows the server's pushed feed while the console runs: each pushed page is applied as it
/// arrives and announced like a finished sync (the queue and the open case refresh), and a
/// customer typing in a live chat is announced as `customer-typing`. A stream
/// that ends is opened again at once; one that broke after a pause that grows to ten seconds.
fn follow_feed(app: AppHandle, console: Arc<Console>) {
    tauri::async_runtime::spawn(async move {
        let mut pause = std::time::Duration::from_secs(1);
        loop {
            let announce = app.clone();
            let result = console
                .follow(|heard| match heard {
                    Followed::Applied(applied) => {
                        let _ = announce.emit(
                            "sync-progress",
                            &SyncProgress {
                                applied,
                                total: applied,
                                rate: None,
                                seconds_left: Some(0),
                                finished: true,
                                error: None,
                            },
                        );
                    }
                    // The open case shows it when it is that chat.
                    Followed::Typing(typing) => {
                        let _ = announce.emit("customer-typing", &typing);
                    }
                })
                .await;
            match result {
                Ok(FollowEnd::Ended | FollowEnd::Overtaken) => {
                    pause = std::time::Duration::from_secs(1);
                    continue;
                }
                Ok(FollowEnd::Busy | FollowEnd::NotFollowing) => {}
                Err(error) => {
                    tracing::debug!(%error, "the pushed feed broke; following again shortly");
                    let _ = app.emit("status", &console.status().await);
                    pause = (pause * 2).min(std::time::Duration::from_secs(10));
                }
            }
            tokio::time::sleep(pause).await;
        }
    });
}

/// How often the watcher looks for callbacks falling due.
const DUE_POLL: std::time::Duration = std::time::Duration::from_secs(5);

/// Announces every callback that falls due while the console runs with the `callbacks-due`
/// event; the UI raises one desktop notification each, in the agent's language, and shows
/// them.
fn watch_due_callbacks(app: AppHandle, console: Arc<Console>) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(DUE_POLL).await;
            match console.callbacks_falling_due(console.now()).await {
                Ok(due) if due.is_empty() => {}
                Ok(due) => {
                    tracing::info!(count = due.len(), "callbacks fell due");
                    let _ = app.emit("callbacks-due", &due);
                }
                Err(error) => tracing::warn!(%error, "cannot look for due callbacks"),
            }
        }
    });
}

/// How far the console's clock is from the wall clock, in milliseconds (0 but in tests): the
/// UI's `now` is its own clock plus this.
#[tauri::command]
fn clock_offset(console: Shared<'_>) -> f64 {
    console.clock_offset_ms()
}

#[tauri::command]
async fn sign_out(console: Shared<'_>, wipe: Option<bool>) -> Result<ConsoleStatus, ConsoleError> {
    console.sign_out(wipe.unwrap_or(false)).await
}

/// The console's allocator (see `sportello_core::memory`).
#[global_allocator]
static ALLOCATOR: sportello_core::memory::MiMalloc = sportello_core::memory::MiMalloc;

fn main() {
    LAUNCHED.get_or_init(|| {
        (
            std::time::Instant::now(),
            sportello_clock::machine_epoch_millis(),
        )
    });
    // Packages and support ask which version this is, without a window.
    if std::env::args()
        .skip(1)
        .any(|a| a == "--version" || a == "-V")
    {
        println!("sportello-console {}", env!("CARGO_PKG_VERSION"));
        return;
    }
    rendering::choose();
    sportello_core::memory::setup();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        // Colours for a terminal only: a file or a pipe gets plain lines.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    let data_dir = sportello_core::default_data_dir();
    // The wall clock, unless a test shifted it (`SPORTELLO_CLOCK_OFFSET_MS`).
    let clock = sportello_clock::Clock::from_env().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    tracing::info!(
        data_dir = %data_dir.display(),
        webkit_disable_compositing = ?std::env::var(rendering::DISABLE_COMPOSITING).ok(),
        "starting"
    );
    tauri::Builder::default()
        // First, so a second launch hands over to the running console before doing anything.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            tracing::info!("launched again: showing the running console");
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let console = Arc::new(Console::new(data_dir.clone(), clock.clone()));
            app.manage(console.clone());
            // The cache opens and its first page is read while the window loads.
            let early = console.clone();
            let reading =
                tauri::async_runtime::spawn(async move { early.prepare(QUEUE_PAGE).await });
            app.manage(FirstPage(std::sync::Mutex::new(Some(reading))));
            watch_due_callbacks(app.handle().clone(), console.clone());
            follow_feed(app.handle().clone(), console.clone());
            watch_connection(app.handle().clone(), console);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            startup,
            first_page,
            first_row_shown,
            status,
            sign_in,
            unlock,
            sync_now,
            queue,
            open_case,
            resend_password,
            regenerate_password,
            hand_over,
            add_message,
            typing,
            log_callback,
            log_attempt,
            reveal_phone,
            close_case,
            outbox,
            discard_action,
            audit_trail,
            audit_summary,
            verify_audit,
            export_audit,
            clock_offset,
            sign_out
        ])
        .build(tauri::generate_context!())
        .expect("the Sportello console failed to start")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // The cache's connections close before the process does.
                let console = app.state::<Arc<Console>>().inner().clone();
                tauri::async_runtime::block_on(console.shutdown());
            }
        });
}
