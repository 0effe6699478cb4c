//! Real `sportello-server` processes on a test store: started, waited for, stopped.

use super::*;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

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
        let mut command = server_command();
        command
            .args(["serve", "--demo", "--store", &store.url])
            .args(["--listen", "127.0.0.1:0", "--keys-file", &store.keys_file()])
            .args(extra);
        Server::spawn(command)
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
    pub fn spawn(command: Command) -> Server {
        Server::spawn_logging_to(command, Stdio::null())
    }

    /// Like [`Server::spawn`], its log (standard error) going to `log`.
    pub fn spawn_logging_to(mut command: Command, log: impl Into<Stdio>) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(log)
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
