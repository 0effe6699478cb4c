//! How a cache file is encrypted (SQLCipher's page size and page HMAC), the formats earlier
//! versions made, and the cache's files on disk.

use std::path::Path;

use sqlx::sqlite::SqliteConnectOptions;

use super::error::{Result, What};

/// How a cache file is encrypted: SQLCipher's page size and the HMAC that authenticates
/// every page. Both are fixed when the file is made; opening it needs the same again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CipherFormat {
    pub page_size: u32,
    /// SQLCipher's `cipher_hmac_algorithm`.
    pub hmac: &'static str,
}

/// The format of a new cache: 16 KiB pages, four times SQLCipher's default, since every page
/// is encrypted, authenticated and linked on its own; authenticated with HMAC-SHA-256 rather
/// than SQLCipher's default SHA-512, which processors compute in hardware. BENCHMARKS.md has
/// the measurements behind both.
pub const FORMAT: CipherFormat = CipherFormat {
    page_size: 16384,
    hmac: "HMAC_SHA256",
};

/// The formats of caches made by earlier versions, newest first: such a cache is opened with
/// its own, keeping what it holds (actions waiting in the outbox above all).
pub const LEGACY_FORMATS: [CipherFormat; 2] = [
    CipherFormat {
        page_size: 16384,
        hmac: "HMAC_SHA512",
    },
    CipherFormat {
        page_size: 4096,
        hmac: "HMAC_SHA512",
    },
];

/// Connection options that read (or make) the cache file at `path` in `format` with the raw
/// `key` (64 hex digits, see `vault::CacheKey::hex`). Also what the leak test and the bench
/// use to read a cache.
pub fn keyed_options(path: &Path, key: &str, format: CipherFormat) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        // SQLCipher's raw key: the first statement on every connection.
        .pragma("key", format!("\"x'{key}'\""))
        .pragma("cipher_page_size", format.page_size.to_string())
        .pragma("cipher_hmac_algorithm", format.hmac)
}

/// Deletes a cache and its key file from this computer.
pub fn delete(path: &Path) -> Result<()> {
    remove_cache_files(path)?;
    match std::fs::remove_file(path.with_extension("key")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e).what("delete the cache key"),
        _ => Ok(()),
    }
}

/// Removes a cache file with its WAL and shared-memory files.
pub(super) fn remove_cache_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).what("delete the cache file"),
        }
    }
    Ok(())
}
