//! The customer's "Track my parcel" page (issue 17): [`CLIENTS`] keep-alive clients fetch
//! `GET /customer/orders/{id}` with customers' sessions for a fixed time, then `pgbench` runs
//! the statements the page runs (read from `sportello_server::store::queries`, so the script
//! cannot drift from the server) with the same concurrency, in the same run.
//!
//! The orders: [`ORDERS`] seeded orders with exactly one shipment that has a delivery
//! password (the page's usual case: the code can be read back), each with a session of its
//! customer made in the database (token `bench-parcel-N`, kept hashed as the server keeps
//! them), numbered in `bench_parcels`. pgbench's transaction also reads which order `N` is
//! (one primary-key lookup the server does not make).

use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rand::Rng;
use sportello_server::store::queries::{
    CUSTOMER_RECIPIENTS, CUSTOMER_SESSION, ORDER_ITEMS, ORDER_ROW, ORDER_SHIPMENT_ROWS,
    SHIPMENT_EVENTS,
};

use super::api::{ApiResult, Body, CLIENTS};
use super::pgbench::{bind, run_timed, write_script, PgbenchResult};
use super::postgres::{psql_lines, psql_script};

/// Orders the clients fetch, at random.
pub const ORDERS: usize = 1000;

/// The session token of order number `n`'s customer.
fn token(n: usize) -> String {
    format!("bench-parcel-{n}")
}

/// Picks the orders and makes their customers' sessions; how many there are.
pub fn prepare(db_url: &str) -> Result<Vec<String>> {
    let sql = format!(
        "DROP TABLE IF EXISTS bench_parcels;
         CREATE TABLE bench_parcels (
             n           integer PRIMARY KEY,
             order_id    text NOT NULL,
             shipment_id text NOT NULL,
             customer_id text NOT NULL
         );
         INSERT INTO bench_parcels (n, order_id, shipment_id, customer_id)
         SELECT row_number() OVER (ORDER BY md5(o.id)), o.id, min(s.id), o.customer_id
           FROM orders o JOIN shipments s ON s.order_id = o.id
          GROUP BY o.id, o.customer_id
         HAVING count(*) = 1
            AND EXISTS (SELECT 1 FROM delivery_passwords p WHERE p.shipment_id = min(s.id))
          ORDER BY md5(o.id) LIMIT {ORDERS};
         INSERT INTO customer_sessions (token_hash, customer_id, created_at, expires_at)
         SELECT sha256(convert_to('bench-parcel-' || n, 'UTF8')), customer_id, now(),
                now() + interval '1 day'
           FROM bench_parcels;
         SELECT order_id FROM bench_parcels ORDER BY n;"
    );
    let orders = psql_lines(db_url, &sql)?;
    if orders.len() < CLIENTS {
        bail!(
            "only {} one-shipment orders with a password to track",
            orders.len()
        );
    }
    Ok(orders)
}

/// The pgbench transaction for order number `:n`: which order it is, then the page's
/// statements in the server's order. `psql` quotes the variables it substitutes (`:'o'`);
/// pgbench passes them as parameters (`:o`).
pub fn transaction_sql(psql: bool) -> Result<String> {
    let session = "sha256(convert_to('bench-parcel-' || :n, 'UTF8'))";
    let statements = [
        "SELECT order_id AS o, shipment_id AS sh, customer_id AS c FROM bench_parcels WHERE n = :n \\gset".to_string(),
        bind(CUSTOMER_SESSION, &[session, "now()"])? + ";",
        bind(ORDER_ROW, &[":'o'"])? + ";",
        bind(ORDER_ITEMS, &[":'o'"])? + ";",
        bind(ORDER_SHIPMENT_ROWS, &[":'o'"])? + ";",
        bind(CUSTOMER_RECIPIENTS, &[":'c'"])? + ";",
        bind(SHIPMENT_EVENTS, &[":'sh'"])? + ";",
    ];
    let sql = statements.join("\n") + "\n";
    Ok(if psql {
        sql
    } else {
        sql.replace(":'o'", ":o")
            .replace(":'sh'", ":sh")
            .replace(":'c'", ":c")
    })
}

/// Runs the clients, then pgbench, for `duration` each.
pub fn run(
    runtime: &tokio::runtime::Runtime,
    base: &str,
    db_url: &str,
    duration: Duration,
    out_dir: &Path,
) -> Result<(ApiResult, PgbenchResult)> {
    let orders = prepare(db_url)?;
    let host = super::api::authority(base)?;
    let count = orders.len();
    let first = orders[0].clone();
    let requests = move |rng: &mut rand::rngs::StdRng| {
        let n = rng.gen_range(1..=count);
        let order = &orders[n - 1];
        let request = hyper::Request::get(format!("/customer/orders/{order}"))
            .header(hyper::header::HOST, &host)
            .header(
                hyper::header::COOKIE,
                format!("sportello_customer={}", token(n)),
            )
            .body(Body::default())
            .map_err(|e| format!("GET order {order}: {e}"))?;
        Ok((request, format!("GET /customer/orders/{order}")))
    };
    eprintln!(
        "bench: {CLIENTS} clients on GET /customer/orders/{{id}} ({count} orders) for {} s",
        duration.as_secs()
    );
    let api = runtime.block_on(super::api::load_with(base, duration, Box::new(requests)))?;
    // Once through psql first: the session and the order must be found.
    let out = psql_script(db_url, &transaction_sql(true)?, &[("n", "1".into())])
        .context("the page's statements fail in psql")?;
    if !out.contains(&first) || !out.contains('@') {
        bail!("the page's statements do not find order {first} and its customer: {out}");
    }
    let script = format!("\\set n random(1, {count})\n{}", transaction_sql(false)?);
    let path = write_script(out_dir, "pgbench-parcel.sql", &script)?;
    let pg = run_timed(db_url, &path, duration)?;
    Ok((api, pg))
}
