//! The Markdown report: when, on what machine, with which command, then one table per part
//! with each figure beside its goal ([`resend`] has the resend part's).

mod audit;
mod resend;

use std::fmt::Write;
use std::time::Duration;

use super::api::{ApiResult, CLIENTS, WARM_UP};
use super::pgbench::PgbenchResult;
use super::resend::ResendResult;
use super::seed::SeedResult;
use super::sync::{SyncResult, MAX_LIMIT};

/// API requests per second over pgbench transactions per second.
pub const API_RATIO_GOAL: f64 = 0.5;
/// Feed changes followed per second.
pub const SYNC_GOAL: f64 = 50_000.0;
/// Seconds to seed 1,000,000 tickets, per engine (issue 4); scaled for other sizes.
pub const SEED_GOAL_SECONDS_PER_MILLION: &[(&str, f64)] =
    &[("SQLite", 90.0), ("PostgreSQL", 180.0)];

/// Everything measured in one run.
#[derive(Default)]
pub struct Report {
    pub command: String,
    pub machine: Vec<(String, String)>,
    pub tickets: u32,
    pub duration: Duration,
    pub seeds: Vec<SeedResult>,
    pub api: Option<ApiResult>,
    pub pgbench: Option<PgbenchResult>,
    pub sync: Option<SyncResult>,
    pub resend: Option<ResendResult>,
    /// The customer's tracking page (`bench/parcel.rs`).
    pub parcel: Option<ApiResult>,
    /// pgbench on the tracking page's statements.
    pub parcel_pgbench: Option<PgbenchResult>,
    /// Live chat across two replicas (`bench/chat.rs`).
    pub chat: Option<super::chat::ChatResult>,
    /// pgbench on the resend statements.
    pub resend_pgbench: Option<PgbenchResult>,
    pub console: Option<super::console::ConsoleResult>,
    /// `ui-bench`'s answer (see `bench/ui.rs`).
    pub ui: Option<serde_json::Value>,
    /// `startup-bench`'s answer (see `bench/startup.rs`).
    pub startup: Option<serde_json::Value>,
    pub audit: Option<super::audit::AuditResult>,
}

