//! The console part (`--only console`): the console core as a real process
//! (`sportello-console-cli`, release build) making its first sync of 100,000 tickets from a
//! local release server into an empty cache, timed, with its peak memory (VmHWM); then search
//! as you type over a cache of `--tickets` tickets: every keystroke of a name, a phone number
//! and a ticket id run through the console's own query code, beside the same two statements
//! run by the `sqlite3` shell on a decrypted copy of the same cache (the shell cannot read the
//! SQLCipher file itself), in the same run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use sportello_core::inspect::{Cases, QueueStatements};
use sportello_core::types::QueueQuery;
use sportello_protocol::TicketStatus;

use super::server::Server;

/// Tickets of the first-sync measurement (the figure).
pub const FIRST_SYNC_TICKETS: u32 = 100_000;

pub struct FirstSync {
    pub tickets: u32,
    pub seconds: f64,
    pub peak_rss_mib: f64,
    /// A client fetching and parsing the same feed pages alone, from the same server in the
    /// same run (the mean of a run before the console's sync and one after): the wire's
    /// speed the console's sync is held to.
    pub fetch_parse_seconds: f64,
}

pub struct Keystroke {
    pub text: String,
    pub console_ms: f64,
    pub shell_ms: f64,
}

pub struct ConsoleResult {
    pub first_sync: FirstSync,
    pub search_tickets: u32,
    /// The sync that filled the search cache.
    pub search_sync_seconds: f64,
    pub keystrokes: Vec<Keystroke>,
    pub queue_pages: Vec<PageTiming>,
}

/// A page of the queue without a search, at an offset: the median of three.
pub struct PageTiming {
    pub offset: u32,
    /// As the first page of its query, which counts the tickets.
    pub first_ms: f64,
    /// As a next page, the count kept.
    pub next_ms: f64,
}

/// Builds the console CLI in release mode.
pub fn build(workspace: &Path, target_dir: &Path) -> Result<PathBuf> {
    eprintln!("bench: building the release console core");
    super::server::cargo(
        workspace,
        &[
            "build",
            "--release",
            "-p",
            "sportello-core",
            "--bin",
            "sportello-console-cli",
        ],
    )?;
    Ok(target_dir.join("release").join("sportello-console-cli"))
}

pub fn run(server: &Path, cli: &Path, tickets: u32, out_dir: &Path) -> Result<ConsoleResult> {
    let scratch = tempfile::Builder::new()
        .prefix("sportello-console-bench")
        .tempdir()
        .context("cannot make a scratch directory")?;
    let small = seed_and_serve(server, scratch.path(), "first", FIRST_SYNC_TICKETS, out_dir)?;
    let data = scratch.path().join("first-console");
    // The same pages fetched and parsed alone, before and after the console's sync.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let fetch_alone = || -> Result<f64> {
        let token = runtime.block_on(super::api::login(&small.1.base))?;
        let followed = runtime.block_on(super::sync::follow(
            &small.1.base,
            &token,
            FIRST_SYNC_TICKETS,
        ))?;
        Ok(followed.seconds)
    };
    let before = fetch_alone()?;
    let (seconds, peak) = sync(cli, &small.1.base, &data)?;
    let after = fetch_alone()?;
    drop(small);
    let first_sync = FirstSync {
        tickets: FIRST_SYNC_TICKETS,
        seconds,
        peak_rss_mib: peak,
        fetch_parse_seconds: (before + after) / 2.0,
    };
    eprintln!(
        "bench: first sync of {FIRST_SYNC_TICKETS} tickets: {seconds:.1} s, {peak:.0} MiB peak; \
         the pages fetched and parsed alone: {before:.1} s and {after:.1} s"
    );

    // Search over the first sync's cache when the sizes agree; else a cache of its own.
    let (data, search_sync_seconds) = if tickets == FIRST_SYNC_TICKETS {
        (data, seconds)
    } else {
        let big = seed_and_serve(server, scratch.path(), "search", tickets, out_dir)?;
        let data = scratch.path().join("search-console");
        let (seconds, _) = sync(cli, &big.1.base, &data)?;
        (data, seconds)
    };
    let cache_file = std::fs::read_dir(data.join("caches"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .context("the console left no cache")?;
    let (keystrokes, queue_pages) = search(&cache_file, scratch.path(), tickets)?;
    Ok(ConsoleResult {
        first_sync,
        search_tickets: tickets,
        search_sync_seconds,
        keystrokes,
        queue_pages,
    })
}

/// A seeded SQLite store served by the release server.
pub(super) fn seed_and_serve(
    server: &Path,
    dir: &Path,
    name: &str,
    tickets: u32,
    out_dir: &Path,
) -> Result<(PathBuf, Server)> {
    let db = dir.join(format!("{name}.sqlite"));
    let url = format!("sqlite://{}", db.display());
    eprintln!("bench: seeding {tickets} tickets for the console");
    let status = Command::new(server)
        .args(["seed", "--store", &url, "--tickets", &tickets.to_string()])
        .args(["--today", &super::seed::today()])
        .arg("--keys-file")
        .arg(dir.join(format!("{name}.keys.json")))
        .stderr(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("seeding the console's server: {status}");
    }
    let served = Server::start(server, &url, &out_dir.join(format!("console-{name}.log")))?;
    Ok((db, served))
}

/// Runs `sportello-console-cli sync` into an empty data directory; (seconds, peak RSS MiB).
pub(super) fn sync(cli: &Path, base: &str, data: &Path) -> Result<(f64, f64)> {
    let started = Instant::now();
    let mut child = Command::new(cli)
        .env("SPORTELLO_DATA_DIR", data)
        .args([
            "--server",
            base,
            "--user",
            "alice",
            "--password",
            "alice-demo",
            "sync",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", cli.display()))?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            if let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak_kib = peak_kib.max(kib);
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("the console's sync failed: {status}");
    }
    Ok((seconds, peak_kib as f64 / 1024.0))
}

/// Every prefix of what an agent types.
fn keystrokes(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len())
        .map(|n| chars[..n].iter().collect::<String>())
        .filter(|t| !t.trim().is_empty() && !t.ends_with(' '))
        .collect()
}

/// The keystrokes, then pages of the queue without a search.
fn search(
    cache_file: &Path,
    scratch: &Path,
    tickets: u32,
) -> Result<(Vec<Keystroke>, Vec<PageTiming>)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        // The bench's console signed in as alice: her password opens the cache's key.
        let cache = sportello_core::inspect::open_cases(cache_file, "alice-demo")
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .context("alice's password does not open the bench's cache")?;
        let typed = type_into(&cache, cache_file, scratch).await;
        let pages = queue_pages(&cache, tickets).await;
        cache.close().await;
        Ok((typed?, pages?))
    })
}

