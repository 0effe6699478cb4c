//! `sportello-server audit verify|export|rotate-key`: the audit trail for an operator (rule
//! 3.12). `verify` checks the whole chain (or a range) and the latest signed checkpoint against
//! the keys file, exits 0 only when both hold and prints the first break otherwise; `export`
//! writes the entries, filtered by time, as CSV (RFC 4180) or JSON lines; `rotate-key` adds a
//! new checkpoint signing key to the keys file, the old ones kept to verify what they signed.

use std::io::Write;

use anyhow::bail;
use chrono::{DateTime, Utc};
use clap::{Args, Subcommand, ValueEnum};
use sportello_protocol::AuditQuery;

use super::{keys_path, KeysArg, StoreArg};
use crate::secrets::Keys;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Verify the chain and its latest signed checkpoint; exit status 0 only when intact.
    Verify(VerifyArgs),
    /// Write the entries as CSV or JSON lines on standard output.
    Export(ExportArgs),
    /// Add a new checkpoint signing key to the keys file and sign with it from the servers'
    /// next start; checkpoints the old keys signed stay verifiable.
    RotateKey(RotateKeyArgs),
}

#[derive(Args)]
pub struct RotateKeyArgs {
    /// The store whose keys file it is (the default keys file lies beside a SQLite store).
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    keys: KeysArg,
}

#[derive(Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    keys: KeysArg,
    /// The first entry to check (default 1).
    #[arg(long)]
    from_seq: Option<u64>,
    /// The last entry to check (default: the chain's head).
    #[arg(long)]
    to_seq: Option<u64>,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    store: StoreArg,
    /// Entries at or after this time (RFC 3339).
    #[arg(long)]
    from: Option<DateTime<Utc>>,
    /// Entries before this time (RFC 3339).
    #[arg(long)]
    to: Option<DateTime<Utc>>,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
}

pub async fn run(command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify(a) => {
            let store = super::open_migrated(&a.store.store).await?;
            let keys = Keys::load(&keys_path(&a.keys, &a.store.store))?.audit_keys();
            let found =
                crate::service::audit::verify_store(&*store, &keys, a.from_seq, a.to_seq).await?;
            if let Some(broken) = found.broken {
                bail!(
                    "the audit chain is broken at {broken} ({}); entries #{} to #{} verified",
                    serde_json::to_value(broken.kind)?
                        .as_str()
                        .unwrap_or_default(),
                    found.from_seq,
                    found.verified_to
                );
            }
            let signed = match &found.checkpoint {
                Some(c) => format!(
                    ", signed by key {} at {} up to #{}",
                    c.key_id,
                    sportello_protocol::audit::chain_time(c.at),
                    c.seq
                ),
                None => ", no signed checkpoint yet".into(),
            };
            println!(
                "the audit chain verifies: entries #{} to #{}{signed}",
                found.from_seq, found.verified_to
            );
            Ok(())
        }
        AuditCommand::RotateKey(a) => {
            let path = keys_path(&a.keys, &a.store.store);
            let id = Keys::rotate_signing_key(&path)?;
            let listed: Vec<String> = Keys::load(&path)?
                .audit_keys()
                .into_iter()
                .map(|k| k.key_id)
                .collect();
            println!(
                "signing key {id} added to {} and made the one that signs; restart each server \
                 that reads this file to sign with it. Keys listed for verification: {}",
                path.display(),
                listed.join(", ")
            );
            Ok(())
        }
        AuditCommand::Export(a) => {
            let store = super::open_migrated(&a.store.store).await?;
            let out = std::io::stdout().lock();
            export(&*store, a.from, a.to, a.format, out).await
        }
    }
}

/// Writes every entry from `from` to `to` in `format`, a page at a time.
async fn export(
    store: &dyn crate::store::Store,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    format: Format,
    out: impl Write,
) -> anyhow::Result<()> {
    let out = std::io::BufWriter::new(out);
    let (mut csv, mut jsonl) = match format {
        Format::Csv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(sportello_protocol::audit::CSV_HEADER)?;
            (Some(csv), None)
        }
        Format::Jsonl => (None, Some(out)),
    };
    let mut query = AuditQuery {
        from,
        to,
        ..Default::default()
    };
    loop {
        let page = store.audit_page(&query, 1000).await?;
        for entry in &page {
            if let Some(csv) = csv.as_mut() {
                csv.write_record(entry.csv_record())?;
            }
            if let Some(out) = jsonl.as_mut() {
                serde_json::to_writer(&mut *out, entry)?;
                out.write_all(b"\n")?;
            }
        }
        match page.last() {
            Some(last) if page.len() == 1000 => query.cursor = Some(last.seq),
            _ => break,
        }
    }
    if let Some(mut csv) = csv {
        csv.flush()?;
    }
    if let Some(mut out) = jsonl {
        out.flush()?;
    }
    Ok(())
}
