//! The command line (docs/product.md §9): `migrate`, `seed`, `serve`, `demo`, `event`,
//! `agent` (in [`agent`]).

mod agent;
mod audit;
mod serve;

use serve::Serving;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{
    HumanCount, HumanDuration, HumanFloatCount, ProgressBar, ProgressDrawTarget, ProgressStyle,
};

use crate::clock::Clock;
use crate::secrets::Keys;
use crate::seed::{SeedOptions, DEMO_AGENTS};
use crate::store::{self, Store};

#[derive(Parser)]
#[command(
    name = "sportello-server",
    version,
    about = "The Sportello support console's server"
)]
struct Cli {
    /// Log format on stderr.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Human)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Create or upgrade the store's schema.
    Migrate(StoreArg),
    /// Fill an empty store with realistic, deterministic demo data.
    Seed(SeedArgs),
    /// Run the HTTP API. Prints `listening on http://HOST:PORT` as its first line.
    Serve(ServeArgs),
    /// Seed a local SQLite store if it is empty, then serve it on 127.0.0.1:8088.
    Demo(DemoArgs),
    /// Append a tracking event to a shipment, as the carrier feed would: `shipped` issues the
    /// delivery password where the order is at or over the threshold, `delivered` and
    /// `returned` retire it.
    Event(EventArgs),
    /// Manage accounts: `add`, `passwd`, `disable`, `list`. Passwords come from standard input.
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    /// The audit trail: `verify` the chain (exit status 0 only when intact), `export` it.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
}

#[derive(Args)]
struct EventArgs {
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    threshold: ThresholdArg,
    #[command(flatten)]
    keys: KeysArg,
    /// The shipment, e.g. `S-00000042`.
    shipment_id: String,
    /// `label_created`, `shipped`, `in_transit`, `out_for_delivery`, `delivery_attempted`,
    /// `delivered` or `returned`.
    kind: String,
    /// When it happened (RFC 3339). Default: now.
    #[arg(long)]
    at: Option<chrono::DateTime<chrono::Utc>>,
    /// Where it happened.
    #[arg(long)]
    location: Option<String>,
}

#[derive(Args)]
pub(crate) struct StoreArg {
    /// `sqlite://PATH` (created if missing) or `postgres://…`.
    #[arg(long, env = "SPORTELLO_STORE")]
    pub(crate) store: String,
}

#[derive(Args)]
pub(crate) struct KeysArg {
    /// The delivery-password keys file (JSON: key id → HMAC and AEAD keys). Default: beside a
    /// SQLite store as `PATH.keys.json`, else `sportello-keys.json`. `seed` and `demo` create
    /// one with fresh random keys when it does not exist.
    #[arg(long, env = "SPORTELLO_KEYS_FILE")]
    pub(crate) keys_file: Option<PathBuf>,
}

#[derive(Args)]
struct SeedArgs {
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    keys: KeysArg,
    /// How many tickets to create.
    #[arg(long, default_value_t = 2000)]
    tickets: u32,
    /// The random seed: the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The day the data is built around (deliveries due that day), `YYYY-MM-DD`. Default: today (UTC).
    #[arg(long)]
    today: Option<chrono::NaiveDate>,
}

#[derive(Args)]
struct MailArgs {
    /// Send mail over SMTP: `smtp://HOST:PORT` (plain, for a local relay),
    /// `smtp://USER:PASS@HOST:587?tls=required` (STARTTLS) or `smtps://USER:PASS@HOST:465`.
    #[arg(long, env = "SPORTELLO_SMTP", conflicts_with = "mail_dir")]
    smtp: Option<String>,
    /// Write each outgoing mail as an RFC 5322 `.eml` file in this directory instead.
    #[arg(long, env = "SPORTELLO_MAIL_DIR")]
    mail_dir: Option<PathBuf>,
    /// The sender of outgoing mail.
    #[arg(long, default_value = "Sportello <no-reply@sportello.example>")]
    mail_from: String,
}

