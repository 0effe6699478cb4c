//! The resend part (issue 5): keep-alive clients resend delivery passwords to the account
//! e-mail, each picked shipment exactly once (a shared index hands them out), with mail left in
//! the outbox; then pgbench runs the same statements on the same shipments.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use hyper::body::Bytes;
use sportello_protocol::{IdentityCheck, IdentityMethod, ResendRequest, API_PREFIX};

use super::api::{Body, Connection, CLIENTS};
use super::pgbench::PgbenchResult;
use super::shipments::{self, BenchShipment};
use super::stats::Latencies;

/// What the resend load measured.
pub struct ResendResult {
    /// Shipments a resend could touch when picking (at most [`shipments::WANTED`] +
    /// [`shipments::WARM_UP`] were asked for).
    pub eligible: usize,
    /// Shipments for the measured load, and for the warm-up before it.
    pub shipments: usize,
    pub warm_up: usize,
    /// Measured shipments handed to a request before the time ran out.
    pub used: usize,
    /// Measured requests answered 200.
    pub requests: u64,
    /// From the measured load's start to its last answer.
    pub seconds: f64,
    pub latencies: Latencies,
    /// Answers other than 200 or failed requests, warm-up included.
    pub errors: u64,
    pub first_error: Option<String>,
    /// Resends answered 200, warm-up included.
    pub resent: u64,
    /// `password_resend` outbox rows the load added.
    pub outbox: u64,
    /// The picked shipments' `password_resend` outbox rows already sent: none while the
    /// worker is paused.
    pub outbox_sent: u64,
}

impl ResendResult {
    pub fn requests_per_second(&self) -> f64 {
        self.requests as f64 / self.seconds
    }
}

/// Picks the shipments, runs the load on `runtime`, counts the outbox, then runs pgbench.
pub fn run(
    runtime: &tokio::runtime::Runtime,
    base: &str,
    token: &str,
    db_url: &str,
    duration: Duration,
    out_dir: &Path,
) -> Result<(ResendResult, PgbenchResult)> {
    let picked = shipments::pick(db_url)?;
    let plan = Arc::new(Plan::new(base, token)?);
    eprintln!(
        "bench: {CLIENTS} clients resending {} passwords ({} more to warm up), at most {} s",
        picked.measured.len(),
        picked.warm_up.len(),
        duration.as_secs()
    );
    let warm = runtime.block_on(load(&plan, &picked.warm_up, None))?;
    let measured = runtime.block_on(load(&plan, &picked.measured, Some(duration)))?;
    let (outbox, outbox_unsent) = shipments::outbox_rows(db_url)?;
    let result = ResendResult {
        eligible: picked.eligible,
        shipments: picked.measured.len(),
        warm_up: picked.warm_up.len(),
        used: measured.used,
        requests: measured.latencies.len() as u64,
        seconds: measured.seconds,
        errors: warm.errors + measured.errors,
        first_error: warm.first_error.or(measured.first_error),
        resent: (warm.latencies.len() + measured.latencies.len()) as u64,
        outbox: outbox - picked.outbox_before,
        outbox_sent: outbox - outbox_unsent,
        latencies: Latencies::new(measured.latencies),
    };
    let pgbench = super::resend_script::run(db_url, token, result.shipments, duration, out_dir)?;
    Ok((result, pgbench))
}

/// Where and how every request goes.
struct Plan {
    /// `HOST:PORT`.
    authority: String,
    auth: String,
}

impl Plan {
    fn new(base: &str, token: &str) -> Result<Plan> {
        Ok(Plan {
            authority: base
                .strip_prefix("http://")
                .with_context(|| format!("not an http:// address: {base}"))?
                .trim_end_matches('/')
                .to_string(),
            auth: format!("Bearer {token}"),
        })
    }
}

/// One shipment's request, built before the clock starts.
struct Resend {
    id: String,
    path: String,
    body: Bytes,
}

