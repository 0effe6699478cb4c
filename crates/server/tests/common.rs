//! A real `sportello-server` process on a fresh SQLite file, for integration tests.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_sportello-server");
pub const TODAY: &str = "2026-11-23";

/// Runs `sportello-server seed` into a new SQLite file in `dir`.
pub fn seed(dir: &Path, tickets: u32, seed: u64) -> String {
    let url = format!("sqlite://{}", dir.join("store.sqlite").display());
    let status = Command::new(BIN)
        .args(["seed", "--store", &url, "--tickets", &tickets.to_string()])
        .args(["--seed", &seed.to_string(), "--today", TODAY])
        .stderr(Stdio::null())
        .status()
        .expect("run seed");
    assert!(status.success(), "seed failed");
    url
}

/// A served store; the process is killed when this is dropped.
pub struct Server {
    pub url: String,
    child: Child,
    pub dir: PathBuf,
}

impl Server {
    pub fn start(store_url: &str, dir: &Path) -> Server {
        let mut child = Command::new(BIN)
            .args(["serve", "--store", store_url, "--listen", "127.0.0.1:0"])
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
        Server {
            url,
            child,
            dir: dir.to_path_buf(),
        }
    }

    /// Seeds a new store with `tickets` tickets and serves it.
    pub fn seeded(tickets: u32) -> (tempfile::TempDir, Server) {
        let dir = tempfile::tempdir().unwrap();
        let url = seed(dir.path(), tickets, 7);
        let server = Server::start(&url, dir.path());
        (dir, server)
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.url)
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
