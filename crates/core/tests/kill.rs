//! The console killed at the worst moments, as real processes (`sportello-console-cli`, the
//! console core without a window): right after the server answered an action and before the
//! answer was stored, and in the middle of a sync. Started again, it sends the action again
//! with the same key (the server applies it once) and resumes the sync from its cursor
//! without loss or duplicates.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use support::{SmtpSink, TestServer};

const CLI: &str = env!("CARGO_BIN_EXE_sportello-console-cli");

fn cli(data_dir: &Path, server: &TestServer, args: &[&str], env: &[(&str, &str)]) -> Output {
    cli_with(data_dir, server, Some("alice-demo"), args, env)
}

/// Runs the console; without a password it goes on with the session the keyring kept.
fn cli_with(
    data_dir: &Path,
    server: &TestServer,
    password: Option<&str>,
    args: &[&str],
    env: &[(&str, &str)],
) -> Output {
    let mut command = Command::new(CLI);
    command
        .env("SPORTELLO_DATA_DIR", data_dir)
        .args(["--server", &server.url, "--user", "alice"]);
    if let Some(password) = password {
        command.args(["--password", password]);
    }
    command
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run sportello-console-cli")
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn killed_between_sending_and_storing_the_answer_the_action_lands_once() {
    let smtp = SmtpSink::start();
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let server = TestServer::seeded(server_dir.path(), 100, &smtp).await;
    let token = server.login("lena", "lena-demo").await;
    let page = server.get(&token, "/sync?since=0&limit=5000").await;
    let ticket = page["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "ticket" && c["data"]["status"] == "open")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    json(&cli(data_dir.path(), &server, &["sync"], &[]));

    let text = "written just before the console was killed";
    let killed = cli(
        data_dir.path(),
        &server,
        &["note", &ticket, text],
        &[("SPORTELLO_TEST_ABORT_AFTER_SEND", "1")],
    );
    assert!(!killed.status.success(), "the console died mid-action");
    let count = |t: &Value| {
        t["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["body"] == text)
            .count()
    };
    assert_eq!(
        count(&server.get(&token, &format!("/tickets/{ticket}")).await),
        1
    );
    // The answer never reached the cache: the action still waits.
    let outbox = json(&cli(data_dir.path(), &server, &["outbox"], &[]));
    assert_eq!(outbox.as_array().unwrap().len(), 1, "{outbox}");
    assert_eq!(outbox[0]["text"], text);

    // Started again, without the password (the session token waited in the OS keyring, not
    // in any file), it sends the action again: the server answers the first answer.
    json(&cli_with(data_dir.path(), &server, None, &["flush"], &[]));
    let outbox = json(&cli(data_dir.path(), &server, &["outbox"], &[]));
    assert_eq!(outbox, serde_json::json!([]));
    assert_eq!(
        count(&server.get(&token, &format!("/tickets/{ticket}")).await),
        1,
        "the server shows the action once"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_killed_mid_page_resumes_without_loss_or_duplicates() {
    let smtp = SmtpSink::start();
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    // About 58,000 changes: two commits of sync pages (`sync::COMMIT_EVERY`).
    let server = TestServer::seeded(server_dir.path(), 18_000, &smtp).await;
    // Killed right after the first commit.
    let killed = cli(
        data_dir.path(),
        &server,
        &["sync"],
        &[("SPORTELLO_TEST_ABORT_AFTER_PAGES", "1")],
    );
    assert!(!killed.status.success(), "the console died mid-sync");
    let resumed = json(&cli(data_dir.path(), &server, &["sync"], &[]));
    let applied = resumed["applied"].as_u64().unwrap();
    let token = server.login("lena", "lena-demo").await;
    let head = server.get(&token, "/sync?since=0&limit=1").await["head"]
        .as_u64()
        .unwrap();
    assert!(
        applied > 0 && applied < head,
        "resumed from the cursor: {applied} of {head}"
    );
    // The cache holds every ticket once.
    let cache = support::cache_file(data_dir.path());
    let cache = support::open_alices_cache(&cache).await;
    assert_eq!(cache.ticket_count().await.unwrap(), 18_000);
    assert_eq!(cache.distinct_ticket_ids().await.unwrap(), 18_000);
    cache.close().await;
}
