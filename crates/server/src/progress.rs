//! A progress bar for long command-line work (`seed`): bar, count, rate and time left on a
//! terminal, redrawn at most ten times a second; a plain line every tenth of the way when
//! stderr is a log file.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    /// What the finished work is called: "seeded".
    verb: &'static str,
    what: &'static str,
    total: u64,
    started: Instant,
    last_draw: Option<Instant>,
    last_tenth: u64,
    terminal: bool,
}

impl Progress {
    /// `Progress::new("seeded", "tickets", n)` ends with "seeded n tickets in … s".
    pub fn new(verb: &'static str, what: &'static str, total: u64) -> Progress {
        Progress {
            verb,
            what,
            total,
            started: Instant::now(),
            last_draw: None,
            last_tenth: 0,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    pub fn update(&mut self, done: u64) {
        let elapsed = self.started.elapsed();
        let mut err = std::io::stderr().lock();
        if self.terminal {
            let due = self
                .last_draw
                .is_none_or(|t| t.elapsed() >= Duration::from_millis(100));
            if due || done >= self.total {
                self.last_draw = Some(Instant::now());
                let _ = write!(err, "\r{}", render(self.what, done, self.total, elapsed));
                let _ = err.flush();
            }
        } else {
            let tenth = (done * 10).checked_div(self.total).unwrap_or(10);
            if tenth > self.last_tenth {
                self.last_tenth = tenth;
                let _ = writeln!(err, "{}", render(self.what, done, self.total, elapsed));
            }
        }
    }

    /// Ends the bar's line and says how long the whole took.
    pub fn finish(self) {
        let secs = self.started.elapsed().as_secs_f64();
        let rate = self.total as f64 / secs.max(1e-9);
        let end = if self.terminal { "\n" } else { "" };
        eprintln!(
            "{end}{} {} {} in {secs:.1} s ({} per second)",
            self.verb,
            thousands(self.total),
            self.what,
            thousands(rate as u64)
        );
    }
}

/// `[#########-----------]  45%  450,000/1,000,000 tickets  12,345/s  ETA 44 s`
pub fn render(what: &str, done: u64, total: u64, elapsed: Duration) -> String {
    const WIDTH: u64 = 24;
    let fraction = if total == 0 {
        1.0
    } else {
        done.min(total) as f64 / total as f64
    };
    let filled = (fraction * WIDTH as f64).round() as u64;
    let bar: String = (0..WIDTH)
        .map(|i| if i < filled { '#' } else { '-' })
        .collect();
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
    let eta = if rate > 0.0 && done < total {
        format!("ETA {:.0} s", (total - done) as f64 / rate)
    } else {
        String::new()
    };
    format!(
        "[{bar}] {:>3.0}%  {}/{} {what}  {}/s  {eta}   ",
        fraction * 100.0,
        thousands(done),
        thousands(total),
        thousands(rate as u64),
    )
}

/// `1234567` → `"1,234,567"`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_shows_share_count_rate_and_time_left() {
        let line = render("tickets", 450_000, 1_000_000, Duration::from_secs(10));
        assert!(
            line.starts_with("[###########-------------]  45%"),
            "{line}"
        );
        assert!(line.contains("450,000/1,000,000 tickets"), "{line}");
        assert!(line.contains("45,000/s"), "{line}");
        assert!(line.contains("ETA 12 s"), "{line}");
        let done = render("tickets", 10, 10, Duration::from_secs(1));
        assert!(
            done.starts_with("[########################] 100%"),
            "{done}"
        );
        assert!(!done.contains("ETA"), "{done}");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
