//! Secrets that must never touch the disk: the database key, the key of the purged accounts'
//! tombstone HMACs, the «Запомнить меня» token and the delivery transports' credentials (SMTP
//! password, SMS gateway token). They live only in the OS keyring (Secret Service, Keychain,
//! Credential Manager).
//!
//! Each data directory has its own entries (the account name carries a digest of the directory's
//! path), so two profiles or two test runs never share or overwrite each other's key.
//!
//! A server has no OS keyring, and several server processes on several machines must agree on
//! every key (a tombstone HMAC computed by one must be recognised by another). So a process given
//! a master key (`KABINET_MASTER_KEY`, 64 hex digits, or `KABINET_MASTER_KEY_FILE`) derives each
//! key from it instead — HMAC-SHA-256 of the master key over the key's name — and keeps no
//! session token: «Запомнить меня» is the client's, in its own keyring. The master key itself is
//! never written anywhere by Кабинет. Transport credentials on such a process come from its
//! environment (`KABINET_SMTP_PASSWORD`, `KABINET_SMS_TOKEN`), not from the supervisor's screen.

use std::path::Path;
use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KeyringError};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::config::APP_ID;
use crate::error::ErrorCode;

/// A 256-bit database key, wiped from memory when dropped.
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    fn random() -> Self {
        let mut key = Zeroizing::new([0u8; 32]);
        rand::fill(&mut key[..]);
        Self(key)
    }

    /// The key as SQLCipher's raw-key literal `"x'…'"`, built in the wiping buffer itself (no
    /// intermediate hex string, no copy of the key on the stack).
    pub fn sqlcipher_literal(&self) -> Zeroizing<String> {
        use std::fmt::Write;
        let mut literal = Zeroizing::new(String::with_capacity(6 + 2 * self.0.len()));
        literal.push_str("\"x'");
        for byte in self.0.iter() {
            let _ = write!(literal, "{byte:02x}");
        }
        literal.push_str("'\"");
        literal
    }
}

/// 32 bytes from the keyring into a wiping array, copied in place (no array on the stack).
fn key_of(secret: Zeroizing<Vec<u8>>) -> Result<Zeroizing<[u8; 32]>, ErrorCode> {
    let mut key = Zeroizing::new([0u8; 32]);
    if secret.len() != key.len() {
        return Err(ErrorCode::KeyWrong);
    }
    key.copy_from_slice(&secret);
    Ok(key)
}

/// The master key a server (or any process told so) derives its keys from, wiped when dropped.
#[derive(Clone)]
pub struct MasterKey(Arc<Zeroizing<[u8; 32]>>);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(…)")
    }
}

impl MasterKey {
    /// Parses 64 hex digits (surrounding whitespace ignored, as a key file ends with a newline);
    /// anything else is `key_wrong`.
    pub fn from_hex(text: &str) -> Result<Self, ErrorCode> {
        let text = text.trim();
        let mut key = Zeroizing::new([0u8; 32]);
        if text.len() != 64 || hex::decode_to_slice(text, &mut key[..]).is_err() {
            return Err(ErrorCode::KeyWrong);
        }
        Ok(Self(Arc::new(key)))
    }

    /// A new random master key as 64 hex digits (`kabinet-server --new-master-key`).
    pub fn generate_hex() -> Zeroizing<String> {
        let mut key = Zeroizing::new([0u8; 32]);
        rand::fill(&mut key[..]);
        Zeroizing::new(hex::encode(&key[..]))
    }

    /// The key named `name`: HMAC-SHA-256(master, "kabinet/v1/" ‖ name).
    fn derive(&self, name: &str) -> Zeroizing<[u8; 32]> {
        derive_from(&self.0, name)
    }
}

/// HMAC-SHA-256(root, "kabinet/v1/" ‖ name).
fn derive_from(root: &[u8; 32], name: &str) -> Zeroizing<[u8; 32]> {
    use hmac::{Hmac, Mac};
    // HMAC takes a key of any length: this cannot fail.
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(&root[..]) else { unreachable!() };
    mac.update(b"kabinet/v1/");
    mac.update(name.as_bytes());
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&mac.finalize().into_bytes());
    key
}

/// Where the keys come from.
#[derive(Clone)]
enum Backing {
    /// The OS keyring (the desktop).
    Keyring(Arc<CredentialStore>),
    /// Derived from a master key; transport credentials from the environment (a server).
    Master(MasterKey),
}

/// The keyring entries of one data directory (cheap to clone: the store is shared).
#[derive(Clone)]
pub struct Vault {
    scope: String,
    backing: Backing,
}

