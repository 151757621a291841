//! Secrets that must never touch the disk: the database key, the key of the purged accounts'
//! tombstone HMACs, the «Запомнить меня» token and the delivery transports' credentials (SMTP
//! password, SMS gateway token). They live only in the OS keyring (Secret Service, Keychain,
//! Credential Manager).
//!
//! Each data directory has its own entries (the account name carries a digest of the directory's
//! path), so two profiles or two test runs never share or overwrite each other's key.

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

/// The keyring entries of one data directory (cheap to clone: the store is shared).
#[derive(Clone)]
pub struct Vault {
    scope: String,
    store: Arc<CredentialStore>,
}

impl Vault {
    /// Opens the platform's keyring for the entries of `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Self, ErrorCode> {
        let store = platform_store()?;
        Ok(Self { scope: scope_of(data_dir), store })
    }

    /// Reads the database key; `None` when there is none yet.
    pub fn database_key(&self) -> Result<Option<DbKey>, ErrorCode> {
        match self.entry("database-key")?.get_secret() {
            Ok(secret) => Ok(Some(DbKey(key_of(Zeroizing::new(secret))?))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(classify(&other)),
        }
    }

    /// Makes a new random database key and stores it.
    pub fn create_database_key(&self) -> Result<DbKey, ErrorCode> {
        let key = DbKey::random();
        self.entry("database-key")?.set_secret(&key.0[..]).map_err(|e| classify(&e))?;
        Ok(key)
    }

    /// The 256-bit key of the tombstones' identifier HMACs, made and stored on first need.
    ///
    /// It sits beside the database key for the same reason: a tombstone's HMAC of a phone is
    /// worthless to someone holding only the database file (no dictionary of phones helps
    /// without the key), yet Кабинет itself can still recognise a returning identifier.
    pub fn tombstone_key(&self) -> Result<Zeroizing<[u8; 32]>, ErrorCode> {
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
        match self.entry("session-token")?.get_password() {
            Ok(token) => Ok(Some(Zeroizing::new(token))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(classify(&other)),
        }
    }

    /// Remembers a session token for the next start.
    pub fn remember_token(&self, token: &str) -> Result<(), ErrorCode> {
        self.entry("session-token")?.set_password(token).map_err(|e| classify(&e))
    }

    /// Forgets the remembered session token; forgetting nothing is fine.
    pub fn forget_token(&self) -> Result<(), ErrorCode> {
        match self.entry("session-token")?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(other) => Err(classify(&other)),
        }
    }

    /// A transport credential, if stored.
    pub fn transport_secret(&self, secret: TransportSecret) -> Result<Option<Zeroizing<String>>, ErrorCode> {
        match self.entry(secret.entry_name())?.get_password() {
            Ok(value) => Ok(Some(Zeroizing::new(value))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(classify(&other)),
        }
    }

    /// Stores a transport credential; an empty value removes it.
    pub fn set_transport_secret(&self, secret: TransportSecret, value: &str) -> Result<(), ErrorCode> {
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
        Entry::new_in_store(&self.store, APP_ID, &format!("{name}:{}", self.scope)).map_err(|e| classify(&e))
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
