//! The cache at rest on a shared workstation: readable by its owner only, and encrypted, so
//! neither the file nor its WAL holds a synced customer's e-mail address in clear, and the
//! `sqlite3` shell cannot read it without the key.

mod support;

use sportello_core::types::QueueQuery;
use sportello_core::Console;
use support::{SmtpSink, TestServer};

#[tokio::test(flavor = "multi_thread")]
async fn the_cache_is_private_and_encrypted() {
    let smtp = SmtpSink::start();
    let server_dir = tempfile::tempdir().unwrap();
    let data_dir = tempfile::tempdir().unwrap();
    let server = TestServer::seeded(server_dir.path(), 200, &smtp).await;
    let console = Console::new(data_dir.path());
    console.startup().await;
    console
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    console.sync(|_| {}).await.unwrap();
    let row = console.queue(&QueueQuery::default()).await.unwrap().rows[0].clone();
    let customer = console.case(&row.id).await.unwrap().customer.unwrap();
    let email = customer.search[0].clone();
    assert!(email.contains('@'), "{email}");
    let name = customer.name.clone();

    let dir = data_dir.path().join("caches");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let cache = files
        .iter()
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .unwrap()
        .clone();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        for secret in [&email, &name] {
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{} holds {secret:?} in clear",
                file.display()
            );
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
            if file == &cache || file.extension().is_some_and(|x| x == "key") {
                assert_eq!(mode, 0o600, "{}", file.display());
            }
        }
    }
    let shell = std::process::Command::new("sqlite3")
        .arg(&cache)
        .arg("SELECT count(*) FROM customers")
        .output()
        .unwrap();
    assert!(
        !shell.status.success(),
        "the sqlite3 shell read the cache without its key: {}",
        String::from_utf8_lossy(&shell.stdout)
    );
    // With its key the console reads it, after a restart too.
    drop(console);
    let console = Console::new(data_dir.path());
    console.startup().await;
    assert_eq!(console.status().await.cached_tickets, 200);
}
