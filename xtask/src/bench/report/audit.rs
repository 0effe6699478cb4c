//! The audit part's tables: the chain verified on the server and in a lead's console, and the
//! lead view's filters over the cached entries.

use std::fmt::Write;

use super::{goal, row, table, thousands, Report};
use crate::bench::audit::{median, runs};

/// Seconds to verify a million entries, on the server and in the console (issue 15).
pub const VERIFY_GOAL_SECONDS: f64 = 2.0;
/// A lead view filter's 95th percentile, in milliseconds (issue 15).
pub const FILTER_P95_GOAL_MS: f64 = 50.0;

impl Report {
    pub(super) fn audit_table(&self, out: &mut String) {
        let Some(a) = &self.audit else { return };
        let entries = thousands(a.entries as f64);
        let _ = writeln!(
            out,
            "\n### Audit: {entries} chained entries\n\n\
             A PostgreSQL store with a demo of 200 tickets and {entries} more entries chained \
             after its own (written in {:.0} s); the whole chain verified by the server's \
             verification (`service::audit::verify_store`, what `GET /audit/verify` runs), \
             up to the checkpoint it signed at #{}; then lena's console core (release build, \
             in the bench's process) syncs the trail from a release server into an empty \
             encrypted cache ({:.0} s) and verifies it there; each verification three times.\n",
            a.load_seconds,
            thousands(a.checkpoint_seq as f64),
            a.sync_seconds,
        );
        let server = median(&a.server_verify_seconds);
        let console = median(&a.console_verify_seconds);
        table(
            out,
            &[
                row(
                    "Server: seconds to verify (median, runs)",
                    runs(&a.server_verify_seconds),
                    goal(
                        &format!("< {VERIFY_GOAL_SECONDS} s"),
                        server < VERIFY_GOAL_SECONDS,
                    ),
                ),
                row(
                    "Console: seconds to verify (median, runs)",
                    runs(&a.console_verify_seconds),
                    goal(
                        &format!("< {VERIFY_GOAL_SECONDS} s"),
                        console < VERIFY_GOAL_SECONDS,
                    ),
                ),
            ],
        );
        let _ = writeln!(
            out,
            "\nThe lead view's filters over the cached trail (`Console::audit_trail`, a first \
             page of 200), ten runs each:\n\n| Filter | p50 ms | p95 ms |\n|---|--:|--:|"
        );
        for (label, p50, p95) in &a.filters {
            let _ = writeln!(out, "| {label} | {p50:.1} | {p95:.1} |");
        }
        let _ = writeln!(
            out,
            "| **every filter** | | **{:.1}** {} |",
            a.all_filters_p95_ms,
            goal(
                &format!("(< {FILTER_P95_GOAL_MS} ms)"),
                a.all_filters_p95_ms < FILTER_P95_GOAL_MS
            )
        );
    }
}