impl Resend {
    fn new(shipment: &BenchShipment) -> Result<Resend> {
        let body = ResendRequest {
            recipient: shipment.recipient.clone(),
            reason: "bench".into(),
            identity_check: IdentityCheck {
                method: IdentityMethod::SecurityQuestions,
                note: None,
            },
            ticket_id: None,
        };
        Ok(Resend {
            id: shipment.id.clone(),
            path: format!("{API_PREFIX}/shipments/{}/password/resend", shipment.id),
            body: serde_json::to_vec(&body)?.into(),
        })
    }
}

/// What one run over a list of shipments got, all clients together.
#[derive(Default)]
struct Outcome {
    latencies: Vec<Duration>,
    errors: u64,
    first_error: Option<String>,
    used: usize,
    seconds: f64,
}

/// The shipments of one run and the shared index that hands each to one request.
struct Queue {
    resends: Vec<Resend>,
    next: AtomicUsize,
    /// No request starts after this, if set.
    until: Option<Instant>,
}

/// One client's tally.
struct Tally {
    latencies: Vec<Duration>,
    errors: u64,
    first_error: Option<String>,
    last_answer: Instant,
}

/// [`CLIENTS`] clients resend each of `shipments` once, until all are used or `duration` (if
/// any) ends.
async fn load(
    plan: &Arc<Plan>,
    shipments: &[BenchShipment],
    duration: Option<Duration>,
) -> Result<Outcome> {
    if shipments.is_empty() {
        return Ok(Outcome::default());
    }
    let start = Instant::now();
    let queue = Arc::new(Queue {
        resends: shipments.iter().map(Resend::new).collect::<Result<_>>()?,
        next: AtomicUsize::new(0),
        until: duration.map(|d| start + d),
    });
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| tokio::spawn(run_client(plan.clone(), queue.clone(), start)))
        .collect();
    let mut all = Outcome::default();
    let mut end = start;
    for task in tasks {
        let tally = task.await.context("a resend client panicked")??;
        all.latencies.extend(tally.latencies);
        all.errors += tally.errors;
        all.first_error = all.first_error.or(tally.first_error);
        end = end.max(tally.last_answer);
    }
    all.used = queue.next.load(Ordering::Relaxed).min(queue.resends.len());
    all.seconds = (end - start).as_secs_f64();
    Ok(all)
}

async fn run_client(plan: Arc<Plan>, queue: Arc<Queue>, start: Instant) -> Result<Tally> {
    let mut connection = Connection::open(&plan.authority).await?;
    let mut tally = Tally {
        latencies: Vec::new(),
        errors: 0,
        first_error: None,
        last_answer: start,
    };
    loop {
        let started = Instant::now();
        if queue.until.is_some_and(|until| started >= until) {
            return Ok(tally);
        }
        let Some(resend) = queue
            .resends
            .get(queue.next.fetch_add(1, Ordering::Relaxed))
        else {
            return Ok(tally);
        };
        let outcome = send(&mut connection, &plan, resend).await;
        tally.last_answer = Instant::now();
        match outcome {
            Ok(()) => tally.latencies.push(tally.last_answer - started),
            Err(e) => {
                tally.errors += 1;
                tally.first_error.get_or_insert(e);
                // Start over on a fresh connection: the old one may be gone.
                connection = Connection::open(&plan.authority).await?;
            }
        }
    }
}

/// One resend; an error unless answered 200.
async fn send(connection: &mut Connection, plan: &Plan, resend: &Resend) -> Result<(), String> {
    let what = || format!("POST resend {}", resend.id);
    let request = hyper::Request::post(&resend.path)
        .header(hyper::header::HOST, &plan.authority)
        .header(hyper::header::AUTHORIZATION, &plan.auth)
        .header(hyper::header::CONTENT_TYPE, "application/json")
        .body(Body::new(resend.body.clone()))
        .map_err(|e| format!("{}: {e}", what()))?;
    connection.send(request, what).await
}
