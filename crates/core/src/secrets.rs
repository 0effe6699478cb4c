//! The session token in the OS keyring, through the `keyring` crate: on Linux the kernel's
//! key store (keyutils), in the user's keyring, which every process of the agent shares and
//! which lasts until the agent logs out of the computer or it restarts; the Keychain on macOS;
//! the Credential Manager on Windows. One entry per server and agent; the token never touches
//! the cache or a plain file. A restarted console finds it there and goes on (replaying its
//! outbox) without asking for the password. Where no keyring answers, the token stays in
//! memory only and the agent signs in again after a restart. (Why the cache key is a 0600
//! file instead: ARCHITECTURE.md.)

/// The keyring service every entry is filed under.
const SERVICE: &str = "sportello";

#[cfg(target_os = "linux")]
fn entry(server_url: &str, username: &str) -> Option<keyring::Entry> {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    // The user keyring, not the session keyring `keyring` picks by default: a console
    // started from another session (a desktop launcher, a terminal, a test harness) must find
    // the token, and the persistent keyring `keyring` also links to is refused in containers.
    match KeyRing::from_special_id(KeyRingIdentifier::User, true) {
        Ok(user) => Some(keyring::Entry::new_with_credential(Box::new(
            keyring::keyutils::KeyutilsCredential {
                session: user,
                persistent: None,
                description: format!("{SERVICE}:{username}@{server_url}"),
            },
        ))),
        Err(e) => {
            tracing::warn!(error = ?e, "no kernel keyring: the session lasts until the console closes");
            None
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn entry(server_url: &str, username: &str) -> Option<keyring::Entry> {
    match keyring::Entry::new(SERVICE, &format!("{username}@{server_url}")) {
        Ok(entry) => Some(entry),
        Err(e) => {
            tracing::warn!(error = %e, "no OS keyring: the session lasts until the console closes");
            None
        }
    }
}

/// Keeps `token` for the agent `username` on `server_url`.
pub fn store_token(server_url: &str, username: &str, token: &str) {
    if let Some(entry) = entry(server_url, username) {
        if let Err(e) = entry.set_password(token) {
            tracing::warn!(error = %e, "the keyring refused the session token: it lasts until the console closes");
        }
    }
}

/// The token kept for the agent, if any.
pub fn load_token(server_url: &str, username: &str) -> Option<String> {
    match entry(server_url, username)?.get_password() {
        Ok(token) => Some(token),
        Err(keyring::Error::NoEntry) => None,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the session token from the keyring");
            None
        }
    }
}

/// Forgets the agent's token (signed out, or the server no longer takes it).
pub fn forget_token(server_url: &str, username: &str) {
    if let Some(entry) = entry(server_url, username) {
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => {}
            Err(e) => {
                tracing::warn!(error = %e, "cannot remove the session token from the keyring")
            }
        }
    }
}
