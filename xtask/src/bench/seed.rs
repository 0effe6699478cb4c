//! The seed part: `sportello-server seed` timed on each engine, its progress shown as it goes.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use super::postgres::BenchDatabase;

/// The day the seeded data is built around: today (UTC), so the seeded passwords are live
/// while the resend part runs. The same data shape every day; only the dates move.
pub fn today() -> String {
    chrono::Utc::now().date_naive().to_string()
}

/// One engine's seeding.
pub struct SeedResult {
    pub engine: &'static str,
    pub tickets: u32,
    pub seconds: f64,
    /// The store's size on disk afterwards.
    pub bytes: u64,
}

impl SeedResult {
    pub fn tickets_per_second(&self) -> f64 {
        f64::from(self.tickets) / self.seconds
    }
}

/// Seeds a fresh SQLite store in a temporary directory, removed afterwards.
pub fn sqlite(binary: &Path, tickets: u32) -> Result<SeedResult> {
    let dir = scratch()?;
    let db = dir.path().join("bench.sqlite");
    let url = format!("sqlite://{}", db.display());
    let keys = dir.path().join("bench.keys.json");
    let seconds = run(binary, "SQLite", &url, &keys, tickets)?;
    let bytes = dir_size(dir.path())?;
    Ok(SeedResult {
        engine: "SQLite",
        tickets,
        seconds,
        bytes,
    })
}

/// Seeds the bench's PostgreSQL database, with a keys file that lives only as long.
pub fn postgres(binary: &Path, db: &BenchDatabase, tickets: u32) -> Result<SeedResult> {
    let dir = scratch()?;
    let keys = dir.path().join("postgres.keys.json");
    let seconds = run(binary, "PostgreSQL", &db.url, &keys, tickets)?;
    Ok(SeedResult {
        engine: "PostgreSQL",
        tickets,
        seconds,
        bytes: db.size()?,
    })
}

/// Runs `seed` with stdout and stderr passed through; returns the wall time in seconds.
fn run(binary: &Path, engine: &str, store: &str, keys: &Path, tickets: u32) -> Result<f64> {
    eprintln!("bench: seeding {tickets} tickets into {engine}");
    let started = Instant::now();
    let status = Command::new(binary)
        .arg("seed")
        .args(["--store", store])
        .arg("--keys-file")
        .arg(keys)
        .args(["--tickets", &tickets.to_string(), "--today", &today()])
        .status()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("seeding {engine} failed: {status}");
    }
    Ok(seconds)
}

fn scratch() -> Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix("sportello-bench-")
        .tempdir()
        .context("cannot create a temporary directory")
}

fn dir_size(dir: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        total += entry?.metadata()?.len();
    }
    Ok(total)
}
