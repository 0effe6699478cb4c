//! The delivery-password secrets: code generation from the OS CSPRNG, the keyed hash that
//! verifies a code, and the AEAD seal that lets the customer read it back (rules 3.2–3.3).
//!
//! Keys come from a keys file named on the command line or in `SPORTELLO_KEYS_FILE`, never
//! from the store. Each key set has an id, stored beside every sealed code, so keys can
//! rotate: new codes use the active id, old codes still open with theirs.

use std::collections::BTreeMap;
use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{anyhow, bail, Context};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// A 6-digit delivery password. Deliberately has no `Debug` or `Display`: it cannot end up in
/// a log line or an error by accident.
pub struct Code(String);

impl Code {
    /// Six digits, uniform, from the operating system's CSPRNG.
    pub fn generate() -> Code {
        Code(format!("{:06}", OsRng.gen_range(0..1_000_000u32)))
    }

    /// Exposes the digits: only for the mail renderer and the verifier.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    active: String,
    keys: BTreeMap<String, KeyEntry>,
    /// The Ed25519 keys that sign the audit chain's checkpoints (rule 3.12), by id: base64 of
    /// each 32-byte secret. The last in `signing_active` signs; the others stay to list their
    /// public keys, so old checkpoints stay verifiable.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    signing: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signing_active: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct KeyEntry {
    /// Base64 of 32 bytes: the HMAC-SHA-256 key.
    hmac: String,
    /// Base64 of 32 bytes: the AES-256-GCM key.
    aead: String,
}

#[derive(Clone)]
struct KeySet {
    hmac: [u8; 32],
    aead: [u8; 32],
}

/// The loaded keys.
#[derive(Clone)]
pub struct Keys {
    active: String,
    sets: BTreeMap<String, KeySet>,
    /// The checkpoint signing keys, by id, and the one that signs.
    signing: BTreeMap<String, ed25519_dalek::SigningKey>,
    signing_active: Option<String>,
}

/// 32 random bytes from the OS, in base64.
fn random_key() -> String {
    let mut k = [0u8; 32];
    OsRng.fill_bytes(&mut k);
    B64.encode(k)
}

/// Adds a fresh signing key to the keys file at `path` under the next free id (`s1`, `s2`,
/// …) and makes it the one that signs, keeping everything else; its id.
fn add_signing_key(path: &Path) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the keys file {}", path.display()))?;
    let mut file: KeyFile = serde_json::from_str(&text)
        .with_context(|| format!("the keys file {} is not valid", path.display()))?;
    let id = (1..)
        .map(|n| format!("s{n}"))
        .find(|id| !file.signing.contains_key(id))
        .expect("an unused id");
    file.signing.insert(id.clone(), random_key());
    file.signing_active = Some(id.clone());
    crate::files::replace_private(path, serde_json::to_string_pretty(&file)?.as_bytes())
        .with_context(|| format!("cannot add a signing key to {}", path.display()))?;
    Ok(id)
}

/// A code at rest: what the store keeps.
pub struct SealedCode {
    pub key_id: String,
    pub mac: Vec<u8>,
    pub nonce: Vec<u8>,
    pub sealed: Vec<u8>,
}

impl Keys {
    /// Reads a keys file.
    /// Reads a keys file; one that other users can read is refused (rule 10.5).
    pub fn load(path: &Path) -> anyhow::Result<Keys> {
        crate::files::check_private(path, "the keys file")?;
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the keys file {}", path.display()))?;
        let file: KeyFile = serde_json::from_str(&text)
            .with_context(|| format!("the keys file {} is not valid", path.display()))?;
        let mut sets = BTreeMap::new();
        for (id, entry) in file.keys {
            let decode = |s: &str| -> anyhow::Result<[u8; 32]> {
                B64.decode(s)?
                    .try_into()
                    .map_err(|_| anyhow!("key {id} must be 32 bytes"))
            };
            sets.insert(
                id.clone(),
                KeySet {
                    hmac: decode(&entry.hmac)?,
                    aead: decode(&entry.aead)?,
                },
            );
        }
        if !sets.contains_key(&file.active) {
            bail!(
                "the keys file names active key {:?}, which it does not hold",
                file.active
            );
        }
        let mut signing = BTreeMap::new();
        for (id, secret) in &file.signing {
            let bytes: [u8; 32] = B64
                .decode(secret)?
                .try_into()
                .map_err(|_| anyhow!("signing key {id} must be 32 bytes"))?;
            signing.insert(id.clone(), ed25519_dalek::SigningKey::from_bytes(&bytes));
        }
        if let Some(active) = &file.signing_active {
            if !signing.contains_key(active) {
                bail!("the keys file names signing key {active:?}, which it does not hold");
            }
        }
        Ok(Keys {
            active: file.active,
            sets,
            signing,
            signing_active: file.signing_active,
        })
    }