impl MailArgs {
    /// The mail worker's transport and settings; `None` when mail stays in the outbox.
    fn worker(&self) -> anyhow::Result<Option<(crate::mail::Transport, crate::mail::Settings)>> {
        let transport = match (&self.smtp, &self.mail_dir) {
            (Some(url), _) => crate::mail::Transport::smtp(url)?,
            (None, Some(dir)) => crate::mail::Transport::dir(dir.clone())?,
            (None, None) => return Ok(None),
        };
        let settings = crate::mail::Settings {
            from: self
                .mail_from
                .parse()
                .with_context(|| format!("--mail-from {:?} is not a mailbox", self.mail_from))?,
            ..Default::default()
        };
        Ok(Some((transport, settings)))
    }
}

#[derive(Args)]
struct ThresholdArg {
    /// Orders at or over this total, in their own currency, ship with a delivery password.
    #[arg(long, default_value = "250.00", value_parser = parse_amount)]
    secure_threshold: i64,
}

/// `"250.00"` → 25000 cents.
fn parse_amount(text: &str) -> Result<i64, String> {
    let bad = || format!("{text:?} is not an amount like 250.00");
    let (units, cents) = text.trim().split_once('.').unwrap_or((text.trim(), "00"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(units) || !digits(cents) || cents.len() > 2 {
        return Err(bad());
    }
    let cents: i64 = format!("{cents:0<2}").parse().map_err(|_| bad())?;
    units
        .parse::<i64>()
        .ok()
        .and_then(|u| u.checked_mul(100))
        .and_then(|u| u.checked_add(cents))
        .ok_or_else(bad)
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    threshold: ThresholdArg,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    keys: KeysArg,
    #[command(flatten)]
    mail: MailArgs,
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:8088", env = "SPORTELLO_LISTEN")]
    listen: SocketAddr,
    /// Serve a store that still holds the demo accounts with their published passwords
    /// (rule 6.1). Without it, such a store is refused.
    #[arg(long)]
    demo: bool,
    /// Serve HTTPS with this PEM certificate chain (with `--tls-key`).
    #[arg(long, requires = "tls_key", env = "SPORTELLO_TLS_CERT")]
    tls_cert: Option<PathBuf>,
    /// The PEM private key of `--tls-cert`; readable by its owner only.
    #[arg(long, requires = "tls_cert", env = "SPORTELLO_TLS_KEY")]
    tls_key: Option<PathBuf>,
    /// Where customers reach this server, e.g. `https://shop.example` behind a proxy: the
    /// customer page's sign-in links point there. Default: the address it listens on.
    #[arg(long, env = "SPORTELLO_PUBLIC_URL")]
    public_url: Option<String>,
}

#[derive(Args)]
struct DemoArgs {
    /// The demo store.
    #[arg(long, default_value = "sqlite://demo/sportello.sqlite")]
    store: String,
    #[command(flatten)]
    keys: KeysArg,
    /// Where the demo's mail lands, one `.eml` file each.
    #[arg(long, default_value = "demo/mail")]
    mail_dir: PathBuf,
    #[arg(long, default_value = "127.0.0.1:8088")]
    listen: SocketAddr,
    #[arg(long, default_value_t = 2000)]
    tickets: u32,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let _logs_flushed_on_exit = init_tracing(cli.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run(cli.command)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr from a background thread, so a request never waits on a write; nothing
/// is dropped (a full queue makes loggers wait). The guard flushes what is queued on exit.
fn init_tracing(format: LogFormat) -> tracing_appender::non_blocking::WorkerGuard {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into());
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(std::io::stderr());
    // Colours for a terminal only: a file or the journal gets plain lines.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(writer);
    match format {
        LogFormat::Human => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
    guard
}

async fn run(command: Command) -> anyhow::Result<()> {
    // The one clock of this process: the wall clock, unless a test shifted it.
    let clock = Clock::from_env().map_err(anyhow::Error::msg)?;
    match command {
        Command::Migrate(a) => {
            open_migrated(&a.store).await?;
            eprintln!("store is up to date");
            Ok(())
        }
        Command::Seed(a) => {
            let store = open_migrated(&a.store.store).await?;
            let keys = Keys::load_or_create(&keys_path(&a.keys, &a.store.store))?;
            let today = a.today.unwrap_or_else(|| clock.now().date_naive());
            seed(&*store, &keys, a.tickets, a.seed, today, &clock).await
        }
        Command::Serve(a) => {
            let store = open_migrated(&a.store.store).await?;
            if !a.demo {
                let demo = demo_accounts(&*store).await?;
                if !demo.is_empty() {
                    anyhow::bail!(
                        "this store still holds demo accounts with their published passwords ({}): \
                         serve it with --demo, or give each a new password \
                         (sportello-server agent passwd --store URL USERNAME) or disable it \
                         (sportello-server agent disable --store URL USERNAME)",
                        demo.join(", ")
                    );
                }
            }
            let path = keys_path(&a.keys, &a.store.store);
            let keys = if path.exists() {
                Some(Keys::load_adding_signing_key(&path)?)
            } else {
                tracing::warn!(
                    keys_file = %path.display(),
                    "no delivery-password keys file: regenerating passwords answers 503 until one is given"
                );
                None
            };
            let mail = a.mail.worker()?;
            if mail.is_none() {
                tracing::warn!(
                    "no --smtp or --mail-dir: mail waits in the outbox until one is given"
                );
            }
            let tls = match (&a.tls_cert, &a.tls_key) {
                (Some(cert), Some(key)) => Some(crate::tls::config(cert, key)?),
                _ => None,
            };
            Serving {
                store,
                keys,
                mail,
                secure_threshold_cents: a.threshold.secure_threshold,
                listen: a.listen,
                banner: None,
                clock,
                tls,
                public_url: a.public_url,
            }
            .run()
            .await
        }
        Command::Event(a) => event(a, clock).await,
        Command::Agent(command) => agent::run(command, &clock).await,
        Command::Audit(command) => audit::run(command).await,
        Command::Demo(a) => {
            let store = open_migrated(&a.store).await?;
            let keys = Keys::load_or_create(&keys_path(&a.keys, &a.store))?;
            if store.is_empty().await? {
                let today = clock.now().date_naive();
                seed(&*store, &keys, a.tickets, 1, today, &clock).await?;
            }
            let banner = DEMO_AGENTS
                .iter()
                .map(|(user, password, _, role)| {
                    format!("  {:<12} {user} / {password}", role.as_str())
                })
                .collect::<Vec<_>>()
                .join("\n");
            let mail = Some((
                crate::mail::Transport::dir(a.mail_dir.clone())?,
                crate::mail::Settings::default(),
            ));
            let customer = match store.customer_with_active_code().await? {
                Some(c) => format!(
                    "\ncustomer page: http://{}/customer — sign in as {} ({}); the link arrives in {}",
                    a.listen,
                    c.email,
                    c.name,
                    a.mail_dir.display()
                ),
                None => String::new(),
            };
            // The demo stays on loopback HTTP.
            Serving {
                store,
                keys: Some(keys),
                mail,
                secure_threshold_cents: crate::password::SECURE_THRESHOLD_CENTS,
                listen: a.listen,
                banner: Some(format!("demo sign-ins:\n{banner}{customer}")),
                clock,
                tls: None,
                public_url: None,
            }
            .run()
            .await
        }
    }
}

async fn event(a: EventArgs, clock: Clock) -> anyhow::Result<()> {
    let kind = sportello_protocol::ShipmentStatus::parse(&a.kind).with_context(|| {
        format!(
            "unknown event kind {:?}: expected one of {}",
            a.kind,
            sportello_protocol::ShipmentStatus::ALL
                .map(|k| k.as_str())
                .join(", ")
        )
    })?;
    let store = open_migrated(&a.store.store).await?;
    let path = keys_path(&a.keys, &a.store.store);
    let keys = Keys::load(&path)?;
    let services = crate::service::Services {
        secure_threshold_cents: a.threshold.secure_threshold,
        clock,
        keys: Some(std::sync::Arc::new(keys)),
        ..crate::service::Services::new(store)
    };
    let operator = sportello_protocol::AgentInfo {
        id: "operator".into(),
        username: "operator".into(),
        name: "Operator (command line)".into(),
        role: sportello_protocol::Role::Integration,
    };
    let request = sportello_protocol::NewTrackingEvent {
        kind,
        at: a.at.unwrap_or_else(|| services.clock.now()),
        location: a.location,
    };
    let shipment = crate::service::events::append(&services, &operator, &a.shipment_id, request)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let password = shipment.password.as_ref().map_or("none".to_string(), |p| {
        format!("{} (generation {})", p.state.as_str(), p.generation)
    });
    println!(
        "{}: {}; delivery password: {password}",
        shipment.id,
        shipment.status.as_str()
    );
    Ok(())
}

/// The demo accounts a store still holds with their published passwords, enabled.
async fn demo_accounts(store: &dyn Store) -> anyhow::Result<Vec<String>> {
    let mut found = Vec::new();
    for (username, password, _, _) in DEMO_AGENTS {
        let Some(record) = store.agent_by_username(username).await? else {
            continue;
        };
        let phc = record.password_hash.clone();
        let password = password.to_string();
        let published = tokio::task::spawn_blocking(move || {
            crate::credentials::verify_password(&password, &phc)
        })
        .await?;
        if published && !record.disabled {
            found.push(username.to_string());
        }
    }
    Ok(found)
}

pub(crate) async fn open_migrated(url: &str) -> anyhow::Result<std::sync::Arc<dyn Store>> {
    if let Some(path) = store::sqlite_path(url) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
    }
    let store = store::open(url).await.context("cannot open the store")?;
    store.migrate().await.context("cannot migrate the store")?;
    Ok(store)
}

pub(crate) fn keys_path(arg: &KeysArg, store_url: &str) -> PathBuf {
    arg.keys_file
        .clone()
        .unwrap_or_else(|| match store::sqlite_path(store_url) {
            Some(p) => PathBuf::from(format!("{}.keys.json", p.display())),
            None => PathBuf::from("sportello-keys.json"),
        })
}

async fn seed(
    store: &dyn Store,
    keys: &Keys,
    tickets: u32,
    seed: u64,
    today: chrono::NaiveDate,
    clock: &Clock,
) -> anyhow::Result<()> {
    if !store.is_empty().await? {
        anyhow::bail!("the store already holds data; seed only fills an empty store");
    }
    let options = SeedOptions {
        tickets,
        seed,
        today,
        now: clock.now(),
    };
    // A bar on a terminal, redrawn at most ten times a second. indicatif draws nothing when
    // stderr is not a terminal (a log file): there, a plain line every tenth of the way.
    let total = u64::from(tickets);
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(10))
        .with_style(
            ProgressStyle::with_template(
                "[{bar:24}] {percent:>3}%  {human_pos}/{human_len} tickets  {per_sec:0}  ETA {eta}",
            )?
            .progress_chars("#-"),
        );
    let (log, mut tenths_logged) = (bar.is_hidden(), 0);
    crate::seed::seed(store, keys, &options, |done, _| {
        let done = u64::from(done);
        bar.set_position(done);
        let tenths = (done * 10).checked_div(total).unwrap_or(10);
        if log && tenths > tenths_logged {
            tenths_logged = tenths;
            eprintln!(
                "{:>3.0}%  {}/{} tickets  {:.0}/s  ETA {:#}",
                100.0 * done as f64 / total as f64,
                HumanCount(done),
                HumanCount(total),
                HumanFloatCount(bar.per_sec()),
                HumanDuration(bar.eta())
            );
        }
    })
    .await?;
    bar.finish();
    let secs = bar.elapsed().as_secs_f64();
    // indicatif leaves the cursor at the end of the bar: the summary takes a line of its own.
    let end = if log { "" } else { "\n" };
    eprintln!(
        "{end}seeded {} tickets in {secs:.1} s ({:.0} per second)",
        HumanCount(total),
        HumanFloatCount(total as f64 / secs.max(1e-9))
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_are_read_in_cents() {
        assert_eq!(super::parse_amount("250.00"), Ok(25_000));
        assert_eq!(super::parse_amount("250"), Ok(25_000));
        assert_eq!(super::parse_amount("99.5"), Ok(9_950));
        assert!(super::parse_amount("12.345").is_err());
        assert!(super::parse_amount("-1.00").is_err());
        assert!(super::parse_amount("lots").is_err());
        for refused in [
            "250.+5",
            "+250",
            "250.",
            ".50",
            "1e3",
            "99999999999999999999",
            "92233720368547758.08",
        ] {
            assert!(super::parse_amount(refused).is_err(), "{refused}");
        }
    }
}
