//! The audit trail (rules 3.10, 3.12) on both engines: every password action and every
//! refusal writes exactly one entry; the chain verifies, and each kind of tampering (a field
//! changed, an entry deleted, two swapped, the tail dropped after a checkpoint, a checkpoint
//! re-signed with another key) is named at its first bad entry by `GET /audit/verify` and by
//! `audit verify`; only leads and admins read the trail, and only their feed carries it.

mod common;

use axum::http::StatusCode;
use common::{Desk, Engine};
use serde_json::{json, Value};
use sportello_protocol::audit::{hex, unhex, GENESIS};
use sportello_protocol::problem::types;
use sportello_protocol::AuditEntry;
use sportello_server::service::audit::verify_in_batches;

impl Desk {
    /// Every entry after `after`, oldest first, as lena reads them.
    async fn entries_after(&self, after: u64) -> Vec<AuditEntry> {
        let (status, body, _) = self
            .get(&self.lena, &format!("/audit?cursor={after}&limit=1000"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body["entries"].clone()).unwrap()
    }

    /// The chain's last entry number.
    async fn head(&self) -> u64 {
        let (_, body, _) = self.get(&self.lena, "/audit/verify").await;
        body["verified_to"].as_u64().unwrap()
    }

    async fn verify_chain(&self) -> Value {
        let (status, body, _) = self.get(&self.lena, "/audit/verify").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }
}

/// (action, outcome, problem) of entries, for comparing.
fn summary(entries: &[AuditEntry]) -> Vec<(String, String, String)> {
    entries
        .iter()
        .map(|e| {
            (
                e.action.as_str().to_string(),
                e.outcome.as_str().to_string(),
                e.problem.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn row(action: &str, outcome: &str, problem: &str) -> (String, String, String) {
    (action.into(), outcome.into(), problem.into())
}

async fn every_action_and_refusal_writes_one_entry(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = desk.open_shipment();
    let account = desk.account_recipient(&id).await;
    let carlo = desk.login("carlo", "carlo-demo").await;
    let feed = desk.login("feed", "feed-demo").await;
    let start = desk.head().await;
    assert!(start > 0, "the seed wrote a history");

    // A resend from a case, then one too soon (the 60-second spacing refuses it).
    let (status, _, _) = desk
        .post(
            &desk.alice,
            &format!("/shipments/{id}/password/resend"),
            json!({"recipient": account, "reason": "Lost the mail",
                   "identity_check": {"method": "security_questions"}, "ticket_id": "T-0000042"}),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = desk.resend(&desk.alice, &id, &account).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let (status, _) = desk.resend(&desk.alice, &id, "R-not-on-file").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A role that may not: refused and written down.
    let (status, _) = desk.resend(&carlo, &id, &account).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Five wrong codes lock it; a regeneration unlocks it.
    for _ in 0..5 {
        assert_eq!(desk.verify(&carlo, &id, "000000x").await.0, StatusCode::OK);
    }
    assert_eq!(desk.regenerate(&desk.alice, &id).await.0, StatusCode::OK);
    desk.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(desk.regenerate(&desk.alice, &id).await.0, StatusCode::OK);
    // The third regeneration of a day needs a lead.
    assert_eq!(
        desk.regenerate(&desk.alice, &id).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, _) = desk.verify(&desk.alice, &id, "123456").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(desk.event(&feed, &id, "delivered").await.0, StatusCode::OK);
    assert_eq!(
        desk.verify(&carlo, &id, "123456").await.0,
        StatusCode::CONFLICT
    );

    let entries = desk.entries_after(start).await;
    let rejected = row("code_rejected", "done", "");
    assert_eq!(
        summary(&entries),
        [
            row("resend", "done", ""),
            row("resend", "refused", types::PASSWORD_LIMIT),
            row("resend", "refused", types::INVALID_BODY),
            row("resend", "refused", types::FORBIDDEN),
            rejected.clone(),
            rejected.clone(),
            rejected.clone(),
            rejected.clone(),
            rejected,
            row("lock", "done", ""),
            row("unlock", "done", ""),
            row("regenerate", "done", ""),
            row("regenerate", "refused", types::LEAD_REQUIRED),
            row("code_rejected", "refused", types::FORBIDDEN),
            row("retire", "done", ""),
            row("code_rejected", "refused", types::SHIPMENT_FINISHED),
        ]
    );
    // Numbered without gaps, each naming the one before; who as they were; never a code.
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e.seq, start + 1 + i as u64);
        assert_eq!(e.shipment_id, id);
        assert!(!e.order_id.is_empty());
    }
    let first = &entries[0];
    assert_eq!(
        (first.actor.username.as_str(), first.actor.name.as_str()),
        ("alice", "Alice Bianchi")
    );
    assert_eq!(first.ticket_id.as_deref(), Some("T-0000042"));
    assert!(
        first.destination.contains('•'),
        "masked: {}",
        first.destination
    );
    assert_eq!(first.identity_check, "security_questions");
    let verified = desk.verify_chain().await;
    assert_eq!(verified["broken"], Value::Null, "{verified}");
    assert_eq!(verified["verified_to"], json!(start + entries.len() as u64));
    // The card lists the last sends and regenerations, newest first.
    let history = desk.shipment(&id).await["password"]["history"].clone();
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions[..3], ["regenerate", "unlock", "resend"]);
}

/// Runs `audit verify` on the desk's store: (exit success, stdout and stderr).
fn verify_command(desk: &Desk) -> (bool, String) {
    let out = common::server_command()
        .args(["audit", "verify", "--store", &desk.store.url, "--keys-file"])
        .arg(desk.store.keys_file())
        .output()
        .unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Asserts both verifiers name entry `seq` as the first break, of `kind`, and so does the
/// server's verification reading small batches (the break inside a batch, at its start and at
/// its end: the batches are read several at once and followed in order).
async fn broken_at(desk: &Desk, seq: u64, kind: &str) {
    let found = desk.verify_chain().await;
    assert_eq!(found["broken"]["seq"], json!(seq), "{found}");
    assert_eq!(found["broken"]["kind"], json!(kind), "{found}");
    let (ok, said) = verify_command(desk);
    assert!(!ok, "the command passed a broken chain: {said}");
    assert!(said.contains(&format!("entry #{seq}")), "{said}");
    let store = sportello_server::store::open(&desk.store.url)
        .await
        .unwrap();
    let keys = sportello_server::secrets::Keys::load(std::path::Path::new(&desk.store.keys_file()))
        .unwrap()
        .audit_keys();
    for batch in [3, 5, (seq % 7 + 1) as u32, 1] {
        let batched = verify_in_batches(&*store, &keys, None, None, batch)
            .await
            .unwrap();
        assert_eq!(
            serde_json::to_value(&batched).unwrap()["broken"],
            found["broken"],
            "batches of {batch}"
        );
    }
}

/// The stored columns of entry `seq`, to put back after a tampering.
fn stored(desk: &Desk, seq: u64) -> String {
    desk.store
        .query(&format!("SELECT reason FROM audit_chain WHERE seq = {seq}"))
        .trim()
        .to_string()
}

async fn tampering_is_named_at_the_first_bad_entry(engine: Engine) {
    let desk = Desk::new(engine).await;
    let head = desk.head().await;
    assert!(head > 20, "the seed wrote a history of {head}");
    let (ok, said) = verify_command(&desk);
    assert!(ok, "{said}");
    let k = head / 2;

    // One field changed.
    let reason = stored(&desk, k);
    desk.store.query(&format!(
        "UPDATE audit_chain SET reason = 'nothing happened' WHERE seq = {k}"
    ));
    broken_at(&desk, k, "hash_mismatch").await;
    desk.store.query(&format!(
        "UPDATE audit_chain SET reason = '{}' WHERE seq = {k}",
        reason.replace('\'', "''")
    ));
    assert_eq!(desk.verify_chain().await["broken"], Value::Null);

    // One entry deleted (kept aside and put back).
    desk.store.query(&format!(
        "CREATE TABLE kept AS SELECT * FROM audit_chain WHERE seq = {k}"
    ));
    desk.store
        .query(&format!("DELETE FROM audit_chain WHERE seq = {k}"));
    broken_at(&desk, k, "missing_sequence").await;
    desk.store
        .query("INSERT INTO audit_chain SELECT * FROM kept; DROP TABLE kept");
    assert_eq!(desk.verify_chain().await["broken"], Value::Null);

    // Two swapped: their contents trade places, their numbers stay.
    desk.store.query(&format!(
        "UPDATE audit_chain SET seq = -1 WHERE seq = {k};
         UPDATE audit_chain SET seq = {k} WHERE seq = {next};
         UPDATE audit_chain SET seq = {next} WHERE seq = -1",
        next = k + 1
    ));
    broken_at(&desk, k, "broken_link").await;
    desk.store.query(&format!(
        "UPDATE audit_chain SET seq = -1 WHERE seq = {k};
         UPDATE audit_chain SET seq = {k} WHERE seq = {next};
         UPDATE audit_chain SET seq = {next} WHERE seq = -1",
        next = k + 1
    ));
    assert_eq!(desk.verify_chain().await["broken"], Value::Null);

    // The tail dropped after a checkpoint, the head moved back to hide it.
    let (status, checkpoint, _) = desk.get(&desk.lena, "/audit/checkpoint").await;
    assert_eq!(status, StatusCode::OK, "{checkpoint}");
    assert_eq!(checkpoint["seq"], json!(head));
    desk.store.query(&format!(
        "CREATE TABLE kept AS SELECT * FROM audit_chain WHERE seq > {k}"
    ));
    desk.store
        .query(&format!("DELETE FROM audit_chain WHERE seq > {k}"));
    let hash = desk
        .store
        .query(&format!("SELECT hash FROM audit_chain WHERE seq = {k}"))
        .trim()
        .to_string();
    desk.store.query(&format!(
        "UPDATE audit_head SET seq = {k}, hash = '{hash}' WHERE id = 1"
    ));
    broken_at(&desk, head, "checkpoint_mismatch").await;
    desk.store
        .query("INSERT INTO audit_chain SELECT * FROM kept; DROP TABLE kept");
    let last = checkpoint["hash"].as_str().unwrap();
    desk.store.query(&format!(
        "UPDATE audit_head SET seq = {head}, hash = '{last}' WHERE id = 1"
    ));
    assert_eq!(desk.verify_chain().await["broken"], Value::Null);

    // An entry changed and the chain rebuilt after it, the checkpoint re-signed to match with
    // a key that is not the server's.
    let entries = desk.entries_after(k - 1).await;
    let mut prev: [u8; 32] = unhex(&entries[0].prev_hash).unwrap().try_into().unwrap();
    for (i, e) in entries.iter().enumerate() {
        let mut e = e.clone();
        if i == 0 {
            e.reason = "rewritten".into();
        }
        let e = e.chain_after(&prev);
        prev = unhex(&e.hash).unwrap().try_into().unwrap();
        desk.store.query(&format!(
            "UPDATE audit_chain SET reason = '{}', prev_hash = '{}', hash = '{}' WHERE seq = {}",
            e.reason.replace('\'', "''"),
            e.prev_hash,
            e.hash,
            e.seq
        ));
    }
    let forged = {
        use ed25519_dalek::{Signer, SigningKey};
        let key = SigningKey::from_bytes(&[9; 32]);
        let at: chrono::DateTime<chrono::Utc> = checkpoint["at"].as_str().unwrap().parse().unwrap();
        let message = sportello_protocol::Checkpoint::message(head, &hex(&prev), at);
        hex(&key.sign(message.as_bytes()).to_bytes())
    };
    desk.store.query(&format!(
        "UPDATE audit_head SET hash = '{}' WHERE id = 1;
         UPDATE audit_checkpoints SET hash = '{}', signature = '{forged}' WHERE seq = {head}",
        hex(&prev),
        hex(&prev)
    ));
    broken_at(&desk, head, "bad_signature").await;
    assert_ne!(prev, GENESIS);
}

async fn only_leads_and_admins_read_the_trail(engine: Engine) {
    let desk = Desk::new(engine).await;
    let ada = desk.login("ada", "ada-demo").await;
    let carlo = desk.login("carlo", "carlo-demo").await;
    let feed = desk.login("feed", "feed-demo").await;
    for path in [
        "/audit",
        "/audit/verify",
        "/audit/checkpoint",
        "/audit/keys",
    ] {
        for (who, token) in [("alice", &desk.alice), ("carlo", &carlo), ("feed", &feed)] {
            let (status, body, _) = desk.get(token, path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{who} {path}: {body}");
        }
        for token in [&desk.lena, &ada] {
            assert_eq!(desk.get(token, path).await.0, StatusCode::OK, "{path}");
        }
    }
    // The feed carries the trail to leads only.
    let follow = |token: String| {
        let desk = &desk;
        async move {
            let (mut since, mut kinds) = (0, std::collections::BTreeSet::new());
            loop {
                let (_, page, _) = desk
                    .get(&token, &format!("/sync?since={since}&limit=500"))
                    .await;
                for c in page["changes"].as_array().unwrap() {
                    kinds.insert(c["kind"].as_str().unwrap().to_string());
                }
                since = page["next"].as_i64().unwrap();
                if page["more"] == json!(false) {
                    return kinds;
                }
            }
        }
    };
    let lead = follow(desk.lena.clone()).await;
    let agent = follow(desk.alice.clone()).await;
    assert!(lead.contains("audit"), "{lead:?}");
    assert!(!agent.contains("audit"), "{agent:?}");
    assert!(agent.contains("ticket") && agent.contains("shipment"));
}

/// Entries waiting when a round of chaining begins, more than a round takes in one batch
/// (`CHAIN_BATCH`, 500): as after a burst of actions whose own rounds had not run yet.
const BACKLOG: u64 = 1_100;

async fn a_backlog_longer_than_a_batch_is_chained_in_the_order_written(engine: Engine) {
    let desk = Desk::new(engine).await;
    let id = desk.open_shipment();
    let account = desk.account_recipient(&id).await;
    let start = desk.head().await;
    // Copies of the last entry, each with its own reason; every other one without a ticket.
    desk.store.query(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {BACKLOG})
         INSERT INTO audit_pending (at, actor_id, actor_username, actor_name, actor_role, action,
                outcome, problem, shipment_id, order_id, ticket_id, generation, reason,
                identity_check, channel, destination)
         SELECT a.at, a.actor_id, a.actor_username, a.actor_name, a.actor_role, a.action,
                a.outcome, a.problem, a.shipment_id, a.order_id,
                CASE WHEN n.i % 2 = 0 THEN NULL ELSE 'T-0000042' END, a.generation,
                'backlog #' || n.i, a.identity_check, a.channel, a.destination
           FROM n, audit_chain a WHERE a.seq = {start} ORDER BY n.i"
    ));
    // An action chains what waits, its own entry last.
    desk.resend(&desk.alice, &id, &account).await;

    let mut entries = desk.entries_after(start).await;
    entries.extend(desk.entries_after(start + 1000).await);
    assert_eq!(entries.len() as u64, BACKLOG + 1);
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e.seq, start + 1 + i as u64);
    }
    for (i, e) in entries[..BACKLOG as usize].iter().enumerate() {
        assert_eq!(e.reason, format!("backlog #{}", i + 1));
        assert_eq!(e.ticket_id.is_none(), (i + 1) % 2 == 0, "{e:?}");
    }
    assert_eq!(entries[BACKLOG as usize].action.as_str(), "resend");
    let verified = desk.verify_chain().await;
    assert_eq!(verified["broken"], Value::Null, "{verified}");
    assert_eq!(verified["verified_to"], json!(start + BACKLOG + 1));
    assert_eq!(desk.store.count("SELECT count(*) FROM audit_pending"), 0);
    // Each entry is in the lead's feed, as the trail serves it.
    let fed = desk.rows(&format!(
        "SELECT data FROM changes WHERE kind = 'audit' AND CAST(id AS BIGINT) > {start}
          ORDER BY CAST(id AS BIGINT)"
    ));
    let fed: Vec<AuditEntry> = fed
        .iter()
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    assert_eq!(fed, entries);
}

on_both_engines!(
    every_action_and_refusal_writes_one_entry,
    tampering_is_named_at_the_first_bad_entry,
    only_leads_and_admins_read_the_trail,
    a_backlog_longer_than_a_batch_is_chained_in_the_order_written,
);

/// The encoding docs/audit.md documents is the one the server hashes: the short script beside
/// it verifies an export, and names an entry changed in it.
#[tokio::test]
async fn the_documented_script_verifies_an_export() {
    let desk = Desk::new(Engine::Sqlite).await;
    let out = common::server_command()
        .args([
            "audit",
            "export",
            "--format",
            "jsonl",
            "--store",
            &desk.store.url,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = desk.store.dir.path().join("trail.jsonl");
    std::fs::write(&export, &out.stdout).unwrap();
    let lines = String::from_utf8(out.stdout).unwrap();
    let head = desk.head().await;
    assert_eq!(lines.lines().count() as u64, head);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/verify_audit.py");
    let python = std::env::var("SPORTELLO_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let run = |path: &std::path::Path| {
        std::process::Command::new(&python)
            .arg(script)
            .arg(path)
            .output()
            .unwrap()
    };
    let ok = run(&export);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout).trim(),
        format!("verified up to #{head}")
    );
    // One field changed in the export.
    let k = head / 2;
    let tampered: Vec<String> = lines
        .lines()
        .map(|l| {
            let mut e: Value = serde_json::from_str(l).unwrap();
            if e["seq"] == json!(k) {
                e["reason"] = json!("nothing happened");
            }
            e.to_string()
        })
        .collect();
    let changed = desk.store.dir.path().join("changed.jsonl");
    std::fs::write(&changed, tampered.join("\n")).unwrap();
    let broken = run(&changed);
    assert!(!broken.status.success());
    assert_eq!(
        String::from_utf8_lossy(&broken.stdout).trim(),
        format!("broken: entry #{k} was changed")
    );
}

/// Rotating the signing key (rule 3.12): `audit rotate-key` adds a key that signs from the
/// server's next start; the old key stays listed, so the checkpoint it signed still verifies,
/// through the API and the command, and so does the next one, signed by the new key.
#[tokio::test]
async fn a_rotated_signing_key_keeps_old_checkpoints_verifiable() {
    let mut desk = Desk::new(Engine::Sqlite).await;
    let (status, old, _) = desk.get(&desk.lena, "/audit/checkpoint").await;
    assert_eq!(status, StatusCode::OK, "{old}");
    assert_eq!(old["key_id"], json!("s1"));

    let out = common::server_command()
        .args([
            "audit",
            "rotate-key",
            "--store",
            &desk.store.url,
            "--keys-file",
        ])
        .arg(desk.store.keys_file())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("signing key s2"), "{said}");
    desk.restart().await;

    let (_, keys, _) = desk.get(&desk.lena, "/audit/keys").await;
    let ids: Vec<&str> = keys
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["key_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["s1", "s2"]);
    // The latest checkpoint is still the old key's, and verifies.
    let found = desk.verify_chain().await;
    assert!(found["broken"].is_null(), "{found}");
    assert_eq!(found["checkpoint"]["key_id"], json!("s1"));
    let (ok, said) = verify_command(&desk);
    assert!(ok && said.contains("signed by key s1"), "{said}");

    // The next checkpoint, after an action, is the new key's.
    let id = desk.open_shipment();
    let account = desk.account_recipient(&id).await;
    let (status, body) = desk.resend(&desk.alice, &id, &account).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, new, _) = desk.get(&desk.lena, "/audit/checkpoint").await;
    assert_eq!(new["key_id"], json!("s2"), "{new}");
    assert!(new["seq"].as_u64() > old["seq"].as_u64());
    let found = desk.verify_chain().await;
    assert!(found["broken"].is_null(), "{found}");
    assert_eq!(found["checkpoint"]["key_id"], json!("s2"));
    let (ok, said) = verify_command(&desk);
    assert!(ok && said.contains("signed by key s2"), "{said}");
}
