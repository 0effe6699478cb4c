//! Realistic, deterministic demo data: the same `--seed` and `--today` give the same
//! customers, orders, shipments, tickets and callbacks. Only the secrets differ between runs:
//! delivery passwords come from the OS CSPRNG (rule 3.2) and password hashes are
//! salted.
//!
//! Data is generated and written in self-contained batches, so memory stays flat however
//! many tickets are asked for.
//!
//! This module is the pipeline: the demo agents, then a generator thread a couple of batches
//! ahead of the store's writes. `generator.rs` makes the rows of one batch from the word
//! tables in `words.rs`.

mod generator;
mod history;
mod words;

use chrono::{DateTime, NaiveDate, Utc};
use sportello_protocol::{AgentInfo, Role};

use crate::secrets::Keys;
use crate::store::{NewAgent, PreparedBatch, SeedBatch, Store};

use generator::Generator;

pub use crate::password::SECURE_THRESHOLD_CENTS;

/// Tickets generated and written per transaction.
pub const BATCH: u32 = 1000;

/// The demo sign-ins (docs/product.md §9).
pub const DEMO_AGENTS: &[(&str, &str, &str, Role)] = &[
    ("alice", "alice-demo", "Alice Bianchi", Role::Agent),
    ("lena", "lena-demo", "Lena Rossi", Role::Lead),
    ("carlo", "carlo-demo", "Carlo Esposito", Role::Courier),
    ("feed", "feed-demo", "Carrier feed", Role::Integration),
    ("ada", "ada-demo", "Ada Marchetti", Role::Admin),
    // Agents of the seeded audit history, with habits of their own (`history.rs`).
    ("marco", "marco-demo", "Marco Conti", Role::Agent),
    ("sarah", "sarah-demo", "Sarah Miller", Role::Agent),
];

/// Audit entries written per transaction once the history is chained.
const AUDIT_BATCH: usize = 5000;

/// What to seed: how many tickets, from which random seed, around which day.
#[derive(Clone)]
pub struct SeedOptions {
    pub tickets: u32,
    pub seed: u64,
    /// The day the data is built around: deliveries due today, tickets from the last weeks.
    pub today: NaiveDate,
    /// When the seed runs: what the feed documents show (a password past its expiry shows as
    /// expired); the audit history ends at its hour. It does not change the other data.
    pub now: DateTime<Utc>,
}

/// Fills an empty store. `progress(done, total)` is called after each batch.
///
/// Generating and rendering a batch (CPU) runs on its own thread, a couple of batches ahead
/// of the store writing the previous ones, so both cores stay busy.
pub async fn seed(
    store: &dyn Store,
    keys: &Keys,
    options: &SeedOptions,
    mut progress: impl FnMut(u32, u32),
) -> anyhow::Result<()> {
    let now = options.now;
    let contact_key = store.contact_key().await?;
    let mut first = SeedBatch::default();
    for (username, password, name, role) in DEMO_AGENTS {
        first.agents.push(NewAgent {
            info: AgentInfo {
                id: format!("A-{username}"),
                username: username.to_string(),
                name: name.to_string(),
                role: *role,
            },
            password_hash: crate::credentials::hash_password(password)?,
        });
    }
    store
        .write_seed(PreparedBatch::new(first, now, &contact_key))
        .await?;
    let encoder = store.seed_encoder();
    type Generated = (u32, PreparedBatch, Vec<sportello_protocol::AuditEntry>);
    let (tx, mut rx) = tokio::sync::mpsc::channel::<anyhow::Result<Generated>>(2);
    let total = options.tickets;
    let generator = {
        let (options, keys) = (options.clone(), keys.clone());
        std::thread::spawn(move || {
            for b in 0..total.div_ceil(BATCH) {
                let count = BATCH.min(total - b * BATCH);
                let batch = generate(&options, &keys, b, count).and_then(|(rows, history)| {
                    // The history is chained once every batch's is known (below).
                    let mut batch = PreparedBatch::new(rows, now, &contact_key);
                    if let Some(encode) = encoder {
                        batch.encoded = Some(encode(&batch)?);
                    }
                    Ok((b * BATCH + count, batch, history))
                });
                let failed = batch.is_err();
                if tx.blocking_send(batch).is_err() || failed {
                    return;
                }
            }
        })
    };
    let mut history = Vec::new();
    while let Some(batch) = rx.recv().await {
        let (done, batch, entries) = batch?;
        store.write_seed(batch).await?;
        history.extend(entries);
        progress(done, total);
    }
    generator
        .join()
        .map_err(|_| anyhow::anyhow!("the seed generator panicked"))?;
    // The history in time order (a stable sort: ties keep the order they were drawn in),
    // numbered and chained, written a few thousand entries a transaction.
    history.sort_by_key(|e| e.at);
    let mut prev = sportello_protocol::audit::GENESIS;
    for (i, entry) in history.iter_mut().enumerate() {
        entry.seq = i as u64 + 1;
        *entry = entry.clone().chain_after(&prev);
        prev = entry.compute_hash();
    }
    for chunk in history.chunks(AUDIT_BATCH) {
        let rows = SeedBatch {
            audit: chunk.to_vec(),
            ..Default::default()
        };
        store
            .write_seed(PreparedBatch::new(rows, now, &contact_key))
            .await?;
    }
    store.seeded().await?;
    Ok(())
}

/// Batch `batch_no` of the data: `count` (at most [`BATCH`]) tickets with their customers,
/// orders and shipments (their passwords' cards with their history; the history's audit
/// entries are the pipeline's). Batches never share ids, so they can be written in any order.
pub fn generate_batch(
    options: &SeedOptions,
    keys: &Keys,
    batch_no: u32,
    count: u32,
) -> anyhow::Result<SeedBatch> {
    Ok(generate(options, keys, batch_no, count)?.0)
}

/// [`generate_batch`] with its audit history drawn: unnumbered entries, which the pipeline
/// chains with every other batch's in time order.
fn generate(
    options: &SeedOptions,
    keys: &Keys,
    batch_no: u32,
    count: u32,
) -> anyhow::Result<(SeedBatch, Vec<sportello_protocol::AuditEntry>)> {
    let mut batch =
        Generator::new(options, keys, batch_no).batch(batch_no * BATCH, count.min(BATCH))?;
    // The history ends at the hour the seed runs in, not at its second: two seeds with the
    // same number a few seconds apart write the same entries.
    let hour = chrono::DurationRound::duration_trunc(options.now, chrono::TimeDelta::hours(1))
        .unwrap_or(options.now);
    let history = history::add(&mut batch, options.seed, batch_no, hour);
    Ok((batch, history))
}
