//! The audit part (`--only audit`, issue 15): a PostgreSQL store with a seeded demo and
//! 1,000,000 more chained audit entries; the whole chain verified by the server's own
//! verification (`service::audit::verify_store`, what `GET /audit/verify` runs) with its
//! signed checkpoint; then a lead's console core syncs the trail from a release server into an
//! empty encrypted cache and verifies it there (`Console::verify_audit`), and the lead view's
//! filters run over the cached million (`Console::audit_trail`), each timed. The resend part
//! measures resends with the chain's lock (`--only resend`).

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{DateTime, TimeZone, Utc};
use sportello_core::types::AuditFilter;
use sportello_protocol::audit::{unhex, AuditActor};
use sportello_protocol::{AuditAction, AuditEntry, AuditOutcome, Role};
use sportello_server::store::{PreparedBatch, SeedBatch};

use super::postgres::BenchDatabase;
use super::server::Server;
use super::stats::Latencies;

/// Entries added to the chain (the figure).
pub const ENTRIES: u64 = 1_000_000;
/// Tickets of the demo under them (agents, keys, a little of everything).
const DEMO_TICKETS: u32 = 200;
/// Entries written per transaction.
const BATCH: usize = 10_000;
/// Times each verification runs: the median counts.
const VERIFY_RUNS: usize = 3;
/// Times each filter runs.
const FILTER_RUNS: usize = 10;

pub struct AuditResult {
    pub entries: u64,
    pub load_seconds: f64,
    pub server_verify_seconds: Vec<f64>,
    pub checkpoint_seq: u64,
    pub sync_seconds: f64,
    pub console_verify_seconds: Vec<f64>,
    /// (filter, p50 ms, p95 ms) over [`FILTER_RUNS`] runs.
    pub filters: Vec<(String, f64, f64)>,
    pub all_filters_p95_ms: f64,
}

/// Who the synthetic entries are by, with the share of entries each makes.
const ACTORS: &[(&str, &str, Role)] = &[
    ("alice", "Alice Bianchi", Role::Agent),
    ("marco", "Marco Conti", Role::Agent),
    ("marco", "Marco Conti", Role::Agent),
    ("sarah", "Sarah Miller", Role::Agent),
    ("lena", "Lena Rossi", Role::Lead),
    ("carlo", "Carlo Esposito", Role::Courier),
];

const ACTIONS: &[(AuditAction, AuditOutcome)] = &[
    (AuditAction::Resend, AuditOutcome::Done),
    (AuditAction::Resend, AuditOutcome::Done),
    (AuditAction::Resend, AuditOutcome::Refused),
    (AuditAction::Regenerate, AuditOutcome::Done),
    (AuditAction::CodeRejected, AuditOutcome::Done),
    (AuditAction::CodeAccepted, AuditOutcome::Done),
];

/// Entry `seq` of the synthetic trail: spread over the 60 days before `end`, a few agents, a
/// few thousand shipments, deterministic.
fn entry(seq: u64, end: DateTime<Utc>) -> AuditEntry {
    let (username, name, role) = ACTORS[(seq % ACTORS.len() as u64) as usize];
    let (action, outcome) = ACTIONS[(seq / 7 % ACTIONS.len() as u64) as usize];
    let shipment = 90_000_000 + (seq * 7919 % 50_000);
    AuditEntry {
        seq,
        at: end - chrono::Duration::seconds(((ENTRIES + 1 - seq.min(ENTRIES)) * 5) as i64),
        actor: AuditActor {
            id: format!("A-{username}"),
            username: username.into(),
            name: name.into(),
            role,
        },
        action,
        outcome,
        problem: (outcome == AuditOutcome::Refused)
            .then(|| sportello_protocol::problem::types::PASSWORD_LIMIT.to_string()),
        shipment_id: format!("S-{shipment:08}"),
        order_id: format!("O-{:08}", shipment - 80_000_000),
        ticket_id: Some(format!("T-{:07}", seq % 100_000)),
        generation: 1 + (seq % 3) as u32,
        reason: "Customer lost the e-mail with the code".into(),
        identity_check: "security_questions".into(),
        channel: "email".into(),
        destination: "v•••@example.it".into(),
        prev_hash: String::new(),
        hash: String::new(),
    }
}

