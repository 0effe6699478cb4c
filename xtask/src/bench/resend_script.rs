//! The database alone for the resend part: a pgbench script built from the very statements a
//! resend to the account e-mail runs on PostgreSQL (`sportello_server::store::queries`), in
//! the server's order: the resend's transaction, then the chaining of its audit entry.
//!
//! Each transaction takes a random shipment number `:n` among the measured ones and reads that
//! shipment from `bench_shipments` into variables (its id, customer, account contact, masked
//! e-mail and current feed document); the session and password rows are read into variables
//! with `\gset` too, so later statements get the values the server would pass. With
//! `-M prepared` every variable travels as a bound parameter, as the server's do.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use sportello_server::store::queries::{
    AUDIT_ANY_PENDING, AUDIT_HEAD, AUDIT_LOCK, AUDIT_PENDING_INSERT, AUDIT_PENDING_TAKE,
    CHANGE_UPSERT, CUSTOMER_RECIPIENTS, OUTBOX_INSERT, PASSWORD_HISTORY, PASSWORD_LOCK,
    PASSWORD_RECORD, PASSWORD_RESEND_COUNTERS, SESSION_AGENT, SHIPMENT_EVENTS, SHIPMENT_ORDER,
    SHIPMENT_ROW,
};

use super::pgbench::{bind, pgbench, run_timed, token_hash, write_script, PgbenchResult};

/// The pgbench script: one resend of a random shipment among `shipments` (numbered from 1 in
/// `bench_shipments`) by the agent signed in with `token`.
pub fn script(token: &str, shipments: usize) -> Result<String> {
    let id = ":shipment_id";
    let customer = ":customer_id";
    let now = "now()";
    let mut out = format!(
        "\\set n random(1, {shipments})\n\
         SELECT id AS shipment_id, recipient, customer_id, destination, doc\n  \
         FROM bench_shipments WHERE n = :n \\gset\n\
         BEGIN;\n"
    );
    let mut add = |sql: String, gset: Option<&str>| {
        out.push_str(&sql);
        match gset {
            Some(prefix) => out.push_str(&format!(" \\gset {prefix}\n")),
            None => out.push_str(";\n"),
        }
    };
    add(bind(SESSION_AGENT, &[&token_hash(token)])?, Some("agent_"));
    add(bind(PASSWORD_LOCK, &[id])?, None);
    add(bind(PASSWORD_RECORD, &[id])?, Some("record_"));
    let today = "(now() AT TIME ZONE 'UTC')::date";
    let sends = ":record_sends_today + 1";
    let regenerations = ":record_regenerations_today";
    add(
        bind(
            PASSWORD_RESEND_COUNTERS,
            &[id, today, sends, regenerations, now],
        )?,
        None,
    );
    let generation = ":record_generation";
    let kind = "'password_resend'";
    add(
        bind(OUTBOX_INSERT, &[now, kind, id, generation, ":recipient"])?,
        None,
    );
    // The audit entry, written to wait for the chain: no lock.
    add(bind(SHIPMENT_ORDER, &[id])?, Some("shipment_"));
    let audit = [
        now,
        ":agent_id",
        ":agent_username",
        ":agent_name",
        ":agent_role",
        "'resend'",
        "'done'",
        "NULL",
        id,
        ":shipment_order_id",
        "NULL",
        generation,
        "'bench'",
        "'security_questions'",
        "'email'",
        ":destination",
    ];
    add(bind(AUDIT_PENDING_INSERT, &audit)?, None);
    for render in [SHIPMENT_ROW, SHIPMENT_EVENTS] {
        add(bind(render, &[id])?, None);
    }
    add(bind(CUSTOMER_RECIPIENTS, &[customer])?, None);
    add(bind(PASSWORD_HISTORY, &[id, "5"])?, None);
    add(
        bind(CHANGE_UPSERT, &["'shipment'", id, "false", ":doc"])?,
        None,
    );
    out.push_str("COMMIT;\n");
    // Then the chain. The server's concurrent resends share a round of chaining (one
    // transaction for all the entries committed before it began); pgbench cannot wait for
    // another client's round, so a client chains when it wins the chain's lock at once and
    // leaves its entry to the next round otherwise. A round: under the advisory lock the
    // head, the waiting entries taken out, and for them the chained rows, their feed changes
    // and the head's move. The server takes the entries out with `AUDIT_PENDING_TAKE` and
    // writes the chained rows, their notification, their feed changes and the head's move in
    // one statement each; here `AUDIT_PENDING_TAKE` feeds one statement that does the rest and
    // reads nothing back (SQL's sha256 stands in for the server's hash of an entry's
    // encoding), which only flatters pgbench.
    out.push_str(&format!("{AUDIT_ANY_PENDING};\nBEGIN;\n"));
    out.push_str(&format!(
        "SELECT pg_try_advisory_xact_lock({AUDIT_LOCK})::int AS won \\gset chain_\n\\if :chain_won\n"
    ));
    out.push_str(&format!("{AUDIT_HEAD} \\gset head_\n"));
    out.push_str(&format!(
        "WITH taken AS ({}),\n  \
         waiting AS (SELECT t.*, :head_seq + row_number() OVER (ORDER BY id) AS seq FROM taken t),\n  \
         chained AS (INSERT INTO audit_chain (seq, at, actor_id, actor_username, actor_name,\n      \
               actor_role, action, outcome, problem, shipment_id, order_id, ticket_id, generation,\n      \
               reason, identity_check, channel, destination, prev_hash, hash)\n    \
             SELECT w.seq, w.at, w.actor_id, w.actor_username, w.actor_name, w.actor_role,\n      \
               w.action, w.outcome, w.problem, w.shipment_id, w.order_id, w.ticket_id,\n      \
               w.generation, w.reason, w.identity_check, w.channel, w.destination,\n      \
               CAST(:head_hash AS text),\n      \
               encode(sha256(convert_to(CAST(:head_hash AS text) || w.seq || w.shipment_id, 'UTF8')), 'hex')\n    \
             FROM waiting w RETURNING seq),\n  \
         fed AS (INSERT INTO changes (kind, id, deleted, data)\n    \
             SELECT 'audit', seq::text, false, to_json(repeat('x', 600))::text FROM chained\n    \
             ON CONFLICT (kind, id) DO UPDATE SET cursor = NULL, pending = excluded.pending,\n      \
               deleted = excluded.deleted, data = excluded.data RETURNING 1)\n\
         UPDATE audit_head SET seq = COALESCE((SELECT max(seq) FROM chained), seq),\n  \
           hash = md5(random()::text) || md5(random()::text) WHERE id = 1;\n\
         \\endif\n\
         COMMIT;\n",
        bind(AUDIT_PENDING_TAKE, &["500"])?
    ));
    Ok(out)
}

