//! A real server for the console core's tests: a seeded SQLite store served in-process on a
//! loopback port that can stop and come back on the same address, with its mail worker
//! sending to a real SMTP server (Python's aiosmtpd, as `./dev test` installs it).

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use sportello_server::mail::{Settings, Transport};
use sportello_server::secrets::Keys;
use sportello_server::seed::{seed, SeedOptions};
use sportello_server::store::Store;
use sportello_server::{app, AppState};

/// The cache file a console keeps under `data_dir`.
pub fn cache_file(data_dir: &Path) -> std::path::PathBuf {
    std::fs::read_dir(data_dir.join("caches"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .expect("a cache file")
}

/// Opens a cache alice's console made, with her password (as the console unlocks it).
pub async fn open_alices_cache(path: &Path) -> sportello_core::inspect::Cases {
    sportello_core::inspect::open_cases(path, "alice-demo")
        .await
        .unwrap()
        .expect("alice's password opens her cache")
}

/// A console signed in as alice to a server seeded with `tickets` tickets, synced:
/// (smtp, server's directory, console's data directory, server, console).
pub async fn synced_console(
    tickets: u32,
) -> (
    SmtpSink,
    tempfile::TempDir,
    tempfile::TempDir,
    TestServer,
    sportello_core::Console,
) {
    let smtp = SmtpSink::start();
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let server = TestServer::seeded(server_dir.path(), tickets, &smtp).await;
    let console = sportello_core::Console::new(data_dir.path(), sportello_clock::test_clock());
    console.startup().await;
    console
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    console.sync(|_| {}).await.unwrap();
    (smtp, server_dir, data_dir, server, console)
}

pub struct TestServer {
    pub url: String,
    addr: SocketAddr,
    /// The store's SQLite file.
    db: std::path::PathBuf,
    store: Arc<dyn Store>,
    keys: Arc<Keys>,
    running: Option<(
        tokio::sync::oneshot::Sender<()>,
        tokio::task::JoinHandle<()>,
    )>,
    mail: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Seeds `tickets` tickets into a SQLite file in `dir` and serves it; mail goes to `smtp`.
    pub async fn seeded(dir: &Path, tickets: u32, smtp: &SmtpSink) -> TestServer {
        let db = dir.join("server.sqlite");
        let url = format!("sqlite://{}", db.display());
        let store = sportello_server::store::open(&url).await.unwrap();
        store.migrate().await.unwrap();
        let keys = Arc::new(Keys::load_or_create(&dir.join("keys.json")).unwrap());
        let options = SeedOptions {
            tickets,
            seed: 5,
            today: sportello_clock::test_clock().now().date_naive(),
            now: sportello_clock::test_clock().now(),
        };
        seed(&*store, &keys, &options, |_, _| {}).await.unwrap();
        let mail = tokio::spawn(sportello_server::mail::run(
            store.clone(),
            Some(keys.clone()),
            Transport::smtp(&smtp.url()).unwrap(),
            Settings {
                poll: Duration::from_millis(50),
                ..Settings::default()
            },
            sportello_clock::test_clock(),
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut server = TestServer {
            url: format!("http://{addr}"),
            addr,
            db,
            store,
            keys,
            running: None,
            mail,
        };
        server.serve(listener);
        server
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = AppState {
            clock: sportello_clock::test_clock(),
            keys: Some(self.keys.clone()),
            ..AppState::new(self.store.clone())
        };
        let router = app(state.clone());
        let task = tokio::spawn(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                    state.stop();
                })
                .await
                .unwrap();
        });
        self.running = Some((stop, task));
    }

    /// The server goes away: its port refuses connections.
    pub async fn stop(&mut self) {
        if let Some((stop, task)) = self.running.take() {
            let _ = stop.send(());
            task.await.unwrap();
        }
    }

    /// The server comes back on the same address.
    pub async fn start_again(&mut self) {
        let listener = tokio::net::TcpListener::bind(self.addr).await.unwrap();
        self.serve(listener);
    }

    /// A customer's request for help, opened in the store as the customer page opens it
    /// (even while the server does not listen); its ticket id.
    pub async fn customer_request(&self, note: &str) -> String {
        self.customer_asks(note, sportello_protocol::Channel::Email)
            .await
    }

    /// A customer's live chat, opened in the store as the customer page opens it.
    pub async fn customer_chat(&self, note: &str) -> String {
        self.customer_asks(note, sportello_protocol::Channel::LiveChat)
            .await
    }

    /// The customer of a chat types, as the customer page tells it.
    pub async fn customer_types(&self, ticket_id: &str) {
        let typing = sportello_protocol::Typing {
            ticket_id: ticket_id.into(),
            by: sportello_protocol::Typist::Customer,
            name: "A customer".into(),
        };
        self.store.announce_typing(&typing).await.unwrap();
    }

    /// Who is typing, as the server's followers hear it from now on.
    pub fn typing(&self) -> tokio::sync::broadcast::Receiver<sportello_protocol::Typing> {
        self.store.typing()
    }

    async fn customer_asks(&self, note: &str, channel: sportello_protocol::Channel) -> String {
        let customer = self
            .store
            .customer_with_active_code()
            .await
            .unwrap()
            .expect("a seeded customer");
        let ticket = self
            .store
            .open_request(sportello_server::store::NewRequest {
                customer_id: &customer.id,
                order_id: None,
                category: sportello_protocol::Category::Orders,
                subject: "Where is my parcel?",
                note,
                channel,
                callback: None,
                now: sportello_clock::test_clock().now(),
            })
            .await
            .unwrap();
        ticket.id
    }

    /// A customer's whole e-mail address and phone numbers, as the server's store holds them
    /// (a console never receives them).
    pub async fn contacts(&self, customer_id: &str) -> (String, Vec<String>) {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", self.db.display()))
            .await
            .unwrap();
        let (email,): (String,) = sqlx::query_as("SELECT email FROM customers WHERE id = ?")
            .bind(customer_id)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        let phones: Vec<(String,)> = sqlx::query_as(
            "SELECT number FROM customer_phones WHERE customer_id = ? ORDER BY position",
        )
        .bind(customer_id)
        .fetch_all(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
        (email, phones.into_iter().map(|(n,)| n).collect())
    }

    /// The current delivery password of a shipment, opened from the store's sealed copy with
    /// the server's keys (what the customer's read-back does; no console ever sees it).
    pub async fn code_of(&self, shipment_id: &str) -> String {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", self.db.display()))
            .await
            .unwrap();
        let (generation, key_id, mac, nonce, sealed): (i64, String, Vec<u8>, Vec<u8>, Vec<u8>) =
            sqlx::query_as(
                "SELECT generation, key_id, code_mac, code_nonce, code_sealed
                   FROM delivery_passwords WHERE shipment_id = ?",
            )
            .bind(shipment_id)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        let sealed = sportello_server::secrets::SealedCode {
            key_id,
            mac,
            nonce,
            sealed,
        };
        self.keys
            .open(shipment_id, generation as u32, &sealed)
            .unwrap()
            .reveal()
            .to_string()
    }

    /// A shipment on its way whose password is active and valid past today.
    pub async fn active_password_shipment(&self) -> String {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", self.db.display()))
            .await
            .unwrap();
        let (id,): (String,) = sqlx::query_as(
            "SELECT s.id FROM shipments s JOIN delivery_passwords p ON p.shipment_id = s.id
              WHERE p.state = 'active' AND p.failed_verifications = 0
                AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
                AND s.delivery_date > ?
              ORDER BY s.id LIMIT 1",
        )
        .bind(sportello_clock::test_clock().now().date_naive())
        .fetch_one(&mut conn)
        .await
        .unwrap();
        conn.close().await.unwrap();
        id
    }

    /// Ends every session, as an expiry or a revocation does: their tokens answer 401.
    pub async fn end_sessions(&self) {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", self.db.display()))
            .await
            .unwrap();
        sqlx::query("DELETE FROM sessions")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }

    pub async fn login(&self, user: &str, password: &str) -> String {
        let body: Value = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/login", self.url))
            .json(&serde_json::json!({"username": user, "password": password}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        body["token"].as_str().unwrap().to_string()
    }

    pub async fn get(&self, token: &str, path: &str) -> Value {
        reqwest::Client::new()
            .get(format!("{}/api/v1{path}", self.url))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        let res = reqwest::Client::new()
            .post(format!("{}/api/v1{path}", self.url))
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
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.mail.abort();
    }
}

/// aiosmtpd on a loopback port, storing what it receives in a Maildir.
pub struct SmtpSink {
    port: u16,
    maildir: tempfile::TempDir,
    child: Child,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = tempfile::tempdir().unwrap();
        let python = std::env::var("SPORTELLO_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (./dev test installs it)");
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpSink {
            port,
            maildir,
            child,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, as raw text.
    pub fn messages(&self) -> Vec<String> {
        ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(self.maildir.path().join("box").join(sub)).ok())
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect()
    }

    /// Waits until a message containing `text` arrived, then a moment more for any copy;
    /// returns every message containing it.
    pub async fn wait_for(&self, text: &str) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let found: Vec<String> = self
                .messages()
                .into_iter()
                .filter(|m| m.contains(text))
                .collect();
            if !found.is_empty() || Instant::now() > deadline {
                tokio::time::sleep(Duration::from_millis(500)).await;
                return self
                    .messages()
                    .into_iter()
                    .filter(|m| m.contains(text))
                    .collect();
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
