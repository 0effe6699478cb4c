//! The database alone: `pgbench` runs the very statements behind `GET /tickets/{id}` (read from
//! `sportello_server::store::queries`, so the script cannot drift from the server) with the
//! same concurrency as the API load. Running a script is shared with the resend part's
//! (`resend_script`).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use sportello_server::store::queries::{ENTITY_DOC, SESSION_AGENT};

use super::api::{CLIENTS, FIRST_TICKET};
use super::postgres::psql_script;

/// What pgbench measured.
pub struct PgbenchResult {
    pub tps: f64,
    pub latency_ms: f64,
    pub failed: u64,
}

/// The SQL of one transaction: the session lookup, then the ticket's document for ticket
/// number `:n` (a pgbench or psql variable).
pub fn transaction_sql(token: &str) -> Result<String> {
    let session = bind(SESSION_AGENT, &[&token_hash(token)])?;
    let ticket_id = format!("'T-' || lpad((:n + {FIRST_TICKET})::text, 7, '0')");
    let doc = bind(ENTITY_DOC, &["'ticket'", &ticket_id])?;
    Ok(format!("{session};\n{doc};\n"))
}

/// The hash the server keeps of a session's `token`, as a `bytea` literal.
pub fn token_hash(token: &str) -> String {
    let hash: String = sportello_server::credentials::token_hash(token)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("'\\x{hash}'::bytea")
}

/// The pgbench script: a random ticket number, then [`transaction_sql`].
pub fn script(token: &str, tickets: u32) -> Result<String> {
    Ok(format!(
        "\\set n random(0, {})\n{}",
        tickets - 1,
        transaction_sql(token)?
    ))
}

/// `sql` with each `$k` replaced by `args[k - 1]` in parentheses; every argument must be used.
pub fn bind(sql: &str, args: &[&str]) -> Result<String> {
    let mut out = String::with_capacity(sql.len());
    let mut used = vec![false; args.len()];
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let digits = rest[at + 1..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - at - 1);
        if digits == 0 {
            bail!("unexpected `$` in {sql:?}");
        }
        let k: usize = rest[at + 1..at + 1 + digits].parse()?;
        let Some(arg) = k.checked_sub(1).and_then(|i| args.get(i)) else {
            bail!("${k} has no argument in {sql:?}");
        };
        used[k - 1] = true;
        out.push('(');
        out.push_str(arg);
        out.push(')');
        rest = &rest[at + 1 + digits..];
    }
    out.push_str(rest);
    if let Some(unused) = used.iter().position(|u| !u) {
        bail!("${} is not in {sql:?}", unused + 1);
    }
    Ok(out)
}

/// Runs the transaction once through psql for the last ticket: the session must be found and
/// the document must be that ticket's.
pub fn check(db_url: &str, token: &str, tickets: u32) -> Result<()> {
    let last = tickets - 1;
    let out = psql_script(db_url, &transaction_sql(token)?, &[("n", last.to_string())])
        .context("the pgbench statements fail in psql")?;
    let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    let id = super::api::ticket_id(last);
    let ok =
        matches!(lines.as_slice(), [agent, doc] if agent.contains("alice") && doc.contains(&id));
    if !ok {
        bail!("the pgbench statements do not find the session and ticket {id}: {out:?}");
    }
    Ok(())
}

/// Writes the script to `dir` and runs pgbench with it for `duration`.
pub fn run(
    db_url: &str,
    token: &str,
    tickets: u32,
    duration: Duration,
    dir: &Path,
) -> Result<PgbenchResult> {
    check(db_url, token, tickets)?;
    let path = write_script(dir, "pgbench.sql", &script(token, tickets)?)?;
    run_timed(db_url, &path, duration)
}

/// Writes a pgbench script into `dir` as `name`.
pub fn write_script(dir: &Path, name: &str, script: &str) -> Result<PathBuf> {
    let path = dir.join(name);
    std::fs::write(&path, script).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Runs the script at `path` with [`CLIENTS`] clients on two threads for `duration`.
pub fn run_timed(db_url: &str, path: &Path, duration: Duration) -> Result<PgbenchResult> {
    eprintln!(
        "bench: pgbench -c {CLIENTS} for {} s with {}",
        duration.as_secs(),
        path.display()
    );
    let clients = CLIENTS.to_string();
    let seconds = duration.as_secs().to_string();
    let stdout = pgbench(db_url, path, &["-c", &clients, "-j", "2", "-T", &seconds])?;
    parse(&stdout).with_context(|| format!("unexpected pgbench output:\n{stdout}"))
}

/// Runs `pgbench -n -M prepared ARGS -f PATH DB_URL` and returns its standard output; an
/// error when it fails.
pub fn pgbench(db_url: &str, path: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("pgbench")
        .args(["-n", "-M", "prepared"])
        .args(args)
        .arg("-f")
        .arg(path)
        .arg(db_url)
        .output()
        .context("cannot run pgbench (is the PostgreSQL client installed?)")?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        bail!(
            "pgbench {}: {}{stdout}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(stdout)
}

/// Reads `tps = …`, `latency average = … ms` and the failed transactions, if reported.
pub fn parse(output: &str) -> Result<PgbenchResult> {
    let field = |prefix: &str| {
        output.lines().find_map(|l| {
            let value = l.trim().strip_prefix(prefix)?;
            value.split_whitespace().next()?.parse::<f64>().ok()
        })
    };
    Ok(PgbenchResult {
        tps: field("tps = ").context("no tps")?,
        latency_ms: field("latency average = ").context("no latency average")?,
        failed: field("number of failed transactions: ").unwrap_or(0.0) as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_bound_whole() {
        let sql = "SELECT $1, $2 WHERE x = $10";
        let args: Vec<String> = (1..=10).map(|i| format!("a{i}")).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(
            bind(sql, &args).unwrap_err().to_string(),
            format!("$3 is not in {sql:?}")
        );
        assert_eq!(
            bind("SELECT $1, $2 WHERE x = $1", &["a", "b"]).unwrap(),
            "SELECT (a), (b) WHERE x = (a)"
        );
        assert!(bind("SELECT $3", &["a"]).is_err());
        assert!(bind("SELECT $", &[]).is_err());
    }

    #[test]
    fn the_script_binds_the_server_statements() {
        let script = script("token", 20).unwrap();
        assert!(script.starts_with("\\set n random(0, 19)\n"));
        assert!(!script.contains('$'), "{script}");
        assert!(script.contains(
            "'\\x3c469e9d6c5875d37a43f353d4f88e61fcf812c66eee3457465a40b0da4153e0'::bytea"
        ));
        assert!(script.contains("lpad((:n + 100001)::text, 7, '0')"));
    }

    #[test]
    fn pgbench_figures_are_read() {
        let out = "number of transactions actually processed: 12345\n\
                   number of failed transactions: 0 (0.000%)\n\
                   latency average = 2.590 ms\n\
                   initial connection time = 20.361 ms\n\
                   tps = 12355.409011 (without initial connection time)\n";
        let r = parse(out).unwrap();
        assert_eq!((r.tps, r.latency_ms, r.failed), (12355.409011, 2.59, 0));
        assert!(parse("nothing").is_err());
    }
}