impl Vault {
    /// Opens the platform's keyring for the entries of `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Self, ErrorCode> {
        let store = platform_store()?;
        Ok(Self { scope: scope_of(data_dir), backing: Backing::Keyring(store) })
    }

    /// A vault whose keys derive from `master`, touching no OS keyring (a server).
    pub fn with_master_key(data_dir: &Path, master: MasterKey) -> Self {
        Self { scope: scope_of(data_dir), backing: Backing::Master(master) }
    }

    /// Whether the keys derive from a master key (no OS keyring, no remembered session).
    pub fn is_master(&self) -> bool {
        matches!(self.backing, Backing::Master(_))
    }

    /// Reads the database key; `None` when there is none yet.
    pub fn database_key(&self) -> Result<Option<DbKey>, ErrorCode> {
        if let Backing::Master(master) = &self.backing {
            return Ok(Some(DbKey(master.derive("database-key"))));
        }
        match self.entry("database-key")?.get_secret() {
            Ok(secret) => Ok(Some(DbKey(key_of(Zeroizing::new(secret))?))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(classify(&other)),
        }
    }

    /// Makes a new random database key and stores it.
    pub fn create_database_key(&self) -> Result<DbKey, ErrorCode> {
        if let Backing::Master(master) = &self.backing {
            return Ok(DbKey(master.derive("database-key")));
        }
        let key = DbKey::random();
        self.entry("database-key")?.set_secret(&key.0[..]).map_err(|e| classify(&e))?;
        Ok(key)
    }

    /// A key derived by `name` from this data directory's root secret — the master key on a
    /// server, the database key in the OS keyring on a desktop — so that it needs no entry, no
    /// file and no row of its own: the wrapping key of the accounts' data keys and the key of
    /// the blind indexes (`crate::sealing`). HMAC-SHA-256 over `"kabinet/v1/" ‖ name`.
    pub fn derived_key(&self, name: &str) -> Result<Zeroizing<[u8; 32]>, ErrorCode> {
        let [key] = self.derived_keys([name])?;
        Ok(key)
    }

    /// The keys derived by `names` from a desktop's database key already read — what
    /// [`Vault::derived_keys`] computes for a keyring-backed vault, without reading it again.
    pub fn derived_from_database_key<const N: usize>(
        key: &DbKey,
        names: [&str; N],
    ) -> [Zeroizing<[u8; 32]>; N] {
        names.map(|name| derive_from(&key.0, name))
    }

    /// [`Vault::derived_key`] of several names, reading the root secret once (one keyring call).
    pub fn derived_keys<const N: usize>(
        &self,
        names: [&str; N],
    ) -> Result<[Zeroizing<[u8; 32]>; N], ErrorCode> {
        if let Backing::Master(master) = &self.backing {
            return Ok(names.map(|name| master.derive(name)));
        }
        // A desktop's database key is made at its first open; a PostgreSQL database reached
        // from a desktop (tests, `kabinet-cli --database-url` without a master key) has none, and
        // gets one here to derive from.
        let root = match self.database_key()? {
            Some(key) => key,
            None => self.create_database_key()?,
        };
        Ok(names.map(|name| derive_from(&root.0, name)))
    }

    /// The 256-bit key of the tombstones' identifier HMACs, made and stored on first need.
    ///
    /// It sits beside the database key for the same reason: a tombstone's HMAC of a phone is
    /// worthless to someone holding only the database file (no dictionary of phones helps
    /// without the key), yet Кабинет itself can still recognise a returning identifier.
    pub fn tombstone_key(&self) -> Result<Zeroizing<[u8; 32]>, ErrorCode> {
        if let Backing::Master(master) = &self.backing {
            return Ok(master.derive("tombstone-hmac-key"));
        }
        let entry = self.entry("tombstone-hmac-key")?;
        match entry.get_secret() {
            Ok(secret) => key_of(Zeroizing::new(secret)),
            Err(KeyringError::NoEntry) => {
                let mut key = Zeroizing::new([0u8; 32]);
                rand::fill(&mut key[..]);
                entry.set_secret(&key[..]).map_err(|e| classify(&e))?;
                Ok(key)
            }
            Err(other) => Err(classify(&other)),
        }
    }

    /// The remembered session token, if any.
    pub fn remembered_token(&self) -> Result<Option<Zeroizing<String>>, ErrorCode> {
        if self.is_master() {
            return Ok(None);
        }
        match self.entry("session-token")?.get_password() {
            Ok(token) => Ok(Some(Zeroizing::new(token))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(classify(&other)),
        }
    }

    /// Remembers a session token for the next start.
    pub fn remember_token(&self, token: &str) -> Result<(), ErrorCode> {
        if self.is_master() {
            return Ok(());
        }
        self.entry("session-token")?.set_password(token).map_err(|e| classify(&e))
    }

    /// Forgets the remembered session token; forgetting nothing is fine.
    pub fn forget_token(&self) -> Result<(), ErrorCode> {
        if self.is_master() {
            return Ok(());
        }
        match self.entry("session-token")?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(other) => Err(classify(&other)),
        }
    }

    /// A transport credential, if stored.
    pub fn transport_secret(&self, secret: TransportSecret) -> Result<Option<Zeroizing<String>>, ErrorCode> {
        if self.is_master() {
            let value = std::env::var(secret.env_name()).ok().filter(|value| !value.is_empty());
            return Ok(value.map(Zeroizing::new));
        }
        match self.entry(secret.entry_name())?.get_password() {
            Ok(value) => Ok(Some(Zeroizing::new(value))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(classify(&other)),
        }
    }

    /// Stores a transport credential; an empty value removes it. A process with a master key
    /// takes its credentials from its environment only: setting one is `forbidden`.
    pub fn set_transport_secret(&self, secret: TransportSecret, value: &str) -> Result<(), ErrorCode> {
        if self.is_master() {
            return Err(ErrorCode::Forbidden);
        }
        let entry = self.entry(secret.entry_name())?;
        if value.is_empty() {
            return match entry.delete_credential() {
                Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
                Err(other) => Err(classify(&other)),
            };
        }
        entry.set_password(value).map_err(|e| classify(&e))
    }

    fn entry(&self, name: &str) -> Result<Entry, ErrorCode> {
        let Backing::Keyring(store) = &self.backing else { return Err(ErrorCode::KeyringUnavailable) };
        Entry::new_in_store(store, APP_ID, &format!("{name}:{}", self.scope)).map_err(|e| classify(&e))
    }
}

/// The credentials of the delivery transports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportSecret {
    /// The SMTP password.
    SmtpPassword,
    /// The SMS gateway's bearer token.
    SmsToken,
}