/// A page of 200 rows of the queue without a search (as the window's list reads it) at the
/// top, one page down, and a tenth and half of the way down: the median of three, after one
/// untimed, as the first page of the query (which counts the tickets) and as a next page
/// (the console keeps the count while nothing is written). Each reads that page, never the
/// whole table.
async fn queue_pages(cache: &Cases, tickets: u32) -> Result<Vec<PageTiming>> {
    let now = chrono::Utc::now();
    let query = |offset, status| QueueQuery {
        offset,
        limit: 200,
        status,
        ..QueueQuery::default()
    };
    let page = |q: QueueQuery| async move {
        let t = Instant::now();
        let page = cache
            .queue(&q, now)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok::<_, anyhow::Error>((t.elapsed().as_secs_f64() * 1000.0, page))
    };
    let mut out = Vec::new();
    for offset in [0, 200, tickets / 10, tickets / 2] {
        let (_, first) = page(query(offset, None)).await?;
        if first.rows.len() != 200 || first.total != tickets {
            bail!(
                "the queue at {offset} gave {} rows of {}",
                first.rows.len(),
                first.total
            );
        }
        let (mut counted, mut kept) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            // Another query first, so this one counts again.
            page(query(0, Some(TicketStatus::Closed))).await?;
            counted.push(page(query(offset, None)).await?.0);
            kept.push(page(query(offset, None)).await?.0);
        }
        out.push(PageTiming {
            offset,
            first_ms: median(counted),
            next_ms: median(kept),
        });
    }
    Ok(out)
}

/// The middle of an odd number of timings.
fn median(mut runs: Vec<f64>) -> f64 {
    runs.sort_by(f64::total_cmp);
    runs[runs.len() / 2]
}

