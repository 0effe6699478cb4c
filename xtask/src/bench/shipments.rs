//! The resend part's shipments: picked from the seeded PostgreSQL database among those a
//! resend may touch (docs/product.md §3), their send counters reset, and kept in a `bench_shipments`
//! table from which the pgbench script takes its ids; afterwards, the outbox rows they got.

use anyhow::{bail, Context, Result};

use super::postgres::psql;

/// Shipments resent while measuring, each once (issue 5's benchmark).
pub const WANTED: usize = 10_000;
/// Further shipments resent before measuring, so the server's connections are open and its
/// statements prepared; at most a tenth of what the seed offers.
pub const WARM_UP: usize = 320;

/// One shipment to resend.
pub struct BenchShipment {
    pub id: String,
    /// The id of its account e-mail contact: `E-` and the order's customer id.
    pub recipient: String,
}

/// The shipments picked: `measured` first (numbered `1..=measured.len()` in
/// `bench_shipments`), then `warm_up`.
pub struct Picked {
    pub measured: Vec<BenchShipment>,
    pub warm_up: Vec<BenchShipment>,
    /// How many shipments a resend could touch when picking (at most `WANTED + WARM_UP`
    /// were asked for).
    pub eligible: usize,
    /// `password_resend` outbox rows these shipments had before the load.
    pub outbox_before: u64,
}

/// Picks up to [`WANTED`] + [`WARM_UP`] shipments with an active, unexpired password whose
/// shipment is neither delivered nor returned, in a fixed pseudo-random order (by the hash of
/// their id, so they spread over the seed), stores them with their current feed document and
/// masked account e-mail in `bench_shipments`, and resets their send counters.
pub fn pick(db_url: &str) -> Result<Picked> {
    let limit = WANTED + WARM_UP;
    let sql = format!(
        "DROP TABLE IF EXISTS bench_shipments;
         CREATE TABLE bench_shipments (
             n           integer PRIMARY KEY,
             id          text NOT NULL UNIQUE,
             recipient   text NOT NULL,
             customer_id text NOT NULL,
             destination text NOT NULL,
             doc         text NOT NULL
         );
         INSERT INTO bench_shipments (n, id, recipient, customer_id, destination, doc)
         SELECT row_number() OVER (ORDER BY md5(s.id)), s.id, 'E-' || o.customer_id,
                o.customer_id,
                left(c.email, 1) || '•••@' || split_part(c.email, '@', 2), ch.data
           FROM delivery_passwords p
           JOIN shipments s ON s.id = p.shipment_id
           JOIN orders o ON o.id = s.order_id
           JOIN customers c ON c.id = o.customer_id
           JOIN changes ch ON ch.kind = 'shipment' AND ch.id = s.id
          WHERE p.state = 'active' AND p.expires_at > now()
            AND s.status NOT IN ('delivered', 'returned')
          ORDER BY md5(s.id)
          LIMIT {limit};
         UPDATE delivery_passwords SET sends_today = 0, last_sent_at = NULL
          WHERE shipment_id = ANY(ARRAY(SELECT id FROM bench_shipments));
         ANALYZE bench_shipments;
         SELECT id, recipient FROM bench_shipments ORDER BY n;"
    );
    let out = psql(db_url, &sql).context("cannot pick the shipments to resend")?;
    let mut all = Vec::new();
    for line in out.lines().filter(|l| !l.is_empty()) {
        let Some((id, recipient)) = line.split_once('|') else {
            bail!("unexpected shipment row {line:?}");
        };
        all.push(BenchShipment {
            id: id.into(),
            recipient: recipient.into(),
        });
    }
    let eligible = all.len();
    if eligible == 0 {
        bail!(
            "no shipment has an active, unexpired password: the seed is built around {} and \
             its passwords expire at the end of their delivery day",
            super::seed::today()
        );
    }
    let warm_up = WARM_UP.min(eligible / 10);
    let measured = WANTED.min(eligible - warm_up);
    let warm: Vec<_> = all.drain(measured..measured + warm_up).collect();
    all.truncate(measured);
    Ok(Picked {
        measured: all,
        warm_up: warm,
        eligible,
        outbox_before: outbox_rows(db_url)?.0,
    })
}

/// The `password_resend` outbox rows of the picked shipments: all, and those not sent yet.
pub fn outbox_rows(db_url: &str) -> Result<(u64, u64)> {
    let out = psql(
        db_url,
        "SELECT count(*), count(*) FILTER (WHERE sent_at IS NULL) FROM mail_outbox
          WHERE kind = 'password_resend' AND shipment_id IN (SELECT id FROM bench_shipments)",
    )?;
    let parsed = out
        .trim()
        .split_once('|')
        .and_then(|(all, unsent)| Some((all.parse().ok()?, unsent.parse().ok()?)));
    parsed.with_context(|| format!("unexpected outbox count {out:?}"))
}