impl TransportSecret {
    fn entry_name(self) -> &'static str {
        match self {
            TransportSecret::SmtpPassword => "smtp-password",
            TransportSecret::SmsToken => "sms-gateway-token",
        }
    }

    /// The environment variable holding it on a process with a master key.
    pub fn env_name(self) -> &'static str {
        match self {
            TransportSecret::SmtpPassword => "KABINET_SMTP_PASSWORD",
            TransportSecret::SmsToken => "KABINET_SMS_TOKEN",
        }
    }
}

fn scope_of(data_dir: &Path) -> String {
    let canonical = data_dir.canonicalize().unwrap_or_else(|_| data_dir.to_path_buf());
    let digest = Sha256::digest(canonical.to_string_lossy().as_bytes());
    hex::encode(&digest[..8])
}

fn classify(error: &KeyringError) -> ErrorCode {
    match error {
        KeyringError::NoStorageAccess(_) => ErrorCode::KeyringLocked,
        KeyringError::BadEncoding(_) | KeyringError::BadDataFormat(..) => ErrorCode::KeyWrong,
        _ => ErrorCode::KeyringUnavailable,
    }
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>, ErrorCode> {
    let store = dbus_secret_service_keyring_store::Store::new().map_err(|_| ErrorCode::KeyringUnavailable)?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>, ErrorCode> {
    let store =
        apple_native_keyring_store::keychain::Store::new().map_err(|_| ErrorCode::KeyringUnavailable)?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn platform_store() -> Result<Arc<CredentialStore>, ErrorCode> {
    let store = windows_native_keyring_store::Store::new().map_err(|_| ErrorCode::KeyringUnavailable)?;
    Ok(store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_literal_is_built_in_place_as_before() {
        let key = DbKey(Zeroizing::new(std::array::from_fn(|i| i as u8 * 7)));
        let expected = format!("\"x'{}'\"", hex::encode(std::array::from_fn::<u8, 32, _>(|i| i as u8 * 7)));
        assert_eq!(*key.sqlcipher_literal(), expected);
        assert_eq!(key_of(Zeroizing::new(vec![9; 32])).map(|k| *k), Ok([9; 32]));
        assert_eq!(key_of(Zeroizing::new(vec![9; 31])).map(|k| *k), Err(ErrorCode::KeyWrong));
    }
}
