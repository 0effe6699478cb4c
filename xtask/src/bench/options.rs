//! The command line of `cargo xtask bench`: `[--tickets N] [--duration SECS] [--only PART]...`.

use std::time::Duration;

use anyhow::{bail, Context, Result};

pub const USAGE: &str =
    "usage: cargo xtask bench [--tickets N] [--duration SECS] [--only seed|api|parcel|chat|sync|resend|console|ui|startup|audit]...\n\
     (console, ui, startup and audit run only when asked: the console core's first sync and\n\
     search as you type; the window's frames during a sync and while scrolling the queue; the\n\
     console's start-up on 100,000 cached tickets beside an empty Tauri window; verifying a\n\
     million audit entries on the server and in a lead's console, and the lead view's filters)";

/// One measured part of the bench.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Seed,
    Api,
    /// The customer's "Track my parcel" page against pgbench on its statements.
    Parcel,
    /// Live chat round trips across two replicas with many chats open.
    Chat,
    Sync,
    Resend,
    /// The console core: first sync and search as you type. Only when asked for.
    Console,
    /// The console's window: frames and searches during a first sync, frames while scrolling
    /// the queue. Only when asked for.
    Ui,
    /// The console's start-up to its first queue row on a cache of 100,000 tickets, and its
    /// memory, beside an empty Tauri window. Only when asked for.
    Startup,
    /// A million audit entries verified on the server and in a lead's console, and the lead
    /// view's filters over them. Only when asked for.
    Audit,
}

impl Part {
    fn parse(s: &str) -> Result<Part> {
        Ok(match s {
            "seed" => Part::Seed,
            "api" => Part::Api,
            "parcel" => Part::Parcel,
            "chat" => Part::Chat,
            "sync" => Part::Sync,
            "resend" => Part::Resend,
            "console" => Part::Console,
            "ui" => Part::Ui,
            "startup" => Part::Startup,
            "audit" => Part::Audit,
            _ => bail!(
                "unknown part {s:?}: expected seed, api, parcel, chat, sync, resend, console, ui, startup or audit\n{USAGE}"
            ),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Tickets to seed.
    pub tickets: u32,
    /// How long the API loads and pgbench run (after the warm-up); the resend load stops
    /// sooner when its shipments are all used.
    pub duration: Duration,
    /// The parts asked for with `--only`; empty means all.
    pub only: Vec<Part>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tickets: 1_000_000,
            duration: Duration::from_secs(20),
            only: Vec::new(),
        }
    }
}

impl Options {
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options> {
        let mut options = Options::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (flag, inline) = match arg.split_once('=') {
                Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
                None => (arg, None),
            };
            if matches!(flag.as_str(), "-h" | "--help") {
                bail!("{USAGE}");
            }
            let value = match inline.or_else(|| args.next()) {
                Some(value) => value,
                None => bail!("{flag} needs a value\n{USAGE}"),
            };
            match flag.as_str() {
                "--tickets" => options.tickets = number(&flag, &value)?,
                "--duration" => options.duration = Duration::from_secs(number(&flag, &value)?),
                "--only" => options.only.push(Part::parse(&value)?),
                _ => bail!("unknown argument {flag:?}\n{USAGE}"),
            }
        }
        if options.tickets == 0 {
            bail!("--tickets must be at least 1");
        }
        if options.duration.is_zero() {
            bail!("--duration must be at least 1 second");
        }
        Ok(options)
    }

    /// Whether `part` is measured: every server part when none is named; the console parts
    /// only when named.
    pub fn wants(&self, part: Part) -> bool {
        self.only.contains(&part)
            || (self.only.is_empty()
                && !matches!(part, Part::Console | Part::Ui | Part::Startup | Part::Audit))
    }

    /// Whether the seeded PostgreSQL database is needed, measured or not.
    pub fn needs_postgres(&self) -> bool {
        self.wants(Part::Seed) || self.needs_server()
    }

    /// Whether a server must run.
    pub fn needs_server(&self) -> bool {
        self.wants(Part::Api)
            || self.wants(Part::Parcel)
            || self.wants(Part::Chat)
            || self.wants(Part::Sync)
            || self.wants(Part::Resend)
    }
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    value
        .replace('_', "")
        .parse()
        .with_context(|| format!("{flag} takes a whole number, not {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Options> {
        Options::parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_measure_everything() {
        let o = parse(&[]).unwrap();
        assert_eq!(o, Options::default());
        assert_eq!(o.tickets, 1_000_000);
        assert_eq!(o.duration, Duration::from_secs(20));
        assert!(o.wants(Part::Seed) && o.wants(Part::Api) && o.wants(Part::Sync));
        assert!(o.wants(Part::Resend));
    }

    #[test]
    fn flags_take_separate_or_inline_values() {
        let o = parse(&["--tickets", "20_000", "--duration=5", "--only", "api"]).unwrap();
        assert_eq!(o.tickets, 20_000);
        assert_eq!(o.duration, Duration::from_secs(5));
        assert!(o.wants(Part::Api) && !o.wants(Part::Seed) && !o.wants(Part::Sync));
        assert!(o.needs_postgres() && o.needs_server());
    }

    #[test]
    fn only_resend_needs_the_seeded_database_and_a_server() {
        let o = parse(&["--only", "resend"]).unwrap();
        assert!(o.wants(Part::Resend) && !o.wants(Part::Seed) && !o.wants(Part::Api));
        assert!(o.needs_postgres() && o.needs_server());
    }

    #[test]
    fn the_console_part_runs_only_when_named() {
        assert!(!parse(&[]).unwrap().wants(Part::Console));
        let o = parse(&["--only", "console"]).unwrap();
        assert!(o.wants(Part::Console) && !o.wants(Part::Seed));
        assert!(!o.needs_postgres() && !o.needs_server());
    }

    #[test]
    fn only_seed_needs_no_server() {
        let o = parse(&["--only", "seed"]).unwrap();
        assert!(o.needs_postgres() && !o.needs_server());
    }

    #[test]
    fn mistakes_are_refused() {
        for args in [
            &["--tickets"][..],
            &["--tickets", "many"],
            &["--tickets", "0"],
            &["--duration", "0"],
            &["--only", "everything"],
            &["--fast"],
        ] {
            assert!(parse(args).is_err(), "{args:?} was accepted");
        }
    }
}
