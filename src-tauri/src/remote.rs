//! The app as a client of `kabinet-server` (remote mode): every command the core would answer
//! goes over HTTPS to the server instead, in the protocol of `crates/kabinet-server/src/http.rs`,
//! and the webview cannot tell the difference — the same arguments, the same answers, the same
//! structured errors.
//!
//! What stays here, on the citizen's computer: the session tokens the server hands over (in
//! memory; a «Запомнить меня» token in the OS keyring, exactly where the embedded app keeps its
//! own), and the computer's name sent with each call. The server's certificate is verified
//! against the system's roots (webpki) plus, if configured, one private CA; there is no switch
//! that turns verification off. A server that cannot be reached is `server_unreachable` («Нет
//! связи с сервером»): nothing the citizen typed is lost, since the webview keeps its forms and
//! the call can simply be repeated.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use kabinet_core::api::Command;
use kabinet_core::vault::Vault;
use kabinet_core::{ApiError, ApiResult, ErrorCode, Locale, Token};
use serde_json::Value;

/// Where the app finds its server: `KABINET_SERVER_URL` (`https://…`, or `http://` on loopback),
/// and optionally `KABINET_SERVER_CA`, a PEM file with the private CA that signed its certificate.
pub const SERVER_URL_ENV: &str = "KABINET_SERVER_URL";
/// The private CA's PEM file.
pub const SERVER_CA_ENV: &str = "KABINET_SERVER_CA";

/// The header that hands over a new session token (empty: none any more).
const TOKEN_HEADER: &str = "kabinet-token";

/// A connection to one server.
pub struct Remote {
    http: reqwest::Client,
    base: String,
    citizen: Mutex<Option<Token>>,
    staff: Mutex<Option<Token>>,
    keyring_read: AtomicBool,
    vault: Option<Vault>,
    device: String,
    locale: std::sync::RwLock<Locale>,
}

/// How the app reaches its data: this computer's database, or a server.
pub enum Connection {
    /// Embedded: the core in this process.
    Local,
    /// The server at this address.
    Remote(Remote),
}

impl Connection {
    /// From the environment: a server when `KABINET_SERVER_URL` is set.
    pub fn from_env(data_dir: &Path, locale: Locale) -> Result<Self, String> {
        let Some(url) = std::env::var(SERVER_URL_ENV).ok().filter(|url| !url.trim().is_empty()) else {
            return Ok(Self::Local);
        };
        let ca = std::env::var_os(SERVER_CA_ENV).filter(|ca| !ca.is_empty());
        Remote::connect(url.trim(), ca.as_deref().map(Path::new), data_dir, locale).map(Self::Remote)
    }

    /// The server, in remote mode.
    pub fn remote(&self) -> Option<&Remote> {
        match self {
            Self::Local => None,
            Self::Remote(remote) => Some(remote),
        }
    }
}

