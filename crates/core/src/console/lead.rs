//! The lead view's side of the console (rule 7.8), for leads and admins only: the cached audit
//! trail by filter, the chart and flags of it, an export as CSV, and the chain verified on
//! this machine from the cached entries and the last signed checkpoint.

use std::path::Path;
use std::sync::Arc;

use futures::StreamExt;
use sportello_protocol::audit::{self, check_checkpoint, ChainVerifier};
use sportello_protocol::{AuditVerification, Role};

use super::Console;
use crate::cases::Cases;
use crate::types::{AuditFilter, AuditSummary, AuditTrailPage, ConsoleError, ErrorCode, ErrorKind};

/// Entries a verification reads at a time.
const VERIFY_BATCH: u64 = 10_000;

/// Batches a verification reads at once, each on its own connection.
const VERIFY_READERS: usize = 2;

/// Whether a role reads the audit trail.
pub(super) fn audits(role: Role) -> bool {
    matches!(role, Role::Lead | Role::Admin)
}

impl Console {
    /// The role of the agent last signed in on this computer, if any.
    pub(super) async fn role(&self) -> Option<Role> {
        let state = self.state.lock().await;
        state
            .profile
            .as_ref()
            .and_then(|p| p.agent.as_ref())
            .map(|a| a.role)
    }

    /// The cached cases, when the signed-in agent is a lead or an admin.
    async fn lead_cases(&self) -> Result<Arc<Cases>, ConsoleError> {
        if !self.role().await.is_some_and(audits) {
            return Err(ConsoleError::new(
                ErrorKind::NotAllowed,
                ErrorCode::LeadOnly,
                "Only team leads and admins see the audit trail.",
            ));
        }
        self.cases().await
    }

    /// A page of the cached trail.
    pub async fn audit_trail(&self, filter: &AuditFilter) -> Result<AuditTrailPage, ConsoleError> {
        Ok(self.lead_cases().await?.audit_page(filter).await?)
    }

    /// The chart's counts and the flags of the entries `filter` matches, days and nights in
    /// this computer's time zone.
    pub async fn audit_summary(&self, filter: &AuditFilter) -> Result<AuditSummary, ConsoleError> {
        let rows = self.lead_cases().await?.audit_rows(filter).await?;
        Ok(AuditSummary {
            daily: crate::flags::daily(&rows, &chrono::Local),
            flags: crate::flags::flags(&rows, &chrono::Local),
            entries: rows.len() as u32,
        })
    }

    /// Writes exactly the entries `filter` matches to `path` as CSV (RFC 4180), replacing the
    /// file; returns how many.
    pub async fn export_audit(
        &self,
        filter: &AuditFilter,
        path: &Path,
    ) -> Result<u64, ConsoleError> {
        let cases = self.lead_cases().await?;
        let io = |e: std::io::Error| {
            ConsoleError::new(
                ErrorKind::InvalidInput,
                ErrorCode::ExportFailed,
                format!("The export could not be written to {}: {e}", path.display()),
            )
            .with("path", path.display())
            .with("detail", e)
        };
        let tmp = path.with_extension("csv.part");
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut csv = csv::Writer::from_writer(std::io::BufWriter::new(file));
        csv.write_record(sportello_protocol::audit::CSV_HEADER)
            .map_err(|e| io(e.into()))?;
        let written = cases
            .audit_each(filter, |entries| {
                for e in entries {
                    csv.write_record(e.csv_record())?;
                }
                Ok(())
            })
            .await;
        let finished = written.map_err(ConsoleError::from).and_then(|n| {
            csv.flush().map_err(io)?;
            drop(csv);
            std::fs::rename(&tmp, path).map_err(io)?;
            Ok(n)
        });
        if finished.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        finished
    }

    /// Verifies the cached chain from its first entry, and the last signed checkpoint a sync
    /// brought against the server's keys: the range that verified, or the first break.
    pub async fn verify_audit(&self) -> Result<AuditVerification, ConsoleError> {
        let cases = self.lead_cases().await?;
        let last = cases.audit_last_seq().await?;
        // Windows of numbers are read on VERIFY_READERS connections at once, each decoded and
        // hashed on blocking threads (every core) while the next is read; the links are then
        // followed in order. A window with missing numbers is a gap the verifier names.
        let mut reads = futures::stream::iter(audit::windows(1, last, VERIFY_BATCH))
            .map(|(first, last)| {
                let cases = &cases;
                async move {
                    let docs = cases.audit_docs(first, last).await?;
                    tokio::task::spawn_blocking(move || crate::audit::decode_links(&docs))
                        .await
                        .expect("the verification's thread ended")
                }
            })
            .buffered(VERIFY_READERS);
        let mut verifier = ChainVerifier::from_start();
        let mut broken = None;
        while let Some(links) = reads.next().await {
            if let Err(b) = verifier.push_links(&links?) {
                broken = Some(b);
                break;
            }
        }
        let verified_to = verifier.last().map_or(0, |(seq, _)| seq);
        let mut checkpoint = None;
        if broken.is_none() {
            if let Some((signed, keys)) = cases.audit_seal().await? {
                let hash = cases.audit_hash(signed.seq).await?;
                match check_checkpoint(&signed, &keys, |_| hash) {
                    Ok(()) => checkpoint = Some(signed),
                    Err(b) if signed.seq == 0 => drop(b),
                    Err(b) => broken = Some(b),
                }
            }
        }
        Ok(AuditVerification {
            from_seq: 1,
            verified_to,
            checkpoint,
            broken,
        })
    }
}
