//! Where the data lives and which keyring entry guards it.
//!
//! The app and the CLI must find the same database, so the rule is the core's: the OS app-data
//! directory (`$XDG_DATA_HOME/ru.kabinet.desktop` on Linux, `~/Library/Application Support/…` on
//! macOS, `%APPDATA%\…` on Windows), overridden by `KABINET_DATA_DIR` or the CLI's `--data-dir`.

use std::path::PathBuf;

use crate::i18n::Locale;

/// The application identifier: the data folder's name and the keyring service.
pub const APP_ID: &str = "ru.kabinet.desktop";

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "KABINET_DATA_DIR";
/// The environment variable naming a PostgreSQL database to use instead of the encrypted file.
pub const DATABASE_URL_ENV: &str = "KABINET_DATABASE_URL";
/// The environment variable naming a streaming replica of that PostgreSQL database, for reads
/// that tolerate its lag (history pages).
pub const REPLICA_URL_ENV: &str = "KABINET_REPLICA_URL";
/// The environment variable holding the master key (64 hex digits) a server derives its keys from.
pub const MASTER_KEY_ENV: &str = "KABINET_MASTER_KEY";
/// The environment variable naming a file that holds the master key instead.
pub const MASTER_KEY_FILE_ENV: &str = "KABINET_MASTER_KEY_FILE";

/// How to open Кабинет.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding the encrypted database.
    pub data_dir: PathBuf,
    /// The language of messages until the citizen picks another.
    pub locale: Locale,
    /// A PostgreSQL database (`postgres://…`) to use instead of the encrypted file of the data
    /// directory: `KABINET_DATABASE_URL`, or the CLI's `--database-url`.
    pub database_url: Option<String>,
    /// The master key's text (64 hex digits) when keys derive from it instead of the OS keyring
    /// (`crate::vault`): `KABINET_MASTER_KEY`, or the content of `KABINET_MASTER_KEY_FILE`.
    /// Checked when the data is opened (`key_wrong` if malformed).
    pub master_key: Option<zeroize::Zeroizing<String>>,
    /// A streaming replica of the PostgreSQL database (`KABINET_REPLICA_URL`): history pages are
    /// read there while it answers (`Context::lagging_read`).
    pub replica_url: Option<String>,
}

impl Config {
    /// The data directory from `KABINET_DATA_DIR`, else the OS app-data directory.
    pub fn from_env() -> Self {
        let data_dir = std::env::var_os(DATA_DIR_ENV)
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(default_data_dir);
        let database_url = std::env::var(DATABASE_URL_ENV).ok().filter(|url| !url.trim().is_empty());
        let replica_url = std::env::var(REPLICA_URL_ENV).ok().filter(|url| !url.trim().is_empty());
        Self { data_dir, locale: Locale::Ru, database_url, master_key: master_key_from_env(), replica_url }
    }

    /// An explicit data directory.
    pub fn with_data_dir(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            locale: Locale::Ru,
            database_url: None,
            master_key: None,
            replica_url: None,
        }
    }

    /// The same configuration on a PostgreSQL database.
    pub fn with_database_url(mut self, url: impl Into<String>) -> Self {
        self.database_url = Some(url.into());
        self
    }

    /// The same configuration with a streaming replica for lag-tolerant reads.
    pub fn with_replica_url(mut self, url: impl Into<String>) -> Self {
        self.replica_url = Some(url.into());
        self
    }

    /// The same configuration with keys derived from a master key (64 hex digits).
    pub fn with_master_key(mut self, key: impl Into<String>) -> Self {
        self.master_key = Some(zeroize::Zeroizing::new(key.into()));
        self
    }

    /// The database file inside the data directory.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("kabinet.db")
    }
}

/// `KABINET_MASTER_KEY`, else the content of the file `KABINET_MASTER_KEY_FILE` names (an
/// unreadable file gives an empty key, refused as `key_wrong` when the data is opened).
fn master_key_from_env() -> Option<zeroize::Zeroizing<String>> {
    if let Some(key) = std::env::var(MASTER_KEY_ENV).ok().filter(|key| !key.trim().is_empty()) {
        return Some(zeroize::Zeroizing::new(key));
    }
    let file = std::env::var_os(MASTER_KEY_FILE_ENV).filter(|file| !file.is_empty())?;
    Some(zeroize::Zeroizing::new(std::fs::read_to_string(file).unwrap_or_default()))
}

fn default_data_dir() -> PathBuf {
    dirs::data_dir().unwrap_or_else(std::env::temp_dir).join(APP_ID)
}
