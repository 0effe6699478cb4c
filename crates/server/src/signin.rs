//! The sign-in rules (docs/product.md §6): what a sign-in may send, how failed tries are
//! throttled per username and per client address across replicas, and how many password
//! hashes run at once.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Longest username accepted, in characters (rule 6.2).
pub const MAX_USERNAME_CHARS: usize = 128;
/// Longest password accepted, in bytes (rule 6.2).
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// Shortest password an account may be given (rule 6.1).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Failed tries a username gets per window (rule 6.2).
pub const MAX_FAILURES_PER_USERNAME: u32 = 5;
/// Failed tries one client address gets per window, over all usernames (rule 6.2).
pub const MAX_FAILURES_PER_ADDRESS: u32 = 50;
/// How long a throttle window lasts, in minutes (rule 6.2).
pub const WINDOW_MINUTES: i64 = 15;

/// The throttle key of a username.
pub fn username_key(username: &str) -> String {
    format!("user:{username}")
}

/// The throttle key of a client address.
pub fn address_key(address: std::net::IpAddr) -> String {
    format!("addr:{address}")
}

/// Why what a sign-in sent cannot be checked at all.
pub fn check_credentials(username: &str, password: &str) -> Result<(), crate::text::Refused> {
    if username.trim().is_empty() {
        return Err(crate::text::Refused("the username is empty".into()));
    }
    crate::text::check("the username", username, true, MAX_USERNAME_CHARS)?;
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(crate::text::Refused(format!(
            "the password is longer than {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    Ok(())
}

/// Whether a new password may be given to an account (rule 6.1).
pub fn check_new_password(password: &str) -> Result<(), crate::text::Refused> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(crate::text::Refused(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(crate::text::Refused(format!(
            "a password may be at most {MAX_PASSWORD_BYTES} bytes"
        )));
    }
    if password.chars().any(crate::text::is_refused) {
        return Err(crate::text::Refused(
            "a password may not hold control characters".into(),
        ));
    }
    Ok(())
}

/// Password hashing a few at a time (rule 6.3): argon2id takes 19 MiB and a core for tens of
/// milliseconds per hash, so a flood of sign-ins must not run them all at once. At most
/// `running` hash at a time, `waiting` more wait their turn; the rest are refused at once
/// ("busy", answered 503 with Retry-After) before anything is hashed.
#[derive(Clone)]
pub struct HashGate {
    running: Arc<Semaphore>,
    admitted: Arc<Semaphore>,
}

/// A place in the gate: hold it while hashing.
pub struct HashTurn {
    _running: OwnedSemaphorePermit,
    _admitted: OwnedSemaphorePermit,
}

impl HashGate {
    pub fn new(running: usize, waiting: usize) -> HashGate {
        HashGate {
            running: Arc::new(Semaphore::new(running.max(1))),
            admitted: Arc::new(Semaphore::new(running.max(1) + waiting)),
        }
    }

    /// One hash at a time per core, and four times as many waiting.
    pub fn for_this_machine() -> HashGate {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        HashGate::new(cores, cores * 4)
    }

    /// A turn to hash, once one is free; `None` at once when too many already wait.
    pub async fn enter(&self) -> Option<HashTurn> {
        let admitted = self.admitted.clone().try_acquire_owned().ok()?;
        let running = self
            .running
            .clone()
            .acquire_owned()
            .await
            .expect("the gate is never closed");
        Some(HashTurn {
            _running: running,
            _admitted: admitted,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_capped_before_anything_else() {
        assert!(check_credentials("alice", "alice-demo").is_ok());
        assert!(check_credentials(&"a".repeat(128), "x").is_ok());
        assert!(check_credentials(&"a".repeat(129), "x").is_err());
        assert!(check_credentials("alice", &"x".repeat(1025)).is_err());
        assert!(check_credentials("al\0ice", "x").is_err());
        assert!(check_credentials("  ", "x").is_err());
    }

    #[test]
    fn new_passwords_are_long_enough_and_plain() {
        assert!(check_new_password("correct horse battery").is_ok());
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("twelve chars\u{7}").is_err());
    }

    #[tokio::test]
    async fn the_gate_admits_running_plus_waiting_and_refuses_the_rest() {
        let gate = HashGate::new(1, 1);
        let first = gate.enter().await.expect("a turn");
        // The second waits for the first; the third is refused at once.
        let second = tokio::spawn({
            let gate = gate.clone();
            async move { gate.enter().await.is_some() }
        });
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        assert!(gate.enter().await.is_none());
        drop(first);
        assert!(second.await.unwrap());
        assert!(gate.enter().await.is_some());
    }
}
