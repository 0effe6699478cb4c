//! The console follows the server's pushed feed (rule 7.10): a request a
//! customer opens reaches the cache as the server pushes it, with no sync asked for and no
//! polling by the console; when the server goes away the stream breaks, and once it is back
//! the next stream from the cache's cursor brings what happened meanwhile, once.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use sportello_core::types::ErrorKind;
use sportello_core::{FollowEnd, Followed};
use support::synced_console;

/// Waits until the cache holds ticket `id` (the test looks at the cache; the console only
/// listens).
async fn until_cached(console: &sportello_core::Console, id: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while console.case(id).await.is_err() {
        assert!(Instant::now() < deadline, "{id} never reached the cache");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn pushed_requests_reach_the_cache_without_a_sync_and_resume_after_the_server_returns() {
    let (_smtp, _server_dir, _data_dir, mut server, console) = synced_console(100).await;
    let console = Arc::new(console);
    let before = console.status().await.last_sync_at;

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let following = {
        let console = console.clone();
        tokio::spawn(async move {
            let applied = tx.clone();
            console
                .follow(move |n| {
                    let _ = applied.send(n);
                })
                .await
        })
    };
    let first = server.customer_request("first").await;
    until_cached(&console, &first).await;
    assert!(
        matches!(rx.recv().await.unwrap(), Followed::Applied(n) if n >= 1),
        "the push was announced"
    );
    let case = console.case(&first).await.unwrap();
    assert_eq!(case.ticket.messages[0].body, "first");
    assert_ne!(
        console.status().await.last_sync_at,
        before,
        "the cache knows it is fresh"
    );

    // The server goes away: the stream breaks and says so.
    server.stop().await;
    let broke = tokio::time::timeout(Duration::from_secs(60), following)
        .await
        .expect("the stream ends when the server goes")
        .unwrap();
    match broke {
        Ok(end) => assert_eq!(end, FollowEnd::Ended),
        Err(e) => assert_eq!(e.kind, ErrorKind::Unreachable),
    }
    // Two requests while it is away; back, the next stream brings both.
    let second = server.customer_request("second").await;
    let third = server.customer_request("third").await;
    server.start_again().await;
    let again = {
        let console = console.clone();
        tokio::spawn(async move { console.follow(|_| {}).await })
    };
    until_cached(&console, &second).await;
    until_cached(&console, &third).await;
    assert_eq!(console.case(&first).await.unwrap().ticket.messages.len(), 1);
    again.abort();
    console.shutdown().await;
}

/// Typing in a live chat shows both ways (rule 8.3): a customer typing reaches the console
/// through its stream, with the chat's id; the agent typing a reply reaches the server's
/// followers (the customer's page), with the agent's name.
#[tokio::test(flavor = "multi_thread")]
async fn typing_reaches_the_console_and_the_agents_reaches_the_customer() {
    let (_smtp, _server_dir, _data_dir, server, console) = synced_console(50).await;
    let console = Arc::new(console);
    let chat = server.customer_chat("Anyone there?").await;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let following = {
        let console = console.clone();
        tokio::spawn(async move { console.follow(move |f| drop(tx.send(f))).await })
    };
    until_cached(&console, &chat).await;
    server.customer_types(&chat).await;
    let typing = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let Some(Followed::Typing(t)) = rx.recv().await {
                return t;
            }
        }
    })
    .await
    .expect("the customer's typing is pushed");
    assert_eq!(typing.ticket_id, chat);
    assert_eq!(typing.by, sportello_protocol::Typist::Customer);

    let mut heard = server.typing();
    console.typing(&chat).await;
    let agent = tokio::time::timeout(Duration::from_secs(10), heard.recv())
        .await
        .expect("the agent's typing is told")
        .unwrap();
    assert_eq!(agent.ticket_id, chat);
    assert_eq!(agent.by, sportello_protocol::Typist::Agent);
    assert_eq!(agent.name, "Alice Bianchi");
    following.abort();
    console.shutdown().await;
}
