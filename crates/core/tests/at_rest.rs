//! The cache at rest on a shared workstation: readable by its owner only, and encrypted, so
//! neither the file nor its WAL holds a synced customer's name or a case's subject in clear,
//! and the `sqlite3` shell cannot read it without the key.

mod support;

use sportello_core::types::{Connection, QueueQuery};
use sportello_core::Console;
use support::synced_console;

#[tokio::test(flavor = "multi_thread")]
async fn the_cache_is_private_and_encrypted() {
    let (_smtp, _server_dir, data_dir, _server, console) = synced_console(200).await;
    let row = console.queue(&QueueQuery::default()).await.unwrap().rows[0].clone();
    let customer = console.case(&row.id).await.unwrap().customer.unwrap();
    let subject = row.subject.clone();
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
        for secret in [&subject, &name] {
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
    console.shutdown().await;
    let console = Console::new(data_dir.path(), sportello_clock::test_clock());
    console.startup().await;
    assert_eq!(console.status().await.cached_tickets, 200);
    // A window that reloads starts the console again: the same cache serves on.
    assert_eq!(console.startup().await.cached_tickets, 200);
    console.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_can_wipe_the_cache_but_never_loses_waiting_actions() {
    use sportello_core::types::ErrorKind;
    use sportello_protocol::{NewMessage, NewMessageKind};
    let (_smtp, _server_dir, data_dir, mut server, console) = synced_console(100).await;
    let open = console
        .queue(&QueueQuery {
            status: Some(sportello_protocol::TicketStatus::Open),
            ..Default::default()
        })
        .await
        .unwrap()
        .rows[0]
        .id
        .clone();
    server.stop().await;
    console
        .add_message(
            &open,
            NewMessage {
                kind: NewMessageKind::Note,
                body: "must not be lost".into(),
            },
        )
        .await
        .unwrap();
    let refused = console.sign_out(true).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Conflict);
    assert!(
        refused.message.contains("wait to be sent"),
        "{}",
        refused.message
    );
    assert!(console.status().await.cache_available);

    server.start_again().await;
    console.sync(|_| {}).await.unwrap();
    let status = console.sign_out(true).await.unwrap();
    assert!(!status.cache_available);
    let left: Vec<_> = std::fs::read_dir(data_dir.path().join("caches"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "cache and key are gone: {left:?}");
    // The note reached the server before the wipe.
    let token = server.login("lena", "lena-demo").await;
    let ticket = server.get(&token, &format!("/tickets/{open}")).await;
    assert!(ticket["messages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["body"] == "must not be lost"));
    console.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn cases_past_retention_are_purged_with_what_only_they_used() {
    let (_smtp, _server_dir, data_dir, _server, console) = synced_console(150).await;
    let mut rows = console
        .queue(&QueueQuery {
            limit: 500,
            ..Default::default()
        })
        .await
        .unwrap()
        .rows;
    rows.sort_by_key(|r| r.updated_at);
    let cutoff = rows[40].updated_at;
    let older: Vec<String> = rows
        .iter()
        .filter(|r| r.updated_at < cutoff)
        .map(|r| r.id.clone())
        .collect();
    assert!(!older.is_empty());
    console.shutdown().await;

    let path = support::cache_file(data_dir.path());
    let cache = support::open_alices_cache(&path).await;
    let page = |offset| QueueQuery {
        offset,
        limit: 50,
        ..Default::default()
    };
    let now = sportello_clock::test_clock().now();
    assert_eq!(cache.queue(&page(0), now).await.unwrap().total, 150);
    let purged = cache.purge_older_than(cutoff).await.unwrap();
    assert_eq!(purged as usize, older.len());
    assert_eq!(
        cache.ticket_count().await.unwrap() as usize,
        150 - older.len()
    );
    // The queue's next page counts again: its count of an earlier page is not reused.
    assert_eq!(
        cache.queue(&page(50), now).await.unwrap().total as usize,
        150 - older.len()
    );
    for id in &older {
        let found = cache
            .queue(
                &QueueQuery {
                    text: Some(id.clone()),
                    ..Default::default()
                },
                sportello_clock::test_clock().now(),
            )
            .await
            .unwrap();
        assert!(
            found.rows.iter().all(|r| &r.id != id),
            "{id} is gone from search"
        );
        assert!(cache.case(id).await.is_err());
    }
    // What remains still opens whole: its customer and order were kept.
    let kept = cache.case(&rows.last().unwrap().id).await.unwrap();
    assert!(kept.customer.is_some());
    cache.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_session_token_lives_in_the_os_keyring_only() {
    let (_smtp, _server_dir, data_dir, server, console) = synced_console(50).await;
    let token = sportello_core::inspect::load_token(&server.url, "alice")
        .expect("the session token is kept in the OS keyring");

    // No file the console wrote holds it.
    let mut dirs = vec![data_dir.path().to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                "{} holds the session token",
                path.display()
            );
        }
    }

    // A console started again goes on with it: online, and it can sync.
    console.shutdown().await;
    let again = Console::new(data_dir.path(), sportello_clock::test_clock());
    let status = again.startup().await;
    assert_eq!(status.connection, Connection::Online);
    again.sync(|_| {}).await.unwrap();

    // Signing out forgets it: the next start asks for the password.
    again.sign_out(false).await.unwrap();
    assert_eq!(
        sportello_core::inspect::load_token(&server.url, "alice"),
        None
    );
    again.shutdown().await;
    let third = Console::new(data_dir.path(), sportello_clock::test_clock());
    assert_eq!(third.startup().await.connection, Connection::SignedOut);
    third.shutdown().await;
}