/// Writes the script to `dir`, runs it once with one client (it fails if the session, the
/// shipment or its password is missing: `\gset` wants exactly one row), then for `duration`.
pub fn run(
    db_url: &str,
    token: &str,
    shipments: usize,
    duration: Duration,
    dir: &Path,
) -> Result<PgbenchResult> {
    let path = write_script(dir, "pgbench-resend.sql", &script(token, shipments)?)?;
    pgbench(db_url, &path, &["-c", "1", "-t", "1"])
        .context("the resend statements fail in pgbench")?;
    run_timed(db_url, &path, duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_binds_the_server_statements() {
        let script = script("token", 10_000).unwrap();
        assert!(script.starts_with("\\set n random(1, 10000)\n"));
        assert!(!script.contains('$'), "{script}");
        assert!(script.contains("\\gset agent_\n"));
        assert!(script.contains("WHERE p.shipment_id = (:shipment_id) \\gset record_\n"));
        // Writers take no feed lock: their change waits, pending, for a reader to number it;
        // the audit entry waits too, and the chain's advisory lock is taken only to chain it.
        assert!(!script.contains("pg_advisory_xact_lock("), "{script}");
        assert_eq!(
            script.matches("pg_try_advisory_xact_lock(").count(),
            1,
            "{script}"
        );
        assert!(script.contains("INSERT INTO changes (kind, id, deleted, data)"));
        assert!(script.contains("INSERT INTO audit_pending"));
        assert!(script.ends_with(";\n\\endif\nCOMMIT;\n"));
        assert!(script.contains("SELECT seq, hash FROM audit_head WHERE id = 1 \\gset head_\n"));
        assert!(script.contains("WITH taken AS (DELETE FROM audit_pending"));
        assert_eq!(script.matches(";\n").count(), 15, "{script}");
    }
}
