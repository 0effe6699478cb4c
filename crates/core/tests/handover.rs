//! A courier's hand-over screen in the console core (rule 3.9), against a real server: the
//! courier signs in without a cache or a sync, the right code releases the parcel, each wrong
//! one counts down what the password still takes, the fifth locks it, and a typo that is not
//! six digits is never sent. Only a courier checks codes; signing out keeps nothing.

mod support;

use sportello_core::types::{Connection, ErrorCode};
use sportello_core::Console;
use sportello_protocol::{PasswordState, Role};
use support::{SmtpSink, TestServer};

/// Another six digits than `code`.
fn another_code(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

#[tokio::test]
async fn a_courier_checks_codes_the_right_one_releases_the_fifth_wrong_one_locks() {
    let smtp = SmtpSink::start();
    let (server_dir, data_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = TestServer::seeded(server_dir.path(), 100, &smtp).await;
    let shipment = server.active_password_shipment().await;
    let code = server.code_of(&shipment).await;
    let wrong = another_code(&code);

    // An agent's console checks no codes.
    let alice = Console::new(data_dir.path(), sportello_clock::test_clock());
    alice.startup().await;
    alice
        .sign_in(&server.url, "alice", "alice-demo")
        .await
        .unwrap();
    let refused = alice.hand_over(&shipment, &code).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::CourierOnly);
    alice.shutdown().await;

    let device = tempfile::tempdir().unwrap();
    let carlo = Console::new(device.path(), sportello_clock::test_clock());
    carlo.startup().await;
    let status = carlo
        .sign_in(&server.url, "carlo", "carlo-demo")
        .await
        .unwrap();
    assert_eq!(status.agent.as_ref().map(|a| a.role), Some(Role::Courier));
    assert_eq!(status.connection, Connection::Online);
    assert!(!status.cache_available, "a hand-over device caches nothing");
    // Nothing to sync, nothing to queue.
    assert_eq!(carlo.sync(|_| {}).await.unwrap(), None);
    assert!(carlo.queue(&Default::default()).await.is_err());

    // Typos are not sent: they cost no attempt.
    for (shipment_id, told, expected) in [
        ("  ", code.as_str(), ErrorCode::ShipmentIdMissing),
        (shipment.as_str(), "12345", ErrorCode::CodeNotSixDigits),
        (shipment.as_str(), "abcdef", ErrorCode::CodeNotSixDigits),
    ] {
        let refused = carlo.hand_over(shipment_id, told).await.unwrap_err();
        assert_eq!(refused.code, expected, "{shipment_id:?} {told:?}");
    }
    // An id that is no shipment, even one shaped to reach another path, is named as unknown.
    for unknown in ["S-99999999", "../../auth/logout", "S-1?x=1"] {
        let refused = carlo.hand_over(unknown, &code).await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::UnknownShipment, "{unknown}");
        assert_eq!(refused.params["id"], unknown);
    }
    assert_eq!(
        carlo.status().await.agent.map(|a| a.role),
        Some(Role::Courier),
        "still signed in"
    );

    // The right code, told with a space between its halves, releases the parcel.
    let told = format!(" {} {} ", &code[..3], &code[3..]);
    let answer = carlo.hand_over(&shipment, &told).await.unwrap();
    assert!(answer.valid);
    assert_eq!(answer.state, PasswordState::Active);
    assert_eq!(answer.attempts_left, 5);
    // Each wrong code counts down; the fifth locks, and then even the right one is refused.
    for left in (1..=4).rev() {
        let answer = carlo.hand_over(&shipment, &wrong).await.unwrap();
        assert!(!answer.valid);
        assert_eq!(
            (answer.state, answer.attempts_left),
            (PasswordState::Active, left)
        );
    }
    let answer = carlo.hand_over(&shipment, &wrong).await.unwrap();
    assert_eq!(
        (answer.valid, answer.state, answer.attempts_left),
        (false, PasswordState::Locked, 0)
    );
    let answer = carlo.hand_over(&shipment, &code).await.unwrap();
    assert_eq!((answer.valid, answer.state), (false, PasswordState::Locked));

    // Signed out, the device holds no session and never held a cache.
    let status = carlo.sign_out(false).await.unwrap();
    assert_eq!(status.connection, Connection::SignedOut);
    assert!(status.agent.is_none());
    assert_eq!(
        carlo.hand_over(&shipment, &code).await.unwrap_err().code,
        ErrorCode::CourierOnly
    );
    assert!(
        std::fs::read_dir(device.path()).unwrap().next().is_none(),
        "nothing written on the hand-over device"
    );
    carlo.shutdown().await;
}
