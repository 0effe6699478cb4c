//! Files that hold secrets or customer data are their owner's alone (rule 10.5): the SQLite
//! store with its WAL and shared-memory files, the keys file, and mails written to a
//! directory are created mode 0600 (the directory 0700) whatever the umask lets through, and
//! a keys file others can read stops the server with the command that fixes it.

#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{serve_refused, today, Engine, Server, TestStore};
use serde_json::json;

/// `sportello-server` (on the test clock) under umask 022, where a file is readable by all
/// unless the server makes it otherwise.
fn under_loose_umask() -> Command {
    let (name, offset) = sportello_server::clock::test_clock_env();
    let mut command = Command::new("sh");
    command
        .env(name, offset)
        .args(["-c", "umask 022 && exec \"$0\" \"$@\"", common::BIN]);
    command
}

/// Seeds `store` under umask 022.
fn seed_loosely(store: &TestStore, tickets: u32, seed: u64) {
    let status = under_loose_umask()
        .args([
            "seed",
            "--store",
            &store.url,
            "--keys-file",
            &store.keys_file(),
        ])
        .args([
            "--tickets",
            &tickets.to_string(),
            "--seed",
            &seed.to_string(),
        ])
        .args(["--today", &today()])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "seed failed");
}

/// Serves `store` under umask 022 with `extra` arguments.
fn serve_loosely(store: &TestStore, extra: &[&str]) -> Server {
    let mut command = under_loose_umask();
    command
        .args([
            "serve",
            "--demo",
            "--store",
            &store.url,
            "--listen",
            "127.0.0.1:0",
        ])
        .args(["--keys-file", &store.keys_file()])
        .args(extra);
    Server::spawn(command)
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The store file and its `-wal` and `-shm` companions that exist.
fn store_files(store: &TestStore) -> Vec<std::path::PathBuf> {
    let db = store.dir.path().join("store.sqlite");
    let mut files = vec![db.clone()];
    for suffix in ["-wal", "-shm"] {
        let companion = db.with_file_name(format!("store.sqlite{suffix}"));
        if companion.exists() {
            files.push(companion);
        }
    }
    files
}

#[tokio::test(flavor = "multi_thread")]
async fn a_seeded_sqlite_store_and_its_keys_file_are_the_owners_alone() {
    let store = TestStore::new(Engine::Sqlite);
    seed_loosely(&store, 60, 7);
    for file in store_files(&store) {
        assert_eq!(mode(&file), 0o600, "{} after seed", file.display());
    }
    assert_eq!(mode(Path::new(&store.keys_file())), 0o600, "the keys file");

    // The files the server writes to while serving are private too.
    let server = serve_loosely(&store, &[]);
    server.login("alice", "alice-demo").await;
    let files = store_files(&store);
    assert!(files.len() >= 2, "the server writes through the WAL");
    for file in files {
        assert_eq!(mode(&file), 0o600, "{} while serving", file.display());
    }
}

/// The files in `dir` once at least one `.eml` is there (waits up to 20 s).
async fn mails_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let files: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| entries.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        if files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "eml"))
        {
            return files;
        }
        assert!(Instant::now() < deadline, "no mail in {}", dir.display());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn mails_written_to_a_directory_are_the_owners_alone(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(300, 11);
    let shipment = store.open_password_shipment();
    let dir = store.dir.path().join("mail").join("out");
    let server = serve_loosely(&store, &["--mail-dir", &dir.display().to_string()]);
    let alice = server.login("alice", "alice-demo").await;
    let customer = store.query(&format!(
        "SELECT o.customer_id FROM shipments s JOIN orders o ON o.id = s.order_id
          WHERE s.id = '{shipment}'"
    ));
    let res = reqwest::Client::new()
        .post(server.api(&format!("/shipments/{shipment}/password/resend")))
        .bearer_auth(&alice)
        .json(&json!({
            "recipient": format!("E-{}", customer.trim()),
            "reason": "customer lost the mail",
            "identity_check": {"method": "security_questions"},
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let files = mails_in(&dir).await;
    assert_eq!(mode(&dir), 0o700, "the mail directory");
    for file in files {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

async fn a_keys_file_others_can_read_stops_the_server(engine: Engine) {
    let store = TestStore::new(engine);
    store.seed(5, 7);
    let keys = Path::new(&store.keys_file()).to_path_buf();
    for loose in [0o644, 0o640, 0o604] {
        chmod(&keys, loose);
        let err = serve_refused(&store, &["--demo"]);
        assert!(
            err.contains("chmod 600") && err.contains(&keys.display().to_string()),
            "mode {loose:o}: {err}"
        );
    }
    chmod(&keys, 0o600);
    let server = Server::start(&store);
    server.login("alice", "alice-demo").await;
}

on_both_engines!(
    mails_written_to_a_directory_are_the_owners_alone,
    a_keys_file_others_can_read_stops_the_server,
);