impl Report {
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let now = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC");
        let _ = writeln!(out, "## Benchmark, {now}\n");
        let _ = writeln!(out, "- Command: `{}`", self.command);
        for (name, value) in &self.machine {
            let _ = writeln!(out, "- {name}: {value}");
        }
        self.seed_table(&mut out);
        self.api_table(&mut out);
        self.parcel_table(&mut out);
        self.chat_table(&mut out);
        self.sync_table(&mut out);
        self.resend_table(&mut out);
        self.console_table(&mut out);
        self.ui_table(&mut out);
        self.startup_table(&mut out);
        self.audit_table(&mut out);
        out
    }

    fn startup_table(&self, out: &mut String) {
        let Some(s) = &self.startup else {
            return;
        };
        let n = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
        let list = |v: &serde_json::Value| {
            v.as_array()
                .into_iter()
                .flatten()
                .map(|x| format!("{:.0}", n(x)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let (c, e) = (&s["console"], &s["empty"]);
        let verdict = |ratio: f64, goal: f64| if ratio <= goal { "✅" } else { "❌" };
        let _ = writeln!(
            out,
            "\n### Start-up: launch to the first queue row, {} cached tickets, offline (release builds, Xvfb)\n\n\
             {} alternating launches of each after one unmeasured; memory is the PSS of the whole \
             process tree (WebKit's processes included) a second after showing.\n\n\
             | App | Median to shown | Launches (ms) | Median PSS | PSS per launch (MiB) | Processes |\n\
             |---|--:|---|--:|---|--:|\n\
             | Console, first queue row | {:.0} ms | {} | {:.0} MiB | {} | {} |\n\
             | Empty Tauri window, one element | {:.0} ms | {} | {:.0} MiB | {} | {} |\n\n\
             Ratios: time **{:.2}×** (goal ≤ 1.2× {}), memory **{:.2}×** (goal ≤ 1.3× {}).",
            thousands(n(&s["tickets"])),
            s["runs"],
            n(&c["median_ms"]),
            list(&c["ms"]),
            n(&c["median_pss_mib"]),
            list(&c["pss_mib"]),
            c["processes"],
            n(&e["median_ms"]),
            list(&e["ms"]),
            n(&e["median_pss_mib"]),
            list(&e["pss_mib"]),
            e["processes"],
            n(&s["ms_ratio"]),
            verdict(n(&s["ms_ratio"]), 1.2),
            n(&s["pss_ratio"]),
            verdict(n(&s["pss_ratio"]), 1.3),
        );
        let _ = writeln!(
            out,
            "\nPSS per process at the last launch, MiB: console {}; \
             empty window {}.",
            c["last_by_process"].as_str().unwrap_or("not measured"),
            e["last_by_process"].as_str().unwrap_or("not measured"),
        );
        // Each step the page marked, median ms since launch (ui/src/lib/launch.ts).
        let steps = |v: &serde_json::Value| {
            let list: Vec<String> = v
                .as_array()
                .into_iter()
                .flatten()
                .map(|step| format!("{} {:.0}", step[0].as_str().unwrap_or("?"), n(&step[1])))
                .collect();
            if list.is_empty() {
                "not marked".to_string()
            } else {
                list.join(", ")
            }
        };
        let _ = writeln!(
            out,
            "\nWhere the time went (median ms since launch at each step the page marked): \
             console {}; empty window {}.",
            steps(&c["steps_median_ms"]),
            steps(&e["steps_median_ms"]),
        );
    }

    fn ui_table(&self, out: &mut String) {
        let Some(u) = &self.ui else {
            return;
        };
        let n = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);
        let sync = &u["sync"];
        let f = &sync["frames"];
        let _ = writeln!(
            out,
            "\n### Console window: {} tickets (debug build, Xvfb, software rendering)\n\n\
             First sync in the window, {:.1} s, while the page records every frame and searches \
             every 250 ms:\n\n\
             | Frames/s | Frames | Missed vsyncs | Frames > 50 ms | Longest frame | Searches | Search p50 | Search p95 | Search max |\n\
             |--:|--:|--:|--:|--:|--:|--:|--:|--:|\n\
             | {:.1} | {} | {:.0} | {} | {:.0} ms | {} | {:.1} ms | {:.1} ms | {:.0} ms |",
            thousands(n(&u["tickets"])),
            n(&sync["seconds"]),
            n(&f["fps"]),
            f["frames"],
            n(&f["dropped"]),
            f["over_50ms"],
            n(&f["longest_ms"]),
            sync["searches"],
            n(&sync["search_p50_ms"]),
            n(&sync["search_p95_ms"]),
            n(&sync["search_max_ms"]),
        );
        let _ = writeln!(
            out,
            "\nScrolling the queue for 5 s (missed vsyncs: the 60 Hz refreshes a frame longer than 1.5 \
             of them covered; a blank frame shows a placeholder row not yet read from the cache):\n\n\
             | Speed | Frames/s | Frames | Missed vsyncs | p95 frame | Longest frame | Blank frames | Scrolled |\n\
             |---|--:|--:|--:|--:|--:|--:|--:|"
        );
        for r in u["scroll"].as_array().into_iter().flatten() {
            let _ = writeln!(
                out,
                "| {} ({} px/frame) | {:.1} | {} | {:.0} | {:.1} ms | {:.0} ms | {} | {} px |",
                r["name"].as_str().unwrap_or("?"),
                r["px_per_frame"],
                n(&r["fps"]),
                r["frames"],
                n(&r["dropped"]),
                n(&r["p95_ms"]),
                n(&r["longest_ms"]),
                r["blank_frames"],
                thousands(n(&r["scrolled_px"])),
            );
        }
    }

    fn console_table(&self, out: &mut String) {
        let Some(c) = &self.console else {
            return;
        };
        let f = &c.first_sync;
        let ratio = f.seconds / f.fetch_parse_seconds;
        let under_memory = f.peak_rss_mib * 1.048_576 < 200.0;
        let _ = writeln!(
            out,
            "\n### Console: first sync into an empty cache\n\n\
             | Tickets | Seconds | Peak memory (VmHWM) | Goal |\n|--:|--:|--:|---|\n\
             | {} | {:.1} | {:.0} MiB | {} |\n\n\
             | Same run | Seconds | Ratio | Goal |\n|---|--:|--:|---|\n\
             | the same pages fetched and parsed alone (mean of a run before and after) | {:.1} | | |\n\
             | the console's first sync (cache written, searchable) | {:.1} | {ratio:.2}× | {} |",
            thousands(f64::from(f.tickets)),
            f.seconds,
            f.peak_rss_mib,
            goal(
                "< 10 s and < 200 MB",
                f.seconds < 10.0 && under_memory
            ),
            f.fetch_parse_seconds,
            f.seconds,
            goal("≤ 2× and < 200 MB", ratio <= 2.0 && under_memory),
        );
        let console: Vec<f64> = c.keystrokes.iter().map(|k| k.console_ms).collect();
        let shell: Vec<f64> = c.keystrokes.iter().map(|k| k.shell_ms).collect();
        let pct = |v: &[f64], p: f64| {
            let mut v = v.to_vec();
            v.sort_by(f64::total_cmp);
            v[((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1]
        };
        let (c50, c95, s50, s95) = (
            pct(&console, 0.5),
            pct(&console, 0.95),
            pct(&shell, 0.5),
            pct(&shell, 0.95),
        );
        let _ = writeln!(
            out,
            "\n### Console: search as you type over {} cached tickets ({} keystrokes; cache filled by a sync of {:.0} s)\n\n\
             | | p50 ms | p95 ms | Goal |\n|---|--:|--:|---|\n\
             | console (`Cache::queue`, encrypted cache) | {c50:.1} | {c95:.1} | {} |\n\
             | `sqlite3` shell, same statements, decrypted copy | {s50:.1} | {s95:.1} | |\n\
             | ratio console / shell | {:.2} | {:.2} | {} |",
            thousands(f64::from(c.search_tickets)),
            c.keystrokes.len(),
            c.search_sync_seconds,
            goal("p95 < 20 ms", c95 < 20.0),
            c50 / s50.max(0.001),
            c95 / s95.max(0.001),
            goal("≤ 1.5×", c95 / s95.max(0.001) <= 1.5),
        );
        let _ = writeln!(out, "\n| Typed | console ms | shell ms |\n|---|--:|--:|");
        for k in &c.keystrokes {
            let _ = writeln!(
                out,
                "| `{}` | {:.1} | {:.1} |",
                k.text, k.console_ms, k.shell_ms
            );
        }
        let _ = writeln!(
            out,
            "\nThe queue without a search, a page of 200 rows (median of three; the first page \
             of a query counts the tickets, a next one keeps the count while nothing is \
             written):\n\n| Offset | first page ms | next page ms |\n|--:|--:|--:|"
        );
        for p in &c.queue_pages {
            let _ = writeln!(
                out,
                "| {} | {:.1} | {:.1} |",
                thousands(f64::from(p.offset)),
                p.first_ms,
                p.next_ms
            );
        }
    }

    fn seed_table(&self, out: &mut String) {
        if self.seeds.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "\n### Seed: {} tickets\n\n\
             | Engine | Seconds | Tickets/s | Store size | Goal |\n\
             |---|--:|--:|--:|---|",
            thousands(f64::from(self.tickets))
        );
        for s in &self.seeds {
            let target = SEED_GOAL_SECONDS_PER_MILLION
                .iter()
                .find(|(engine, _)| *engine == s.engine)
                .map(|(_, secs)| secs * f64::from(s.tickets) / 1_000_000.0);
            let target = target.map_or("—".into(), |t| {
                goal(&format!("< {t:.0} s"), s.seconds < t)
            });
            let _ = writeln!(
                out,
                "| {} | {:.1} | {} | {:.0} MiB | {target} |",
                s.engine,
                s.seconds,
                thousands(s.tickets_per_second()),
                s.bytes as f64 / (1024.0 * 1024.0),
            );
        }
    }

    fn parcel_table(&self, out: &mut String) {
        let Some(api) = &self.parcel else { return };
        let _ = writeln!(
            out,
            "\n### Customer page: `GET /customer/orders/{{id}}` (Track my parcel)\n\n\
             {CLIENTS} keep-alive HTTP/1.1 clients, each request a random one of {} one-shipment \
             orders with a password, with its customer's session cookie; {} s warm-up then {} s \
             measured. pgbench runs the page's own statements (`store::queries`: the session, \
             the order, its items, its shipments with their customer's e-mail and password \
             status, the trusted recipients, the shipment's events) after reading which order: \
             `pgbench -n -M prepared -c {CLIENTS} -j 2 -T {}`.\n",
            super::parcel::ORDERS,
            WARM_UP.as_secs(),
            self.duration.as_secs(),
            self.duration.as_secs(),
        );
        let mut rows = load_rows(api, Some(20.0));
        if let Some(pg) = &self.parcel_pgbench {
            rows.extend(pgbench_rows(pg, api.requests_per_second()));
        }
        table(out, &rows);
        if let Some(e) = &api.first_error {
            let _ = writeln!(out, "\nFirst error: `{e}`");
        }
    }

    fn chat_table(&self, out: &mut String) {
        let Some(c) = &self.chat else { return };
        let _ = writeln!(
            out,
            "\n### Live chat across two replicas on PostgreSQL\n\n\
             {} customers each keep a live chat's page open (its event stream) on one replica; an \
             agent's stream (`GET /api/v1/stream`, as the console follows it) is on the other. {} \
             round trips, {} at a time: the customer writes, the agent's stream brings it, the \
             agent answers, the customer's page hears the answer.\n",
            c.chats,
            super::chat::SAMPLES,
            super::chat::AT_ONCE,
        );
        let p95 = c.round_trips.percentile_ms(95.0);
        let rows = vec![
            row(
                "Customer → agent's stream, p50 / p95",
                format!(
                    "{:.1} / {:.1} ms",
                    c.to_agent.percentile_ms(50.0),
                    c.to_agent.percentile_ms(95.0)
                ),
                "—".into(),
            ),
            row(
                "Round trip, p50",
                format!("{:.1} ms", c.round_trips.percentile_ms(50.0)),
                "—".into(),
            ),
            row(
                "Round trip, p95",
                format!("{p95:.1} ms"),
                goal("< 300 ms", p95 < 300.0),
            ),
            row(
                "Round trip, max",
                format!("{:.1} ms", c.round_trips.percentile_ms(100.0)),
                "—".into(),
            ),
        ];
        table(out, &rows);
    }

    fn api_table(&self, out: &mut String) {
        let Some(api) = &self.api else { return };
        let _ = writeln!(
            out,
            "\n### API: `GET /api/v1/tickets/{{id}}`\n\n\
             {CLIENTS} keep-alive HTTP/1.1 clients (hyper, optimised build) on a 2-worker tokio runtime on the same \
             machine, random seeded ids, {} s warm-up then {} s measured. pgbench runs the \
             server's own statements (`store::queries::SESSION_AGENT` and `ENTITY_DOC`): \
             `pgbench -n -M prepared -c {CLIENTS} -j 2 -T {}`.\n",
            WARM_UP.as_secs(),
            self.duration.as_secs(),
            self.duration.as_secs(),
        );
        let mut rows = load_rows(api, None);
        if let Some(pg) = &self.pgbench {
            rows.extend(pgbench_rows(pg, api.requests_per_second()));
        }
        table(out, &rows);
        if let Some(e) = &api.first_error {
            let _ = writeln!(out, "\nFirst error: `{e}`");
        }
    }

    fn sync_table(&self, out: &mut String) {
        let Some(sync) = &self.sync else { return };
        let _ = writeln!(
            out,
            "\n### Sync: `GET /api/v1/sync` from 0\n\n\
             One client, pages of {MAX_LIMIT}, each parsed whole into `SyncPage`.\n"
        );
        let rate = sync.changes_per_second();
        let rows = [
            row("Changes", thousands(sync.changes as f64), "—".into()),
            row(
                "Ticket changes",
                thousands(sync.tickets as f64),
                goal(
                    &format!("= {}", thousands(f64::from(self.tickets))),
                    sync.tickets == u64::from(self.tickets),
                ),
            ),
            row("Pages", thousands(sync.pages as f64), "—".into()),
            row("Seconds", format!("{:.2}", sync.seconds), "—".into()),
            row(
                "Changes/s",
                thousands(rate),
                goal(&format!("≥ {}", thousands(SYNC_GOAL)), rate >= SYNC_GOAL),
            ),
        ];
        table(out, &rows);
    }
}

/// pgbench's figures and the API's rate beside them.
/// A load's rows: its rate, p50 and p99 (with the p99 goal in milliseconds, if any) and its
/// errors.
fn load_rows(api: &ApiResult, p99_goal: Option<f64>) -> Vec<[String; 3]> {
    let p99 = api.latencies.percentile_ms(99.0);
    vec![
        row(
            "Requests/s",
            thousands(api.requests_per_second()),
            "—".into(),
        ),
        row(
            "p50 latency",
            format!("{:.2} ms", api.latencies.percentile_ms(50.0)),
            "—".into(),
        ),
        row(
            "p99 latency",
            format!("{p99:.2} ms"),
            p99_goal.map_or("—".into(), |g| goal(&format!("< {g} ms"), p99 < g)),
        ),
        row(
            "Errors (not 200, warm-up included)",
            thousands(api.errors as f64),
            goal("0", api.errors == 0),
        ),
    ]
}

pub(super) fn pgbench_rows(pg: &PgbenchResult, api_per_second: f64) -> [[String; 3]; 4] {
    let ratio = api_per_second / pg.tps;
    [
        row("pgbench transactions/s", thousands(pg.tps), "—".into()),
        row(
            "pgbench latency average",
            format!("{:.2} ms", pg.latency_ms),
            "—".into(),
        ),
        row(
            "pgbench failed transactions",
            thousands(pg.failed as f64),
            goal("0", pg.failed == 0),
        ),
        row(
            "API requests/s ÷ pgbench transactions/s",
            format!("{ratio:.2}"),
            goal(&format!("≥ {API_RATIO_GOAL}"), ratio >= API_RATIO_GOAL),
        ),
    ]
}

fn row(name: &str, value: String, goal: String) -> [String; 3] {
    [name.to_string(), value, goal]
}

/// A goal with whether it was met.
fn goal(text: &str, met: bool) -> String {
    format!("{text} {}", if met { "✅" } else { "❌" })
}

fn table(out: &mut String, rows: &[[String; 3]]) {
    let _ = writeln!(out, "| Figure | Measured | Goal |\n|---|--:|---|");
    for [name, value, goal] in rows {
        let _ = writeln!(out, "| {name} | {value} | {goal} |");
    }
}

/// `x` rounded, with a comma every three digits: `1234567.8` → `1,234,568`.
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < -0.5 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(1000.0), "1,000");
        assert_eq!(thousands(1_234_567.8), "1,234,568");
        assert_eq!(thousands(-12_345.0), "-12,345");
    }
}
