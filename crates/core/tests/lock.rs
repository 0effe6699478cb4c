//! The console locks (rule 7.2, 7.3): the cache's key is kept sealed under the agent's
//! password and, unsealed, only in the OS keyring for the login session. After the keyring is
//! cleared (as a restart of the computer clears it) the console shows nothing until the
//! agent's password is typed, offline too; the files copied elsewhere open nothing; signing
//! out closes the cache; an action waits for its own agent's session.

mod support;

use sportello_core::types::{Connection, ErrorKind, QueueQuery};
use sportello_core::Console;
use sportello_protocol::{NewMessage, NewMessageKind};
use support::synced_console;

/// What a restart of the computer does to the kernel's keyring: the session token and the
/// unsealed cache key are gone.
fn clear_keyring(server_url: &str, username: &str) {
    sportello_core::inspect::forget_token(server_url, username);
    sportello_core::inspect::forget_cache_key(server_url, username);
}

fn total(page: &sportello_core::types::QueuePage) -> u32 {
    page.total
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_restart_only_the_agents_password_opens_the_cache() {
    let (_smtp, _server_dir, data_dir, mut server, console) = synced_console(120).await;
    let all = QueueQuery::default();
    assert_eq!(total(&console.queue(&all).await.unwrap()), 120);
    console.shutdown().await;
    clear_keyring(&server.url, "alice");
    server.stop().await;

    // Started offline: nothing shows, not even the page read ahead while the window loads,
    // and the console says the cases are locked.
    let console = Console::new(data_dir.path(), sportello_clock::test_clock());
    assert_eq!(
        console.prepare(100).await,
        None,
        "a locked cache is not read ahead"
    );
    let status = console.startup().await;
    assert!(status.locked, "{status:?}");
    assert!(!status.cache_available);
    assert_eq!(status.connection, Connection::SignedOut);
    assert_eq!(status.cached_tickets, 0);
    assert!(console.queue(&all).await.is_err());

    // A wrong password opens nothing; the right one opens the cached queue, offline.
    let wrong = console.unlock("alice-dem0").await.unwrap_err();
    assert_eq!(wrong.kind, ErrorKind::InvalidCredentials);
    assert!(wrong.message.contains("does not open"), "{}", wrong.message);
    assert!(console.status().await.locked);
    let status = console.unlock("alice-demo").await.unwrap();
    assert!(!status.locked && status.cache_available);
    assert_eq!(status.connection, Connection::Offline);
    assert_eq!(total(&console.queue(&all).await.unwrap()), 120);

    // Started again in the same login session: it opens at once, as before.
    console.shutdown().await;
    let again = Console::new(data_dir.path(), sportello_clock::test_clock());
    assert!(again.startup().await.cache_available);
    assert_eq!(total(&again.queue(&all).await.unwrap()), 120);
    again.shutdown().await;

    // The data directory copied to another computer (no keyring there): the key file holds
    // no key, and the copy shows nothing without the password.
    clear_keyring(&server.url, "alice");
    let copy = tempfile::tempdir().unwrap();
    copy_dir(data_dir.path(), copy.path());
    let cache = support::cache_file(copy.path());
    let key_file = std::fs::read_to_string(cache.with_extension("key")).unwrap();
    assert!(
        !key_file
            .split(|c: char| !c.is_ascii_hexdigit())
            .any(|run| run.len() >= 64),
        "the key file holds a key in clear: {key_file}"
    );
    let elsewhere = Console::new(copy.path(), sportello_clock::test_clock());
    let status = elsewhere.startup().await;
    assert!(status.locked && !status.cache_available);
    assert!(elsewhere.queue(&all).await.is_err());
    // What the key file holds, taken for a key, does not open the cache either.
    let shell = std::process::Command::new("sqlite3")
        .arg(&cache)
        .arg("SELECT count(*) FROM tickets")
        .output()
        .unwrap();
    assert!(!shell.status.success(), "the sqlite3 shell read the copy");
    elsewhere.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_closes_the_cache_until_the_password_is_typed_again() {
    let (_smtp, _server_dir, data_dir, _server, console) = synced_console(60).await;
    let all = QueueQuery::default();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data_dir.path().join("profile.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "profile.json is the agent's alone");
    }
    let status = console.sign_out(false).await.unwrap();
    assert!(!status.cache_available && status.locked, "{status:?}");
    assert!(console.queue(&all).await.is_err(), "the cache is closed");
    // A console started after the sign-out is locked too: the key left the keyring.
    console.shutdown().await;
    let again = Console::new(data_dir.path(), sportello_clock::test_clock());
    assert!(again.startup().await.locked);
    let status = again.unlock("alice-demo").await.unwrap();
    assert!(status.cache_available);
    assert_eq!(total(&again.queue(&all).await.unwrap()), 60);
    again.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_action_waits_for_its_own_agents_session() {
    let (_smtp, _server_dir, data_dir, mut server, console) = synced_console(60).await;
    let ticket = console.queue(&QueueQuery::default()).await.unwrap().rows[0]
        .id
        .clone();
    let before = console.case(&ticket).await.unwrap().ticket.messages.len();
    // Alice writes a note while the server is away: it waits in her outbox.
    server.stop().await;
    let note = "Written by alice while the server was away";
    console
        .add_message(
            &ticket,
            NewMessage {
                kind: NewMessageKind::Note,
                body: note.into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(console.status().await.pending_actions, 1);
    server.start_again().await;

    // Lena signs in on the same console: her session sends none of alice's actions.
    console
        .sign_in(&server.url, "lena", "lena-demo")
        .await
        .unwrap();
    console.sync(|_| {}).await.unwrap();
    let lena = server.login("lena", "lena-demo").await;
    let on_server = server.get(&lena, &format!("/tickets/{ticket}")).await;
    let count = |t: &serde_json::Value, text: &str| {
        t["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["body"] == text)
            .count()
    };
    assert_eq!(
        count(&on_server, note),
        0,
        "lena's session sent alice's note"
    );
    assert_eq!(on_server["messages"].as_array().unwrap().len(), before);

    // Alice's session sends it, once, written by her.
    console
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    console.sync(|_| {}).await.unwrap();
    assert_eq!(console.status().await.pending_actions, 0);
    let on_server = server.get(&lena, &format!("/tickets/{ticket}")).await;
    assert_eq!(count(&on_server, note), 1);
    let sent = on_server["messages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["body"] == note)
        .unwrap()
        .clone();
    assert_eq!(sent["author"], "Alice Bianchi");
    console.shutdown().await;
    drop(data_dir);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
