//! The API part: keep-alive clients fetch random tickets for a fixed time; every answer must be
//! a 200 and every latency is kept.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use rand::{rngs::StdRng, Rng, SeedableRng};
use sportello_protocol::{LoginRequest, LoginResponse, API_PREFIX};

use super::stats::Latencies;

/// Concurrent clients, each with one keep-alive connection.
pub const CLIENTS: usize = 32;
/// Load before measuring starts, not counted.
pub const WARM_UP: Duration = Duration::from_secs(2);
/// The seeded tickets' ids are `T-` and the seven-digit `t + FIRST_TICKET`, `t` in `0..N`.
pub const FIRST_TICKET: u32 = 100_001;

/// The seeded agent the bench signs in as.
const USERNAME: &str = "alice";
const PASSWORD: &str = "alice-demo";

/// The id of the seeded ticket number `t`.
pub fn ticket_id(t: u32) -> String {
    format!("T-{:07}", t + FIRST_TICKET)
}

/// A client with at most one idle connection kept alive, speaking HTTP/1.1.
pub fn client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .http1_only()
        .pool_max_idle_per_host(1)
        .build()
        .context("cannot build an HTTP client")
}

/// Signs in as the seeded agent and returns the bearer token.
pub async fn login(base: &str) -> Result<String> {
    let request = LoginRequest {
        username: USERNAME.into(),
        password: PASSWORD.into(),
    };
    let response = client()?
        .post(format!("{base}{API_PREFIX}/auth/login"))
        .json(&request)
        .send()
        .await
        .context("cannot reach the server to sign in")?;
    let status = response.status();
    if !status.is_success() {
        let body = response.text().await.unwrap_or_default();
        bail!("signing in as {USERNAME} answered {status}: {body}");
    }
    let answer: LoginResponse = response.json().await.context("unexpected sign-in answer")?;
    Ok(answer.token)
}

/// What the load measured.
pub struct ApiResult {
    /// Successful requests started within the measured window.
    pub requests: u64,
    pub seconds: f64,
    pub latencies: Latencies,
    /// Answers other than 200 or failed requests, warm-up included.
    pub errors: u64,
    /// The first error, to tell what went wrong.
    pub first_error: Option<String>,
}

impl ApiResult {
    pub fn requests_per_second(&self) -> f64 {
        self.requests as f64 / self.seconds
    }
}

/// One client's tally.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: u64,
    first_error: Option<String>,
}

/// Makes each request of a load: the `GET` (or other) to send next, drawn with the client's
/// random numbers, and what to call it in an error.
pub type Requests =
    dyn Fn(&mut StdRng) -> Result<(hyper::Request<Body>, String), String> + Send + Sync;

struct Plan {
    /// `HOST:PORT`.
    authority: String,
    requests: Box<Requests>,
    measure_from: Instant,
    until: Instant,
}

/// `HOST:PORT` of an `http://` base URL.
pub fn authority(base: &str) -> Result<String> {
    Ok(base
        .strip_prefix("http://")
        .with_context(|| format!("not an http:// address: {base}"))?
        .trim_end_matches('/')
        .to_string())
}

/// Runs [`CLIENTS`] clients fetching random tickets for the warm-up plus `duration`.
pub async fn load(base: &str, token: &str, tickets: u32, duration: Duration) -> Result<ApiResult> {
    let host = authority(base)?;
    let auth = format!("Bearer {token}");
    let requests = move |rng: &mut StdRng| {
        let id = ticket_id(rng.gen_range(0..tickets));
        let request = hyper::Request::get(format!("{API_PREFIX}/tickets/{id}"))
            .header(hyper::header::HOST, &host)
            .header(hyper::header::AUTHORIZATION, &auth)
            .body(Body::default())
            .map_err(|e| format!("GET {id}: {e}"))?;
        Ok((request, format!("GET {id}")))
    };
    eprintln!(
        "bench: {CLIENTS} clients on GET /tickets/{{id}} for {} s + {} s warm-up",
        duration.as_secs(),
        WARM_UP.as_secs()
    );
    load_with(base, duration, Box::new(requests)).await
}

/// Runs [`CLIENTS`] keep-alive clients sending what `requests` makes, each answer to be a 200
/// with a body, for the warm-up plus `duration`.
pub async fn load_with(
    base: &str,
    duration: Duration,
    requests: Box<Requests>,
) -> Result<ApiResult> {
    let start = Instant::now();
    let plan = Arc::new(Plan {
        authority: authority(base)?,
        requests,
        measure_from: start + WARM_UP,
        until: start + WARM_UP + duration,
    });
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|i| tokio::spawn(run_client(plan.clone(), i as u64)))
        .collect();
    let mut all = Tally::default();
    for task in tasks {
        let tally = task.await.context("a load client panicked")??;
        all.latencies.extend(tally.latencies);
        all.errors += tally.errors;
        all.first_error = all.first_error.or(tally.first_error);
    }
    Ok(ApiResult {
        requests: all.latencies.len() as u64,
        seconds: duration.as_secs_f64(),
        latencies: Latencies::new(all.latencies),
        errors: all.errors,
        first_error: all.first_error,
    })
}

async fn run_client(plan: Arc<Plan>, seed: u64) -> Result<Tally> {
    let mut connection = Connection::open(&plan.authority).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut tally = Tally::default();
    loop {
        let started = Instant::now();
        if started >= plan.until {
            return Ok(tally);
        }
        let outcome = match (plan.requests)(&mut rng) {
            Ok((request, what)) => connection.send(request, || what.clone()).await,
            Err(e) => Err(e),
        };
        let elapsed = started.elapsed();
        match outcome {
            Ok(()) if started >= plan.measure_from => tally.latencies.push(elapsed),
            Ok(()) => {}
            Err(e) => {
                tally.errors += 1;
                tally.first_error.get_or_insert(e);
                // Start over on a fresh connection: the old one may be gone.
                connection = Connection::open(&plan.authority).await?;
            }
        }
    }
}

/// A request body the load generator sends: none for a `GET`, bytes for a `POST`.
pub type Body = http_body_util::Full<hyper::body::Bytes>;

/// One keep-alive HTTP/1.1 connection of one client.
pub struct Connection {
    sender: hyper::client::conn::http1::SendRequest<Body>,
}

impl Connection {
    pub async fn open(authority: &str) -> Result<Connection> {
        let stream = tokio::net::TcpStream::connect(authority)
            .await
            .with_context(|| format!("cannot connect to {authority}"))?;
        stream.set_nodelay(true)?;
        let (sender, connection) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .context("HTTP/1.1 handshake")?;
        tokio::spawn(connection);
        Ok(Connection { sender })
    }

    /// Sends `request` and reads the answer's body whole; an error unless the answer is a 200
    /// with a body. `what` names the request in errors (built only then).
    pub async fn send(
        &mut self,
        request: hyper::Request<Body>,
        what: impl Fn() -> String,
    ) -> Result<(), String> {
        use http_body_util::BodyExt;
        let response = self
            .sender
            .send_request(request)
            .await
            .map_err(|e| format!("{}: {e}", what()))?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("{}: {e}", what()))?
            .to_bytes();
        if status != hyper::StatusCode::OK || body.is_empty() {
            return Err(format!(
                "{}: {status} {}",
                what(),
                String::from_utf8_lossy(&body)
            ));
        }
        Ok(())
    }
}
