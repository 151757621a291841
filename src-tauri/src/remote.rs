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
use kabinet_core::connection::{ConnectionMode, ConnectionSetting, SERVER_CA_ENV, SERVER_URL_ENV};
use kabinet_core::validate::Invalid;
use kabinet_core::vault::Vault;
use kabinet_core::{ApiError, ApiResult, ErrorCode, Locale, Token};
use kabinet_core::{ApiError as Refusal, Field};
use serde_json::Value;

/// The header that hands over a new session token (empty: none any more).
const TOKEN_HEADER: &str = "kabinet-token";
/// The header naming a handed-over file (percent-encoded).
const FILE_NAME_HEADER: &str = "kabinet-file-name";
/// The header counting the files a handed-over file holds.
const FILE_COUNT_HEADER: &str = "kabinet-file-count";

/// Why a server's settings cannot make a client (the cause for the log).
#[derive(Debug)]
pub enum Unusable {
    /// The address.
    Address(String),
    /// The private CA's file.
    Ca(String),
    /// The TLS or HTTP client itself.
    Client(String),
}

impl Unusable {
    /// The refusal at the field it is about, in `locale`.
    pub fn refusal(&self, locale: Locale) -> Refusal {
        match self {
            Self::Address(_) => Refusal::field(Field::ServerUrl, Invalid::Format, locale),
            Self::Ca(_) => Refusal::field(Field::ServerCa, Invalid::ServerCaFile, locale),
            Self::Client(cause) => Refusal::internal(cause, locale),
        }
    }
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Address(cause) => write!(f, "{SERVER_URL_ENV}: {cause}"),
            Self::Ca(cause) => write!(f, "{SERVER_CA_ENV}: {cause}"),
            Self::Client(cause) => write!(f, "the HTTPS client: {cause}"),
        }
    }
}

/// A connection to one server.
pub struct Remote {
    http: reqwest::Client,
    base: String,
    citizen: Mutex<Option<Token>>,
    staff: Mutex<Option<Token>>,
    keyring_read: AtomicBool,
    vault: Option<Vault>,
    data_dir: std::path::PathBuf,
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
    /// The connection a choice names (`kabinet_core::connection`): this computer, or a client
    /// of the server at its address.
    pub fn open(setting: &ConnectionSetting, data_dir: &Path, locale: Locale) -> Result<Self, Unusable> {
        if setting.mode == ConnectionMode::Local {
            return Ok(Self::Local);
        }
        let ca = (!setting.ca.is_empty()).then(|| Path::new(&setting.ca));
        Remote::connect(&setting.url, ca, data_dir, locale).map(Self::Remote)
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
    pub fn connect(url: &str, ca: Option<&Path>, data_dir: &Path, locale: Locale) -> Result<Self, Unusable> {
        let parsed = reqwest::Url::parse(url).map_err(|e| Unusable::Address(e.to_string()))?;
        let loopback = parsed
            .host_str()
            .is_some_and(|host| host == "127.0.0.1" || host == "localhost" || host == "[::1]");
        match parsed.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err(Unusable::Address("https:// (plain http only on this computer)".to_owned())),
        }
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        if let Some(ca) = ca {
            use rustls::pki_types::CertificateDer;
            use rustls::pki_types::pem::PemObject;
            let unusable = |e: &dyn std::fmt::Display| Unusable::Ca(e.to_string());
            for cert in CertificateDer::pem_file_iter(ca).map_err(|e| unusable(&e))? {
                roots.add(cert.map_err(|e| unusable(&e))?).map_err(|e| unusable(&e))?;
            }
        }
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Unusable::Client(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(120))
            .build()
            .map_err(|e| Unusable::Client(e.to_string()))?;
        Ok(Self {
            http,
            base: url.trim_end_matches('/').to_owned(),
            citizen: Mutex::default(),
            staff: Mutex::default(),
            keyring_read: AtomicBool::new(false),
            vault: Vault::open(data_dir).ok(),
            data_dir: data_dir.to_path_buf(),
            device: kabinet_core::device::header_text(&kabinet_core::device::name()),
            locale: std::sync::RwLock::new(locale),
        })
    }

