//! Helpers: a fresh PostgreSQL database per test on the throwaway cluster of the test command,
//! real `kabinet-server` processes on it, and an HTTP client that speaks the protocol the way
//! the app's remote mode does. The test's own Кабинет on the same database reads what a person
//! would read elsewhere (the code in an SMS, the authenticator's secret).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use kabinet_core::{Caller, Client, Config, Kabinet};
use serde_json::{Value, json};
use tokio::io::AsyncBufReadExt;

pub const PASSWORD: &str = "Zq8#mW2!rLp";
pub const STAFF_PASSWORD: &str = "Vx7#kQ2!mTz";

/// One test's database, its master key and the test's own Кабинет on it.
pub struct Db {
    pub dir: tempfile::TempDir,
    pub url: String,
    pub master: String,
    pub kabinet: Kabinet,
}

impl Db {
    /// The machine's administrator on this database (as `kabinet-cli` acts).
    pub fn machine(&self) -> Client<'_> {
        static MACHINE: std::sync::LazyLock<Caller> = std::sync::LazyLock::new(|| Caller::machine("test"));
        self.kabinet.client(&MACHINE)
    }

    /// The six digits of the latest message to `destination`, as the citizen reads them.
    pub async fn code_for(&self, destination: &str) -> String {
        let message = self.kabinet.outbox().last_for(destination).await.unwrap().expect("a message");
        message.body.chars().filter(char::is_ascii_digit).take(6).collect()
    }
}

pub async fn database() -> Db {
    let admin = std::env::var("KABINET_TEST_DATABASE_URL").expect(
        "the server's tests need KABINET_TEST_DATABASE_URL: run them under scripts/lib/with-postgres.sh (the test command does)",
    );
    let name = format!("srv_{:016x}", rand_u64());
    let url = kabinet_core::db::create_postgres_database(&admin, &name).await.unwrap();
    let master = kabinet_core::vault::MasterKey::generate_hex().to_string();
    let dir = tempfile::tempdir().unwrap();
    let config =
        Config::with_data_dir(dir.path().join("core")).with_database_url(&url).with_master_key(&master);
    let kabinet = Kabinet::open(config).await.unwrap();
    Db { dir, url, master, kabinet }
}

pub fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos());
    hasher.finish()
}

/// A running `kabinet-server` process (killed when dropped).
pub struct Server {
    pub child: tokio::process::Child,
    pub base: String,
    /// What it prints on stdout after «listening on …» (crash points announce themselves there).
    printed: tokio::sync::mpsc::UnboundedReceiver<String>,
}

