//! The window part (`--only ui`): builds the debug server, console and `ui-bench` (the
//! end-to-end harness's benchmark binary, `tests/src/bin/ui-bench.rs`) and runs it: the
//! first sync of 100,000 tickets in the real window while it records every frame and searches
//! every 250 ms, then the queue of those tickets scrolled at two speeds. Its JSON answer goes
//! into the report.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// Tickets in the window's cache (the figure).
pub const TICKETS: u32 = 100_000;

pub fn run(workspace: &Path, target_dir: &Path) -> Result<Value> {
    eprintln!("bench: building the console, the server and ui-bench (debug, as the e2e tests)");
    // Each binary by name: `--bin` alone would build only `ui-bench` of the three.
    super::server::cargo(
        workspace,
        &[
            "build",
            "-p",
            "sportello-server",
            "--bin",
            "sportello-server",
            "-p",
            "sportello-console",
            "--bin",
            "sportello-console",
            "-p",
            "sportello-e2e",
            "--bin",
            "ui-bench",
        ],
    )?;
    let out = Command::new(target_dir.join("debug").join("ui-bench"))
        .args(["--tickets", &TICKETS.to_string()])
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run ui-bench")?;
    if !out.status.success() {
        bail!("ui-bench failed: {}", out.status);
    }
    serde_json::from_slice(&out.stdout).context("ui-bench printed no JSON")
}
