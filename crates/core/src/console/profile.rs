//! Where a console keeps what it knows between runs: who last signed in where (`profile.json`,
//! readable by the agent only, rule 10.5), the cache file of each agent and server, and the key
//! that opens a cache without the agent's password.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sportello_protocol::AgentInfo;

use crate::types::{ConsoleError, ErrorCode, ErrorKind};
use crate::vault::{CacheKey, KeyFile};

/// Who last signed in where: lets the console reopen the right cache at start-up.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Profile {
    pub server_url: String,
    pub username: String,
    pub agent: Option<AgentInfo>,
}

impl Profile {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join("profile.json")
    }

    /// The profile kept under `data_dir`, if there is a readable one.
    pub fn read(data_dir: &Path) -> Option<Profile> {
        let text = std::fs::read_to_string(Profile::path(data_dir)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Keeps the profile under `data_dir`, replacing the last one whole.
    pub fn write(&self, data_dir: &Path) -> Result<(), ConsoleError> {
        let io = |e: std::io::Error| {
            ConsoleError::new(
                ErrorKind::Cache,
                ErrorCode::ProfileNotSaved,
                format!("Cannot save the sign-in profile: {e}"),
            )
            .with("detail", e)
        };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let path = Profile::path(data_dir);
        let tmp = path.with_extension("json.tmp");
        {
            // Who signs in where is the agent's alone (rule 10.5).
            use std::io::Write;
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create(true).truncate(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(&tmp).map_err(io)?;
            file.write_all(&serde_json::to_vec_pretty(self).expect("serialisable"))
                .map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)
    }

    /// This profile's cache file under `data_dir`.
    pub fn cache_path(&self, data_dir: &Path) -> PathBuf {
        cache_path(data_dir, &self.server_url, &self.username)
    }

    /// The key that opens `path` without the agent's password: unwrapped in this login
    /// session (the keyring), or kept in clear beside it by an earlier version.
    pub fn kept_key(&self, path: &Path) -> Option<CacheKey> {
        crate::secrets::load_cache_key(&self.server_url, &self.username).or_else(|| {
            match crate::vault::read(path) {
                Ok(Some(KeyFile::Legacy(key))) => Some(key),
                _ => None,
            }
        })
    }
}

/// The cache file for one agent on one server.
pub(super) fn cache_path(data_dir: &Path, server_url: &str, username: &str) -> PathBuf {
    let digest = Sha256::digest(format!("{server_url}\n{username}").as_bytes());
    let name: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    data_dir.join("caches").join(format!("{name}.sqlite"))
}

/// Where the console keeps its data: `SPORTELLO_DATA_DIR` if set (tests, portable installs),
/// else the OS data directory.
pub fn default_data_dir() -> PathBuf {
    std::env::var_os("SPORTELLO_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("sportello")))
        .unwrap_or_else(|| PathBuf::from(".sportello"))
}
