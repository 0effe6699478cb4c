//! `cargo xtask bench`: measures the release server (seeding both engines, ticket reads against
//! pgbench running the same SQL, following the sync feed, password resends against pgbench
//! running the same SQL) and, with `--only console`, the console core ([`console`]: first
//! sync and search as you type), with `--only startup`, the console's start-up beside an
//! empty Tauri window ([`startup`]), and, with `--only audit`, the audit chain ([`audit`]); it
//! prints a Markdown report, also written to
//! `$CARGO_TARGET_DIR/bench/server.md`.
//!
//! One module per concern: [`options`] (the command line), [`postgres`] (the throwaway
//! database), [`server`] (build and run), [`seed`], [`api`], [`pgbench`], [`parcel`] (the
//! customer's tracking page), [`chat`] (live chat across replicas), [`sync`],
//! [`resend`] with [`shipments`] and [`resend_script`] (the parts), [`machine`] and [`report`]
//! (the output).

mod api;
mod audit;
mod chat;
mod console;
mod machine;
mod options;
mod parcel;
mod pgbench;
mod postgres;
mod report;
mod resend;
mod resend_script;
mod seed;
mod server;
mod shipments;
mod startup;
mod stats;
mod sync;
mod ui;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use options::{Options, Part};
use postgres::BenchDatabase;
use report::Report;
use server::Server;

/// Runs the bench with the arguments after `bench`, in an optimised build of this crate: an
/// unoptimised load generator would take much of the CPU the server is measured on.
pub fn run(args: Vec<String>) -> Result<()> {
    let options = Options::parse(args.clone())?;
    let workspace = super::codegen::workspace_root();
    if cfg!(debug_assertions) {
        return rerun_optimised(&workspace, &args);
    }
    let target = target_dir(&workspace);
    let out_dir = target.join("bench");
    std::fs::create_dir_all(&out_dir)
        .with_context(|| format!("cannot create {}", out_dir.display()))?;
    let admin_url = postgres::admin_url();
    let mut machine = machine::describe(&admin_url)?;
    machine.push(("Server".into(), server_log_note(&out_dir)));
    let mut report = Report {
        command: command_line(&args),
        machine,
        tickets: options.tickets,
        duration: options.duration,
        ..Report::default()
    };
    let binary = server::build(&workspace, &target)?;
    measure(&options, &binary, &admin_url, &out_dir, &mut report)?;

    let markdown = report.markdown();
    println!("{markdown}");
    let path = out_dir.join("server.md");
    std::fs::write(&path, &markdown).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("bench: report written to {}", path.display());
    Ok(())
}

/// Runs the parts asked for into `report`. The database goes when this returns, after the
/// server (declared later, dropped first).
fn measure(
    options: &Options,
    binary: &Path,
    admin_url: &str,
    out_dir: &Path,
    report: &mut Report,
) -> Result<()> {
    if options.wants(Part::Seed) {
        report.seeds.push(seed::sqlite(binary, options.tickets)?);
    }
    if options.wants(Part::Console) {
        let workspace = super::codegen::workspace_root();
        let cli = console::build(&workspace, &target_dir(&workspace))?;
        report.console = Some(console::run(binary, &cli, options.tickets, out_dir)?);
    }
    if options.wants(Part::Ui) {
        let workspace = super::codegen::workspace_root();
        report.ui = Some(ui::run(&workspace, &target_dir(&workspace))?);
    }
    if options.wants(Part::Startup) {
        let workspace = super::codegen::workspace_root();
        let target = target_dir(&workspace);
        let cli = console::build(&workspace, &target)?;
        report.startup = Some(startup::run(&workspace, &target, binary, &cli, out_dir)?);
    }
    if options.wants(Part::Audit) {
        report.audit = Some(audit::run(binary, admin_url, out_dir)?);
    }
    if !options.needs_postgres() {
        return Ok(());
    }
    let db = BenchDatabase::create(admin_url)?;
    let pg_seed = seed::postgres(binary, &db, options.tickets)?;
    if options.wants(Part::Seed) {
        report.seeds.push(pg_seed);
    }
    if !options.needs_server() {
        return Ok(());
    }
    let server = Server::start(binary, &db.url, &out_dir.join("server.log"))?;
    // The load generator shares the machine with the server: two workers, like its cores.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start a tokio runtime")?;
    let token = runtime.block_on(api::login(&server.base))?;
    if options.wants(Part::Api) {
        let load = api::load(&server.base, &token, options.tickets, options.duration);
        report.api = Some(runtime.block_on(load)?);
        report.pgbench = Some(pgbench::run(
            &db.url,
            &token,
            options.tickets,
            options.duration,
            out_dir,
        )?);
    }
    if options.wants(Part::Parcel) {
        let (api, pgbench) =
            parcel::run(&runtime, &server.base, &db.url, options.duration, out_dir)?;
        report.parcel = Some(api);
        report.parcel_pgbench = Some(pgbench);
    }
    if options.wants(Part::Chat) {
        report.chat = Some(chat::run(&runtime, binary, &server.base, &db.url, out_dir)?);
    }
    if options.wants(Part::Sync) {
        let follow = sync::follow(&server.base, &token, options.tickets);
        report.sync = Some(runtime.block_on(follow)?);
    }
    // Last: it changes the data the other parts read (send counters, outbox, feed).
    if options.wants(Part::Resend) {
        let (api, pgbench) = resend::run(
            &runtime,
            &server.base,
            &token,
            &db.url,
            options.duration,
            out_dir,
        )?;
        report.resend = Some(api);
        report.resend_pgbench = Some(pgbench);
    }
    Ok(())
}

/// Runs `cargo run --release -p xtask -- bench ARGS` and exits with its status.
fn rerun_optimised(workspace: &Path, args: &[String]) -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    eprintln!("bench: running the bench from an optimised build of xtask");
    let status = std::process::Command::new(&cargo)
        .args(["run", "--release", "-p", "xtask", "--", "bench"])
        .args(args)
        .current_dir(workspace)
        .status()
        .with_context(|| format!("cannot run {cargo}"))?;
    std::process::exit(status.code().unwrap_or(1));
}

/// `$CARGO_TARGET_DIR`, else the workspace's `target`.
fn target_dir(workspace: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| workspace.join(dir))
        .unwrap_or_else(|| workspace.join("target"))
}

/// How the server under test logs: its default is a line per request.
fn server_log_note(out_dir: &Path) -> String {
    let level = match std::env::var("RUST_LOG") {
        Ok(filter) => format!("`RUST_LOG={filter}`"),
        Err(_) => "the default level (info: a line per request)".into(),
    };
    let log = out_dir.join("server.log");
    format!("release build, logging at {level} to `{}`", log.display())
}

/// The command as typed, with the database setting if there was one (password hidden).
fn command_line(args: &[String]) -> String {
    let mut command = String::new();
    if let Ok(url) = std::env::var("SPORTELLO_BENCH_POSTGRES") {
        command = format!("SPORTELLO_BENCH_POSTGRES={} ", hide_password(&url));
    }
    command.push_str("cargo xtask bench");
    for arg in args {
        command.push(' ');
        command.push_str(arg);
    }
    command
}

/// `scheme://user:password@host…` → `scheme://user:***@host…`.
fn hide_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_string();
    };
    match rest[..at].split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::hide_password;

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(
            hide_password("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(hide_password("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(hide_password("postgres://h/db"), "postgres://h/db");
    }
}
