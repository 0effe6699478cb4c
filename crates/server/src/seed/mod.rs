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
];

/// What to seed: how many tickets, from which random seed, around which day.
#[derive(Clone)]
pub struct SeedOptions {
    pub tickets: u32,
    pub seed: u64,
    /// The day the data is built around: deliveries due today, tickets from the last weeks.
    pub today: NaiveDate,
    /// When the seed runs: what the feed documents show (a password past its expiry shows as
    /// expired). It does not change the data written.
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
    let (tx, mut rx) = tokio::sync::mpsc::channel::<anyhow::Result<(u32, PreparedBatch)>>(2);
    let total = options.tickets;
    let generator = {
        let (options, keys) = (options.clone(), keys.clone());
        std::thread::spawn(move || {
            for b in 0..total.div_ceil(BATCH) {
                let count = BATCH.min(total - b * BATCH);
                let batch = generate_batch(&options, &keys, b, count).and_then(|rows| {
                    let mut batch = PreparedBatch::new(rows, now, &contact_key);
                    if let Some(encode) = encoder {
                        batch.encoded = Some(encode(&batch)?);
                    }
                    Ok((b * BATCH + count, batch))
                });
                let failed = batch.is_err();
                if tx.blocking_send(batch).is_err() || failed {
                    return;
                }
            }
        })
    };
    while let Some(batch) = rx.recv().await {
        let (done, batch) = batch?;
        store.write_seed(batch).await?;
        progress(done, total);
    }
    generator
        .join()
        .map_err(|_| anyhow::anyhow!("the seed generator panicked"))?;
    Ok(())
}

/// Batch `batch_no` of the data: `count` (at most [`BATCH`]) tickets with their customers,
/// orders and shipments. Batches never share ids, so they can be written in any order.
pub fn generate_batch(
    options: &SeedOptions,
    keys: &Keys,
    batch_no: u32,
    count: u32,
) -> anyhow::Result<SeedBatch> {
    Generator::new(options, keys, batch_no).batch(batch_no * BATCH, count.min(BATCH))
}