/// Types every keystroke into the console's search and into the shell; each one's times.
async fn type_into(cache: &Cases, cache_file: &Path, scratch: &Path) -> Result<Vec<Keystroke>> {
    let now = chrono::Utc::now();
    // What to type: a customer's name, an order id and a ticket id from the cache.
    let rows = cache
        .queue(&QueueQuery::default(), now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .rows;
    let mut picked = None;
    for row in rows {
        let case = cache
            .case(&row.id)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if let (Some(customer), Some(order)) = (case.customer, case.order) {
            picked = Some((row, customer, order.id));
            break;
        }
    }
    let (first, customer, order) = picked.context("no cached case with a customer and an order")?;
    // Each keystroke with the one before it (none for the first of each text): the console
    // remembers the last search, and typing on from one that matched few ranks and counts in
    // one statement.
    let typed: Vec<(Option<String>, String)> =
        [customer.name.as_str(), order.as_str(), first.id.as_str()]
            .iter()
            .flat_map(|t| {
                let keys = keystrokes(t);
                let before = std::iter::once(None).chain(keys.clone().into_iter().map(Some));
                before.zip(keys).collect::<Vec<_>>()
            })
            .collect();
    let plain = scratch.join("plain.sqlite");
    decrypt(cache_file, &plain).await?;
    let query = |text: Option<&str>| QueueQuery {
        text: text.map(str::to_string),
        limit: 100,
        ..QueueQuery::default()
    };
    let run = |q: QueueQuery| async move {
        cache
            .queue(&q, now)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))
    };
    let mut out = Vec::new();
    for (before, text) in typed {
        let q = query(Some(&text));
        let st = QueueStatements::new(&q, now, cache.contact_key().as_ref())
            .context("a searchable keystroke")?;
        // Warm, then the median of three; each run just after the keystroke before it, untimed.
        let mut runs = Vec::new();
        let mut page = None;
        let mut narrowed = false;
        for _ in 0..4 {
            run(query(before.as_deref())).await?;
            narrowed = cache.narrows(&st);
            let t = Instant::now();
            page = Some(run(q.clone()).await?);
            runs.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        runs.remove(0);
        // The shell runs the statements the console ran: ranked and counted in one when the
        // search narrowed one that matched few; else (or should it match many after all) the
        // count, then the page statement that count chose (ranked, or the latest changes
        // past the cap).
        let page = page.context("a page")?;
        let count = i64::from(page.total) + i64::from(page.more);
        let mut statements = Vec::new();
        if let (true, Some(sql)) = (narrowed, st.ranked_counted.as_deref()) {
            statements.push(st.inline(sql));
        }
        if !narrowed || page.more {
            statements.push(st.inline(&st.count));
            statements.push(st.inline(st.rows_for(count)));
        }
        let shell_ms = shell(&plain, &statements)?;
        out.push(Keystroke {
            text,
            console_ms: median(runs),
            shell_ms,
        });
    }
    Ok(out)
}

/// A plain copy of the encrypted cache, for the shell.
async fn decrypt(cache_file: &Path, plain: &Path) -> Result<()> {
    use sqlx::Connection;
    let key = sportello_core::inspect::open_with_password(cache_file, "alice-demo")
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .context("alice's password does not open the bench's cache")?
        .hex();
    let options =
        sportello_core::inspect::keyed_options(cache_file, &key, sportello_core::inspect::FORMAT)
            // Lets ATTACH create the plain copy.
            .create_if_missing(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options).await?;
    let attach = format!(
        "ATTACH DATABASE '{}' AS plain KEY ''",
        plain.display().to_string().replace('\'', "''")
    );
    sqlx::query(sqlx::AssertSqlSafe(attach))
        .execute(&mut conn)
        .await?;
    // The copy has the cache's page size, so the shell reads pages of the same shape.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "PRAGMA plain.page_size = {}",
        sportello_core::inspect::FORMAT.page_size
    )))
    .execute(&mut conn)
    .await?;
    sqlx::query("SELECT sqlcipher_export('plain')")
        .fetch_all(&mut conn)
        .await?;
    sqlx::query("DETACH DATABASE plain")
        .execute(&mut conn)
        .await?;
    conn.close().await?;
    Ok(())
}

/// The shell's own timing of `statements` (warm: each runs once before the timed run); ms.
fn shell(db: &Path, statements: &[String]) -> Result<f64> {
    let mut script = String::new();
    for s in statements {
        script.push_str(&format!("{};\n", s.trim()));
    }
    script.push_str(".timer on\n");
    for s in statements {
        script.push_str(&format!("{};\n", s.trim()));
    }
    let mut child = Command::new("sqlite3")
        .arg(db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run the sqlite3 shell")?;
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(script.as_bytes())?;
    let out = child.wait_with_output()?;
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    // The shell times a statement it could not run too (as 0.000): an error is a failure.
    if let Some(error) = text.lines().find(|l| l.contains("Error")) {
        bail!("the sqlite3 shell could not run the console's statements: {error}");
    }
    let times: Vec<f64> = text
        .lines()
        .filter_map(|l| l.strip_prefix("Run Time: real "))
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    if times.len() != statements.len() {
        bail!("the sqlite3 shell did not time every statement: {text}");
    }
    Ok(times.iter().sum::<f64>() * 1000.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn keystrokes_are_every_prefix() {
        assert_eq!(super::keystrokes("Ab c"), ["A", "Ab", "Ab c"]);
    }
}
