//! The server under test: built in release mode, then run as `serve` until the guard goes.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};

use anyhow::{bail, Context, Result};

const BINARY: &str = "sportello-server";

/// Runs `cargo ARGS` in the workspace (the cargo running this bench, else `cargo` on the
/// path); an error names the command when it fails.
pub fn cargo(workspace: &Path, args: &[&str]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(&cargo)
        .args(args)
        .current_dir(workspace)
        .status()
        .with_context(|| format!("cannot run {cargo}"))?;
    if !status.success() {
        bail!("cargo {}: {status}", args.join(" "));
    }
    Ok(())
}

/// Builds `sportello-server` in release mode and returns the binary's path.
pub fn build(workspace: &Path, target_dir: &Path) -> Result<PathBuf> {
    eprintln!("bench: building the release server");
    cargo(workspace, &["build", "--release", "-p", BINARY])?;
    let binary = target_dir.join("release").join(BINARY);
    if !binary.is_file() {
        bail!("the build finished but {} is missing", binary.display());
    }
    Ok(binary)
}

/// A running `sportello-server serve`, killed when dropped.
pub struct Server {
    child: Child,
    /// Kept open so the server never writes to a closed pipe.
    _stdout: BufReader<ChildStdout>,
    /// `http://HOST:PORT`.
    pub base: String,
}

impl Server {
    /// Starts serving `store` on a free local port, logging to `log`.
    pub fn start(binary: &Path, store: &str, log: &Path) -> Result<Server> {
        Server::start_with_keys(binary, store, None, log)
    }

    /// [`Server::start`] with a keys file (the audit part signs checkpoints with it).
    pub fn start_with_keys(
        binary: &Path,
        store: &str,
        keys: Option<&Path>,
        log: &Path,
    ) -> Result<Server> {
        let log_file =
            File::create(log).with_context(|| format!("cannot create {}", log.display()))?;
        let mut command = Command::new(binary);
        if let Some(keys) = keys {
            command.env("SPORTELLO_KEYS_FILE", keys);
        }
        let mut child = command
            .args([
                "serve",
                "--demo",
                "--store",
                store,
                "--listen",
                "127.0.0.1:0",
            ])
            // No mail transport: mail stays in the outbox, its worker paused.
            .env_remove("SPORTELLO_SMTP")
            .env_remove("SPORTELLO_MAIL_DIR")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log_file)
            .spawn()
            .with_context(|| format!("cannot start {}", binary.display()))?;
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut line = String::new();
        let read = stdout.read_line(&mut line);
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .map(str::to_string);
        let server = Server {
            child,
            _stdout: stdout,
            base: base.clone().unwrap_or_default(),
        };
        read.context("cannot read the server's first line")?;
        if base.is_none() {
            bail!(
                "the server did not start (first line {:?}); see {}",
                line.trim(),
                log.display()
            );
        }
        eprintln!("bench: server {} (log: {})", server.base, log.display());
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
