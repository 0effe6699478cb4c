//! The one place Sportello reads the time. Server, console core and shell take `now` from a
//! [`Clock`] handed to them, never from the wall, so tests decide what time it is (product
//! rule 10.2): an in-process test stops the clock and moves it; a test that starts processes
//! shifts all of them by one offset, passed in [`OFFSET_ENV`], so they agree to the
//! millisecond on a simulated time (say 23:30 UTC on the last day of a month).
//!
//! [`test_clock`] is that simulated time for a test run: `SPORTELLO_TEST_CLOCK` (an RFC 3339
//! instant) or, unset, [`DEFAULT_TEST_START`]. The `xtask` tidy test keeps `Utc::now()` out of
//! every other file.

use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, Duration, Utc};

/// Environment variable with a process's clock offset from the wall clock, in milliseconds.
/// The binaries' entry points read it ([`Clock::from_env`]); tests set it on the processes
/// they start.
pub const OFFSET_ENV: &str = "SPORTELLO_CLOCK_OFFSET_MS";

/// Environment variable naming the instant a test run starts at (RFC 3339).
pub const TEST_START_ENV: &str = "SPORTELLO_TEST_CLOCK";

/// Where a test run's clock starts when [`TEST_START_ENV`] is not set: a weekday morning, far
/// from any midnight. `./dev test` runs the suites again near midnight and a month's end.
pub const DEFAULT_TEST_START: &str = "2026-11-23T09:00:00Z";

#[derive(Clone)]
pub struct Clock {
    source: Arc<Mutex<Source>>,
}

#[derive(Clone, Copy)]
enum Source {
    /// The wall clock, shifted.
    Running { offset: Duration },
    /// Stands still until moved.
    Stopped { at: DateTime<Utc> },
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.now().to_rfc3339())
    }
}

impl Clock {
    fn with(source: Source) -> Clock {
        Clock {
            source: Arc::new(Mutex::new(source)),
        }
    }

    /// The wall clock.
    pub fn system() -> Clock {
        Clock::shifted(Duration::zero())
    }

    /// The wall clock moved by `offset`; it runs.
    pub fn shifted(offset: Duration) -> Clock {
        Clock::with(Source::Running { offset })
    }

    /// A running clock that reads `at` now.
    pub fn starting_at(at: DateTime<Utc>) -> Clock {
        Clock::shifted(at - Utc::now())
    }

    /// A clock that stands at `at` until moved.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock::with(Source::Stopped { at })
    }

    /// The wall clock, shifted by [`OFFSET_ENV`] when it is set (tests): what a binary's
    /// entry point hands to everything it starts. An offset that is not a whole number of
    /// milliseconds is refused.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var(OFFSET_ENV) {
            Err(_) => Ok(Clock::system()),
            Ok(text) => text
                .trim()
                .parse::<i64>()
                .map(|ms| Clock::shifted(Duration::milliseconds(ms)))
                .map_err(|_| {
                    format!("{OFFSET_ENV}={text:?} is not a whole number of milliseconds")
                }),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match *self.source.lock().expect("clock lock") {
            Source::Running { offset } => Utc::now() + offset,
            Source::Stopped { at } => at,
        }
    }

    /// Moves the clock forward (or back, with a negative `by`), running or not.
    pub fn advance(&self, by: Duration) {
        match &mut *self.source.lock().expect("clock lock") {
            Source::Running { offset } => *offset += by,
            Source::Stopped { at } => *at += by,
        }
    }

    /// The offset from the wall clock, in milliseconds, to hand to a child process in
    /// [`OFFSET_ENV`] so it reads the same time as this clock.
    pub fn offset_millis(&self) -> i64 {
        (self.now() - Utc::now()).num_milliseconds()
    }
}

/// The machine's own time, in milliseconds since the Unix epoch, never shifted: only to line a
/// measurement up with another process's clock (a web page's `performance.timeOrigin`, which
/// the page's marks of a launch count from), never as the product's time (a [`Clock`] tells
/// that).
pub fn machine_epoch_millis() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// The instant this test run's clock started at: [`TEST_START_ENV`] or [`DEFAULT_TEST_START`].
pub fn test_start() -> DateTime<Utc> {
    let text = std::env::var(TEST_START_ENV).unwrap_or_else(|_| DEFAULT_TEST_START.into());
    text.parse()
        .unwrap_or_else(|_| panic!("{TEST_START_ENV}={text:?} is not an RFC 3339 instant"))
}

/// The running clock a test process shares with every process it starts: it read
/// [`test_start`] when first asked for and has run since.
pub fn test_clock() -> Clock {
    static CLOCK: OnceLock<Clock> = OnceLock::new();
    CLOCK
        .get_or_init(|| Clock::starting_at(test_start()))
        .clone()
}

/// The environment variable and value that make a child process read [`test_clock`].
pub fn test_clock_env() -> (&'static str, String) {
    (OFFSET_ENV, test_clock().offset_millis().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_clock_moves_only_when_told() {
        let at: DateTime<Utc> = "2027-02-28T23:30:00Z".parse().unwrap();
        let clock = Clock::fixed(at);
        assert_eq!(clock.now(), at);
        clock.advance(Duration::minutes(45));
        assert_eq!(
            clock.now(),
            "2027-03-01T00:15:00Z".parse::<DateTime<Utc>>().unwrap()
        );
    }

    #[test]
    fn a_shifted_clock_runs_from_where_it_was_put() {
        let at: DateTime<Utc> = "2027-01-01T00:30:00Z".parse().unwrap();
        let clock = Clock::starting_at(at);
        let read = clock.now();
        assert!(read >= at && read - at < Duration::seconds(5), "{read}");
        // A child process given the offset reads the same time.
        let child = Clock::shifted(Duration::milliseconds(clock.offset_millis()));
        assert!((child.now() - clock.now()).num_milliseconds().abs() < 1000);
        // Clones share the clock: moving one moves all.
        let other = clock.clone();
        clock.advance(Duration::hours(1));
        assert!(other.now() - at >= Duration::hours(1));
    }
}
