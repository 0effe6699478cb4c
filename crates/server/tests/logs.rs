//! The server's log as an operator reads it: written to a file, or to the journal (the
//! package's systemd unit sends standard error there), it holds plain lines, never the
//! colour codes a terminal would get.

mod common;

use std::time::{Duration, Instant};

use common::{server_command, Engine, Server, TestStore};

#[tokio::test(flavor = "multi_thread")]
async fn a_log_written_to_a_file_is_plain_text() {
    let store = TestStore::new(Engine::Sqlite);
    store.seed(5, 1);
    let path = store.dir.path().join("server.log");
    let mut command = server_command();
    command
        .args(["serve", "--demo", "--store", &store.url])
        .args(["--listen", "127.0.0.1:0", "--keys-file", &store.keys_file()]);
    let server = Server::spawn_logging_to(command, std::fs::File::create(&path).unwrap());
    server.login("alice", "alice-demo").await;

    // The request's line reaches the file (the logger writes from a thread of its own).
    let deadline = Instant::now() + Duration::from_secs(10);
    let log = loop {
        let log = std::fs::read_to_string(&path).unwrap();
        if log.contains("/api/v1/auth/login") || Instant::now() > deadline {
            break log;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    drop(server);
    assert!(
        log.contains("/api/v1/auth/login"),
        "the request is logged: {log}"
    );
    assert!(
        !log.contains('\u{1b}'),
        "no terminal escapes in a log file: {log:?}"
    );
}