    /// The server's address.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Whether a `kabinet-server` answers at the address (`/health`).
    pub async fn answers(&self) -> bool {
        let asked =
            self.http.get(format!("{}/health", self.base)).timeout(Duration::from_secs(10)).send().await;
        match asked {
            Ok(response) if response.status().is_success() => {
                response.text().await.is_ok_and(|text| text.trim() == "ok")
            }
            Ok(_) => false,
            Err(error) => {
                drop(self.unreachable(&error));
                false
            }
        }
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

    /// A save's dialog words, asked before the file (`…/offer`).
    pub async fn offer(
        &self,
        command: &Command,
        args: Value,
    ) -> ApiResult<kabinet_core::documents::SaveOffer> {
        let body = serde_json::to_vec(&args).map_err(|e| ApiError::internal(e, self.locale()))?;
        let (answer, _) = self.post_to(command, "/offer", body, &[]).await?;
        serde_json::from_slice(&answer).map_err(|e| ApiError::internal(e, self.locale()))
    }

    /// A `shell` entry's file as the server hands it over; `None` when «Отменить» stopped it.
    pub async fn file(&self, command: &Command, args: Value) -> ApiResult<Option<Download>> {
        let body = serde_json::to_vec(&args).map_err(|e| ApiError::internal(e, self.locale()))?;
        let Sent::Streaming(response) = self.send(command, "", body, &[]).await? else {
            return Err(ApiError::internal("a file answer changed the session", self.locale()));
        };
        if response.status() == reqwest::StatusCode::NO_CONTENT {
            return Ok(None);
        }
        let header =
            |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let name =
            kabinet_core::device::from_header_text(header(FILE_NAME_HEADER).unwrap_or_default().as_bytes());
        let files = header(FILE_COUNT_HEADER).and_then(|count| count.parse().ok()).unwrap_or(1);
        // The name becomes a file here: no folder of its own, no way out of the folder given.
        let name = name.replace(['/', '\\', '\0', ':', '*', '?', '"', '<', '>', '|'], "_");
        let name = if name.trim_matches('.').is_empty() { "kabinet.pdf".to_owned() } else { name };
        Ok(Some(Download { name, files, length: response.content_length(), response, locale: self.locale() }))
    }

    async fn post(
        &self,
        command: &Command,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> ApiResult<(Vec<u8>, bool)> {
        self.post_to(command, "", body, headers).await
    }

    async fn post_to(
        &self,
        command: &Command,
        path: &str,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> ApiResult<(Vec<u8>, bool)> {
        match self.send(command, path, body, headers).await? {
            Sent::Read(answer) => Ok((answer, true)),
            Sent::Streaming(response) => {
                let answer = response.bytes().await.map_err(|error| self.unreachable(&error))?;
                Ok((answer.to_vec(), true))
            }
        }
    }

    /// Sends a call; a successful answer (its token kept) or the server's structured error.
    async fn send(
        &self,
        command: &Command,
        path: &str,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> ApiResult<Sent> {
        self.recall(command);
        let sent = self.held(command).lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let mut request = self
            .http
            .post(format!("{}/api/v1/{}{path}", self.base, command.name))
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
        if status.is_success() && handed.is_none() {
            return Ok(Sent::Streaming(response));
        }
        // A call that changes the token (a sign-in, a sign-out) is read whole: whether it is
        // remembered is in its answer.
        let answer = response.bytes().await.map_err(|error| self.unreachable(&error))?.to_vec();
        if let Some(token) = handed {
            self.keep(command, token, &answer);
        }
        if status.is_success() {
            return Ok(Sent::Read(answer));
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
        // A session's end removes the private viewer copies of this computer, as in the embedded
        // app (the server's core cannot reach them).
        if new.is_none() {
            kabinet_core::documents::clear_viewer_copies(&self.data_dir);
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

/// What the server answered: still to be read, or read already (it changed the token).
enum Sent {
    Streaming(reqwest::Response),
    Read(Vec<u8>),
}

/// The most a file opened or printed from a server may hold in memory: 64 MiB (an issued document
/// is at most 16 MB; a day's batch of them is capped by the core).
const MAX_IN_MEMORY: usize = 64 << 20;

/// A file the server is handing over, read in chunks.
pub struct Download {
    /// Its name (no folder in it).
    pub name: String,
    /// The files it holds (an export's count).
    pub files: u32,
    /// Its size, when the server said.
    pub length: Option<u64>,
    response: reqwest::Response,
    locale: Locale,
}

impl Download {
    /// The next chunk; `None` at the end.
    pub async fn chunk(&mut self) -> ApiResult<Option<Vec<u8>>> {
        match self.response.chunk().await {
            Ok(chunk) => Ok(chunk.map(|bytes| bytes.to_vec())),
            Err(error) => {
                tracing::warn!(cause = %kabinet_core::support::redact(&error.to_string()), "a file download broke off");
                Err(ApiError::new(ErrorCode::ServerUnreachable, self.locale))
            }
        }
    }

    /// The whole file in memory (a document, a slip, a day's batch), at most [`MAX_IN_MEMORY`]:
    /// whatever a server sends, the app holds no more.
    pub async fn whole(mut self) -> ApiResult<Vec<u8>> {
        let expected = usize::try_from(self.length.unwrap_or(0)).unwrap_or(usize::MAX);
        let mut bytes = Vec::with_capacity(expected.min(MAX_IN_MEMORY));
        while let Some(chunk) = self.chunk().await? {
            if bytes.len() + chunk.len() > MAX_IN_MEMORY {
                let cause = "a file handed over for the viewer or the printer is too large";
                return Err(ApiError::internal(cause, self.locale));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }
}
