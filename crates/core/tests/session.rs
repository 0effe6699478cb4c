//! A session the server ends (it expired, or was revoked) while the agent works: the console
//! asks the agent to sign in again and keeps everything cached — the queue and cases stay
//! reviewable, an action taken meanwhile waits in the outbox — and once the agent signs in
//! again the outbox is sent once and the sync goes on from its cursor.

mod support;

use sportello_core::types::{Connection, ErrorKind, QueueQuery};
use sportello_protocol::{NewMessage, NewMessageKind};
use support::synced_console;

fn note(body: &str) -> NewMessage {
    NewMessage {
        kind: NewMessageKind::Note,
        body: body.into(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_ended_session_asks_to_sign_in_again_and_keeps_the_cache() {
    let (_smtp, _server_dir, _data_dir, server, console) = synced_console(60).await;
    let before = console.status().await;
    assert_eq!(before.cached_tickets, 60);
    let queue = console.queue(&QueueQuery::default()).await.unwrap();
    let ticket_id = queue.rows[0].id.clone();
    let other_id = queue.rows[1].id.clone();

    server.end_sessions().await;

    // The next sync meets the ended session (a 401 on its first page).
    let refused = console.sync(|_| {}).await.unwrap_err();
    assert_eq!(refused.kind, ErrorKind::SessionExpired);
    assert!(
        refused.message.contains("Sign in again"),
        "says what to do: {}",
        refused.message
    );
    let status = console.status().await;
    assert_eq!(status.connection, Connection::SignedOut, "asked to sign in");
    assert!(status.cache_available, "the cache stays");
    assert_eq!(status.cached_tickets, 60);
    assert_eq!(status.last_sync_at, before.last_sync_at);

    // A note taken now is kept and shown, and waits.
    let ticket = console
        .add_message(&ticket_id, note("Customer will call back after six."))
        .await
        .unwrap();
    assert!(ticket
        .messages
        .iter()
        .any(|m| m.body == "Customer will call back after six."));
    assert_eq!(console.status().await.pending_actions, 1, "the note waits");
    // Everything cached is still there to review.
    assert_eq!(
        console.queue(&QueueQuery::default()).await.unwrap().total,
        60
    );
    let case = console.case(&ticket_id).await.unwrap();
    assert_eq!(case.ticket.id, ticket_id);

    // Meanwhile the team lead writes on another case.
    let lead = server.login("lena", "lena-demo").await;
    let (code, _) = server
        .post(
            &lead,
            &format!("/tickets/{other_id}/messages"),
            serde_json::json!({"kind": "note", "body": "Courier confirmed the address."}),
        )
        .await;
    assert_eq!(code, 201);

    // Signed in again: the note goes once, and the sync brings only what changed.
    console
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    let applied = console.sync(|_| {}).await.unwrap().unwrap();
    assert!(
        (1..60).contains(&applied),
        "{applied} changes: the sync went on from its cursor"
    );
    let status = console.status().await;
    assert_eq!(status.connection, Connection::Online);
    assert_eq!(status.pending_actions, 0);
    let on_server = server.get(&lead, &format!("/tickets/{ticket_id}")).await;
    let notes = on_server["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["body"] == "Customer will call back after six.")
        .count();
    assert_eq!(notes, 1, "the note reached the server once");
    let other = console.case(&other_id).await.unwrap();
    assert!(other
        .ticket
        .messages
        .iter()
        .any(|m| m.body == "Courier confirmed the address."));
    console.shutdown().await;
}
