//! Start-up at the floor, measured side by side in one run (`cargo xtask bench --only
//! startup` runs it): the console launched on a data directory whose cache already holds the
//! tickets (offline, its key kept in the session as after a sign-in) until it logs its first
//! queue row shown, and an empty Tauri 2 window (`xtask/empty-window`) until it says its one
//! element is shown; launches alternate, each timed from the spawn to that line on stderr.
//! Once shown and settled for a second, the memory of each whole process tree (the app and
//! every process under it, WebKit's web and network processes included) is read as PSS from
//! `/proc`. Prints one JSON object: every launch, the medians and the two ratios.
//!
//! Usage: `startup-bench --console BIN --empty BIN --data DIR [--runs N]`. Needs Xvfb, a
//! session bus (`dbus-daemon`) and the notification service's Python, as the end-to-end
//! tests.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use serde_json::json;
use sportello_e2e::processes::{Notifications, Xvfb};

/// What each app writes on stderr once its first content is on screen.
const CONSOLE_SHOWN: &str = "the first queue row is shown";
const EMPTY_SHOWN: &str = "the first element is shown";
/// How long an app may take to show anything before the run fails.
const PATIENCE: Duration = Duration::from_secs(90);
/// How long after showing the memory is read: the same for both apps.
const SETTLE: Duration = Duration::from_secs(1);

struct Launch {
    ms: f64,
    /// The steps the page marked on the way, in ms since the launch (`steps=name:ms,…` in the
    /// line the app wrote; see `ui/src/lib/launch.ts`).
    steps: Vec<(String, f64)>,
    processes: usize,
    /// Each process of the tree: its name, PSS and the anonymous (heap, stacks) part of it.
    parts: Vec<Part>,
}

struct Part {
    name: String,
    pss_kib: u64,
    anon_kib: u64,
}

impl Launch {
    /// The PSS of the whole tree.
    fn pss_kib(&self) -> u64 {
        self.parts.iter().map(|p| p.pss_kib).sum()
    }

