//! The bench's PostgreSQL database: created fresh as `sportello_bench_<pid>` through `psql`
//! and dropped again when the guard goes, on success or error.

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// Where the bench finds a superuser, unless `SPORTELLO_BENCH_POSTGRES` says otherwise.
pub const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The admin connection URL from the environment or the default.
pub fn admin_url() -> String {
    std::env::var("SPORTELLO_BENCH_POSTGRES").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_string())
}

/// A database that exists while this value does.
pub struct BenchDatabase {
    admin_url: String,
    name: String,
    /// Connection URL of the new database.
    pub url: String,
}

impl BenchDatabase {
    pub fn create(admin_url: &str) -> Result<BenchDatabase> {
        let name = format!("sportello_bench_{}", std::process::id());
        let url = with_database(admin_url, &name)?;
        psql(admin_url, &format!("CREATE DATABASE {name}"))
            .with_context(|| format!("cannot create the bench database {name}"))?;
        eprintln!("bench: created database {name}");
        Ok(BenchDatabase {
            admin_url: admin_url.to_string(),
            name,
            url,
        })
    }

    /// The database's size on disk, in bytes.
    pub fn size(&self) -> Result<u64> {
        let out = psql(&self.url, "SELECT pg_database_size(current_database())")?;
        out.trim()
            .parse()
            .with_context(|| format!("unexpected database size {out:?}"))
    }
}

impl Drop for BenchDatabase {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        match psql(&self.admin_url, &sql) {
            Ok(_) => eprintln!("bench: dropped database {}", self.name),
            Err(e) => eprintln!("bench: cannot drop database {}: {e:#}", self.name),
        }
    }
}

/// `url` with its database name replaced by `name`, keeping any `?query`.
pub fn with_database(url: &str, name: &str) -> Result<String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        bail!("{url:?} is not a postgres:// URL");
    };
    let (location, query) = match rest.split_once('?') {
        Some((location, query)) => (location, Some(query)),
        None => (rest, None),
    };
    let authority = location.split('/').next().unwrap_or(location);
    let mut out = format!("{scheme}://{authority}/{name}");
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    Ok(out)
}

/// Runs one SQL command (or script: fed on stdin, so `:name` psql variables from `vars`
/// are interpolated) and returns its unaligned, tuples-only output.
pub fn psql_script(url: &str, script: &str, vars: &[(&str, String)]) -> Result<String> {
    let mut command = Command::new("psql");
    command.args(["-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", url]);
    for (name, value) in vars {
        command.args(["-v", &format!("{name}={value}")]);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run psql (is the PostgreSQL client installed?)")?;
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(script.as_bytes())
        .context("cannot write to psql")?;
    let out = child.wait_with_output().context("psql failed")?;
    if !out.status.success() {
        bail!(
            "psql {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs `sql` and answers its output's non-empty lines, trimmed.
pub fn psql_lines(url: &str, sql: &str) -> Result<Vec<String>> {
    Ok(psql(url, sql)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

/// Runs one SQL statement.
pub fn psql(url: &str, sql: &str) -> Result<String> {
    psql_script(url, &format!("{sql};\n"), &[])
}

/// `SHOW server_version`.
pub fn server_version(url: &str) -> Result<String> {
    Ok(psql(url, "SHOW server_version")?.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_is_replaced() {
        let cases = [
            (
                "postgres://postgres@127.0.0.1:5432/postgres",
                "postgres://postgres@127.0.0.1:5432/b",
            ),
            ("postgres://u:p@h", "postgres://u:p@h/b"),
            (
                "postgresql://h/db?sslmode=disable",
                "postgresql://h/b?sslmode=disable",
            ),
        ];
        for (url, want) in cases {
            assert_eq!(with_database(url, "b").unwrap(), want);
        }
        assert!(with_database("host=localhost", "b").is_err());
    }
}
