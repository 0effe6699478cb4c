//! The resend part's table: the API's rate and latencies beside pgbench on the same
//! statements, and the outbox checked against the resends.

use std::fmt::Write;

use super::{goal, pgbench_rows, row, table, thousands, Report, CLIENTS};
use crate::bench::shipments::WANTED;

/// The 99th percentile of a resend's latency, in milliseconds (issue 5).
pub const P99_GOAL_MS: f64 = 50.0;

impl Report {
    pub(super) fn resend_table(&self, out: &mut String) {
        let Some(resend) = &self.resend else { return };
        let seconds = self.duration.as_secs();
        let _ = writeln!(
            out,
            "\n### Resend: `POST /api/v1/shipments/{{id}}/password/resend`\n\n\
             {CLIENTS} keep-alive HTTP/1.1 clients resend delivery passwords to the account \
             e-mail, each of {} shipments once (a shared index hands them out; their send \
             counters were reset first), after {} other shipments warmed the server up; the \
             load ends when all are used or after {seconds} s. The server has no mail \
             transport: mail stays in the outbox, its worker paused. pgbench runs the \
             server's own statements (`store::queries`, from the session lookup to the feed \
             upsert, one transaction per resend) on random shipments among the same ones: \
             `pgbench -n -M prepared -c {CLIENTS} -j 2 -T {seconds} -f pgbench-resend.sql`.\n",
            thousands(resend.shipments as f64),
            thousands(resend.warm_up as f64),
        );
        if resend.shipments < WANTED {
            let _ = writeln!(
                out,
                "Only {} shipments of this {}-ticket seed have an active, unexpired password \
                 and are neither delivered nor returned: {} are measured instead of {}.\n",
                thousands(resend.eligible as f64),
                thousands(f64::from(self.tickets)),
                thousands(resend.shipments as f64),
                thousands(WANTED as f64),
            );
        }
        let p99 = resend.latencies.percentile_ms(99.0);
        let mut rows = vec![
            row(
                "Shipments handed out before the time ran out",
                format!(
                    "{} of {}",
                    thousands(resend.used as f64),
                    thousands(resend.shipments as f64)
                ),
                goal(&thousands(WANTED as f64), resend.used == WANTED),
            ),
            row(
                "Resends answered 200 (measured)",
                thousands(resend.requests as f64),
                "—".into(),
            ),
            row(
                "Seconds (to the last answer)",
                format!("{:.2}", resend.seconds),
                "—".into(),
            ),
            row(
                "Requests/s",
                thousands(resend.requests_per_second()),
                "—".into(),
            ),
            row(
                "p50 latency",
                format!("{:.2} ms", resend.latencies.percentile_ms(50.0)),
                "—".into(),
            ),
            row(
                "p99 latency",
                format!("{p99:.2} ms"),
                goal(&format!("< {P99_GOAL_MS:.0} ms"), p99 < P99_GOAL_MS),
            ),
            row(
                "Errors (not 200, warm-up included)",
                thousands(resend.errors as f64),
                goal("0", resend.errors == 0),
            ),
            row(
                "Outbox rows added (warm-up included)",
                format!(
                    "{}, {} sent",
                    thousands(resend.outbox as f64),
                    thousands(resend.outbox_sent as f64)
                ),
                goal(
                    &format!(
                        "= {} resends answered 200, none sent",
                        thousands(resend.resent as f64)
                    ),
                    resend.outbox == resend.resent && resend.outbox_sent == 0,
                ),
            ),
        ];
        if let Some(pg) = &self.resend_pgbench {
            rows.extend(pgbench_rows(pg, resend.requests_per_second()));
        }
        table(out, &rows);
        if let Some(e) = &resend.first_error {
            let _ = writeln!(out, "\nFirst error: `{e}`");
        }
    }
}