    /// "name ms" for each step the page marked.
    fn steps_line(&self) -> String {
        self.steps
            .iter()
            .map(|(name, ms)| format!("{name} {ms:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "name PSS (ANON anon)" for each process, in MiB.
    fn parts(&self) -> String {
        self.parts
            .iter()
            .map(|p| {
                format!(
                    "{} {} ({} anon)",
                    p.name,
                    p.pss_kib / 1024,
                    p.anon_kib / 1024
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn main() -> Result<()> {
    let mut console = None;
    let mut empty = None;
    let mut data = None;
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--console" => console = Some(PathBuf::from(value()?)),
            "--empty" => empty = Some(PathBuf::from(value()?)),
            "--data" => data = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse()?,
            other => bail!("usage: startup-bench --console BIN --empty BIN --data DIR [--runs N] (not {other})"),
        }
    }
    let (console, empty, data) = (
        console.context("--console BIN")?,
        empty.context("--empty BIN")?,
        data.context("--data DIR")?,
    );
    let work = tempfile::tempdir()?;
    let xvfb = Xvfb::start()?;
    let bus = Notifications::start(&work.path().join("dbus"))?;
    // Both apps in the same environment; WebKit paints as the console would choose here.
    let gpu = std::fs::read_dir("/dev/dri").is_ok_and(|d| {
        d.flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    let envs: Vec<(&str, std::ffi::OsString)> = vec![
        ("DISPLAY", xvfb.display.clone().into()),
        ("DBUS_SESSION_BUS_ADDRESS", bus.address.clone().into()),
        ("SPORTELLO_DATA_DIR", data.clone().into()),
        ("XDG_CONFIG_HOME", work.path().join("config").into()),
        (
            "WEBKIT_DISABLE_COMPOSITING_MODE",
            if gpu { "0" } else { "1" }.into(),
        ),
    ];

    // One launch of each first, unmeasured: files read once are in the page cache for all.
    launch(&console, CONSOLE_SHOWN, &envs)?;
    launch(&empty, EMPTY_SHOWN, &envs)?;
    let (mut theirs, mut floor) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let c = launch(&console, CONSOLE_SHOWN, &envs)?;
        let e = launch(&empty, EMPTY_SHOWN, &envs)?;
        eprintln!(
            "startup-bench: run {}: console {:.0} ms ({}), {} MiB in {} processes [{}]; empty window {:.0} ms ({}), {} MiB in {} [{}]",
            run + 1,
            c.ms,
            c.steps_line(),
            c.pss_kib() / 1024,
            c.processes,
            c.parts(),
            e.ms,
            e.steps_line(),
            e.pss_kib() / 1024,
            e.processes,
            e.parts()
        );
        theirs.push(c);
        floor.push(e);
    }
    let summary = |launches: &[Launch]| {
        json!({
            "ms": launches.iter().map(|l| l.ms).collect::<Vec<_>>(),
            "pss_mib": launches.iter().map(|l| l.pss_kib() as f64 / 1024.0).collect::<Vec<_>>(),
            "processes": launches.first().map_or(0, |l| l.processes),
            "median_ms": median(launches.iter().map(|l| l.ms).collect()),
            "median_pss_mib": median(launches.iter().map(|l| l.pss_kib() as f64 / 1024.0).collect()),
            "steps_median_ms": steps_median(launches),
            "last_by_process": launches.last().map(Launch::parts),
        })
    };
    let (c, e) = (summary(&theirs), summary(&floor));
    let ratio = |k: &str| c[k].as_f64().unwrap_or(f64::NAN) / e[k].as_f64().unwrap_or(f64::NAN);
    let out = json!({
        "runs": runs,
        "ms_ratio": ratio("median_ms"),
        "pss_ratio": ratio("median_pss_mib"),
        "console": c,
        "empty": e,
    });
    println!("{out}");
    Ok(())
}

/// Launches `app`, waits for `shown` on its stderr, lets it settle, reads the memory of its
/// process tree and ends it (and everything under it).
fn launch(app: &Path, shown: &str, envs: &[(&str, std::ffi::OsString)]) -> Result<Launch> {
    let mut command = Command::new(app);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // Its own process group, so ending it ends WebKit's processes too.
        .process_group(0);
    for (k, v) in envs {
        command.env(k, v);
    }
    let started = Instant::now();
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", app.display()))?;
    let stderr = child.stderr.take().context("the app's stderr")?;
    let (tx, rx) = mpsc::channel();
    let wanted = shown.to_string();
    std::thread::spawn(move || {
        let mut told = false;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if !told && line.contains(&wanted) {
                told = true;
                let _ = tx.send((Instant::now(), steps_of(&line)));
            }
        }
    });
    let result = match rx.recv_timeout(PATIENCE) {
        Ok((at, steps)) => {
            let ms = at.duration_since(started).as_secs_f64() * 1000.0;
            std::thread::sleep(SETTLE);
            let tree = tree(child.id());
            let parts: Vec<Part> = tree.iter().filter_map(|p| part(*p)).collect();
            Ok(Launch {
                ms,
                steps,
                processes: tree.len(),
                parts,
            })
        }
        Err(_) => Err(anyhow::anyhow!(
            "{} showed nothing within {PATIENCE:?}",
            app.display()
        )),
    };
    end(&mut child)?;
    result
}

/// Ends the app's process tree, politely first, and waits until none of it is left (a
/// console still ending would take the next launch's place as the one running console).
fn end(child: &mut Child) -> Result<()> {
    let group = format!("-{}", child.id());
    let left = tree(child.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while child.try_wait()?.is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    let _ = child.wait();
    for pid in left {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{}", child.id())).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(())
}

/// `root` and every process descending from it.
fn tree(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // The name in parentheses may hold spaces: the fields start after its last ')'.
            let after = &stat[stat.rfind(')')? + 2..];
            let ppid = after.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        i += 1;
    }
    found
}

/// A process's proportional set size (its private memory plus its share of what it shares),
/// with the anonymous part of it, and its name.
fn part(pid: u32) -> Option<Part> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    Some(Part {
        name: name.trim().to_string(),
        pss_kib: field("Pss:")?,
        anon_kib: field("Pss_Anon:").unwrap_or(0),
    })
}

/// The `steps=name:ms,…` of an app's shown line, in its order (none when it has none). The
/// console colours its log only on a terminal; should a line carry terminal escapes all the
/// same (an older build did), they are skipped.
fn steps_of(line: &str) -> Vec<(String, f64)> {
    let mut plain = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // `ESC [ … letter`
            chars.by_ref().find(char::is_ascii_alphabetic);
        } else {
            plain.push(c);
        }
    }
    let Some(list) = plain
        .split_whitespace()
        .find_map(|w| w.strip_prefix("steps="))
    else {
        return Vec::new();
    };
    list.split(',')
        .filter_map(|step| {
            let (name, ms) = step.split_once(':')?;
            Some((name.to_string(), ms.parse().ok()?))
        })
        .collect()
}

/// Each step's median over the launches, in the order of the first launch's steps.
fn steps_median(launches: &[Launch]) -> serde_json::Value {
    let names = launches.first().map_or(Vec::new(), |l| {
        l.steps.iter().map(|(n, _)| n.clone()).collect()
    });
    let medians = names.iter().map(|name| {
        let at = launches
            .iter()
            .filter_map(|l| l.steps.iter().find(|(n, _)| n == name).map(|(_, ms)| *ms))
            .collect();
        json!([name, median(at)])
    });
    serde_json::Value::Array(medians.collect())
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn steps_are_read_from_plain_and_coloured_lines() {
        let want = vec![
            ("navigation".to_string(), 310.0),
            ("page-asked".to_string(), 402.0),
        ];
        let plain = "the first element is shown after_ms=420 steps=navigation:310,page-asked:402";
        assert_eq!(super::steps_of(plain), want);
        let coloured = "\u{1b}[2m2026-12-02T16:25:00Z\u{1b}[0m \u{1b}[32m INFO\u{1b}[0m the first queue row is shown \u{1b}[3mafter_ms\u{1b}[0m\u{1b}[2m=\u{1b}[0m420 \u{1b}[3msteps\u{1b}[0m\u{1b}[2m=\u{1b}[0mnavigation:310,page-asked:402";
        assert_eq!(super::steps_of(coloured), want);
        assert!(super::steps_of("the first element is shown after_ms=420").is_empty());
    }
}
