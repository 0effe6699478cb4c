//! The cache's key and how it is kept (rule 7.2). Each cache is encrypted with 256 random
//! bits. Beside the cache, in `PATH.key` (mode 0600), the key is kept only *wrapped*: sealed
//! with AES-256-GCM under a key derived from the agent's password by argon2id. Unwrapped, it
//! lives only in the OS keyring (on Linux the kernel's user keyring, which ends with the
//! agent's login session or a restart): a console started again in the same session opens its
//! cache at once; after a restart, for another OS user, or from a copied disk, nothing opens
//! it without the agent's password.
//!
//! A key file written by an earlier version holds the key in clear (64 hex digits): it still
//! opens its cache, and the next sign-in wraps it.

use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Why a cache's key could not be made, kept or read.
#[derive(Debug, thiserror::Error)]
#[error("the cache's key could not be kept ({0})")]
pub struct VaultError(String);

impl VaultError {
    /// What went wrong, in a few words.
    pub fn detail(&self) -> &str {
        &self.0
    }
}

type Result<T, E = VaultError> = std::result::Result<T, E>;

/// A cache's key.
#[derive(Clone, PartialEq, Eq)]
pub struct CacheKey([u8; 32]);

impl std::fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CacheKey(…)")
    }
}

impl CacheKey {
    /// 256 bits from the OS's random source.
    pub fn generate() -> Result<CacheKey> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(vault_error)?;
        Ok(CacheKey(bytes))
    }

    /// The key as SQLCipher takes it: 64 hex digits.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn from_hex(text: &str) -> Option<CacheKey> {
        let text = text.trim();
        if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(CacheKey(bytes))
    }
}

/// What `PATH.key` holds.
pub enum KeyFile {
    /// The key sealed under the agent's password.
    Wrapped(Wrapped),
    /// An earlier version's key in clear.
    Legacy(CacheKey),
}

/// The key sealed under a password: argon2id (`m` KiB, `t` passes, one lane) over the
/// password and `salt` gives the sealing key; AES-256-GCM with `nonce` seals the cache key,
/// authenticated with [`AAD`].
#[derive(Serialize, Deserialize)]
pub struct Wrapped {
    pub version: u32,
    pub m: u32,
    pub t: u32,
    pub salt: String,
    pub nonce: String,
    pub sealed: String,
}

const AAD: &[u8] = b"sportello/cache-key/v1";

fn vault_error(e: impl std::fmt::Display) -> VaultError {
    VaultError(e.to_string())
}

/// Where a cache's key file is.
pub fn key_path(cache: &Path) -> PathBuf {
    cache.with_extension("key")
}

/// Reads a cache's key file, if there is one.
pub fn read(cache: &Path) -> Result<Option<KeyFile>> {
    let text = match std::fs::read_to_string(key_path(cache)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(vault_error(e)),
    };
    if let Some(key) = CacheKey::from_hex(&text) {
        return Ok(Some(KeyFile::Legacy(key)));
    }
    match serde_json::from_str::<Wrapped>(&text) {
        Ok(wrapped) => Ok(Some(KeyFile::Wrapped(wrapped))),
        // Unreadable: as good as none; the cache it belonged to cannot be opened.
        Err(_) => Ok(None),
    }
}

fn sealing_key(password: &str, salt: &[u8], m: u32, t: u32) -> Result<[u8; 32]> {
    let params = argon2::Params::new(m, t, 1, Some(32)).map_err(vault_error)?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = [0u8; 32];
    argon
        .hash_password_into(password.as_bytes(), salt, &mut out)
        .map_err(vault_error)?;
    Ok(out)
}

/// Seals `key` under `password`, with a fresh salt and nonce.
pub fn wrap(key: &CacheKey, password: &str) -> Result<Wrapped> {
    let (m, t) = (19 * 1024, 2);
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut salt).map_err(vault_error)?;
    getrandom::fill(&mut nonce).map_err(vault_error)?;
    let sealing = sealing_key(password, &salt, m, t)?;
    let sealed = Aes256Gcm::new((&sealing).into())
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &key.0,
                aad: AAD,
            },
        )
        .map_err(|_| vault_error("sealing failed"))?;
    Ok(Wrapped {
        version: 1,
        m,
        t,
        salt: B64.encode(salt),
        nonce: B64.encode(nonce),
        sealed: B64.encode(sealed),
    })
}

/// The key, if `password` is the one it was sealed under.
pub fn unwrap(wrapped: &Wrapped, password: &str) -> Result<Option<CacheKey>> {
    let decode = |s: &str| B64.decode(s).map_err(vault_error);
    let (salt, nonce, sealed) = (
        decode(&wrapped.salt)?,
        decode(&wrapped.nonce)?,
        decode(&wrapped.sealed)?,
    );
    if wrapped.version != 1 || nonce.len() != 12 || wrapped.m > 1024 * 1024 || wrapped.t > 16 {
        return Err(vault_error("a key file of an unknown kind"));
    }
    let sealing = sealing_key(password, &salt, wrapped.m, wrapped.t)?;
    let opened = Aes256Gcm::new((&sealing).into()).decrypt(
        Nonce::from_slice(&nonce),
        Payload {
            msg: &sealed,
            aad: AAD,
        },
    );
    Ok(opened
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .map(CacheKey))
}

/// Writes the key file of `cache`, sealed under `password` (mode 0600, replacing any).
pub fn save(cache: &Path, key: &CacheKey, password: &str) -> Result<()> {
    let text = serde_json::to_string_pretty(&wrap(key, password)?).map_err(vault_error)?;
    let path = key_path(cache);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(vault_error)?;
    }
    let tmp = path.with_extension("key.tmp");
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&tmp).map_err(vault_error)?;
        file.write_all(text.as_bytes()).map_err(vault_error)?;
        file.sync_all().map_err(vault_error)?;
    }
    std::fs::rename(&tmp, &path).map_err(vault_error)
}

/// The key of `cache` opened with `password`, if its key file is sealed under that password
/// (or is an earlier version's clear key).
pub fn open_with_password(cache: &Path, password: &str) -> Result<Option<CacheKey>> {
    Ok(match read(cache)? {
        Some(KeyFile::Wrapped(w)) => unwrap(&w, password)?,
        Some(KeyFile::Legacy(key)) => Some(key),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_key_opens_with_its_password_only() {
        let key = CacheKey::generate().unwrap();
        let wrapped = wrap(&key, "alice-demo").unwrap();
        assert_eq!(unwrap(&wrapped, "alice-demo").unwrap(), Some(key.clone()));
        assert_eq!(unwrap(&wrapped, "alice-dem0").unwrap(), None);
        // The file never holds the key.
        let text = serde_json::to_string(&wrapped).unwrap();
        assert!(!text.contains(&key.hex()));
        // Two wraps of one key differ (fresh salt and nonce).
        assert_ne!(wrap(&key, "alice-demo").unwrap().sealed, wrapped.sealed);
    }

    #[test]
    fn key_files_are_read_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("c.sqlite");
        assert!(read(&cache).unwrap().is_none());
        let key = CacheKey::generate().unwrap();
        save(&cache, &key, "correct horse").unwrap();
        assert!(matches!(read(&cache).unwrap(), Some(KeyFile::Wrapped(_))));
        assert_eq!(
            open_with_password(&cache, "correct horse").unwrap(),
            Some(key.clone())
        );
        assert_eq!(open_with_password(&cache, "wrong").unwrap(), None);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(key_path(&cache))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(key_path(&cache), key.hex()).unwrap();
        assert!(matches!(read(&cache).unwrap(), Some(KeyFile::Legacy(k)) if k == key));
    }
}
