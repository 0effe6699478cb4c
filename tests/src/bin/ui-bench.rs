//! The console's window under load, measured in the real window (`cargo xtask bench --only
//! ui` runs it): the first sync of `--tickets` tickets (default 100,000) while the page
//! records every animation frame and searches the cache every 250 ms, as an agent typing
//! would; then the queue of all those tickets scrolled for five seconds at a steady speed,
//! recording every frame and whether rows or placeholders were in view. Prints one JSON
//! object on stdout.
//!
//! Needs what the end-to-end tests need: Xvfb, tauri-driver, the debug builds of
//! `sportello-server` and `sportello-console`, and a Python with dbus-next for the app's
//! session bus (`SPORTELLO_TEST_PYTHON`; `./dev test` makes one in ~/.cache/sportello-venv).

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use sportello_e2e::built;
use sportello_e2e::processes::{seed, serve_with, Painting, Window};
use sportello_e2e::webdriver::Session;

/// Records frames and the latency of a search every 250 ms until the queue shows `tickets`
/// (the first sync is done), then answers with both.
const DURING_SYNC: &str = r##"
const [tickets, done] = [arguments[0], arguments[arguments.length - 1]];
const invoke = window.__TAURI_INTERNALS__.invoke;
const frames = [];
const searches = [];
let last = performance.now();
const started = last;
let finished = false;
function frame(t) {
  frames.push(t - last);
  last = t;
  if (!finished) requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
const words = ["m", "ma", "mar", "mari", "r", "ro", "ros", "s", "sa", "sam"];
let n = 0;
async function search() {
  if (finished) return;
  const t0 = performance.now();
  await invoke("queue", { query: { text: words[n++ % words.length], status: null, category: null, offset: 0, limit: 100 } });
  searches.push(performance.now() - t0);
  setTimeout(search, 250);
}
search();
const check = setInterval(() => {
  const total = Number(document.querySelector("#queue-total")?.dataset.total ?? 0);
  const syncing = document.querySelector("#sync-progress") !== null;
  if ((total >= tickets && !syncing) || performance.now() - started > 600000) {
    finished = true;
    clearInterval(check);
    setTimeout(() => done({ seconds: (performance.now() - started) / 1000, frames, searches, total }), 300);
  }
}, 100);
"##;

/// Scrolls the queue by `arguments[0]` pixels a frame for `arguments[1]` ms; answers with
/// the frame intervals and, per frame, whether a placeholder row was in view.
const SCROLL: &str = r##"
const [step, duration, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const scroller = document.querySelector("#queue-scroll");
const frames = [];
const blank = [];
let last = performance.now();
const end = last + duration;
function inView() {
  const box = scroller.getBoundingClientRect();
  for (const row of scroller.querySelectorAll("tr.queue-placeholder")) {
    const r = row.getBoundingClientRect();
    if (r.bottom > box.top && r.top < box.bottom) return true;
  }
  return false;
}
function frame(t) {
  frames.push(t - last);
  blank.push(inView());
  last = t;
  if (t < end) {
    scroller.scrollTop += step;
    requestAnimationFrame(frame);
  } else {
    done({ frames, blank, scrollTop: scroller.scrollTop, height: scroller.scrollHeight });
  }
}
requestAnimationFrame(frame);
"##;

/// Frames per second, frames over 50 ms, the longest frame and the 95th percentile.
fn frame_stats(frames: &[f64]) -> Value {
    let total: f64 = frames.iter().sum();
    let mut sorted = frames.to_vec();
    sorted.sort_by(f64::total_cmp);
    let p95 = sorted
        .get(((sorted.len() as f64 * 0.95) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0);
    // A frame that took longer than 1.5 vsyncs (60 Hz) dropped the ones it covered.
    // Folded from +0: `sum` starts at -0, which the report printed as "-0".
    let dropped: f64 = frames
        .iter()
        .filter(|f| **f > 25.0)
        .map(|f| (f / (1000.0 / 60.0)).round() - 1.0)
        .fold(0.0, |a, b| a + b);
    json!({
        "frames": frames.len(),
        "fps": if total > 0.0 { frames.len() as f64 / (total / 1000.0) } else { 0.0 },
        "dropped": dropped,
        "over_50ms": frames.iter().filter(|f| **f > 50.0).count(),
        "longest_ms": sorted.last().copied().unwrap_or(0.0),
        "p95_ms": p95,
    })
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted
        .get(((sorted.len() as f64 * p) as usize).min(sorted.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0.0)
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

#[tokio::main]
async fn main() -> Result<()> {
    let mut tickets = 100_000u32;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--tickets" => tickets = args.next().context("--tickets N")?.parse()?,
            other => bail!("usage: ui-bench [--tickets N] (not {other})"),
        }
    }
    let work = tempfile::tempdir()?;
    eprintln!("ui-bench: seeding {tickets} tickets");
    let store = seed(work.path(), tickets)?;
    let (_server, url) = serve_with(&store, "127.0.0.1:0", &[])?;
    let data_dir = work.path().join("console-data");
    let window = Window::start(work.path(), &data_dir, Painting::AsShipped)?;
    let s = Session::start(&window.driver.url, &built("sportello-console")).await?;
    s.set_script_timeout(Duration::from_secs(900)).await?;
    s.wait("#server-url").await?;
    s.fill("#server-url", &url).await?;
    s.fill("#username", "alice").await?;
    s.fill("#password", "alice-demo").await?;

    eprintln!("ui-bench: first sync, recording frames and searching every 250 ms");
    let started = Instant::now();
    s.click_css("#sign-in").await?;
    s.wait("#queue-scroll").await?;
    let during = s.execute_async(DURING_SYNC, json!([tickets])).await?;
    let sync_seconds = started.elapsed().as_secs_f64();
    if during["total"].as_u64() != Some(u64::from(tickets)) {
        bail!(
            "the queue did not show {tickets} tickets: {}",
            during["total"]
        );
    }
    let searches = numbers(&during["searches"]);

    eprintln!("ui-bench: scrolling {tickets} rows");
    // Rows settle after the sync's last reload.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut scrolls = Vec::new();
    for (name, step) in [("steady", 40), ("fast", 400)] {
        let r = s.execute_async(SCROLL, json!([step, 5000])).await?;
        let blank = r["blank"]
            .as_array()
            .map(|b| b.iter().filter(|x| x == &&Value::Bool(true)).count())
            .unwrap_or(0);
        let mut stats = frame_stats(&numbers(&r["frames"]));
        stats["name"] = json!(name);
        stats["px_per_frame"] = json!(step);
        stats["blank_frames"] = json!(blank);
        stats["scrolled_px"] = r["scrollTop"].clone();
        scrolls.push(stats);
        // Back to the top for the next run.
        s.execute_async(
            "document.querySelector('#queue-scroll').scrollTop = 0; setTimeout(arguments[0], 500);",
            json!([]),
        )
        .await?;
    }
    let out = json!({
        "tickets": tickets,
        "sync": {
            "seconds": sync_seconds,
            "frames": frame_stats(&numbers(&during["frames"])),
            "searches": searches.len(),
            "search_p50_ms": percentile(&searches, 0.5),
            "search_p95_ms": percentile(&searches, 0.95),
            "search_max_ms": percentile(&searches, 1.0),
        },
        "scroll": scrolls,
    });
    println!("{out}");
    s.close().await?;
    Ok(())
}
