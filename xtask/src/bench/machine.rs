//! What the bench ran on: CPUs, memory and the PostgreSQL server's version.

use anyhow::{Context, Result};

/// Name and value pairs for the report.
pub fn describe(postgres_url: &str) -> Result<Vec<(String, String)>> {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let postgres = super::postgres::server_version(postgres_url)
        .context("cannot ask PostgreSQL its version")?;
    Ok(vec![
        ("CPUs (nproc)".into(), cpus.to_string()),
        (
            "CPU".into(),
            cpu_model(&cpuinfo).unwrap_or("unknown").into(),
        ),
        (
            "Memory".into(),
            total_memory_gib(&meminfo).map_or("unknown".into(), |g| format!("{g:.1} GiB")),
        ),
        ("PostgreSQL".into(), postgres),
    ])
}

fn cpu_model(cpuinfo: &str) -> Option<&str> {
    cpuinfo.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        (key.trim() == "model name").then(|| value.trim())
    })
}

fn total_memory_gib(meminfo: &str) -> Option<f64> {
    let line = meminfo.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_files_are_read() {
        let cpuinfo = "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n";
        assert_eq!(cpu_model(cpuinfo), Some("AMD EPYC 7B13"));
        let meminfo = "MemTotal:        8388608 kB\nMemFree: 1 kB\n";
        assert_eq!(total_memory_gib(meminfo), Some(8.0));
    }
}
