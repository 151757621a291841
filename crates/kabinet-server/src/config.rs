//! The server's configuration: a TOML file (optional) and the environment, the environment
//! winning, so one file can serve every process of a deployment while each process gets its
//! address and secrets from its unit or container.
//!
//! The rules that keep a misconfigured server from starting rather than running unsafely:
//! a PostgreSQL database is required (the encrypted file is the app's, for one computer); a
//! master key is required (a server has no OS keyring, and every process must derive the same
//! keys); the master key never sits in the TOML file itself, only in the environment or a file
//! it names; plain HTTP only on a loopback address (development, or a TLS-terminating proxy on
//! the same host); a certificate without its key, or a key without its certificate, is refused.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use zeroize::Zeroizing;

/// Requests per client address per minute, unless configured.
pub const DEFAULT_REQUESTS_PER_MINUTE: u32 = 600;
/// The largest request body, unless configured: a 10 MB scan with room for its headers.
pub const DEFAULT_BODY_BYTES: usize = 11 * 1024 * 1024;

/// The TOML file, every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    database_url: Option<String>,
    replica_url: Option<String>,
    master_key_file: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    workers: Option<bool>,
    tls: Option<FileTls>,
    limits: Option<FileLimits>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTls {
    cert: Option<PathBuf>,
    key: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileLimits {
    requests_per_minute: Option<u32>,
    body_bytes: Option<usize>,
    trusted_proxies: Option<Vec<String>>,
}

/// Where the certificate chain and its private key are (PEM).
#[derive(Debug, Clone)]
pub struct Tls {
    /// The certificate chain, leaf first.
    pub cert: PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// The checked configuration.
#[derive(Debug)]
pub struct ServerConfig {
    /// The address to listen on.
    pub listen: SocketAddr,
    /// The PostgreSQL database.
    pub database_url: String,
    /// A streaming replica of it, for history pages (`KABINET_REPLICA_URL`).
    pub replica_url: Option<String>,
    /// The master key's text (64 hex digits), checked when the core opens.
    pub master_key: Zeroizing<String>,
    /// Where logs and temporary files go.
    pub data_dir: PathBuf,
    /// Whether this process runs the scheduler and the delivery worker (any number may: they
    /// take turns through the database).
    pub workers: bool,
    /// HTTPS, or plain HTTP on loopback when `None`.
    pub tls: Option<Tls>,
    /// Requests per client address per minute, shared by all processes; 0 turns it off.
    pub requests_per_minute: u32,
    /// The largest request body in bytes.
    pub body_bytes: usize,
    /// Load balancers whose `X-Forwarded-For` names the client (`KABINET_TRUSTED_PROXIES`,
    /// comma-separated addresses); from anyone else the header is ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// Reads `file` (if any) and the environment `env` (a lookup, so tests pass their own).
pub fn load(file: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Result<ServerConfig, String> {
    let parsed: FileConfig = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| {
                format!("the configuration file {} cannot be read: {error}", path.display())
            })?;
            toml::from_str(&text)
                .map_err(|error| format!("the configuration file {} is not valid: {error}", path.display()))?
        }
        None => FileConfig::default(),
    };
    let env = |name: &str| env(name).filter(|value| !value.trim().is_empty());

    let listen_text = env("KABINET_LISTEN").or(parsed.listen).unwrap_or_else(|| "127.0.0.1:8443".to_owned());
    let listen: SocketAddr = listen_text.trim().parse().map_err(|_| {
        format!("KABINET_LISTEN / listen: «{listen_text}» is not an address and port such as 127.0.0.1:8443")
    })?;

    let database_url = env("KABINET_DATABASE_URL").or(parsed.database_url).ok_or(
        "KABINET_DATABASE_URL / database_url: the server needs a PostgreSQL database (postgres://…)"
            .to_owned(),
    )?;
    if !(database_url.starts_with("postgres://") || database_url.starts_with("postgresql://")) {
        return Err(
            "KABINET_DATABASE_URL / database_url: only PostgreSQL (postgres://…) is served".to_owned()
        );
    }

    let replica_url = env("KABINET_REPLICA_URL").or(parsed.replica_url);
    if replica_url
        .as_deref()
        .is_some_and(|url| !(url.starts_with("postgres://") || url.starts_with("postgresql://")))
    {
        return Err("KABINET_REPLICA_URL / replica_url: a PostgreSQL replica (postgres://…)".to_owned());
    }

    let master_key = match env("KABINET_MASTER_KEY") {
        Some(key) => Zeroizing::new(key),
        None => {
            let file = env("KABINET_MASTER_KEY_FILE").map(PathBuf::from).or(parsed.master_key_file).ok_or(
                "KABINET_MASTER_KEY or KABINET_MASTER_KEY_FILE / master_key_file: the server needs its master key \
                 (64 hex digits; kabinet-server --new-master-key makes one)"
                    .to_owned(),
            )?;
            Zeroizing::new(
                std::fs::read_to_string(&file).map_err(|error| {
                    format!("the master key file {} cannot be read: {error}", file.display())
                })?,
            )
        }
    };

    let data_dir = env("KABINET_DATA_DIR")
        .map(PathBuf::from)
        .or(parsed.data_dir)
        .unwrap_or_else(|| std::env::temp_dir().join("kabinet-server"));

    let workers = match env("KABINET_WORKERS") {
        Some(value) => {
            parse_bool(&value).ok_or(format!("KABINET_WORKERS: «{value}» is not true or false"))?
        }
        None => parsed.workers.unwrap_or(true),
    };

    let file_tls = parsed.tls.unwrap_or_default();
    let cert = env("KABINET_TLS_CERT").map(PathBuf::from).or(file_tls.cert);
    let key = env("KABINET_TLS_KEY").map(PathBuf::from).or(file_tls.key);
    let tls = match (cert, key) {
        (Some(cert), Some(key)) => Some(Tls { cert, key }),
        (None, None) => None,
        _ => {
            return Err(
                "KABINET_TLS_CERT and KABINET_TLS_KEY / [tls] cert and key: both or neither".to_owned()
            );
        }
    };
    if tls.is_none() && !listen.ip().is_loopback() {
        return Err(format!(
            "{listen}: plain HTTP is allowed on a loopback address only; give a certificate and key \
             (KABINET_TLS_CERT, KABINET_TLS_KEY) to listen on another"
        ));
    }

    let file_limits = parsed.limits.unwrap_or_default();
    let requests_per_minute = match env("KABINET_REQUESTS_PER_MINUTE") {
        Some(value) => value
            .trim()
            .parse()
            .map_err(|_| format!("KABINET_REQUESTS_PER_MINUTE: «{value}» is not a whole number"))?,
        None => file_limits.requests_per_minute.unwrap_or(DEFAULT_REQUESTS_PER_MINUTE),
    };
    let body_bytes = file_limits.body_bytes.unwrap_or(DEFAULT_BODY_BYTES);
    let proxies: Vec<String> = match env("KABINET_TRUSTED_PROXIES") {
        Some(list) => list.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect(),
        None => file_limits.trusted_proxies.unwrap_or_default(),
    };
    let trusted_proxies = proxies
        .iter()
        .map(|p| {
            p.parse()
                .map_err(|_| format!("KABINET_TRUSTED_PROXIES / trusted_proxies: «{p}» is not an IP address"))
        })
        .collect::<Result<Vec<std::net::IpAddr>, String>>()?;
    if body_bytes < 1024 {
        return Err("[limits] body_bytes: at least 1024".to_owned());
    }

    Ok(ServerConfig {
        listen,
        database_url,
        replica_url,
        master_key,
        data_dir,
        workers,
        tls,
        requests_per_minute,
        body_bytes,
        trusted_proxies,
    })
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> =
            pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        move |name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    const KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";

    #[test]
    fn the_environment_alone_is_enough_on_loopback() {
        let config = load(
            None,
            env_of(&[("KABINET_DATABASE_URL", "postgres://x@127.0.0.1/k"), ("KABINET_MASTER_KEY", KEY)]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.listen.to_string(), "127.0.0.1:8443");
        assert!(config.tls.is_none());
        assert!(config.workers);
        assert_eq!(config.requests_per_minute, DEFAULT_REQUESTS_PER_MINUTE);
    }

    #[test]
    fn plain_http_beyond_loopback_no_database_no_key_and_half_a_tls_pair_are_refused() {
        let base = [("KABINET_DATABASE_URL", "postgres://x@127.0.0.1/k"), ("KABINET_MASTER_KEY", KEY)];
        let open = load(None, env_of(&[base[0], base[1], ("KABINET_LISTEN", "0.0.0.0:8443")]));
        assert!(open.is_err_and(|e| e.contains("loopback")));
        assert!(load(None, env_of(&[base[1]])).is_err_and(|e| e.contains("PostgreSQL")));
        assert!(load(None, env_of(&[base[0]])).is_err_and(|e| e.contains("master key")));
        let sqlite = load(None, env_of(&[("KABINET_DATABASE_URL", "sqlite:x.db"), base[1]]));
        assert!(sqlite.is_err_and(|e| e.contains("only PostgreSQL")));
        let half = load(None, env_of(&[base[0], base[1], ("KABINET_TLS_CERT", "/c.pem")]));
        assert!(half.is_err_and(|e| e.contains("both or neither")));
        let bad = load(None, env_of(&[base[0], base[1], ("KABINET_LISTEN", "localhost")]));
        assert!(bad.is_err_and(|e| e.contains("not an address")));
        let proxy =
            load(None, env_of(&[base[0], base[1], ("KABINET_TRUSTED_PROXIES", "10.0.0.1, balancer")]));
        assert!(proxy.is_err_and(|e| e.contains("«balancer» is not an IP address")));
        let proxies = load(None, env_of(&[base[0], base[1], ("KABINET_TRUSTED_PROXIES", "10.0.0.1, ::1")]));
        assert_eq!(proxies.map(|c| c.trusted_proxies.len()).unwrap_or(0), 2);
    }

    #[test]
    fn the_shipped_deployment_file_is_valid() {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/server.toml");
        let env = env_of(&[("KABINET_DATABASE_URL", "postgres://k@db/k"), ("KABINET_MASTER_KEY", KEY)]);
        let config = load(Some(&file), env).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.listen.to_string(), "0.0.0.0:8443");
        assert!(config.tls.is_some() && config.workers);
        assert_eq!((config.requests_per_minute, config.trusted_proxies.len()), (600, 2));
    }

    #[test]
    fn the_file_is_read_and_the_environment_wins_over_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let key_file = dir.path().join("master.key");
        std::fs::write(&key_file, format!("{KEY}\n")).unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("server.toml");
        let text = format!(
            "listen = \"127.0.0.1:9000\"\ndatabase_url = \"postgres://file@127.0.0.1/k\"\nmaster_key_file = {:?}\n\
             workers = false\n[limits]\nrequests_per_minute = 7\n",
            key_file.display().to_string()
        );
        std::fs::write(&file, text).unwrap_or_else(|e| panic!("{e}"));
        let config = load(Some(&file), env_of(&[("KABINET_LISTEN", "127.0.0.1:9001")]))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.listen.port(), 9001, "the environment wins");
        assert_eq!(config.database_url, "postgres://file@127.0.0.1/k");
        assert_eq!(config.master_key.trim(), KEY);
        assert!(!config.workers);
        assert_eq!(config.requests_per_minute, 7);
        std::fs::write(&file, "master_key = \"00\"\n").unwrap_or_else(|e| panic!("{e}"));
        let inline = load(Some(&file), env_of(&[]));
        assert!(inline.is_err_and(|e| e.contains("master_key")), "no key inside the file itself");
    }
}