    /// Adds a checkpoint signing key to a keys file that has none (one written before the
    /// audit chain was signed), keeping everything else, and loads it.
    pub fn load_adding_signing_key(path: &Path) -> anyhow::Result<Keys> {
        let keys = Keys::load(path)?;
        if keys.signing_active.is_some() {
            return Ok(keys);
        }
        add_signing_key(path)?;
        tracing::info!(file = %path.display(), "added an audit signing key to the keys file");
        Keys::load(path)
    }

    /// Rotates the checkpoint signing key (rule 3.12): a new key signs from the next start
    /// of a server with this file; the old ones stay listed, so the checkpoints they signed
    /// still verify. The new key's id.
    pub fn rotate_signing_key(path: &Path) -> anyhow::Result<String> {
        Keys::load(path)?;
        add_signing_key(path)
    }

    /// Signs the audit chain's head: entry `seq` with `hash`, at `at` (rule 3.12); `None`
    /// without a signing key.
    pub fn sign_checkpoint(
        &self,
        seq: u64,
        hash: &str,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Option<sportello_protocol::Checkpoint> {
        use ed25519_dalek::Signer;
        let id = self.signing_active.as_ref()?;
        let at = sportello_protocol::audit::to_micros(at);
        let message = sportello_protocol::Checkpoint::message(seq, hash, at);
        let signature = self.signing[id].sign(message.as_bytes());
        Some(sportello_protocol::Checkpoint {
            seq,
            hash: hash.to_string(),
            at,
            key_id: id.clone(),
            signature: sportello_protocol::audit::hex(&signature.to_bytes()),
        })
    }

    /// The public keys of every signing key, old ones included.
    pub fn audit_keys(&self) -> Vec<sportello_protocol::AuditKey> {
        self.signing
            .iter()
            .map(|(id, key)| sportello_protocol::AuditKey {
                key_id: id.clone(),
                public_key: sportello_protocol::audit::hex(key.verifying_key().as_bytes()),
            })
            .collect()
    }

    /// Loads the keys file, creating one with fresh random keys (mode 0600) when absent.
    pub fn load_or_create(path: &Path) -> anyhow::Result<Keys> {
        if !path.exists() {
            let file = KeyFile {
                active: "k1".into(),
                keys: BTreeMap::from([(
                    "k1".to_string(),
                    KeyEntry {
                        hmac: random_key(),
                        aead: random_key(),
                    },
                )]),
                signing: BTreeMap::from([("s1".to_string(), random_key())]),
                signing_active: Some("s1".into()),
            };
            crate::files::write_private(path, serde_json::to_string_pretty(&file)?.as_bytes())
                .with_context(|| format!("cannot write the keys file {}", path.display()))?;
        }
        Keys::load_adding_signing_key(path)
    }

    fn set(&self, id: &str) -> anyhow::Result<&KeySet> {
        self.sets
            .get(id)
            .ok_or_else(|| anyhow!("no key with id {id:?} in the keys file"))
    }

    /// Binds a code to its shipment and generation, so a sealed value cannot be moved.
    fn context(shipment_id: &str, generation: u32) -> Vec<u8> {
        format!("sportello/delivery-password/v1/{shipment_id}/{generation}").into_bytes()
    }

    fn mac(&self, set: &KeySet, shipment_id: &str, generation: u32, code: &str) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&set.hmac).expect("any key size");
        mac.update(&Self::context(shipment_id, generation));
        mac.update(b"\0");
        mac.update(code.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// The id of the keys new secrets are made with.
    pub fn active_id(&self) -> &str {
        &self.active
    }

    /// The secret of a customer's sign-in link `link_id`, made with the keys of `key_id`
    /// (rule 8.1): the store keeps only its hash, and the mail is written from the id when it
    /// leaves, so no link is ever stored.
    pub fn signin_token(&self, key_id: &str, link_id: &str) -> anyhow::Result<String> {
        let set = self.set(key_id)?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&set.hmac).expect("any key size");
        mac.update(b"sportello/signin-link/v1/");
        mac.update(link_id.as_bytes());
        Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
    }

