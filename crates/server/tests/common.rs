//! Real `sportello-server` processes on fresh stores, for integration tests that run
//! unchanged on both engines: a new SQLite file per test, or a new PostgreSQL database per
//! test (created on the server named by `SPORTELLO_TEST_POSTGRES`, dropped afterwards).

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sportello_server::clock::Clock;
use sportello_server::secrets::Keys;
use sportello_server::{app, AppState};
use tower::ServiceExt;

pub const BIN: &str = env!("CARGO_BIN_EXE_sportello-server");
/// The day seeded data is built around: the test clock's day (UTC). Every process these tests
/// start reads the same clock (`sportello_clock::test_clock`), never the wall.
pub fn today() -> String {
    sportello_server::clock::test_clock()
        .now()
        .date_naive()
        .to_string()
}

/// A `sportello-server` command that reads the test clock.
pub fn server_command() -> Command {
    let (name, offset) = sportello_server::clock::test_clock_env();
    let mut command = Command::new(BIN);
    command.env(name, offset);
    command
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Generates one `#[tokio::test]` per engine for each named `async fn name(engine: Engine)`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test(flavor = "multi_thread")] async fn $name() { super::$name(super::common::Engine::Sqlite).await } )*
        }
        mod postgres {
            $( #[tokio::test(flavor = "multi_thread")] async fn $name() { super::$name(super::common::Engine::Postgres).await } )*
        }
    };
}

/// The PostgreSQL server tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("SPORTELLO_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// Runs one statement with `psql`.
pub fn psql_run(url: &str, sql: &str) {
    psql(url, sql);
}

fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .args([url, "-v", "ON_ERROR_STOP=1", "-At", "-F", "|", "-c", sql])
        .output()
        .expect("psql (the PostgreSQL client) must be installed; ./dev test installs it");
    assert!(
        out.status.success(),
        "psql {sql:?} failed: {}\nIs PostgreSQL running at {url}? ./dev test starts one.",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A fresh, empty store; removed when dropped.
pub struct TestStore {
    pub engine: Engine,
    pub url: String,
    pub dir: tempfile::TempDir,
    database: Option<String>,
}

impl TestStore {
    pub fn new(engine: Engine) -> TestStore {
        let dir = tempfile::tempdir().unwrap();
        match engine {
            Engine::Sqlite => TestStore {
                engine,
                url: format!("sqlite://{}", dir.path().join("store.sqlite").display()),
                dir,
                database: None,
            },
            Engine::Postgres => {
                static N: AtomicU32 = AtomicU32::new(0);
                let name = format!(
                    "sportello_test_{}_{}_{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::SeqCst),
                    // Unique across runs of the same process id.
                    rand::random::<u32>()
                );
                let admin = postgres_admin_url();
                psql(&admin, &format!("CREATE DATABASE {name}"));
                let base = admin
                    .rsplit_once('/')
                    .map_or(admin.as_str(), |(b, _)| b)
                    .to_string();
                TestStore {
                    engine,
                    url: format!("{base}/{name}"),
                    dir,
                    database: Some(name),
                }
            }
        }
    }

    pub fn keys_file(&self) -> String {
        self.dir.path().join("keys.json").display().to_string()
    }

    /// Runs `sportello-server seed` into this store.
    pub fn seed(&self, tickets: u32, seed: u64) {
        let status = server_command()
            .args([
                "seed",
                "--store",
                &self.url,
                "--keys-file",
                &self.keys_file(),
            ])
            .args([
                "--tickets",
                &tickets.to_string(),
                "--seed",
                &seed.to_string(),
                "--today",
                &today(),
            ])
            .stderr(Stdio::null())
            .status()
            .expect("run seed");
        assert!(status.success(), "seed failed on {:?}", self.engine);
    }

    /// Rows of a query, `|`-separated, one line each, by the engine's own shell.
    pub fn query(&self, sql: &str) -> String {
        match self.engine {
            Engine::Postgres => psql(&self.url, sql),
            Engine::Sqlite => {
                let path = self.url.trim_start_matches("sqlite://");
                let out = Command::new("sqlite3")
                    .arg(path)
                    .arg(sql)
                    .output()
                    .expect("sqlite3");
                assert!(out.status.success());
                String::from_utf8(out.stdout).unwrap()
            }
        }
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some(name) = &self.database {
            let _ = Command::new("psql")
                .args([
                    &postgres_admin_url(),
                    "-c",
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
}

impl TestStore {
    /// An active delivery password on a shipment still on its way, due after today, whose
    /// customer has a trusted recipient; its counters for the day are cleared.
    pub fn open_password_shipment(&self) -> String {
        let today = today();
        let id = self
            .query(&format!(
                "SELECT p.shipment_id FROM delivery_passwords p
                   JOIN shipments s ON s.id = p.shipment_id
                   JOIN orders o ON o.id = s.order_id
                  WHERE p.state = 'active' AND s.status IN ('shipped', 'in_transit', 'out_for_delivery')
                    AND s.delivery_date > '{today}'
                    AND EXISTS (SELECT 1 FROM trusted_recipients r WHERE r.customer_id = o.customer_id)
                  ORDER BY p.shipment_id LIMIT 1"
            ))
            .trim()
            .to_string();
        assert!(
            !id.is_empty(),
            "the seed has an open shipment with a password"
        );
        self.query(&format!(
            "UPDATE delivery_passwords SET sends_today = 0, regenerations_today = 0, last_sent_at = NULL,
                    failed_verifications = 0
              WHERE shipment_id = '{id}'"
        ));
        id
    }
}

/// A served store; the process is killed when this is dropped.
pub struct Server {
    pub url: String,
    child: Child,
}

impl Server {
    pub fn start(store: &TestStore) -> Server {
        Server::start_with(store, &[])
    }

    /// Serves `store` with extra `serve` arguments (e.g. `--smtp URL`).
    pub fn start_with(store: &TestStore, extra: &[&str]) -> Server {
        let mut child = server_command()
            .args([
                "serve",
                "--demo",
                "--store",
                &store.url,
                "--listen",
                "127.0.0.1:0",
            ])
            .args(["--keys-file", &store.keys_file()])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .expect("read the first line");
        let url = first
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
            .to_string();
        Server { url, child }
    }

    /// Seeds a new store of `engine` with `tickets` tickets and serves it.
    pub fn seeded(engine: Engine, tickets: u32) -> (TestStore, Server) {
        let store = TestStore::new(engine);
        store.seed(tickets, 7);
        let server = Server::start(&store);
        (store, server)
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.url)
    }

    /// `GET /api/v1{path}` as the holder of `token`, its JSON body.
    pub async fn get_json(&self, token: &str, path: &str) -> serde_json::Value {
        reqwest::Client::new()
            .get(self.api(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let res = reqwest::Client::new()
            .post(self.api("/auth/login"))
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "login as {username}");
        let body: serde_json::Value = res.json().await.unwrap();
        body["token"].as_str().unwrap().to_string()
    }
}

impl Server {
    /// Sends SIGTERM and waits for the process to exit.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        self.child.wait().expect("the server exits")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Asserts a problem+json answer with the given status and type, and returns its body.
pub async fn expect_problem(res: reqwest::Response, status: u16, kind: &str) -> serde_json::Value {
    assert_eq!(res.status().as_u16(), status, "status");
    let content_type = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert_eq!(content_type, "application/problem+json");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["type"], kind, "problem type in {body}");
    assert_eq!(body["status"], status);
    assert!(body["title"].is_string());
    body
}

/// aiosmtpd on a loopback port, writing what it receives to a Maildir.
pub struct SmtpSink {
    child: Option<std::process::Child>,
    pub port: u16,
    maildir: tempfile::TempDir,
}

fn python() -> String {
    std::env::var("SPORTELLO_TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut sink = SmtpSink {
            child: None,
            port,
            maildir: tempfile::tempdir().unwrap(),
        };
        sink.resume();
        sink
    }

    /// (Re)starts the server on the same port and Maildir.
    pub fn resume(&mut self) {
        let child = Command::new(python())
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{}", self.port),
            ])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (./dev test installs it)");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            let dir: std::path::PathBuf = self.maildir.path().join("box").join(sub);
            if let Ok(entries) = std::fs::read_dir(dir) {
                for e in entries {
                    out.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
                }
            }
        }
        out
    }

    /// Waits until `n` messages arrived, then returns them.
    pub async fn wait_for(&self, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.messages();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The router in-process on a seeded store (300 tickets), with a clock the test moves and
/// alice (agent) and lena (lead) signed in.
pub struct Desk {
    pub store: TestStore,
    pub router: axum::Router,
    pub clock: Clock,
    pub alice: String,
    pub lena: String,
}

/// Where a desk's clock starts: where the test run's clock started
/// (`sportello_clock::test_start`; `./dev test` runs the suite near midnight and a month's end
/// too).
pub fn start() -> DateTime<Utc> {
    sportello_server::clock::test_start()
}

impl Desk {
    pub async fn new(engine: Engine) -> Desk {
        let store = TestStore::new(engine);
        store.seed(300, 11);
        let db = sportello_server::store::open(&store.url).await.unwrap();
        let clock = Clock::fixed(start());
        let keys = Keys::load(std::path::Path::new(&store.keys_file())).unwrap();
        let router = app(AppState {
            clock: clock.clone(),
            keys: Some(std::sync::Arc::new(keys)),
            ..AppState::new(db)
        });
        let mut desk = Desk {
            store,
            router,
            clock,
            alice: String::new(),
            lena: String::new(),
        };
        desk.alice = desk.login("alice", "alice-demo").await;
        desk.lena = desk.login("lena", "lena-demo").await;
        desk
    }

    pub async fn call(&self, req: Request<Body>) -> (StatusCode, Value, Option<String>) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let retry_after = res
            .headers()
            .get("retry-after")
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, body, retry_after)
    }

    pub async fn login(&self, user: &str, password: &str) -> String {
        let req = Request::post("/api/v1/auth/login")
            .header("content-type", "application/json")
            .body(Body::from(
                json!({"username": user, "password": password}).to_string(),
            ))
            .unwrap();
        let (status, body, _) = self.call(req).await;
        assert_eq!(status, StatusCode::OK);
        body["token"].as_str().unwrap().to_string()
    }

    pub async fn post(
        &self,
        token: &str,
        path: &str,
        body: Value,
        key: Option<&str>,
    ) -> (StatusCode, Value, Option<String>) {
        let mut req = Request::post(format!("/api/v1{path}"))
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"));
        if let Some(key) = key {
            req = req.header("idempotency-key", key);
        }
        self.call(req.body(Body::from(body.to_string())).unwrap())
            .await
    }

    pub fn rows(&self, sql: &str) -> Vec<String> {
        self.store.query(sql).lines().map(str::to_string).collect()
    }
}

/// A `sportello-server` command whose clock reads the test clock moved on by `by`: a process
/// started that much later in the run.
pub fn server_command_later(by: chrono::Duration) -> Command {
    let (name, offset) = sportello_server::clock::test_clock_env();
    let offset: i64 = offset.parse().expect("a whole number of milliseconds");
    let mut command = Command::new(BIN);
    command.env(name, (offset + by.num_milliseconds()).to_string());
    command
}

impl Server {
    /// Runs a `serve` command the caller built and waits for its `listening on` line.
    pub fn spawn(mut command: Command) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .expect("read the first line");
        let url = first
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
            .to_string();
        Server { url, child }
    }

    /// Serves `store` (with `--demo`) on a clock `by` ahead of the test clock.
    pub fn start_later(store: &TestStore, by: chrono::Duration) -> Server {
        let mut command = server_command_later(by);
        command
            .args(["serve", "--demo", "--store", &store.url])
            .args(["--listen", "127.0.0.1:0", "--keys-file", &store.keys_file()]);
        Server::spawn(command)
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl TestStore {
    /// The one number a query answers.
    pub fn count(&self, sql: &str) -> i64 {
        let out = self.query(sql);
        out.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{sql:?} answered {out:?}, not a number"))
    }
}

impl Desk {
    /// `GET /api/v1{path}` as the holder of `token`.
    pub async fn get(&self, token: &str, path: &str) -> (StatusCode, Value, Option<String>) {
        let req = Request::get(format!("/api/v1{path}"))
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        self.call(req).await
    }
}

/// Runs `serve` on `store` with `args` (e.g. `--demo`), expecting it to refuse to start: its
/// standard error. Fails the test if it listens instead.
pub fn serve_refused(store: &TestStore, args: &[&str]) -> String {
    use std::io::Read;
    let mut child = server_command()
        .args(["serve", "--store", &store.url, "--listen", "127.0.0.1:0"])
        .args(["--keys-file", &store.keys_file()])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .expect("read the first line");
    if !first.is_empty() {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the server started: {first}");
    }
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!child.wait().unwrap().success(), "exited successfully");
    stderr
}