pub fn run(binary: &Path, admin_url: &str, out_dir: &Path) -> Result<AuditResult> {
    let scratch = tempfile::Builder::new()
        .prefix("sportello-audit-bench")
        .tempdir()
        .context("cannot make a scratch directory")?;
    let keys_file = scratch.path().join("audit.keys.json");
    let db = BenchDatabase::create(admin_url)?;
    eprintln!("bench: seeding {DEMO_TICKETS} tickets for the audit part");
    let status = std::process::Command::new(binary)
        .args([
            "seed",
            "--store",
            &db.url,
            "--tickets",
            &DEMO_TICKETS.to_string(),
        ])
        .arg("--keys-file")
        .arg(&keys_file)
        .args(["--today", &super::seed::today()])
        .status()?;
    anyhow::ensure!(status.success(), "seeding the audit part's demo failed");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let keys = sportello_server::secrets::Keys::load(&keys_file)?;
    let store = runtime.block_on(sportello_server::store::open(&db.url))?;

    // 1,000,000 more entries, chained after the demo's.
    eprintln!("bench: appending {ENTRIES} audit entries");
    let started = Instant::now();
    let end = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let (head, head_hash) = runtime.block_on(store.audit_head())?;
    let mut prev: [u8; 32] = unhex(&head_hash)
        .and_then(|b| b.try_into().ok())
        .context("the chain's head is not a hash")?;
    let mut batch = Vec::with_capacity(BATCH);
    for n in 1..=ENTRIES {
        let e = entry(head + n, end).chain_after(&prev);
        prev = unhex(&e.hash)
            .and_then(|b| b.try_into().ok())
            .expect("a hash");
        batch.push(e);
        if batch.len() == BATCH || n == ENTRIES {
            let rows = SeedBatch {
                audit: std::mem::take(&mut batch),
                ..Default::default()
            };
            runtime.block_on(store.write_seed(PreparedBatch::new(rows, end, &[0; 32])))?;
        }
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let public = keys.audit_keys();
    let checkpoint = runtime
        .block_on(sportello_server::service::audit::sign_head(
            &*store, &keys, end,
        ))?
        .context("the keys file has no signing key")?;

    eprintln!("bench: verifying the chain on the server, {VERIFY_RUNS} times");
    let mut server_verify_seconds = Vec::new();
    for _ in 0..VERIFY_RUNS {
        let started = Instant::now();
        let found = runtime.block_on(sportello_server::service::audit::verify_store(
            &*store, &public, None, None,
        ))?;
        server_verify_seconds.push(started.elapsed().as_secs_f64());
        anyhow::ensure!(
            found.broken.is_none(),
            "the chain broke: {:?}",
            found.broken
        );
        anyhow::ensure!(found.checkpoint.is_some(), "no checkpoint verified");
    }

    // A lead's console: sync into an empty cache, verify, filter.
    let server = Server::start_with_keys(
        binary,
        &db.url,
        Some(&keys_file),
        &out_dir.join("audit-server.log"),
    )?;
    let data_dir = scratch.path().join("console");
    let clock = sportello_clock::Clock::fixed(end);
    let console = sportello_core::Console::new(&data_dir, clock);
    let measured = runtime.block_on(async {
        console.startup().await;
        console
            .sign_in(&server.base, "lena", "lena-demo")
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        eprintln!("bench: a lead's console syncs the trail");
        let started = Instant::now();
        console
            .sync(|_| {})
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let sync_seconds = started.elapsed().as_secs_f64();
        eprintln!("bench: the console verifies its cached chain, {VERIFY_RUNS} times");
        let mut console_verify_seconds = Vec::new();
        for _ in 0..VERIFY_RUNS {
            let started = Instant::now();
            let found = console
                .verify_audit()
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            console_verify_seconds.push(started.elapsed().as_secs_f64());
            anyhow::ensure!(found.broken.is_none(), "the cached chain broke");
            anyhow::ensure!(
                found.verified_to >= ENTRIES,
                "only {} verified",
                found.verified_to
            );
        }
        let filters = filters(end);
        let mut rows = Vec::new();
        let mut all = Vec::new();
        for (label, filter) in &filters {
            let mut times = Vec::new();
            for _ in 0..FILTER_RUNS {
                let started = Instant::now();
                console
                    .audit_trail(filter)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                times.push(started.elapsed());
            }
            all.extend(times.iter().copied());
            let l = Latencies::new(times);
            rows.push((label.clone(), l.percentile_ms(50.0), l.percentile_ms(95.0)));
        }
        console.shutdown().await;
        Ok::<_, anyhow::Error>((sync_seconds, console_verify_seconds, rows, all))
    })?;
    let (sync_seconds, console_verify_seconds, filters, all) = measured;
    drop(server);
    Ok(AuditResult {
        entries: ENTRIES,
        load_seconds,
        server_verify_seconds,
        checkpoint_seq: checkpoint.seq,
        sync_seconds,
        console_verify_seconds,
        filters,
        all_filters_p95_ms: Latencies::new(all).percentile_ms(95.0),
    })
}

/// The filters a lead would type, each a first page of the trail.
fn filters(end: DateTime<Utc>) -> Vec<(String, AuditFilter)> {
    let day = |d: i64| Some(end - chrono::Duration::days(d));
    let f = AuditFilter::default;
    vec![
        ("everything".into(), f()),
        (
            "an agent".into(),
            AuditFilter {
                actor: Some("sarah".into()),
                ..f()
            },
        ),
        (
            "an action".into(),
            AuditFilter {
                action: Some(AuditAction::Regenerate),
                ..f()
            },
        ),
        (
            "refused".into(),
            AuditFilter {
                outcome: Some(AuditOutcome::Refused),
                ..f()
            },
        ),
        (
            "a week".into(),
            AuditFilter {
                from: day(14),
                to: day(7),
                ..f()
            },
        ),
        (
            "a shipment".into(),
            AuditFilter {
                shipment: Some("S-90012345".into()),
                ..f()
            },
        ),
        (
            "an order".into(),
            AuditFilter {
                shipment: Some("O-10012345".into()),
                ..f()
            },
        ),
        (
            "an agent's regenerations in a week".into(),
            AuditFilter {
                actor: Some("marco".into()),
                action: Some(AuditAction::Regenerate),
                from: day(30),
                to: day(23),
                ..f()
            },
        ),
        (
            "an agent's refusals".into(),
            AuditFilter {
                actor: Some("alice".into()),
                outcome: Some(AuditOutcome::Refused),
                ..f()
            },
        ),
        (
            "nothing matches".into(),
            AuditFilter {
                actor: Some("nobody".into()),
                ..f()
            },
        ),
    ]
}

/// Seconds as the report shows a set of runs: "median (all)".
pub fn runs(seconds: &[f64]) -> String {
    let mut sorted = seconds.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let all: Vec<String> = seconds.iter().map(|s| format!("{s:.2}")).collect();
    format!("{median:.2} ({})", all.join(", "))
}

/// The median of `seconds`.
pub fn median(seconds: &[f64]) -> f64 {
    let mut sorted = seconds.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}
