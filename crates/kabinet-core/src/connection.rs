//! Where the app's data lives: on this computer (the embedded SQLCipher file, the default) or on
//! a `kabinet-server` the app is a client of. The citizen or the service centre's administrator
//! chooses on screen (the «Где хранятся данные» panel at the foot of every screen, the first
//! start included); the choice is kept in the data folder (`connection.json`) and takes effect
//! at the next start. `KABINET_SERVER_URL` (and `KABINET_SERVER_CA`) in the environment win over
//! the file — a deployment or a test pins the server, and the panel says so and changes nothing.
//!
//! The file holds no secret: a server's address and, optionally, the path of the private CA that
//! signed its certificate. A file that cannot be read or makes no sense is ignored (with a line
//! in the log): the app starts on this computer, where the choice can be made again.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ApiError, ApiResult};
use crate::fields::Field;
use crate::i18n::Locale;
use crate::validate::Invalid;

/// The file in the data folder that keeps the choice.
pub const FILE: &str = "connection.json";
/// The server's address from the environment (wins over the file).
pub const SERVER_URL_ENV: &str = "KABINET_SERVER_URL";
/// The private CA's PEM file from the environment.
pub const SERVER_CA_ENV: &str = "KABINET_SERVER_CA";
/// The longest address accepted.
const MAX_URL: usize = 2048;

/// Where the data lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionMode {
    /// «На этом компьютере»: the encrypted file in the data folder.
    Local,
    /// «Сервер»: a `kabinet-server`.
    Server,
}

/// The choice as the panel edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionSetting {
    /// Where the data lives.
    pub mode: ConnectionMode,
    /// The server's address (`https://…`; `http://` only on this computer); empty for `local`.
    #[serde(default)]
    pub url: String,
    /// The PEM file of the private CA that signed the server's certificate; empty: the system's.
    #[serde(default)]
    pub ca: String,
}

impl ConnectionSetting {
    /// On this computer.
    pub fn local() -> Self {
        Self { mode: ConnectionMode::Local, url: String::new(), ca: String::new() }
    }
}

/// The choice in force and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionView {
    /// What this run of the app uses.
    pub setting: ConnectionSetting,
    /// Pinned by the environment (`KABINET_SERVER_URL`): the panel shows it and cannot change it.
    pub from_environment: bool,
}

/// The choice this run starts with: the environment's, else the data folder's file, else local.
pub fn current(data_dir: &Path) -> ConnectionView {
    if let Some(url) = std::env::var(SERVER_URL_ENV).ok().filter(|url| !url.trim().is_empty()) {
        let ca = std::env::var(SERVER_CA_ENV).unwrap_or_default();
        let setting = ConnectionSetting { mode: ConnectionMode::Server, url: url.trim().to_owned(), ca };
        return ConnectionView { setting, from_environment: true };
    }
    let setting = match std::fs::read(data_dir.join(FILE)) {
        Err(_) => ConnectionSetting::local(),
        Ok(bytes) => match serde_json::from_slice::<ConnectionSetting>(&bytes) {
            Ok(setting) if check(&setting, Locale::Ru).is_ok() => setting,
            _ => {
                tracing::warn!("connection.json is not usable; starting on this computer");
                ConnectionSetting::local()
            }
        },
    };
    ConnectionView { setting, from_environment: false }
}

/// Checks a choice before it is kept: a server's address is `https://host…`, or `http://` to this
/// computer only (a password must not cross a network in the clear); the CA, if named, is a
/// readable PEM file. Every problem names its field. Returns the choice tidied (trimmed; the
/// server's fields emptied for `local`).
pub fn check(setting: &ConnectionSetting, locale: Locale) -> ApiResult<ConnectionSetting> {
    if setting.mode == ConnectionMode::Local {
        return Ok(ConnectionSetting::local());
    }
    let url = setting.url.trim().trim_end_matches('/').to_owned();
    let ca = setting.ca.trim().to_owned();
    let mut found = Vec::new();
    if url.is_empty() {
        found.push((Field::ServerUrl, Invalid::Required));
    } else if url.len() > MAX_URL || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        found.push((Field::ServerUrl, Invalid::Format));
    } else if !secure_enough(&url) {
        found.push((Field::ServerUrl, Invalid::ServerUrlScheme));
    }
    if !ca.is_empty() && !is_pem_certificate(Path::new(&ca)) {
        found.push((Field::ServerCa, Invalid::ServerCaFile));
    }
    if !found.is_empty() {
        return Err(ApiError::fields(found, locale));
    }
    Ok(ConnectionSetting { mode: ConnectionMode::Server, url, ca })
}

