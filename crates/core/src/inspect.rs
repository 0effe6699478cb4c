//! The layers beneath [`Console`](crate::Console), opened for the bench and the tests only: a
//! cache opened from its file with the agent's password, the statements behind a queue page,
//! the cipher format a cache file is written in, and the keyring entries a console keeps. The
//! shell never uses this module.

use std::path::Path;

pub use crate::cache::{keyed_options, Cache, CacheError, CipherFormat, FORMAT, LEGACY_FORMATS};
pub use crate::cases::Cases;
pub use crate::queue::{QueueParams, QueueStatements};
pub use crate::secrets::{forget_cache_key, forget_token, load_token};
pub use crate::vault::{open_with_password, CacheKey};

/// Opens the cached cases at `path` as the console unlocks them: with the agent's password.
/// `None` when the password does not open them.
pub async fn open_cases(path: &Path, password: &str) -> Result<Option<Cases>, String> {
    let Some(key) = open_with_password(path, password).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    Cases::open(path, &key)
        .await
        .map(Some)
        .map_err(|e| e.to_string())
}