    /// Keyed hash and AEAD ciphertext of a code, with the active key.
    pub fn seal(&self, shipment_id: &str, generation: u32, code: &Code) -> SealedCode {
        let set = &self.sets[&self.active];
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let cipher = Aes256Gcm::new_from_slice(&set.aead).expect("32-byte key");
        let aad = Self::context(shipment_id, generation);
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: code.reveal().as_bytes(),
                    aad: &aad,
                },
            )
            .expect("AES-GCM encryption of 6 bytes cannot fail");
        SealedCode {
            key_id: self.active.clone(),
            mac: self.mac(set, shipment_id, generation, code.reveal()),
            nonce: nonce.to_vec(),
            sealed,
        }
    }

    /// Opens a sealed code (for the customer's mail, never for an agent).
    pub fn open(
        &self,
        shipment_id: &str,
        generation: u32,
        at_rest: &SealedCode,
    ) -> anyhow::Result<Code> {
        let set = self.set(&at_rest.key_id)?;
        let cipher = Aes256Gcm::new_from_slice(&set.aead).expect("32-byte key");
        let aad = Self::context(shipment_id, generation);
        let plain = cipher
            .decrypt(
                Nonce::from_slice(&at_rest.nonce),
                Payload {
                    msg: &at_rest.sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| anyhow!("a sealed delivery password failed authentication"))?;
        Ok(Code(String::from_utf8(plain)?))
    }

    /// Checks a typed code against the keyed hash, in constant time.
    pub fn verify(
        &self,
        shipment_id: &str,
        generation: u32,
        at_rest: &SealedCode,
        typed: &str,
    ) -> bool {
        use subtle::ConstantTimeEq;
        let Ok(set) = self.set(&at_rest.key_id) else {
            return false;
        };
        let mac = self.mac(set, shipment_id, generation, typed);
        mac.ct_eq(&at_rest.mac).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> (tempfile::TempDir, Keys) {
        let dir = tempfile::tempdir().unwrap();
        let keys = Keys::load_or_create(&dir.path().join("keys.json")).unwrap();
        (dir, keys)
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..1000 {
            let code = Code::generate();
            assert_eq!(code.reveal().len(), 6);
            assert!(code.reveal().bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn a_sealed_code_verifies_and_opens_only_for_its_shipment_and_generation() {
        let (_dir, keys) = keys();
        let code = Code::generate();
        let sealed = keys.seal("S-1", 2, &code);
        assert!(!sealed
            .sealed
            .windows(6)
            .any(|w| w == code.reveal().as_bytes()));
        assert!(keys.verify("S-1", 2, &sealed, code.reveal()));
        assert!(!keys.verify("S-1", 3, &sealed, code.reveal()));
        assert!(!keys.verify("S-2", 2, &sealed, code.reveal()));
        let wrong = format!(
            "{:06}",
            (code.reveal().parse::<u32>().unwrap() + 1) % 1_000_000
        );
        assert!(!keys.verify("S-1", 2, &sealed, &wrong));
        assert_eq!(
            keys.open("S-1", 2, &sealed).unwrap().reveal(),
            code.reveal()
        );
        assert!(keys.open("S-1", 1, &sealed).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_created_keys_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.json");
        Keys::load_or_create(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