impl Server {
    /// Waits (two minutes at most) until the server prints a line containing `text`.
    pub async fn wait_for(&mut self, text: &str) {
        let found = tokio::time::timeout(Duration::from_secs(120), async {
            while let Some(line) = self.printed.recv().await {
                if line.contains(text) {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(found.ok(), Some(true), "the server never printed «{text}»");
    }
}

/// A Кабинет of the test's own on `db` whose clock stands `ago` in the past, to arrange what
/// happened before (one-minute cooldowns between codes to one phone are then long over when
/// the server, on the real clock, sends the next).
pub async fn kabinet_in_the_past(db: &Db, ago: time::Duration) -> (Kabinet, kabinet_core::Clock) {
    let clock = kabinet_core::Clock::manual(time::OffsetDateTime::now_utc() - ago);
    let config = Config::with_data_dir(db.dir.path().join(format!("past-{}", rand_u64())))
        .with_database_url(&db.url)
        .with_master_key(&db.master);
    (Kabinet::open_with_clock(config, clock.clone()).await.unwrap(), clock)
}

/// Registers `phone` on `kabinet` (its own caller), signed out afterwards.
pub async fn register_directly(kabinet: &Kabinet, phone: &str) -> String {
    use kabinet_core::contract::{SendCodeRequest, VerifyCodeRequest};
    let caller = Caller::new();
    let k = kabinet.client(&caller);
    k.registration().send_code(SendCodeRequest { phone: phone.into() }).await.unwrap();
    let message = kabinet.outbox().last_for(phone).await.unwrap().unwrap();
    let code: String = message.body.chars().filter(char::is_ascii_digit).take(6).collect();
    let ticket = k
        .registration()
        .verify_code(VerifyCodeRequest { phone: phone.into(), code: code.into() })
        .await
        .unwrap()
        .ticket;
    let draft = serde_json::from_value(json!({
        "ticket": ticket.as_str(), "surname": "Ёлкина-Соколова", "given_name": "Анна", "patronymic": "Сергеевна",
        "birth_date": "05.03.1990", "gender": "Ж", "password": PASSWORD, "password_repeat": PASSWORD,
        "accept_terms": true, "accept_personal_data": true,
    }))
    .unwrap();
    k.registration().complete(draft).await.unwrap().account_number
}

/// The server binary with `db`'s database and key, listening on a port of the system's choice,
/// without background workers unless `envs` says otherwise.
pub fn command(db: &Db, envs: &[(&str, String)]) -> tokio::process::Command {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_kabinet-server"));
    let data_dir = db.dir.path().join(format!("server-{}", rand_u64()));
    for name in
        ["KABINET_MASTER_KEY_FILE", "KABINET_TLS_CERT", "KABINET_TLS_KEY", "KABINET_REQUESTS_PER_MINUTE"]
    {
        command.env_remove(name);
    }
    command
        .env("KABINET_LISTEN", "127.0.0.1:0")
        .env("KABINET_DATABASE_URL", &db.url)
        .env("KABINET_MASTER_KEY", &db.master)
        .env("KABINET_DATA_DIR", &data_dir)
        .env("KABINET_WORKERS", "false")
        .env("KABINET_LOG", "warn");
    for (name, value) in envs {
        command.env(name, value);
    }
    // Its log goes to a file of the test's directory: read when a start fails, never a full pipe.
    let log = std::fs::File::create(data_dir.with_extension("log")).unwrap();
    command.stdout(std::process::Stdio::piped()).stderr(log).kill_on_drop(true);
    command
}

pub async fn start(db: &Db, envs: &[(&str, String)]) -> Server {
    start_command(command(db, envs)).await
}

/// Starts `command` and waits for its «listening on …» line.
pub async fn start_command(mut command: tokio::process::Command) -> Server {
    let log = command
        .as_std()
        .get_envs()
        .find(|(name, _)| *name == "KABINET_DATA_DIR")
        .and_then(|(_, dir)| dir)
        .map(|dir| std::path::PathBuf::from(dir).with_extension("log"));
    let mut child = command.spawn().unwrap();
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let base = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(url) = line.strip_prefix("kabinet-server: listening on ") {
                return Some(url.to_owned());
            }
        }
        None
    })
    .await
    .expect("the server starts within a minute");
    let Some(base) = base else {
        let status = child.wait().await.unwrap();
        let said = log.and_then(|log| std::fs::read_to_string(log).ok()).unwrap_or_default();
        panic!("the server did not start ({status}): {said}");
    };
    // Keep reading its stdout so it never blocks on a full pipe; the lines go to `wait_for`.
    let (tell, printed) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            let _ = tell.send(line);
        }
    });
    Server { child, base, printed }
}

/// What one call answered.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    /// `Kabinet-Token` when the answer carried it (empty: the token is gone).
    pub token: Option<String>,
    pub body: Value,
}

impl Reply {
    /// The error's code, if the answer is an error.
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
}

/// A client of one server, as the app's remote mode is.
#[derive(Clone)]
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
    pub device: &'static str,
}

/// rustls on ring, trusting only `roots` (none for plain HTTP).
pub fn client_tls(roots: rustls::RootCertStore) -> rustls::ClientConfig {
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth()
}

impl Api {
    pub fn new(server: &Server) -> Self {
        Self::with_tls(&server.base, client_tls(rustls::RootCertStore::empty()))
    }

    pub fn with_tls(base: &str, tls: rustls::ClientConfig) -> Self {
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap();
        Self { http, base: base.to_owned(), device: "Ноутбук Анны" }
    }

    /// `POST /api/v1/<name>` with `args`, as the holder of `token`.
    pub async fn call(&self, name: &str, token: Option<&str>, args: Value) -> Reply {
        let body = serde_json::to_vec(&args).unwrap();
        self.send(name, token, body, &[]).await
    }

