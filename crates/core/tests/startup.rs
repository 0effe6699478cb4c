//! The console's start-up against a server that takes the connection and never answers (a
//! hung proxy, a half-open network): the cache read ahead while the window loads
//! (`Console::prepare`) asks the server nothing, so the start-up waits for it once.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sportello_core::types::{Connection, QueueQuery};
use sportello_core::Console;

#[tokio::test]
async fn a_start_up_waits_on_a_silent_server_once() {
    let (_smtp, _server_dir, data_dir, mut server, console) = support::synced_console(40).await;
    console.shutdown().await;
    drop(console);
    let address = server.url.trim_start_matches("http://").to_string();
    server.stop().await;

    let silent = tokio::net::TcpListener::bind(&address).await.unwrap();
    let asked = Arc::new(AtomicUsize::new(0));
    let counting = asked.clone();
    let listening = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            counting.fetch_add(1, Ordering::SeqCst);
            held.push(socket);
        }
    });
    let console = Arc::new(Console::new(data_dir.path(), sportello_clock::test_clock()));
    let early = {
        let console = console.clone();
        tokio::spawn(async move { console.prepare(200).await })
    };
    let first_page = early
        .await
        .unwrap()
        .expect("the first page is read ahead from the kept cache");
    assert_eq!(
        asked.load(Ordering::SeqCst),
        0,
        "reading ahead asks the server nothing"
    );
    assert_eq!(first_page.total, 40);
    assert_eq!(first_page.rows.len(), 40);
    let status = console.startup().await;
    assert_eq!(status.connection, Connection::Offline);
    assert!(status.cache_available);
    assert_eq!(status.cached_tickets, 40);
    assert_eq!(
        asked.load(Ordering::SeqCst),
        1,
        "the start-up asked the server once"
    );
    let queue = QueueQuery {
        limit: 200,
        ..QueueQuery::default()
    };
    assert_eq!(
        console.queue(&queue).await.unwrap(),
        first_page,
        "the page read ahead is the queue the window would have asked for"
    );
    console.shutdown().await;
    listening.abort();
}
