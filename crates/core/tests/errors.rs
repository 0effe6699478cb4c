//! Errors at the console's boundary: each carries a kind the UI acts on, a code and the
//! parameters the UI words in the agent's language, and an English message that says what
//! happened and what to do. A failing statement of the cache says what it was for.

mod support;

use sportello_core::types::{ConsoleError, ErrorCode, ErrorKind};
use sportello_core::Console;

/// The parameters as the UI receives them.
fn params(e: &ConsoleError) -> Vec<(String, String)> {
    let json = serde_json::to_value(e).unwrap();
    assert_eq!(json["code"], serde_json::to_value(e.code).unwrap());
    json["params"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect()
}

/// Every parameter a code names is given, and no other.
fn named_as_declared(e: &ConsoleError) {
    let mut given: Vec<String> = params(e).into_iter().map(|(k, _)| k).collect();
    let mut declared: Vec<String> = e.code.params().iter().map(|p| p.to_string()).collect();
    given.sort();
    declared.sort();
    assert_eq!(given, declared, "{e:?}");
}

#[tokio::test]
async fn sign_in_errors_carry_a_code_and_what_the_message_names() {
    let (_smtp, _server_dir, data_dir, server, console) = support::synced_console(5).await;
    console.sign_out(false).await.unwrap();

    let wrong = console
        .sign_in(&server.url, "alice", "wrong")
        .await
        .unwrap_err();
    assert_eq!(
        (wrong.kind, wrong.code),
        (ErrorKind::InvalidCredentials, ErrorCode::InvalidCredentials)
    );
    named_as_declared(&wrong);

    let typo = console
        .sign_in("not a url", "alice", "alice-demo")
        .await
        .unwrap_err();
    assert_eq!(typo.code, ErrorCode::InvalidAddress);
    assert_eq!(params(&typo), [("address".into(), "not a url".into())]);
    named_as_declared(&typo);

    let plain = console
        .sign_in("http://support.example.com", "alice", "alice-demo")
        .await
        .unwrap_err();
    assert_eq!(plain.code, ErrorCode::PlainHttp);
    named_as_declared(&plain);

    let empty = console.sign_in(&server.url, "alice", "").await.unwrap_err();
    assert_eq!(empty.code, ErrorCode::MissingCredentials);

    // A closed port on this computer: nothing answers there.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let gone = console
        .sign_in(&closed, "alice", "alice-demo")
        .await
        .unwrap_err();
    assert_eq!(
        (gone.kind, gone.code),
        (ErrorKind::Unreachable, ErrorCode::Unreachable)
    );
    assert_eq!(params(&gone), [("server".into(), closed.clone())]);
    assert!(gone.message.contains(&closed), "{}", gone.message);
    console.shutdown().await;
    drop(data_dir);
}

#[tokio::test]
async fn a_failing_statement_of_the_cache_says_what_it_was_for() {
    use sqlx::Connection;
    let (_smtp, _server_dir, data_dir, _server, console) = support::synced_console(5).await;
    assert!(console.outbox().await.unwrap().is_empty());

    // Something else damages the cache under the running console.
    let path = support::cache_file(data_dir.path());
    let key = sportello_core::inspect::open_with_password(&path, "alice-demo")
        .unwrap()
        .unwrap()
        .hex();
    let options =
        sportello_core::inspect::keyed_options(&path, &key, sportello_core::inspect::FORMAT);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .unwrap();
    sqlx::query("DROP TABLE outbox")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();

    let failed = console.outbox().await.unwrap_err();
    assert_eq!(
        (failed.kind, failed.code),
        (ErrorKind::Cache, ErrorCode::CacheFailed)
    );
    named_as_declared(&failed);
    assert!(
        failed.params["detail"].starts_with("could not read the outbox: "),
        "{:?}",
        failed.params
    );
    assert!(
        failed.message.contains("Sign out and in again"),
        "{}",
        failed.message
    );
    // A case is still read: only what needs the outbox fails.
    let page = console.queue(&Default::default()).await.unwrap();
    assert!(console.case(&page.rows[0].id).await.is_ok());
    console.shutdown().await;
}

#[tokio::test]
async fn what_is_not_cached_is_named() {
    let (_smtp, _server_dir, _data_dir, _server, console) = support::synced_console(5).await;
    let missing = console.case("T-0").await.unwrap_err();
    assert_eq!(
        (missing.kind, missing.code),
        (ErrorKind::NotFound, ErrorCode::CaseNotCached)
    );
    assert_eq!(params(&missing), [("id".into(), "T-0".into())]);
    let attempt = console
        .log_attempt(
            "CB-0",
            sportello_protocol::NewAttempt {
                outcome: sportello_protocol::CallbackOutcome::NoAnswer,
                note: "rang".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(attempt.code, ErrorCode::CallbackNotCached);
    assert_eq!(params(&attempt), [("id".into(), "CB-0".into())]);
    console.shutdown().await;
    let fresh = Console::new(
        tempfile::tempdir().unwrap().path(),
        sportello_clock::test_clock(),
    );
    assert_eq!(
        fresh.queue(&Default::default()).await.unwrap_err().code,
        ErrorCode::NothingCached
    );
}
