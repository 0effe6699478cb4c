//! A courier verifies the code the recipient tells (rules 3.9, 3.10) on both engines, through
//! the router in-process with a clock the test moves: a right code, five wrong ones lock the
//! password until a regeneration, an expired code is refused and its expiry audited.

mod common;

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use common::{start, Desk, Engine};
use serde_json::json;
use sportello_protocol::problem::types;
use sportello_server::secrets::Keys;

/// The shipment's current code, read back the way the mail worker will: from its sealed copy.
fn current_code(desk: &Desk, engine: Engine, id: &str) -> String {
    let hex = |col: &str| match engine {
        Engine::Sqlite => format!("hex({col})"),
        Engine::Postgres => format!("encode({col}, 'hex')"),
    };
    let row = desk.store.query(&format!(
        "SELECT generation, key_id, {}, {}, {} FROM delivery_passwords WHERE shipment_id = '{id}'",
        hex("code_mac"),
        hex("code_nonce"),
        hex("code_sealed")
    ));
    let f: Vec<&str> = row.trim().split('|').collect();
    let bytes = |h: &str| {
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
            .collect::<Vec<u8>>()
    };
    let sealed = sportello_server::secrets::SealedCode {
        key_id: f[1].to_string(),
        mac: bytes(f[2]),
        nonce: bytes(f[3]),
        sealed: bytes(f[4]),
    };
    let keys = Keys::load(std::path::Path::new(&desk.store.keys_file())).unwrap();
    keys.open(id, f[0].parse().unwrap(), &sealed)
        .unwrap()
        .reveal()
        .to_string()
}

fn another_code(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap() + 1) % 1_000_000)
}

async fn a_courier_verifies_and_five_wrong_codes_lock_until_a_regeneration(engine: Engine) {
    let desk = Desk::new(engine).await;
    let carlo = desk.login("carlo", "carlo-demo").await;
    let id = desk.open_shipment();
    let code = current_code(&desk, engine, &id);
    let wrong = another_code(&code);
    assert_eq!(
        desk.verify(&desk.alice, &id, &code).await.0,
        StatusCode::FORBIDDEN
    );
    let right = json!({"valid": true, "state": "active", "attempts_left": 5});
    assert_eq!(
        desk.verify(&carlo, &id, &code).await,
        (StatusCode::OK, right.clone())
    );
    // Each wrong code counts down what the password still takes.
    for n in 1..=4 {
        let (status, body) = desk.verify(&carlo, &id, &wrong).await;
        assert_eq!(
            (status, body),
            (
                StatusCode::OK,
                json!({"valid": false, "state": "active", "attempts_left": 5 - n})
            )
        );
        assert_eq!(
            desk.shipment(&id).await["password"]["failed_verifications"],
            n
        );
    }
    // The fifth wrong code locks it: even the right one is refused now.
    let locked = json!({"valid": false, "state": "locked", "attempts_left": 0});
    assert_eq!(
        desk.verify(&carlo, &id, "12").await,
        (StatusCode::OK, locked.clone())
    );
    assert_eq!(
        desk.verify(&carlo, &id, &code).await,
        (StatusCode::OK, locked)
    );
    let account = desk.account_recipient(&id).await;
    let (status, body) = desk.resend(&desk.alice, &id, &account).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["type"], types::PASSWORD_NOT_ACTIVE);
    // Only a regeneration unlocks: the new code verifies, the old one never again (rule 6).
    assert_eq!(desk.regenerate(&desk.alice, &id).await.0, StatusCode::OK);
    let fresh = current_code(&desk, engine, &id);
    assert_eq!(
        desk.verify(&carlo, &id, &fresh).await,
        (StatusCode::OK, right)
    );
    if fresh != code {
        assert_eq!(desk.verify(&carlo, &id, &code).await.1["valid"], false);
    }
    // Rule 9: every attempt and the lock are audited, and no audit row holds a code.
    let actions = desk.audit("action, outcome, actor_id", &id);
    let courier = actions
        .iter()
        .filter(|a| a.starts_with("code_") && a.ends_with("|A-carlo"))
        .count();
    assert_eq!(
        courier, 9,
        "every verification of the courier's: {actions:?}"
    );
    assert_eq!(
        actions[0], "code_rejected|refused|A-alice",
        "a role's refusal too"
    );
    assert!(actions.contains(&"lock|done|A-carlo".to_string()));
    assert!(actions.contains(&"unlock|done|A-alice".to_string()));
    let all = desk.store.query("SELECT * FROM audit_chain");
    for secret in [&code, &fresh] {
        assert!(!all.contains(secret.as_str()), "an audit row holds a code");
    }
}

async fn an_expired_code_is_refused_and_its_expiry_audited(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = desk.open_shipment();
    let code = current_code(&desk, engine, &id);
    let expires: DateTime<Utc> = desk.shipment(&id).await["password"]["expires_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    desk.clock.advance(expires - start());
    let carlo = desk.login("carlo", "carlo-demo").await;
    assert_eq!(
        desk.verify(&carlo, &id, &code).await,
        (
            StatusCode::OK,
            json!({"valid": false, "state": "expired", "attempts_left": 0})
        )
    );
    assert_eq!(
        desk.audit("action, outcome, actor_id", &id),
        ["expiry|done|server", "code_rejected|refused|A-carlo"]
    );
}

on_both_engines!(
    a_courier_verifies_and_five_wrong_codes_lock_until_a_regeneration,
    an_expired_code_is_refused_and_its_expiry_audited,
);