impl Remote {
    /// A client of the server at `url`, trusting the system's roots and `ca`.
    pub fn connect(url: &str, ca: Option<&Path>, data_dir: &Path, locale: Locale) -> Result<Self, String> {
        let parsed = reqwest::Url::parse(url).map_err(|e| format!("{SERVER_URL_ENV}: {e}"))?;
        let loopback = parsed
            .host_str()
            .is_some_and(|host| host == "127.0.0.1" || host == "localhost" || host == "[::1]");
        match parsed.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err(format!("{SERVER_URL_ENV}: https:// (plain http only on this computer)")),
        }
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if let Some(ca) = ca {
            use rustls::pki_types::CertificateDer;
            use rustls::pki_types::pem::PemObject;
            for cert in CertificateDer::pem_file_iter(ca).map_err(|e| format!("{SERVER_CA_ENV}: {e}"))? {
                roots
                    .add(cert.map_err(|e| format!("{SERVER_CA_ENV}: {e}"))?)
                    .map_err(|e| format!("{SERVER_CA_ENV}: {e}"))?;
            }
        }
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| e.to_string())?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            http,
            base: url.trim_end_matches('/').to_owned(),
            citizen: Mutex::default(),
            staff: Mutex::default(),
            keyring_read: AtomicBool::new(false),
            vault: Vault::open(data_dir).ok(),
            device: percent_encode(&kabinet_core::device::name()),
            locale: std::sync::RwLock::new(locale),
        })
    }

    /// The server's address.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The language the server is asked to answer in (`Accept-Language`).
    pub fn set_locale(&self, locale: Locale) {
        *self.locale.write().unwrap_or_else(std::sync::PoisonError::into_inner) = locale;
    }

    /// The language the citizen chose.
    pub fn locale(&self) -> Locale {
        *self.locale.read().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn held(&self, command: &Command) -> &Mutex<Option<Token>> {
        if command.uses_staff_session() { &self.staff } else { &self.citizen }
    }

    /// A citizen token kept with «Запомнить меня», read from the OS keyring once per run.
    fn recall(&self, command: &Command) {
        if command.uses_staff_session() || self.keyring_read.swap(true, Ordering::Relaxed) {
            return;
        }
        let mut held = self.citizen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if held.is_none()
            && let Some(vault) = &self.vault
        {
            *held = vault.remembered_token().ok().flatten();
        }
    }

    /// A JSON command: its arguments as the webview sent them, its answer as the server gave it.
    pub async fn json(&self, command: &Command, args: Value) -> ApiResult<Value> {
        let body = serde_json::to_vec(&args).map_err(|e| ApiError::internal(e, self.locale()))?;
        let (answer, _) = self.post(command, body, &[]).await?;
        Ok(serde_json::from_slice(&answer).unwrap_or(Value::Null))
    }

    /// A raw command: the file as the body, with the app's headers.
    pub async fn raw(&self, command: &Command, body: Vec<u8>, headers: &[(&str, &str)]) -> ApiResult<Value> {
        let (answer, _) = self.post(command, body, headers).await?;
        Ok(serde_json::from_slice(&answer).unwrap_or(Value::Null))
    }

    /// A bytes command: JSON arguments, the file back.
    pub async fn bytes(&self, command: &Command, args: Value) -> ApiResult<Vec<u8>> {
        let body = serde_json::to_vec(&args).map_err(|e| ApiError::internal(e, self.locale()))?;
        self.post(command, body, &[]).await.map(|(answer, _)| answer)
    }

    async fn post(
        &self,
        command: &Command,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> ApiResult<(Vec<u8>, bool)> {
        self.recall(command);
        let sent = self.held(command).lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let mut request = self
            .http
            .post(format!("{}/api/v1/{}", self.base, command.name))
            .header("kabinet-device", &self.device)
            .header("kabinet-os", kabinet_core::device::os())
            .header(reqwest::header::ACCEPT_LANGUAGE, if self.locale() == Locale::En { "en" } else { "ru" })
            .body(body);
        if let Some(token) = &sent {
            request = request.header(reqwest::header::AUTHORIZATION, format!("Bearer {}", token.as_str()));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.map_err(|error| self.unreachable(&error))?;
        let status = response.status();
        let handed = response.headers().get(TOKEN_HEADER).map(|v| v.to_str().unwrap_or("").to_owned());
        let answer = response.bytes().await.map_err(|error| self.unreachable(&error))?.to_vec();
        if let Some(token) = handed {
            self.keep(command, token, &answer);
        }
        if status.is_success() {
            return Ok((answer, true));
        }
        Err(serde_json::from_slice::<ApiError>(&answer)
            .unwrap_or_else(|_| ApiError::internal(format!("server answered {status}"), self.locale())))
    }

    /// Keeps the token the server handed over (empty: none), and in the OS keyring when the
    /// new citizen session is a «Запомнить меня» one; a taken-away token leaves the keyring too.
    fn keep(&self, command: &Command, token: String, answer: &[u8]) {
        let staff = command.uses_staff_session();
        let new = (!token.is_empty()).then(|| Token::new(token));
        let remembered = serde_json::from_slice::<Value>(answer).ok().is_some_and(|answer| {
            answer["remembered"] == Value::Bool(true) || answer["session"]["remembered"] == Value::Bool(true)
        });
        if !staff && let Some(vault) = &self.vault {
            let _ = match &new {
                Some(token) if remembered => vault.remember_token(token),
                Some(_) => Ok(()),
                None => vault.forget_token(),
            };
        }
        *self.held(command).lock().unwrap_or_else(std::sync::PoisonError::into_inner) = new;
    }

    fn unreachable(&self, error: &reqwest::Error) -> ApiError {
        use std::error::Error;
        let mut cause = error.to_string();
        let mut source = error.source();
        while let Some(inner) = source {
            cause = format!("{cause}: {inner}");
            source = inner.source();
        }
        tracing::warn!(cause = %kabinet_core::support::redact(&cause), "the server is not reachable");
        ApiError::new(ErrorCode::ServerUnreachable, self.locale())
    }
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._ ".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