    /// `POST` as `token`, for a call that may never be answered (a process killed meanwhile).
    pub async fn call_raw(&self, name: &str, token: &str, args: Value) -> Result<u16, reqwest::Error> {
        let request = self.http.post(format!("{}/api/v1/{name}", self.base));
        let response =
            request.header("authorization", format!("Bearer {token}")).body(args.to_string()).send().await?;
        let status = response.status().as_u16();
        response.bytes().await?;
        Ok(status)
    }

    /// The same with a raw body and headers (the `raw` commands).
    pub async fn send(
        &self,
        name: &str,
        token: Option<&str>,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let encoded: String = self
            .device
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect();
        let mut request = self
            .http
            .post(format!("{}/api/v1/{name}", self.base))
            .header("kabinet-device", encoded)
            .header("kabinet-os", "Linux")
            .body(body);
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let token = response.headers().get("kabinet-token").map(|v| v.to_str().unwrap().to_owned());
        let bytes = response.bytes().await.unwrap();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Reply { status, token, body }
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self.http.get(format!("{}{path}", self.base)).send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Registers `phone` over HTTP (the code read where the citizen would read it); the account number.
    pub async fn register(&self, db: &Db, phone: &str) -> String {
        let sent = self.call("registration_send_code", None, json!({"request": {"phone": phone}})).await;
        assert_eq!(sent.status, 200, "{sent:?}");
        let code = db.code_for(phone).await;
        let confirmed = self
            .call("registration_verify_code", None, json!({"request": {"phone": phone, "code": code}}))
            .await;
        assert_eq!(confirmed.status, 200, "{confirmed:?}");
        let draft = json!({"draft": {
            "ticket": confirmed.body["ticket"],
            "surname": "Ёлкина-Соколова", "given_name": "Анна", "patronymic": "Сергеевна",
            "birth_date": "05.03.1990", "gender": "Ж",
            "password": PASSWORD, "password_repeat": PASSWORD,
            "accept_terms": true, "accept_personal_data": true,
        }});
        let done = self.call("registration_complete", None, draft).await;
        assert_eq!(done.status, 200, "{done:?}");
        done.body["account_number"].as_str().unwrap().to_owned()
    }

    /// Signs in with `identifier` and the test password; the session token.
    pub async fn sign_in(&self, identifier: &str) -> String {
        let request =
            json!({"request": {"identifier": identifier, "password": PASSWORD, "remember_me": false}});
        let reply = self.call("session_sign_in", None, request).await;
        assert_eq!((reply.status, reply.body["step"].as_str()), (200, Some("signed_in")), "{reply:?}");
        reply.token.expect("the sign-in hands over a token")
    }

    /// Adds a staff member with `role` on `db` and signs them in over HTTP; the staff token.
    pub async fn staff_desk(&self, db: &Db, login: &str, role: &str) -> String {
        use kabinet_core::staff::types::NewStaff;
        let new = NewStaff {
            login: login.into(),
            full_name: "Петрова Анна Сергеевна".into(),
            role: role.into(),
            password: STAFF_PASSWORD.into(),
        };
        let created = db.machine().team().add(new).await.unwrap();
        let code = totp_code(created.secret.as_str(), time::OffsetDateTime::now_utc().unix_timestamp());
        let request = json!({"request": {"login": created.login, "password": STAFF_PASSWORD, "code": code}});
        let reply = self.call("staff_sign_in", None, request).await;
        assert_eq!(reply.status, 200, "{reply:?}");
        reply.token.expect("the staff sign-in hands over a token")
    }
}

/// The TOTP code for a Base32 key, computed independently (RFC 6238).
pub fn totp_code(manual_key: &str, unix: i64) -> String {
    use hmac::{Hmac, Mac};
    let secret = data_encoding::BASE32_NOPAD.decode(manual_key.replace(' ', "").as_bytes()).unwrap();
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&secret).unwrap();
    mac.update(&(unix / 30).to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let binary = u32::from_be_bytes(digest[offset..offset + 4].try_into().unwrap()) & 0x7fff_ffff;
    format!("{:06}", binary % 1_000_000)
}