/// `https://<host>`, or `http://` to 127.0.0.1, localhost or [::1].
fn secure_enough(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        return rest
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|host| !host.is_empty() && !host.contains('@'));
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host =
        if authority.starts_with("[::1]") { "[::1]" } else { authority.split(':').next().unwrap_or("") };
    let port_ok = authority.strip_prefix(host).is_some_and(|port| {
        port.is_empty() || port.strip_prefix(':').is_some_and(|p| p.parse::<u16>().is_ok())
    });
    ["127.0.0.1", "localhost", "[::1]"].contains(&host) && port_ok
}

/// Whether `path` is a readable file with at least one PEM certificate (at most 1 MiB read).
fn is_pem_certificate(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else { return false };
    if !meta.is_file() || meta.len() > 1 << 20 {
        return false;
    }
    std::fs::read_to_string(path).is_ok_and(|text| text.contains("-----BEGIN CERTIFICATE-----"))
}

/// Keeps a checked choice in the data folder (written whole, then renamed into place).
pub fn save(data_dir: &Path, setting: &ConnectionSetting, locale: Locale) -> ApiResult<()> {
    let bytes = serde_json::to_vec_pretty(setting).map_err(|e| ApiError::internal(e, locale))?;
    let path: PathBuf = data_dir.join(FILE);
    let part = data_dir.join(format!("{FILE}.part"));
    let written = std::fs::create_dir_all(data_dir)
        .and_then(|()| std::fs::write(&part, &bytes))
        .and_then(|()| std::fs::rename(&part, &path));
    written.map_err(|cause| crate::export::save_failed(locale, &cause))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn server(url: &str) -> ConnectionSetting {
        ConnectionSetting { mode: ConnectionMode::Server, url: url.to_owned(), ca: String::new() }
    }

    #[test]
    fn a_server_is_https_or_plain_http_on_this_computer_only() {
        for good in [
            "https://kabinet.example.ru",
            "https://10.0.0.5:8443/",
            "http://127.0.0.1:8443",
            "http://localhost",
            "http://[::1]:80",
        ] {
            assert!(check(&server(good), Locale::Ru).is_ok(), "{good}");
        }
        for (bad, reason) in [
            ("", Invalid::Required),
            ("http://kabinet.example.ru", Invalid::ServerUrlScheme),
            ("http://127.0.0.1.evil.ru", Invalid::ServerUrlScheme),
            ("http://localhost@evil.ru", Invalid::ServerUrlScheme),
            ("ftp://kabinet.example.ru", Invalid::ServerUrlScheme),
            ("https://", Invalid::ServerUrlScheme),
            ("https://a b", Invalid::Format),
        ] {
            let error = check(&server(bad), Locale::Ru).unwrap_err();
            assert_eq!((error.fields[0].field, error.fields[0].code), (Field::ServerUrl, reason), "{bad}");
        }
        assert_eq!(
            check(&server("https://kabinet.example.ru/"), Locale::Ru).unwrap().url,
            "https://kabinet.example.ru"
        );
        let local = ConnectionSetting { mode: ConnectionMode::Local, url: "x".into(), ca: "y".into() };
        assert_eq!(check(&local, Locale::Ru).unwrap(), ConnectionSetting::local());
    }

    #[test]
    fn the_ca_must_be_a_pem_certificate_and_the_choice_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        std::fs::write(&ca, "not a certificate").unwrap();
        let mut setting = server("https://kabinet.example.ru");
        setting.ca = ca.display().to_string();
        let error = check(&setting, Locale::En).unwrap_err();
        assert_eq!(error.fields[0].field, Field::ServerCa);
        std::fs::write(&ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n").unwrap();
        let checked = check(&setting, Locale::En).unwrap();
        save(dir.path(), &checked, Locale::En).unwrap();
        if std::env::var_os(SERVER_URL_ENV).is_none() {
            assert_eq!(current(dir.path()), ConnectionView { setting: checked, from_environment: false });
            std::fs::write(dir.path().join(FILE), "{ broken").unwrap();
            assert_eq!(
                current(dir.path()).setting,
                ConnectionSetting::local(),
                "a broken file: this computer"
            );
        }
    }
}
