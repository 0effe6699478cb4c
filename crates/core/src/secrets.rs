//! The session token and the cache's unwrapped key in the OS keyring, through the `keyring`
//! crate: on Linux the kernel's key store (keyutils), in the user's keyring, which every
//! process of the agent shares and which lasts until the agent logs out of the computer or it
//! restarts; the Keychain on macOS; the Credential Manager on Windows. One entry of each per
//! server and agent; neither touches the cache or a plain file. A restarted console finds
//! them there and goes on (replaying its outbox) without asking for the password; after a
//! restart of the computer the agent's password unwraps the cache key again (`vault.rs`).
//! Where no keyring answers, both stay in memory only.

/// The keyring service every entry is filed under.
const SERVICE: &str = "sportello";

/// What an entry holds.
#[derive(Clone, Copy)]
enum Kind {
    Token,
    CacheKey,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Token => SERVICE,
            Kind::CacheKey => "sportello-cache",
        }
    }
}

#[cfg(target_os = "linux")]
fn entry(kind: Kind, server_url: &str, username: &str) -> Option<keyring::Entry> {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    // The user keyring, not the session keyring `keyring` picks by default: a console
    // started from another session (a desktop launcher, a terminal, a test harness) must find
    // the token, and the persistent keyring `keyring` also links to is refused in containers.
    match KeyRing::from_special_id(KeyRingIdentifier::User, true) {
        Ok(user) => Some(keyring::Entry::new_with_credential(Box::new(
            keyring::keyutils::KeyutilsCredential {
                session: user,
                persistent: None,
                description: format!("{}:{username}@{server_url}", kind.prefix()),
            },
        ))),
        Err(e) => {
            tracing::warn!(error = ?e, "no kernel keyring: the session lasts until the console closes");
            None
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn entry(kind: Kind, server_url: &str, username: &str) -> Option<keyring::Entry> {
    match keyring::Entry::new(kind.prefix(), &format!("{username}@{server_url}")) {
        Ok(entry) => Some(entry),
        Err(e) => {
            tracing::warn!(error = %e, "no OS keyring: the session lasts until the console closes");
            None
        }
    }
}

fn keep(kind: Kind, server_url: &str, username: &str, secret: &str) {
    if let Some(entry) = entry(kind, server_url, username) {
        if let Err(e) = entry.set_password(secret) {
            tracing::warn!(error = %e, "the keyring refused a secret: it lasts until the console closes");
        }
    }
}

fn kept(kind: Kind, server_url: &str, username: &str) -> Option<String> {
    match entry(kind, server_url, username)?.get_password() {
        Ok(secret) => Some(secret),
        Err(keyring::Error::NoEntry) => None,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read a secret from the keyring");
            None
        }
    }
}

fn forget(kind: Kind, server_url: &str, username: &str) {
    if let Some(entry) = entry(kind, server_url, username) {
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => {}
            Err(e) => tracing::warn!(error = %e, "cannot remove a secret from the keyring"),
        }
    }
}

/// Keeps `token` for the agent `username` on `server_url`.
pub fn store_token(server_url: &str, username: &str, token: &str) {
    keep(Kind::Token, server_url, username, token)
}

/// The token kept for the agent, if any.
pub fn load_token(server_url: &str, username: &str) -> Option<String> {
    kept(Kind::Token, server_url, username)
}

/// Forgets the agent's token (signed out, or the server no longer takes it).
pub fn forget_token(server_url: &str, username: &str) {
    forget(Kind::Token, server_url, username)
}

/// Keeps the agent's unwrapped cache key for this login session.
pub fn store_cache_key(server_url: &str, username: &str, key: &crate::vault::CacheKey) {
    keep(Kind::CacheKey, server_url, username, &key.hex())
}

/// The agent's cache key, if this login session unwrapped it.
pub fn load_cache_key(server_url: &str, username: &str) -> Option<crate::vault::CacheKey> {
    crate::vault::CacheKey::from_hex(&kept(Kind::CacheKey, server_url, username)?)
}

/// Forgets the agent's unwrapped cache key (signed out, or the cache was deleted).
pub fn forget_cache_key(server_url: &str, username: &str) {
    forget(Kind::CacheKey, server_url, username)
}
