//! The start-up part (`--only startup`): the console's release build launched on a cache of
//! 100,000 tickets, offline, until its first queue row is on screen, side by side with an
//! empty Tauri 2 window showing one element (`xtask/empty-window`, built from the same lock
//! file), and the memory of both process trees. The cache is filled by the console core's own
//! first sync (`sportello-console-cli`, as `--only console`); the launches are made by
//! `startup-bench` (`tests/src/bin/startup-bench.rs`), whose JSON answer goes into the report.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// Tickets in the console's cache (the figure).
pub const TICKETS: u32 = 100_000;
/// Launches of each app, alternating (after one unmeasured launch of each).
const RUNS: u32 = 7;

pub fn run(
    workspace: &Path,
    target_dir: &Path,
    server: &Path,
    cli: &Path,
    out_dir: &Path,
) -> Result<Value> {
    build(workspace)?;
    let scratch = tempfile::Builder::new()
        .prefix("sportello-startup-bench")
        .tempdir()
        .context("cannot make a scratch directory")?;
    let served =
        super::console::seed_and_serve(server, scratch.path(), "startup", TICKETS, out_dir)?;
    let data = scratch.path().join("console-data");
    let (seconds, _) = super::console::sync(cli, &served.1.base, &data)?;
    eprintln!(
        "bench: {TICKETS} tickets cached in {seconds:.1} s; the server goes: offline start-ups"
    );
    drop(served);
    let out = Command::new(target_dir.join("debug").join("startup-bench"))
        .arg("--console")
        .arg(target_dir.join("release").join("sportello-console"))
        .arg("--empty")
        .arg(target_dir.join("release").join("sportello-empty-window"))
        .arg("--data")
        .arg(&data)
        .args(["--runs", &RUNS.to_string()])
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run startup-bench")?;
    if !out.status.success() {
        bail!("startup-bench failed: {}", out.status);
    }
    let mut answer: Value =
        serde_json::from_slice(&out.stdout).context("startup-bench printed no JSON")?;
    answer["tickets"] = TICKETS.into();
    Ok(answer)
}

/// The UI bundle, then the console and the empty window in release mode (one cargo run, so
/// Tauri is built once for both) and the launcher.
fn build(workspace: &Path) -> Result<()> {
    let ui = workspace.join("ui");
    if !ui.join("node_modules").is_dir() {
        bail!("the UI's packages are missing: run ./dev test (or npm ci in ui/) first");
    }
    eprintln!("bench: building the UI, the release console and the empty window");
    let status = Command::new("npm")
        .args(["run", "build", "--silent"])
        .current_dir(&ui)
        .stdout(Stdio::null())
        .status()
        .context("cannot run npm")?;
    if !status.success() {
        bail!("building the UI: {status}");
    }
    let cargo = |args: &[&str]| super::server::cargo(workspace, args);
    cargo(&[
        "build",
        "--release",
        "-p",
        "sportello-console",
        "-p",
        "sportello-empty-window",
    ])?;
    cargo(&["build", "-p", "sportello-e2e", "--bin", "startup-bench"])
}
