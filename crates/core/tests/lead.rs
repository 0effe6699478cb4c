//! The lead view in the console core (rule 7.8) against a real server: a lead's sync caches
//! the audit trail and its signed head; the trail filters, the flags find the seeded habits,
//! the export holds exactly the filtered entries, and the verification on this machine passes,
//! then names the first entry changed in the cache and a checkpoint signed by another key.
//! Agents get none of it; the carrier feed's account is not for the console.

mod support;

use sportello_core::types::{AuditFilter, ErrorCode, FlagKind};
use sportello_core::Console;
use sportello_protocol::{AuditAction, AuditOutcome, BreakKind};
use support::{SmtpSink, TestServer};

/// A console signed in as `user` to a seeded server, synced.
async fn console_of(server: &TestServer, data_dir: &std::path::Path, user: &str) -> Console {
    let console = Console::new(data_dir, sportello_clock::test_clock());
    console.startup().await;
    console
        .sign_in(&server.url, user, &format!("{user}-demo"))
        .await
        .unwrap();
    console.sync(|_| {}).await.unwrap();
    console
}

/// Runs SQL on a console's encrypted cache, as something other than the console would.
async fn on_cache(data_dir: &std::path::Path, user: &str, sql: &str) {
    use sqlx::Connection;
    let path = support::cache_file(data_dir);
    let key = sportello_core::inspect::open_with_password(&path, &format!("{user}-demo"))
        .unwrap()
        .unwrap()
        .hex();
    let options =
        sportello_core::inspect::keyed_options(&path, &key, sportello_core::inspect::FORMAT);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
}

