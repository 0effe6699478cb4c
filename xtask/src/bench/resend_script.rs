//! The database alone for the resend part: a pgbench script built from the very statements a
//! resend to the account e-mail runs on PostgreSQL (`sportello_server::store::queries`), in
//! the server's order, one transaction per resend.
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
    AUDIT_APPEND, AUDIT_HEAD_LOCK, AUDIT_HEAD_SET, CHANGE_UPSERT, CUSTOMER_EMAIL, CUSTOMER_PHONES,
    CUSTOMER_RECIPIENTS, OUTBOX_INSERT, PASSWORD_HISTORY, PASSWORD_LOCK, PASSWORD_RECORD,
    PASSWORD_RESEND_COUNTERS, SESSION_AGENT, SHIPMENT_EVENTS, SHIPMENT_ORDER, SHIPMENT_PASSWORD,
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
    // The audit entry: the chain's lock, held to the commit, then the entry and the head.
    // SQL's sha256 stands in for the server's hash of the entry's encoding.
    add(bind(SHIPMENT_ORDER, &[id])?, Some("shipment_"));
    add(AUDIT_HEAD_LOCK.to_string(), Some("head_"));
    let hash = "encode(sha256(convert_to(:head_hash || :head_seq || :shipment_id, 'UTF8')), 'hex')";
    let audit = [
        ":head_seq",
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
        ":head_hash",
        hash,
    ];
    add(bind(AUDIT_APPEND, &audit)?, None);
    add(bind(AUDIT_HEAD_SET, &[hash])?, None);
    // The entry goes into the feed, about the size of the server's document.
    add(
        bind(
            CHANGE_UPSERT,
            &[
                "'audit'",
                ":head_seq",
                "false",
                "to_json(repeat('x', 600))::text",
            ],
        )?,
        None,
    );
    for render in [SHIPMENT_ROW, SHIPMENT_EVENTS, SHIPMENT_PASSWORD] {
        add(bind(render, &[id])?, None);
    }
    add(bind(PASSWORD_HISTORY, &[id, "5"])?, None);
    for contacts in [CUSTOMER_EMAIL, CUSTOMER_PHONES, CUSTOMER_RECIPIENTS] {
        add(bind(contacts, &[customer])?, None);
    }
    add(
        bind(CHANGE_UPSERT, &["'shipment'", id, "false", ":doc"])?,
        None,
    );
    out.push_str("COMMIT;\n");
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
        // Writers take no feed lock: their change waits, pending, for a reader to number it.
        assert!(!script.contains("pg_advisory_xact_lock"), "{script}");
        assert!(script.contains("INSERT INTO changes (kind, id, deleted, data)"));
        assert!(script.ends_with(";\nCOMMIT;\n"));
        assert!(script.contains(
            "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash \\gset head_\n"
        ));
        assert_eq!(script.matches(";\n").count(), 16, "{script}");
    }
}