#[tokio::test]
async fn a_leads_console_filters_flags_exports_and_verifies_the_trail() {
    let smtp = SmtpSink::start();
    let (server_dir, data_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = TestServer::seeded(server_dir.path(), 600, &smtp).await;
    let lena = console_of(&server, data_dir.path(), "lena").await;

    // The whole trail is cached, in order.
    let all = lena.audit_trail(&AuditFilter::default()).await.unwrap();
    assert!(all.entries.len() > 50, "{}", all.entries.len());
    assert!(all.entries.windows(2).all(|w| w[1].seq == w[0].seq + 1));
    // Filtered: marco's resends.
    let filter = AuditFilter {
        actor: Some("marco".into()),
        action: Some(AuditAction::Resend),
        outcome: Some(AuditOutcome::Done),
        limit: 1000,
        ..Default::default()
    };
    let marco = lena.audit_trail(&filter).await.unwrap();
    assert!(!marco.entries.is_empty());
    assert!(marco.entries.iter().all(|e| e.actor.username == "marco"
        && e.action == AuditAction::Resend
        && e.outcome == AuditOutcome::Done));
    // A shipment's or an order's id finds its entries.
    let shipment = marco.entries[0].shipment_id.clone();
    let order = marco.entries[0].order_id.clone();
    for id in [&shipment, &order] {
        let found = lena
            .audit_trail(&AuditFilter {
                shipment: Some(id.clone()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(found
            .entries
            .iter()
            .all(|e| e.shipment_id == shipment || e.order_id == order));
        assert!(found.entries.iter().any(|e| e.shipment_id == shipment));
    }

    // The seeded habits raise flags: marco resends what he has just regenerated.
    let summary = lena.audit_summary(&AuditFilter::default()).await.unwrap();
    let kinds: Vec<FlagKind> = summary.flags.iter().map(|f| f.kind).collect();
    assert!(
        kinds.contains(&FlagKind::ResendAfterRegenerate),
        "{kinds:?}"
    );
    assert!(kinds.contains(&FlagKind::LockAfterWrongCodes), "{kinds:?}");
    let resent = summary
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::ResendAfterRegenerate)
        .unwrap();
    assert_eq!(resent.actor_name.as_deref(), Some("Marco Conti"));
    assert_eq!(resent.seqs.len(), 2);
    assert!(!summary.daily.is_empty());

    // The export holds exactly the filtered entries, quoted as RFC 4180 wants.
    let out = data_dir.path().join("marco.csv");
    let written = lena.export_audit(&filter, &out).await.unwrap();
    assert_eq!(written, marco.entries.len() as u64);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let seqs: Vec<u64> = reader
        .records()
        .map(|r| r.unwrap()[0].parse().unwrap())
        .collect();
    assert_eq!(
        seqs,
        marco.entries.iter().map(|e| e.seq).collect::<Vec<_>>()
    );

    // The chain verifies here, up to a checkpoint the server signed.
    let verified = lena.verify_audit().await.unwrap();
    assert_eq!(verified.broken, None);
    assert_eq!(
        verified.verified_to,
        u64::from(summary.entries),
        "every entry, 1 to N"
    );
    assert!(
        verified.checkpoint.is_some(),
        "a signed checkpoint was cached"
    );
    lena.shutdown().await;

    // One entry changed in the cache: named.
    let k = all.entries[all.entries.len() / 2].seq;
    on_cache(
        data_dir.path(),
        "lena",
        &format!(
            "UPDATE audit SET data = json_set(data, '$.reason', 'nothing happened') WHERE seq = {k}"
        ),
    )
    .await;
    let lena = console_of(&server, data_dir.path(), "lena").await;
    let broken = lena.verify_audit().await.unwrap().broken.unwrap();
    assert_eq!((broken.seq, broken.kind), (k, BreakKind::HashMismatch));
    lena.shutdown().await;
    // The same entry deleted from the cache: named as missing.
    on_cache(
        data_dir.path(),
        "lena",
        &format!("CREATE TABLE kept AS SELECT * FROM audit WHERE seq = {k}; DELETE FROM audit WHERE seq = {k}"),
    )
    .await;
    let lena = console_of(&server, data_dir.path(), "lena").await;
    let broken = lena.verify_audit().await.unwrap().broken.unwrap();
    assert_eq!((broken.seq, broken.kind), (k, BreakKind::MissingSequence));
    lena.shutdown().await;
    // The entry put back (a sync does not resend what it has), the checkpoint re-signed
    // with a key that is not the server's.
    let good = serde_json::to_string(&all.entries[all.entries.len() / 2]).unwrap();
    on_cache(
        data_dir.path(),
        "lena",
        &format!(
            "INSERT INTO audit SELECT * FROM kept; DROP TABLE kept;
             UPDATE audit SET data = '{}' WHERE seq = {k};
             UPDATE meta SET value = json_set(value, '$.signature', '{}') WHERE key = 'audit_checkpoint'",
            good.replace('\'', "''"),
            "ab".repeat(64)
        ),
    )
    .await;
    let lena = Console::new(data_dir.path(), sportello_clock::test_clock());
    lena.startup().await;
    lena.unlock("lena-demo").await.unwrap();
    let broken = lena.verify_audit().await.unwrap().broken.unwrap();
    assert_eq!(broken.kind, BreakKind::BadSignature);
    lena.shutdown().await;
}

#[tokio::test]
async fn agents_see_no_trail_and_the_carrier_feeds_account_is_not_for_the_console() {
    let smtp = SmtpSink::start();
    let (server_dir, data_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server = TestServer::seeded(server_dir.path(), 100, &smtp).await;
    let alice = console_of(&server, data_dir.path(), "alice").await;
    let refused = alice
        .audit_trail(&AuditFilter::default())
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::LeadOnly);
    alice.shutdown().await;
    let cache = support::open_alices_cache(&support::cache_file(data_dir.path())).await;
    assert_eq!(
        cache.audit_count().await.unwrap(),
        0,
        "no entry reached alice's cache"
    );
    cache.close().await;

    let other = tempfile::tempdir().unwrap();
    let feed = Console::new(other.path(), sportello_clock::test_clock());
    feed.startup().await;
    let refused = feed
        .sign_in(&server.url, "feed", "feed-demo")
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::AccountNotForConsole);
    assert_eq!(refused.params["role"], "integration");
    assert!(
        refused.message.contains("carrier feed"),
        "{}",
        refused.message
    );
    assert!(!feed.status().await.cache_available);
    feed.shutdown().await;
}
